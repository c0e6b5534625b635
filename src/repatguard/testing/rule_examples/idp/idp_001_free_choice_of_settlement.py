"""Worked examples of IDP-001 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from typing import Any

from repatguard.model import LegalCategory, Operation, SettlementOption
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_member


def _idp(operation: Operation, **changes: Any) -> Operation:
    """``operation`` with its head of household an IDP offered every option, choosing return."""
    facts: dict[str, Any] = {
        "legal_category": LegalCategory.IDP,
        "settlement_options_offered": tuple(SettlementOption),
        "settlement_option_chosen": SettlementOption.RETURN,
    }
    facts.update(changes)
    return with_member(operation, 0, 0, **facts)


EXAMPLES = RuleExamples(
    passing=Example(
        description=(
            "The head of household (P-1) is internally displaced, was offered all three "
            "options and chose return."
        ),
        change=_idp,
    ),
    failing=Example(
        description="P-1 is internally displaced and was offered return only.",
        change=lambda op: _idp(op, settlement_options_offered=(SettlementOption.RETURN,)),
    ),
    missing=Example(
        description="P-1 is internally displaced and no options offered are on record.",
        change=lambda op: _idp(op, settlement_options_offered=()),
    ),
)
