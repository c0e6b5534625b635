"""Confidence-building visits between the displaced and their area of return, as events."""

from __future__ import annotations

import attrs
import pendulum

from repatguard.model._fields import optional, optional_records, python_values
from repatguard.model.vocab import VisitKind

__all__ = ["ExploratoryVisit"]


@attrs.frozen(kw_only=True, field_transformer=python_values)
class ExploratoryVisit:
    """One go-and-see (or go-and-inform) visit: who went, to which return area, when, and
    whether the visitors reported back to their community.

    Not to be confused with ``Operation.short_visits_keep_status``, the host policy on what a
    visit does to refugee status (VOL-011): that is a rule of the host state, this is a
    record of a visit that took place (or is planned, when it starts after as_of).
    """

    reference: str
    kind: VisitKind | None = optional()
    """``None``: not recorded; the rules then read it as a go-and-see visit, which they ask
    more of."""
    area: str | None = optional()
    """Reference of the return area visited (one the operation does not list is an input
    error); ``None``: not recorded."""
    started_on: pendulum.Date | None = optional()
    ended_on: pendulum.Date | None = optional()
    """The last day of the visit (inclusive; not before ``started_on``)."""
    representatives: tuple[str, ...] | None = optional_records()
    """Pseudonymous references of the refugee representatives who went (never names; they
    need not be on the manifest, and no finding quotes them); ``None`` (left out): not
    recorded; ``[]``: no refugee representative went (officials only)."""
    reported_back: bool | None = optional()
    """Whether the representatives told their community what they saw ("come and tell");
    ``None``: not recorded."""
