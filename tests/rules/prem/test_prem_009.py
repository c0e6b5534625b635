"""PREM-009: no deception or misinformation about return."""

from __future__ import annotations

from repatguard.model import PressureKind
from repatguard.testing.contracts import PressureRuleContract


class TestPrem009(PressureRuleContract):
    code = "PREM-009"
    kinds = (PressureKind.DECEPTION_OR_MISINFORMATION,)
