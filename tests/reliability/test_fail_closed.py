"""Fail-closed properties over generated operations: less knowledge, more pressure or less
evidence never gives a better verdict, for the operation, any area or any case.

"Better" means "lets more proceed": promote (2) > facilitate_only (1) > insufficient_information
= blocked (0). Neither of the last two lets anything move, so a change between them is not a
change in what may proceed (it is pinned by the rule tests instead).

Operations are variations of :func:`repatguard.testing.factories.sound_operation`: more
households and members, a second return area, every optional fact set, unset or changed,
more positions, assessments, agreements and pressure signals. The number of examples comes
from the Hypothesis profile (see ``tests/conftest.py``): a small one in the default run, 10,000
per property in the ``long`` run (``python -m pytest -m long``).
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator
from enum import Enum
from types import NoneType, UnionType
from typing import Any

import attrs
import pendulum
from hypothesis import assume, given, note, settings
from hypothesis import strategies as st

import repatguard
from repatguard.model import (
    AgreementClause,
    AgreementKind,
    CoercionIndicator,
    ConditionsAssessment,
    ConsentEvent,
    ConsentKind,
    Household,
    LegalCategory,
    Operation,
    Person,
    PressureKind,
    PressureSignal,
    Relationship,
    ReturnArea,
    Stance,
    UnhcrPosition,
)
from repatguard.model.agreements import Agreement
from repatguard.model.validate import validate_operation
from repatguard.outcomes import Verdict
from repatguard.report import Report
from repatguard.testing.factories import (
    AS_OF,
    adult,
    at,
    child,
    sound_assessment,
    sound_operation,
)

# ---------------------------------------------------------------------------------------------
# The verdict order for "may the movement proceed"

MAY_PROCEED = {
    Verdict.PROMOTE: 2,
    Verdict.FACILITATE_ONLY: 1,
    Verdict.INSUFFICIENT_INFORMATION: 0,
    Verdict.BLOCKED: 0,
}


def may_proceed(verdict: Verdict) -> int:
    return MAY_PROCEED[verdict]


def check(operation: Operation) -> Report:
    return repatguard.check(operation, as_of=AS_OF, reveal_references=True)


def improvements(before: Report, after: Report) -> list[str]:
    """Every scope (operation, area, case) whose verdict lets more proceed ``after``."""
    found: list[str] = []
    if may_proceed(after.verdict) > may_proceed(before.verdict):
        found.append(f"operation: {before.verdict} -> {after.verdict}")
    areas = {a.area: a.verdict for a in before.area_verdicts}
    for area in after.area_verdicts:
        old = areas.get(area.area)
        if old is not None and may_proceed(area.verdict) > may_proceed(old):
            found.append(f"area {area.area}: {old} -> {area.verdict}")
    cases = {(c.scope, c.subject): c.verdict for c in before.case_verdicts}
    for case in after.case_verdicts:
        old = cases.get((case.scope, case.subject))
        if old is not None and may_proceed(case.verdict) > may_proceed(old):
            found.append(f"{case.scope} {case.subject}: {old} -> {case.verdict}")
    return found


def assert_no_better(before: Operation, after: Operation) -> None:
    first, second = check(before), check(after)
    better = improvements(first, second)
    if better:
        codes_before = sorted({(f.code, f.outcome.value, f.subject) for f in first.findings})
        codes_after = sorted({(f.code, f.outcome.value, f.subject) for f in second.findings})
        gone = [c for c in codes_before if c not in codes_after]
        new = [c for c in codes_after if c not in codes_before]
        raise AssertionError(f"better verdict: {better}; findings gone {gone}; new {new}")


def test_the_order_treats_insufficient_information_and_blocked_alike() -> None:
    assert may_proceed(Verdict.INSUFFICIENT_INFORMATION) == may_proceed(Verdict.BLOCKED)
    assert may_proceed(Verdict.PROMOTE) > may_proceed(Verdict.FACILITATE_ONLY)
    assert may_proceed(Verdict.FACILITATE_ONLY) > may_proceed(Verdict.BLOCKED)


def test_improvements_sees_a_better_case_verdict() -> None:
    # The comparison itself must be able to fail: a withdrawal removed is an improvement.
    withdrawn = _with_person(sound_operation(), 0, 0, lambda p: _add_event(p, _withdrawal()))
    better = improvements(check(withdrawn), check(sound_operation()))
    assert "person P-1: blocked -> promote" in better or any("P-1" in b for b in better)


# ---------------------------------------------------------------------------------------------
# Strategies: variations of the sound operation

DAY = st.integers(min_value=-720, max_value=360)
DATES = DAY.map(lambda d: AS_OF.add(days=d))
INSTANTS = st.builds(lambda d, h: at(AS_OF.add(days=d), h), DAY, st.integers(0, 23))
AREAS = ("AREA-1", "AREA-2")
PROFILES = ("journalists", "ethnic minority")
NEEDS = ("wheelchair user", "chronic illness")

_NOT_VARIED = {
    # Identity and cross-references: changing them breaks references, not facts.
    (ReturnArea, "reference"),
    (ReturnArea, "country"),
    (ConditionsAssessment, "reference"),
    (ConditionsAssessment, "area"),
    (UnhcrPosition, "reference"),
    (UnhcrPosition, "country"),
    (Agreement, "reference"),
    (Household, "reference"),
    (Person, "reference"),
    (ConsentEvent, "kind"),
    (ConsentEvent, "assessment"),
}


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _optional_args(hint: Any) -> tuple[Any, bool]:
    """``(inner, optional)`` for ``X | None``; ``(hint, False)`` otherwise."""
    if isinstance(hint, UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not NoneType]
        if len(args) == 1:
            return args[0], True
    return hint, False


def _leaf(hint: Any, field: str) -> st.SearchStrategy[Any] | None:
    """A strategy for a new value of a leaf field, or ``None`` to leave the field alone."""
    inner, optional = _optional_args(hint)
    base: st.SearchStrategy[Any] | None = None
    if inner is bool:
        base = st.booleans()
    elif isinstance(inner, type) and issubclass(inner, Enum):
        base = st.sampled_from(list(inner))
    elif inner is pendulum.Date:
        base = DATES
    elif inner is pendulum.DateTime:
        base = INSTANTS
    elif inner is int:
        base = st.integers(min_value=0, max_value=60)
    elif inner is str and field in ("intended_return_area",):
        base = st.sampled_from(AREAS)
    elif inner is str and optional:
        base = st.just("recorded")
    elif typing.get_origin(inner) is tuple:
        element = typing.get_args(inner)[0]
        if isinstance(element, type) and issubclass(element, Enum):
            base = st.lists(st.sampled_from(list(element)), unique=True, max_size=4).map(tuple)
        elif element is str and field in ("profiles", "risk_profiles"):
            base = st.lists(st.sampled_from(PROFILES), unique=True, max_size=2).map(tuple)
        elif element is str and field == "specific_needs":
            base = st.lists(st.sampled_from(NEEDS), unique=True, max_size=2).map(tuple)
        elif element is str and field == "areas":
            base = st.lists(st.sampled_from(AREAS), unique=True, max_size=2).map(tuple)
    if base is None:
        return None
    return st.none() | base if optional else base


@st.composite
def varied(draw: st.DrawFn, value: Any, rate: int = 8) -> Any:
    """``value`` with each leaf fact changed (often to ``None``) with probability ``1/rate``.

    The change decision shrinks towards "unchanged", so counterexamples stay close to the
    sound operation.
    """
    if isinstance(value, tuple):
        return tuple(draw(varied(item, rate)) for item in value)
    if not attrs.has(type(value)):
        return value
    cls = type(value)
    hints = _hints(cls)
    changes: dict[str, Any] = {}
    for field in attrs.fields(cls):
        if (cls, field.name) in _NOT_VARIED or _session_only(value, field.name):
            continue
        current = getattr(value, field.name)
        hint = hints[field.name]
        inner, optional = _optional_args(hint)
        if attrs.has(inner):
            if current is not None:
                if optional and draw(st.integers(0, rate - 1)) == rate - 1:
                    changes[field.name] = None
                else:
                    changes[field.name] = draw(varied(current, rate))
            elif _all_optional(inner) and draw(st.integers(0, rate - 1)) == rate - 1:
                changes[field.name] = draw(varied(inner(), 2))
            continue
        if isinstance(current, tuple) and current and attrs.has(type(current[0])):
            changes[field.name] = draw(varied(current, rate))
            continue
        strategy = _leaf(hint, field.name)
        if strategy is not None and draw(st.integers(0, rate - 1)) == rate - 1:
            changes[field.name] = draw(strategy)
    return attrs.evolve(value, **changes) if changes else value


def _all_optional(cls: type) -> bool:
    return all(field.default is not attrs.NOTHING for field in attrs.fields(cls))


def _session_only(value: Any, name: str) -> bool:
    """Fields only information sessions may have (an invariant the validator enforces)."""
    return (
        isinstance(value, ConsentEvent)
        and value.kind is not ConsentKind.INFORMATION_SESSION
        and name in ("language", "disclosed_negative_findings", "understood_language")
    )


def _withdrawal(day: int = -5) -> ConsentEvent:
    return ConsentEvent(kind=ConsentKind.WITHDRAWAL, at=at(AS_OF.add(days=day)))


@st.composite
def consent_events(draw: st.DrawFn, assessments: tuple[str, ...]) -> tuple[ConsentEvent, ...]:
    """A person's consent history: the sound one varied, or a generated one."""
    from repatguard.testing.factories import sound_consent

    if draw(st.integers(0, 3)) != 3:
        events = list(sound_consent())
        if draw(st.integers(0, 4)) == 4:
            events.append(_withdrawal(draw(st.integers(-30, 5))))
        return tuple(draw(varied(tuple(events), 6)))
    kinds = st.sampled_from(list(ConsentKind))
    generated: list[ConsentEvent] = []
    for kind in draw(st.lists(kinds, max_size=5)):
        when = draw(INSTANTS)
        if kind is ConsentKind.INFORMATION_SESSION:
            generated.append(
                ConsentEvent(
                    kind=kind,
                    at=when,
                    language=draw(st.none() | st.just("pt")),
                    assessment=draw(st.none() | st.sampled_from(assessments)),
                    disclosed_negative_findings=draw(st.none() | st.booleans()),
                    understood_language=draw(st.none() | st.booleans()),
                )
            )
        else:
            generated.append(ConsentEvent(kind=kind, at=when))
    return tuple(generated)


@st.composite
def people(draw: st.DrawFn, household: int, assessments: tuple[str, ...]) -> tuple[Person, ...]:
    head = adult(f"P-{household}-0", Relationship.HEAD)
    others = draw(st.lists(st.sampled_from(["spouse", "child", "relative"]), max_size=3))
    members = [head]
    for index, kind in enumerate(others, start=1):
        reference = f"P-{household}-{index}"
        if kind == "child":
            members.append(child(reference))
        elif kind == "spouse":
            members.append(adult(reference, Relationship.SPOUSE))
        else:
            members.append(adult(reference, Relationship.OTHER_RELATIVE))
    result: list[Person] = []
    for member in members:
        changed = draw(varied(member, 10))
        if member.relationship_to_head is not Relationship.CHILD:
            changed = attrs.evolve(changed, consent=draw(consent_events(assessments)))
        if draw(st.integers(0, 5)) == 5:
            changed = attrs.evolve(
                changed,
                coercion_indicators=tuple(
                    draw(st.lists(st.sampled_from(list(CoercionIndicator)), unique=True))
                ),
            )
        result.append(changed)
    return tuple(result)


def _signal(kind: PressureKind, start: int, tied: bool | None) -> PressureSignal:
    return PressureSignal(kind=kind, started_on=AS_OF.add(days=start), tied_to_refusing_return=tied)


SIGNALS = st.builds(
    _signal,
    st.sampled_from(list(PressureKind)),
    st.integers(-400, 30),
    st.none() | st.booleans(),
)

RESTRICTIVE = [s for s in Stance if s is not Stance.PROMOTING]

POSITIONS = st.builds(
    lambda ref, stances, areas, profiles, issued: UnhcrPosition(
        reference=ref,
        stances=tuple(stances),
        country="AGO",
        areas=tuple(areas),
        profiles=tuple(profiles),
        issued_on=AS_OF.add(days=issued),
    ),
    st.just("POS-X"),
    st.lists(st.sampled_from(list(Stance)), unique=True, min_size=1, max_size=2),
    st.lists(st.sampled_from(AREAS), unique=True, max_size=1),
    st.lists(st.sampled_from(PROFILES), unique=True, max_size=1),
    st.integers(-400, 10),
)


def _fix_population(op: Operation) -> Operation:
    """Declared counts that cover the manifest (an invariant), else unknown."""
    listed: dict[LegalCategory, int] = {}
    for household in op.households:
        for person in household.members:
            listed[person.legal_category] = listed.get(person.legal_category, 0) + 1
    names = {
        LegalCategory.REFUGEE: "refugees",
        LegalCategory.ASYLUM_SEEKER: "asylum_seekers",
        LegalCategory.MIGRANT: "migrants",
        LegalCategory.IDP: "idps",
        LegalCategory.STATELESS: "stateless",
        LegalCategory.UNKNOWN: "unknown",
    }
    changes: dict[str, int | None] = {}
    for category, name in names.items():
        declared = getattr(op.population, name)
        if declared is not None and declared < listed.get(category, 0):
            changes[name] = listed[category]
    if not changes:
        return op
    return attrs.evolve(op, population=attrs.evolve(op.population, **changes))


@st.composite
def operations(draw: st.DrawFn) -> Operation:
    """A valid variation of the sound operation."""
    base = sound_operation()
    two_areas = draw(st.booleans())
    areas = base.return_areas
    assessments = [draw(varied(sound_assessment(), 6))]
    if two_areas:
        areas = (*areas, ReturnArea(reference="AREA-2", name="Eastern plateau"))
        assessments.append(draw(varied(sound_assessment("AREA-2", "ASM-2"), 6)))
    if draw(st.integers(0, 4)) == 4:
        older = sound_assessment("AREA-1", "ASM-0")
        older = attrs.evolve(older, assessed_on=AS_OF.subtract(days=draw(st.integers(31, 400))))
        assessments.insert(0, draw(varied(older, 4)))
    refs = tuple(a.reference for a in assessments)
    households = []
    for index in range(draw(st.integers(1, 3))):
        area = draw(st.sampled_from(AREAS[: len(areas)]) | st.none()) if index else "AREA-1"
        households.append(
            Household(
                reference=f"HH-{index}",
                intended_return_area=area,
                members=draw(people(index, refs)),
            )
        )
    positions = list(draw(varied(base.positions, 6)))
    positions += [
        attrs.evolve(p, reference=f"POS-{i + 2}")
        for i, p in enumerate(draw(st.lists(POSITIONS, max_size=2)))
    ]
    agreements = list(draw(varied(base.agreements, 6)))
    if draw(st.integers(0, 4)) == 4:
        agreements.append(
            Agreement(
                reference="BIL-1",
                kind=AgreementKind.BILATERAL,
                parties=("ZMB", "AGO"),
                signed_on=AS_OF.subtract(days=100),
                covers=(AgreementClause.VOLUNTARINESS,),
            )
        )
    op = attrs.evolve(
        base,
        return_areas=areas,
        assessments=tuple(assessments),
        positions=tuple(positions),
        agreements=tuple(agreements),
        pressure_signals=tuple(draw(st.lists(SIGNALS, max_size=2))),
        households=tuple(households),
    )
    op = draw(varied(op, 12))
    op = _fix_population(op)
    problems = validate_operation(op)
    note(f"validation problems: {problems}")
    assume(not problems)
    return op


# ---------------------------------------------------------------------------------------------
# Changes at a path

Path = tuple[str | int, ...]


def get(obj: Any, path: Path) -> Any:
    for step in path:
        obj = obj[step] if isinstance(step, int) else getattr(obj, step)
    return obj


def replace(obj: Any, path: Path, value: Any) -> Any:
    if not path:
        return value
    step, rest = path[0], path[1:]
    if isinstance(step, int):
        items = list(obj)
        items[step] = replace(items[step], rest, value)
        return tuple(items)
    return attrs.evolve(obj, **{step: replace(getattr(obj, step), rest, value)})


NONE_IS_NOT_UNKNOWN = {
    # None means something other than "unknown" here, as the model documents:
    (UnhcrPosition, "lifted_on"),  # not lifted: in force
    (Agreement, "ends_on"),  # no end date: in force
    (Person, "intended_return_area"),  # no override: the household's area
    (Person, "planned_departure"),  # no override: the household's or operation's date
    (Household, "planned_departure"),  # no override: the movement window's start
}
"""Fields whose ``None`` is not a deleted fact; leaving them out of the deletion property is a
decision documented in docs/reliability.md."""


def deletions(obj: Any, path: Path = ()) -> Iterator[tuple[Path, Any]]:
    """Every way to forget one known fact: an optional field set to ``None``, a legal category
    set to ``unknown``."""
    if isinstance(obj, tuple):
        for index, item in enumerate(obj):
            yield from deletions(item, (*path, index))
        return
    if not attrs.has(type(obj)):
        return
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        here = (*path, field.name)
        if (type(obj), field.name) in NONE_IS_NOT_UNKNOWN:
            pass
        elif field.default is None and value is not None:
            yield here, None
        elif isinstance(value, LegalCategory) and value is not LegalCategory.UNKNOWN:
            yield here, LegalCategory.UNKNOWN
        yield from deletions(value, here)


def _with_person(op: Operation, h: int, m: int, change: Callable[[Person], Person]) -> Operation:
    person = op.households[h].members[m]
    return replace(op, ("households", h, "members", m), change(person))


def _add_event(person: Person, event: ConsentEvent) -> Person:
    return attrs.evolve(person, consent=(*person.consent, event))


def _people(op: Operation) -> list[tuple[int, int]]:
    return [(h, m) for h, hh in enumerate(op.households) for m in range(len(hh.members))]


# ---------------------------------------------------------------------------------------------
# Properties


def test_forgetting_a_known_fact_never_gives_a_better_verdict(profile: settings) -> None:
    @profile
    @given(op=operations(), data=st.data())
    def prop(op: Operation, data: st.DataObject) -> None:
        path, value = data.draw(st.sampled_from(list(deletions(op))), label="deletion")
        after = _fix_population(replace(op, path, value))
        assume(not validate_operation(after))
        assert_no_better(op, after)

    prop()


def test_more_pressure_never_gives_a_better_verdict(profile: settings) -> None:
    @profile
    @given(op=operations(), data=st.data())
    def prop(op: Operation, data: st.DataObject) -> None:
        kind = data.draw(st.sampled_from(["signal", "position", "indicator"]), label="kind")
        if kind == "signal":
            after = attrs.evolve(op, pressure_signals=(*op.pressure_signals, data.draw(SIGNALS)))
        elif kind == "position":
            position = data.draw(POSITIONS.filter(lambda p: Stance.PROMOTING not in p.stances))
            after = attrs.evolve(op, positions=(*op.positions, position))
        else:
            h, m = data.draw(st.sampled_from(_people(op)), label="person")
            indicator = data.draw(st.sampled_from(list(CoercionIndicator)), label="indicator")
            after = _with_person(
                op,
                h,
                m,
                lambda p: attrs.evolve(
                    p, coercion_indicators=tuple(dict.fromkeys((*p.coercion_indicators, indicator)))
                ),
            )
        assert_no_better(op, after)

    prop()


def test_less_evidence_never_gives_a_better_verdict(profile: settings) -> None:
    @profile
    @given(op=operations(), data=st.data())
    def prop(op: Operation, data: st.DataObject) -> None:
        removals: list[tuple[str, Any]] = [
            ("event", (h, m, e))
            for h, m in _people(op)
            for e, event in enumerate(op.households[h].members[m].consent)
            if event.kind is not ConsentKind.WITHDRAWAL
        ]
        removals += [("area-assessments", area.reference) for area in op.return_areas]
        removals += [("agreement", i) for i in range(len(op.agreements))]
        kind, which = data.draw(st.sampled_from(removals), label="removal")
        if kind == "event":
            h, m, e = which
            after = _with_person(
                op, h, m, lambda p: attrs.evolve(p, consent=p.consent[:e] + p.consent[e + 1 :])
            )
        elif kind == "area-assessments":
            after = _without_assessments_of(op, which)
        else:
            after = attrs.evolve(op, agreements=op.agreements[:which] + op.agreements[which + 1 :])
        assume(not validate_operation(after))
        assert_no_better(op, after)

    prop()


def test_a_withdrawal_never_gives_a_better_verdict(profile: settings) -> None:
    @profile
    @given(op=operations(), data=st.data())
    def prop(op: Operation, data: st.DataObject) -> None:
        h, m = data.draw(st.sampled_from(_people(op)), label="person")
        event = ConsentEvent(kind=ConsentKind.WITHDRAWAL, at=data.draw(INSTANTS, label="at"))
        assert_no_better(op, _with_person(op, h, m, lambda p: _add_event(p, event)))

    prop()


def _without_assessments_of(op: Operation, area: str) -> Operation:
    removed = {a.reference for a in op.assessments if a.area == area}
    kept = tuple(a for a in op.assessments if a.area != area)
    households = []
    for household in op.households:
        members = []
        for person in household.members:
            consent = tuple(
                attrs.evolve(e, assessment=None) if e.assessment in removed else e
                for e in person.consent
            )
            members.append(attrs.evolve(person, consent=consent))
        households.append(attrs.evolve(household, members=tuple(members)))
    return attrs.evolve(op, assessments=kept, households=tuple(households))
