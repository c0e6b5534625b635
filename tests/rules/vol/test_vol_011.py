"""VOL-011: exploratory visits do not cost status."""

from __future__ import annotations

from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import evolve, sound_operation
from repatguard.testing.rules import run_rule


def test_passes_when_short_visits_keep_status() -> None:
    assert run_rule("VOL-011", sound_operation()).clean


def test_visits_that_cost_status_fail_as_major() -> None:
    op = evolve(sound_operation(), short_visits_keep_status=False)
    finding = run_rule("VOL-011", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.short_visits_keep_status"


def test_unknown_effect_of_visits_is_insufficient_information() -> None:
    op = evolve(sound_operation(), short_visits_keep_status=None)
    finding = run_rule("VOL-011", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.short_visits_keep_status"
