"""PREM-012: cessation only after fundamental, durable change."""

from __future__ import annotations

import pytest

from repatguard.facts.parameters import Parameters
from repatguard.model import CessationAnalysis, Operation
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation
from repatguard.testing.rules import run_rule

_SOUND_ANALYSIS = CessationAnalysis(
    change_date=AS_OF.subtract(days=400),
    fundamental=True,
    durable=True,
    effective_protection_restored=True,
    compelling_reasons_procedure=True,
)


def _cessation(
    analysis: CessationAnalysis | None = _SOUND_ANALYSIS, /, **changes: object
) -> Operation:
    if analysis is not None and changes:
        analysis = evolve(analysis, **changes)
    return evolve(sound_operation(), driven_by_cessation=True, cessation_analysis=analysis)


def test_passes_when_the_return_is_not_driven_by_cessation() -> None:
    assert run_rule("PREM-012", sound_operation()).clean


def test_passes_with_a_complete_analysis_of_a_consolidated_change() -> None:
    assert run_rule("PREM-012", _cessation()).clean


def test_cessation_without_an_analysis_is_a_blocker() -> None:
    finding = run_rule("PREM-012", _cessation(None)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.cessation_analysis"


@pytest.mark.parametrize(
    "field",
    ["fundamental", "durable", "effective_protection_restored", "compelling_reasons_procedure"],
)
def test_each_element_not_established_is_a_blocker_at_its_own_path(field: str) -> None:
    finding = run_rule("PREM-012", _cessation(**{field: False})).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"$.cessation_analysis.{field}"


@pytest.mark.parametrize(
    "field",
    ["fundamental", "durable", "effective_protection_restored", "compelling_reasons_procedure"],
)
def test_each_unrecorded_element_is_insufficient_information(field: str) -> None:
    finding = run_rule("PREM-012", _cessation(**{field: None})).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"$.cessation_analysis.{field}"


def test_a_change_within_the_consolidation_period_is_too_recent() -> None:
    finding = run_rule("PREM-012", _cessation(change_date=AS_OF.subtract(days=364))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.cessation_analysis.change_date"
    assert "too recent to be durable" in finding.message


def test_the_consolidation_period_is_inclusive_on_its_last_day() -> None:
    assert run_rule("PREM-012", _cessation(change_date=AS_OF.subtract(days=365))).clean


def test_the_consolidation_period_is_a_parameter() -> None:
    op = _cessation(change_date=AS_OF.subtract(days=200))
    assert run_rule("PREM-012", op).only().outcome is Outcome.FAIL
    shorter = Parameters(consolidation_period="P180D")
    assert run_rule("PREM-012", op, parameters=shorter).clean


def test_failures_and_gaps_are_all_reported() -> None:
    op = _cessation(fundamental=False, durable=None, change_date=AS_OF.subtract(days=30))
    run = run_rule("PREM-012", op)
    assert sorted((f.path, f.outcome) for f in run.findings) == [
        ("$.cessation_analysis.change_date", Outcome.FAIL),
        ("$.cessation_analysis.durable", Outcome.INSUFFICIENT_INFORMATION),
        ("$.cessation_analysis.fundamental", Outcome.FAIL),
    ]


def test_undated_change_is_insufficient_information() -> None:
    finding = run_rule("PREM-012", _cessation(change_date=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.cessation_analysis.change_date"


def test_unknown_legal_basis_is_insufficient_information_at_blocker_weight() -> None:
    op = evolve(sound_operation(), driven_by_cessation=None)
    finding = run_rule("PREM-012", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.driven_by_cessation"


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"fundamental": False}, id="element-not-established"),
        pytest.param({"durable": None}, id="element-unrecorded"),
        pytest.param({"change_date": None}, id="change-undated"),
        pytest.param({"change_date": AS_OF.subtract(days=30)}, id="change-too-recent"),
    ],
)
def test_no_pass_is_reported_beside_a_failure_or_unknown(changes: dict[str, object]) -> None:
    run = run_rule("PREM-012", _cessation(**changes))
    assert run.findings
    assert Outcome.PASS not in run.outcomes
