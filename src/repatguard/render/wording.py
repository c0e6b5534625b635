"""A finding's message and evidence in the current language.

A finding holds its English text (``message``, ``evidence``), which is what fingerprints,
baselines and the saved corpus read, and, when its rule wrote messages, the wording they came
from (:class:`~repatguard.report.finding.Wording`). Renderers show the texts through these
functions: in English they return the finding's own text, byte for byte; in another language
each message is looked up in the catalogue (:func:`repatguard.render.i18n.say`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from repatguard.render.i18n import SOURCE_LANGUAGE, current_language, say

if TYPE_CHECKING:
    from repatguard.report.finding import AppliedWaiver, Finding, Wording
    from repatguard.report.report import Reason
    from repatguard.report.trace import TraceFinding

__all__ = [
    "expected_of",
    "message_of",
    "observed_of",
    "reason_message",
    "trace_evidence",
    "waiver_note",
]


def _translating(wording: object) -> bool:
    return wording is not None and current_language() != SOURCE_LANGUAGE


def message_of(finding: Finding) -> str:
    """The finding's message in the current language."""
    wording = finding.wording
    if wording is None or not _translating(wording):
        return finding.message
    return say(wording.message)


def _observed(wording: Wording) -> str | None:
    return "; ".join(say(part) for part in wording.observed) if wording.observed else None


def _expected(wording: Wording) -> str | None:
    return None if wording.expected is None else say(wording.expected)


def observed_of(finding: Finding) -> str | None:
    """What the finding observed, in the current language."""
    wording = finding.wording
    if wording is None or not _translating(wording):
        return finding.evidence.observed
    return _observed(wording)


def expected_of(finding: Finding) -> str | None:
    """What the safeguard expects, in the current language."""
    wording = finding.wording
    if wording is None or not _translating(wording):
        return finding.evidence.expected
    return _expected(wording)


def reason_message(reason: Reason) -> str:
    """The message of the finding behind a verdict's reason, in the current language."""
    if reason.wording is None or not _translating(reason.wording):
        return reason.message
    return say(reason.wording)


def waiver_note(applied: AppliedWaiver) -> str:
    """Why a waiver did not apply (refused, expired, not yet in force), in the current
    language; empty for a waiver in force."""
    if applied.wording is None or not _translating(applied.wording):
        return applied.note
    return say(applied.wording)


def trace_evidence(finding: TraceFinding) -> tuple[str | None, str | None]:
    """What a finding the trace lists observed and expected, in the current language."""
    wording = finding.wording
    if wording is None or not _translating(wording):
        return finding.observed, finding.expected
    return _observed(wording), _expected(wording)
