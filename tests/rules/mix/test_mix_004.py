"""MIX-004: a return decided in detention needs extra safeguards."""

from __future__ import annotations

import pytest

from repatguard.model import CoercionIndicator, Operation
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import sound_operation, with_member
from repatguard.testing.rules import run_rule

SPOUSE = "$.households[0].members[1]"


def _detained(
    counselled: bool | None,
    indicator: CoercionIndicator = CoercionIndicator.DETAINED_AT_DECISION,
) -> Operation:
    """The sound operation in which the spouse decided in detention."""
    return with_member(
        sound_operation(),
        0,
        1,
        coercion_indicators=(indicator,),
        counselled_outside_detention=counselled,
    )


def test_passes_when_counselled_again_outside_detention() -> None:
    run = run_rule("MIX-004", _detained(True))
    assert run.clean
    assert run.tally.passed == 1


def test_does_not_apply_without_detention_or_a_deportation_order() -> None:
    assert run_rule("MIX-004", sound_operation()).outcomes == {Outcome.NOT_APPLICABLE}
    op = _detained(None, CoercionIndicator.THREATS_OR_PRESSURE)
    assert run_rule("MIX-004", op).outcomes == {Outcome.NOT_APPLICABLE}


@pytest.mark.parametrize(
    "indicator", [CoercionIndicator.DETAINED_AT_DECISION, CoercionIndicator.DEPORTATION_ORDER]
)
def test_fails_without_counselling_outside_detention(indicator: CoercionIndicator) -> None:
    finding = run_rule("MIX-004", _detained(False, indicator)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{SPOUSE}.counselled_outside_detention"


def test_unrecorded_counselling_outside_detention_is_insufficient_information() -> None:
    finding = run_rule("MIX-004", _detained(None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SPOUSE}.counselled_outside_detention"
