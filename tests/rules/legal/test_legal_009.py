"""LEGAL-009: housing, land and property claims stand whether or not the person returns."""

from __future__ import annotations

from typing import Any

import pytest

import repatguard
from repatguard.model import Operation, PropertyClaim, PropertyClaimStatus
from repatguard.outcomes import Outcome, Scope, Severity, Verdict
from repatguard.testing.factories import AS_OF, sound_operation, sound_property_claim, with_member
from repatguard.testing.rules import run_rule

SPOUSE = "$.households[0].members[1]"


def _spouse(claim: PropertyClaim | None, **changes: Any) -> Operation:
    return with_member(sound_operation(), 0, 1, property_claim=claim, **changes)


def test_passes_for_a_lodged_claim_the_person_was_told_about() -> None:
    run = run_rule("LEGAL-009", sound_operation())
    assert run.clean
    assert run.tally.passed == 2
    assert run.tally.not_applicable == 1  # the dependent child: held through the adults


def test_passes_without_any_claim_lodged_before_return() -> None:
    # Nothing asks that a claim be lodged before departure: it can be lodged after return.
    for status in (PropertyClaimStatus.NOT_LODGED, None):
        assert run_rule("LEGAL-009", _spouse(sound_property_claim(status=status))).clean


def test_passes_for_a_person_who_left_nothing_behind() -> None:
    assert run_rule("LEGAL-009", _spouse(PropertyClaim(left_behind=False))).clean


@pytest.mark.parametrize("status", [PropertyClaimStatus.RESTORED, PropertyClaimStatus.COMPENSATED])
def test_a_settled_claim_needs_nothing_more(status: PropertyClaimStatus) -> None:
    claim = PropertyClaim(left_behind=True, status=status)
    assert run_rule("LEGAL-009", _spouse(claim)).clean


def test_a_claim_tied_to_return_fails() -> None:
    finding = run_rule("LEGAL-009", _spouse(sound_property_claim(tied_to_return=True))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MINOR
    assert finding.subject == "P-2"
    assert finding.path == f"{SPOUSE}.property_claim.tied_to_return"


@pytest.mark.parametrize(
    "status",
    [PropertyClaimStatus.WITHDRAWN, PropertyClaimStatus.REJECTED, PropertyClaimStatus.LODGED],
)
def test_a_claim_given_up_or_pending_is_still_checked_for_a_tie(
    status: PropertyClaimStatus,
) -> None:
    claim = sound_property_claim(status=status, tied_to_return=True)
    assert run_rule("LEGAL-009", _spouse(claim)).only().outcome is Outcome.FAIL


def test_a_person_not_told_how_to_claim_fails() -> None:
    claim = sound_property_claim(informed_of_procedure=False)
    finding = run_rule("LEGAL-009", _spouse(claim)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{SPOUSE}.property_claim.informed_of_procedure"


def test_both_problems_of_one_person_are_reported() -> None:
    claim = sound_property_claim(informed_of_procedure=False, tied_to_return=True)
    run = run_rule("LEGAL-009", _spouse(claim))
    assert {f.path for f in run.findings} == {
        f"{SPOUSE}.property_claim.tied_to_return",
        f"{SPOUSE}.property_claim.informed_of_procedure",
    }


def test_no_record_is_insufficient_information() -> None:
    finding = run_rule("LEGAL-009", _spouse(None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MINOR
    assert finding.path == f"{SPOUSE}.property_claim.left_behind"  # as for an empty record


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"left_behind": None}, "left_behind"),
        ({"tied_to_return": None}, "tied_to_return"),
        ({"informed_of_procedure": None}, "informed_of_procedure"),
    ],
)
def test_each_unrecorded_fact_is_insufficient_information(
    changes: dict[str, Any], field: str
) -> None:
    finding = run_rule("LEGAL-009", _spouse(sound_property_claim(**changes))).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SPOUSE}.property_claim.{field}"


def test_an_unrecorded_status_is_never_read_as_settled() -> None:
    claim = sound_property_claim(status=None, tied_to_return=True)
    assert run_rule("LEGAL-009", _spouse(claim)).only().outcome is Outcome.FAIL


def test_a_failure_never_holds_the_persons_return() -> None:
    # Restitution is owed whether or not the person returns: the finding is recorded, but it
    # does not make the return wait on the claim.
    report = repatguard.check(_spouse(sound_property_claim(tied_to_return=True)), as_of=AS_OF)
    assert report.verdict is Verdict.PROMOTE
    people = [case for case in report.case_verdicts if case.scope is Scope.PERSON]
    assert len(people) == 3
    assert {case.verdict for case in people} == {Verdict.PROMOTE}
    assert any(f.code == "LEGAL-009" for f in report.findings)


def test_an_adult_dependent_of_unknown_age_is_still_checked() -> None:
    op = _spouse(None, date_of_birth=None)
    assert run_rule("LEGAL-009", op).findings


def test_less_data_never_gives_a_kinder_result() -> None:
    # Forgetting any fact of a failing record, or the whole record, leaves a finding.
    failing = sound_property_claim(tied_to_return=True, informed_of_procedure=False)
    variants: list[PropertyClaim | None] = [
        None,
        PropertyClaim(),
        sound_property_claim(left_behind=None, tied_to_return=True),
        sound_property_claim(tied_to_return=None, informed_of_procedure=False),
        sound_property_claim(tied_to_return=True, informed_of_procedure=None),
        sound_property_claim(tied_to_return=True, status=None),
    ]
    worst = run_rule("LEGAL-009", _spouse(failing)).findings
    assert {f.severity for f in worst} == {Severity.MINOR}
    for claim in variants:
        findings = run_rule("LEGAL-009", _spouse(claim)).findings
        assert findings, claim
        assert max(f.severity.rank for f in findings) >= max(f.severity.rank for f in worst)


def test_synthetic_property_claims_leave_every_other_fact_of_a_seed_as_it_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from repatguard.testing import synthetic

    with_claims = list(synthetic.synthetic_households(120, seed=7, bad_share=0.05))
    monkeypatch.setattr(synthetic, "_property_claim", lambda rng, person: None)
    without = list(synthetic.synthetic_households(120, seed=7, bad_share=0.05))
    for household in with_claims:
        for person in household["members"]:
            person.pop("property_claim", None)
    assert with_claims == without


def test_synthetic_households_carry_property_claims_that_load() -> None:
    from repatguard.testing.synthetic import synthetic_households, synthetic_operation

    households = list(synthetic_households(300, seed=3))
    claims = [p.get("property_claim") for h in households for p in h["members"]]
    assert None in claims  # some not recorded
    recorded = [c for c in claims if c is not None]
    assert {c["left_behind"] for c in recorded} == {True, False}
    left = [c for c in recorded if c["left_behind"]]
    assert {c.get("tied_to_return") for c in left} == {True, False, None}
    assert {c.get("informed_of_procedure") for c in left} == {True, False, None}
    operation = repatguard.load({**synthetic_operation(), "households": households})
    assert any(p.property_claim for h in operation.households for p in h.members)
