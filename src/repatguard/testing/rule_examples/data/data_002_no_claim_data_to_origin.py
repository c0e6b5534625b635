"""Worked examples of DATA-002 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from typing import Any

import attrs

from repatguard.model import Operation
from repatguard.rules.examples import Example, RuleExamples


def _transfer(operation: Operation, **changes: Any) -> Operation:
    """``operation`` with its first data transfer changed."""
    transfers = operation.data_transfers or ()
    first = attrs.evolve(transfers[0], **changes)
    return attrs.evolve(operation, data_transfers=(first, *transfers[1:]))


EXAMPLES = RuleExamples(
    passing=Example(
        description=(
            "Identity data goes to the origin authorities for readmission under the "
            "tripartite agreement, without claim content, disclosed and consented to."
        ),
        change=lambda op: op,
    ),
    failing=Example(
        description="The transfer to the origin authorities includes asylum-claim content.",
        change=lambda op: _transfer(op, includes_claim_content=True),
    ),
    missing=Example(
        description="Whether the transfer includes asylum-claim content is not recorded.",
        change=lambda op: _transfer(op, includes_claim_content=None),
    ),
)
