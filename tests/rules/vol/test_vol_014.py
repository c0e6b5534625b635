"""VOL-014: information disclosed the reasons promotion is not possible."""

from __future__ import annotations

from typing import Any

import pendulum

from repatguard.model import ConsentEvent, ConsentKind, Operation
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import (
    AS_OF,
    at,
    evolve,
    sound_assessment,
    sound_consent,
    sound_operation,
    with_member,
)
from repatguard.testing.rules import run_rule

SPOUSE = "$.households[0].members[1]"


def _session(**changes: Any) -> Operation:
    consent = list(sound_consent())
    consent[1] = evolve(consent[1], **changes)
    return with_member(sound_operation(), 0, 1, consent=tuple(consent))


def test_passes_when_the_sessions_disclosed_the_negative_findings() -> None:
    run = run_rule("VOL-014", sound_operation())
    assert run.clean
    assert run.tally.passed == 2


def test_does_not_apply_to_a_dependent_child() -> None:
    assert run_rule("VOL-014", sound_operation()).tally.not_applicable == 1


def test_fails_when_the_session_did_not_disclose_them() -> None:
    finding = run_rule("VOL-014", _session(disclosed_negative_findings=False)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MINOR
    assert finding.path == f"{SPOUSE}.consent[1].disclosed_negative_findings"


def test_unrecorded_disclosure_is_insufficient_information() -> None:
    finding = run_rule("VOL-014", _session(disclosed_negative_findings=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SPOUSE}.consent[1].disclosed_negative_findings"


def test_no_session_is_insufficient_information() -> None:
    consent = tuple(e for e in sound_consent() if e.kind is not ConsentKind.INFORMATION_SESSION)
    op = with_member(sound_operation(), 0, 1, consent=consent)
    finding = run_rule("VOL-014", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MINOR
    assert finding.path == f"{SPOUSE}.consent"


def test_judges_the_latest_session() -> None:
    later = ConsentEvent(
        kind=ConsentKind.INFORMATION_SESSION,
        at=at(AS_OF.subtract(days=2)),
        disclosed_negative_findings=False,
    )
    op = with_member(sound_operation(), 0, 1, consent=(*sound_consent(), later))
    assert run_rule("VOL-014", op).only().path == f"{SPOUSE}.consent[3].disclosed_negative_findings"


def test_an_unaccompanied_child_without_a_session_is_insufficient_information() -> None:
    op = with_member(sound_operation(), 0, 2, unaccompanied_or_separated=True)
    finding = run_rule("VOL-014", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.subject == "P-3"


def _reassessed(op: Operation, assessed_on: pendulum.Date | None, **findings: Any) -> Operation:
    newer = evolve(sound_assessment(reference="ASM-2"), assessed_on=assessed_on, **findings)
    return evolve(op, assessments=(*op.assessments, newer))


def test_a_disclosure_is_outdated_once_the_area_is_assessed_worse() -> None:
    op = _reassessed(sound_operation(), AS_OF.subtract(days=5), arrests_on_return_reported=True)
    findings = run_rule("VOL-014", op).findings
    assert [(f.outcome, f.path) for f in findings] == [
        (Outcome.FAIL, "$.households[0].members[0].consent[1]"),
        (Outcome.FAIL, f"{SPOUSE}.consent[1]"),
    ]
    assert all(f.severity is Severity.MINOR for f in findings)


def test_a_session_after_the_worse_assessment_discloses_again() -> None:
    op = _reassessed(sound_operation(), AS_OF.subtract(days=5), arrests_on_return_reported=True)
    again = evolve(sound_consent()[1], at=at(AS_OF.subtract(days=2)), assessment="ASM-2")
    for member in (0, 1):
        op = with_member(op, 0, member, consent=(*sound_consent(), again))
    assert run_rule("VOL-014", op).clean


def test_an_undated_worse_assessment_leaves_the_disclosure_unknown() -> None:
    op = _reassessed(sound_operation(), None, arrests_on_return_reported=True)
    outcomes = {f.outcome for f in run_rule("VOL-014", op).findings}
    assert outcomes == {Outcome.INSUFFICIENT_INFORMATION}


def test_unknown_return_area_leaves_the_disclosure_unknown() -> None:
    households = list(sound_operation().households)
    households[0] = evolve(households[0], intended_return_area=None)
    op = evolve(sound_operation(), households=tuple(households))
    findings = run_rule("VOL-014", op).findings
    assert {(f.outcome, f.path) for f in findings} == {
        (Outcome.INSUFFICIENT_INFORMATION, "$.households[0].intended_return_area")
    }


def _sessions_naming(op: Operation, assessment: str | None) -> Operation:
    """``op`` with both adults' sessions naming ``assessment`` (none for ``None``)."""
    consent = list(sound_consent())
    consent[1] = evolve(consent[1], assessment=assessment)
    for member in (0, 1):
        op = with_member(op, 0, member, consent=tuple(consent))
    return op


def test_a_disclosure_on_an_assessment_already_superseded_by_a_worse_one_is_outdated() -> None:
    # The reviewed reproducer: the sessions, 15 days before as_of, name ASM-1 (60 days old)
    # although ASM-2 (30 days old) found the area not conducive, with discrimination.
    op = sound_operation()
    old = evolve(op.assessments[0], assessed_on=AS_OF.subtract(days=60))
    newer = evolve(
        sound_assessment(reference="ASM-2"),
        assessed_on=AS_OF.subtract(days=30),
        conducive_for_promotion=False,
        discrimination_reported=True,
    )
    op = evolve(op, assessments=(old, newer))
    findings = run_rule("VOL-014", op).findings
    assert [(f.outcome, f.path) for f in findings] == [
        (Outcome.FAIL, "$.households[0].members[0].consent[1]"),
        (Outcome.FAIL, f"{SPOUSE}.consent[1]"),
    ]
    assert all(f.severity is Severity.MINOR for f in findings)
    assert run_rule("VOL-014", _sessions_naming(op, "ASM-2")).clean


def test_a_worse_assessment_the_day_of_an_unnamed_session_leaves_the_disclosure_unknown() -> None:
    # It may have come out after the session that day: what was disclosed is not known.
    op = _sessions_naming(sound_operation(), None)
    op = _reassessed(op, AS_OF.subtract(days=15), arrests_on_return_reported=True)
    findings = run_rule("VOL-014", op).findings
    assert {(f.outcome, f.path) for f in findings} == {
        (Outcome.INSUFFICIENT_INFORMATION, "$.assessments[1].assessed_on")
    }
    assert run_rule("VOL-014", _sessions_naming(op, "ASM-2")).clean
