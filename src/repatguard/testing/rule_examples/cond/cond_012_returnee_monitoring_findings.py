"""Worked examples of COND-012 (see :mod:`repatguard.rules.examples`)."""

from __future__ import annotations

from repatguard.model import IncidentRecord, ReturneeIncident
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import monitoring_report, returns_begun, with_monitoring_report

_ARRESTS = tuple(
    IncidentRecord(kind=record.kind, count=2)
    if record.kind is ReturneeIncident.ARREST_OR_DETENTION
    else record
    for record in monitoring_report().incidents
)

EXAMPLES = RuleExamples(
    passing=Example(
        description="Returns to AREA-1 began 120 days ago. UNHCR's monitoring report covering "
        "the last month records no incident of any kind against returnees.",
        change=lambda op: with_monitoring_report(returns_begun(op)),
    ),
    failing=Example(
        description="The same report records two returnees arrested after return: promoting "
        "further returns to AREA-1 is ruled out.",
        change=lambda op: with_monitoring_report(returns_begun(op), incidents=_ARRESTS),
    ),
    missing=Example(
        description="Returns to AREA-1 began 120 days ago and the assessment records monitoring "
        "in place, but no monitoring report of the area is on record.",
        change=returns_begun,
    ),
)
