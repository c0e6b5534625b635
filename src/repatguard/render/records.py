"""Flat records, one per finding, for notebooks and data frames.

The keys are stable and every value is a string, a boolean or ``None``; enumerations are given
by their values. ``to_dataframe`` needs the optional ``pandas`` extra
(``pip install 'repatguard[pandas]'``) and imports it only when called.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, TypedDict

from repatguard.report.finding import Finding

if TYPE_CHECKING:
    # Types only: the report may render itself (Report._repr_html_ and the like), so
    # nothing here imports the report module when it runs.
    from repatguard.report.report import Report

__all__ = ["RECORD_KEYS", "FindingRecord", "finding_record", "to_dataframe", "to_records"]


class FindingRecord(TypedDict):
    code: str
    title: str
    family: str
    severity: str
    default_severity: str
    outcome: str
    scope: str
    subject: str
    household: str | None
    area: str | None
    path: str
    message: str
    observed: str | None
    expected: str | None
    escalate: bool
    fingerprint: str


RECORD_KEYS: tuple[str, ...] = tuple(FindingRecord.__annotations__)
"""The keys of every record, in order (also the columns of :func:`to_dataframe`)."""


def finding_record(finding: Finding) -> FindingRecord:
    return FindingRecord(
        code=finding.code,
        title=finding.title,
        family=finding.family,
        severity=finding.severity.value,
        default_severity=finding.default_severity.value,
        outcome=finding.outcome.value,
        scope=finding.scope.value,
        subject=finding.subject,
        household=finding.household,
        area=finding.area,
        path=finding.path,
        message=finding.message,
        observed=finding.evidence.observed,
        expected=finding.evidence.expected,
        escalate=finding.escalate,
        fingerprint=finding.fingerprint,
    )


def to_records(report: Report) -> list[FindingRecord]:
    """One flat record per finding, in the report's order."""
    return [finding_record(finding) for finding in report.findings]


def to_dataframe(report: Report) -> Any:
    """The records as a ``pandas.DataFrame`` with the columns of :data:`RECORD_KEYS`.

    Raises :class:`ImportError` naming the ``pandas`` extra when pandas is not installed. The
    return type is ``Any`` because pandas is optional and ships no type information here.
    """
    try:
        pandas = importlib.import_module("pandas")
    except ImportError as exc:
        raise ImportError(
            "Report.to_dataframe() needs pandas, which is optional: install it with "
            "pip install 'repatguard[pandas]'"
        ) from exc
    return pandas.DataFrame.from_records(to_records(report), columns=list(RECORD_KEYS))
