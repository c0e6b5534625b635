"""COND-001: a current, sourced, area-specific conditions assessment."""

from __future__ import annotations

from repatguard.model import MovementKind, Volatility
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_assessment
from repatguard.testing.rules import run_rule


def test_passes_with_a_recent_sourced_assessment() -> None:
    assert run_rule("COND-001", sound_operation()).clean


def test_fails_when_no_assessment_covers_the_area() -> None:
    op = evolve(sound_operation(), assessments=())
    finding = run_rule("COND-001", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.subject == "AREA-1"


def test_stale_assessment_fails_and_is_only_major_for_assisted_returns() -> None:
    op = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=181))
    assert run_rule("COND-001", op).only().outcome is Outcome.FAIL
    assisted = evolve(op, movement_kind=MovementKind.ASSISTED_SPONTANEOUS)
    assert run_rule("COND-001", assisted).only().severity is Severity.MAJOR


def test_volatile_areas_have_a_shorter_limit_and_unknown_volatility_gets_it() -> None:
    op = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=120))
    assert run_rule("COND-001", op).clean
    volatile = with_assessment(op, volatility=Volatility.HIGH)
    assert run_rule("COND-001", volatile).only().outcome is Outcome.FAIL
    unknown = with_assessment(op, volatility=None)
    assert run_rule("COND-001", unknown).only().outcome is Outcome.FAIL


def test_limit_is_inclusive_on_the_oldest_day() -> None:
    op = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=180))
    assert run_rule("COND-001", op).clean


def test_undated_assessment_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), assessed_on=None)
    finding = run_rule("COND-001", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments[0].assessed_on"


def test_assessment_without_sources_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), sources=())
    assert run_rule("COND-001", op).only().outcome is Outcome.INSUFFICIENT_INFORMATION


def test_an_assessment_made_after_as_of_is_not_yet_on_record() -> None:
    op = with_assessment(sound_operation(), assessed_on=AS_OF.add(days=1))
    assert run_rule("COND-001", op).only().outcome is Outcome.FAIL


def test_no_return_areas_is_insufficient_information() -> None:
    op = evolve(sound_operation(), return_areas=(), assessments=(), households=())
    finding = run_rule("COND-001", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.return_areas"


def test_a_missing_assessment_is_a_blocker_for_a_mixed_movement_with_an_organised_part() -> None:
    op = evolve(sound_operation(), movement_kind=MovementKind.MIXED, assessments=())
    finding = run_rule("COND-001", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER


def test_a_region_level_assessment_is_insufficient_information_never_a_pass() -> None:
    op = with_assessment(sound_operation(), area=None, areas=("AREA-1",))
    finding = run_rule("COND-001", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.assessments[0].areas"
    assert finding.evidence.observed == "region-level assessment ASM-1 (areas AREA-1)"
    assisted = evolve(op, movement_kind=MovementKind.ASSISTED_SPONTANEOUS)
    assert run_rule("COND-001", assisted).only().severity is Severity.MAJOR


def test_a_stale_region_level_assessment_fails_on_its_age() -> None:
    op = with_assessment(
        sound_operation(), area=None, areas=("AREA-1",), assessed_on=AS_OF.subtract(days=200)
    )
    assert run_rule("COND-001", op).only().outcome is Outcome.FAIL
