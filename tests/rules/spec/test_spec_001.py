"""SPEC-001: specific needs identified and addressed."""

from __future__ import annotations

from typing import Any

import pytest

from repatguard.model import Operation
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import sound_operation, with_member
from repatguard.testing.rules import run_rule

HEAD = "$.households[0].members[0]"
NEED = "serious_medical_condition"


def _with_needs(**changes: Any) -> Operation:
    values: dict[str, Any] = {"specific_needs": (NEED,), "fit_to_travel": True, "care_plan": True}
    return with_member(sound_operation(), 0, 0, **{**values, **changes})


def test_does_not_apply_to_people_without_specific_needs() -> None:
    run = run_rule("SPEC-001", sound_operation())
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


def test_passes_when_fit_to_travel_with_a_care_plan() -> None:
    run = run_rule("SPEC-001", _with_needs())
    assert run.clean
    assert run.tally.passed == 1
    assert run.tally.not_applicable == 2


@pytest.mark.parametrize("field", ["fit_to_travel", "care_plan"])
def test_a_negative_finding_is_a_major_failure(field: str) -> None:
    finding = run_rule("SPEC-001", _with_needs(**{field: False})).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.subject == "P-1"
    assert finding.path == f"{HEAD}.{field}"


@pytest.mark.parametrize("field", ["fit_to_travel", "care_plan"])
def test_an_unrecorded_finding_is_insufficient_information(field: str) -> None:
    finding = run_rule("SPEC-001", _with_needs(**{field: None})).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{HEAD}.{field}"


def test_both_problems_are_reported() -> None:
    run = run_rule("SPEC-001", _with_needs(fit_to_travel=False, care_plan=None))
    assert sorted((f.path, f.outcome) for f in run.findings) == [
        (f"{HEAD}.care_plan", Outcome.INSUFFICIENT_INFORMATION),
        (f"{HEAD}.fit_to_travel", Outcome.FAIL),
    ]


def test_findings_do_not_name_the_persons_needs() -> None:
    finding = run_rule("SPEC-001", _with_needs(care_plan=False)).only()
    assert NEED not in finding.message
    assert NEED not in (finding.evidence.observed or "")
