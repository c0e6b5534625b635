"""The assertion helpers: what passes, and what a failure says (and does not say)."""

from __future__ import annotations

import pytest

import repatguard
from repatguard.model import CoercionIndicator, Operation
from repatguard.outcomes import Outcome, Severity, Verdict
from repatguard.report.report import Report
from repatguard.testing.assertions import (
    assert_finding,
    assert_no_finding,
    assert_verdict,
    format_finding,
)
from repatguard.testing.factories import AS_OF, sound_operation, with_assessment, with_member


def _check(operation: Operation) -> Report:
    return repatguard.check(operation, as_of=AS_OF, reveal_references=True)


@pytest.fixture(scope="module")
def sound() -> Report:
    return _check(sound_operation())


@pytest.fixture(scope="module")
def coerced() -> Report:
    """P-1 reports threats (VOL-006, and PREM-014 across the operation); P-2's privacy notice
    is unknown (DATA-006, minor), which bears on nothing asked below about P-1."""
    op = with_member(
        sound_operation(), 0, 0, coercion_indicators=(CoercionIndicator.THREATS_OR_PRESSURE,)
    )
    return _check(with_member(op, 0, 1, privacy_notice_given=None))


@pytest.fixture(scope="module")
def unknown_conditions() -> Report:
    return _check(with_assessment(sound_operation(), conducive_for_promotion=None))


def _failure(excinfo: pytest.ExceptionInfo[AssertionError]) -> str:
    return str(excinfo.value)


def test_passing_assertions_pass(sound: Report, coerced: Report) -> None:
    assert_verdict(sound, Verdict.PROMOTE)
    assert_verdict(sound, "promote", case="P-1")
    assert_verdict(sound, "promote", area="AREA-1")
    assert_verdict(coerced, "blocked", case="HH-1")
    assert_no_finding(sound, "VOL-006")
    assert_no_finding(coerced, "VOL-006", subject="P-2")
    found = assert_finding(coerced, "VOL-006", subject="P-1", outcome="fail", severity="blocker")
    assert found.path == "$.households[0].members[0].coercion_indicators[0]"
    assert assert_finding(coerced, "VOL-006", path=found.path) is found


def test_a_wrong_verdict_shows_the_verdict_and_its_reasons_only(coerced: Report) -> None:
    with pytest.raises(AssertionError) as raised:
        assert_verdict(coerced, "promote", case="P-1")
    message = _failure(raised)
    assert message.splitlines()[0] == "expected verdict promote for person P-1, got blocked"
    assert "VOL-006 [blocker, fail] P-1 at $.households[0].members[0]" in message
    assert "PREM-014 [blocker, fail] OP-SOUND" in message
    assert "DATA-006" not in message
    assert "P-2" not in message
    assert "Finding(" not in message


def test_the_operation_verdict_failure_names_the_operation(unknown_conditions: Report) -> None:
    with pytest.raises(AssertionError) as raised:
        assert_verdict(unknown_conditions, "promote")
    lines = _failure(raised).splitlines()
    assert lines[0] == "expected verdict promote for operation OP-SOUND, got facilitate_only"
    assert lines[1] == "reasons (1):"
    assert lines[2].startswith("  - COND-002 [major, insufficient_information] AREA-1 at ")
    assert len(lines) == 3


def test_an_absent_finding_lists_that_rule_s_findings_and_the_verdict(coerced: Report) -> None:
    with pytest.raises(AssertionError) as raised:
        assert_finding(coerced, "VOL-006", subject="P-2")
    message = _failure(raised)
    assert message.splitlines()[0] == "expected a finding VOL-006 with subject='P-2', found none"
    assert "findings of VOL-006 (1):" in message
    assert "  - VOL-006 [blocker, fail] P-1 at " in message
    assert "verdict for operation OP-SOUND: blocked" in message
    assert "DATA-006" not in message


def test_an_absent_finding_of_a_rule_that_passed_says_so(sound: Report) -> None:
    with pytest.raises(AssertionError) as raised:
        assert_finding(sound, "VOL-003", outcome=Outcome.FAIL)
    message = _failure(raised)
    assert "expected a finding VOL-003 with outcome=fail, found none" in message
    assert "findings of VOL-003: none (checks passed: 2, not applicable: 1)" in message
    assert "reasons: none" in message


def test_a_code_not_in_the_catalogue_is_called_out(sound: Report) -> None:
    with pytest.raises(AssertionError, match="the rule was not part of this check"):
        assert_finding(sound, "VOL-999")


def test_severity_and_outcome_must_match(coerced: Report) -> None:
    with pytest.raises(AssertionError, match="with severity=minor"):
        assert_finding(coerced, "VOL-006", severity=Severity.MINOR)
    with pytest.raises(AssertionError, match="with outcome=insufficient_information"):
        assert_finding(coerced, "VOL-006", outcome="insufficient_information")
    with pytest.raises(ValueError, match="passes are counted"):
        assert_finding(coerced, "VOL-006", outcome="pass")


def test_an_unwanted_finding_is_listed(coerced: Report) -> None:
    with pytest.raises(AssertionError) as raised:
        assert_no_finding(coerced, "VOL-006")
    lines = _failure(raised).splitlines()
    assert lines[0] == "expected no finding VOL-006, found 1:"
    assert lines[1].startswith("  - VOL-006 [blocker, fail] P-1 at ")
    assert lines[2] == "verdict for operation OP-SOUND: blocked"


def test_unknown_cases_and_areas_and_bad_arguments(sound: Report) -> None:
    with pytest.raises(AssertionError, match="the report has no case 'P-9'; its cases: P-1, "):
        assert_verdict(sound, "promote", case="P-9")
    with pytest.raises(AssertionError, match="the report has no area 'AREA-9'; its areas: AREA-1"):
        assert_verdict(sound, "promote", area="AREA-9")
    with pytest.raises(TypeError, match="case or area, not both"):
        assert_verdict(sound, "promote", case="P-1", area="AREA-1")
    with pytest.raises(ValueError, match="'approved'"):
        assert_verdict(sound, "approved")


def test_long_lists_are_cut_short(monkeypatch: pytest.MonkeyPatch) -> None:
    op = sound_operation()
    for index in range(2):
        op = with_member(op, 0, index, privacy_notice_given=None)
    report = _check(op)
    monkeypatch.setattr("repatguard.testing.assertions._MAX_LISTED", 1)
    with pytest.raises(AssertionError) as raised:
        assert_no_finding(report, "DATA-006")
    lines = _failure(raised).splitlines()
    assert lines[0] == "expected no finding DATA-006, found 2:"
    assert lines[1].startswith("  - DATA-006 ")
    assert lines[2] == "  ... and 1 more"
    finding = report.findings_for("DATA-006")[0]
    assert format_finding(finding) == (
        f"DATA-006 [minor, insufficient_information] {finding.subject} at {finding.path}: "
        f"{finding.message}"
    )
