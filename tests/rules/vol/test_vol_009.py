"""VOL-009: continued asylum for those who stay."""

from __future__ import annotations

from repatguard.model import Operation, PressureKind, PressureSignal, StayersPolicy
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation
from repatguard.testing.rules import run_rule


def _policy(**changes: object) -> Operation:
    return evolve(
        sound_operation(),
        stayers_policy=evolve(StayersPolicy(status_kept=True, assistance_kept=True), **changes),
    )


def _with_signal(**changes: object) -> Operation:
    signal = PressureSignal(
        kind=PressureKind.LEGAL_STATUS_EXPIRY,
        started_on=AS_OF.subtract(days=20),
        tied_to_refusing_return=False,
    )
    return evolve(sound_operation(), pressure_signals=(evolve(signal, **changes),))


def test_passes_when_stayers_keep_status_and_assistance_and_no_measure_ends_it() -> None:
    run = run_rule("VOL-009", sound_operation())
    assert run.clean
    assert run.tally.passed == 1  # one subject, the operation: one pass


def test_no_policy_on_record_is_insufficient_information_at_blocker_weight() -> None:
    finding = run_rule("VOL-009", evolve(sound_operation(), stayers_policy=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.stayers_policy"


def test_losing_status_is_a_blocker() -> None:
    finding = run_rule("VOL-009", _policy(status_kept=False)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.stayers_policy.status_kept"


def test_losing_assistance_is_a_blocker() -> None:
    finding = run_rule("VOL-009", _policy(assistance_kept=False)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == "$.stayers_policy.assistance_kept"


def test_each_unknown_aspect_is_reported_at_its_own_path() -> None:
    run = run_rule("VOL-009", _policy(status_kept=None, assistance_kept=None))
    assert {f.outcome for f in run.findings} == {Outcome.INSUFFICIENT_INFORMATION}
    assert {f.path for f in run.findings} == {
        "$.stayers_policy.status_kept",
        "$.stayers_policy.assistance_kept",
    }


def test_a_host_measure_letting_status_lapse_is_a_blocker() -> None:
    finding = run_rule("VOL-009", _with_signal()).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.pressure_signals[0]"


def test_status_revocation_counts_too() -> None:
    run = run_rule("VOL-009", _with_signal(kind=PressureKind.STATUS_REVOCATION))
    assert run.only().outcome is Outcome.FAIL


def test_other_host_measures_are_left_to_the_prem_rules() -> None:
    assert run_rule("VOL-009", _with_signal(kind=PressureKind.DEADLINE)).clean


def test_a_measure_announced_after_as_of_is_not_yet_in_place() -> None:
    assert run_rule("VOL-009", _with_signal(started_on=AS_OF.add(days=1))).clean


def test_no_pressure_review_is_insufficient_information_not_a_pass() -> None:
    finding = run_rule("VOL-009", evolve(sound_operation(), pressure_review=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.pressure_review"
