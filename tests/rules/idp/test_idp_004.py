"""IDP-004: natural-hazard risk in the area of return."""

from __future__ import annotations

import pytest

from repatguard.model import HazardRisk
from repatguard.outcomes import Outcome, Severity
from repatguard.render.i18n import say, use_language
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_assessment
from repatguard.testing.rules import run_rule


def test_passes_when_the_risk_is_low() -> None:
    assert run_rule("IDP-004", sound_operation()).clean


def test_passes_when_the_risk_is_moderate() -> None:
    op = with_assessment(sound_operation(), natural_hazard_risk=HazardRisk.MODERATE)
    assert run_rule("IDP-004", op).clean


def test_a_high_risk_passes_when_mitigated() -> None:
    op = with_assessment(
        sound_operation(), natural_hazard_risk=HazardRisk.HIGH, hazard_mitigation=True
    )
    assert run_rule("IDP-004", op).clean


def test_a_high_risk_without_mitigation_fails() -> None:
    op = with_assessment(
        sound_operation(), natural_hazard_risk=HazardRisk.HIGH, hazard_mitigation=False
    )
    finding = run_rule("IDP-004", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.subject == "AREA-1"
    assert finding.path == "$.assessments[0].hazard_mitigation"


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"natural_hazard_risk": None}, "$.assessments[0].natural_hazard_risk"),
        (
            {"natural_hazard_risk": HazardRisk.HIGH, "hazard_mitigation": None},
            "$.assessments[0].hazard_mitigation",
        ),
    ],
)
def test_unrecorded_risk_or_mitigation_is_insufficient_information(
    changes: dict[str, object], path: str
) -> None:
    finding = run_rule("IDP-004", with_assessment(sound_operation(), 0, **changes)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == path


def test_no_assessment_is_insufficient_information() -> None:
    op = evolve(sound_operation(), assessments=())
    finding = run_rule("IDP-004", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments"


def test_a_pass_read_from_an_assessment_past_its_age_limit_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=181))
    run = run_rule("IDP-004", op)
    assert Outcome.PASS not in run.outcomes
    finding = run.only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert "older than its age limit" in finding.message


_UNDATED = (
    ", but only according to an assessment that is undated, so it may be older than its age "
    "limit; evidence older than its age limit may show a failure but never a pass"
)


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        (
            {"natural_hazard_risk": HazardRisk.MODERATE},
            "$.assessments[0].natural_hazard_risk",
            "the natural-hazard risk of the area is moderate" + _UNDATED,
        ),
        (
            {"natural_hazard_risk": HazardRisk.HIGH, "hazard_mitigation": True},
            "$.assessments[0].hazard_mitigation",
            "the natural-hazard risk is high, and disaster-risk reduction or early warning is in "
            "place" + _UNDATED,
        ),
    ],
)
def test_a_pass_read_from_an_undated_assessment_says_which_pass_in_every_language(
    changes: dict[str, object], path: str, message: str
) -> None:
    op = with_assessment(sound_operation(), 0, assessed_on=None, **changes)
    finding = run_rule("IDP-004", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == path
    assert finding.message == message  # the English of before the conversion
    assert finding.wording is not None
    for lang in ("fr", "es", "ar"):
        with use_language(lang):
            assert say(finding.wording.message) not in ("", message)
