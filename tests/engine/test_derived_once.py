"""What issue #13 derives once and shares stays the same answer as deriving it each time.

The person's age facts are derived once per member (:class:`~repatguard.facts.facts.AgeFacts`,
kept by the household's ``Kin``) and read by the person's row, the questions about the other
members, the coercion-screening counts and the dependent children; a message with no values
is one shared value per template, and whether a message renders is judged once per template.
None of it may change an answer, whatever order things are asked in.
"""

from __future__ import annotations

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repatguard.engine.check import to_instant
from repatguard.engine.evaluate import _is_message, _subjects, household_kins
from repatguard.facts import people
from repatguard.facts.context import PersonContext
from repatguard.facts.facts import Kin, build_facts, count_people, dependants
from repatguard.facts.parameters import Parameters
from repatguard.model import ConsentEvent, ConsentKind, Household, Operation, Person, Relationship
from repatguard.model.dates import PartialDate
from repatguard.outcomes import Scope
from repatguard.rules import message as message_module
from repatguard.rules.message import Message, msg
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


# --- messages -------------------------------------------------------------------------------


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
