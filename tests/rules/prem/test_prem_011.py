"""PREM-011: spontaneous return into conditions not conducive is escalated."""

from __future__ import annotations

import pytest

import repatguard
from repatguard.errors import InputError
from repatguard.model import (
    EscalationDecision,
    EscalationKind,
    MovementKind,
    Operation,
    ReturnArea,
    Stance,
    UnhcrPosition,
)
from repatguard.outcomes import Outcome, Severity, Verdict
from repatguard.testing.factories import (
    AS_OF,
    evolve,
    sound_operation,
    with_assessment,
    with_escalation,
)
from repatguard.testing.rules import run_rule

_NOT_PROMOTING = UnhcrPosition(
    reference="POS-2",
    stances=(Stance.NOT_PROMOTING, Stance.FACILITATING_ONLY),
    country="AGO",
    # After the negative assessment, made 30 days before as_of (sound_assessment).
    issued_on=AS_OF.subtract(days=20),
)


def _spontaneous(
    kind: MovementKind = MovementKind.SPONTANEOUS, *, conducive: bool | None = False
) -> Operation:
    op = evolve(sound_operation(), movement_kind=kind, positions=())
    return with_assessment(op, conducive_for_promotion=conducive)


def _with_position(op: Operation, **changes: object) -> Operation:
    return evolve(op, positions=(evolve(_NOT_PROMOTING, **changes),))


def test_passes_for_spontaneous_return_into_conducive_conditions() -> None:
    assert run_rule("PREM-011", _spontaneous(conducive=True)).clean


def test_a_conducive_finding_past_its_age_limit_is_unknown_weighed_as_an_escalation() -> None:
    # domain.md A-2: stale evidence may fail, never pass; conditions may have turned since.
    op = with_assessment(_spontaneous(conducive=True), assessed_on=AS_OF.subtract(days=400))
    run = run_rule("PREM-011", op)
    [finding] = run.findings
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.escalate
    assert finding.path.endswith(".assessed_on")
    assert "older than its age limit" in finding.message
    undated = run_rule("PREM-011", with_assessment(_spontaneous(conducive=True), assessed_on=None))
    assert [f.outcome for f in undated.findings] == [Outcome.INSUFFICIENT_INFORMATION]


def test_not_applicable_to_an_organised_movement() -> None:
    run = run_rule("PREM-011", sound_operation())
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


@pytest.mark.parametrize(
    "kind", [MovementKind.SPONTANEOUS, MovementKind.ASSISTED_SPONTANEOUS, MovementKind.MIXED]
)
def test_no_position_in_force_fails_and_escalates(kind: MovementKind) -> None:
    finding = run_rule("PREM-011", _spontaneous(kind)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.escalate
    assert finding.path == "$.positions"
    assert finding.subject == "AREA-1"


def test_a_position_for_another_area_does_not_discharge_the_escalation() -> None:
    op = _with_position(_spontaneous(), areas=("AREA-9",))
    assert run_rule("PREM-011", op).only().escalate


def test_a_position_in_force_with_route_monitoring_passes() -> None:
    assert run_rule("PREM-011", _with_position(_spontaneous())).clean


def test_a_position_in_force_without_route_monitoring_fails_without_escalation() -> None:
    op = evolve(_with_position(_spontaneous()), route_monitoring=False)
    finding = run_rule("PREM-011", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert not finding.escalate
    assert finding.path == "$.route_monitoring"


def test_unrecorded_route_monitoring_is_insufficient_information() -> None:
    op = evolve(_with_position(_spontaneous()), route_monitoring=None)
    finding = run_rule("PREM-011", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.route_monitoring"


def test_an_unrecorded_conducive_finding_is_insufficient_information() -> None:
    finding = run_rule("PREM-011", _spontaneous(conducive=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    # It could hide an escalation, which stops everything.
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.assessments[0].conducive_for_promotion"


def test_no_assessment_is_insufficient_information_weighed_as_an_escalation() -> None:
    op = evolve(_spontaneous(), assessments=())
    finding = run_rule("PREM-011", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments"
    assert finding.severity is Severity.BLOCKER
    assert finding.escalate


def test_an_unrecorded_conducive_finding_is_weighed_as_an_escalation() -> None:
    finding = run_rule("PREM-011", _spontaneous(conducive=None)).only()
    assert finding.escalate


def test_a_promoting_position_issued_before_the_negative_assessment_does_not_discharge() -> None:
    # The six-year-old promoting position of the issue, still in force.
    op = _with_position(
        _spontaneous(), stances=(Stance.PROMOTING,), issued_on=AS_OF.subtract(years=6)
    )
    findings = {f.path: f for f in run_rule("PREM-011", op).findings}
    assert set(findings) == {"$.positions", "$.positions[0]"}
    for finding in findings.values():
        assert finding.outcome is Outcome.FAIL
        assert finding.severity is Severity.MAJOR
        assert finding.escalate


def test_a_restrictive_position_issued_before_the_negative_assessment_does_not_discharge() -> None:
    op = _with_position(_spontaneous(), issued_on=AS_OF.subtract(days=60))
    finding = run_rule("PREM-011", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.escalate
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.positions"


def test_a_restrictive_position_issued_on_the_day_of_the_assessment_does_not_discharge() -> None:
    op = _with_position(_spontaneous(), issued_on=AS_OF.subtract(days=30))
    assert run_rule("PREM-011", op).only().escalate


def test_a_promoting_position_issued_after_the_negative_assessment_does_not_discharge() -> None:
    op = _with_position(_spontaneous(), stances=(Stance.PROMOTING, Stance.NO_FORCED_RETURNS))
    finding = run_rule("PREM-011", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.escalate
    assert finding.path == "$.positions"


@pytest.mark.parametrize(
    "stance",
    [
        Stance.FACILITATING_ONLY,
        Stance.NOT_PROMOTING,
        Stance.NO_FORCED_RETURNS,
        Stance.NOT_FACILITATING,
    ],
)
def test_each_restrictive_stance_issued_after_the_assessment_discharges(stance: Stance) -> None:
    op = _with_position(_spontaneous(), stances=(stance,))
    assert run_rule("PREM-011", op).clean


def test_a_contradicted_promoting_position_escalates_beside_a_discharging_one() -> None:
    old = evolve(
        _NOT_PROMOTING,
        reference="POS-1",
        stances=(Stance.PROMOTING,),
        issued_on=AS_OF.subtract(years=6),
    )
    op = evolve(_spontaneous(), positions=(old, _NOT_PROMOTING))
    run = run_rule("PREM-011", op)
    finding = run.only()
    assert finding.outcome is Outcome.FAIL
    assert finding.escalate
    assert finding.path == "$.positions[0]"


def test_positions_never_consulted_are_unknown_weighed_as_an_escalation() -> None:
    op = evolve(_spontaneous(), positions_consulted_on=None)
    finding = run_rule("PREM-011", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.escalate
    assert finding.path == "$.positions_consulted_on"


def test_positions_consulted_too_long_ago_are_unknown_even_with_a_discharging_one() -> None:
    op = evolve(_with_position(_spontaneous()), positions_consulted_on=AS_OF.subtract(days=8))
    finding = run_rule("PREM-011", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.escalate
    assert finding.path == "$.positions_consulted_on"


def test_an_undated_negative_assessment_with_positions_in_force_is_unknown() -> None:
    op = with_assessment(_with_position(_spontaneous()), assessed_on=None)
    finding = run_rule("PREM-011", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.escalate
    assert finding.path == "$.assessments[0].assessed_on"


def test_an_undated_negative_assessment_without_any_position_escalates() -> None:
    op = with_assessment(_spontaneous(), assessed_on=None)
    finding = run_rule("PREM-011", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.escalate
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.positions"


def test_a_newer_position_without_a_recorded_stance_is_unknown_weighed_as_an_escalation() -> None:
    op = _with_position(_spontaneous(), stances=())
    finding = run_rule("PREM-011", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.escalate
    assert finding.path == "$.positions[0].stances"


def test_an_older_position_without_a_recorded_stance_cannot_discharge() -> None:
    op = _with_position(_spontaneous(), stances=(), issued_on=AS_OF.subtract(days=60))
    finding = run_rule("PREM-011", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.escalate
    assert finding.path == "$.positions"


def test_an_older_position_without_a_stance_beside_a_discharge_could_be_a_contradiction() -> None:
    old = evolve(_NOT_PROMOTING, reference="POS-1", stances=(), issued_on=AS_OF.subtract(days=60))
    op = evolve(_spontaneous(), positions=(old, _NOT_PROMOTING))
    finding = run_rule("PREM-011", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.escalate
    assert finding.path == "$.positions[0].stances"


def test_unrecorded_route_monitoring_under_a_discharge_is_not_an_escalation() -> None:
    op = evolve(_with_position(_spontaneous()), route_monitoring=None)
    finding = run_rule("PREM-011", op).only()
    # The worst it can hide is the major route-monitoring failure, which does not escalate.
    assert finding.severity is Severity.MAJOR
    assert not finding.escalate


def test_a_restrictive_position_reviewed_after_the_negative_assessment_discharges() -> None:
    op = _with_position(
        _spontaneous(), issued_on=AS_OF.subtract(days=60), reviewed_on=AS_OF.subtract(days=5)
    )
    assert run_rule("PREM-011", op).clean


def test_a_review_dated_after_as_of_has_not_happened_yet() -> None:
    op = _with_position(
        _spontaneous(), issued_on=AS_OF.subtract(days=60), reviewed_on=AS_OF.add(days=1)
    )
    finding = run_rule("PREM-011", op).only()
    assert finding.escalate
    assert finding.path == "$.positions"


def test_a_promoting_position_reviewed_after_the_negative_assessment_still_escalates() -> None:
    op = _with_position(
        _spontaneous(),
        stances=(Stance.PROMOTING,),
        issued_on=AS_OF.subtract(days=60),
        reviewed_on=AS_OF.subtract(days=5),
    )
    finding = run_rule("PREM-011", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.escalate
    assert finding.path == "$.positions"


def test_a_position_reviewed_before_it_was_issued_is_an_input_error() -> None:
    op = _with_position(_spontaneous(), reviewed_on=AS_OF.subtract(days=21))
    with pytest.raises(InputError, match=r"positions\[0\]\.reviewed_on"):
        repatguard.check(op, as_of=AS_OF)


def test_a_review_dated_on_as_of_counts() -> None:
    op = _with_position(_spontaneous(), issued_on=AS_OF.subtract(days=60), reviewed_on=AS_OF)
    assert run_rule("PREM-011", op).clean


def test_a_promoting_position_issued_on_the_day_of_the_assessment_is_contradicted() -> None:
    op = _with_position(
        _spontaneous(), stances=(Stance.PROMOTING,), issued_on=AS_OF.subtract(days=30)
    )
    findings = {f.path: f for f in run_rule("PREM-011", op).findings}
    assert set(findings) == {"$.positions", "$.positions[0]"}
    assert findings["$.positions[0]"].outcome is Outcome.FAIL
    assert findings["$.positions[0]"].escalate


def test_a_stanceless_position_issued_on_the_day_of_the_assessment_is_not_newer() -> None:
    # Issued the same day, it cannot answer the assessment: the escalation stands.
    op = _with_position(_spontaneous(), stances=(), issued_on=AS_OF.subtract(days=30))
    finding = run_rule("PREM-011", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.escalate
    assert finding.path == "$.positions"


def test_a_stanceless_position_of_the_assessment_day_beside_a_discharge_is_unknown() -> None:
    # Issued the same day as the assessment, it could be a promoting one the assessment
    # contradicts; the newer restrictive position does not settle that.
    same_day = evolve(
        _NOT_PROMOTING, reference="POS-1", stances=(), issued_on=AS_OF.subtract(days=30)
    )
    op = evolve(_spontaneous(), positions=(same_day, _NOT_PROMOTING))
    finding = run_rule("PREM-011", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.escalate
    assert finding.path == "$.positions[0].stances"


def test_missing_route_monitoring_cites_the_last_listed_discharging_position() -> None:
    newest = evolve(_NOT_PROMOTING, reference="POS-3", issued_on=AS_OF.subtract(days=10))
    op = evolve(_spontaneous(), positions=(_NOT_PROMOTING, newest), route_monitoring=False)
    finding = run_rule("PREM-011", op).only()
    assert finding.path == "$.route_monitoring"
    assert finding.evidence.observed is not None
    assert "POS-3" in finding.evidence.observed
    assert "POS-2" not in finding.evidence.observed


# --- Joint decisions on a recorded escalation (issue 16) ---------------------------------------


def _decided(
    op: Operation, decision: EscalationDecision, days_ago: int, **changes: object
) -> Operation:
    """``op`` with a spontaneous-return escalation raised 40 days before as_of and decided
    ``days_ago`` days before it; ``changes`` override any field."""
    fields: dict[str, object] = {
        "raised_on": AS_OF.subtract(days=40),
        "kind": EscalationKind.SPONTANEOUS_RETURN,
        "decision": decision,
        "decided_on": AS_OF.subtract(days=days_ago),
    }
    return with_escalation(op, **{**fields, **changes})


def test_a_decision_to_proceed_after_the_assessment_settles_the_escalation_and_is_cited() -> None:
    # The negative assessment is 30 days old (sound_assessment); the decision 3 days.
    op = _decided(_spontaneous(), EscalationDecision.PROCEED, 3, areas=("AREA-1",))
    finding = run_rule("PREM-011", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert not finding.escalate
    assert "ESC-1" in finding.message
    assert finding.evidence.observed is not None
    assert "joint decision on escalation ESC-1: proceed" in finding.evidence.observed
    report = repatguard.check(op, as_of=AS_OF)
    assert not report.escalate
    # Resolved to the provisional verdict the open escalation announced, and no further.
    before = repatguard.check(_spontaneous(), as_of=AS_OF)
    assert before.provisional_verdict is Verdict.FACILITATE_ONLY
    assert report.verdict is Verdict.FACILITATE_ONLY


def test_a_decision_to_proceed_still_requires_route_monitoring() -> None:
    op = _decided(evolve(_spontaneous(), route_monitoring=False), EscalationDecision.PROCEED, 3)
    findings = run_rule("PREM-011", op).findings
    assert [(f.path, f.escalate) for f in findings] == [
        ("$.positions", False),
        ("$.route_monitoring", False),
    ]
    assert "joint decision on escalation ESC-1" in (findings[1].evidence.observed or "")


@pytest.mark.parametrize("days_ago", [30, 31])
def test_a_decision_to_proceed_not_after_the_negative_assessment_does_not_settle(
    days_ago: int,
) -> None:
    op = _decided(_spontaneous(), EscalationDecision.PROCEED, days_ago)
    assert run_rule("PREM-011", op).only().escalate


@pytest.mark.parametrize("decision", [EscalationDecision.STOP, EscalationDecision.SUSPEND])
def test_a_decision_to_stop_or_suspend_settles_it_as_a_blocker(
    decision: EscalationDecision,
) -> None:
    # Whenever it was taken: a decision not to go on needs no newer evidence.
    op = _decided(_spontaneous(), decision, 35)
    finding = run_rule("PREM-011", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert str(decision) in finding.message
    report = repatguard.check(op, as_of=AS_OF)
    assert report.verdict is Verdict.BLOCKED


def test_the_least_permissive_decision_settles_it() -> None:
    op = _decided(_spontaneous(), EscalationDecision.PROCEED, 1)
    op = with_escalation(
        op,
        reference="ESC-2",
        raised_on=AS_OF.subtract(days=40),
        rules=("PREM-011",),
        decision=EscalationDecision.SUSPEND,
        decided_on=AS_OF.subtract(days=20),
    )
    finding = run_rule("PREM-011", op).only()
    assert finding.severity is Severity.BLOCKER
    assert "ESC-2" in finding.message


@pytest.mark.parametrize(
    "changes",
    [
        {"kind": EscalationKind.LEAD_DISPUTE},  # another issue
        {"kind": EscalationKind.OTHER, "rules": ("LEAD-007",)},
        {"areas": ("AREA-2",)},  # another area
    ],
)
def test_a_decision_on_another_issue_or_area_does_not_settle(changes: dict[str, object]) -> None:
    op = evolve(
        _spontaneous(),
        return_areas=(*sound_operation().return_areas, ReturnArea(reference="AREA-2", name="East")),
    )
    op = _decided(op, EscalationDecision.PROCEED, 3, **changes)
    [finding] = [f for f in run_rule("PREM-011", op).findings if f.area == "AREA-1"]
    assert finding.outcome is Outcome.FAIL
    assert finding.escalate


def test_a_decision_naming_the_rule_by_code_settles_it() -> None:
    op = _decided(_spontaneous(), EscalationDecision.PROCEED, 3, kind=None, rules=("PREM-011",))
    assert not run_rule("PREM-011", op).only().escalate


def test_an_open_escalation_settles_nothing() -> None:
    op = with_escalation(_spontaneous(), kind=EscalationKind.SPONTANEOUS_RETURN)
    assert run_rule("PREM-011", op).only().escalate


def test_a_decision_never_settles_an_unknown() -> None:
    op = _decided(_spontaneous(conducive=None), EscalationDecision.PROCEED, 3)
    finding = run_rule("PREM-011", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.escalate


def test_a_decision_settles_a_contradicted_promoting_position() -> None:
    promoting = evolve(
        _NOT_PROMOTING, stances=(Stance.PROMOTING,), issued_on=AS_OF.subtract(days=90)
    )
    op = _decided(evolve(_spontaneous(), positions=(promoting,)), EscalationDecision.PROCEED, 3)
    findings = run_rule("PREM-011", op).findings
    assert findings
    assert not any(f.escalate for f in findings)


@pytest.mark.parametrize("decision", list(EscalationDecision))
def test_a_settled_escalation_reads_wholly_in_each_language(decision: EscalationDecision) -> None:
    # The finding a decision settles is cited as a whole sentence of its own: in French no
    # English clause is left, and the English reads as it always did.
    from repatguard.render.i18n import say, use_language
    from repatguard.render.wording import message_of, observed_of

    op = _decided(_spontaneous(), decision, 3, areas=("AREA-1",))
    finding = run_rule("PREM-011", op).only()
    assert finding.wording is not None
    english = finding.message
    assert f"{decision}" in english or decision is EscalationDecision.PROCEED
    with use_language("fr"):
        french, observed = message_of(finding), observed_of(finding)
    assert "joint decision" not in french
    assert "ESC-1" in french
    assert observed is not None
    assert "joint decision" not in observed
    assert say(finding.wording.message) == english  # outside a language block: English
