"""A date of birth known only to the month or the year is accepted and read at its least
favourable day; other date fields still take full dates only."""

from __future__ import annotations

import json
import pickle
from typing import Any

import pendulum
import pytest

import repatguard
from repatguard.errors import InputError
from repatguard.facts.context import PersonContext
from repatguard.facts.facts import Kin, age_on, build_facts, needs_own_screening
from repatguard.facts.parameters import Parameters
from repatguard.io.converter import converter
from repatguard.model import Person
from repatguard.model.dates import PartialDate, age_bounds, earliest, latest, parse_partial
from repatguard.model.validate import validate_operation
from repatguard.outcomes import Outcome
from repatguard.testing.factories import (
    AS_OF,
    DEPARTURE,
    sound_operation,
    with_assessment,
    with_member,
)
from repatguard.testing.rules import run_rule

SPOUSE = "$.households[0].members[1]"


def _document(**member: Any) -> dict[str, Any]:
    data: dict[str, Any] = converter().unstructure(sound_operation())
    data["households"][0]["members"][1].update(member)
    return data


def _issues(data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(InputError) as caught:
        repatguard.load(data)
    return {issue.path: issue.message for issue in caught.value.issues}


# The value


def test_a_month_stands_for_its_first_to_its_last_day() -> None:
    february = PartialDate(2024, 2)
    assert (february.earliest, february.latest) == (
        pendulum.Date(2024, 2, 1),
        pendulum.Date(2024, 2, 29),
    )
    assert february.precision == "month"
    assert february.isoformat() == "2024-02"


def test_a_year_stands_for_the_whole_year() -> None:
    year = PartialDate(1990)
    assert (year.earliest, year.latest) == (pendulum.Date(1990, 1, 1), pendulum.Date(1990, 12, 31))
    assert year.precision == "year"
    assert year.isoformat() == "1990"


def test_a_partial_date_is_not_equal_to_its_first_day() -> None:
    assert PartialDate(2001, 2) != pendulum.Date(2001, 2, 1)
    assert pendulum.Date(2001, 2, 1) != PartialDate(2001, 2)
    assert PartialDate(2001, 2) == PartialDate(2001, 2)
    assert PartialDate(2001) != PartialDate(2001, 1)


def test_a_partial_date_survives_pickling() -> None:
    for value in (PartialDate(2001, 2), PartialDate(1990)):
        copy = pickle.loads(pickle.dumps(value))
        assert copy == value
        assert copy.precision == value.precision


def test_full_dates_are_their_own_bounds() -> None:
    day = pendulum.Date(2001, 2, 3)
    assert earliest(day) == latest(day) == day


@pytest.mark.parametrize("text", ["2001-13", "2001-00", "0000"])
def test_a_month_or_year_that_does_not_exist_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=text):
        parse_partial(text)


def test_the_age_bounds_span_the_possible_birthdays() -> None:
    assert age_bounds(PartialDate(2008), pendulum.Date(2026, 6, 21)) == (17, 18)
    assert age_bounds(PartialDate(2008, 5), pendulum.Date(2026, 6, 21)) == (18, 18)


# Loading


@pytest.mark.parametrize(
    ("text", "expected"), [("1987-11", PartialDate(1987, 11)), ("1987", PartialDate(1987))]
)
def test_a_date_of_birth_may_give_only_the_month_or_the_year(
    text: str, expected: PartialDate
) -> None:
    loaded = repatguard.load(_document(date_of_birth=text))
    born = loaded.households[0].members[1].date_of_birth
    assert born == expected
    assert isinstance(born, PartialDate)


@pytest.mark.parametrize("text", ["1987-13", "87", "1987-11-31", "November 1987"])
def test_a_date_of_birth_that_is_no_date_is_refused_without_showing_it(text: str) -> None:
    issues = _issues(_document(date_of_birth=text))
    message = issues[f"{SPOUSE}.date_of_birth"]
    assert "YYYY-MM or YYYY" in message
    assert text not in message  # personal data


def test_other_dates_still_need_the_day() -> None:
    data = converter().unstructure(sound_operation())
    data["assessments"][0]["assessed_on"] = "2026-03"
    issues = _issues(data)
    assert issues["$.assessments[0].assessed_on"] == (
        "expected an ISO 8601 date (YYYY-MM-DD), got a text of 7 characters"
    )


def test_a_partial_date_of_birth_is_written_back_as_given() -> None:
    op = with_member(sound_operation(), 0, 1, date_of_birth=PartialDate(1987, 11))
    written = converter().unstructure(op)
    assert written["households"][0]["members"][1]["date_of_birth"] == "1987-11"


# Operations built in Python


def test_python_built_operations_may_hold_a_partial_date_of_birth() -> None:
    op = with_member(sound_operation(), 0, 1, date_of_birth=PartialDate(1987))
    assert validate_operation(op) == []


def test_python_built_operations_may_not_hold_a_partial_date_elsewhere() -> None:
    op = with_assessment(sound_operation(), 0, assessed_on=PartialDate(2026, 3))
    paths = [issue.path for issue in validate_operation(op)]
    assert paths == ["$.assessments[0].assessed_on"]


def test_a_head_of_household_who_may_be_an_adult_is_not_an_input_error() -> None:
    op = with_member(sound_operation(), 0, 0, date_of_birth=PartialDate(2008))
    assert validate_operation(op) == []


def test_a_head_of_household_who_is_a_child_on_any_day_is_still_an_input_error() -> None:
    op = with_member(sound_operation(), 0, 0, date_of_birth=PartialDate(2010))
    paths = [issue.path for issue in validate_operation(op)]
    assert paths == ["$.households[0].members[0].unaccompanied_or_separated"]


# Reading the age


def _context(born: pendulum.Date) -> PersonContext:
    op = with_member(sound_operation(), 0, 1, date_of_birth=born)
    facts = build_facts(op, pendulum.datetime(AS_OF.year, AS_OF.month, AS_OF.day), Parameters())
    household = op.households[0]
    return PersonContext.of(
        facts,
        Kin.of(facts, household),
        household.members[1],
        path=SPOUSE,
        household_path="$.households[0]",
    )


def test_a_person_who_may_be_either_side_of_adulthood_has_an_unknown_age() -> None:
    ctx = _context(PartialDate(2008))  # 17 or 18 at departure
    assert ctx.age is None
    assert ctx.is_adult is None


def test_a_person_who_is_an_adult_on_any_day_is_an_adult_at_the_youngest_age() -> None:
    ctx = _context(PartialDate(1990))  # 35 or 36 at departure
    assert ctx.age == 35
    assert ctx.is_adult is True


def test_a_month_that_settles_the_question_gives_the_age() -> None:
    assert _context(PartialDate(2008, 5)).age == 18
    assert _context(PartialDate(2008, 6)).age is None  # the birthday may fall after departure


def test_without_the_threshold_two_possible_ages_are_unknown() -> None:
    person = Person(reference="P", date_of_birth=PartialDate(1990))
    assert age_on(person, DEPARTURE) is None
    assert age_on(person, DEPARTURE, adult_age=18) == 35


def test_a_person_who_may_be_an_adult_needs_own_coercion_screening() -> None:
    ctx = _context(PartialDate(2008))
    assert needs_own_screening(ctx.facts, ctx.kin, ctx.person)


def test_a_rule_that_needs_to_know_adulthood_reports_insufficient_information() -> None:
    op = with_member(sound_operation(), 0, 1, consent=(), date_of_birth=PartialDate(2008))
    finding = run_rule("VOL-001", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SPOUSE}.date_of_birth"


def test_a_certain_adult_without_a_declaration_still_fails() -> None:
    op = with_member(sound_operation(), 0, 1, consent=(), date_of_birth=PartialDate(1990))
    assert run_rule("VOL-001", op).only().outcome is Outcome.FAIL


# The fast loader


def test_the_fast_loader_gives_the_same_household_for_a_partial_date_of_birth() -> None:
    pytest.importorskip("msgspec")
    from repatguard.stream.cases import _load
    from repatguard.stream.fast import FastLoader
    from repatguard.stream.manifest import CaseRecord, Chunk

    household: dict[str, Any] = converter().unstructure(sound_operation().households[0])
    chunk = Chunk(source="m.jsonl", format="jsonl", records=())
    for text in ("1987-11", "1987", "1987-13"):
        household["members"][1]["date_of_birth"] = text
        raw = json.dumps(household, separators=(",", ":")).encode()
        assert FastLoader().load(raw) is None  # such a line goes the reference way
        record = CaseRecord(index=0, line=1, data=raw)
        assert _load(chunk, record, True) == _load(chunk, record, False)


def test_a_csv_manifest_takes_a_partial_date_of_birth_like_json() -> None:
    from repatguard.io.converter import structure
    from repatguard.model import Household
    from repatguard.stream.csv_layout import household_from_rows

    header = ("household", "reference", "date_of_birth")
    record, issues = household_from_rows(header, [(2, ("H-1", "P-1", "1990"))])
    assert issues == []
    assert record is not None
    household = structure(record, Household)
    assert household.members[0].date_of_birth == PartialDate(1990)
