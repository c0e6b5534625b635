"""IDP-001: internally displaced people choose freely between return, local integration and
settlement elsewhere."""

from __future__ import annotations

from typing import Any

from repatguard.model import LegalCategory, Operation, SettlementOption
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import sound_operation, with_member
from repatguard.testing.rules import run_rule

_ALL = tuple(SettlementOption)


def _idp(**changes: Any) -> Operation:
    """The sound operation with its head of household an IDP who chose return freely."""
    facts: dict[str, Any] = {
        "legal_category": LegalCategory.IDP,
        "settlement_options_offered": _ALL,
        "settlement_option_chosen": SettlementOption.RETURN,
    }
    facts.update(changes)
    return with_member(sound_operation(), 0, 0, **facts)


def test_not_applicable_when_no_one_is_internally_displaced() -> None:
    run = run_rule("IDP-001", sound_operation())
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


def test_passes_when_all_options_were_offered_and_return_was_chosen() -> None:
    run = run_rule("IDP-001", _idp())
    assert run.clean
    assert run.tally.passed == 1


def test_a_person_who_stays_behind_is_not_checked_as_a_returnee() -> None:
    op = _idp(settlement_option_chosen=SettlementOption.LOCAL_INTEGRATION, stays_behind=True)
    run = run_rule("IDP-001", op)
    assert not run.findings
    assert Outcome.PASS not in run.outcomes


def test_fails_when_not_every_option_was_offered() -> None:
    op = _idp(settlement_options_offered=(SettlementOption.RETURN,))
    finding = run_rule("IDP-001", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.subject == "P-1"
    assert finding.path == "$.households[0].members[0].settlement_options_offered"
    assert finding.evidence.observed is not None
    assert "local_integration" in finding.evidence.observed


def test_fails_when_the_person_chose_another_solution_but_is_on_the_manifest() -> None:
    op = _idp(settlement_option_chosen=SettlementOption.SETTLEMENT_ELSEWHERE)
    finding = run_rule("IDP-001", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.households[0].members[0].settlement_option_chosen"
    assert "return manifest" in finding.message


def test_unknown_stays_behind_counts_as_on_the_movement() -> None:
    op = _idp(settlement_option_chosen=SettlementOption.LOCAL_INTEGRATION, stays_behind=None)
    assert run_rule("IDP-001", op).only().outcome is Outcome.FAIL


def test_no_record_of_options_offered_is_insufficient_information() -> None:
    finding = run_rule("IDP-001", _idp(settlement_options_offered=())).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.households[0].members[0].settlement_options_offered"


def test_unrecorded_choice_is_insufficient_information() -> None:
    finding = run_rule("IDP-001", _idp(settlement_option_chosen=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.households[0].members[0].settlement_option_chosen"
