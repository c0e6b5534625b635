"""PREM-005: no camp closure, eviction or demolition."""

from __future__ import annotations

from repatguard.model import PressureKind
from repatguard.testing.contracts import PressureRuleContract


class TestPrem005(PressureRuleContract):
    code = "PREM-005"
    kinds = (PressureKind.CAMP_CLOSURE,)
