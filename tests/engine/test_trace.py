"""The decision trace (issue 14): each verdict step by step, exactly as the engine took it.

The trace is checked against the report it belongs to, never against a second derivation:
every scope's trace gives the verdict the report gives that scope, through the step it names.
"""

from __future__ import annotations

import json

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import repatguard
from repatguard.examples import example, examples
from repatguard.facts.parameters import Parameters
from repatguard.model import Operation
from repatguard.model.vocab import CoercionIndicator
from repatguard.outcomes import Scope, Verdict
from repatguard.policy import Policy
from repatguard.render.html import to_html
from repatguard.render.json import to_json
from repatguard.render.markdown import to_markdown
from repatguard.render.text import to_text
from repatguard.report import Report
from repatguard.report.trace import ParameterSource, ScopeTrace, Step
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_member
from repatguard.testing.strategies import operations

KEY = "trace-test-key"

DECIDED_BY = {
    # example: (the step that decided every area, what the operation's areas step gives)
    "organised-promotion": Step.PROMOTION_GATE,
    "advisory-facilitation": Step.FACILITATION_GATE,
    "coerced-return-blocked": Step.HARD_STOP,
    "unreviewed-insufficient": Step.FACILITATION_GATE,
    "spontaneous-escalation": Step.ESCALATION,
}
"""The step of docs/verdicts.md that decides the area verdicts of each bundled example."""


def _traced(operation: Operation, as_of: object = AS_OF, **options: object) -> Report:
    return repatguard.check(
        operation,
        as_of=as_of,  # type: ignore[arg-type]
        reference_key=KEY,
        trace=True,
        next_review=False,
        **options,  # type: ignore[arg-type]
    )


def _verdict_of(report: Report, scope: ScopeTrace) -> tuple[Verdict, Verdict | None]:
    """The verdict (and provisional verdict) the report gives ``scope``, from the report."""
    if scope.scope is Scope.OPERATION:
        return report.verdict, report.provisional_verdict
    if scope.scope is Scope.AREA:
        return report.area(scope.subject).verdict, scope.provisional
    matching = [
        c
        for c in report.case_verdicts
        if c.scope is scope.scope and c.subject == scope.subject and c.household == scope.household
    ]
    assert len(matching) == 1
    return matching[0].verdict, matching[0].provisional


def assert_consistent(report: Report) -> None:
    """Every scope of the report is traced once, to the verdict the report gives it."""
    trace = report.trace
    assert trace is not None
    scopes = [(s.scope, s.subject, s.household) for s in trace.scopes]
    expected: list[tuple[Scope, str, str | None]] = [(Scope.OPERATION, report.operation, None)]
    expected += [(Scope.AREA, a.area, None) for a in report.area_verdicts]
    expected += [(c.scope, c.subject, c.household) for c in report.case_verdicts]
    assert scopes == expected
    for scope in trace.scopes:
        verdict, provisional = _verdict_of(report, scope)
        assert scope.verdict is verdict, scope
        assert scope.provisional == provisional, scope
        given_verdicts = [s.verdict for s in scope.steps if s.verdict is not None]
        # No step is less permissive than the verdict, and the deciding step gives it: the
        # trace never shows a kinder step than the verdict as the one that decided.
        assert Verdict.worst(given_verdicts) is verdict
        decided = next(s for s in scope.steps if s.step is scope.decided_by)
        assert decided.verdict is verdict
        assert all(s.verdict is not verdict for s in scope.steps[: scope.steps.index(decided)])


@pytest.mark.parametrize("name", sorted(DECIDED_BY))
def test_the_trace_of_each_example_names_the_step_that_decided(name: str) -> None:
    chosen = example(name)
    report = _traced(chosen.load(), chosen.as_of)
    assert report.verdict.value == chosen.expected_verdict
    assert_consistent(report)
    assert report.trace is not None
    operation = report.trace.scopes[0]
    assert operation.scope is Scope.OPERATION
    assert operation.decided_by is Step.AREAS
    areas = [s for s in report.trace.scopes if s.scope is Scope.AREA]
    assert areas
    assert {s.decided_by for s in areas} == {DECIDED_BY[name]}


def test_every_bundled_example_is_covered() -> None:
    assert {item.name for item in examples()} == set(DECIDED_BY)


def test_the_deciding_findings_are_named_by_code_subject_and_path() -> None:
    chosen = example("coerced-return-blocked")
    report = _traced(chosen.load(), chosen.as_of)
    assert report.trace is not None
    area = report.trace.scopes[1]
    hard_stop = area.steps[0]
    assert hard_stop.step is Step.HARD_STOP
    assert hard_stop.verdict is Verdict.BLOCKED
    found = {(f.code, f.subject, f.path) for f in hard_stop.findings}
    blockers = {
        (f.code, f.subject, f.path)
        for f in report.findings
        if f.severity.value == "blocker" and f.outcome.value == "fail"
    }
    assert found == blockers
    assert {code for code, _, _ in found} >= {"PREM-004", "PREM-006"}
    # The fact each finding read, as the rule observed it, with its date.
    observed = {f.code: f.observed for f in hard_stop.findings}
    assert observed["PREM-006"] is not None
    assert "since 20" in observed["PREM-006"]
    # The steps after a hard stop are not taken.
    assert [s.step for s in area.steps] == [Step.HARD_STOP, Step.ESCALATION]


def test_the_escalation_step_and_its_provisional_result() -> None:
    chosen = example("spontaneous-escalation")
    report = _traced(chosen.load(), chosen.as_of)
    assert report.trace is not None
    area = report.trace.of("AREA-W")
    assert area.escalate
    assert area.provisional is Verdict.FACILITATE_ONLY
    steps = {s.step: s for s in area.steps}
    assert steps[Step.ESCALATION].verdict is Verdict.BLOCKED
    assert [f.code for f in steps[Step.ESCALATION].findings] == ["PREM-011"]
    assert steps[Step.FACILITATION_GATE].verdict is Verdict.FACILITATE_ONLY


def test_a_case_held_by_its_own_major_is_decided_by_the_hold() -> None:
    # A person not fit to travel without a care plan (SPEC-001, major) is held though the
    # area promotes.
    operation = with_member(
        sound_operation(), 0, 0, specific_needs=("mobility",), fit_to_travel=False, care_plan=False
    )
    report = _traced(operation, reveal_references=True)
    assert_consistent(report)
    assert report.trace is not None
    person = report.case_verdicts[0]
    traced = next(
        s for s in report.trace.scopes if s.scope is Scope.PERSON and s.subject == person.subject
    )
    assert traced.verdict is Verdict.BLOCKED
    assert traced.decided_by is Step.CASE_HOLD
    hold = traced.steps[-1]
    assert hold.step is Step.CASE_HOLD
    assert {f.code for f in hold.findings} == {"SPEC-001"}


def test_a_dependent_child_is_bound_by_those_deciding() -> None:
    chosen = example("organised-promotion")
    operation = with_member(
        chosen.load(), 0, 0, coercion_indicators=(CoercionIndicator.THREATS_OR_PRESSURE,)
    )
    report = _traced(operation, chosen.as_of, reveal_references=True)
    assert_consistent(report)
    assert report.trace is not None
    bound = [
        s
        for s in report.trace.scopes
        if any(step.step is Step.DECIDING_MEMBERS for step in s.steps)
    ]
    assert bound  # the example's households have children
    for scope in bound:
        step = next(s for s in scope.steps if s.step is Step.DECIDING_MEMBERS)
        assert step.cases
        assert step.verdict is Verdict.worst([c.verdict for c in step.cases])


def test_a_household_with_nobody_listed() -> None:
    operation = sound_operation()
    households = (evolve(operation.households[0], members=()), *operation.households[1:])
    report = _traced(evolve(operation, households=households), reveal_references=True)
    assert_consistent(report)
    assert report.trace is not None
    household = report.trace.of(operation.households[0].reference)
    assert household.steps[-1].step is Step.NO_MEMBERS
    assert household.verdict is Verdict.INSUFFICIENT_INFORMATION


def test_no_trace_unless_asked_and_the_same_report_otherwise() -> None:
    chosen = example("unreviewed-insufficient")
    plain = repatguard.check(chosen.load(), as_of=chosen.as_of, reference_key=KEY)
    traced = repatguard.check(chosen.load(), as_of=chosen.as_of, reference_key=KEY, trace=True)
    assert plain.trace is None
    assert json.loads(to_json(plain))["trace"] is None
    assert traced.trace is not None
    assert attrs.evolve(traced, trace=None) == plain
    assert "Decision trace" not in to_text(plain) + to_markdown(plain) + to_html(plain)


def test_the_trace_is_byte_stable() -> None:
    chosen = example("spontaneous-escalation")
    renderings = [
        (to_json(r), to_text(r), to_markdown(r), to_html(r))
        for r in (_traced(chosen.load(), chosen.as_of) for _ in range(2))
    ]
    assert renderings[0] == renderings[1]


def test_references_are_pseudonymous_and_no_personal_data_is_shown() -> None:
    operation = with_member(
        sound_operation(),
        0,
        0,
        name="Amina Canarytrace",
        document_number="DOC-CANARY-4711",
        phone_number="+000 CANARY 99",
        notes="canary notes",
        specific_needs=("mobility",),
        fit_to_travel=False,
        care_plan=False,
    )
    report = _traced(operation)
    assert report.trace is not None
    shown = to_json(report) + to_text(report) + to_markdown(report) + to_html(report)
    for value in ("Canarytrace", "DOC-CANARY-4711", "CANARY 99", "canary notes"):
        assert value not in shown
    people = {p.reference for h in operation.households for p in h.members}
    people |= {h.reference for h in operation.households}
    trace_json = json.dumps(json.loads(to_json(report))["trace"])
    for reference in people:
        assert f'"{reference}"' not in trace_json
    cases = [s for s in report.trace.scopes if s.scope in (Scope.PERSON, Scope.HOUSEHOLD)]
    assert cases
    assert all(s.subject.startswith("ref-") for s in cases)


def test_parameters_with_their_provenance_in_python() -> None:
    chosen = example("advisory-facilitation")
    policy = Policy(parameters=Parameters(assessment_max_age="P170D"))
    report = _traced(chosen.load(), chosen.as_of, policy=policy)
    assert report.trace is not None
    by_name = {p.name: p for p in report.trace.parameters}
    assert by_name["assessment_max_age"].source is ParameterSource.POLICY
    assert by_name["assessment_max_age"].value == "P170D"
    assert by_name["positions_consulted_max_age"].source is ParameterSource.DEFAULT
    assert "COND-002" in by_name["assessment_max_age"].rules
    assert list(by_name) == sorted(by_name)


def test_every_format_shows_the_trace() -> None:
    chosen = example("coerced-return-blocked")
    report = _traced(chosen.load(), chosen.as_of)
    text = to_text(report)
    assert "Decision trace:" in text
    assert "area AREA-N: BLOCKED (decided by: hard stop)" in text
    assert "pressure signal" in text  # the field in words, not its JSON path
    markdown = to_markdown(report)
    assert "## Decision trace" in markdown
    page = to_html(report)
    assert 'data-section="trace"' in page
    assert "<details open>" in page
    assert page.count("<details>") == len(report.trace.scopes) - 1  # type: ignore[union-attr]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(operation=operations(max_households=3))
def test_every_generated_trace_gives_the_verdicts_of_its_report(operation: Operation) -> None:
    traced = _traced(operation, reveal_references=True)
    assert_consistent(traced)
    plain = repatguard.check(
        operation, as_of=AS_OF, reveal_references=True, next_review=False, reference_key=KEY
    )
    assert attrs.evolve(traced, trace=None) == plain


def test_less_data_never_gives_a_kinder_deciding_step() -> None:
    # The sound operation with its pressure review left out: pressure is unknown, not absent.
    sound = sound_operation()
    before = _traced(sound, reveal_references=True)
    after = _traced(evolve(sound, pressure_review=None), reveal_references=True)
    assert before.trace is not None
    assert after.trace is not None
    assert_consistent(after)
    for old, new in zip(before.trace.scopes, after.trace.scopes, strict=True):
        assert new.verdict.rank <= old.verdict.rank
    area = after.trace.scopes[1]
    assert area.verdict is Verdict.INSUFFICIENT_INFORMATION
    assert area.decided_by is Step.FACILITATION_GATE
