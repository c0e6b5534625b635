"""The supported date range (issue 12 item 4): every date and instant from 1900-01-01 to
2199-12-31; outside it an input error with its path, inside it no date arithmetic fails."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pendulum
import pytest

import repatguard
from repatguard import InputError, Parameters, Policy
from repatguard.examples import example
from repatguard.facts.parameters import PARAMETER_SPECS
from repatguard.io.converter import converter
from repatguard.model.dates import FIRST_YEAR, LAST_YEAR, SUPPORTED_RANGE, in_supported_range
from repatguard.policy.policy import MAX_ADULT_AGE, MAX_DURATION_DAYS, STRICTER
from repatguard.testing.factories import sound_operation

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INSTANT = re.compile(r"^\d{4}-\d{2}-\d{2}T")


def _sound() -> dict[str, Any]:
    data: dict[str, Any] = converter().unstructure(sound_operation())
    return data


def _issues(data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(InputError) as caught:
        repatguard.load(data)
    return {issue.path: issue.message for issue in caught.value.issues}


def test_the_range_is_whole_years_from_1900_to_2199() -> None:
    assert (FIRST_YEAR, LAST_YEAR) == (1900, 2199)
    assert SUPPORTED_RANGE == "1900-01-01 to 2199-12-31"
    assert in_supported_range(pendulum.Date(1900, 1, 1))
    assert in_supported_range(pendulum.Date(2199, 12, 31))
    assert not in_supported_range(pendulum.Date(1899, 12, 31))
    assert not in_supported_range(pendulum.Date(2200, 1, 1))


def test_far_dates_are_input_errors_with_their_paths_all_at_once() -> None:
    # Used to crash: OverflowError in engine/review.py (assessed_on), "year 10017"
    # (date_of_birth plus the adult age).
    data = _sound()
    data["assessments"][0]["assessed_on"] = "9999-12-31"
    member = data["households"][0]["members"][0]
    member["date_of_birth"] = "9999-12-31"
    member["consent"][0]["at"] = "0001-01-01T00:00:00+00:00"
    data["households"][0]["members"][1]["date_of_birth"] = "1899"
    data["movement_window"]["end"] = "2200-01-01"
    issues = _issues(data)
    wanted = f"from {SUPPORTED_RANGE} (the supported range)"
    assert set(issues) == {
        "$.assessments[0].assessed_on",
        "$.households[0].members[0].date_of_birth",
        "$.households[0].members[0].consent[0].at",
        "$.households[0].members[1].date_of_birth",
        "$.movement_window.end",
    }
    assert all(wanted in message for message in issues.values())
    assert issues["$.assessments[0].assessed_on"].endswith("got a date outside it")
    # No value is repeated back (a date of birth is personal data, and no error quotes input).
    assert "9999" not in issues["$.assessments[0].assessed_on"]
    assert "9999" not in issues["$.households[0].members[0].date_of_birth"]
    assert "1899" not in issues["$.households[0].members[1].date_of_birth"]


def test_native_toml_dates_outside_the_range_are_refused() -> None:
    text = 'reference = "OP"\nhost_country = "ZMB"\norigin_country = "AGO"\n'
    text += 'movement_kind = "organised"\npositions_consulted_on = 1899-12-31\n'
    with pytest.raises(InputError) as caught:
        repatguard.load(text, format="toml")
    paths = {issue.path: issue.message for issue in caught.value.issues}
    assert SUPPORTED_RANGE in paths["$.positions_consulted_on"]


def test_the_edges_of_the_range_load() -> None:
    data = _sound()
    data["assessments"][0]["assessed_on"] = "1900-01-01"
    data["movement_window"]["end"] = "2199-12-31"
    data["households"][0]["members"][1]["date_of_birth"] = "2199-12"
    data["households"][0]["members"][0]["consent"][0]["at"] = "1900-01-01T00:00:00+14:00"
    loaded = repatguard.load(data)
    assert loaded.movement_window is not None
    assert loaded.movement_window.end == pendulum.Date(2199, 12, 31)


def test_objects_built_in_python_are_held_to_the_same_range() -> None:
    operation = sound_operation()
    far = attrs.evolve(operation.assessments[0], assessed_on=pendulum.Date(9999, 12, 31))
    with pytest.raises(InputError) as caught:
        repatguard.check(attrs.evolve(operation, assessments=(far,)), as_of=dt.date(2026, 6, 1))
    assert [issue.path for issue in caught.value.issues] == ["$.assessments[0].assessed_on"]
    assert SUPPORTED_RANGE in caught.value.issues[0].message


def test_the_fast_loader_refuses_far_dates_as_the_reference_loader_does() -> None:
    pytest.importorskip("msgspec")
    from repatguard.stream.cases import _load
    from repatguard.stream.manifest import CaseRecord, Chunk
    from repatguard.testing.synthetic import synthetic_households

    household = next(synthetic_households(1, seed=12))
    household["members"][0]["coercion_screened_on"] = "9999-12-31"
    raw = json.dumps(household, separators=(",", ":")).encode()
    chunk = Chunk(source="m.jsonl", format="jsonl", records=())
    record = CaseRecord(index=0, line=1, data=raw)
    fast, reference = _load(chunk, record, True), _load(chunk, record, False)
    assert fast == reference
    assert fast[0] is None
    assert [issue.path for _, issue in fast[1]] == ["$.members[0].coercion_screened_on"]


# --- a full check at the edges of the range, with the extreme parameters a policy allows ---


def _extreme_policies() -> Iterator[Policy]:
    """The largest and the smallest value of every parameter a policy accepts."""
    largest: dict[str, Any] = {}
    smallest: dict[str, Any] = {}
    for name, spec in PARAMETER_SPECS.items():
        default, stricter = spec.default, STRICTER[name]
        top: Any
        bottom: Any
        if isinstance(default, str):
            top, bottom = f"P{MAX_DURATION_DAYS}D", "P0D"
        elif isinstance(default, float):
            top, bottom = 1.0, 0.0
        else:
            top, bottom = (MAX_ADULT_AGE if name == "adult_age" else 10**9), 1
        # A policy may only tighten: the other end stays at the default.
        largest[name] = default if stricter == "lower" else top
        smallest[name] = default if stricter == "higher" else bottom
    longest = f"P{MAX_DURATION_DAYS}D"
    yield Policy(
        parameters=Parameters(**largest),
        max_waiver_lifetime=longest,
        waiver_expiry_warning=longest,
    )
    yield Policy(parameters=Parameters(**smallest), waiver_expiry_warning="P0D")


def _at_edge(value: Any, day: str, offset: str) -> Any:
    """``value`` with every date and instant moved to ``day``."""
    if isinstance(value, dict):
        return {key: _at_edge(item, day, offset) for key, item in value.items()}
    if isinstance(value, list):
        return [_at_edge(item, day, offset) for item in value]
    if isinstance(value, str) and _DATE.match(value):
        return day
    if isinstance(value, str) and _INSTANT.match(value):
        return f"{day}T00:00:00{offset}"
    return value


def _operation_at(source: dict[str, Any], day: str, offset: str) -> repatguard.Operation:
    data = _at_edge(source, day, offset)
    low = day.startswith("1900")
    for household in data.get("households", []):
        for person in household["members"]:
            if person.get("relationship_to_head") == "head":
                # A head born on the check's day would be a child heading a household.
                person["date_of_birth"], person["age"] = None, 40
            elif person.get("date_of_birth") is not None:
                person["date_of_birth"] = day[:4] if low else day[:7]  # a year, a month
    data["waivers"] = [
        {
            "code": "LEGAL-004",
            "subject": data["return_areas"][0]["reference"],
            "justification": "A waiver at the edge of the supported date range.",
            "approved_by": "Representative",
            "granted_on": "1900-01-01" if low else "2199-12-30",
            "expires_on": "1900-01-02" if low else "2199-12-31",
            "decision_record": "MEMO-1",
        }
    ]
    return repatguard.load(data)


def _sources() -> list[dict[str, Any]]:
    richer = converter().unstructure(example("spontaneous-escalation").load())
    return [_sound(), richer]


_EDGES = [("1900-01-01", "+14:00"), ("2199-12-31", "-12:00")]
_AS_OF: list[dt.date | dt.datetime] = [
    dt.date(1900, 1, 1),
    dt.datetime(1900, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))),
    dt.date(2199, 12, 31),
    dt.datetime(2199, 12, 31, 23, 59, 59, tzinfo=dt.timezone(dt.timedelta(hours=-12))),
]


@pytest.mark.parametrize(("day", "offset"), _EDGES)
@pytest.mark.parametrize("as_of", _AS_OF, ids=str)
def test_a_full_check_at_the_edges_of_the_range_does_not_raise(
    day: str, offset: str, as_of: dt.date | dt.datetime
) -> None:
    # Used to raise OverflowError or ValueError in engine/review.py and the rules' date
    # arithmetic; a rule that crashes would be a finding, so look for those too.
    for source in _sources():
        operation = _operation_at(source, day, offset)
        for policy in _extreme_policies():
            report = repatguard.check(operation, as_of=as_of, policy=policy)
            errors = [f.code for f in report.findings if f.outcome == "error"]
            assert errors == []


def _every(check: Callable[[Any], bool], value: Any) -> bool:
    if isinstance(value, dict):
        return all(_every(check, item) for item in value.values())
    if isinstance(value, list):
        return all(_every(check, item) for item in value)
    return check(value)


def test_the_edge_operations_hold_only_edge_dates() -> None:
    # The test above is only as good as its rewrite: no date of the sources escaped it.
    for source in _sources():
        moved = _at_edge(source, "2199-12-31", "-12:00")
        assert _every(
            lambda v: not (isinstance(v, str) and _DATE.match(v)) or v == "2199-12-31", moved
        )
