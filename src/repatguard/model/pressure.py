"""Host-side pressure signals and the review that looked for them."""

from __future__ import annotations

import attrs
import pendulum

from repatguard.model._fields import optional, python_values
from repatguard.model.vocab import PressureKind

__all__ = ["PressureReview", "PressureSignal"]


@attrs.frozen(kw_only=True, field_transformer=python_values)
class PressureSignal:
    """A coded pressure signal in the host country.

    ``ended_on`` is exclusive; ``None`` means the measure is still in place.
    """

    kind: PressureKind
    started_on: pendulum.Date
    ended_on: pendulum.Date | None = optional()
    tied_to_refusing_return: bool | None = optional()
    """Whether the measure is expressly linked to refusing return."""
    source: str | None = optional()
    description: str | None = optional()


@attrs.frozen(kw_only=True, field_transformer=python_values)
class PressureReview:
    """When and by whom the host environment was last reviewed for pressure signals.

    Without a review on record, pressure is *unknown*, not absent.
    """

    reviewed_on: pendulum.Date
    reviewed_by: str
