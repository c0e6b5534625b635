"""VOL-010: those who decide to return are not obstructed."""

from __future__ import annotations

from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import evolve, sound_operation
from repatguard.testing.rules import run_rule


def test_passes_when_nothing_stops_people_from_leaving() -> None:
    assert run_rule("VOL-010", sound_operation()).clean


def test_exit_barriers_fail_as_minor() -> None:
    op = evolve(sound_operation(), exit_barriers=True)
    finding = run_rule("VOL-010", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MINOR
    assert finding.path == "$.exit_barriers"


def test_unknown_exit_barriers_are_insufficient_information() -> None:
    op = evolve(sound_operation(), exit_barriers=None)
    finding = run_rule("VOL-010", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MINOR
    assert finding.path == "$.exit_barriers"
