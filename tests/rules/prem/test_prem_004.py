"""PREM-004: no cut in aid or essential services."""

from __future__ import annotations

from repatguard.model import PressureKind
from repatguard.testing.contracts import PressureRuleContract


class TestPrem004(PressureRuleContract):
    code = "PREM-004"
    kinds = (PressureKind.AID_CUT,)
