"""Worked examples of DATA-009 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum

from repatguard.model import Operation
from repatguard.rules.examples import Example, RuleExamples


def _agreement(operation: Operation, **changes: Any) -> Operation:
    """``operation`` with its first data-sharing agreement changed."""
    agreements = operation.data_sharing_agreements or ()
    first = attrs.evolve(agreements[0], **changes)
    return attrs.evolve(operation, data_sharing_agreements=(first, *agreements[1:]))


def _transfer(operation: Operation, **changes: Any) -> Operation:
    """``operation`` with its first data transfer changed."""
    transfers = operation.data_transfers or ()
    first = attrs.evolve(transfers[0], **changes)
    return attrs.evolve(operation, data_transfers=(first, *transfers[1:]))


EXAMPLES = RuleExamples(
    passing=Example(
        description=(
            "Identity and document data goes to the origin authorities for readmission under "
            "data-sharing agreement DSA-1, signed by the country of origin and in force, which "
            "names that recipient, purpose and data."
        ),
        change=lambda op: op,
    ),
    failing=Example(
        description=(
            "Data-sharing agreement DSA-1 ended before the check date, yet the transfer to the "
            "origin authorities still relies on it."
        ),
        change=lambda op: _agreement(op, ends_on=pendulum.Date(2026, 3, 1)),
    ),
    missing=Example(
        description=(
            "The transfer to the origin authorities does not say which data-sharing agreement "
            "it relies on."
        ),
        change=lambda op: _transfer(op, agreement=None),
    ),
)
