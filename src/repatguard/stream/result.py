"""What a streamed check returns: the summary report and the manifest's statistics.

:class:`StreamResult` and :class:`ManifestStats` are built by
:meth:`~repatguard.stream.merge.Merge.finish` and returned by
:func:`~repatguard.stream.run.check_manifest` and the Dask check.
"""

from __future__ import annotations

import attrs

from repatguard.report.report import Report
from repatguard.stream.cases import ManifestIssue

__all__ = ["KEPT_ISSUES", "ManifestStats", "StreamResult"]

KEPT_ISSUES = 100
"""Input issues kept in the result (all of them are passed to ``on_issue`` and counted)."""


@attrs.frozen(kw_only=True)
class ManifestStats:
    """What was read from the manifest and what could not be used."""

    source: str | None
    format: str | None
    cases: int
    """Households read: those held in the operation file plus the manifest's records."""
    checked: int
    """Households that loaded and were checked."""
    failed: int
    """Records that could not be loaded (each reported with its line and path)."""
    duplicates: int
    """References used by more than one household or person."""
    persons: int
    """Persons in the households checked."""
    issues: int
    """Input issues reported (a record may have several)."""
    first_issues: tuple[ManifestIssue, ...]
    """The first :data:`KEPT_ISSUES` input issues."""

    @property
    def complete(self) -> bool:
        """Every case loaded and every reference is unique."""
        return self.failed == 0 and self.duplicates == 0 and self.issues == 0


@attrs.frozen(kw_only=True)
class StreamResult:
    """The summary report and the manifest statistics of a streaming check.

    ``report.findings`` holds the operation- and area-level findings and
    ``report.case_verdicts`` is empty: case findings and case verdicts were streamed out (to
    ``findings_out`` and ``cases_out``). ``report.summary`` counts everything.
    """

    report: Report
    manifest: ManifestStats
