"""COND-007: UNHCR has free access to the return area and returnees."""

from __future__ import annotations

import pytest

from repatguard.model import Access
from repatguard.outcomes import Outcome, Severity
from repatguard.rules.registry import builtin_registry
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_assessment
from repatguard.testing.rules import run_rule


def test_passes_with_full_access() -> None:
    assert run_rule("COND-007", sound_operation()).clean


@pytest.mark.parametrize("access", [Access.LIMITED, Access.NONE])
def test_limited_or_no_access_is_a_major_failure(access: Access) -> None:
    op = with_assessment(sound_operation(), unhcr_access=access)
    finding = run_rule("COND-007", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.assessments[0].unhcr_access"
    assert finding.evidence.observed == str(access)


def test_unrecorded_access_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), unhcr_access=None)
    finding = run_rule("COND-007", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments[0].unhcr_access"


def test_no_assessment_is_insufficient_information() -> None:
    finding = run_rule("COND-007", evolve(sound_operation(), assessments=())).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments"


def test_the_locator_of_the_unverified_conclusion_letter_says_so() -> None:
    meta = builtin_registry().get("COND-007").meta
    assert any("not verified" in ref.locator for ref in meta.references)


def test_a_pass_read_from_an_assessment_past_its_age_limit_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=181))
    run = run_rule("COND-007", op)
    assert Outcome.PASS not in run.outcomes
    finding = run.only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert "older than its age limit" in finding.message
