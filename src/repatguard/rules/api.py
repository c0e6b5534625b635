"""Everything a rule module needs, in one import."""

from repatguard.facts.context import (
    AreaContext,
    HouseholdContext,
    OperationContext,
    PersonContext,
)
from repatguard.outcomes import Outcome, Scope, Severity
from repatguard.rules.registry import (
    NOT_APPLICABLE,
    Check,
    Problem,
    Reference,
    RuleStatus,
    legacy_rule,
    rule,
)

__all__ = [
    "NOT_APPLICABLE",
    "AreaContext",
    "Check",
    "HouseholdContext",
    "OperationContext",
    "Outcome",
    "PersonContext",
    "Problem",
    "Reference",
    "RuleStatus",
    "Scope",
    "Severity",
    "legacy_rule",
    "rule",
]
