"""Findings that share a cause are listed once, naming every rule and subject they hold
(issue 14: one outdated pressure review used to fill a dozen lines)."""

from __future__ import annotations

import pendulum
import pytest

import repatguard
from repatguard.examples import example
from repatguard.outcomes import Outcome, Severity
from repatguard.render._shared import grouped_reasons
from repatguard.render.html import to_html
from repatguard.render.markdown import to_markdown
from repatguard.render.text import to_text
from repatguard.report.report import Reason

# The organised-promotion example checked long after its date: its pressure review, its
# consultation of positions and its assessments are all out of date.
LATE = pendulum.Date(2026, 12, 7)
PRESSURE = "the review of the host environment for pressure is not current"
PRESSURE_RULES = ("PREM-003", "PREM-004", "PREM-010", "PREM-015", "VOL-009")


def _late_report() -> repatguard.Report:
    return repatguard.check(
        example("organised-promotion").load(), as_of=LATE, reference_key="k", next_review=False
    )


def _reason(code: str, subject: str, path: str = "$.a", message: str = "m") -> Reason:
    return Reason(
        code=code,
        severity=Severity.BLOCKER,
        outcome=Outcome.INSUFFICIENT_INFORMATION,
        subject=subject,
        path=path,
        message=message,
    )


def test_reasons_with_the_same_path_and_message_form_one_group_in_order() -> None:
    reasons = [
        _reason("PREM-001", "AREA-E"),
        _reason("COND-001", "AREA-E", path="$.b"),
        _reason("PREM-002", "AREA-E"),
        _reason("PREM-001", "AREA-N"),
    ]
    groups = grouped_reasons(reasons)
    assert [g.codes for g in groups] == [("PREM-001", "PREM-002"), ("COND-001",)]
    assert groups[0].subjects == ("AREA-E", "AREA-N")
    assert len(groups[0].reasons) == 3


def test_a_different_weight_outcome_or_mark_keeps_reasons_apart() -> None:
    major = Reason(
        code="PREM-002",
        severity=Severity.MAJOR,
        outcome=Outcome.INSUFFICIENT_INFORMATION,
        subject="AREA-E",
        path="$.a",
        message="m",
    )
    failed = Reason(
        code="PREM-003",
        severity=Severity.BLOCKER,
        outcome=Outcome.FAIL,
        subject="AREA-E",
        path="$.a",
        message="m",
    )
    first = _reason("PREM-001", "AREA-E")
    assert len(grouped_reasons([first, major, failed])) == 3
    marked = grouped_reasons([first, _reason("PREM-004", "AREA-E")], apart=lambda r: r is first)
    assert len(marked) == 2


def _why_text(report: repatguard.Report) -> str:
    text = " ".join(to_text(report).split())  # undo the wrapping
    return text[text.index("Why:") : text.index("Return areas:")]


def _why_markdown(report: repatguard.Report) -> str:
    markdown = to_markdown(report)
    return markdown[markdown.index("## Why") : markdown.index("## Return areas")]


def _why_html(report: repatguard.Report) -> str:
    html = to_html(report)
    return html[html.index('data-section="why-not-promote"') : html.index('data-section="chart"')]


@pytest.mark.parametrize(
    "why", [_why_text, _why_markdown, _why_html], ids=["text", "markdown", "html"]
)
def test_one_outdated_pressure_review_is_one_line_in_every_format(why: object) -> None:
    report = _late_report()
    held = [r for r in report.why_not_promote if r.message == PRESSURE]
    assert len(held) >= len(PRESSURE_RULES)  # the cause holds many rules
    assert callable(why)
    listed = why(report)
    assert listed.count(PRESSURE) == 1
    for code in PRESSURE_RULES:
        assert code in listed


def test_grouping_loses_no_rule_and_no_subject() -> None:
    report = _late_report()
    text = to_text(report)
    for reason in report.why_not_promote:
        assert reason.code in text
        assert reason.subject in text
