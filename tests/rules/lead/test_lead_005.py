"""LEAD-005: organised repatriation rests on a tripartite agreement."""

from __future__ import annotations

import pytest

from repatguard.model import AgreementClause, AgreementKind, MovementKind, Operation
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation
from repatguard.testing.rules import run_rule


def _agreement(**changes: object) -> Operation:
    op = sound_operation()
    return evolve(op, agreements=(evolve(op.agreements[0], **changes),))


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
    partial = evolve(op.agreements[0], reference="TPA-0", covers=())
    op = evolve(op, agreements=(partial, op.agreements[0]))
    assert run_rule("LEAD-005", op).clean


def test_not_applicable_to_an_internal_return() -> None:
    from repatguard.testing.factories import evolve, sound_operation
    from repatguard.testing.rules import run_rule

    op = evolve(sound_operation(), host_country="AGO", agreements=())
    assert run_rule("LEAD-005", op).outcomes == {Outcome.NOT_APPLICABLE}
