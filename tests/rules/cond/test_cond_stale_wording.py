"""A pass read from stale evidence, in the words of each COND rule (issue 14).

Each rule writes two whole sentences for it, one for an undated assessment and one for an
assessment past its age limit, so that a translation can say each in its own words. Their
English is what the plain-text form (``AreaAssessment.holds`` with the rule's old clause)
gave, for both reasons and both age limits; a rule that kept the stale note out, or changed
its English, fails here.
"""

from __future__ import annotations

from typing import Any

import pytest

from repatguard.engine.check import to_instant
from repatguard.facts.facts import build_facts
from repatguard.facts.parameters import Parameters
from repatguard.model import Operation, Volatility
from repatguard.outcomes import Outcome
from repatguard.rules._assessment import latest
from repatguard.rules.message import Message
from repatguard.testing.factories import (
    AS_OF,
    sound_operation,
    with_assessment,
    with_member,
)
from repatguard.testing.rules import run_rule

# The field each rule reads and the clause it passed to the plain-text form.
CLAUSES: dict[str, tuple[str, str]] = {
    "COND-002": (
        "conducive_for_promotion",
        "the assessment finds conditions conducive to promoting return",
    ),
    "COND-003": (
        "",
        "the area is assessed as stable, with no active conflict and no new outflows",
    ),
    "COND-004": (
        "mines_or_erw",
        "no mines or explosive remnants are reported for the area",
    ),
    "COND-005": (
        "",
        "shelter, water, health care, education and livelihoods are available or planned in "
        "the area",
    ),
    "COND-007": (
        "unhcr_access",
        "UNHCR has full access to the area and to returnees",
    ),
    "COND-008": (
        "returnee_monitoring",
        "returnee monitoring is in place in the area",
    ),
}
MITIGATED = (
    "mine_risk_mitigated",
    "mines or explosive remnants are present, and clearance or mine-risk education is in place",
)
HOMES = "the person goes back to their area of origin, where homes stand and can be reached"
STALE: dict[str, dict[str, Any]] = {
    "undated": {"assessed_on": None},
    "too old": {"assessed_on": AS_OF.subtract(days=181)},
    "volatile, too old": {"assessed_on": AS_OF.subtract(days=100), "volatility": Volatility.HIGH},
}


def _plain(op: Operation, field: str, clause: str) -> str:
    """What ``AreaAssessment.holds`` (the plain-text form) says for ``clause``."""
    found = latest(build_facts(op, to_instant(AS_OF), Parameters()), "AREA-1")
    assert found is not None
    path = found.field(field) if field else found.path
    (problem,) = found.holds(path, clause)
    return str(problem.message)


def _stale_finding(code: str, op: Operation) -> tuple[str, str]:
    finding = run_rule(code, op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.wording is not None
    assert type(finding.wording.message) is Message
    return finding.message, finding.path


@pytest.mark.parametrize("stale", list(STALE))
@pytest.mark.parametrize("code", list(CLAUSES))
def test_a_stale_pass_reads_as_before(code: str, stale: str) -> None:
    field, clause = CLAUSES[code]
    op = with_assessment(sound_operation(), **STALE[stale])
    message, _path = _stale_finding(code, op)
    assert message == _plain(op, field, clause)


@pytest.mark.parametrize("stale", list(STALE))
def test_mitigated_mines_read_from_stale_evidence_read_as_before(stale: str) -> None:
    op = with_assessment(
        sound_operation(), mines_or_erw=True, mine_risk_mitigated=True, **STALE[stale]
    )
    message, _path = _stale_finding("COND-004", op)
    assert message == _plain(op, *MITIGATED)


@pytest.mark.parametrize("stale", list(STALE))
def test_standing_homes_read_from_stale_evidence_read_as_before(stale: str) -> None:
    op = with_assessment(
        with_member(sound_operation(), 0, 1, destination_chosen=None), **STALE[stale]
    )
    message, _path = _stale_finding("COND-010", op)
    assert message == _plain(op, "housing_destroyed_or_inaccessible", HOMES)
