"""Agreements between the countries concerned and UNHCR."""

from __future__ import annotations

import attrs
import pendulum

from repatguard.model._fields import optional, records
from repatguard.model.vocab import AgreementClause, AgreementKind

__all__ = ["Agreement"]


@attrs.frozen(kw_only=True)
class Agreement:
    """A tripartite or bilateral agreement on the return.

    ``parties`` holds ISO 3166-1 alpha-3 country codes and agency names in capitals
    (``"UNHCR"``, ``"IOM"``). An agreement is in force from ``signed_on`` until the day
    before ``ends_on``.
    """

    reference: str
    kind: AgreementKind
    parties: tuple[str, ...] = records()
    signed_on: pendulum.Date | None = optional()
    ends_on: pendulum.Date | None = optional()
    covers: tuple[AgreementClause, ...] = records()
    commission_last_met: pendulum.Date | None = optional()
    """When the tripartite commission (or equivalent joint body) last met."""
