"""How case verdicts, majors on people and escalation bound the report (issue 11, items 2-4, 23).

Each test states the safeguard; the operation is the sound one with one fact changed.
"""

from __future__ import annotations

import attrs

import repatguard
from repatguard.engine.headline import bound_by_cases
from repatguard.model import Agency, Household, Operation
from repatguard.outcomes import Outcome, Scope, Severity, Verdict
from repatguard.report import Report
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_member


def _check(operation: Operation) -> Report:
    return repatguard.check(operation, as_of=AS_OF, reveal_references=True)


def _person(report: Report, reference: str) -> Verdict:
    return report.case(reference).verdict


def test_the_sound_operation_promotes_everyone() -> None:
    report = _check(sound_operation())
    assert report.verdict is Verdict.PROMOTE
    assert {c.verdict for c in report.case_verdicts} == {Verdict.PROMOTE}
    assert report.cases_bound is None


def test_a_person_not_fit_to_travel_without_a_care_plan_is_blocked() -> None:
    # Item 2: SPEC-001 is a major about a person; it holds that person, established -> blocked.
    report = _check(
        with_member(
            sound_operation(),
            0,
            0,
            specific_needs=("mobility",),
            fit_to_travel=False,
            care_plan=False,
        )
    )
    failed = [f for f in report.findings_for("SPEC-001") if f.outcome is Outcome.FAIL]
    assert failed
    assert all(f.severity.at_least(Severity.MAJOR) for f in failed)
    assert _person(report, "P-1") is Verdict.BLOCKED
    assert "SPEC-001" in {r.code for r in report.case("P-1").reasons}
    assert report.case("HH-1").verdict is Verdict.BLOCKED
    assert _person(report, "P-2") is Verdict.PROMOTE


def test_an_unknown_major_on_a_person_holds_them_as_insufficient() -> None:
    # Item 2: the same fact unknown -> insufficient_information, never blocked, never cleared.
    report = _check(
        with_member(
            sound_operation(),
            0,
            0,
            specific_needs=("mobility",),
            fit_to_travel=None,
            care_plan=None,
        )
    )
    assert _person(report, "P-1") is Verdict.INSUFFICIENT_INFORMATION


def test_the_headline_is_never_kinder_than_every_person() -> None:
    # Item 3: with nobody cleared to move, the operation may not say promote.
    operation = sound_operation()
    for index in range(3):
        operation = with_member(operation, 0, index, consent=())
    report = _check(operation)
    people = [c for c in report.case_verdicts if c.scope is Scope.PERSON]
    assert people
    assert all(c.verdict.rank < Verdict.PROMOTE.rank for c in people)
    best = max((c.verdict for c in people), key=lambda v: v.rank)
    assert report.verdict.rank <= best.rank
    assert report.cases_bound is Verdict.PROMOTE
    assert all(a.verdict is Verdict.PROMOTE for a in report.area_verdicts)


def test_the_case_bound_is_the_most_permissive_person() -> None:
    counts = {"promote": 0, "facilitate_only": 2, "insufficient_information": 1, "blocked": 4}
    assert bound_by_cases(Verdict.PROMOTE, counts) == (Verdict.FACILITATE_ONLY, Verdict.PROMOTE)
    assert bound_by_cases(Verdict.BLOCKED, counts) == (Verdict.BLOCKED, None)
    assert bound_by_cases(Verdict.PROMOTE, dict.fromkeys(counts, 0)) == (Verdict.PROMOTE, None)
    blocked_only = {**dict.fromkeys(counts, 0), "blocked": 3}
    assert bound_by_cases(Verdict.FACILITATE_ONLY, blocked_only) == (
        Verdict.BLOCKED,
        Verdict.FACILITATE_ONLY,
    )


def test_every_format_shows_the_person_counts_beside_the_headline() -> None:
    from repatguard.render.html import to_html
    from repatguard.render.junit import to_junit
    from repatguard.render.markdown import to_markdown
    from repatguard.render.text import to_text

    operation = sound_operation()
    for index in range(3):
        operation = with_member(operation, 0, index, consent=())
    report = _check(operation)
    counts = report.summary.cases
    line = "Person verdicts (3): "
    assert line in to_text(report)
    assert line in to_markdown(report)
    assert line in to_html(report)
    assert f'name="persons_blocked" value="{counts["blocked"]}"' in to_junit(report)
    assert "no listed person may proceed further" in to_text(report)


def test_a_failed_lead_001_escalates_though_it_is_a_hard_stop() -> None:
    # Item 4: IOM leading a refugee return fails LEAD-001 (a blocker that carries the flag).
    operation = sound_operation()
    operation = evolve(operation, lead=evolve(operation.lead, lead_agency=Agency.IOM))
    report = _check(operation)
    assert any(f.escalate and f.outcome is Outcome.FAIL for f in report.findings_for("LEAD-001"))
    assert report.verdict is Verdict.BLOCKED
    assert report.escalate
    assert report.provisional_verdict is Verdict.BLOCKED


def test_the_provisional_verdict_keeps_a_blocked_area_blocked() -> None:
    # Item 4: an area blocked for another reason stays blocked once an escalation is resolved.
    operation = sound_operation()
    operation = evolve(operation, lead=evolve(operation.lead, lead_disputed=True))
    report = _check(operation)
    assert report.escalate
    assert report.provisional_verdict is not None
    blocked_area = evolve(operation, driven_by_cessation=True)
    blocked = _check(blocked_area)
    if any(a.verdict is Verdict.BLOCKED and not a.escalate for a in blocked.area_verdicts):
        assert blocked.provisional_verdict is Verdict.BLOCKED


def test_a_household_with_no_members_listed_is_never_cleared() -> None:
    # Item 23: nobody's decision is on record for an empty household.
    operation = sound_operation()
    empty = Household(reference="HH-2", intended_return_area="AREA-1", members=())
    report = _check(attrs.evolve(operation, households=(*operation.households, empty)))
    assert report.case("HH-2").verdict.rank <= Verdict.INSUFFICIENT_INFORMATION.rank


def test_the_provisional_verdict_is_bounded_by_the_cases_too() -> None:
    # Review hole 10: with the lead disputed and nobody's declaration on record, the report
    # said "facilitate_only once resolved", though nobody could move then either.
    operation = sound_operation()
    operation = evolve(operation, lead=evolve(operation.lead, lead_disputed=True))
    for index in range(3):
        operation = with_member(operation, 0, index, consent=())
    report = _check(operation)
    assert report.escalate
    assert report.provisional_verdict is not None
    people = [c for c in report.case_verdicts if c.scope is Scope.PERSON]
    resolved = [c.provisional or c.verdict for c in people]
    assert report.provisional_verdict.rank <= max(v.rank for v in resolved)
    assert report.provisional_verdict.rank <= Verdict.INSUFFICIENT_INFORMATION.rank
