"""PREM-010: asylum access is not closed while return is pushed."""

from __future__ import annotations

from repatguard.model import PressureKind
from repatguard.testing.contracts import PressureRuleContract


class TestPrem010(PressureRuleContract):
    code = "PREM-010"
    kinds = (PressureKind.ASYLUM_ACCESS_CLOSED,)
