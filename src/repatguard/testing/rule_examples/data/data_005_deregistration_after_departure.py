"""Worked examples of DATA-005 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import Operation
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, evolve, with_member


def _deregistered(operation: Operation, *, days_after_departure: int) -> Operation:
    """``operation`` in which the spouse left (confirmed five days before as_of) and was
    deregistered ``days_after_departure`` days after that (negative: before)."""
    departed = AS_OF.subtract(days=5)
    return with_member(
        operation,
        0,
        1,
        departure_confirmed_on=departed,
        deregistered_on=departed.add(days=days_after_departure),
    )


EXAMPLES = RuleExamples(
    passing=Example(
        description=(
            "The spouse's (P-2) departure was confirmed five days before as_of; she was "
            "deregistered the next day."
        ),
        change=lambda op: _deregistered(op, days_after_departure=1),
    ),
    failing=Example(
        description="The spouse was deregistered three days before her departure was confirmed.",
        change=lambda op: _deregistered(op, days_after_departure=-3),
    ),
    missing=Example(
        description=(
            "No deregistration date is recorded for anyone and the operation records no check "
            "of the host-country registrations."
        ),
        change=lambda op: evolve(op, registrations_checked_on=None),
    ),
)
