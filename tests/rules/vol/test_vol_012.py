"""VOL-012: return initiated by the displaced themselves."""

from __future__ import annotations

import pytest

from repatguard.model import Initiator
from repatguard.outcomes import Outcome, Severity
from repatguard.rules.registry import builtin_registry
from repatguard.testing.factories import evolve, sound_operation
from repatguard.testing.rules import run_rule


def test_passes_when_the_displaced_initiated_the_return() -> None:
    assert run_rule("VOL-012", sound_operation()).clean


@pytest.mark.parametrize(
    "initiator", [i for i in Initiator if i is not Initiator.DISPLACED_PERSONS]
)
def test_a_return_initiated_by_anyone_else_fails_as_minor(initiator: Initiator) -> None:
    finding = run_rule("VOL-012", evolve(sound_operation(), initiated_by=initiator)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MINOR
    assert finding.path == "$.initiated_by"


def test_unknown_initiator_is_insufficient_information() -> None:
    finding = run_rule("VOL-012", evolve(sound_operation(), initiated_by=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MINOR
    assert finding.path == "$.initiated_by"


def test_is_a_condition_of_facilitation() -> None:
    assert builtin_registry().get("VOL-012").meta.facilitation_gate
