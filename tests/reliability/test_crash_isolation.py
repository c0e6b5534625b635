"""Crash isolation: a rule that raises, or returns something that is not checks, gives an
``error`` finding for the subject it crashed on, never a pass; the other subjects and rules
still run; the verdicts that finding bears on are no better than insufficient_information.

``KeyboardInterrupt`` (and other ``BaseException`` subclasses that ask the caller to stop,
such as task cancellation) propagate; ``SystemExit`` and ``GeneratorExit`` raised by a rule are
crashes like any other, so ``sys.exit(0)`` in a rule cannot end a check with a success exit
code.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs
import pytest

import repatguard
from repatguard.engine.check import to_instant
from repatguard.engine.evaluate import evaluate
from repatguard.facts.facts import build_facts
from repatguard.facts.parameters import Parameters
from repatguard.model import ConsentEvent, ConsentKind, Household, Operation, ReturnArea
from repatguard.outcomes import Outcome, Scope, Severity, Verdict
from repatguard.report import Report
from repatguard.report.finding import Finding
from repatguard.rules.api import (
    NOT_APPLICABLE,
    AreaContext,
    OperationContext,
    PersonContext,
    Problem,
    Reference,
)
from repatguard.rules.registry import Registry, Rule, RuleMeta, builtin_registry
from repatguard.testing.factories import (
    AS_OF,
    DEPARTURE,
    evolve,
    sound_assessment,
    sound_consent,
    sound_operation,
    with_member,
)


def _meta(code: str, scope: Scope, severity: Severity = Severity.MAJOR) -> RuleMeta:
    return RuleMeta(
        code=code,
        title="A third-party rule under test",
        scope=scope,
        severity=severity,
        rationale="Exists to show how the engine treats a rule that misbehaves.",
        references=(Reference(instrument="test", locator="n/a"),),
        remediation="Fix the rule.",
        checks="Misbehaves on purpose.",
    )


def _rule(code: str, scope: Scope, check: Callable[[Any], Iterable[Any]], **kw: Any) -> Rule[Any]:
    return Rule(meta=_meta(code, scope, **kw), check=check, source="a third-party pack")


def _check(op: Operation, *extra: Rule[Any]) -> Report:
    registry = Registry([*builtin_registry(), *extra])
    return repatguard.check(op, as_of=AS_OF, registry=registry, reveal_references=True)


def _tally(report: Report, code: str) -> tuple[int, int, int]:
    [tally] = [t for t in report.rule_tallies if t.code == code]
    return tally.passed, tally.error, tally.not_applicable


def test_the_sound_operation_promotes_so_any_change_below_is_the_crash() -> None:
    report = _check(sound_operation())
    assert report.verdict is Verdict.PROMOTE
    assert {c.verdict for c in report.case_verdicts} == {Verdict.PROMOTE}


# --- a person rule that crashes on one person only -------------------------------------------


def _crashes_on_p2(ctx: PersonContext) -> Iterator[Problem]:
    if ctx.person.reference == "P-2":
        raise LookupError("no such field in this rule's world")
    yield from ()  # fine: nothing found


def test_a_person_rule_crashing_on_one_person_affects_that_case_only() -> None:
    report = _check(sound_operation(), _rule("SPEC-990", Scope.PERSON, _crashes_on_p2))
    [error] = report.findings_for("SPEC-990")
    assert error.outcome is Outcome.ERROR
    assert error.code == "SPEC-990"
    assert "LookupError" in error.message
    assert error.evidence.observed == "LookupError"
    assert error.path == "$.households[0].members[1]"
    assert error.subject == "P-2"
    # The other two people were evaluated (and passed); the crash is not counted as a pass.
    assert _tally(report, "SPEC-990") == (2, 1, 0)
    assert report.case("P-2").verdict is Verdict.INSUFFICIENT_INFORMATION
    assert report.case("P-1").verdict is Verdict.PROMOTE
    # P-3 is a dependent child: it goes no further than the adults deciding for the household.
    assert report.case("P-3").verdict is Verdict.INSUFFICIENT_INFORMATION
    # A household is no better than its least permissive member.
    assert report.case("HH-1").verdict is Verdict.INSUFFICIENT_INFORMATION
    # Person findings do not stop the operation; they take the case off the manifest.
    assert report.verdict is Verdict.PROMOTE
    # Every other rule still ran on every subject.
    assert all(t.error == 0 for t in report.rule_tallies if t.code != "SPEC-990")
    assert report.summary.checks_passed == _check(sound_operation()).summary.checks_passed + 2


def test_a_crash_in_an_info_rule_still_rules_out_a_clearance() -> None:
    rule = _rule("SPEC-991", Scope.PERSON, _crashes_on_p2, severity=Severity.INFO)
    report = _check(sound_operation(), rule)
    assert report.case("P-2").verdict is Verdict.INSUFFICIENT_INFORMATION
    assert [f.severity for f in report.findings_for("SPEC-991")] == [Severity.INFO]


# --- an area rule that crashes ------------------------------------------------------------------


def _two_areas() -> Operation:
    op = sound_operation()
    second = Household(
        reference="HH-2",
        intended_return_area="AREA-2",
        planned_departure=DEPARTURE,
        members=(
            evolve(op.households[0].members[0], reference="P-4", consent=sound_consent("ASM-2")),
        ),
    )
    return evolve(
        op,
        return_areas=(*op.return_areas, ReturnArea(reference="AREA-2", name="Eastern plateau")),
        assessments=(*op.assessments, sound_assessment("AREA-2", "ASM-2")),
        population=evolve(op.population, refugees=4),
        households=(*op.households, second),
    )


def _crashes_on_area_2(ctx: AreaContext) -> Iterator[Problem]:
    if ctx.area.reference == "AREA-2":
        raise ZeroDivisionError
    yield from ()  # fine: nothing found


def test_an_area_rule_crashing_on_one_area_holds_that_area_only() -> None:
    baseline = _check(_two_areas())
    assert baseline.verdict is Verdict.PROMOTE
    assert {c.verdict for c in baseline.case_verdicts} == {Verdict.PROMOTE}
    report = _check(_two_areas(), _rule("COND-990", Scope.AREA, _crashes_on_area_2))
    [error] = report.findings_for("COND-990")
    assert (error.outcome, error.area, error.path) == (Outcome.ERROR, "AREA-2", "$.return_areas[1]")
    assert "ZeroDivisionError" in error.message
    assert _tally(report, "COND-990") == (1, 1, 0)
    assert report.area("AREA-1").verdict is Verdict.PROMOTE
    assert report.area("AREA-2").verdict is Verdict.INSUFFICIENT_INFORMATION
    # The headline is the least permissive area; cases bound for AREA-1 are unaffected.
    assert report.verdict is Verdict.INSUFFICIENT_INFORMATION
    assert report.case("P-1").verdict is Verdict.PROMOTE
    assert report.case("P-4").verdict is Verdict.INSUFFICIENT_INFORMATION


def test_an_operation_rule_crashing_holds_every_area_and_case() -> None:
    def crash(ctx: OperationContext) -> Iterator[Problem]:
        raise RuntimeError(ctx.facts.operation.reference)

    report = _check(_two_areas(), _rule("LEAD-990", Scope.OPERATION, crash))
    assert report.verdict is Verdict.INSUFFICIENT_INFORMATION
    assert {a.verdict for a in report.area_verdicts} == {Verdict.INSUFFICIENT_INFORMATION}
    assert {c.verdict for c in report.case_verdicts} == {Verdict.INSUFFICIENT_INFORMATION}


# --- exceptions that are not Exception -------------------------------------------------------


def _raising(exc: BaseException) -> Callable[[OperationContext], Iterator[Problem]]:
    def check(ctx: OperationContext) -> Iterator[Problem]:
        yield Problem.unknown("", "about to stop")
        raise exc

    return check


def test_keyboard_interrupt_in_a_rule_propagates() -> None:
    # The user asked to stop: no report comes out, so nothing can be read as a pass.
    rule = _rule("LEAD-991", Scope.OPERATION, _raising(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        _check(sound_operation(), rule)


def test_other_base_exceptions_that_ask_the_caller_to_stop_propagate() -> None:
    class Cancelled(BaseException):
        """Like asyncio.CancelledError or trio.Cancelled: a request to stop, not a crash."""

    rule = _rule("LEAD-992", Scope.OPERATION, _raising(Cancelled()))
    with pytest.raises(Cancelled):
        _check(sound_operation(), rule)


@pytest.mark.parametrize(
    ("exc", "name"),
    [(SystemExit(0), "SystemExit"), (GeneratorExit(), "GeneratorExit")],
)
def test_system_exit_and_generator_exit_in_a_rule_are_error_findings(
    exc: BaseException, name: str
) -> None:
    # sys.exit(0) inside a rule must not end a check (or the CLI) with a success code.
    report = _check(sound_operation(), _rule("LEAD-993", Scope.OPERATION, _raising(exc)))
    [error] = report.findings_for("LEAD-993")
    assert error.outcome is Outcome.ERROR
    assert error.evidence.observed == name
    assert _tally(report, "LEAD-993") == (0, 1, 0)  # the problem before the exit is not counted
    assert [f.outcome for f in report.findings_for("LEAD-993")] == [Outcome.ERROR]
    assert report.verdict is Verdict.INSUFFICIENT_INFORMATION


def test_sys_exit_called_by_a_rule_is_an_error_finding() -> None:
    def exits(ctx: OperationContext) -> Iterator[Problem]:
        yield from ()
        sys.exit(0)

    report = _check(sound_operation(), _rule("LEAD-994", Scope.OPERATION, exits))
    assert [f.outcome for f in report.findings_for("LEAD-994")] == [Outcome.ERROR]


# --- a rule that does not return checks ----------------------------------------------------------


def _returns(value: object) -> Callable[[OperationContext], Any]:
    def check(ctx: OperationContext) -> Any:
        return value

    return check


def _yields(*values: object) -> Callable[[OperationContext], Iterator[Any]]:
    def check(ctx: OperationContext) -> Iterator[Any]:
        yield from values

    return check


_PROBLEM = Problem.fail("", "a genuine failure")


@attrs.frozen
class _OldCheck:
    """What a rule written for 0.1 yielded: a result with an outcome, passes included."""

    outcome: Outcome = Outcome.PASS
    path: str = "$"
    message: str = "holds"


@pytest.mark.parametrize(
    "check",
    [
        pytest.param(_returns(None), id="returns None"),
        pytest.param(_returns(42), id="returns a number"),
        pytest.param(_returns(_PROBLEM), id="returns one Problem, not an iterable"),
        pytest.param(_yields("pass"), id="yields a string"),
        pytest.param(_yields({"outcome": "pass"}), id="yields a mapping"),
        pytest.param(_yields(_PROBLEM, None), id="yields a problem, then None"),
        pytest.param(_yields(Outcome.PASS), id="yields an outcome"),
        pytest.param(
            _yields(Problem(outcome="fail", message="m")),  # type: ignore[arg-type]
            id="yields a Problem whose outcome is a plain string",
        ),
        pytest.param(
            _yields(Problem(outcome=Outcome.PASS, message="m")), id="yields a pass as a Problem"
        ),
        pytest.param(
            _yields(Problem(outcome=Outcome.NOT_APPLICABLE, message="m")),
            id="yields not applicable as a Problem",
        ),
        pytest.param(_yields(_OldCheck()), id="yields a 0.1 Check (a pass)"),
        pytest.param(_yields(NOT_APPLICABLE, _PROBLEM), id="not applicable beside a problem"),
        pytest.param(_yields(_PROBLEM, NOT_APPLICABLE), id="a problem beside not applicable"),
        pytest.param(_yields(NOT_APPLICABLE, NOT_APPLICABLE), id="not applicable twice"),
        pytest.param(_returns(""), id="returns text"),
        pytest.param(_returns({}), id="returns a mapping"),
        pytest.param(
            _yields(Problem(outcome=Outcome.FAIL, message="m", path=5)),  # type: ignore[arg-type]
            id="a problem whose path is a number",
        ),
        pytest.param(
            _yields(Problem(outcome=Outcome.FAIL, message="m", path=".consent")),
            id="a problem whose path starts with a dot",
        ),
        pytest.param(
            _yields(Problem(outcome=Outcome.FAIL, message="m", severity="blocker")),  # type: ignore[arg-type]
            id="a problem whose severity is text",
        ),
        pytest.param(
            _yields(Problem(outcome=Outcome.FAIL, message="m", escalate=1)),  # type: ignore[arg-type]
            id="a problem whose escalate is a number",
        ),
        pytest.param(
            _yields(Problem(outcome=Outcome.FAIL, message=7)),  # type: ignore[arg-type]
            id="a problem whose message is a number",
        ),
    ],
)
def test_a_rule_that_does_not_produce_checks_is_an_error_finding(
    check: Callable[[OperationContext], Any],
) -> None:
    report = _check(sound_operation(), _rule("LEAD-995", Scope.OPERATION, check))
    [error] = report.findings_for("LEAD-995")
    assert error.outcome is Outcome.ERROR
    assert error.evidence.observed == "TypeError"
    assert _tally(report, "LEAD-995") == (0, 1, 0)
    assert report.verdict is Verdict.INSUFFICIENT_INFORMATION


def test_a_rule_yielding_nothing_passes_and_not_applicable_alone_does_not_apply() -> None:
    # The counterparts: nothing found is a pass, NOT_APPLICABLE alone a legitimate "does not
    # apply"; neither is an error.
    report = _check(sound_operation(), _rule("LEAD-996", Scope.OPERATION, _yields()))
    assert report.findings_for("LEAD-996") == ()
    assert _tally(report, "LEAD-996") == (1, 0, 0)
    assert report.verdict is Verdict.PROMOTE
    report = _check(sound_operation(), _rule("LEAD-997", Scope.OPERATION, _yields(NOT_APPLICABLE)))
    assert report.findings_for("LEAD-997") == ()
    assert _tally(report, "LEAD-997") == (0, 0, 1)
    assert report.verdict is Verdict.PROMOTE


def _findings_of(op: Operation) -> tuple[Finding, ...]:
    """The findings of every rule on ``op`` without the input check (odd data built in Python
    that ``repatguard.check`` would refuse reaches the rules only this way)."""
    facts = build_facts(op, to_instant(AS_OF), Parameters())
    return evaluate(builtin_registry(), facts).findings


def test_a_fact_that_cannot_be_derived_is_an_error_of_the_rules_that_read_it_only() -> None:
    """A person's row of the fact table is derived once, before the rules run. Odd data (a
    consent event at a naive datetime, which only Python code can build) breaks the facts
    that read it: the rules that read those report an error, never a pass, and the rules that
    do not still report what they find. Found by a review: a whole row failing turned a
    blocker of CHILD-001 (which never reads consent events) into an error."""
    op = sound_operation()
    child = op.households[0].members[2]
    naive = ConsentEvent(
        kind=ConsentKind.DECLARATION,
        at=dt.datetime(2026, 5, 1, 10, 0),  # type: ignore[arg-type]  # noqa: DTZ001 - on purpose
    )
    op = with_member(
        op,
        0,
        2,
        unaccompanied_or_separated=True,
        best_interests_determination=None,
        consent=(*child.consent, naive),
    )
    findings = [f for f in _findings_of(op) if f.subject == "P-3"]
    errors = {f.code for f in findings if f.outcome is Outcome.ERROR}
    assert {"VOL-001", "VOL-003", "VOL-004"} <= errors  # they read the consent events
    [child_001] = [f for f in findings if f.code == "CHILD-001"]
    assert (child_001.outcome, child_001.severity) == (Outcome.FAIL, Severity.BLOCKER)


def test_an_age_that_cannot_be_derived_is_an_error_of_each_rule_that_reads_it() -> None:
    odd = with_member(sound_operation(), 0, 1, date_of_birth="1990-01-01")
    errors = {(f.subject, f.code) for f in _findings_of(odd) if f.outcome is Outcome.ERROR}
    assert {("P-2", "VOL-003"), ("P-2", "VOL-004"), ("P-2", "CHILD-001")} <= errors


def test_a_household_whose_members_cannot_be_grouped_does_not_stop_the_check() -> None:
    # An unhashable relationship (odd data built in Python): the household's Kin cannot be
    # made. The rules that need it report errors for that household; the check goes on.
    odd = with_member(sound_operation(), 0, 2, relationship_to_head=["child"])
    findings = _findings_of(odd)
    errors = {f.code for f in findings if f.outcome is Outcome.ERROR}
    assert "CHILD-004" in errors  # the household rule
    assert "CHILD-001" in errors  # reads parental care, which needs the household's Kin
    # Person and household errors stay with the household; an operation rule that counts
    # everyone (PREM-014) cannot count it either, and says so as an error, never a pass.
    assert {
        f.household for f in findings if f.outcome is Outcome.ERROR and f.household is not None
    } == {"HH-1"}
