"""IDP-002: displaced people take part in planning their return."""

from __future__ import annotations

from repatguard.model import Consultation, LegalCategory, Operation, Population
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_member
from repatguard.testing.rules import run_rule

_WITH_IDPS = Population(refugees=1, asylum_seekers=0, migrants=0, idps=2, stateless=0, unknown=0)


def _consulted(*consultations: Consultation) -> Operation:
    return evolve(sound_operation(), population=_WITH_IDPS, idp_consultations=consultations)


def _held(days_ago: int = 30, women_included: bool | None = True) -> Consultation:
    return Consultation(held_on=AS_OF.subtract(days=days_ago), women_included=women_included)


def test_not_applicable_when_no_internally_displaced_people_are_in_scope() -> None:
    run = run_rule("IDP-002", sound_operation())
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


def test_passes_when_a_consultation_included_women() -> None:
    op = _consulted(_held(women_included=False), _held(days_ago=10, women_included=True))
    assert run_rule("IDP-002", op).clean


def test_an_idp_on_the_manifest_brings_the_rule_into_scope() -> None:
    op = evolve(sound_operation(), population=Population())
    op = with_member(op, 0, 0, legal_category=LegalCategory.IDP)
    finding = run_rule("IDP-002", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == "$.idp_consultations"


def test_fails_as_minor_when_no_consultation_was_held() -> None:
    finding = run_rule("IDP-002", _consulted()).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MINOR
    assert finding.path == "$.idp_consultations"


def test_a_consultation_after_as_of_has_not_happened_yet() -> None:
    op = _consulted(Consultation(held_on=AS_OF.add(days=1), women_included=True))
    assert run_rule("IDP-002", op).only().outcome is Outcome.FAIL


def test_fails_when_every_consultation_left_women_out() -> None:
    op = _consulted(_held(women_included=False), _held(days_ago=5, women_included=False))
    finding = run_rule("IDP-002", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MINOR
    assert finding.path == "$.idp_consultations"


def test_unrecorded_participation_of_women_is_insufficient_information() -> None:
    op = _consulted(_held(women_included=False), _held(days_ago=5, women_included=None))
    finding = run_rule("IDP-002", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.idp_consultations[1].women_included"


def test_unknown_number_of_idps_is_insufficient_information() -> None:
    op = evolve(sound_operation(), population=evolve(_WITH_IDPS, idps=None))
    finding = run_rule("IDP-002", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MINOR
    assert finding.path == "$.population.idps"


def test_a_consultation_held_on_as_of_counts() -> None:
    op = _consulted(Consultation(held_on=AS_OF, women_included=True))
    assert run_rule("IDP-002", op).clean
