"""PREM-016: the humanitarian stay of people displaced by a disaster is kept until return is
safe."""

from __future__ import annotations

from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import evolve, sound_operation
from repatguard.testing.rules import run_rule


def test_not_applicable_when_no_one_was_displaced_by_a_disaster() -> None:
    run = run_rule("PREM-016", sound_operation())
    assert not run.findings
    assert run.tally.not_applicable == 1


def test_passes_when_the_stay_is_kept() -> None:
    op = evolve(sound_operation(), disaster_displacement=True, humanitarian_stay_kept=True)
    assert run_rule("PREM-016", op).clean


def test_a_stay_let_lapse_is_a_blocker() -> None:
    op = evolve(sound_operation(), disaster_displacement=True, humanitarian_stay_kept=False)
    finding = run_rule("PREM-016", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.humanitarian_stay_kept"


def test_an_unrecorded_stay_is_insufficient_information_at_blocker_weight() -> None:
    op = evolve(sound_operation(), disaster_displacement=True, humanitarian_stay_kept=None)
    finding = run_rule("PREM-016", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.humanitarian_stay_kept"


def test_an_unrecorded_cause_is_insufficient_information_at_blocker_weight() -> None:
    # Even with the stay recorded as kept: whether the rule applies is itself unknown.
    for kept in (True, False, None):
        op = evolve(sound_operation(), disaster_displacement=None, humanitarian_stay_kept=kept)
        finding = run_rule("PREM-016", op).only()
        assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
        assert finding.severity is Severity.BLOCKER
        assert finding.path == "$.disaster_displacement"
