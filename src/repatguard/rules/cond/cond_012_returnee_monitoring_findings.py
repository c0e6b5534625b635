"""COND-012: what returnee monitoring found in an area turns its verdict for those still to go."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pendulum

from repatguard.model import IncidentRecord, MonitoringReport, ReturneeIncident
from repatguard.rules.api import (
    AreaContext,
    Message,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)
from repatguard.rules.cond._monitoring_wording import INCIDENTS, UNRECORDED

SERIOUS = (
    ReturneeIncident.ARREST_OR_DETENTION,
    ReturneeIncident.VIOLENCE_OR_THREATS,
    ReturneeIncident.RENEWED_DISPLACEMENT,
    ReturneeIncident.FORCED_RECRUITMENT,
)
"""Harm done to returnees for having returned, or that undoes the return: rules out promotion."""
LESSER = (
    ReturneeIncident.DOCUMENTS_DENIED,
    ReturneeIncident.PROPERTY_NOT_RESTORED,
    ReturneeIncident.DISCRIMINATION,
)
"""Obstacles to reintegration: recorded and taken up, but they do not turn a verdict alone."""

_Read = tuple[int, MonitoringReport]


def _naming(
    report: MonitoringReport, dated: Message, undated: Message, **values: str | int
) -> Message:
    """The sentence that names ``report``: ``dated`` (with ``{end}``, the end of the period
    it covers) or ``undated`` when that period is not recorded."""
    end = report.period_end
    named = repr(report.reference)
    if end is None:
        return undated.with_values(report=named, **values)
    return dated.with_values(report=named, end=end.isoformat(), **values)


def _period(report: MonitoringReport) -> Message:
    end = report.period_end
    if end is None:
        return msg("period not recorded")
    return msg("covering up to {end}", end=end.isoformat())


def _current(report: MonitoringReport, oldest: pendulum.Date) -> bool:
    """Whether the report can show the area as it is now: written on a known day and
    covering a known period that ends no earlier than ``oldest``."""
    end = report.period_end
    return report.reported_on is not None and end is not None and end >= oldest


def _report_due(ctx: AreaContext, oldest: pendulum.Date) -> bool | None:
    """Whether a first report is due: returns began (the movement window opened) more than
    one reporting interval (``monitoring_report_max_age``) before as_of. ``None``: no window
    is recorded, so returns may have begun long ago."""
    window = ctx.facts.operation.movement_window
    if window is None:
        return None
    return window.start < oldest


def _monitoring_planned(ctx: AreaContext) -> bool:
    """Whether the latest assessment records monitoring in place. Otherwise COND-008 already
    reports it (a failure or insufficient information), so no report is asked for here."""
    # Whatever its age: an old plan still means reports are due; COND-008 judges its age.
    found = ctx.facts.latest_assessment(ctx.area.reference)
    return found is not None and found[1].returnee_monitoring is True


def _no_report(ctx: AreaContext, oldest: pendulum.Date) -> Iterator[Problem]:
    """No report of the area is on record: a gap only once a first report is (or may be) due
    and monitoring is meant to be in place."""
    due = _report_due(ctx, oldest)
    if due is False or not _monitoring_planned(ctx):
        return
    area = repr(ctx.area.reference)
    message = (
        msg(
            "returnee monitoring is in place in area {area} and returns began before {date} "
            "(the movement window opened), but no monitoring report of the area is on record, "
            "so it is unknown whether returnees there are arrested, attacked or displaced again",
            area=area,
            date=oldest.isoformat(),
        )
        if due
        else msg(
            "returnee monitoring is in place in area {area} and the operation records no "
            "movement window, so returns may have begun long ago, but no monitoring report of "
            "the area is on record, so it is unknown whether returnees there are arrested, "
            "attacked or displaced again",
            area=area,
        )
    )
    yield Problem.unknown(
        "$.monitoring_reports",
        message,
        observed=msg("no monitoring report"),
        expected=_a_current_report(oldest),
    )


def _a_current_report(oldest: pendulum.Date) -> Message:
    return msg("a monitoring report covering a day on or after {date}", date=oldest.isoformat())


def _incidents(read: Sequence[_Read]) -> Iterator[Problem]:
    """A failure for each kind of incident a report read records as having happened."""
    for index, report in read:
        for position, record in enumerate(report.incidents):
            if record.found() is not True:
                continue
            message, observed = _incident_wording(report, record)
            yield Problem.fail(
                f"$.monitoring_reports[{index}].incidents[{position}]",
                message,
                observed=observed,
                expected=msg("no incidents against returnees"),
                severity=None if record.kind in SERIOUS else Severity.MINOR,
            )


def _incident_wording(report: MonitoringReport, record: IncidentRecord) -> tuple[Message, Message]:
    """The finding and the observed evidence of one kind of incident a report records: with
    its count, or only that it happened."""
    wording = INCIDENTS[record.kind]
    if record.count is None:
        return (
            _naming(report, wording.reported, wording.reported_undated),
            wording.observed_reported,
        )
    return (
        _naming(report, wording.counted, wording.counted_undated, count=record.count),
        wording.observed_count.with_values(count=record.count),
    )


def _unrecorded(index: int, report: MonitoringReport) -> Iterator[Problem]:
    """Insufficient information for the kinds a report read leaves unrecorded, one finding
    per weight."""
    for kinds, severity in ((SERIOUS, None), (LESSER, Severity.MINOR)):
        missing = tuple(kind for kind in kinds if _found(report, kind) is None)
        if missing:
            wording = UNRECORDED[missing]
            yield Problem.unknown(
                f"$.monitoring_reports[{index}].incidents",
                _naming(report, wording.dated, wording.undated),
                observed=wording.observed,
                expected=msg("each kind recorded (occurred or count)"),
                severity=severity,
            )


def _found(report: MonitoringReport, kind: ReturneeIncident) -> bool | None:
    record = report.finding(kind)
    return None if record is None else record[1].found()


def _no_current_report(
    ctx: AreaContext, reports: Sequence[_Read], oldest: pendulum.Date
) -> Iterator[Problem]:
    """Reports are on record but none is current: they may show incidents, never that
    returnees are safe today (stale evidence may fail, never pass)."""
    if not _monitoring_planned(ctx):
        return
    index, report = reports[-1]
    yield Problem.unknown(
        f"$.monitoring_reports[{index}]",
        _naming(
            report,
            msg(
                "no current monitoring report of the area is on record: the latest ({report}, "
                "covering up to {end}) is older than its age limit "
                "(`monitoring_report_max_age`), or does not say when it was written or which "
                "period it covers, so it cannot show that returnees are safe there today"
            ),
            msg(
                "no current monitoring report of the area is on record: the latest ({report}, "
                "period not recorded) is older than its age limit "
                "(`monitoring_report_max_age`), or does not say when it was written or which "
                "period it covers, so it cannot show that returnees are safe there today"
            ),
        ),
        observed=_period(report),
        expected=_a_current_report(oldest),
    )


@rule(
    code="COND-012",
    title="Returnee monitoring finds no serious incidents",
    scope=Scope.AREA,
    severity=Severity.MAJOR,
    checks=(
        "For each return area, the returnee monitoring reports on record at as_of (one "
        "written after as_of is not yet on record). A report is current when it records the "
        "day it was written and a period that ends no earlier than `monitoring_report_max_age` "
        "before as_of. Once a current report exists, it supersedes the older fully dated ones; "
        "until then every report on record is read (stale evidence may fail), and a report "
        "that does not say when it was written or which period it covers is always read. Any "
        "arrest or detention, violence or threats, renewed displacement or forced recruitment "
        "of returnees a report read records is a major failure: promoting return to the area "
        "is ruled out. Documents denied, property not restored or discrimination are minor "
        "failures. Each report read must record every kind (occurred or not, or a count); a "
        "kind left out is insufficient information at the weight of that kind. Where the "
        "latest assessment records monitoring in place, no current report is insufficient "
        "information (major) once a report is due: a report is already on record, or the "
        "movement window opened more than `monitoring_report_max_age` before as_of (the first "
        "report is due one reporting interval after returns begin), or no window is "
        "recorded. Where the assessment "
        "does not record monitoring in place, COND-008 reports that and no report is asked "
        "for here."
    ),
    rationale=(
        "Returnee monitoring shows what actually happens to people after they go back. When "
        "returnees are arrested, attacked, forcibly recruited or displaced again, conditions "
        "are not conducive to promoting further returns, whatever the assessment said. Those "
        "still to return must be told, and may still be helped to go on an informed choice."
    ),
    references=(
        Reference(
            instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 5(vi)"
        ),
        Reference(instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 61"),
        Reference(
            instrument="UNHCR ExCom Conclusion No. 18 (XXXI), 1980",
            locator="para. (f) (guarantees for the safety of returning refugees fully respected; "
            "no penalty for having left)",
        ),
        Reference(
            instrument="UNHCR ExCom Conclusion No. 18 (XXXI), 1980",
            locator="para. (h) (UNHCR's interest in returnees; seen only in a Spanish "
            "compilation, English wording not verified with the available sources)",
        ),
        Reference(
            instrument="UNHCR Handbook: Voluntary Repatriation (1996)",
            locator="§6.2 (Returnee Monitoring: Amnesties and Guarantees, Monitoring, Reporting, "
            "Intervening; body text not verified with the available sources)",
        ),
    ),
    remediation=(
        "Take the incidents up with the authorities of the country of origin, tell those "
        "still to return what the monitoring found, and stop promoting return to the area "
        "until current monitoring records no serious incidents. Record a monitoring report "
        "for the area at least as often as `monitoring_report_max_age`, stating for each kind "
        "of incident whether it occurred."
    ),
    parameters=("monitoring_report_max_age",),
)
def returnee_monitoring_findings(ctx: AreaContext) -> Iterator[Problem]:
    facts = ctx.facts
    oldest = facts.params.before(facts.today, "monitoring_report_max_age")
    reports = facts.monitoring.get(ctx.area.reference, [])
    if not reports:
        yield from _no_report(ctx, oldest)
        return
    # A current report supersedes older evidence; without one, every report still counts
    # (stale evidence may fail), and one not fully dated never supersedes anything.
    current = [item for item in reports if _current(item[1], oldest)]
    read = [item for item in reports if not current or item in current or not _superseded(item[1])]
    failures = list(_incidents(read))
    yield from failures
    for index, report in read:
        yield from _unrecorded(index, report)
    if not current and all(problem.severity is not None for problem in failures):
        yield from _no_current_report(ctx, reports, oldest)


def _superseded(report: MonitoringReport) -> bool:
    """A fully dated report that a current one replaces (called only when one exists)."""
    return report.reported_on is not None and report.period_end is not None
