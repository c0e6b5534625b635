"""What the next review of a report is: when its result changes by itself, and how."""

from __future__ import annotations

import attrs

from repatguard.outcomes import Verdict

__all__ = ["NextReview", "ReviewChange"]


@attrs.frozen(kw_only=True)
class ReviewChange:
    """One finding that changes at the review instant."""

    code: str
    subject: str
    path: str
    before: str
    """``outcome/severity`` before, or ``absent``."""
    after: str


@attrs.frozen(kw_only=True)
class NextReview:
    due: str
    """The instant (ISO 8601) from which the result differs, or a scheduled review falls. When
    the change turns on a date of birth, the start of its month (or as_of, if later) instead:
    never after the change, and the day stays undisclosed."""
    verdict_after: Verdict
    changes: tuple[ReviewChange, ...]
    scheduled: tuple[str, ...] = ()
    """Reviews scheduled in the input for that instant (a UNHCR position's review date), and a
    note when ``due`` was moved to the start of its month."""
