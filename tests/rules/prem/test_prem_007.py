"""PREM-007: return incentives do not distort choice."""

from __future__ import annotations

from repatguard.model import PressureKind
from repatguard.rules.registry import builtin_registry
from repatguard.testing.contracts import PressureRuleContract


class TestPrem007(PressureRuleContract):
    code = "PREM-007"
    kinds = (PressureKind.INCENTIVE_CHANGE,)

    def test_incentives_are_a_facilitation_gate(self) -> None:
        assert builtin_registry().get(self.code).meta.facilitation_gate
