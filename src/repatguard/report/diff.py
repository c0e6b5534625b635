"""Comparing two reports: new, resolved and persisting findings, and the verdict change.

Findings are matched by fingerprint (code, subject and path), never by wording or order.
Pseudonymous subjects only match across reports made with the same reference key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

__all__ = ["FindingRef", "ReportDiff", "diff_reports"]


@attrs.frozen(kw_only=True)
class FindingRef:
    fingerprint: str
    code: str
    severity: str
    outcome: str
    subject: str
    path: str
    message: str


@attrs.frozen(kw_only=True)
class ReportDiff:
    verdict_before: str
    verdict_after: str
    new: tuple[FindingRef, ...]
    resolved: tuple[FindingRef, ...]
    persisting: tuple[FindingRef, ...]
    """Present in both (as they are in the newer report), whatever their outcome."""

    @property
    def verdict_changed(self) -> bool:
        return self.verdict_before != self.verdict_after


def _refs(report: Mapping[str, Any]) -> dict[str, FindingRef]:
    found: dict[str, FindingRef] = {}
    for item in report.get("findings", []):
        ref = FindingRef(
            fingerprint=item["fingerprint"],
            code=item["code"],
            severity=item["severity"],
            outcome=item["outcome"],
            subject=item["subject"],
            path=item["path"],
            message=item["message"],
        )
        found[ref.fingerprint] = ref
    return found


def _ordered(refs: list[FindingRef]) -> tuple[FindingRef, ...]:
    return tuple(sorted(refs, key=lambda r: (r.code, r.subject, r.path)))


def diff_reports(old: Mapping[str, Any], new: Mapping[str, Any]) -> ReportDiff:
    """Compare two reports in their JSON form (``render.json.report_to_dict``)."""
    before, after = _refs(old), _refs(new)
    return ReportDiff(
        verdict_before=str(old["verdict"]),
        verdict_after=str(new["verdict"]),
        new=_ordered([ref for key, ref in after.items() if key not in before]),
        resolved=_ordered([ref for key, ref in before.items() if key not in after]),
        persisting=_ordered([ref for key, ref in after.items() if key in before]),
    )
