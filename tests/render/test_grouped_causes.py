"""Findings that share a cause are listed once, naming every rule and subject they hold
(issue 14: one outdated pressure review used to fill a dozen lines)."""

from __future__ import annotations

import pendulum
import pytest

import repatguard
from repatguard.examples import example
from repatguard.model import Waiver
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
    # PREM-002 does not hold AREA-N: the group must not read as if it did.
    assert not groups[0].every_code_holds_every_subject
    assert groups[0].subjects_by_code() == (
        ("PREM-001", ("AREA-E", "AREA-N")),
        ("PREM-002", ("AREA-E",)),
    )
    assert groups[1].every_code_holds_every_subject


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


def _partly_waived() -> repatguard.Report:
    # Review of #14: with PREM-001 waived for AREA-N, the reasons are PREM-001 for AREA-E and
    # PREM-002 for both areas; one line naming both rules and both areas would say that the
    # waived finding still holds the verdict.
    chosen = example("unreviewed-insufficient")
    waiver = Waiver(
        code="PREM-001",
        subject="AREA-N",
        justification="synthetic waiver for a test of the grouped reasons",
        approved_by="ROLE-1",
        granted_on=chosen.as_of.subtract(days=1),
        expires_on=chosen.as_of.add(days=30),
        decision_record="DEC-1",
    )
    return repatguard.check(
        chosen.load(), as_of=chosen.as_of, waivers=[waiver], reveal_references=True
    )


def test_a_group_names_which_rule_holds_which_subject_when_not_every_one_holds_every_one() -> None:
    report = _partly_waived()
    held = {
        (r.code, r.subject) for r in report.why_not_promote if r.code in ("PREM-001", "PREM-002")
    }
    assert held == {("PREM-001", "AREA-E"), ("PREM-002", "AREA-E"), ("PREM-002", "AREA-N")}
    text = " ".join(to_text(report).split())
    assert "PREM-001 (AREA-E), PREM-002 (AREA-E, AREA-N) [blocker, unknown]" in text
    markdown = to_markdown(report)
    assert "**PREM-001** (AREA-E), **PREM-002** (AREA-E, AREA-N)" in markdown
    html = to_html(report)
    assert "<strong>PREM-001</strong> (AREA-E), <strong>PREM-002</strong> (AREA-E, AREA-N)" in html


def test_colour_marks_the_severity_of_every_line_even_when_the_rules_wrap() -> None:
    report = _late_report()
    plain = to_text(report)
    coloured = to_text(report, color=True)
    for severity in ("blocker", "major"):
        assert plain.count(f"[{severity},") > 0
        assert coloured.count(f"[{severity},") == 0  # every one painted
