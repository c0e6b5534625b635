"""LEAD-003: lead arrangement matches the population mix."""

from __future__ import annotations

from repatguard.facts.parameters import Parameters
from repatguard.model import Agency, CoordinationPlatform, LegalCategory, Operation, Population
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import evolve, sound_operation, with_member
from repatguard.testing.rules import run_rule

_PLATFORM = CoordinationPlatform(
    name="Platform", co_leads=(Agency.UNHCR, Agency.IOM), refugee_component_lead=Agency.UNHCR
)


def _mix(refugees: int, migrants: int, **lead: object) -> Operation:
    op = sound_operation()
    population = Population(
        refugees=refugees, asylum_seekers=0, migrants=migrants, idps=0, stateless=0, unknown=0
    )
    return evolve(op, population=population, households=(), lead=evolve(op.lead, **lead))


def test_passes_when_unhcr_leads_a_predominantly_refugee_movement() -> None:
    assert run_rule("LEAD-003", sound_operation()).clean


def test_fails_when_iom_leads_a_predominantly_refugee_movement() -> None:
    finding = run_rule("LEAD-003", _mix(9, 1, lead_agency=Agency.IOM)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.lead.lead_agency"
    assert finding.evidence.observed is not None
    assert "90%" in finding.evidence.observed


def test_passes_when_iom_leads_a_predominantly_migrant_movement() -> None:
    assert run_rule("LEAD-003", _mix(1, 9, lead_agency=Agency.IOM)).clean


def test_a_platform_may_exist_alongside_an_iom_lead() -> None:
    op = _mix(1, 9, lead_agency=Agency.IOM, co_led_platform=_PLATFORM)
    assert run_rule("LEAD-003", op).clean


def test_fails_when_unhcr_leads_a_predominantly_migrant_movement() -> None:
    finding = run_rule("LEAD-003", _mix(1, 9)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == "$.lead.lead_agency"


def test_passes_when_a_mixed_movement_has_a_platform_co_led_by_unhcr_and_iom() -> None:
    assert run_rule("LEAD-003", _mix(5, 5, lead_agency=None, co_led_platform=_PLATFORM)).clean


def test_fails_when_a_mixed_movement_has_no_platform() -> None:
    finding = run_rule("LEAD-003", _mix(5, 5)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == "$.lead.co_led_platform"


def test_fails_when_the_platform_is_not_co_led_by_both() -> None:
    platform = evolve(_PLATFORM, co_leads=(Agency.IOM,))
    finding = run_rule("LEAD-003", _mix(5, 5, co_led_platform=platform)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == "$.lead.co_led_platform.co_leads"


def test_fails_when_unhcr_does_not_lead_the_refugee_component() -> None:
    platform = evolve(_PLATFORM, refugee_component_lead=Agency.IOM)
    finding = run_rule("LEAD-003", _mix(5, 5, co_led_platform=platform)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == "$.lead.co_led_platform.refugee_component_lead"


def test_unrecorded_refugee_component_lead_is_insufficient_information() -> None:
    platform = evolve(_PLATFORM, refugee_component_lead=None)
    finding = run_rule("LEAD-003", _mix(5, 5, co_led_platform=platform)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION


def test_thresholds_are_inclusive() -> None:
    assert run_rule("LEAD-003", _mix(66, 34)).clean
    assert run_rule("LEAD-003", _mix(34, 66, lead_agency=Agency.IOM)).clean
    mixed = run_rule("LEAD-003", _mix(65, 35)).only()
    assert mixed.path == "$.lead.co_led_platform"


def test_the_threshold_is_a_parameter() -> None:
    run = run_rule("LEAD-003", _mix(8, 2), parameters=Parameters(predominant_share=0.9))
    assert run.only().path == "$.lead.co_led_platform"


def test_people_not_yet_assessed_count_under_unhcr_mandate() -> None:
    op = _mix(0, 1, lead_agency=Agency.IOM)
    op = evolve(op, population=evolve(op.population, unknown=9))
    assert run_rule("LEAD-003", op).only().outcome is Outcome.FAIL


def test_incomplete_counts_are_insufficient_information() -> None:
    op = _mix(5, 5)
    op = evolve(op, population=evolve(op.population, idps=None))
    finding = run_rule("LEAD-003", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.population"


def test_unrecorded_lead_is_insufficient_information() -> None:
    finding = run_rule("LEAD-003", _mix(9, 1, lead_agency=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.lead"


def _with_idps(refugees: int, idps: int) -> Operation:
    population = Population(
        refugees=refugees, asylum_seekers=0, migrants=0, idps=idps, stateless=0, unknown=0
    )
    return evolve(sound_operation(), population=population, households=())


def test_not_applicable_when_everyone_is_internally_displaced() -> None:
    assert run_rule("LEAD-003", _with_idps(0, 5)).outcomes == {Outcome.NOT_APPLICABLE}


def test_internally_displaced_people_do_not_dilute_the_refugee_share() -> None:
    # 3 refugees and 30 IDPs: among those crossing a border, everyone is a refugee.
    assert run_rule("LEAD-003", _with_idps(3, 30)).clean


def test_a_platform_co_led_by_unhcr_and_an_ngo_without_iom_fails() -> None:
    platform = evolve(_PLATFORM, co_leads=(Agency.UNHCR, Agency.NGO))
    finding = run_rule("LEAD-003", _mix(5, 5, co_led_platform=platform)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == "$.lead.co_led_platform.co_leads"


def test_a_platform_co_led_by_iom_and_an_ngo_without_unhcr_fails() -> None:
    platform = evolve(_PLATFORM, co_leads=(Agency.IOM, Agency.NGO))
    finding = run_rule("LEAD-003", _mix(5, 5, co_led_platform=platform)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == "$.lead.co_led_platform.co_leads"


def test_a_platform_co_led_by_unhcr_iom_and_others_passes() -> None:
    platform = evolve(_PLATFORM, co_leads=(Agency.NGO, Agency.IOM, Agency.UNHCR))
    assert run_rule("LEAD-003", _mix(5, 5, co_led_platform=platform)).clean


def test_a_platform_whose_co_leads_are_not_recorded_is_insufficient_information() -> None:
    platform = evolve(_PLATFORM, co_leads=())
    finding = run_rule("LEAD-003", _mix(5, 5, co_led_platform=platform)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.lead.co_led_platform.co_leads"


def test_with_no_count_declared_the_manifest_is_not_taken_as_the_whole_population() -> None:
    op = evolve(sound_operation(), population=Population())
    finding = run_rule("LEAD-003", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.population"
    assert finding.evidence.observed is not None
    assert "no counts declared" in finding.evidence.observed


def test_undeclared_counts_give_the_same_result_as_one_declared_count() -> None:
    # {"refugees": 3} and {} know no more than each other about the rest: both unknown.
    partial = evolve(sound_operation(), population=Population(refugees=3))
    empty = evolve(sound_operation(), population=Population())
    assert run_rule("LEAD-003", partial).only().outcome is Outcome.INSUFFICIENT_INFORMATION
    assert run_rule("LEAD-003", empty).only().outcome is Outcome.INSUFFICIENT_INFORMATION


def test_with_no_count_declared_a_manifest_of_idps_does_not_make_the_rule_inapplicable() -> None:
    op = evolve(sound_operation(), population=Population())
    for member in range(3):
        op = with_member(op, 0, member, legal_category=LegalCategory.IDP)
    finding = run_rule("LEAD-003", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION


def test_a_platform_alone_does_not_prove_unhcr_is_not_the_lead_agency() -> None:
    op = _mix(9, 1, lead_agency=None, co_led_platform=_PLATFORM)
    finding = run_rule("LEAD-003", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.lead.lead_agency"


def test_a_platform_alone_does_not_prove_iom_is_not_the_lead_agency() -> None:
    op = _mix(1, 9, lead_agency=None, co_led_platform=_PLATFORM)
    assert run_rule("LEAD-003", op).only().outcome is Outcome.INSUFFICIENT_INFORMATION
