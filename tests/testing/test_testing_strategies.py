"""The strategies' own guarantees: valid, loadable operations; 'all' is promoted; the knobs."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import attrs
import pendulum
import pytest
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import repatguard
from repatguard.io.converter import converter, structure
from repatguard.model import ConsentKind, LegalCategory, Operation, Person
from repatguard.model.validate import validate_operation
from repatguard.outcomes import Verdict
from repatguard.testing.factories import AS_OF, evolve, sound_assessment
from repatguard.testing.strategies import dates, datetimes, operations

EXAMPLES = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _round_trip(operation: Operation) -> Operation:
    return repatguard.load(json.dumps(converter().unstructure(operation)))


def _people(operation: Operation) -> list[Person]:
    return [person for household in operation.households for person in household.members]


@EXAMPLES
@given(operations(safeguards="random", max_households=3))
def test_random_operations_are_valid_and_load_back_unchanged(operation: Operation) -> None:
    assert validate_operation(operation) == []
    assert _round_trip(operation) == operation


@EXAMPLES
@given(operations(safeguards="all", max_households=3))
def test_operations_where_all_safeguards_hold_are_promoted(operation: Operation) -> None:
    assert validate_operation(operation) == []
    assert _round_trip(operation) == operation
    report = repatguard.check(operation, as_of=AS_OF, next_review=False)
    assert report.verdict is Verdict.PROMOTE, [(f.code, f.subject) for f in report.findings]
    assert {case.verdict for case in report.case_verdicts} == {Verdict.PROMOTE}


@settings(EXAMPLES, max_examples=10)
@given(
    operations(
        categories=[LegalCategory.MIGRANT, "stateless"],
        min_households=2,
        max_households=2,
        safeguards="all",
        as_of=pendulum.Date(2031, 2, 28),
    )
)
def test_the_knobs_shape_what_is_drawn(operation: Operation) -> None:
    assert len(operation.households) == 2
    categories = {person.legal_category for person in _people(operation)}
    assert categories <= {LegalCategory.MIGRANT, LegalCategory.STATELESS}
    report = repatguard.check(operation, as_of=dt.date(2031, 2, 28), next_review=False)
    assert report.verdict is Verdict.PROMOTE


_ALWAYS_KNOWN = (
    "date_of_birth",
    "relationship_to_head",
    "unaccompanied_or_separated",
    "stays_behind",
    "trafficking_survivor",
    "identity_or_travel_document",
    "reintegration_plan",
    "privacy_notice_given",
    "destination_chosen",
    "born_in_exile",
    "birth_registered",
    "proof_of_nationality",
)
"""Facts of every person in an operation where all safeguards hold."""


def test_random_operations_vary_facts_including_unknowns() -> None:
    drawn: list[Operation] = []

    # Each property below holds for about 1 operation in 10 or more. The seed does not pin
    # the sample across runs (Hypothesis's choices also depend on what ran before in the
    # process), so the sample is large enough to miss one with odds below 1 in 10**13.
    @seed(20260601)
    @settings(max_examples=300, database=None, deadline=None, phases=[Phase.generate])
    @given(operations(max_households=2))
    def collect(operation: Operation) -> None:
        drawn.append(operation)

    collect()
    people = [person for op in drawn for person in _people(op)]
    assert any(getattr(p, name) is None for p in people for name in _ALWAYS_KNOWN)
    assert any(event.kind is ConsentKind.WITHDRAWAL for p in people for event in p.consent)
    assert any(None in attrs.astuple(op.population) for op in drawn)
    assert any(op.pressure_signals for op in drawn)
    assert any(
        a != evolve(sound_assessment(a.area, a.reference), assessed_on=a.assessed_on)
        for op in drawn
        for a in op.assessments
        if a.area is not None  # region-level assessments have no single area
    )
    assert len({op.movement_kind for op in drawn}) > 1


def test_bad_knobs_are_refused() -> None:
    with pytest.raises(InvalidArgument, match="at least one legal category"):
        operations(categories=[])
    with pytest.raises(InvalidArgument, match="categories"):
        operations(categories=["pilgrim"])
    with pytest.raises(InvalidArgument, match="safeguards"):
        operations(safeguards="most")  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument, match="min_households"):
        operations(min_households=3, max_households=2)
    with pytest.raises(InvalidArgument, match="min_households"):
        operations(min_households=0, safeguards="all")
    with pytest.raises(InvalidArgument, match="as_of is a date"):
        operations(as_of=dt.datetime(2026, 6, 1, tzinfo=dt.UTC))


@EXAMPLES
@given(dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31)), datetimes())
def test_dates_and_instants_survive_the_converter(
    day: pendulum.Date, instant: pendulum.DateTime
) -> None:
    assert isinstance(day, pendulum.Date)
    assert dt.date(1990, 1, 1) <= day <= dt.date(2040, 12, 31)
    assert structure(converter().unstructure(day), pendulum.Date) == day
    assert isinstance(instant, pendulum.DateTime)
    assert instant.utcoffset() is not None
    back = structure(converter().unstructure(instant), pendulum.DateTime)
    assert back == instant
    assert back.utcoffset() == instant.utcoffset()


def test_datetimes_takes_naive_bounds_only() -> None:
    with pytest.raises(InvalidArgument, match="naive bounds"):
        datetimes(min_value=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


@settings(EXAMPLES, max_examples=10)
@given(st.from_type(Operation))
def test_from_type_draws_valid_operations(operation: Operation) -> None:
    # Registered through the 'hypothesis' entry point when Hypothesis was imported.
    assert validate_operation(operation) == []


def test_importing_the_strategies_first_does_not_break_hypothesis() -> None:
    # Hypothesis runs the entry-point hook while it is imported; the hook lives on a module
    # that may itself be half imported at that moment. Warnings are errors, as in strict suites.
    code = (
        "import repatguard.testing.strategies as s, hypothesis.strategies as st\n"
        "from repatguard.model import Operation\n"
        "print(type(st.from_type(Operation).wrapped_strategy).__name__)\n"
    )
    done = subprocess.run(
        [sys.executable, "-W", "error", "-c", code],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() != "", done.stderr
