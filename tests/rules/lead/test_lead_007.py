"""LEAD-007: the agencies agree on who leads."""

from __future__ import annotations

import pendulum
import pytest

from repatguard import check
from repatguard.model import EscalationDecision, EscalationKind, Operation
from repatguard.outcomes import Outcome, Severity, Verdict
from repatguard.render.i18n import say, use_language
from repatguard.rules.message import Message
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_escalation
from repatguard.testing.rules import run_rule


def _disputed(value: bool | None, since: pendulum.Date | None = None) -> Operation:
    op = sound_operation()
    return evolve(op, lead=evolve(op.lead, lead_disputed=value, disputed_since=since))


def test_passes_when_the_agencies_agree_on_the_lead() -> None:
    assert run_rule("LEAD-007", sound_operation()).clean


def test_a_disputed_lead_fails_as_major_and_is_escalated() -> None:
    finding = run_rule("LEAD-007", _disputed(True)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.lead.lead_disputed"
    assert finding.escalate


def test_an_unrecorded_dispute_is_major_insufficient_information_carrying_the_escalation() -> None:
    finding = run_rule("LEAD-007", _disputed(None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.lead.lead_disputed"
    assert finding.escalate


def test_an_unrecorded_dispute_reaches_the_escalation_path_and_lets_nothing_proceed() -> None:
    report = check(_disputed(None), as_of=AS_OF)
    assert report.escalate
    assert report.verdict in {Verdict.INSUFFICIENT_INFORMATION, Verdict.BLOCKED}


@pytest.mark.parametrize(
    ("decision", "severity"),
    [
        (EscalationDecision.PROCEED, Severity.MAJOR),
        (EscalationDecision.STOP, Severity.BLOCKER),
        (EscalationDecision.SUSPEND, Severity.BLOCKER),
    ],
)
def test_a_joint_decision_on_the_dispute_settles_the_escalation_and_is_cited(
    decision: EscalationDecision, severity: Severity
) -> None:
    op = with_escalation(
        _disputed(True, since=AS_OF.subtract(days=20)),
        kind=EscalationKind.LEAD_DISPUTE,
        decision=decision,
        decided_on=AS_OF.subtract(days=1),
    )
    finding = run_rule("LEAD-007", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is severity
    assert not finding.escalate
    assert "ESC-1" in finding.message


def test_a_decision_about_one_area_does_not_settle_the_operation_wide_dispute() -> None:
    op = with_escalation(
        _disputed(True),
        kind=EscalationKind.LEAD_DISPUTE,
        areas=("AREA-1",),
        decision=EscalationDecision.PROCEED,
        decided_on=AS_OF.subtract(days=1),
    )
    assert run_rule("LEAD-007", op).only().escalate


def test_a_decision_does_not_settle_an_unrecorded_dispute() -> None:
    op = with_escalation(
        _disputed(None),
        kind=EscalationKind.LEAD_DISPUTE,
        decision=EscalationDecision.PROCEED,
        decided_on=AS_OF.subtract(days=1),
    )
    finding = run_rule("LEAD-007", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.escalate


# Found by an adversarial review: a decision to proceed of any age settled today's dispute.


@pytest.mark.parametrize(
    "since", [None, AS_OF.subtract(days=10)], ids=["dispute date unknown", "decision older"]
)
def test_a_decision_to_proceed_settles_only_the_dispute_it_was_taken_about(
    since: pendulum.Date | None,
) -> None:
    op = with_escalation(
        _disputed(True, since=since),
        kind=EscalationKind.LEAD_DISPUTE,
        raised_on=AS_OF.subtract(days=1100),
        decision=EscalationDecision.PROCEED,
        decided_on=AS_OF.subtract(days=1095),
    )
    finding = run_rule("LEAD-007", op).only()
    assert finding.escalate
    assert check(op, as_of=AS_OF).escalate


def test_an_old_decision_to_stop_still_settles_the_dispute_as_a_blocker() -> None:
    op = with_escalation(
        _disputed(True),
        kind=EscalationKind.LEAD_DISPUTE,
        raised_on=AS_OF.subtract(days=1100),
        decision=EscalationDecision.STOP,
        decided_on=AS_OF.subtract(days=1095),
    )
    assert run_rule("LEAD-007", op).only().severity is Severity.BLOCKER


_SETTLED_ENGLISH = {
    EscalationDecision.PROCEED: "the joint decision to proceed on escalation ESC-1 ({on}) settles "
    "the escalation",
    EscalationDecision.STOP: "the joint decision on escalation ESC-1 ({on}) is to stop movements, "
    "so they must not proceed",
    EscalationDecision.SUSPEND: "the joint decision on escalation ESC-1 ({on}) is to suspend "
    "movements, so they must not proceed",
}


@pytest.mark.parametrize("decision", list(EscalationDecision))
@pytest.mark.parametrize("lang", ["fr", "es", "ar"])
def test_a_settled_dispute_reads_in_each_language_and_keeps_its_english(
    decision: EscalationDecision, lang: str
) -> None:
    # Issue 14: the settled dispute is one whole message per decision (never the dispute's
    # sentence with a clause glued on), and its English is what it was before.
    decided_on = AS_OF.subtract(days=1)
    op = with_escalation(
        _disputed(True, since=AS_OF.subtract(days=20)),
        kind=EscalationKind.LEAD_DISPUTE,
        decision=decision,
        decided_on=decided_on,
    )
    finding = run_rule("LEAD-007", op).only()
    on = decided_on.isoformat()
    assert finding.message == (
        "the agencies disagree on who leads the operation; the disagreement goes to the joint "
        "IOM-UNHCR escalation path; " + _SETTLED_ENGLISH[decision].format(on=on)
    )
    assert finding.evidence.observed == (
        f"lead disputed; joint decision on escalation ESC-1: {decision}, {on}"
    )
    wording = finding.wording
    assert wording is not None
    assert type(wording.message) is Message
    assert all(type(part) is Message for part in wording.observed)
    with use_language(lang):
        shown = say(wording.message)
        observed = say(wording.observed[0])
    assert shown != finding.message
    assert "ESC-1" in shown
    assert on in shown
    assert str(decision) in observed
