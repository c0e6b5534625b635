"""PREM-006: no detention, arrests or deportation threats against the population."""

from __future__ import annotations

from repatguard.model import Agency, PressureKind
from repatguard.outcomes import Severity
from repatguard.rules.registry import builtin_registry
from repatguard.testing.contracts import PressureRuleContract
from repatguard.testing.rules import run_rule


class TestPrem006(PressureRuleContract):
    code = "PREM-006"
    kinds = (
        PressureKind.DEPORTATION_THREAT,
        PressureKind.ONGOING_DEPORTATIONS,
        PressureKind.ARRESTS_OR_DETENTION,
        PressureKind.DETENTION_AS_ALTERNATIVE,
    )
    severity = Severity.BLOCKER

    def test_a_unhcr_lead_and_agreement_do_not_lift_the_finding(self) -> None:
        op = self.with_signal()
        assert op.lead.lead_agency is Agency.UNHCR
        assert op.agreements
        assert run_rule(self.code, op).only().severity is Severity.BLOCKER
        assert not builtin_registry().get(self.code).meta.waivable
