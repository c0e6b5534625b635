"""Issues of concern referred to the joint IOM-UNHCR escalation path, and the joint decisions."""

from __future__ import annotations

import attrs
import pendulum

from repatguard.model._fields import optional, python_values, records
from repatguard.model.vocab import Agency, EscalationDecision, EscalationKind

__all__ = ["Escalation"]


@attrs.frozen(kw_only=True, field_transformer=python_values)
class Escalation:
    """An issue of concern referred to the joint IOM-UNHCR escalation path (the two agencies'
    Chiefs of Staff), and the joint decision on it once taken.

    It concerns the return areas in ``areas`` (empty: the whole operation) and, where it is
    about what a rule found, the rules named by ``kind`` or ``rules``. It is raised from
    ``raised_on`` (one dated after as_of has not been raised yet) and open until a
    ``decision`` dated ``decided_on``, on or before as_of, is on record. A decision or its
    date not recorded leaves the escalation open. Who raised it is recorded as an agency and
    a role, never a person's name; ``issue`` and ``raised_by_role`` are free text that no
    finding quotes.
    """

    reference: str
    raised_on: pendulum.Date | None = optional()
    raised_by: Agency | None = optional()
    raised_by_role: str | None = optional()
    """The role or office that raised it (``"Representative"``), never a person's name."""
    issue: str | None = optional()
    """The issue in a few words, for reviewers; no finding quotes it."""
    kind: EscalationKind | None = optional()
    areas: tuple[str, ...] = records()
    """References of the operation's return areas it concerns (an unknown reference is an
    input error); empty: the whole operation."""
    rules: tuple[str, ...] = records()
    """Codes of the rules whose findings it concerns (``PREM-011``), beside those ``kind``
    names."""
    decision: EscalationDecision | None = optional()
    decided_on: pendulum.Date | None = optional()
