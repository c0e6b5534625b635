"""PREM-015: no security forces in camps or settlements."""

from __future__ import annotations

from repatguard.model import PressureKind
from repatguard.testing.contracts import PressureRuleContract


class TestPrem015(PressureRuleContract):
    code = "PREM-015"
    kinds = (PressureKind.SECURITY_FORCES_IN_CAMPS,)
