"""VOL-003: informed decision based on a current assessment."""

from __future__ import annotations

from typing import Any

import pytest

import repatguard
from repatguard.errors import InputError
from repatguard.facts.parameters import Parameters
from repatguard.io.converter import converter
from repatguard.model import (
    ConsentEvent,
    ConsentKind,
    InformationTopic,
    LegalCategory,
    MovementWindow,
    Operation,
    Relationship,
    ReturnArea,
    SecurityLevel,
    Volatility,
)
from repatguard.outcomes import Outcome, Severity, Verdict
from repatguard.testing.factories import (
    AS_OF,
    at,
    evolve,
    sound_assessment,
    sound_consent,
    sound_operation,
    unplanned,
    with_assessment,
    with_member,
)
from repatguard.testing.rules import run_rule

SPOUSE = "$.households[0].members[1]"
SESSION = f"{SPOUSE}.consent[1]"


def _session(**changes: Any) -> Operation:
    """The sound operation with the spouse's information session changed."""
    consent = list(sound_consent())
    consent[1] = evolve(consent[1], **changes)
    return with_member(sound_operation(), 0, 1, consent=tuple(consent))


def _without_session(op: Operation, member: int) -> Operation:
    consent = tuple(e for e in sound_consent() if e.kind is not ConsentKind.INFORMATION_SESSION)
    return with_member(op, 0, member, consent=consent)


def test_passes_for_adults_informed_on_a_current_assessment() -> None:
    run = run_rule("VOL-003", sound_operation())
    assert run.clean
    assert run.tally.passed == 2


def test_does_not_apply_to_a_dependent_child() -> None:
    assert run_rule("VOL-003", sound_operation()).tally.not_applicable == 1


def test_fails_without_an_information_session() -> None:
    finding = run_rule("VOL-003", _without_session(sound_operation(), 1)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{SPOUSE}.consent"


def test_a_session_after_as_of_has_not_happened_yet() -> None:
    finding = run_rule("VOL-003", _session(at=at(AS_OF.add(days=1)))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{SPOUSE}.consent"


def test_fails_when_the_session_is_too_old_at_departure() -> None:
    # Session on AS_OF - 15; 91 days before a departure on AS_OF + 76.
    op = with_member(sound_operation(), 0, 1, planned_departure=AS_OF.add(days=76))
    finding = run_rule("VOL-003", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == SESSION


def test_a_session_exactly_the_maximum_age_before_departure_is_current() -> None:
    op = with_member(sound_operation(), 0, 1, planned_departure=AS_OF.add(days=75))
    assert run_rule("VOL-003", op).clean


def test_unknown_departure_is_insufficient_information() -> None:
    op = evolve(unplanned(sound_operation()), movement_window=None)
    run = run_rule("VOL-003", op)
    assert {f.outcome for f in run.findings} == {Outcome.INSUFFICIENT_INFORMATION}
    # The child may come of age before an unknown departure: its age is unknown too.
    assert {f.path for f in run.findings} == {
        "$.households[0].members[0].planned_departure",
        f"{SPOUSE}.planned_departure",
        "$.households[0].members[2].date_of_birth",
    }


def test_fails_when_the_person_did_not_understand_the_language() -> None:
    finding = run_rule("VOL-003", _session(understood_language=False)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{SESSION}.understood_language"


def test_unrecorded_understanding_is_insufficient_information() -> None:
    finding = run_rule("VOL-003", _session(understood_language=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{SESSION}.understood_language"


def test_unrecorded_language_is_insufficient_information() -> None:
    finding = run_rule("VOL-003", _session(language=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SESSION}.language"


def test_a_session_naming_no_assessment_is_insufficient_information() -> None:
    finding = run_rule("VOL-003", _session(assessment=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SESSION}.assessment"


def test_a_session_naming_an_assessment_not_on_record_is_insufficient_information() -> None:
    finding = run_rule("VOL-003", _session(assessment="ASM-404")).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION


def test_fails_when_the_assessment_is_of_another_area() -> None:
    op = _session(assessment="ASM-2")
    op = evolve(
        op,
        return_areas=(*op.return_areas, ReturnArea(reference="AREA-2", name="Coast")),
        assessments=(*op.assessments, sound_assessment("AREA-2", "ASM-2")),
    )
    finding = run_rule("VOL-003", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{SESSION}.assessment"


def test_unknown_return_area_is_insufficient_information() -> None:
    op = sound_operation()
    household = evolve(op.households[0], intended_return_area=None)
    run = run_rule("VOL-003", evolve(op, households=(household,)))
    assert {f.outcome for f in run.findings} == {Outcome.INSUFFICIENT_INFORMATION}
    assert {f.path for f in run.findings} == {"$.households[0].intended_return_area"}


def test_fails_when_the_assessment_was_stale_on_the_session_date() -> None:
    # Session on AS_OF - 15; the assessment is 181 days older than that.
    op = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=196))
    run = run_rule("VOL-003", op)
    assert {f.outcome for f in run.findings} == {Outcome.FAIL}
    assert {f.path for f in run.findings} == {
        "$.households[0].members[0].consent[1].assessment",
        f"{SESSION}.assessment",
    }


def test_volatile_or_unknown_volatility_assessments_have_the_shorter_limit() -> None:
    op = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=115))
    assert run_rule("VOL-003", op).clean
    volatile = with_assessment(op, volatility=Volatility.HIGH)
    assert {f.outcome for f in run_rule("VOL-003", volatile).findings} == {Outcome.FAIL}
    unknown = with_assessment(op, volatility=None)
    assert {f.outcome for f in run_rule("VOL-003", unknown).findings} == {Outcome.FAIL}


def test_fails_when_the_assessment_was_made_after_the_session() -> None:
    op = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=10))
    assert {f.outcome for f in run_rule("VOL-003", op).findings} == {Outcome.FAIL}


def test_an_undated_assessment_is_insufficient_information() -> None:
    op = with_assessment(sound_operation(), assessed_on=None)
    run = run_rule("VOL-003", op)
    assert {f.outcome for f in run.findings} == {Outcome.INSUFFICIENT_INFORMATION}
    assert {f.path for f in run.findings} == {"$.assessments[0].assessed_on"}


def test_reports_every_problem_of_the_session() -> None:
    run = run_rule("VOL-003", _session(language=None, understood_language=False))
    assert sorted(f.outcome for f in run.findings) == [
        Outcome.FAIL,
        Outcome.INSUFFICIENT_INFORMATION,
    ]


def test_judges_the_latest_session_and_points_at_it() -> None:
    stale = ConsentEvent(
        kind=ConsentKind.INFORMATION_SESSION,
        at=at(AS_OF.subtract(days=5)),
        language="pt",
        assessment="ASM-1",
        disclosed_negative_findings=True,
        understood_language=False,
        topics_covered=tuple(InformationTopic),
    )
    op = with_member(sound_operation(), 0, 1, consent=(*sound_consent(), stale))
    finding = run_rule("VOL-003", op).only()
    assert finding.path == f"{SPOUSE}.consent[3].understood_language"


def test_fails_for_an_unaccompanied_child_without_a_session() -> None:
    op = with_member(sound_operation(), 0, 2, unaccompanied_or_separated=True)
    finding = run_rule("VOL-003", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == "$.households[0].members[2].consent"


def test_unknown_unaccompanied_status_without_a_session_is_insufficient_information() -> None:
    op = with_member(sound_operation(), 0, 2, unaccompanied_or_separated=None)
    finding = run_rule("VOL-003", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.households[0].members[2].unaccompanied_or_separated"


def test_unknown_age_without_a_session_is_insufficient_information() -> None:
    op = _without_session(sound_operation(), 1)
    op = with_member(op, 0, 1, date_of_birth=None, age=None)
    finding = run_rule("VOL-003", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{SPOUSE}.date_of_birth"


def test_unknown_age_does_not_matter_when_the_person_was_properly_informed() -> None:
    op = with_member(sound_operation(), 0, 1, date_of_birth=None, age=None)
    assert run_rule("VOL-003", op).clean


def test_a_child_moving_with_no_parent_must_be_informed_in_person() -> None:
    # Recorded as accompanied, but the head (the parent) stays behind and the child moves with
    # the head's sister: the child is treated as separated and decides individually.
    op = with_member(sound_operation(), 0, 0, stays_behind=True)
    op = with_member(op, 0, 1, relationship_to_head=Relationship.SIBLING)
    finding = run_rule("VOL-003", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == "$.households[0].members[2].consent"


def _reassessed(op: Operation, days_before_as_of: int | None, **findings: Any) -> Operation:
    """``op`` with a second assessment of AREA-1 (ASM-2), changed as ``findings`` says."""
    newer = evolve(
        sound_assessment(reference="ASM-2"),
        assessed_on=None if days_before_as_of is None else AS_OF.subtract(days=days_before_as_of),
        **findings,
    )
    return evolve(op, assessments=(*op.assessments, newer))


def _informed_again(op: Operation, days_before_as_of: int) -> Operation:
    """Both adults informed again, on ASM-2, ``days_before_as_of`` days before as_of."""
    again = evolve(
        sound_consent()[1], at=at(AS_OF.subtract(days=days_before_as_of)), assessment="ASM-2"
    )
    for member in (0, 1):
        op = with_member(op, 0, member, consent=(*sound_consent(), again))
    return op


def test_fails_when_the_area_was_assessed_worse_after_the_session() -> None:
    op = _reassessed(sound_operation(), 5, security_level=SecurityLevel.UNSAFE)
    findings = run_rule("VOL-003", op).findings
    assert [(f.outcome, f.path) for f in findings] == [
        (Outcome.FAIL, "$.households[0].members[0].consent[1]"),
        (Outcome.FAIL, SESSION),
    ]
    assert all(f.severity is Severity.BLOCKER for f in findings)
    assert "security_level" in str(findings[0].evidence.observed)


def test_a_session_after_the_worse_assessment_restores_informed_consent() -> None:
    op = _reassessed(sound_operation(), 5, security_level=SecurityLevel.UNSAFE)
    assert run_rule("VOL-003", _informed_again(op, 2)).clean


def test_a_later_assessment_with_the_same_findings_needs_no_new_session() -> None:
    assert run_rule("VOL-003", _reassessed(sound_operation(), 5)).clean


def test_a_worse_assessment_after_as_of_is_not_yet_known() -> None:
    op = _reassessed(sound_operation(), -1, mines_or_erw=True)
    assert run_rule("VOL-003", op).clean


def test_an_undated_worse_assessment_is_insufficient_information() -> None:
    op = _reassessed(sound_operation(), None, mines_or_erw=True)
    findings = run_rule("VOL-003", op).findings
    assert {(f.outcome, f.path) for f in findings} == {
        (Outcome.INSUFFICIENT_INFORMATION, "$.assessments[1].assessed_on")
    }
    assert all(f.severity is Severity.BLOCKER for f in findings)


def _superseded() -> Operation:
    """The reviewed reproducer: ASM-1 (60 days old, favourable) superseded by ASM-2 (30 days
    old, not conducive, discrimination reported); both adults' sessions, 15 days before
    as_of, still name ASM-1."""
    op = sound_operation()
    old = evolve(op.assessments[0], assessed_on=AS_OF.subtract(days=60))
    newer = evolve(
        sound_assessment(reference="ASM-2"),
        assessed_on=AS_OF.subtract(days=30),
        conducive_for_promotion=False,
        discrimination_reported=True,
    )
    return evolve(op, assessments=(old, newer))


def _sessions_naming(op: Operation, assessment: str | None) -> Operation:
    """``op`` with both adults' sessions naming ``assessment`` (none for ``None``)."""
    consent = list(sound_consent())
    consent[1] = evolve(consent[1], assessment=assessment)
    for member in (0, 1):
        op = with_member(op, 0, member, consent=tuple(consent))
    return op


def test_a_worse_assessment_the_day_of_a_session_naming_the_older_one_fails() -> None:
    # Whether made before or after the session that day, it supersedes what was told.
    op = _reassessed(sound_operation(), 15, active_conflict=True)
    findings = run_rule("VOL-003", op).findings
    assert {(f.outcome, f.path) for f in findings} == {
        (Outcome.FAIL, "$.households[0].members[0].consent[1]"),
        (Outcome.FAIL, SESSION),
    }


def test_a_worse_assessment_the_day_of_a_session_naming_none_is_insufficient_information() -> None:
    op = _reassessed(_sessions_naming(sound_operation(), None), 15, active_conflict=True)
    findings = run_rule("VOL-003", op).findings
    assert {(f.outcome, f.path) for f in findings if f.path.startswith("$.assessments")} == {
        (Outcome.INSUFFICIENT_INFORMATION, "$.assessments[1].assessed_on")
    }
    assert {f.outcome for f in findings} == {Outcome.INSUFFICIENT_INFORMATION}


def test_fails_when_the_session_named_an_assessment_already_superseded_by_a_worse_one() -> None:
    findings = run_rule("VOL-003", _superseded()).findings
    assert [(f.outcome, f.path) for f in findings] == [
        (Outcome.FAIL, "$.households[0].members[0].consent[1]"),
        (Outcome.FAIL, SESSION),
    ]
    assert all(f.severity is Severity.BLOCKER for f in findings)
    observed = str(findings[0].evidence.observed)
    assert "ASM-2" in observed
    assert "conducive_for_promotion" in observed
    assert "discrimination_reported" in observed


def test_a_session_on_a_superseded_assessment_is_never_kinder_than_one_naming_none() -> None:
    named = repatguard.check(_superseded(), as_of=AS_OF).verdict
    unnamed = repatguard.check(_sessions_naming(_superseded(), None), as_of=AS_OF).verdict
    assert named.rank <= unnamed.rank
    assert named is Verdict.BLOCKED


def test_a_session_naming_the_superseding_assessment_holds() -> None:
    assert run_rule("VOL-003", _sessions_naming(_superseded(), "ASM-2")).clean


def test_an_assessment_superseded_by_one_no_worse_still_informs() -> None:
    old = _superseded().assessments[0]
    same = evolve(old, reference="ASM-2", assessed_on=AS_OF.subtract(days=30))
    assert run_rule("VOL-003", evolve(sound_operation(), assessments=(old, same))).clean


def test_a_worse_assessment_dated_the_day_of_the_named_one_is_insufficient_information() -> None:
    op = _reassessed(sound_operation(), 30, security_level=SecurityLevel.UNSAFE)
    findings = run_rule("VOL-003", op).findings
    assert {(f.outcome, f.path) for f in findings} == {
        (Outcome.INSUFFICIENT_INFORMATION, "$.assessments[1].assessed_on")
    }
    assert all(f.severity is Severity.BLOCKER for f in findings)


def test_a_worse_assessment_older_than_the_named_one_is_superseded() -> None:
    assert run_rule("VOL-003", _reassessed(sound_operation(), 31, mines_or_erw=True)).clean


def test_a_later_assessment_leaving_a_finding_unrecorded_is_insufficient_information() -> None:
    op = _reassessed(sound_operation(), 5, basic_services=None)
    findings = run_rule("VOL-003", op).findings
    assert {(f.outcome, f.path) for f in findings} == {
        (Outcome.INSUFFICIENT_INFORMATION, "$.assessments[1]")
    }
    assert "basic_services" in str(findings[0].evidence.observed)


def test_a_finding_the_session_assessment_left_open_counts_when_later_found_bad() -> None:
    op = with_assessment(sound_operation(), mines_or_erw=None)
    op = _reassessed(op, 5, mines_or_erw=True)
    outcomes = {f.outcome for f in run_rule("VOL-003", op).findings}
    assert outcomes == {Outcome.FAIL}


def test_a_session_naming_no_assessment_says_so() -> None:
    finding = run_rule("VOL-003", _session(assessment=None)).only()
    assert finding.evidence.observed == "no assessment reference"
    assert "does not name" in finding.message


def test_an_assessment_made_on_the_session_day_counts() -> None:
    # The spouse's and the head's sessions are on AS_OF - 15.
    op = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=15))
    assert run_rule("VOL-003", op).clean


def test_an_assessment_exactly_at_its_age_limit_on_the_session_day_is_current() -> None:
    oldest = Parameters().before(AS_OF.subtract(days=15), "assessment_max_age")
    assert run_rule("VOL-003", with_assessment(sound_operation(), assessed_on=oldest)).clean
    older = with_assessment(sound_operation(), assessed_on=oldest.subtract(days=1))
    assert {f.outcome for f in run_rule("VOL-003", older).findings} == {Outcome.FAIL}


def test_an_open_movement_window_without_a_planned_departure_is_insufficient_information() -> None:
    op = unplanned(sound_operation())
    op = evolve(op, movement_window=evolve(op.movement_window, end=None))
    run = run_rule("VOL-003", op)
    assert {(f.outcome, f.path) for f in run.findings} == {
        (Outcome.INSUFFICIENT_INFORMATION, "$.households[0].members[0].planned_departure"),
        (Outcome.INSUFFICIENT_INFORMATION, f"{SPOUSE}.planned_departure"),
        (Outcome.INSUFFICIENT_INFORMATION, "$.households[0].members[2].date_of_birth"),
    }


def test_a_planned_departure_already_past_is_insufficient_information() -> None:
    # Review of #11/#12: a past departure judged the session on a day that cannot come.
    op = with_member(sound_operation(), 0, 1, planned_departure=AS_OF.subtract(days=400))
    finding = run_rule("VOL-003", op).only()
    assert (finding.outcome, finding.path) == (
        Outcome.INSUFFICIENT_INFORMATION,
        f"{SPOUSE}.planned_departure",
    )


def test_without_a_planned_departure_the_session_must_be_current_on_the_last_day() -> None:
    # The sessions are 10 days before as_of; they stay current until 90 days later. Leaving on
    # the first day of the window they are current; on its last day, 120 days after the first
    # session day, they are not (review hole 8 of #11: the first day was read).
    op = unplanned(sound_operation())
    start = op.movement_window.start if op.movement_window else AS_OF
    within = evolve(op, movement_window=MovementWindow(start=start, end=start.add(days=30)))
    assert run_rule("VOL-003", within).clean
    late = evolve(op, movement_window=MovementWindow(start=start, end=AS_OF.add(days=100)))
    assert {f.outcome for f in run_rule("VOL-003", late).findings} == {Outcome.FAIL}


# --- what the session covered -------------------------------------------------------------


def _covering(*left_out: InformationTopic) -> tuple[InformationTopic, ...]:
    return tuple(topic for topic in InformationTopic if topic not in left_out)


@pytest.mark.parametrize(
    "topic",
    [
        InformationTopic.CONDITIONS_IN_RETURN_AREA,
        InformationTopic.RIGHT_TO_WITHDRAW,
        InformationTopic.RIGHT_TO_STAY,
    ],
)
def test_a_session_that_left_out_a_required_topic_fails(topic: InformationTopic) -> None:
    finding = run_rule("VOL-003", _session(topics_covered=_covering(topic))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{SESSION}.topics_covered"
    assert str(topic) in finding.message


def test_the_other_topics_are_not_required() -> None:
    required = (
        InformationTopic.CONDITIONS_IN_RETURN_AREA,
        InformationTopic.RIGHT_TO_WITHDRAW,
        InformationTopic.RIGHT_TO_STAY,
    )
    assert run_rule("VOL-003", _session(topics_covered=required)).clean


def test_a_session_recorded_as_covering_nothing_fails() -> None:
    finding = run_rule("VOL-003", _session(topics_covered=())).only()
    assert finding.outcome is Outcome.FAIL
    assert "none of the topics" in str(finding.evidence)


def test_unrecorded_coverage_is_insufficient_information() -> None:
    finding = run_rule("VOL-003", _session(topics_covered=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{SESSION}.topics_covered"


def test_unrecorded_coverage_holds_the_case_not_the_operation_verdict() -> None:
    report = repatguard.check(_session(topics_covered=None), as_of=AS_OF, reveal_references=True)
    assert report.verdict is Verdict.PROMOTE
    spouse = next(c for c in report.case_verdicts if c.subject == "P-2")
    assert spouse.verdict is Verdict.INSUFFICIENT_INFORMATION


def test_a_migrant_need_not_hear_of_a_right_to_stay() -> None:
    # A migrant may have no lawful stay to keep; everyone else must hear that staying is open.
    left_out = _covering(InformationTopic.RIGHT_TO_STAY)
    migrant = with_member(
        _session(topics_covered=left_out), 0, 1, legal_category=LegalCategory.MIGRANT
    )
    assert run_rule("VOL-003", migrant).clean
    unknown = with_member(
        _session(topics_covered=left_out), 0, 1, legal_category=LegalCategory.UNKNOWN
    )
    assert run_rule("VOL-003", unknown).only().outcome is Outcome.FAIL


def test_topics_on_another_kind_of_event_are_an_input_error() -> None:
    consent = list(sound_consent())
    consent[0] = evolve(consent[0], topics_covered=(InformationTopic.SECURITY,))
    op = with_member(sound_operation(), 0, 1, consent=tuple(consent))
    with pytest.raises(InputError) as raised:
        repatguard.check(op, as_of=AS_OF)
    [issue] = raised.value.issues
    assert issue.path == f"{SPOUSE}.consent[0].topics_covered"


def test_an_unknown_topic_is_refused_with_its_path() -> None:
    data = converter().unstructure(sound_operation())
    data["households"][0]["members"][1]["consent"][1]["topics_covered"] = ["weather"]
    with pytest.raises(InputError) as raised:
        repatguard.load(data)
    paths = [issue.path for issue in raised.value.issues]
    assert paths == [f"{SESSION}.topics_covered[0]"]
