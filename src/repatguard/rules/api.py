"""Everything a rule module needs, in one import."""

from repatguard.facts.context import (
    AreaContext,
    HouseholdContext,
    OperationContext,
    PersonContext,
)
from repatguard.outcomes import Outcome, Scope, Severity
from repatguard.rules.ladder import NOT_RECORDED, ladder
from repatguard.rules.message import Message, Text, msg
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
    "NOT_RECORDED",
    "AreaContext",
    "Found",
    "HouseholdContext",
    "Message",
    "OperationContext",
    "Outcome",
    "PersonContext",
    "Problem",
    "Reference",
    "RuleStatus",
    "Scope",
    "Severity",
    "Text",
    "ladder",
    "msg",
    "rule",
]
