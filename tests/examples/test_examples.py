"""Each bundled example: its verdict, the findings that decide it, and the cases it holds back."""

from __future__ import annotations

import pytest

import repatguard
from repatguard.examples import Example, example, examples
from repatguard.outcomes import Outcome, Verdict
from repatguard.report.report import Report


def _run(name: str) -> Report:
    item = example(name)
    return repatguard.check(item.load(), as_of=item.as_of)


def _codes(report: Report, outcome: Outcome) -> set[str]:
    return {f.code for f in report.findings if f.outcome is outcome}


def test_there_is_at_least_one_example_per_verdict() -> None:
    assert {item.expected_verdict for item in examples()} == {v.value for v in Verdict}


@pytest.mark.parametrize("item", examples(), ids=lambda item: item.name)
def test_each_example_has_its_expected_verdict(item: Example) -> None:
    assert _run(item.name).verdict.value == item.expected_verdict


def test_organised_promotion_has_no_finding_and_every_case_promotable() -> None:
    report = _run("organised-promotion")
    assert report.verdict is Verdict.PROMOTE
    assert report.findings == ()
    assert {a.area: a.verdict for a in report.area_verdicts} == {
        "AREA-N": Verdict.PROMOTE,
        "AREA-E": Verdict.PROMOTE,
    }
    assert report.summary.cases["promote"] == 9


def test_advisory_facilitation_lists_why_promotion_is_not_possible() -> None:
    report = _run("advisory-facilitation")
    assert report.verdict is Verdict.FACILITATE_ONLY
    assert {r.code for r in report.why_not_promote} == {
        "COND-002",
        "COND-003",
        "COND-007",
        "LEGAL-004",
        "MIX-006",
        "PREM-001",
    }
    assert _codes(report, Outcome.INSUFFICIENT_INFORMATION) == set()


def test_coercion_blocks_even_when_unhcr_leads_and_promotes() -> None:
    report = _run("coerced-return-blocked")
    assert report.verdict is Verdict.BLOCKED
    assert {r.code for r in report.reasons} == {"PREM-004", "PREM-006"}
    assert _codes(report, Outcome.FAIL) == {"PREM-004", "PREM-005", "PREM-006"}
    assert all(c.verdict is Verdict.BLOCKED for c in report.case_verdicts)


def test_unreviewed_pressure_is_unknown_not_absent() -> None:
    report = _run("unreviewed-insufficient")
    assert report.verdict is Verdict.INSUFFICIENT_INFORMATION
    unknown = _codes(report, Outcome.INSUFFICIENT_INFORMATION)
    assert {"PREM-003", "PREM-006", "VOL-009", "PREM-001", "COND-001"} <= unknown
    assert _codes(report, Outcome.FAIL) == set()
    assert {a.area: a.verdict for a in report.area_verdicts} == {
        "AREA-N": Verdict.INSUFFICIENT_INFORMATION,
        "AREA-E": Verdict.INSUFFICIENT_INFORMATION,
    }


def test_spontaneous_return_is_escalated_with_a_provisional_result() -> None:
    report = _run("spontaneous-escalation")
    assert report.verdict is Verdict.BLOCKED
    assert report.escalate
    assert report.provisional_verdict is Verdict.FACILITATE_ONLY
    [reason] = report.reasons
    assert reason.code == "PREM-011"
    assert reason.escalate
