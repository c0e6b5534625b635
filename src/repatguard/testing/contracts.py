"""Shared test contracts: behaviour every rule of a kind must show, written once.

Subclass a contract in a rule's test module and set its class attributes; pytest collects the
inherited tests (the subclass name must start with ``Test``). Rule-pack authors can use them
for rules built on the same shared logic.
"""

from __future__ import annotations

from typing import Any, ClassVar

from repatguard.model import Operation, PressureKind, PressureSignal
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, evolve, sound_operation
from repatguard.testing.rules import run_rule

__all__ = ["PressureRuleContract"]


class PressureRuleContract:
    """A rule that reports coded host-side pressure signals (see ``rules/prem/_pressure.py``).

    ``kinds`` are the signal kinds the rule reports; ``severity`` the weight of an active
    signal that is not tied to refusing return; ``unrelated`` a kind another rule reports.
    """

    code: ClassVar[str]
    kinds: ClassVar[tuple[PressureKind, ...]]
    severity: ClassVar[Severity] = Severity.MAJOR
    unrelated: ClassVar[PressureKind] = PressureKind.STATUS_REVOCATION

    def with_signal(self, **changes: Any) -> Operation:
        signal = PressureSignal(
            kind=self.kinds[0],
            started_on=AS_OF.subtract(days=40),
            tied_to_refusing_return=False,
        )
        return evolve(sound_operation(), pressure_signals=(evolve(signal, **changes),))

    def test_passes_when_a_current_review_found_no_such_measure(self) -> None:
        assert run_rule(self.code, sound_operation()).clean

    def test_each_active_measure_of_its_kinds_fails_at_its_weight(self) -> None:
        for kind in self.kinds:
            finding = run_rule(self.code, self.with_signal(kind=kind)).only()
            assert finding.outcome is Outcome.FAIL
            assert finding.severity is self.severity
            assert finding.path == "$.pressure_signals[0]"

    def test_other_kinds_of_pressure_belong_to_other_rules(self) -> None:
        assert run_rule(self.code, self.with_signal(kind=self.unrelated)).clean

    def test_a_measure_tied_to_refusing_return_is_a_blocker(self) -> None:
        run = run_rule(self.code, self.with_signal(tied_to_refusing_return=True))
        assert run.only().severity is Severity.BLOCKER

    def test_an_unknown_tie_to_refusing_return_is_not_a_pass(self) -> None:
        run = run_rule(self.code, self.with_signal(tied_to_refusing_return=None))
        found = sorted((f.outcome, f.severity) for f in run.findings)
        if self.severity is Severity.BLOCKER:
            assert found == [(Outcome.FAIL, Severity.BLOCKER)]
        else:
            assert found == [
                (Outcome.FAIL, self.severity),
                (Outcome.INSUFFICIENT_INFORMATION, Severity.BLOCKER),
            ]

    def test_a_measure_that_ended_before_the_lookback_no_longer_counts(self) -> None:
        old = self.with_signal(
            started_on=AS_OF.subtract(days=400), ended_on=AS_OF.subtract(days=181)
        )
        assert run_rule(self.code, old).clean
        recent = self.with_signal(
            started_on=AS_OF.subtract(days=400), ended_on=AS_OF.subtract(days=10)
        )
        assert run_rule(self.code, recent).only().outcome is Outcome.FAIL

    def test_a_measure_starting_after_as_of_is_not_yet_pressure(self) -> None:
        assert run_rule(self.code, self.with_signal(started_on=AS_OF.add(days=1))).clean

    def test_no_review_on_record_is_insufficient_information_not_a_pass(self) -> None:
        finding = run_rule(self.code, evolve(sound_operation(), pressure_review=None)).only()
        assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
        assert finding.path == "$.pressure_review"

    def test_a_stale_review_is_insufficient_information(self) -> None:
        op = sound_operation()
        assert op.pressure_review is not None
        stale = evolve(op.pressure_review, reviewed_on=AS_OF.subtract(days=91))
        run = run_rule(self.code, evolve(op, pressure_review=stale))
        assert run.only().outcome is Outcome.INSUFFICIENT_INFORMATION

    def test_a_review_dated_after_as_of_is_not_yet_a_review(self) -> None:
        op = sound_operation()
        assert op.pressure_review is not None
        future = evolve(op.pressure_review, reviewed_on=AS_OF.add(days=1))
        run = run_rule(self.code, evolve(op, pressure_review=future))
        assert run.only().outcome is Outcome.INSUFFICIENT_INFORMATION
