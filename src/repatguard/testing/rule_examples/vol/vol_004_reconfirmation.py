"""Worked examples of VOL-004 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import Operation
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import AS_OF, at, evolve, sound_consent, unplanned, with_member


def _spouse_reconfirmed(op: Operation, days_before_as_of: int) -> Operation:
    """The spouse (P-2) reconfirmed ``days_before_as_of`` days before as_of."""
    consent = list(sound_consent())
    consent[2] = evolve(consent[2], at=at(AS_OF.subtract(days=days_before_as_of)))
    return with_member(op, 0, 1, consent=tuple(consent))


EXAMPLES = RuleExamples(
    passing=Example(
        description="Both adults reconfirmed the day before as_of; departure is 20 days after "
        "as_of, so the 30-day window opened 10 days before as_of.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The spouse (P-2) reconfirmed 11 days before as_of, one day before the "
        "window opened, and has not reconfirmed since.",
        change=lambda op: _spouse_reconfirmed(op, 11),
    ),
    missing=Example(
        description="No one has a planned departure date, and the operation's movement window "
        "runs 30 days from departure, longer than the reconfirmation window: the person may "
        "leave on a day for which the reconfirmation is not shortly before departure.",
        change=unplanned,
    ),
)
