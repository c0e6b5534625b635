"""LEAD-005: organised repatriation rests on a tripartite agreement."""

from __future__ import annotations

import json
from typing import Any

import pytest

from repatguard import check
from repatguard.io import load_text
from repatguard.io.converter import converter
from repatguard.model import AgreementClause, AgreementKind, MovementKind, Operation
from repatguard.outcomes import Outcome, Severity, Verdict
from repatguard.testing.factories import AS_OF, evolve, sound_operation
from repatguard.testing.rules import run_rule


def _agreement(**changes: object) -> Operation:
    op = sound_operation()
    assert op.agreements is not None
    return evolve(op, agreements=(evolve(op.agreements[0], **changes),))


def _known(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _known(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_known(item) for item in value]
    return value


def _loaded(operation: Operation, *, without: str, agreement_field: str | None = None) -> Operation:
    """``operation`` as a file that leaves out ``without`` (or that field of the first
    agreement)."""
    document = _known(converter().unstructure(operation))
    if agreement_field is None:
        del document[without]
    else:
        del document[without][0][agreement_field]
    return load_text(json.dumps(document), format="json")


def test_passes_with_a_tripartite_agreement_in_force_covering_every_clause() -> None:
    assert run_rule("LEAD-005", sound_operation()).clean


@pytest.mark.parametrize(
    "kind",
    [MovementKind.ASSISTED_SPONTANEOUS, MovementKind.SPONTANEOUS, MovementKind.AVRR],
)
def test_does_not_apply_to_movements_that_are_not_organised(kind: MovementKind) -> None:
    op = evolve(sound_operation(), movement_kind=kind, agreements=())
    run = run_rule("LEAD-005", op)
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


def test_fails_without_any_agreement() -> None:
    finding = run_rule("LEAD-005", evolve(sound_operation(), agreements=())).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.agreements"


def test_fails_listing_the_missing_clauses() -> None:
    covers = (AgreementClause.VOLUNTARINESS, AgreementClause.DOCUMENTATION)
    finding = run_rule("LEAD-005", _agreement(covers=covers)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == "$.agreements[0].covers"
    assert finding.evidence.observed == "missing: unhcr_access, guarantees"


def test_a_bilateral_agreement_does_not_count() -> None:
    finding = run_rule("LEAD-005", _agreement(kind=AgreementKind.BILATERAL)).only()
    assert finding.path == "$.agreements"


def test_unhcr_must_be_a_party() -> None:
    finding = run_rule("LEAD-005", _agreement(parties=("ZMB", "AGO", "IOM"))).only()
    assert finding.path == "$.agreements"


def test_an_agreement_with_other_countries_does_not_count() -> None:
    finding = run_rule("LEAD-005", _agreement(parties=("ZMB", "COD", "UNHCR"))).only()
    assert finding.outcome is Outcome.FAIL


def test_an_agreement_signed_after_as_of_is_not_yet_in_force() -> None:
    finding = run_rule("LEAD-005", _agreement(signed_on=AS_OF.add(days=1))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == "$.agreements"


def test_an_agreement_that_has_ended_is_no_longer_in_force() -> None:
    assert run_rule("LEAD-005", _agreement(ends_on=AS_OF)).only().outcome is Outcome.FAIL


def test_an_undated_agreement_is_insufficient_information() -> None:
    finding = run_rule("LEAD-005", _agreement(signed_on=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.agreements[0].signed_on"


def test_a_complete_agreement_in_force_outweighs_an_incomplete_one() -> None:
    op = sound_operation()
    assert op.agreements is not None
    partial = evolve(op.agreements[0], reference="TPA-0", covers=())
    op = evolve(op, agreements=(partial, op.agreements[0]))
    assert run_rule("LEAD-005", op).clean


def test_not_applicable_to_an_internal_return() -> None:
    from repatguard.testing.factories import evolve, sound_operation
    from repatguard.testing.rules import run_rule

    op = evolve(sound_operation(), host_country="AGO", agreements=())
    assert run_rule("LEAD-005", op).outcomes == {Outcome.NOT_APPLICABLE}


def test_agreements_left_out_of_the_file_are_insufficient_information_not_a_failure() -> None:
    finding = run_rule("LEAD-005", _loaded(sound_operation(), without="agreements")).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.agreements"


def test_an_empty_list_of_agreements_means_none_and_fails() -> None:
    finding = run_rule("LEAD-005", evolve(sound_operation(), agreements=())).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == "$.agreements"


def test_clauses_left_out_of_the_file_are_insufficient_information_not_a_failure() -> None:
    op = _loaded(sound_operation(), without="agreements", agreement_field="covers")
    finding = run_rule("LEAD-005", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.agreements[0].covers"


def test_parties_left_out_of_the_file_are_insufficient_information_not_a_failure() -> None:
    op = _loaded(sound_operation(), without="agreements", agreement_field="parties")
    finding = run_rule("LEAD-005", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.agreements[0].parties"


def test_an_empty_list_of_clauses_fails_listing_every_clause() -> None:
    finding = run_rule("LEAD-005", _agreement(covers=())).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == "$.agreements[0].covers"


def test_an_unrecorded_agreement_beside_an_incomplete_one_is_insufficient_information() -> None:
    op = sound_operation()
    assert op.agreements is not None
    incomplete = evolve(op.agreements[0], reference="TPA-0", covers=())
    unrecorded = evolve(op.agreements[0], covers=None)
    finding = run_rule("LEAD-005", evolve(op, agreements=(incomplete, unrecorded))).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.agreements[1].covers"


def test_an_unrecorded_agreement_never_makes_a_gate_failure_block() -> None:
    # Promotional messaging is a facilitation condition; with the agreements unknown,
    # promotion is not disproved, so the gate cannot block on it (A-R3).
    op = _loaded(evolve(sound_operation(), promotional_messaging=True), without="agreements")
    report = check(op, as_of=AS_OF)
    assert report.verdict is Verdict.INSUFFICIENT_INFORMATION
    assert not [f for f in report.findings if f.code == "LEAD-005" and f.outcome is Outcome.FAIL]


def test_an_agreement_between_the_country_of_origin_and_unhcr_only_is_not_tripartite() -> None:
    finding = run_rule("LEAD-005", _agreement(parties=("AGO", "UNHCR"))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == "$.agreements"


def test_an_agreement_between_the_host_country_and_unhcr_only_is_not_tripartite() -> None:
    finding = run_rule("LEAD-005", _agreement(parties=("ZMB", "UNHCR"))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == "$.agreements"


def test_of_incomplete_agreements_in_force_the_one_lacking_fewest_clauses_is_reported() -> None:
    op = sound_operation()
    assert op.agreements is not None
    bare = evolve(op.agreements[0], reference="TPA-0", covers=())
    nearly = evolve(op.agreements[0], covers=tuple(AgreementClause)[:-1])
    finding = run_rule("LEAD-005", evolve(op, agreements=(bare, nearly))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == "$.agreements[1].covers"
    assert finding.evidence.observed == "missing: documentation"
