"""DATA-009: refugee data reaches the origin state or host security only under an agreement
in force that covers the recipient, the purpose and the data."""

from __future__ import annotations

import json
from typing import Any

import pendulum
import pytest

from repatguard.errors import InputError
from repatguard.io import load_text
from repatguard.io.converter import converter
from repatguard.model import DataCategory, DataRecipient, Operation, Population
from repatguard.model.validate import validate_operation
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import evolve, sound_operation
from repatguard.testing.rules import run_rule

TRANSFER = "$.data_transfers[0]"


def _op(sharing: dict[str, Any] | None = None, **transfer: Any) -> Operation:
    """The sound operation with its data-sharing agreement (``sharing``) and its transfer
    changed."""
    op = sound_operation()
    assert op.data_transfers is not None
    assert op.data_sharing_agreements is not None
    return evolve(
        op,
        data_transfers=(evolve(op.data_transfers[0], **transfer),),
        data_sharing_agreements=(evolve(op.data_sharing_agreements[0], **(sharing or {})),),
    )


def _known(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _known(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_known(item) for item in value]
    return value


def _document() -> dict[str, Any]:
    document: dict[str, Any] = _known(converter().unstructure(sound_operation()))
    return document


def test_passes_for_a_transfer_under_an_agreement_in_force_that_covers_it() -> None:
    run = run_rule("DATA-009", sound_operation())
    assert run.clean
    assert run.tally.passed == 1


def test_the_sound_operation_round_trips_through_a_file_and_still_passes() -> None:
    loaded = load_text(json.dumps(_document()), format="json")
    assert loaded == sound_operation()
    assert run_rule("DATA-009", loaded).clean


def test_transfers_left_out_of_the_file_are_insufficient_information_at_blocker_weight() -> None:
    document = _document()
    del document["data_transfers"]
    finding = run_rule("DATA-009", load_text(json.dumps(document), format="json")).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.data_transfers"


def test_no_planned_transfer_needs_no_agreement() -> None:
    run = run_rule("DATA-009", evolve(sound_operation(), data_transfers=()))
    assert run.clean


@pytest.mark.parametrize(
    "recipient",
    [DataRecipient.HOST_AUTHORITIES, DataRecipient.PARTNER_AGENCY, DataRecipient.OTHER],
)
def test_other_recipients_are_left_to_data_002(recipient: DataRecipient) -> None:
    run = run_rule("DATA-009", _op(recipient=recipient, agreement=None))
    assert run.clean


def test_not_applicable_when_the_counts_show_no_one_under_unhcr_mandate() -> None:
    op = evolve(
        _op(agreement=None),
        population=Population(
            refugees=0, asylum_seekers=0, migrants=9, idps=0, stateless=0, unknown=0
        ),
        households=(),
    )
    run = run_rule("DATA-009", op)
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


def test_unknown_counts_do_not_excuse_the_transfer() -> None:
    op = evolve(_op(agreement=None), population=Population(), households=())
    finding = run_rule("DATA-009", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION


def test_a_transfer_that_names_no_agreement_is_insufficient_information_at_blocker_weight() -> None:
    finding = run_rule("DATA-009", _op(agreement=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{TRANSFER}.agreement"


def test_data_to_host_security_is_guarded_like_data_to_the_origin() -> None:
    finding = run_rule(
        "DATA-009", _op(recipient=DataRecipient.HOST_SECURITY, agreement=None)
    ).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    # The origin-state agreement does not cover the host's security services.
    run = run_rule("DATA-009", _op(recipient=DataRecipient.HOST_SECURITY))
    assert {(f.outcome, f.path) for f in run.findings} == {(Outcome.FAIL, f"{TRANSFER}.agreement")}
    assert len(run.findings) == 2  # neither the recipient nor the host state (ZMB) is covered
    covered = _op(
        {"recipients": (DataRecipient.HOST_SECURITY,), "parties": ("ZMB", "UNHCR")},
        recipient=DataRecipient.HOST_SECURITY,
    )
    assert run_rule("DATA-009", covered).clean


@pytest.mark.parametrize(
    ("dates", "observed"),
    [
        ({"signed_on": pendulum.Date(2026, 6, 2)}, "signed on 2026-06-02"),
        ({"ends_on": pendulum.Date(2026, 6, 1)}, "ended on 2026-06-01"),
        ({"ends_on": pendulum.Date(2026, 1, 1)}, "ended on 2026-01-01"),
    ],
)
def test_an_agreement_not_in_force_at_as_of_is_a_blocker(
    dates: dict[str, Any], observed: str
) -> None:
    finding = run_rule("DATA-009", _op(dates)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{TRANSFER}.agreement"
    assert observed in str(finding.evidence.observed)


def test_an_agreement_ending_the_day_after_as_of_is_still_in_force() -> None:
    assert run_rule("DATA-009", _op({"ends_on": pendulum.Date(2026, 6, 2)})).clean


def test_an_undated_agreement_is_insufficient_information() -> None:
    finding = run_rule("DATA-009", _op({"signed_on": None})).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{TRANSFER}.agreement"


def test_an_agreement_not_signed_by_the_origin_state_does_not_bind_it() -> None:
    finding = run_rule("DATA-009", _op({"parties": ("UNHCR", "ZMB")})).only()
    assert finding.outcome is Outcome.FAIL
    assert "AGO" in finding.message


def test_an_agreement_for_other_recipients_fails() -> None:
    finding = run_rule("DATA-009", _op({"recipients": (DataRecipient.PARTNER_AGENCY,)})).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{TRANSFER}.agreement"


@pytest.mark.parametrize("field", ["recipients", "parties"])
def test_unrecorded_recipients_or_parties_are_insufficient_information(field: str) -> None:
    finding = run_rule("DATA-009", _op({field: None})).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER


def test_a_purpose_the_agreement_does_not_list_fails() -> None:
    finding = run_rule("DATA-009", _op(purpose="security vetting")).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{TRANSFER}.purpose"


def test_purposes_are_compared_without_regard_to_case_or_spacing() -> None:
    run = run_rule("DATA-009", _op(purpose="  Identity  verification for READMISSION "))
    assert run.clean


@pytest.mark.parametrize(
    ("agreement", "transfer"),
    [({}, {"purpose": None}), ({}, {"purpose": " "}), ({"purposes": None}, {})],
)
def test_an_unrecorded_purpose_on_either_side_is_insufficient_information(
    agreement: dict[str, Any], transfer: dict[str, Any]
) -> None:
    finding = run_rule("DATA-009", _op(agreement, **transfer)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{TRANSFER}.purpose"


def test_a_category_the_agreement_does_not_list_fails_and_is_named() -> None:
    sent = (DataCategory.IDENTITY, DataCategory.BIOMETRICS)
    finding = run_rule("DATA-009", _op(categories=sent)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{TRANSFER}.categories"
    assert finding.evidence.observed == "not covered: biometrics"


def test_sending_fewer_categories_than_the_agreement_allows_passes() -> None:
    assert run_rule("DATA-009", _op(categories=(DataCategory.IDENTITY,))).clean


@pytest.mark.parametrize(
    ("agreement", "transfer"), [({}, {"categories": None}), ({"categories": None}, {})]
)
def test_unrecorded_categories_on_either_side_are_insufficient_information(
    agreement: dict[str, Any], transfer: dict[str, Any]
) -> None:
    finding = run_rule("DATA-009", _op(agreement, **transfer)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{TRANSFER}.categories"


def test_each_guarded_transfer_is_checked_against_its_own_agreement() -> None:
    op = sound_operation()
    assert op.data_transfers is not None
    assert op.data_sharing_agreements is not None
    sound = op.data_transfers[0]
    lapsed = evolve(
        op.data_sharing_agreements[0], reference="DSA-OLD", ends_on=pendulum.Date(2026, 1, 1)
    )
    op = evolve(
        op,
        data_transfers=(sound, evolve(sound, agreement="DSA-OLD")),
        data_sharing_agreements=(*op.data_sharing_agreements, lapsed),
    )
    run = run_rule("DATA-009", op)
    assert run.tally.passed == 0
    assert run.only().path == "$.data_transfers[1].agreement"


def test_claim_content_is_left_to_data_002() -> None:
    assert run_rule("DATA-009", _op(includes_claim_content=True, consent_recorded=False)).clean


def test_a_transfer_naming_an_agreement_not_on_record_is_an_input_error() -> None:
    issues = validate_operation(_op(agreement="DSA-9"))
    assert [issue.path for issue in issues] == [f"{TRANSFER}.agreement"]
    document = _document()
    document["data_sharing_agreements"] = []
    with pytest.raises(InputError) as raised:
        load_text(json.dumps(document), format="json")
    assert [issue.path for issue in raised.value.issues] == [f"{TRANSFER}.agreement"]


def test_agreements_left_out_of_the_file_leave_the_named_one_unknown() -> None:
    document = _document()
    del document["data_sharing_agreements"]
    op = load_text(json.dumps(document), format="json")
    finding = run_rule("DATA-009", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{TRANSFER}.agreement"
    assert finding.evidence.observed == "agreement not on record"


def test_an_agreement_ending_before_it_is_signed_is_an_input_error() -> None:
    issues = validate_operation(_op({"ends_on": pendulum.Date(2025, 10, 1)}))
    assert [issue.path for issue in issues] == ["$.data_sharing_agreements[0].ends_on"]


def test_repeated_and_empty_agreement_references_are_input_errors() -> None:
    op = sound_operation()
    assert op.data_sharing_agreements is not None
    twice = evolve(op, data_sharing_agreements=op.data_sharing_agreements * 2)
    assert [i.path for i in validate_operation(twice)] == ["$.data_sharing_agreements"]
    blank = _op({"reference": " "}, agreement=None)
    assert [i.path for i in validate_operation(blank)] == ["$.data_sharing_agreements[0].reference"]


# Found by an adversarial review: forgetting a fact must never read as "in force".


def test_an_agreement_with_no_recorded_end_is_insufficient_information_not_in_force() -> None:
    ended = run_rule("DATA-009", _op({"ends_on": pendulum.Date(2026, 5, 31)})).only()
    assert ended.outcome is Outcome.FAIL
    forgotten = run_rule("DATA-009", _op({"ends_on": None})).only()
    assert forgotten.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert forgotten.severity is Severity.BLOCKER
    assert forgotten.path == f"{TRANSFER}.agreement"


def test_a_known_past_end_fails_even_when_the_signing_date_is_forgotten() -> None:
    finding = run_rule(
        "DATA-009", _op({"ends_on": pendulum.Date(2026, 5, 31), "signed_on": None})
    ).only()
    assert finding.outcome is Outcome.FAIL
    assert "no longer in force" in finding.message
