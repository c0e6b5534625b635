"""VOL-015: the movement is voluntary."""

from __future__ import annotations

import pytest

from repatguard.model import MovementKind
from repatguard.outcomes import Outcome, Severity
from repatguard.rules.registry import builtin_registry
from repatguard.testing.factories import evolve, sound_operation
from repatguard.testing.rules import run_rule


def test_passes_for_an_organised_voluntary_repatriation() -> None:
    assert run_rule("VOL-015", sound_operation()).clean


def test_a_forced_return_is_a_blocker() -> None:
    op = evolve(sound_operation(), movement_kind=MovementKind.FORCED)
    finding = run_rule("VOL-015", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.movement_kind"


@pytest.mark.parametrize("kind", [k for k in MovementKind if k is not MovementKind.FORCED])
def test_every_other_movement_kind_passes(kind: MovementKind) -> None:
    assert run_rule("VOL-015", evolve(sound_operation(), movement_kind=kind)).clean


def test_cannot_lack_information_because_the_movement_kind_is_required() -> None:
    # movement_kind is a required field, so the rule always applies and never lacks data.
    for kind in MovementKind:
        run = run_rule("VOL-015", evolve(sound_operation(), movement_kind=kind))
        assert Outcome.INSUFFICIENT_INFORMATION not in run.outcomes
        assert Outcome.NOT_APPLICABLE not in run.outcomes


def test_cannot_be_waived() -> None:
    assert not builtin_registry().get("VOL-015").meta.waivable


def test_a_kind_outside_the_vocabulary_is_never_read_as_voluntary() -> None:
    # An operation built in Python with a text outside the vocabulary: it may be a forced
    # return.
    finding = run_rule("VOL-015", evolve(sound_operation(), movement_kind="deportation")).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    # A value of the vocabulary given as its text is read as the loader reads it (15.4).
    forced = run_rule("VOL-015", evolve(sound_operation(), movement_kind="forced")).only()
    assert forced.outcome is Outcome.FAIL


def test_a_mixed_movement_is_voluntary() -> None:
    assert run_rule("VOL-015", evolve(sound_operation(), movement_kind=MovementKind.MIXED)).clean
