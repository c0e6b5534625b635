"""DATA-002: nothing about protection claims flows to the country of origin without a basis."""

from __future__ import annotations

from typing import Any

import pytest

from repatguard.model import DataRecipient, Operation
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import evolve, sound_operation
from repatguard.testing.rules import run_rule

TRANSFER = "$.data_transfers[0]"


def _transfer(**changes: Any) -> Operation:
    """The sound operation with its transfer to the origin authorities changed."""
    op = sound_operation()
    return evolve(op, data_transfers=(evolve(op.data_transfers[0], **changes),))


def test_passes_for_a_disclosed_consented_transfer_without_claim_content() -> None:
    run = run_rule("DATA-002", sound_operation())
    assert run.clean
    assert run.tally.passed == 1


def test_does_not_apply_without_a_transfer_to_the_origin() -> None:
    assert run_rule("DATA-002", evolve(sound_operation(), data_transfers=())).outcomes == {
        Outcome.NOT_APPLICABLE
    }
    op = _transfer(recipient=DataRecipient.PARTNER_AGENCY, consent_recorded=False)
    assert run_rule("DATA-002", op).outcomes == {Outcome.NOT_APPLICABLE}


def test_claim_content_sent_to_the_origin_is_a_blocker() -> None:
    finding = run_rule("DATA-002", _transfer(includes_claim_content=True)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{TRANSFER}.includes_claim_content"


def test_unrecorded_claim_content_is_insufficient_information_at_blocker_weight() -> None:
    finding = run_rule("DATA-002", _transfer(includes_claim_content=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{TRANSFER}.includes_claim_content"


@pytest.mark.parametrize("basis", [None, "", "   "])
def test_a_transfer_without_a_legal_basis_is_major(basis: str | None) -> None:
    finding = run_rule("DATA-002", _transfer(legal_basis=basis)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{TRANSFER}.legal_basis"


@pytest.mark.parametrize("field", ["disclosed_to_persons", "consent_recorded"])
def test_an_undisclosed_or_unconsented_transfer_is_major(field: str) -> None:
    finding = run_rule("DATA-002", _transfer(**{field: False})).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{TRANSFER}.{field}"


@pytest.mark.parametrize("field", ["disclosed_to_persons", "consent_recorded"])
def test_unrecorded_disclosure_or_consent_is_insufficient_information(field: str) -> None:
    finding = run_rule("DATA-002", _transfer(**{field: None})).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{TRANSFER}.{field}"


def test_each_transfer_to_the_origin_is_checked() -> None:
    op = sound_operation()
    bad = evolve(op.data_transfers[0], includes_claim_content=True)
    run = run_rule("DATA-002", evolve(op, data_transfers=(op.data_transfers[0], bad)))
    assert run.tally.passed == 1
    assert run.only().path == "$.data_transfers[1].includes_claim_content"
