"""PREM-008: no new restrictions on registration, work or movement."""

from __future__ import annotations

from repatguard.model import PressureKind
from repatguard.testing.contracts import PressureRuleContract


class TestPrem008(PressureRuleContract):
    code = "PREM-008"
    kinds = (
        PressureKind.MOVEMENT_OR_WORK_RESTRICTION,
        PressureKind.REGISTRATION_SUSPENDED,
    )
