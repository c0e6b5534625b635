"""SPEC-003: individual assessment for at-risk profiles under a current UNHCR position."""

from __future__ import annotations

import json
from typing import Any, cast

import pendulum
import pytest

import repatguard
from repatguard.errors import InputError
from repatguard.facts.facts import Kin, build_facts
from repatguard.facts.parameters import Parameters
from repatguard.io.converter import converter
from repatguard.model import (
    MovementKind,
    Operation,
    ReturnArea,
    RiskAssessmentOutcome,
    RiskProfile,
    Stance,
    UnhcrPosition,
)
from repatguard.outcomes import Outcome, Severity, Verdict
from repatguard.report.finding import Finding
from repatguard.rules.api import NOT_APPLICABLE, Found, PersonContext
from repatguard.rules.prem._positions import ProfileMatch, profile_match
from repatguard.rules.registry import builtin_registry
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_member
from repatguard.testing.rules import RuleRun, run_rule

HEAD = "$.households[0].members[0]"
SPOUSE = "$.households[0].members[1]"
CHILD = "$.households[0].members[2]"
ASSESSMENT = f"{HEAD}.individual_protection_assessment_on"
OUTCOME = f"{HEAD}.individual_protection_assessment_outcome"
J = RiskProfile.JOURNALISTS
NO_RISK = RiskAssessmentOutcome.NO_RISK
RISK_FOUND = RiskAssessmentOutcome.RISK_FOUND


def _journalist(
    op: Operation | None = None,
    assessed_on: pendulum.Date | None = None,
    outcome: RiskAssessmentOutcome | None = NO_RISK,
    person_profiles: tuple[RiskProfile, ...] = (J,),
    **position: Any,
) -> Operation:
    """The head matches 'journalists'; a position in force names that profile (changed as given).

    The assessment outcome is recorded only together with an assessment date.
    """
    op = op or sound_operation()
    found = UnhcrPosition(
        reference="POS-2",
        stances=(Stance.NO_FORCED_RETURNS,),
        country="AGO",
        profiles=(J, RiskProfile.JUDGES),
        issued_on=AS_OF.subtract(days=60),
    )
    op = evolve(op, positions=(*op.positions, evolve(found, **position)))
    return with_member(
        op,
        0,
        0,
        risk_profiles=person_profiles,
        individual_protection_assessment_on=assessed_on,
        individual_protection_assessment_outcome=outcome if assessed_on is not None else None,
    )


def _about(run: RuleRun, subject: str) -> list[Finding]:
    return [finding for finding in run.findings if finding.subject == subject]


def _head_found(op: Operation) -> list[Found]:
    """What SPEC-003 yields for the head: nothing when the head passes, NOT_APPLICABLE alone
    when the head is not concerned (a rule run only counts them)."""
    (spec_003,) = builtin_registry().select(["SPEC-003"])
    facts = build_facts(op, pendulum.datetime(AS_OF.year, AS_OF.month, AS_OF.day), Parameters())
    household = op.households[0]
    ctx = PersonContext.of(
        facts,
        Kin.of(facts, household),
        household.members[0],
        path=HEAD,
        household_path="$.households[0]",
    )
    return cast("list[Found]", list(spec_003.check(ctx)))


def test_does_not_apply_to_people_without_risk_profiles() -> None:
    run = run_rule("SPEC-003", sound_operation())
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


def test_passes_when_the_person_was_assessed_individually_with_no_risk_found() -> None:
    run = run_rule("SPEC-003", _journalist(assessed_on=AS_OF.subtract(days=10)))
    assert run.clean
    assert run.tally.passed == 1


def test_passes_when_no_position_in_force_names_the_persons_profile() -> None:
    assert run_rule("SPEC-003", _journalist(profiles=(RiskProfile.JUDGES,))).clean


def test_the_head_passes_when_no_position_covers_the_persons_recorded_profile() -> None:
    # A recorded profile makes the person concerned: a pass (nothing yielded), not "not
    # applicable" as for someone with no profile whom no position may cover.
    assert _head_found(_journalist(profiles=(RiskProfile.JUDGES,))) == []
    assert _head_found(sound_operation()) == [NOT_APPLICABLE]


def test_the_head_passes_on_the_assessment_when_a_position_covers_the_persons_profile() -> None:
    assert _head_found(_journalist(assessed_on=AS_OF.subtract(days=10))) == []


def test_an_assessment_dated_on_as_of_has_been_made() -> None:
    run = run_rule("SPEC-003", _journalist(assessed_on=AS_OF))
    assert run.clean
    assert run.tally.passed == 1
    finding = run_rule("SPEC-003", _journalist(assessed_on=AS_OF, outcome=RISK_FOUND)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == OUTCOME


def test_an_unassessed_person_matching_a_profile_is_a_major_failure() -> None:
    finding = run_rule("SPEC-003", _journalist()).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.subject == "P-1"
    assert finding.path == ASSESSMENT
    assert "POS-2" in (finding.evidence.observed or "")


def test_for_a_forced_return_it_is_a_blocker() -> None:
    op = evolve(sound_operation(), movement_kind=MovementKind.FORCED)
    finding = run_rule("SPEC-003", _journalist(op)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER


def test_an_assessment_dated_after_as_of_has_not_been_made_yet() -> None:
    finding = run_rule("SPEC-003", _journalist(assessed_on=AS_OF.add(days=1))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == ASSESSMENT


def test_a_position_for_another_country_does_not_count() -> None:
    assert run_rule("SPEC-003", _journalist(country="HTI")).clean


def test_the_country_is_the_return_areas_own() -> None:
    op = evolve(
        sound_operation(),
        return_areas=(ReturnArea(reference="AREA-1", name="Northern valley", country="COD"),),
    )
    assert run_rule("SPEC-003", _journalist(op)).clean
    assert run_rule("SPEC-003", _journalist(op, country="COD")).only().outcome is Outcome.FAIL


def test_a_position_limited_to_the_area_counts_and_one_for_another_area_does_not() -> None:
    assert run_rule("SPEC-003", _journalist(areas=("AREA-1",))).only().outcome is Outcome.FAIL
    op = sound_operation()
    op = evolve(op, return_areas=(*op.return_areas, ReturnArea(reference="AREA-2", name="South")))
    assert run_rule("SPEC-003", _journalist(op, areas=("AREA-2",))).clean


def test_a_lifted_position_or_one_not_yet_issued_does_not_count() -> None:
    assert run_rule("SPEC-003", _journalist(lifted_on=AS_OF.subtract(days=1))).clean
    assert run_rule("SPEC-003", _journalist(issued_on=AS_OF.add(days=1))).clean


def test_a_regional_position_with_the_return_area_unknown_is_insufficient_information() -> None:
    op = _journalist(areas=("AREA-1",))
    household = evolve(op.households[0], intended_return_area=None)
    finding = run_rule("SPEC-003", evolve(op, households=(household,))).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.households[0].intended_return_area"


def test_a_nationwide_position_applies_when_the_return_area_is_unknown() -> None:
    op = _journalist()
    household = evolve(op.households[0], intended_return_area=None)
    finding = run_rule("SPEC-003", evolve(op, households=(household,))).only()
    assert finding.outcome is Outcome.FAIL


def test_positions_not_consulted_are_insufficient_information_at_blocker_weight() -> None:
    # An unseen position could rule out facilitating the person's return: the worst weight.
    op = evolve(_journalist(profiles=(RiskProfile.JUDGES,)), positions_consulted_on=None)
    finding = run_rule("SPEC-003", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == "$.positions_consulted_on"


def test_a_stale_consultation_is_insufficient_information_at_blocker_weight_when_forced() -> None:
    op = evolve(
        _journalist(profiles=(RiskProfile.JUDGES,)),
        positions_consulted_on=AS_OF.subtract(days=8),
        movement_kind=MovementKind.FORCED,
    )
    finding = run_rule("SPEC-003", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER


def test_a_no_risk_assessment_does_not_pass_when_the_positions_were_not_consulted() -> None:
    # A position we did not see may be newer than the assessment; no pass beside it.
    op = evolve(_journalist(assessed_on=AS_OF.subtract(days=10)), positions_consulted_on=None)
    run = run_rule("SPEC-003", op)
    assert run.outcomes == {Outcome.INSUFFICIENT_INFORMATION, Outcome.NOT_APPLICABLE}
    assert run.only().path == "$.positions_consulted_on"


# --- Item 9: profile-limited positions reach the person, with their weight -------------------


def test_a_not_facilitating_position_limited_to_the_profile_is_a_blocker_for_the_person() -> None:
    op = _journalist(stances=(Stance.NOT_PROMOTING, Stance.NOT_FACILITATING))
    finding = run_rule("SPEC-003", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == ASSESSMENT


def test_a_profile_limited_position_with_no_stance_recorded_weighs_as_a_blocker() -> None:
    finding = run_rule("SPEC-003", _journalist(stances=())).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER


def test_the_person_under_a_not_facilitating_profile_position_is_blocked_and_others_are_not() -> (
    None
):
    op = _journalist(stances=(Stance.NOT_PROMOTING, Stance.NOT_FACILITATING))
    report = repatguard.check(op, as_of=AS_OF, reveal_references=True)
    assert report.case("P-1").verdict is Verdict.BLOCKED
    assert "SPEC-003" in {reason.code for reason in report.case("P-1").reasons}
    assert {f.subject for f in report.findings_for("SPEC-003")} == {"P-1"}
    assert "SPEC-003" not in {reason.code for reason in report.case("P-2").reasons}
    # The area rules do not fail on a position for some profiles only, and say so.
    for code in ("PREM-001", "PREM-002"):
        assert not report.findings_for(code)


def test_an_assessment_that_found_a_risk_fails_at_the_positions_weight() -> None:
    assessed = AS_OF.subtract(days=10)
    finding = run_rule("SPEC-003", _journalist(assessed_on=assessed, outcome=RISK_FOUND)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == OUTCOME
    blocking = _journalist(
        assessed_on=assessed, outcome=RISK_FOUND, stances=(Stance.NOT_FACILITATING,)
    )
    assert run_rule("SPEC-003", blocking).only().severity is Severity.BLOCKER


def test_an_assessment_with_no_recorded_outcome_is_insufficient_information() -> None:
    op = _journalist(
        assessed_on=AS_OF.subtract(days=10), outcome=None, stances=(Stance.NOT_FACILITATING,)
    )
    finding = run_rule("SPEC-003", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == OUTCOME


@pytest.mark.parametrize("days_before_position", [0, 5])
def test_an_assessment_not_made_after_the_position_does_not_count(
    days_before_position: int,
) -> None:
    issued = AS_OF.subtract(days=60)
    op = _journalist(assessed_on=issued.subtract(days=days_before_position), issued_on=issued)
    finding = run_rule("SPEC-003", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == ASSESSMENT
    assert issued.isoformat() in (finding.evidence.observed or "")


def test_one_finding_per_fact_at_the_heaviest_weight_of_the_positions() -> None:
    op = _journalist()
    blocking = UnhcrPosition(
        reference="POS-3",
        stances=(Stance.NOT_FACILITATING,),
        country="AGO",
        profiles=(J,),
        issued_on=AS_OF.subtract(days=30),
    )
    op = evolve(op, positions=(*op.positions, blocking))
    finding = run_rule("SPEC-003", op).only()
    assert finding.severity is Severity.BLOCKER
    observed = finding.evidence.observed or ""
    assert "POS-2" in observed
    assert "POS-3" in observed


# --- Item 9: a controlled vocabulary; 'other' matches fail closed ----------------------------


def test_an_other_profile_on_the_person_may_match_so_it_is_insufficient_information() -> None:
    op = _journalist(person_profiles=(RiskProfile.OTHER,), stances=(Stance.NOT_FACILITATING,))
    finding = run_rule("SPEC-003", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{HEAD}.risk_profiles"


def test_a_position_naming_other_may_cover_any_profile_of_the_person() -> None:
    op = _journalist(person_profiles=(RiskProfile.LAWYERS,), profiles=(RiskProfile.OTHER,))
    (finding,) = _about(run_rule("SPEC-003", op), "P-1")
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{HEAD}.risk_profiles"


def test_a_possible_match_with_a_risk_found_is_insufficient_information_not_a_pass() -> None:
    op = _journalist(
        person_profiles=(RiskProfile.OTHER,),
        assessed_on=AS_OF.subtract(days=10),
        outcome=RISK_FOUND,
    )
    assert run_rule("SPEC-003", op).only().outcome is Outcome.INSUFFICIENT_INFORMATION


def test_a_possible_match_is_discharged_by_a_no_risk_assessment_after_the_position() -> None:
    op = _journalist(person_profiles=(RiskProfile.OTHER,), assessed_on=AS_OF.subtract(days=10))
    run = run_rule("SPEC-003", op)
    assert run.clean
    assert run.tally.passed == 1


def test_other_does_not_concern_an_adult_screened_with_no_profile_but_may_cover_a_child() -> None:
    op = _journalist(person_profiles=(), profiles=(RiskProfile.OTHER,))
    run = run_rule("SPEC-003", op)
    # P-1 and P-2 are adults screened with no profile; P-3 is a child, and 'other' may be a
    # profile of children.
    (finding,) = run.findings
    assert finding.subject == "P-3"
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{CHILD}.risk_profiles"


def test_profile_match_is_exact_on_the_vocabulary_and_possible_through_other() -> None:
    assert profile_match([J], [J, RiskProfile.JUDGES]) is ProfileMatch.CERTAIN
    assert profile_match([J], [RiskProfile.JUDGES]) is ProfileMatch.NONE
    assert profile_match([RiskProfile.OTHER], [J]) is ProfileMatch.POSSIBLE
    assert profile_match([J], [RiskProfile.OTHER]) is ProfileMatch.POSSIBLE
    assert profile_match([J, RiskProfile.OTHER], [J]) is ProfileMatch.CERTAIN
    assert profile_match([], [RiskProfile.OTHER]) is ProfileMatch.NONE
    assert profile_match([J], []) is ProfileMatch.NONE
    # A free string built in Python (not through the loader) is outside the vocabulary.
    assert profile_match(["journalist"], [J]) is ProfileMatch.POSSIBLE
    assert profile_match(["journalists"], [J]) is ProfileMatch.CERTAIN


def _document(person: list[str], position: list[str]) -> dict[str, Any]:
    op = _journalist()
    data: dict[str, Any] = json.loads(json.dumps(converter().unstructure(op)))
    data["households"][0]["members"][0]["risk_profiles"] = person
    data["positions"][1]["profiles"] = position
    return data


def test_free_string_profiles_that_name_a_vocabulary_value_still_load() -> None:
    op = repatguard.load(_document(["journalists"], ["journalists", "judges", "other"]))
    assert op.households[0].members[0].risk_profiles == (J,)
    assert op.positions[1].profiles == (J, RiskProfile.JUDGES, RiskProfile.OTHER)


def test_a_profile_outside_the_vocabulary_is_an_input_error_naming_the_path_and_values() -> None:
    with pytest.raises(InputError) as caught:
        repatguard.load(_document(["journalist"], ["Journalists"]))
    issues = {issue.path: issue.message for issue in caught.value.issues}
    assert set(issues) == {
        "$.households[0].members[0].risk_profiles[0]",
        "$.positions[1].profiles[0]",
    }
    for message in issues.values():
        assert "'journalists'" in message
        assert "'other'" in message


# --- Review hole 4: profiles not recorded are unknown, and a child is a child by age ----------


def _limited_to(
    profile: RiskProfile, stances: tuple[Stance, ...] = (Stance.NOT_FACILITATING,)
) -> Operation:
    """The sound operation with a position in force limited to ``profile`` (no one assessed)."""
    op = sound_operation()
    position = UnhcrPosition(
        reference="POS-2",
        stances=stances,
        country="AGO",
        profiles=(profile,),
        issued_on=AS_OF.subtract(days=60),
    )
    return evolve(op, positions=(*op.positions, position))


@pytest.mark.parametrize("recorded", [(), None], ids=["screened-none", "not-recorded"])
def test_a_child_matches_a_position_for_children_by_age_whatever_profiles_are_recorded(
    recorded: tuple[RiskProfile, ...] | None,
) -> None:
    op = with_member(_limited_to(RiskProfile.CHILDREN), 0, 2, risk_profiles=recorded)
    (finding,) = _about(run_rule("SPEC-003", op), "P-3")
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{CHILD}.individual_protection_assessment_on"
    report = repatguard.check(op, as_of=AS_OF, reveal_references=True)
    assert report.case("P-3").verdict is Verdict.BLOCKED


def test_an_unrecorded_child_is_blocked_like_one_recorded_as_a_child() -> None:
    # The reviewer's pair: same child, profile recorded versus nothing recorded.
    op = _limited_to(RiskProfile.CHILDREN)
    recorded = with_member(op, 0, 2, risk_profiles=(RiskProfile.CHILDREN,))
    unrecorded = with_member(op, 0, 2, risk_profiles=None)
    verdicts = {
        repatguard.check(o, as_of=AS_OF, reveal_references=True).case("P-3").verdict
        for o in (recorded, unrecorded)
    }
    assert verdicts == {Verdict.BLOCKED}


def test_profiles_not_recorded_are_insufficient_information_at_the_positions_weight() -> None:
    op = with_member(_limited_to(RiskProfile.WOMEN_AND_GIRLS), 0, 1, risk_profiles=None)
    run = run_rule("SPEC-003", op)
    (finding,) = _about(run, "P-2")
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{SPOUSE}.risk_profiles"
    assert "POS-2" in (finding.evidence.observed or "")
    # Screened with no profile: not concerned.
    assert not _about(run, "P-1")
    report = repatguard.check(op, as_of=AS_OF, reveal_references=True)
    assert report.case("P-2").verdict is Verdict.INSUFFICIENT_INFORMATION
    assert report.case("P-1").verdict is Verdict.PROMOTE


def test_profiles_not_recorded_weigh_major_under_a_position_that_only_stops_promotion() -> None:
    op = _limited_to(RiskProfile.JOURNALISTS, stances=(Stance.NOT_PROMOTING,))
    (finding,) = run_rule("SPEC-003", with_member(op, 0, 0, risk_profiles=None)).findings
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{HEAD}.risk_profiles"


def test_profiles_not_recorded_are_discharged_by_a_no_risk_assessment_after_the_position() -> None:
    op = with_member(
        _limited_to(RiskProfile.WOMEN_AND_GIRLS),
        0,
        1,
        risk_profiles=None,
        individual_protection_assessment_on=AS_OF.subtract(days=10),
        individual_protection_assessment_outcome=NO_RISK,
    )
    run = run_rule("SPEC-003", op)
    assert run.clean
    assert run.tally.passed == 1


def test_profiles_not_recorded_concern_no_one_without_a_profile_limited_position() -> None:
    op = sound_operation()
    for m in range(3):
        op = with_member(op, 0, m, risk_profiles=None)
    assert run_rule("SPEC-003", op).outcomes == {Outcome.NOT_APPLICABLE}


def test_an_unknown_age_may_be_a_child_under_a_position_naming_children() -> None:
    op = with_member(_limited_to(RiskProfile.CHILDREN), 0, 1, date_of_birth=None, age=None)
    (finding,) = _about(run_rule("SPEC-003", op), "P-2")
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{SPOUSE}.date_of_birth"


def test_an_adult_screened_with_no_profile_is_not_a_child() -> None:
    run = run_rule("SPEC-003", _limited_to(RiskProfile.CHILDREN))
    assert {finding.subject for finding in run.findings} == {"P-3"}


def test_risk_profiles_left_out_load_as_not_recorded_and_an_empty_list_as_screened() -> None:
    data: dict[str, Any] = json.loads(json.dumps(converter().unstructure(sound_operation())))
    members = data["households"][0]["members"]
    del members[0]["risk_profiles"]
    members[1]["risk_profiles"] = None
    members[2]["risk_profiles"] = []
    loaded = repatguard.load(data).households[0].members
    assert [person.risk_profiles for person in loaded] == [None, None, ()]
