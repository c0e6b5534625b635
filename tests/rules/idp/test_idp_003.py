"""IDP-003: a durable solution is claimed only when the core IASC criteria are met."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import repatguard
from repatguard.model import CriterionStatus, IascCriteria, Operation
from repatguard.outcomes import Outcome, Severity, Verdict
from repatguard.render.i18n import say, use_language
from repatguard.rules.message import Message
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_assessment
from repatguard.testing.rules import run_rule

_CORE_MET = IascCriteria(
    safety_and_freedom_of_movement=CriterionStatus.MET,
    adequate_standard_of_living=CriterionStatus.MET,
    livelihoods=CriterionStatus.MET,
    housing_land_and_property=CriterionStatus.MET,
)


def _claimed(criteria: IascCriteria | None = _CORE_MET) -> Operation:
    op = evolve(sound_operation(), claims_durable_solution=True)
    return with_assessment(op, iasc_criteria=criteria)


def _unrecorded_claim(criteria: IascCriteria | None) -> Operation:
    op = evolve(sound_operation(), claims_durable_solution=None)
    return with_assessment(op, iasc_criteria=criteria)


def test_not_applicable_when_the_operation_records_that_no_durable_solution_is_claimed() -> None:
    op = evolve(sound_operation(), claims_durable_solution=False)
    run = run_rule("IDP-003", op)
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


def test_an_unrecorded_claim_with_unmet_criteria_is_insufficient_information_not_a_pass() -> None:
    criteria = evolve(_CORE_MET, livelihoods=CriterionStatus.UNMET)
    finding = run_rule("IDP-003", _unrecorded_claim(criteria)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.claims_durable_solution"
    assert finding.evidence.observed == (
        "claim not recorded; $.assessments[0].iasc_criteria: livelihoods: unmet"
    )


def test_an_unrecorded_claim_with_unscored_criteria_is_insufficient_information() -> None:
    finding = run_rule("IDP-003", _unrecorded_claim(None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.claims_durable_solution"


def test_an_unrecorded_claim_passes_when_the_core_criteria_are_met() -> None:
    assert run_rule("IDP-003", _unrecorded_claim(_CORE_MET)).clean


def test_an_unrecorded_claim_never_gives_a_better_verdict_than_a_claim() -> None:
    criteria = evolve(_CORE_MET, livelihoods=CriterionStatus.UNMET)
    claimed = repatguard.check(_claimed(criteria), as_of=AS_OF).verdict
    unrecorded = repatguard.check(_unrecorded_claim(criteria), as_of=AS_OF).verdict
    assert claimed is Verdict.FACILITATE_ONLY
    assert unrecorded is not Verdict.PROMOTE


def test_passes_when_the_four_core_criteria_are_met() -> None:
    assert run_rule("IDP-003", _claimed()).clean


def test_the_other_four_criteria_do_not_decide() -> None:
    op = _claimed(evolve(_CORE_MET, documentation=CriterionStatus.UNMET))
    assert run_rule("IDP-003", op).clean


def test_fails_when_a_core_criterion_is_partial_or_unmet_and_lists_them() -> None:
    criteria = evolve(
        _CORE_MET,
        livelihoods=CriterionStatus.PARTIAL,
        housing_land_and_property=CriterionStatus.UNMET,
    )
    finding = run_rule("IDP-003", _claimed(criteria)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.subject == "AREA-1"
    assert finding.path == "$.assessments[0].iasc_criteria"
    assert finding.evidence.observed == "livelihoods: partial; housing_land_and_property: unmet"


def test_an_unscored_core_criterion_is_insufficient_information() -> None:
    op = _claimed(evolve(_CORE_MET, adequate_standard_of_living=None))
    finding = run_rule("IDP-003", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments[0].iasc_criteria"


def test_unscored_criteria_are_insufficient_information() -> None:
    finding = run_rule("IDP-003", _claimed(None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments[0].iasc_criteria"


def test_no_assessment_is_insufficient_information() -> None:
    op = evolve(_claimed(), assessments=())
    finding = run_rule("IDP-003", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments"


def test_a_pass_read_from_an_assessment_past_its_age_limit_is_insufficient_information() -> None:
    op = with_assessment(_claimed(), assessed_on=AS_OF.subtract(days=181))
    run = run_rule("IDP-003", op)
    assert Outcome.PASS not in run.outcomes
    finding = run.only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert "older than its age limit" in finding.message


_CORE = (
    "safety_and_freedom_of_movement",
    "adequate_standard_of_living",
    "livelihoods",
    "housing_land_and_property",
)


@pytest.mark.parametrize("criterion", _CORE)
def test_each_core_criterion_unmet_fails_a_claim(criterion: str) -> None:
    criteria = evolve(_CORE_MET, **{criterion: CriterionStatus.UNMET})
    finding = run_rule("IDP-003", _claimed(criteria)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.evidence.observed == f"{criterion}: unmet"


@pytest.mark.parametrize("criterion", _CORE)
def test_each_core_criterion_unmet_keeps_an_unrecorded_claim_from_passing(criterion: str) -> None:
    criteria = evolve(_CORE_MET, **{criterion: CriterionStatus.UNMET})
    finding = run_rule("IDP-003", _unrecorded_claim(criteria)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.claims_durable_solution"


# -- the unrecorded claim's observation, one whole message per branch (issue 14) -------------


def _undated(op: Operation) -> Operation:
    return with_assessment(op, iasc_criteria=_CORE_MET, assessed_on=None)


def _too_old(op: Operation) -> Operation:
    return with_assessment(op, iasc_criteria=_CORE_MET, assessed_on=AS_OF.subtract(days=400))


def _unassessed(op: Operation) -> Operation:
    return evolve(op, assessments=())


def _one_unscored(op: Operation) -> Operation:
    return with_assessment(op, iasc_criteria=evolve(_CORE_MET, livelihoods=None))


def _none_scored(op: Operation) -> Operation:
    return with_assessment(op, iasc_criteria=None)


_CRITERIA = "$.assessments[0].iasc_criteria"


@pytest.mark.parametrize(
    ("shape", "observed"),
    [
        (_undated, f"claim not recorded; {_CRITERIA}: undated"),
        (_too_old, f"claim not recorded; {_CRITERIA}: assessed on 2025-04-27"),
        (_unassessed, "claim not recorded; $.assessments: no assessment"),
        (_one_unscored, f"claim not recorded; {_CRITERIA}: not scored: livelihoods"),
        (_none_scored, f"claim not recorded; {_CRITERIA}: criteria not scored"),
    ],
)
def test_an_unrecorded_claim_names_what_was_observed_in_every_language(
    shape: Callable[[Operation], Operation], observed: str
) -> None:
    op = shape(evolve(sound_operation(), claims_durable_solution=None))
    finding = run_rule("IDP-003", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.claims_durable_solution"
    assert finding.evidence.observed == observed  # the English of before the conversion
    assert finding.evidence.expected == (
        "no durable solution claimed, or the four core IASC criteria all met"
    )
    assert finding.wording is not None
    (message,) = finding.wording.observed
    assert isinstance(message, Message)
    with use_language("fr"):
        french = say(message)
    assert french.startswith("revendication non enregistrée ; ")
    assert all(str(value) in french for _name, value in message.values)
