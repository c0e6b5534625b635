"""MIX-002: informed withdrawal of asylum claims."""

from __future__ import annotations

from typing import Any

from repatguard.model import AsylumClaim, ClaimStatus, CoercionIndicator, Operation
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_member
from repatguard.testing.rules import run_rule

SPOUSE = "$.households[0].members[1]"
WITHDRAWN = AsylumClaim(
    status=ClaimStatus.WITHDRAWN,
    withdrawn_on=AS_OF.subtract(days=10),
    withdrawal_counselled=True,
)


def _withdrawn(**changes: Any) -> Operation:
    """The sound operation in which the spouse withdrew an asylum claim."""
    return with_member(sound_operation(), 0, 1, asylum_claim=evolve(WITHDRAWN, **changes))


def test_passes_when_the_withdrawal_was_counselled_and_free() -> None:
    run = run_rule("MIX-002", _withdrawn())
    assert run.clean
    assert run.tally.passed == 1


def test_does_not_apply_without_a_withdrawn_claim() -> None:
    assert run_rule("MIX-002", sound_operation()).outcomes == {Outcome.NOT_APPLICABLE}
    pending = _withdrawn(status=ClaimStatus.PENDING)
    assert run_rule("MIX-002", pending).outcomes == {Outcome.NOT_APPLICABLE}


def test_does_not_apply_to_a_withdrawal_dated_after_as_of() -> None:
    run = run_rule("MIX-002", _withdrawn(withdrawn_on=AS_OF.add(days=1)))
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


def test_fails_when_the_withdrawal_was_not_counselled() -> None:
    finding = run_rule("MIX-002", _withdrawn(withdrawal_counselled=False)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{SPOUSE}.asylum_claim.withdrawal_counselled"


def test_unrecorded_counselling_is_insufficient_information() -> None:
    finding = run_rule("MIX-002", _withdrawn(withdrawal_counselled=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{SPOUSE}.asylum_claim.withdrawal_counselled"


def test_a_coercion_indicator_makes_a_counselled_withdrawal_one_under_pressure() -> None:
    op = with_member(
        _withdrawn(), 0, 1, coercion_indicators=(CoercionIndicator.THREATS_OR_PRESSURE,)
    )
    finding = run_rule("MIX-002", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{SPOUSE}.coercion_indicators[0]"


def test_a_withdrawal_dated_on_as_of_is_judged() -> None:
    finding = run_rule(
        "MIX-002", _withdrawn(withdrawn_on=AS_OF, withdrawal_counselled=False)
    ).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{SPOUSE}.asylum_claim.withdrawal_counselled"


def test_an_undated_withdrawal_is_judged() -> None:
    finding = run_rule("MIX-002", _withdrawn(withdrawn_on=None, withdrawal_counselled=False)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{SPOUSE}.asylum_claim.withdrawal_counselled"
    assert run_rule("MIX-002", _withdrawn(withdrawn_on=None)).clean
