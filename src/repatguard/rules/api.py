"""Everything a rule module needs, in one import."""

from repatguard.facts.context import (
    AreaContext,
    HouseholdContext,
    OperationContext,
    PersonContext,
)
from repatguard.outcomes import Outcome, Scope, Severity
from repatguard.rules.ladder import ladder
from repatguard.rules.registry import (
    NOT_APPLICABLE,
    Found,
    Problem,
    Reference,
    RuleStatus,
    rule,
)

__all__ = [
    "NOT_APPLICABLE",
    "AreaContext",
    "Found",
    "HouseholdContext",
    "OperationContext",
    "Outcome",
    "PersonContext",
    "Problem",
    "Reference",
    "RuleStatus",
    "Scope",
    "Severity",
    "ladder",
    "rule",
]
