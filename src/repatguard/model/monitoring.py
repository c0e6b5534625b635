"""Returnee monitoring reports: what monitors found after people returned to an area."""

from __future__ import annotations

import attrs
import pendulum

from repatguard.model._fields import constrained, optional, python_values, records
from repatguard.model.vocab import Agency, ReturneeIncident

__all__ = ["IncidentRecord", "MonitoringReport"]


@attrs.frozen(kw_only=True, field_transformer=python_values)
class IncidentRecord:
    """What a monitoring report found about one kind of incident against returnees.

    ``occurred`` is the flag and ``count`` the number of incidents (or of returnees
    affected, as the report counts them); either may be given alone. ``occurred = false`` or
    ``count = 0``: the monitors looked and found none. Neither recorded: not recorded, as if
    the kind were left out of the report.
    """

    kind: ReturneeIncident
    occurred: bool | None = optional()
    count: int | None = constrained("non_negative")

    def found(self) -> bool | None:
        """Whether the report found incidents of this kind; ``None`` when it does not say."""
        if self.occurred is True or (self.count is not None and self.count > 0):
            return True
        if self.occurred is False or self.count == 0:
            return False
        return None


@attrs.frozen(kw_only=True, field_transformer=python_values)
class MonitoringReport:
    """A dated report of returnee monitoring in one return area.

    It is on record from ``reported_on`` (else from the end of its period); one dated after
    as_of is not yet on record. Its evidence is as old as the last day it covers,
    ``period_end``: a report that does not say which period it covers can show incidents but
    not that returnees are safe. Who monitored is an agency, never a person. A kind of
    incident the report leaves out is not recorded (unknown), never "none".
    """

    reference: str
    area: str
    """Reference of the :class:`~repatguard.model.operation.ReturnArea` monitored."""
    reported_on: pendulum.Date | None = optional()
    period_start: pendulum.Date | None = optional()
    period_end: pendulum.Date | None = optional()
    """Last day the monitoring covered (inclusive); not after ``reported_on``."""
    monitored_by: Agency | None = optional()
    returnees_monitored: int | None = constrained("non_negative")
    """How many returnees (or returnee households) the monitors reached, for reviewers."""
    incidents: tuple[IncidentRecord, ...] = records()

    @property
    def recorded_on(self) -> pendulum.Date | None:
        """The day the report is on record from: ``reported_on``, else ``period_end``."""
        return self.reported_on if self.reported_on is not None else self.period_end

    def finding(self, kind: ReturneeIncident) -> tuple[int, IncidentRecord] | None:
        """The report's record of ``kind`` and its place in ``incidents``, or ``None``."""
        for index, record in enumerate(self.incidents):
            if record.kind is kind:
                return index, record
        return None
