"""LEAD-001: UNHCR leads any return involving refugees or people not yet assessed."""

from __future__ import annotations

from repatguard.model import Agency, CoordinationPlatform, LegalCategory, Operation, Population
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import evolve, sound_operation, with_member
from repatguard.testing.rules import run_rule

_MIGRANTS_ONLY = Population(
    refugees=0, asylum_seekers=0, migrants=3, idps=0, stateless=0, unknown=0
)


def _lead(**changes: object) -> Operation:
    op = sound_operation()
    return evolve(op, lead=evolve(op.lead, **changes))


def test_passes_when_unhcr_leads() -> None:
    assert run_rule("LEAD-001", sound_operation()).clean


def test_passes_when_unhcr_leads_the_refugee_component_of_a_platform() -> None:
    platform = CoordinationPlatform(
        name="Platform", co_leads=(Agency.UNHCR, Agency.IOM), refugee_component_lead=Agency.UNHCR
    )
    assert run_rule("LEAD-001", _lead(lead_agency=None, co_led_platform=platform)).clean


def test_fails_when_iom_leads_a_return_of_refugees_and_escalates() -> None:
    finding = run_rule("LEAD-001", _lead(lead_agency=Agency.IOM)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.escalate


def test_unknown_category_is_never_counted_as_migrant() -> None:
    op = evolve(
        _lead(lead_agency=Agency.IOM),
        population=evolve(_MIGRANTS_ONLY, migrants=2, unknown=1),
        households=(),
    )
    assert run_rule("LEAD-001", op).only().outcome is Outcome.FAIL


def test_not_applicable_when_everyone_is_a_migrant() -> None:
    op = evolve(_lead(lead_agency=Agency.IOM), population=_MIGRANTS_ONLY, households=())
    run = run_rule("LEAD-001", op)
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


def test_incomplete_counts_are_insufficient_information() -> None:
    op = evolve(
        _lead(lead_agency=Agency.IOM),
        population=evolve(_MIGRANTS_ONLY, unknown=None),
        households=(),
    )
    finding = run_rule("LEAD-001", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.population"


def test_a_refugee_on_the_manifest_proves_refugees_are_in_scope() -> None:
    op = evolve(
        _lead(lead_agency=Agency.IOM),
        population=Population(),
    )
    op = with_member(op, 0, 0, legal_category=LegalCategory.REFUGEE)
    assert run_rule("LEAD-001", op).only().outcome is Outcome.FAIL


def test_missing_lead_is_insufficient_information() -> None:
    finding = run_rule("LEAD-001", _lead(lead_agency=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION


def test_incomplete_counts_without_a_unhcr_lead_carry_the_escalation() -> None:
    op = evolve(
        _lead(lead_agency=Agency.IOM),
        population=evolve(_MIGRANTS_ONLY, unknown=None),
        households=(),
    )
    finding = run_rule("LEAD-001", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.escalate


def test_an_unrecorded_lead_carries_the_escalation() -> None:
    finding = run_rule("LEAD-001", _lead(lead_agency=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.escalate


def test_with_no_count_declared_a_manifest_of_migrants_does_not_rule_out_refugees() -> None:
    op = evolve(_lead(lead_agency=Agency.IOM), population=Population())
    for member in range(3):
        op = with_member(op, 0, member, legal_category=LegalCategory.MIGRANT)
    finding = run_rule("LEAD-001", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.population"


def _platform_led_by(component_lead: Agency | None) -> Operation:
    platform = CoordinationPlatform(
        name="Platform", co_leads=(Agency.UNHCR, Agency.IOM), refugee_component_lead=component_lead
    )
    return _lead(lead_agency=None, co_led_platform=platform)


def test_fails_when_another_agency_leads_the_refugee_component_of_a_platform() -> None:
    finding = run_rule("LEAD-001", _platform_led_by(Agency.IOM)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == "$.lead"
    assert finding.escalate
    assert finding.evidence.observed == "lead: a co-led platform"


def test_a_platform_whose_refugee_component_lead_is_not_recorded_is_insufficient_information() -> (
    None
):
    finding = run_rule("LEAD-001", _platform_led_by(None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.lead"
    assert finding.escalate


def test_the_failure_names_the_agency_that_leads_instead_of_unhcr() -> None:
    finding = run_rule("LEAD-001", _lead(lead_agency=Agency.IOM)).only()
    assert finding.evidence.observed == "lead: iom"
