"""DATA-002: personal data goes to no recipient without a basis, and claim content to none."""

from __future__ import annotations

import json
from typing import Any

import pytest

from repatguard.io import load_text
from repatguard.io.converter import converter
from repatguard.model import DataRecipient, Operation
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import evolve, sound_operation
from repatguard.testing.rules import run_rule

TRANSFER = "$.data_transfers[0]"


def _transfer(**changes: Any) -> Operation:
    """The sound operation with its transfer to the origin authorities changed."""
    op = sound_operation()
    assert op.data_transfers is not None
    return evolve(op, data_transfers=(evolve(op.data_transfers[0], **changes),))


def _known(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _known(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_known(item) for item in value]
    return value


def _loaded_without_transfers() -> Operation:
    """The sound operation as a file that leaves ``data_transfers`` out."""
    document = _known(converter().unstructure(sound_operation()))
    del document["data_transfers"]
    return load_text(json.dumps(document), format="json")


def test_passes_for_a_disclosed_consented_transfer_without_claim_content() -> None:
    run = run_rule("DATA-002", sound_operation())
    assert run.clean
    assert run.tally.passed == 1


def test_transfers_left_out_of_the_file_are_insufficient_information_at_blocker_weight() -> None:
    finding = run_rule("DATA-002", _loaded_without_transfers()).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.data_transfers"


def test_an_empty_list_of_transfers_means_none_planned_and_passes() -> None:
    run = run_rule("DATA-002", evolve(sound_operation(), data_transfers=()))
    assert run.clean
    assert run.tally.passed == 1


@pytest.mark.parametrize(
    "recipient",
    [DataRecipient.HOST_AUTHORITIES, DataRecipient.PARTNER_AGENCY, DataRecipient.OTHER],
)
def test_transfers_to_every_kind_of_recipient_are_checked(recipient: DataRecipient) -> None:
    op = _transfer(recipient=recipient, consent_recorded=False)
    finding = run_rule("DATA-002", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{TRANSFER}.consent_recorded"


@pytest.mark.parametrize("recipient", list(DataRecipient))
def test_claim_content_is_a_blocker_for_every_recipient(recipient: DataRecipient) -> None:
    op = _transfer(recipient=recipient, includes_claim_content=True)
    finding = run_rule("DATA-002", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER


@pytest.mark.parametrize("recipient", list(DataRecipient))
def test_a_complete_transfer_to_any_recipient_passes(recipient: DataRecipient) -> None:
    run = run_rule("DATA-002", _transfer(recipient=recipient))
    assert run.clean
    assert run.tally.passed == 1


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


@pytest.mark.parametrize("basis", ["", "   "])
def test_a_transfer_with_a_blank_legal_basis_fails_as_major(basis: str) -> None:
    finding = run_rule("DATA-002", _transfer(legal_basis=basis)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{TRANSFER}.legal_basis"


def test_an_unrecorded_legal_basis_is_insufficient_information_never_a_failure() -> None:
    finding = run_rule("DATA-002", _transfer(legal_basis=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{TRANSFER}.legal_basis"


@pytest.mark.parametrize("purpose", [None, " "])
def test_an_unrecorded_purpose_is_insufficient_information(purpose: str | None) -> None:
    finding = run_rule("DATA-002", _transfer(purpose=purpose)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{TRANSFER}.purpose"


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


def test_each_transfer_is_checked() -> None:
    op = sound_operation()
    assert op.data_transfers is not None
    sound = op.data_transfers[0]
    bad = evolve(sound, includes_claim_content=True)
    run = run_rule("DATA-002", evolve(op, data_transfers=(sound, bad)))
    # The operation is the rule's one subject: a problem with any transfer means no pass.
    assert run.tally.passed == 0
    assert run.only().path == "$.data_transfers[1].includes_claim_content"
    unconsented = evolve(sound, consent_recorded=False)
    run = run_rule("DATA-002", evolve(op, data_transfers=(unconsented, bad)))
    assert {f.path for f in run.findings} == {
        "$.data_transfers[0].consent_recorded",
        "$.data_transfers[1].includes_claim_content",
    }


def test_several_sound_transfers_are_one_pass_for_the_operation() -> None:
    op = sound_operation()
    assert op.data_transfers is not None
    run = run_rule("DATA-002", evolve(op, data_transfers=(op.data_transfers[0],) * 2))
    assert run.clean
    assert run.tally.passed == 1
