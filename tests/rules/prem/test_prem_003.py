"""PREM-003: no host-state deadline, quota or return target."""

from __future__ import annotations

from repatguard.model import PressureKind
from repatguard.testing.contracts import PressureRuleContract


class TestPrem003(PressureRuleContract):
    code = "PREM-003"
    kinds = (
        PressureKind.DEADLINE,
        PressureKind.QUOTA_OR_TARGET,
    )
