"""LEAD-009: an escalation does not wait past its limit for a joint decision."""

from __future__ import annotations

import pendulum
import pytest

from repatguard.facts.parameters import Parameters
from repatguard.model import EscalationDecision, Operation
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, sound_operation, with_escalation
from repatguard.testing.rules import run_rule


def _raised(days: int | None, **changes: object) -> Operation:
    raised = None if days is None else AS_OF.subtract(days=days)
    return with_escalation(sound_operation(), raised_on=raised, **changes)


def test_passes_without_escalations() -> None:
    assert run_rule("LEAD-009", sound_operation()).clean


@pytest.mark.parametrize("days", [0, 10, 30])
def test_an_open_escalation_within_the_limit_passes(days: int) -> None:
    assert run_rule("LEAD-009", _raised(days)).clean


def test_an_open_escalation_past_the_limit_fails_as_major() -> None:
    finding = run_rule("LEAD-009", _raised(31)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert not finding.escalate  # LEAD-008 carries the escalation
    assert finding.path == "$.escalations[0].raised_on"
    assert "31 days" in finding.message


def test_an_undated_open_escalation_is_insufficient_information() -> None:
    finding = run_rule("LEAD-009", _raised(None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR


def test_a_decided_escalation_passes_however_long_it_took() -> None:
    op = _raised(200, decision=EscalationDecision.STOP, decided_on=AS_OF.subtract(days=1))
    assert run_rule("LEAD-009", op).clean


def test_a_decision_dated_after_as_of_has_not_been_taken() -> None:
    op = _raised(40, decision=EscalationDecision.PROCEED, decided_on=AS_OF.add(days=1))
    assert run_rule("LEAD-009", op).only().outcome is Outcome.FAIL


def test_the_limit_is_a_parameter() -> None:
    assert Parameters().escalation_decision_max_age == "P30D"
    stricter = Parameters(escalation_decision_max_age="P7D")
    finding = run_rule("LEAD-009", _raised(10), parameters=stricter).only()
    assert finding.outcome is Outcome.FAIL


def test_one_finding_per_area_concerned() -> None:
    op = _raised(60, areas=("AREA-1",))
    assert run_rule("LEAD-009", op).only().area == "AREA-1"


def test_raised_on_as_of_is_day_zero() -> None:
    op = with_escalation(sound_operation(), raised_on=pendulum.Date(2026, 6, 1))
    assert run_rule("LEAD-009", op).clean
