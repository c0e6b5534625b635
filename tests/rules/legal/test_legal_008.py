"""LEGAL-008: no return at risk of statelessness (birth registration, proof of nationality)."""

from __future__ import annotations

from typing import Any

import pytest

import repatguard
from repatguard.model import LegalCategory, Operation
from repatguard.outcomes import Outcome, Scope, Severity, Verdict
from repatguard.testing.factories import (
    AS_OF,
    evolve,
    sound_assessment,
    sound_operation,
    with_assessment,
    with_member,
)
from repatguard.testing.rules import run_rule

SPOUSE = "$.households[0].members[1]"
CHILD = "$.households[0].members[2]"


def _child(op: Operation | None = None, **changes: Any) -> Operation:
    return with_member(op or sound_operation(), 0, 2, **changes)


def _spouse(op: Operation | None = None, **changes: Any) -> Operation:
    return with_member(op or sound_operation(), 0, 1, **changes)


def test_passes_when_births_are_registered_and_nationality_is_proven() -> None:
    run = run_rule("LEGAL-008", sound_operation())
    assert run.clean
    assert run.tally.passed == 3  # the dependent child is checked in their own right


def test_an_unregistered_birth_in_exile_is_a_major_failure_for_a_dependent_child() -> None:
    finding = run_rule("LEGAL-008", _child(birth_registered=False)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.subject == "P-3"
    assert finding.path == f"{CHILD}.birth_registered"


def test_a_parents_documents_do_not_cover_the_childs_birth_registration() -> None:
    # Both parents hold every document; the child's unregistered birth still fails.
    run = run_rule("LEGAL-008", _child(birth_registered=False))
    assert run.tally.passed == 2
    assert run.tally.failed == 1


def test_an_unregistered_birth_holds_the_childs_case() -> None:
    report = repatguard.check(_child(birth_registered=False), as_of=AS_OF)
    held = [c for c in report.case_verdicts if any(r.code == "LEGAL-008" for r in c.reasons)]
    assert [(case.scope, case.verdict) for case in held] == [(Scope.PERSON, Verdict.BLOCKED)]
    # A person-level finding holds that person's case, not the operation (domain.md §3.2).
    assert report.verdict is Verdict.PROMOTE


def test_unrecorded_birth_registration_in_exile_is_insufficient_information() -> None:
    finding = run_rule("LEGAL-008", _child(birth_registered=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{CHILD}.birth_registered"


def test_an_adult_born_in_exile_without_registration_fails_too() -> None:
    finding = run_rule("LEGAL-008", _spouse(born_in_exile=True, birth_registered=False)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.subject == "P-2"


def test_born_at_home_needs_no_registration_in_exile() -> None:
    assert run_rule("LEGAL-008", _spouse(birth_registered=None)).clean
    assert run_rule("LEGAL-008", _spouse(birth_registered=False)).clean


@pytest.mark.parametrize("registered", [False, None])
def test_an_unknown_birthplace_without_registration_is_insufficient_information(
    registered: bool | None,
) -> None:
    op = _child(born_in_exile=None, birth_registered=registered)
    finding = run_rule("LEGAL-008", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{CHILD}.born_in_exile"


def test_an_unknown_birthplace_with_a_registered_birth_passes() -> None:
    assert run_rule("LEGAL-008", _child(born_in_exile=None)).clean


def test_recognition_by_the_country_of_origin_covers_missing_proof() -> None:
    assert run_rule("LEGAL-008", _spouse(proof_of_nationality=False)).clean
    assert run_rule("LEGAL-008", _spouse(proof_of_nationality=None)).clean


def test_no_proof_and_no_recognition_is_a_major_failure() -> None:
    op = with_assessment(_spouse(proof_of_nationality=False), nationality_recognised=False)
    finding = run_rule("LEGAL-008", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{SPOUSE}.proof_of_nationality"
    assert "$.assessments[0].nationality_recognised" in (finding.evidence.observed or "")


def test_unrecorded_proof_without_recognition_is_insufficient_information() -> None:
    op = with_assessment(_spouse(proof_of_nationality=None), nationality_recognised=False)
    finding = run_rule("LEGAL-008", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SPOUSE}.proof_of_nationality"


def test_no_proof_and_unrecorded_recognition_is_insufficient_information() -> None:
    op = with_assessment(_spouse(proof_of_nationality=False), nationality_recognised=None)
    finding = run_rule("LEGAL-008", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments[0].nationality_recognised"


def test_recognition_read_from_a_stale_assessment_is_insufficient_information() -> None:
    op = _spouse(proof_of_nationality=False)
    op = with_assessment(op, assessed_on=AS_OF.subtract(days=181))
    finding = run_rule("LEGAL-008", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert "older than its age limit" in finding.message


def test_no_recognition_is_still_a_failure_on_a_stale_assessment() -> None:
    op = with_assessment(
        _spouse(proof_of_nationality=False),
        nationality_recognised=False,
        assessed_on=AS_OF.subtract(days=181),
    )
    assert run_rule("LEGAL-008", op).only().outcome is Outcome.FAIL


def test_no_proof_and_no_assessment_is_insufficient_information() -> None:
    op = evolve(_spouse(proof_of_nationality=False), assessments=())
    finding = run_rule("LEGAL-008", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments"


def test_no_proof_and_an_unknown_return_area_is_insufficient_information() -> None:
    op = _spouse(proof_of_nationality=False)
    op = evolve(op, households=(evolve(op.households[0], intended_return_area=None),))
    finding = run_rule("LEGAL-008", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.households[0].intended_return_area"


def test_a_stateless_person_recorded_with_proof_of_nationality_is_insufficient_information() -> (
    None
):
    op = _spouse(legal_category=LegalCategory.STATELESS)
    finding = run_rule("LEGAL-008", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SPOUSE}.proof_of_nationality"


def test_a_stateless_person_without_proof_or_recognition_fails() -> None:
    op = _spouse(legal_category=LegalCategory.STATELESS, proof_of_nationality=False)
    op = with_assessment(op, nationality_recognised=False)
    assert run_rule("LEGAL-008", op).only().outcome is Outcome.FAIL


def test_both_problems_of_one_person_are_reported() -> None:
    op = _child(birth_registered=False, proof_of_nationality=False)
    op = with_assessment(op, nationality_recognised=False)
    run = run_rule("LEGAL-008", op)
    assert {f.path for f in run.findings} == {
        f"{CHILD}.birth_registered",
        f"{CHILD}.proof_of_nationality",
    }


def test_does_not_apply_to_internally_displaced_persons() -> None:
    op = _child(legal_category=LegalCategory.IDP, birth_registered=False)
    run = run_rule("LEGAL-008", op)
    assert not run.findings
    assert run.tally.not_applicable == 1


def test_less_data_never_gives_a_kinder_result() -> None:
    # Forgetting any one of the facts turns a pass into insufficient information, never a
    # failure into a pass.
    failing = with_assessment(_child(birth_registered=False), nationality_recognised=False)
    for field in ("born_in_exile", "birth_registered"):
        run = run_rule("LEGAL-008", _child(failing, **{field: None}))
        assert run.findings, field
    assert run_rule("LEGAL-008", with_assessment(failing, nationality_recognised=None)).findings


_FACTS = ("born_in_exile", "birth_registered", "proof_of_nationality")


def test_synthetic_nationality_facts_leave_every_other_fact_of_a_seed_as_it_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from repatguard.testing import synthetic

    with_facts = list(synthetic.synthetic_households(120, seed=7, bad_share=0.05))
    monkeypatch.setattr(synthetic, "_nationality", lambda rng, person: None)
    without = list(synthetic.synthetic_households(120, seed=7, bad_share=0.05))
    for household in with_facts:
        for person in household["members"]:
            for name in _FACTS:
                person.pop(name, None)
    assert with_facts == without


def test_synthetic_households_carry_the_nationality_facts() -> None:
    from repatguard.testing.synthetic import synthetic_households

    people = [p for h in synthetic_households(300, seed=3) for p in h["members"]]
    for name in _FACTS:
        values = {p.get(name) for p in people}
        assert {True, False} <= values, name  # both answers, and some left unrecorded
    assert any(name not in p for p in people for name in _FACTS)
    stateless = [p for p in people if p["legal_category"] == "stateless"]
    assert stateless
    assert all(p["proof_of_nationality"] is False for p in stateless)


def test_a_later_assessment_withdrawing_recognition_outdates_the_information_given() -> None:
    # The information session rests on ASM-1; ASM-2, made since, no longer records that the
    # country of origin recognises returnees as nationals: a worse finding (VOL-014).
    newer = evolve(
        sound_assessment(reference="ASM-2"),
        assessed_on=AS_OF.subtract(days=5),
        nationality_recognised=False,
    )
    op = evolve(sound_operation(), assessments=(*sound_operation().assessments, newer))
    findings = run_rule("VOL-014", op).findings
    assert [f.outcome for f in findings] == [Outcome.FAIL, Outcome.FAIL]
