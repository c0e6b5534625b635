"""MIX-006: assisted return only to areas safe enough."""

from __future__ import annotations

import pytest

from repatguard.model import MovementKind, Operation, SecurityLevel
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_assessment
from repatguard.testing.rules import run_rule


def _avrr(level: SecurityLevel | None = SecurityLevel.STABLE) -> Operation:
    op = evolve(sound_operation(), movement_kind=MovementKind.AVRR)
    return with_assessment(op, security_level=level)


@pytest.mark.parametrize("kind", [MovementKind.AVRR, MovementKind.ASSISTED_SPONTANEOUS])
def test_passes_for_assisted_return_to_a_stable_area(kind: MovementKind) -> None:
    run = run_rule("MIX-006", evolve(_avrr(), movement_kind=kind))
    assert run.clean
    assert run.tally.passed == 1


@pytest.mark.parametrize(
    "kind", [MovementKind.ORGANISED, MovementKind.SPONTANEOUS, MovementKind.FORCED]
)
def test_does_not_apply_to_other_movements(kind: MovementKind) -> None:
    op = evolve(_avrr(SecurityLevel.HIGHLY_DANGEROUS), movement_kind=kind)
    assert run_rule("MIX-006", op).outcomes == {Outcome.NOT_APPLICABLE}


def test_assisted_return_to_a_highly_dangerous_area_is_a_blocker() -> None:
    finding = run_rule("MIX-006", _avrr(SecurityLevel.HIGHLY_DANGEROUS)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.assessments[0].security_level"


def test_assisted_return_to_an_unsafe_area_is_major() -> None:
    finding = run_rule("MIX-006", _avrr(SecurityLevel.UNSAFE)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments[0].security_level"


def test_unrecorded_security_level_is_insufficient_information_at_blocker_weight() -> None:
    finding = run_rule("MIX-006", _avrr(None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.assessments[0].security_level"


def test_no_assessment_is_insufficient_information_at_blocker_weight() -> None:
    finding = run_rule("MIX-006", evolve(_avrr(), assessments=())).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.assessments"


def test_an_assessment_made_after_as_of_is_not_yet_on_record() -> None:
    op = with_assessment(_avrr(), assessed_on=AS_OF.add(days=1))
    assert run_rule("MIX-006", op).only().path == "$.assessments"


def test_applies_to_a_mixed_movement_which_has_an_assisted_spontaneous_part() -> None:
    op = with_assessment(
        evolve(sound_operation(), movement_kind=MovementKind.MIXED),
        security_level=SecurityLevel.HIGHLY_DANGEROUS,
    )
    finding = run_rule("MIX-006", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER


@pytest.mark.parametrize("assessed_on", [AS_OF.subtract(years=2), None])
def test_a_stable_area_read_from_stale_or_undated_evidence_is_insufficient_information(
    assessed_on: object,
) -> None:
    # Found by the issue-13 conversion: the rule read the latest assessment directly, so an
    # old "stable" passed. Old evidence may show a failure, never a pass (domain.md A-2).
    op = with_assessment(_avrr(), assessed_on=assessed_on)
    finding = run_rule("MIX-006", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.assessments[0].security_level"


def test_a_highly_dangerous_area_read_from_stale_evidence_still_fails() -> None:
    op = with_assessment(_avrr(SecurityLevel.HIGHLY_DANGEROUS), assessed_on=AS_OF.subtract(years=2))
    finding = run_rule("MIX-006", op).only()
    assert finding.outcome is Outcome.FAIL
