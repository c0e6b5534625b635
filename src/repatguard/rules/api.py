"""Everything a rule module needs, in one import."""

from repatguard.facts.context import (
    AreaContext,
    HouseholdContext,
    OperationContext,
    PersonContext,
)
from repatguard.outcomes import Outcome, Scope, Severity
from repatguard.rules.registry import Check, Reference, RuleStatus, rule

__all__ = [
    "AreaContext",
    "Check",
    "HouseholdContext",
    "OperationContext",
    "Outcome",
    "PersonContext",
    "Reference",
    "RuleStatus",
    "Scope",
    "Severity",
    "rule",
]
