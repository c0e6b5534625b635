"""LEAD-002: implementing partners act under a documented UNHCR arrangement."""

from __future__ import annotations

import json
from typing import Any

import pendulum

from repatguard.io import load_text
from repatguard.io.converter import converter
from repatguard.model import Agency, LegalCategory, Operation, Partner, Population
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_member
from repatguard.testing.rules import run_rule

PARTNER = "$.lead.implementing_partners[0]"
_MIGRANTS_ONLY = Population(
    refugees=0, asylum_seekers=0, migrants=3, idps=0, stateless=0, unknown=0
)


def _known(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _known(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [_known(item) for item in value]
    return value


def _partner(**changes: object) -> Operation:
    op = sound_operation()
    assert op.lead.implementing_partners is not None
    partner = evolve(op.lead.implementing_partners[0], **changes)
    return evolve(op, lead=evolve(op.lead, implementing_partners=(partner,)))


def _arrangement(**changes: object) -> Operation:
    op = sound_operation()
    arrangement = evolve(op.lead.arrangements[0], **changes)
    return evolve(op, lead=evolve(op.lead, arrangements=(arrangement,)))


def test_passes_when_the_partner_acts_under_a_signed_arrangement_naming_unhcr_lead() -> None:
    assert run_rule("LEAD-002", sound_operation()).clean


def test_a_partner_whose_arrangement_is_not_recorded_is_insufficient_information() -> None:
    finding = run_rule("LEAD-002", _partner(arrangement=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == PARTNER


def test_fails_when_the_arrangement_does_not_place_the_partner_under_unhcr_lead() -> None:
    finding = run_rule("LEAD-002", _arrangement(places_partners_under_unhcr_lead=False)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == PARTNER


def test_unrecorded_lead_clause_is_insufficient_information() -> None:
    finding = run_rule("LEAD-002", _arrangement(places_partners_under_unhcr_lead=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == PARTNER


def test_an_undated_arrangement_is_insufficient_information() -> None:
    finding = run_rule("LEAD-002", _arrangement(signed_on=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION


def test_an_arrangement_signed_after_as_of_is_not_yet_in_force() -> None:
    finding = run_rule("LEAD-002", _arrangement(signed_on=AS_OF.add(days=1))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == PARTNER


def test_an_arrangement_signed_on_as_of_is_in_force() -> None:
    assert run_rule("LEAD-002", _arrangement(signed_on=pendulum.Date(2026, 6, 1))).clean


def test_a_reference_to_an_arrangement_not_on_record_is_insufficient_information() -> None:
    finding = run_rule("LEAD-002", _partner(arrangement="ARR-404")).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION


def test_checks_every_partner_that_is_not_unhcr() -> None:
    op = sound_operation()
    ngo = Partner(organisation="Local NGO", agency=Agency.NGO, roles=("counselling",))
    unhcr = Partner(organisation="UNHCR", agency=Agency.UNHCR, roles=("registration",))
    partners = (*(op.lead.implementing_partners or ()), unhcr, ngo)
    op = evolve(op, lead=evolve(op.lead, implementing_partners=partners))
    run = run_rule("LEAD-002", op)
    finding = run.only()
    assert finding.path == "$.lead.implementing_partners[2]"
    # The operation is the subject: with a problem it does not pass (before 0.2 the first
    # partner's pass was counted beside the NGO's problem).
    assert run.tally.passed == 0
    # Once the NGO acts under the first partner's arrangement, every partner other than UNHCR
    # is in order and the operation passes: UNHCR, without an arrangement, is not checked.
    assert op.lead.implementing_partners is not None
    covered = evolve(ngo, arrangement=op.lead.implementing_partners[0].arrangement)
    op = evolve(op, lead=evolve(op.lead, implementing_partners=(*partners[:-1], covered)))
    run = run_rule("LEAD-002", op)
    assert not run.findings
    assert run.tally.passed == 1


def test_not_applicable_without_partners_other_than_unhcr() -> None:
    op = sound_operation()
    unhcr = Partner(organisation="UNHCR", agency=Agency.UNHCR)
    for partners in ((), (unhcr,)):
        run = run_rule("LEAD-002", evolve(op, lead=evolve(op.lead, implementing_partners=partners)))
        assert not run.findings
        assert run.outcomes == {Outcome.NOT_APPLICABLE}


def test_not_applicable_when_no_one_in_scope_is_under_unhcr_mandate() -> None:
    op = evolve(_partner(arrangement=None), population=_MIGRANTS_ONLY, households=())
    run = run_rule("LEAD-002", op)
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


def test_partners_are_checked_when_the_population_is_unknown() -> None:
    op = evolve(
        _arrangement(places_partners_under_unhcr_lead=False),
        population=evolve(_MIGRANTS_ONLY, unknown=None),
        households=(),
    )
    assert run_rule("LEAD-002", op).only().outcome is Outcome.FAIL


def test_partners_are_checked_when_no_count_is_declared_and_only_migrants_are_listed() -> None:
    op = evolve(_arrangement(places_partners_under_unhcr_lead=False), population=Population())
    for member in range(3):
        op = with_member(op, 0, member, legal_category=LegalCategory.MIGRANT)
    assert run_rule("LEAD-002", op).only().outcome is Outcome.FAIL


def test_partners_left_out_of_the_file_are_insufficient_information() -> None:
    document = _known(converter().unstructure(sound_operation()))
    del document["lead"]["implementing_partners"]
    op = load_text(json.dumps(document), format="json")
    finding = run_rule("LEAD-002", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.lead.implementing_partners"


def test_a_partner_without_an_arrangement_reference_is_reported_as_unreferenced() -> None:
    # Not "an arrangement not on record": nothing was referenced to look up.
    finding = run_rule("LEAD-002", _partner(arrangement=None)).only()
    assert finding.evidence.observed == "no arrangement referenced"
