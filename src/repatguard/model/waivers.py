"""Waivers: accountable, expiring exceptions to a finding, kept as data."""

from __future__ import annotations

import attrs
import pendulum

from repatguard.model._fields import python_values

__all__ = ["MIN_JUSTIFICATION", "Waiver"]

MIN_JUSTIFICATION = 30
"""Characters a justification needs at least: a waiver must say why, not just that."""


@attrs.frozen(kw_only=True, field_transformer=python_values)
class Waiver:
    """An approved exception for one rule and one subject, from ``granted_on`` (inclusive) to
    ``expires_on`` (exclusive: the waiver has lapsed from 00:00 UTC on that day).

    ``subject`` is the reference of the operation, return area, household or person whose
    finding is waived, as it appears in the input.
    """

    code: str
    subject: str
    justification: str
    approved_by: str
    granted_on: pendulum.Date
    expires_on: pendulum.Date
    decision_record: str
    """Reference of the decision record (minutes, memo) that approved the waiver."""
