"""Promotion restricted to some areas, and assessments made at region level (issue 16).

Conditions differ between return areas (domain.md A-0): one area may be fit for promotion
while a neighbouring one has mines and no services. The operation here has two areas: AREA-1
as the sound operation has it, AREA-2 contaminated with no mitigation and without basic
services, one household bound for each.
"""

from __future__ import annotations

from typing import Any

import pytest

import repatguard
from repatguard import InputError
from repatguard.io.converter import converter
from repatguard.model import ConditionsAssessment, Initiator, Operation, ReturnArea
from repatguard.outcomes import Outcome, Severity, Verdict
from repatguard.report import Report
from repatguard.testing.factories import (
    AS_OF,
    evolve,
    sound_assessment,
    sound_consent,
    sound_operation,
)

AREA_1_PEOPLE = ("P-1", "P-2", "P-3", "HH-1")
AREA_2_PEOPLE = ("Q-1", "Q-2", "Q-3", "HH-2")


def _two_areas(**area_2: Any) -> Operation:
    """The sound operation with a second area, AREA-2 (mines not mitigated, no basic
    services), and a second household bound for it; ``area_2`` sets fields of AREA-2."""
    op = sound_operation()
    first = op.households[0]
    second = evolve(
        first,
        reference="HH-2",
        intended_return_area="AREA-2",
        members=tuple(
            evolve(m, reference=m.reference.replace("P-", "Q-"), consent=sound_consent("ASM-2"))
            for m in first.members
        ),
    )
    unfit = evolve(
        sound_assessment("AREA-2", "ASM-2"),
        mines_or_erw=True,
        mine_risk_mitigated=False,
        basic_services=False,
    )
    return evolve(
        op,
        return_areas=(
            *op.return_areas,
            ReturnArea(reference="AREA-2", name="Border hills", **area_2),
        ),
        assessments=(*op.assessments, unfit),
        households=(*op.households, second),
        population=evolve(op.population, refugees=6),
    )


def _check(operation: Operation) -> Report:
    return repatguard.check(operation, as_of=AS_OF, reveal_references=True)


def _cases(report: Report, subjects: tuple[str, ...]) -> set[Verdict]:
    return {report.case(subject).verdict for subject in subjects}


def test_promotion_holds_for_the_fit_area_only() -> None:
    report = _check(_two_areas())
    assert report.area("AREA-1").verdict is Verdict.PROMOTE
    area_2 = report.area("AREA-2")
    assert area_2.verdict is Verdict.FACILITATE_ONLY
    assert {r.code for r in area_2.reasons} == {"COND-004", "COND-005"}
    # The headline holds for every area, so it is the least permissive one.
    assert report.verdict is Verdict.FACILITATE_ONLY
    assert _cases(report, AREA_1_PEOPLE) == {Verdict.PROMOTE}
    assert _cases(report, AREA_2_PEOPLE) == {Verdict.FACILITATE_ONLY}
    assert {f.area for f in report.findings} == {"AREA-2"}


def test_operation_wide_initiative_and_messaging_hold_the_unfit_area() -> None:
    # UNHCR initiated the returns and messages encourage them: fine where promotion holds,
    # but recorded once for the whole operation they also bear on AREA-2, which may then
    # not even be facilitated.
    report = _check(evolve(_two_areas(), initiated_by=Initiator.UNHCR, promotional_messaging=True))
    assert report.area("AREA-1").verdict is Verdict.PROMOTE
    assert report.area("AREA-2").verdict is Verdict.BLOCKED
    assert {f.area for f in report.findings_for("VOL-012")} == {None}
    assert {f.area for f in report.findings_for("VOL-013")} == {None}
    assert _cases(report, AREA_2_PEOPLE) == {Verdict.BLOCKED}


def test_per_area_initiative_and_messaging_let_the_unfit_area_be_facilitated() -> None:
    # Returns to AREA-1 are promoted (UNHCR initiative, messages encourage them); returns to
    # AREA-2 are the refugees' own and no message encourages them.
    op = evolve(
        _two_areas(initiated_by=Initiator.DISPLACED_PERSONS, promotional_messaging=False),
        initiated_by=Initiator.UNHCR,
        promotional_messaging=True,
    )
    report = _check(op)
    assert report.area("AREA-1").verdict is Verdict.PROMOTE
    assert report.area("AREA-2").verdict is Verdict.FACILITATE_ONLY
    assert report.verdict is Verdict.FACILITATE_ONLY
    assert _cases(report, AREA_1_PEOPLE) == {Verdict.PROMOTE}
    assert _cases(report, AREA_2_PEOPLE) == {Verdict.FACILITATE_ONLY}
    # The operation's records still speak for AREA-1, tied to it alone.
    for code, path in (("VOL-012", "$.initiated_by"), ("VOL-013", "$.promotional_messaging")):
        finding = report.findings_for(code)[0]
        assert len(report.findings_for(code)) == 1
        assert (finding.area, finding.path, finding.outcome) == ("AREA-1", path, Outcome.FAIL)


def test_an_area_that_takes_the_operations_value_is_held_by_it() -> None:
    # The operation records messages encouraging return and a host-state initiative; AREA-1
    # records its own, better, record and is judged on it; AREA-2 takes the operation's.
    op = _two_areas()
    first = evolve(
        op.return_areas[0],
        promotional_messaging=False,
        initiated_by=Initiator.DISPLACED_PERSONS,
    )
    op = evolve(
        op,
        return_areas=(first, op.return_areas[1]),
        promotional_messaging=True,
        initiated_by=Initiator.HOST_STATE,
    )
    report = _check(op)
    assert report.area("AREA-1").verdict is Verdict.PROMOTE
    assert report.area("AREA-2").verdict is Verdict.BLOCKED
    paths = {(f.code, f.path, f.area) for f in report.findings if f.code in ("VOL-012", "VOL-013")}
    assert paths == {
        ("VOL-012", "$.initiated_by", "AREA-2"),
        ("VOL-013", "$.promotional_messaging", "AREA-2"),
    }


def test_an_unrecorded_operation_value_stays_unknown_where_no_area_overrides_it() -> None:
    # AREA-2 records its own messaging; AREA-1 falls back on the operation's, not recorded.
    op = evolve(_two_areas(promotional_messaging=False), promotional_messaging=None)
    found = _check(op).findings_for("VOL-013")
    assert [(f.area, f.outcome) for f in found] == [("AREA-1", Outcome.INSUFFICIENT_INFORMATION)]


# --- region-level assessments ------------------------------------------------------------


def _regional(operation: Operation, **changes: Any) -> Operation:
    """``operation`` with one assessment of the region of both areas instead of one each."""
    region = evolve(
        sound_assessment("AREA-1", "ASM-R"), area=None, areas=("AREA-1", "AREA-2"), **changes
    )
    households = tuple(
        evolve(
            h,
            members=tuple(evolve(m, consent=sound_consent("ASM-R")) for m in h.members),
        )
        for h in operation.households
    )
    return evolve(operation, assessments=(region,), households=households)


def test_a_region_level_assessment_is_read_by_each_area_but_never_passes_cond_001() -> None:
    report = _check(_regional(_two_areas()))
    cond_001 = report.findings_for("COND-001")
    assert {f.area for f in cond_001} == {"AREA-1", "AREA-2"}
    for finding in cond_001:
        assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
        assert finding.severity is Severity.BLOCKER  # the rule's weight (organised)
        assert finding.path == "$.assessments[0].areas"
        assert "region-level" in (finding.evidence.observed or "")
    # Every area read the region's assessment: nothing is missing, and nothing is promoted.
    assert not [f for f in report.findings if f.path == "$.assessments"]
    assert {a.verdict for a in report.area_verdicts} == {Verdict.INSUFFICIENT_INFORMATION}
    assert report.verdict is Verdict.INSUFFICIENT_INFORMATION


def test_a_failure_read_from_a_region_level_assessment_counts_and_says_where_it_came_from() -> None:
    report = _check(_regional(_two_areas(), mines_or_erw=True, mine_risk_mitigated=False))
    mines = report.findings_for("COND-004")
    assert {f.area for f in mines} == {"AREA-1", "AREA-2"}
    for finding in mines:
        assert finding.outcome is Outcome.FAIL
        observed = finding.evidence.observed or ""
        assert "region-level assessment ASM-R (areas AREA-1, AREA-2)" in observed
        assert "not an assessment of this area alone" in observed


def test_an_area_specific_assessment_newer_than_the_region_is_read_instead() -> None:
    op = _regional(_two_areas())
    own = evolve(sound_assessment("AREA-1", "ASM-1"), assessed_on=AS_OF.subtract(days=5))
    report = _check(evolve(op, assessments=(*op.assessments, own)))
    assert {f.area for f in report.findings_for("COND-001")} == {"AREA-2"}
    assert report.area("AREA-1").verdict is Verdict.PROMOTE


def test_a_newer_region_level_assessment_never_hides_the_areas_own_findings() -> None:
    # Found by a review: a newer region-level assessment replaced an older one of the area
    # alone that found the area not conducive, so COND-002's failure (and PREM-011's
    # escalation) vanished. The area's own assessment is read whenever there is one.
    op = _two_areas()
    own = evolve(op.assessments[0], conducive_for_promotion=False)
    regional = _regional(op)
    region = evolve(regional.assessments[0], assessed_on=AS_OF.subtract(days=5))
    report = _check(evolve(regional, assessments=(own, region, *op.assessments[1:])))
    failed = {f.area for f in report.findings_for("COND-002") if f.outcome is Outcome.FAIL}
    assert own.area in failed
    assert report.area(own.area or "").verdict is not Verdict.PROMOTE


def test_a_region_level_assessment_loads_from_a_file_and_round_trips() -> None:
    op = _regional(_two_areas())
    data = converter().unstructure(op)
    assessment = data["assessments"][0]
    assert assessment["areas"] == ["AREA-1", "AREA-2"]
    assessment.pop("area", None)  # a file leaves it out
    assert repatguard.load(data) == op


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"area": "AREA-1", "areas": ("AREA-1", "AREA-2")}, "$.assessments[0].areas"),
        ({"area": None, "areas": ()}, "$.assessments[0].area"),
        ({"area": None, "areas": ("AREA-1", "AREA-9")}, "$.assessments[0].areas[1]"),
        ({"area": None, "areas": ("AREA-1", "AREA-1")}, "$.assessments[0].areas[1]"),
        ({"area": None, "areas": ("Border hills",)}, "$.assessments[0].areas[0]"),
    ],
)
def test_an_assessment_names_one_area_or_the_areas_of_its_region(
    changes: dict[str, Any], path: str
) -> None:
    op = _two_areas()
    assessment: ConditionsAssessment = evolve(op.assessments[0], **changes)
    bad = evolve(op, assessments=(assessment, *op.assessments[1:]))
    with pytest.raises(InputError) as raised:
        _check(bad)
    assert path in {issue.path for issue in raised.value.issues}


# Found by a review: an area left at None takes the operation's value, so forgetting an
# area's worse value cleared its finding. The operation's value must be the worst of them.


@pytest.mark.parametrize(
    ("area", "operation"),
    [
        ({"promotional_messaging": True}, {"promotional_messaging": False}),
        ({"initiated_by": Initiator.HOST_STATE}, {"initiated_by": Initiator.DISPLACED_PERSONS}),
    ],
)
def test_an_area_may_not_record_worse_than_the_operation(
    area: dict[str, Any], operation: dict[str, Any]
) -> None:
    op = evolve(_two_areas(**area), **operation)
    with pytest.raises(InputError) as caught:
        repatguard.check(op, as_of=AS_OF)
    [issue] = caught.value.issues
    assert issue.path == f"$.return_areas[1].{next(iter(area))}"


def test_forgetting_an_areas_better_value_is_never_kinder() -> None:
    op = evolve(_two_areas(promotional_messaging=False), promotional_messaging=True)
    forgotten = evolve(
        op,
        return_areas=(
            op.return_areas[0],
            evolve(op.return_areas[1], promotional_messaging=None),
        ),
    )
    before, after = _check(op).area("AREA-2"), _check(forgotten).area("AREA-2")
    assert after.verdict.rank <= before.verdict.rank
