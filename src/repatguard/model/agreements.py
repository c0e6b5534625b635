"""Agreements between the countries concerned and UNHCR."""

from __future__ import annotations

import attrs
import pendulum

from repatguard.model._fields import optional, optional_records, python_values
from repatguard.model.vocab import AgreementClause, AgreementKind

__all__ = ["Agreement"]


@attrs.frozen(kw_only=True, field_transformer=python_values)
class Agreement:
    """A tripartite or bilateral agreement on the return.

    ``parties`` holds ISO 3166-1 alpha-3 country codes and agency names in capitals
    (``"UNHCR"``, ``"IOM"``). An agreement is in force from ``signed_on`` until the day
    before ``ends_on``.

    ``parties`` and ``covers`` left out (``None``) are *not recorded*, so nothing can be
    concluded from them; an empty list is a recorded fact (no parties, no clauses).
    """

    reference: str
    kind: AgreementKind
    parties: tuple[str, ...] | None = optional_records()
    """The parties; ``None``: not recorded."""
    signed_on: pendulum.Date | None = optional()
    ends_on: pendulum.Date | None = optional()
    covers: tuple[AgreementClause, ...] | None = optional_records()
    """The clauses the agreement covers; ``None``: not recorded, ``[]``: none."""
    commission_last_met: pendulum.Date | None = optional()
    """When the tripartite commission (or equivalent joint body) last met."""
