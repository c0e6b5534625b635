"""MIX-001: protection screening and referral before any IOM-assisted return."""

from __future__ import annotations

from typing import Any

import pytest

from repatguard.model import (
    AsylumClaim,
    ClaimStatus,
    LegalCategory,
    MovementKind,
    Operation,
    ProtectionScreening,
    ReferralOutcome,
)
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_member
from repatguard.testing.rules import run_rule

SPOUSE = "$.households[0].members[1]"
SCREENING = ProtectionScreening(screened_on=AS_OF.subtract(days=25), expressed_fear_of_return=False)


def _avrr() -> Operation:
    """An AVRR of one household of migrants, each screened with no fear of return."""
    op = evolve(sound_operation(), movement_kind=MovementKind.AVRR)
    for member in range(3):
        op = with_member(
            op, 0, member, legal_category=LegalCategory.MIGRANT, protection_screening=SCREENING
        )
    return op


def _spouse(**changes: Any) -> Operation:
    return with_member(_avrr(), 0, 1, **changes)


def _screening(**changes: Any) -> Operation:
    return _spouse(protection_screening=evolve(SCREENING, **changes))


def test_passes_when_everyone_was_screened_and_expressed_no_fear() -> None:
    run = run_rule("MIX-001", _avrr())
    assert run.clean
    assert run.tally.passed == 3


def test_passes_after_a_referral_found_no_protection_need() -> None:
    op = _screening(
        expressed_fear_of_return=True,
        referred_to_protection=True,
        referral_outcome=ReferralOutcome.NOT_IN_NEED_OF_PROTECTION,
    )
    assert run_rule("MIX-001", op).clean


@pytest.mark.parametrize(
    "kind",
    [
        MovementKind.ORGANISED,
        MovementKind.ASSISTED_SPONTANEOUS,
        MovementKind.SPONTANEOUS,
        MovementKind.FORCED,
    ],
)
def test_does_not_apply_to_movements_other_than_avrr(kind: MovementKind) -> None:
    run = run_rule("MIX-001", evolve(sound_operation(), movement_kind=kind))
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


def test_a_refugee_in_avrr_is_a_blocker() -> None:
    finding = run_rule("MIX-001", _spouse(legal_category=LegalCategory.REFUGEE)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{SPOUSE}.legal_category"


def test_a_recognised_asylum_claim_counts_as_a_refugee() -> None:
    op = _spouse(asylum_claim=AsylumClaim(status=ClaimStatus.RECOGNISED))
    finding = run_rule("MIX-001", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{SPOUSE}.asylum_claim.status"


def test_no_screening_is_insufficient_information_at_blocker_weight() -> None:
    finding = run_rule("MIX-001", _spouse(protection_screening=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{SPOUSE}.protection_screening"


def test_an_undated_screening_is_insufficient_information() -> None:
    finding = run_rule("MIX-001", _screening(screened_on=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SPOUSE}.protection_screening.screened_on"


def test_a_screening_dated_after_as_of_has_not_happened_yet() -> None:
    finding = run_rule("MIX-001", _screening(screened_on=AS_OF.add(days=1))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{SPOUSE}.protection_screening.screened_on"


def test_unrecorded_fear_of_return_is_insufficient_information() -> None:
    finding = run_rule("MIX-001", _screening(expressed_fear_of_return=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{SPOUSE}.protection_screening.expressed_fear_of_return"


def test_fear_of_return_without_referral_is_a_blocker() -> None:
    op = _screening(expressed_fear_of_return=True, referred_to_protection=False)
    finding = run_rule("MIX-001", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{SPOUSE}.protection_screening.referred_to_protection"


def test_fear_of_return_with_unrecorded_referral_is_insufficient_information() -> None:
    op = _screening(expressed_fear_of_return=True, referred_to_protection=None)
    finding = run_rule("MIX-001", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SPOUSE}.protection_screening.referred_to_protection"


@pytest.mark.parametrize(
    "outcome",
    [None, ReferralOutcome.PENDING, ReferralOutcome.IN_NEED_OF_PROTECTION],
)
def test_enrolment_waits_for_a_favourable_referral_outcome(
    outcome: ReferralOutcome | None,
) -> None:
    op = _screening(
        expressed_fear_of_return=True, referred_to_protection=True, referral_outcome=outcome
    )
    finding = run_rule("MIX-001", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{SPOUSE}.protection_screening.referral_outcome"


def test_a_referral_made_without_expressed_fear_still_binds() -> None:
    op = _screening(
        referred_to_protection=True, referral_outcome=ReferralOutcome.IN_NEED_OF_PROTECTION
    )
    assert run_rule("MIX-001", op).only().outcome is Outcome.FAIL


def test_a_pending_asylum_claim_is_a_blocker() -> None:
    op = _spouse(asylum_claim=AsylumClaim(status=ClaimStatus.PENDING))
    finding = run_rule("MIX-001", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{SPOUSE}.asylum_claim.status"


def test_a_withdrawal_dated_after_as_of_leaves_the_claim_pending() -> None:
    claim = AsylumClaim(status=ClaimStatus.WITHDRAWN, withdrawn_on=AS_OF.add(days=3))
    finding = run_rule("MIX-001", _spouse(asylum_claim=claim)).only()
    assert finding.path == f"{SPOUSE}.asylum_claim.status"
    withdrawn = evolve(claim, withdrawn_on=AS_OF.subtract(days=3))
    assert run_rule("MIX-001", _spouse(asylum_claim=withdrawn)).clean


def test_a_finally_rejected_claim_does_not_bar_avrr() -> None:
    op = _spouse(asylum_claim=AsylumClaim(status=ClaimStatus.REJECTED_FINAL))
    assert run_rule("MIX-001", op).clean


def test_a_kind_outside_the_vocabulary_may_be_avrr_so_screening_applies() -> None:
    # An operation built in Python with a plain string is not read as "not AVRR".
    op = evolve(_spouse(legal_category=LegalCategory.REFUGEE), movement_kind="avrr")
    assert Outcome.FAIL in run_rule("MIX-001", op).outcomes


def test_a_screening_dated_on_as_of_counts() -> None:
    run = run_rule("MIX-001", _screening(screened_on=AS_OF))
    assert run.clean
    assert run.tally.passed == 3


def test_a_withdrawal_dated_on_as_of_has_happened() -> None:
    claim = AsylumClaim(status=ClaimStatus.WITHDRAWN, withdrawn_on=AS_OF)
    assert run_rule("MIX-001", _spouse(asylum_claim=claim)).clean


def test_an_undated_withdrawal_is_a_withdrawal_not_a_pending_claim() -> None:
    # The status records the withdrawal; only a date after as_of would undo it (MIX-002
    # then judges whether the withdrawal was informed and free).
    claim = AsylumClaim(status=ClaimStatus.WITHDRAWN, withdrawn_on=None)
    run = run_rule("MIX-001", _spouse(asylum_claim=claim))
    assert run.clean
    assert run.tally.passed == 3
