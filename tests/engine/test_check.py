"""check(): time is explicit, crashes are findings, and a narrowed catalogue cannot clear."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import attrs
import pytest

import repatguard
from repatguard.engine.settle import ESCALATING_RULES, REQUIRED_RULES
from repatguard.outcomes import Outcome, Scope, Severity, Verdict
from repatguard.render import to_json
from repatguard.rules.api import OperationContext, Problem, Reference, rule
from repatguard.rules.registry import Registry, builtin_registry
from repatguard.testing.factories import AS_OF, sound_operation


@rule(
    code="PREM-999",
    title="Deliberately broken",
    scope=Scope.OPERATION,
    severity=Severity.MINOR,
    rationale="Exists to prove that a crash is never read as a pass.",
    references=(Reference(instrument="test", locator="n/a"),),
    remediation="None.",
)
def _broken(ctx: OperationContext) -> Iterator[Problem]:
    yield Problem.unknown("", "about to divide")
    yield Problem.unknown("", str(1 // len(ctx.facts.operation.reference[:0])))


def test_a_rule_that_raises_yields_an_error_finding_and_other_rules_still_run() -> None:
    registry = Registry([*builtin_registry(), _broken])
    report = repatguard.check(sound_operation(), as_of=AS_OF, registry=registry)
    [error] = report.findings_for("PREM-999")
    assert error.outcome is Outcome.ERROR
    assert "ZeroDivisionError" in error.message
    assert report.verdict is Verdict.INSUFFICIENT_INFORMATION
    assert sum(t.passed for t in report.rule_tallies) > 0


def test_a_catalogue_without_the_required_rules_cannot_clear() -> None:
    registry = builtin_registry().select(["VOL-001"])
    report = repatguard.check(sound_operation(), as_of=AS_OF, registry=registry)
    assert report.verdict is Verdict.INSUFFICIENT_INFORMATION
    missing = {f.code for f in report.findings if f.outcome is Outcome.INSUFFICIENT_INFORMATION}
    # The required rules, every built-in rule no policy may silence and every escalating rule.
    non_waivable = {r.code for r in builtin_registry() if not r.meta.waivable}
    expected = {*REQUIRED_RULES, *non_waivable, *ESCALATING_RULES} - {"VOL-001"}
    assert missing == expected
    assert {"DATA-002", "CHILD-001", "MIX-005", "LEAD-007", "PREM-011"} <= missing
    assert report.escalate  # LEAD-001, LEAD-007 and PREM-011 unchecked may hide an escalation


def test_a_waiver_never_settles_a_safeguard_left_unchecked() -> None:
    # Review hole 1: a waiver on the operation matched the "not checked" finding of an ignored
    # rule and so stood in for every subject of that rule.
    from repatguard.model import Waiver
    from repatguard.policy import Policy
    from repatguard.testing.factories import with_member

    op = with_member(sound_operation(), 0, 0, trafficking_survivor=True)
    waiver = Waiver(
        code="SPEC-002",
        subject=op.reference,
        justification="Re-trafficking risk assessments are scheduled for next week.",
        approved_by="Representative",
        granted_on=AS_OF.subtract(days=5),
        expires_on=AS_OF.add(days=30),
        decision_record="MEMO-1",
    )
    op = attrs.evolve(op, waivers=(waiver,))
    held = repatguard.check(op, as_of=AS_OF, reveal_references=True)
    assert held.case("P-1").verdict.rank <= Verdict.INSUFFICIENT_INFORMATION.rank
    ignored = repatguard.check(
        op, as_of=AS_OF, reveal_references=True, policy=Policy(ignore=("SPEC-002",))
    )
    [unchecked] = ignored.findings_for("SPEC-002")
    assert unchecked.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert unchecked.waiver is None
    assert ignored.verdict.rank <= Verdict.INSUFFICIENT_INFORMATION.rank


def test_an_override_never_reweighs_a_safeguard_left_unchecked() -> None:
    # Review hole 2: ignore PREM-004 and set it to its own default: the unknown stayed major.
    from repatguard.policy import Policy

    policy = Policy(ignore=("PREM-004",), severity={"PREM-004": "major"})
    report = repatguard.check(sound_operation(), as_of=AS_OF, policy=policy)
    [unchecked] = report.findings_for("PREM-004")
    assert unchecked.severity is Severity.BLOCKER
    assert report.verdict is Verdict.INSUFFICIENT_INFORMATION


def test_as_of_must_be_a_date_or_an_aware_datetime() -> None:
    with pytest.raises(ValueError, match="UTC offset"):
        repatguard.check(sound_operation(), as_of=dt.datetime(2026, 6, 1, 12))  # noqa: DTZ001
    with pytest.raises(TypeError):
        repatguard.check(sound_operation(), as_of="2026-06-01")  # type: ignore[arg-type]
    aware = dt.datetime(2026, 6, 1, 12, tzinfo=dt.timezone(dt.timedelta(hours=3)))
    assert repatguard.check(sound_operation(), as_of=aware).as_of == "2026-06-01T12:00:00+03:00"


def test_same_input_gives_the_same_bytes() -> None:
    first = to_json(repatguard.check(sound_operation(), as_of=AS_OF))
    second = to_json(repatguard.check(sound_operation(), as_of=AS_OF))
    assert first == second


def test_the_report_has_the_same_shape_when_there_is_nothing_to_report() -> None:
    report = repatguard.check(sound_operation(), as_of=AS_OF)
    empty = repatguard.check(
        repatguard.load(
            {
                "reference": "EMPTY",
                "host_country": "ZMB",
                "origin_country": "AGO",
                "movement_kind": "organised",
            }
        ),
        as_of=AS_OF,
    )
    from repatguard.render import report_to_dict

    assert report_to_dict(report).keys() == report_to_dict(empty).keys()


def test_a_member_who_stays_behind_is_not_on_the_manifest() -> None:
    from repatguard.testing.factories import with_member

    op = with_member(sound_operation(), 0, 1, stays_behind=True, consent=())
    report = repatguard.check(op, as_of=AS_OF, reveal_references=True)
    assert "P-1" in {c.subject for c in report.case_verdicts}
    assert "P-2" not in {c.subject for c in report.case_verdicts}
    assert not [f for f in report.findings if f.subject == "P-2"]
    # Household rules still see the member: an adult staying behind by their own choice.
    assert report.verdict is Verdict.PROMOTE
