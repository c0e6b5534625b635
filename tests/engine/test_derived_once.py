"""What issue #13 derives once and shares stays the same answer as deriving it each time.

The person's age facts are derived once per member (:class:`~repatguard.facts.facts.AgeFacts`,
kept by the household's ``Kin``) and read by the person's row, the questions about the other
members, the coercion-screening counts and the dependent children; a message with no values
is one shared value per template, and whether a message renders is judged once per template.
None of it may change an answer, whatever order things are asked in.

And the review of those changes, as an attacker would read them: another instant or adult
age, members with equal records, a member test written before ``Member`` existed, a fact
that cannot be derived, thousands of run-time templates, a ``Kin`` of another household.
None may change an answer or turn an error into a pass.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import repatguard.model as model_module
from repatguard import _printable
from repatguard.engine.check import to_instant
from repatguard.engine.evaluate import _is_message, _subjects, evaluate, household_kins
from repatguard.facts import people
from repatguard.facts.context import PersonContext
from repatguard.facts.facts import Facts, Kin, build_facts, count_people, dependants
from repatguard.facts.parameters import Parameters
from repatguard.io.converter import converter
from repatguard.model import ConsentEvent, ConsentKind, Household, Operation, Person, Relationship
from repatguard.model.dates import PartialDate, age_bounds
from repatguard.outcomes import Outcome, Scope, Severity
from repatguard.rules import message as message_module
from repatguard.rules._people import parents_passing
from repatguard.rules.api import HouseholdContext, Problem, Reference
from repatguard.rules.message import Message, msg
from repatguard.rules.registry import Registry, Rule, RuleMeta, builtin_registry
from repatguard.testing.factories import AS_OF, sound_operation

_BIRTHS = st.one_of(
    st.none(),
    st.dates(min_value=pendulum.Date(1950, 1, 1), max_value=pendulum.Date(2026, 5, 1)).map(
        lambda d: pendulum.Date(d.year, d.month, d.day)
    ),
    st.integers(min_value=2000, max_value=2012).map(PartialDate),
)
_DEPARTURES = st.one_of(
    st.none(),
    st.dates(min_value=pendulum.Date(2026, 1, 1), max_value=pendulum.Date(2030, 1, 1)).map(
        lambda d: pendulum.Date(d.year, d.month, d.day)
    ),
)
_EVENTS = st.lists(
    st.builds(
        ConsentEvent,
        kind=st.sampled_from(ConsentKind),
        at=st.integers(min_value=-400, max_value=60).map(
            lambda days: pendulum.datetime(2026, 6, 1, 12, tz="UTC").add(days=days)
        ),
    ),
    max_size=4,
).map(tuple)
_MEMBERS = st.lists(
    st.tuples(
        _EVENTS,
        _BIRTHS,
        st.none() | st.integers(min_value=0, max_value=40),
        _DEPARTURES,
        st.sampled_from((None, *Relationship)),
        st.sampled_from((None, False, True)),
        st.sampled_from((None, False, True)),
    ),
    min_size=1,
    max_size=6,
)


def _operation(members: list[tuple[object, ...]]) -> Operation:
    household = Household(
        reference="H",
        members=tuple(
            Person(
                reference=f"P{i}",
                consent=consent,  # type: ignore[arg-type]
                date_of_birth=born,  # type: ignore[arg-type]
                age=None if born is not None else age,  # type: ignore[arg-type]
                planned_departure=departure,  # type: ignore[arg-type]
                relationship_to_head=relationship,  # type: ignore[arg-type]
                stays_behind=stays,  # type: ignore[arg-type]
                unaccompanied_or_separated=separated,  # type: ignore[arg-type]
            )
            for i, (consent, born, age, departure, relationship, stays, separated) in enumerate(
                members
            )
        ),
    )
    return attrs.evolve(sound_operation(), households=(household,))


@settings(max_examples=150, deadline=None)
@given(members=_MEMBERS)
def test_the_age_facts_kept_once_are_those_derived_each_time(
    members: list[tuple[object, ...]],
) -> None:
    operation = _operation(members)
    facts = build_facts(operation, to_instant(AS_OF), Parameters())
    household = operation.households[0]
    kin = Kin.of(facts, household)
    adult_age = facts.params.adult_age
    for member in kin.members:
        person = member.person
        assert member.age == facts.age(household, person)
        assert member.ages.is_adult == people.is_adult(facts, household, person)
        assert member.ages.owes_adult_safeguards == facts.owes_adult_safeguards(household, person)
        assert member.ages.span == facts.age_span(household, person)
        assert member.events == tuple(facts.events(person))
        assert (member.age is not None and member.age >= adult_age) is (
            member.ages.is_adult is True
        )
    rows = [s.context for s in _subjects(Scope.PERSON, facts, None)]
    for row in rows:
        assert isinstance(row, PersonContext)
        person, row_kin = row.person, row.kin
        assert row.age == facts.age(household, person)
        assert row.events == tuple(facts.events(person))
        assert row.is_adult == people.is_adult(facts, household, person)
        assert row.owes_adult_safeguards == facts.owes_adult_safeguards(household, person)
        assert row.without_parental_care == people.without_parental_care(facts, row_kin, person)
        assert row.decides_individually == people.decides_individually(facts, row_kin, person)
    # The counts read the kin the rules read, or make their own: the same answers.
    kins = household_kins(facts)
    assert count_people(facts, operation.households, kins) == count_people(
        facts, operation.households
    )
    assert dependants(facts, operation.households, kins) == dependants(facts, operation.households)


def test_a_kin_made_with_other_facts_is_refused() -> None:
    from repatguard.engine.evaluate import evaluate
    from repatguard.rules.registry import builtin_registry

    operation = _operation([((), None, 30, None, Relationship.HEAD, False, False)])
    facts = build_facts(operation, to_instant(AS_OF), Parameters())
    later = build_facts(operation, to_instant(pendulum.Date(2027, 1, 1)), Parameters())
    with pytest.raises(ValueError, match="one Kin per household"):
        evaluate(builtin_registry(), facts, kins=household_kins(later))
    with pytest.raises(ValueError, match="one Kin per household"):
        evaluate(builtin_registry(), facts, kins=[])


def test_a_person_who_is_not_the_member_at_the_position_gets_their_own_age() -> None:
    operation = _operation(
        [
            ((), None, 40, None, Relationship.HEAD, False, False),
            ((), None, 5, None, Relationship.CHILD, False, False),
        ]
    )
    facts = build_facts(operation, to_instant(AS_OF), Parameters())
    household = operation.households[0]
    kin = Kin.of(facts, household)
    head, child = household.members
    assert kin.ages(head, 1).age == 40  # position 1 holds the child: not read
    assert kin.ages(child, 1).age == 5
    assert kin.ages(child, 7).age == 5  # no such position
    assert kin.ages(child).age == 5
    assert kin.events(head, 1) == tuple(facts.events(head))


# --- fixed messages and the template judgement ------------------------------------------


def test_a_template_judged_with_values_is_judged_again_without() -> None:
    # One template, judged in either order: the values decide, not what was seen first.
    assert _is_message(msg("withdrew on {day_a}", day_a="2026-01-02"))
    assert not _is_message(Message("withdrew on {day_a}"))
    assert not _is_message(Message("withdrew on {day_b}"))
    assert _is_message(msg("withdrew on {day_b}", day_b="2026-01-02"))
    assert not _is_message(msg("withdrew on {day_b}", other="2026-01-02"))


def test_a_value_with_a_name_that_is_not_text_is_refused() -> None:
    assert not _is_message(Message("no placeholder", ((1, "x"),)))  # type: ignore[arg-type]


@pytest.mark.parametrize("template", ["{a", "a}", "{a!r}", "{a:>3}", "{a.b}", "{0}", "{}"])
def test_a_template_that_does_not_render_is_refused_every_time(template: str) -> None:
    for _ in range(2):
        assert not _is_message(Message(template, (("a", "x"),)))


def test_fixed_messages_are_equal_values_and_the_shared_ones_are_bounded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert msg("not recorded") == Message("not recorded")
    assert str(msg("not recorded")) == "not recorded"
    monkeypatch.setattr(message_module, "_SHARED", {})
    monkeypatch.setattr(message_module, "_SHARED_LIMIT", 3)
    made = [msg(f"dynamic text {n}") for n in range(10)]
    assert [str(m) for m in made] == [f"dynamic text {n}" for n in range(10)]
    assert len(message_module._SHARED) == 3
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made[0].template = "changed"  # type: ignore[misc]


# --- the review of the speed changes --------------------------------------------------------


def _with_twins(operation: Operation, which: int) -> Operation:
    """The first household with one member repeated twice more: the same record object and an
    equal copy (in Python only: the loader refuses a repeated reference)."""
    household = operation.households[0]
    member = household.members[which % len(household.members)]
    members = (*household.members, member, attrs.evolve(member))
    return attrs.evolve(operation, households=(attrs.evolve(household, members=members),))


def _rows_match_fresh_derivation(facts: Facts, household: Household) -> None:
    for subject in _subjects(Scope.PERSON, facts, None):
        row = subject.context
        assert isinstance(row, PersonContext)
        person = row.person
        assert row.age == facts.age(household, person)
        assert row.is_adult == people.is_adult(facts, household, person)
        assert row.owes_adult_safeguards == facts.owes_adult_safeguards(household, person)
        assert row.events == tuple(facts.events(person))
        assert row.decides_individually == people.decides_individually(facts, row.kin, person)


@settings(max_examples=120, deadline=None)
@given(
    members=_MEMBERS,
    twin=st.integers(min_value=0, max_value=5),
    adult_age=st.integers(min_value=18, max_value=25),
    days=st.integers(min_value=-30, max_value=400),
)
def test_kept_age_facts_follow_each_checks_instant_and_adult_age(
    members: list[tuple[object, ...]], twin: int, adult_age: int, days: int
) -> None:
    # The next review re-runs the check at other instants, and a policy may raise adult_age:
    # the age facts kept for one check must be those of that check, members with equal
    # records included.
    operation = _with_twins(_operation(members), twin)
    household = operation.households[0]
    first = build_facts(operation, to_instant(AS_OF), Parameters())
    later = build_facts(
        operation, to_instant(AS_OF.add(days=days)), Parameters(adult_age=adult_age)
    )
    for facts in (first, later, first):
        _rows_match_fresh_derivation(facts, household)
        kins = household_kins(facts)
        assert count_people(facts, operation.households, kins) == count_people(
            facts, operation.households
        )
        assert dependants(facts, operation.households, kins) == dependants(
            facts, operation.households
        )
    # The kin of one check is never read by another (its facts differ).
    with pytest.raises(ValueError, match="one Kin per household"):
        evaluate(builtin_registry(), later, kins=household_kins(first))


def test_a_kin_of_another_household_is_refused() -> None:
    # One Kin per household, and of that household: a kin of an evolved copy holds other
    # members and another departure, whose age facts are not this household's.
    operation = sound_operation()
    facts = build_facts(operation, to_instant(AS_OF), Parameters())
    household = operation.households[0]
    moved = attrs.evolve(household, planned_departure=AS_OF.add(days=400))
    kins = [Kin.of(facts, moved), *household_kins(facts)[1:]]
    with pytest.raises(ValueError, match="one Kin per household"):
        evaluate(builtin_registry(), facts, kins=kins)
    with pytest.raises(ValueError, match="one Kin per household"):
        count_people(facts, operation.households, kins)
    with pytest.raises(ValueError, match="one Kin per household"):
        dependants(facts, operation.households, kins)


def _broken_child() -> Operation:
    """The sound operation whose child has a date of birth that is text (built in Python;
    the loader refuses it): no age can be derived for that child."""
    operation = sound_operation()
    household = operation.households[0]
    broken = attrs.evolve(household.members[-1])
    object.__setattr__(broken, "date_of_birth", "2016")
    members = (*household.members[:-1], broken)
    return attrs.evolve(
        operation,
        households=(attrs.evolve(household, members=members), *operation.households[1:]),
    )


def test_an_age_that_cannot_be_derived_is_an_error_wherever_it_is_read() -> None:
    operation = _broken_child()
    facts = build_facts(operation, to_instant(AS_OF), Parameters())
    evaluation = evaluate(builtin_registry(), facts)
    errors = {(f.code, f.subject) for f in evaluation.findings if f.outcome is Outcome.ERROR}
    child = operation.households[0].members[-1].reference
    head = operation.households[0].members[0].reference
    # Read through the household's Kin by a household rule, by the child's own row, and by
    # the question asked of the other members (VOL-017 asks who may sit in).
    assert ("CHILD-004", operation.households[0].reference) in errors
    assert ("VOL-001", child) in errors
    assert ("VOL-017", head) in errors
    # Asked again (the derivation is lazy and not kept when it raises): still an error.
    again = evaluate(builtin_registry(), facts, kins=household_kins(facts))
    assert [f for f in again.findings if f.outcome is Outcome.ERROR] == [
        f for f in evaluation.findings if f.outcome is Outcome.ERROR
    ]
    with pytest.raises(AttributeError):
        count_people(facts, operation.households, household_kins(facts))


# --- member tests of a rule pack ---------------------------------------------------------------


def _meta(code: str, scope: Scope) -> RuleMeta:
    return RuleMeta(
        code=code,
        title="A rule pack's rule under test",
        scope=scope,
        severity=Severity.MAJOR,
        rationale="Asks a question of the household the way rule packs did before Member.",
        references=(Reference(instrument="test", locator="n/a"),),
        remediation="Write the member test with one Member argument.",
        checks="Counts members with a test of three arguments.",
    )


def _old_adult(facts: Facts, household: Household, person: Person) -> bool:
    age = facts.age(household, person)
    return age is not None and age >= facts.params.adult_age


def _household_rule(ctx: HouseholdContext) -> Iterator[Problem]:
    if ctx.kin.count(None, _old_adult) == 0:  # type: ignore[arg-type]
        yield Problem.fail("", "no adult moves")


def _person_rule(ctx: PersonContext) -> Iterator[Problem]:
    known, possible = parents_passing(ctx.kin, ctx.person, _old_adult)  # type: ignore[arg-type]
    if not known and not possible:
        yield Problem.fail("", "no adult parent")


def test_a_member_test_written_the_old_way_is_an_error_never_a_pass() -> None:
    registry = Registry(
        (
            Rule(meta=_meta("PACK-001", Scope.HOUSEHOLD), check=_household_rule),
            Rule(meta=_meta("PACK-002", Scope.PERSON), check=_person_rule),
        )
    )
    operation = sound_operation()
    facts = build_facts(operation, to_instant(AS_OF), Parameters())
    evaluation = evaluate(registry, facts)
    people_count = sum(len(h.members) for h in operation.households)
    tallies = {t.code: t for t in evaluation.tallies}
    assert (tallies["PACK-001"].error, tallies["PACK-001"].passed) == (len(operation.households), 0)
    assert (tallies["PACK-002"].error, tallies["PACK-002"].passed) == (people_count, 0)
    assert all(f.outcome is Outcome.ERROR for f in evaluation.findings)


# --- run-time templates -------------------------------------------------------------------


def test_thousands_of_run_time_templates_keep_every_message_and_judgement_exact(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A rule pack writing f-strings fills both caches: past their bound, messages are made and
    # judged afresh, never served from another template.
    monkeypatch.setattr(message_module, "_SHARED", {})
    monkeypatch.setattr(message_module, "_SHARED_LIMIT", 50)
    from repatguard.engine import evaluate as evaluate_module

    monkeypatch.setattr(evaluate_module, "_TEMPLATES", {})
    monkeypatch.setattr(evaluate_module, "_TEMPLATES_LIMIT", 50)
    for n in range(5000):
        fixed = msg(f"person {n} withdrew")
        assert str(fixed) == f"person {n} withdrew"
        assert _is_message(fixed)
        # The same kind of template with a placeholder left unfilled: refused every time.
        assert not _is_message(msg(f"person {n} withdrew on {{on}}"))
        assert _is_message(msg(f"person {n} withdrew on {{on}}", on="2026-01-02"))
    assert len(message_module._SHARED) == 50
    assert len(evaluate_module._TEMPLATES) == 50
    # A shared message is a frozen value: a copy with values is another message.
    shared = msg("person 1 withdrew")
    assert shared.with_values(on="x") is not shared
    assert shared.values == ()


# --- printable JSON, enums, age bounds ----------------------------------------------------------


def test_the_ascii_fast_path_escapes_every_character_the_search_escapes() -> None:
    # Every code point, alone and between ASCII letters: the fast path may skip the search
    # only where the search would change nothing (C0 is json.dumps's, DEL the only other
    # ASCII one; C1, bidi controls, U+2028/2029 and lone surrogates are not ASCII).
    search = _printable._JSON_UNSAFE
    for code in range(0x110000):
        for text in (chr(code), f"a{chr(code)}b"):
            expected = search.sub(_printable._json_escape, text)
            assert _printable.json_printable(text) == expected, hex(code)


def _enums() -> Iterator[type[enum.Enum]]:
    for value in vars(model_module).values():
        if isinstance(value, type) and issubclass(value, enum.Enum):
            yield value


@pytest.mark.parametrize("kind", [*_enums(), Outcome, Scope, Severity], ids=lambda k: k.__name__)
def test_enum_members_unstructure_to_their_value(kind: type[enum.Enum]) -> None:
    for member in kind:
        dumped: Any = converter().unstructure(member)
        assert dumped == member.value
        assert type(dumped) is type(member.value) or isinstance(member, str)


@pytest.mark.parametrize(
    ("born", "bounds"),
    [
        (pendulum.Date(2008, 1, 1), (18, 18)),
        (PartialDate(2008), (17, 18)),
        (PartialDate(2008, 1), (18, 18)),
        (pendulum.Date(2008, 6, 2), (17, 17)),
        (PartialDate(2008, 6), (17, 18)),
    ],
    ids=str,
)
def test_age_bounds_tell_a_full_date_from_a_partial_one_on_its_first_day(
    born: pendulum.Date, bounds: tuple[int, int]
) -> None:
    # Equal first days, asked in any order: the full date's shortcut never answers for a
    # month or a year.
    on = AS_OF
    assert age_bounds(born, on) == bounds
    assert age_bounds(PartialDate(born.year), on) == (
        on.year - born.year - 1,
        on.year - born.year,
    )
    assert age_bounds(born, on) == bounds
