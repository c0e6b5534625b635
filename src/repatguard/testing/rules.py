"""Run one rule in isolation, for rule tests."""

from __future__ import annotations

import datetime as dt

import attrs

from repatguard.engine.check import to_instant
from repatguard.engine.evaluate import evaluate
from repatguard.facts.facts import build_facts
from repatguard.facts.parameters import Parameters
from repatguard.model import Operation
from repatguard.outcomes import Outcome
from repatguard.report.finding import Finding, RuleTally
from repatguard.rules.registry import builtin_registry
from repatguard.testing.factories import AS_OF

__all__ = ["RuleRun", "run_rule"]


@attrs.frozen(kw_only=True)
class RuleRun:
    """What one rule produced on one operation."""

    findings: tuple[Finding, ...]
    tally: RuleTally

    @property
    def outcomes(self) -> set[Outcome]:
        """The outcomes the rule produced (passes and not-applicables included)."""
        found: set[Outcome] = set()
        if self.tally.passed:
            found.add(Outcome.PASS)
        if self.tally.failed:
            found.add(Outcome.FAIL)
        if self.tally.insufficient_information:
            found.add(Outcome.INSUFFICIENT_INFORMATION)
        if self.tally.not_applicable:
            found.add(Outcome.NOT_APPLICABLE)
        if self.tally.error:
            found.add(Outcome.ERROR)
        return found

    @property
    def clean(self) -> bool:
        """Passed at least once and produced no finding."""
        return not self.findings and Outcome.PASS in self.outcomes

    def only(self) -> Finding:
        """The single finding (fails the test helper when there is not exactly one)."""
        if len(self.findings) != 1:
            raise AssertionError(f"expected exactly one finding, got {len(self.findings)}")
        return self.findings[0]


def run_rule(
    code: str,
    operation: Operation,
    *,
    as_of: dt.date | dt.datetime = AS_OF,
    parameters: Parameters | None = None,
) -> RuleRun:
    registry = builtin_registry().select([code])
    if len(registry) != 1:
        raise KeyError(f"no rule {code}")
    facts = build_facts(operation, to_instant(as_of), parameters or Parameters())
    evaluation = evaluate(registry, facts)
    return RuleRun(findings=evaluation.findings, tally=evaluation.tallies[0])
