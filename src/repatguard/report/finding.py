"""Findings: what a rule found about one subject, with the path into the input."""

from __future__ import annotations

import hashlib
from enum import StrEnum

import attrs

from repatguard.model.waivers import Waiver
from repatguard.outcomes import Outcome, Scope, Severity
from repatguard.rules.message import Message, Text

__all__ = [
    "RENDERING_ONLY",
    "AppliedWaiver",
    "Evidence",
    "Finding",
    "RuleTally",
    "WaiverStatus",
    "Wording",
    "fingerprint",
]

RENDERING_ONLY = {"rendering_only": True}
"""Field metadata: the field lets a renderer put the finding into another language; it is not
part of the report's data (left out of JSON, equality and the schema)."""


def fingerprint(code: str, subject: str, path: str) -> str:
    """The fingerprint of a finding with this code, subject and path."""
    key = f"{code}\x1f{subject}\x1f{path}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _fingerprint(finding: Finding) -> str:
    return fingerprint(finding.code, finding.subject, finding.path)


@attrs.frozen(kw_only=True)
class Evidence:
    """What was observed and what the safeguard expects."""

    observed: str | None = None
    expected: str | None = None


@attrs.frozen(kw_only=True)
class Wording:
    """The messages a finding's texts were made from, so a renderer can show them in the
    chosen language. Parts in plain text (a rule not converted yet) are shown as they are.

    In English, ``message`` is the finding's ``message``, and ``observed`` (its parts joined
    by ``"; "``) and ``expected`` are its evidence, exactly.
    """

    message: Text
    observed: tuple[Text, ...] = ()
    expected: Text | None = None

    @classmethod
    def of(cls, message: Text, observed: Text | None, expected: Text | None) -> Wording | None:
        """The wording of a problem's texts, or ``None`` when all are plain text (nothing to
        translate: the finding's own text is shown)."""
        if type(message) is Message or type(observed) is Message or type(expected) is Message:
            return cls(
                message=message,
                observed=() if observed is None else (observed,),
                expected=expected,
            )
        return None


class WaiverStatus(StrEnum):
    IN_FORCE = "in_force"
    EXPIRED = "expired"
    NOT_YET_IN_FORCE = "not_yet_in_force"
    REFUSED = "refused"


@attrs.frozen(kw_only=True)
class AppliedWaiver:
    """A waiver that matched a finding, and what it did at as_of."""

    status: WaiverStatus
    waiver: Waiver
    note: str = ""
    wording: Message | None = attrs.field(default=None, eq=False, metadata=RENDERING_ONLY)
    """What ``note`` was made from, for rendering it in another language (``None``: no note,
    or plain English text). Not part of the report's data."""

    @classmethod
    def noted(cls, status: WaiverStatus, waiver: Waiver, note: Message) -> AppliedWaiver:
        """The waiver with a note saying why it did not apply: ``note`` in English, and the
        message it was made from."""
        return cls(status=status, waiver=waiver, note=str(note), wording=note)


@attrs.frozen(kw_only=True)
class Finding:
    """A failed, undetermined or crashed check.

    Passes are counted in the report's tallies, not listed as findings. ``subject`` is the
    pseudonymous reference of the operation, area, household or person concerned; ``path``
    points into the input document.
    """

    code: str
    title: str
    severity: Severity
    default_severity: Severity
    outcome: Outcome
    scope: Scope
    subject: str
    path: str
    message: str
    evidence: Evidence = attrs.field(factory=Evidence)
    references: tuple[str, ...] = ()
    remediation: str = ""
    area: str | None = None
    household: str | None = None
    escalate: bool = False
    waiver: AppliedWaiver | None = None
    """The waiver that matched this finding: in force (the outcome is then ``waived``),
    expired, not yet in force or refused."""
    fingerprint: str = attrs.field(init=False, default=attrs.Factory(_fingerprint, takes_self=True))
    """Stable identity across checks: code, subject and path; not wording or order."""
    wording: Wording | None = attrs.field(default=None, eq=False, metadata=RENDERING_ONLY)
    """What ``message`` and ``evidence`` were made from, for rendering them in another
    language (``None``: plain English text). Not part of the report's data."""

    @property
    def family(self) -> str:
        return self.code.split("-", 1)[0]

    def sort_key(self) -> tuple[int, str, str, str, str]:
        """Blockers first, then by code, subject and path: deterministic."""
        return (-self.severity.rank, self.code, self.scope, self.subject, self.path)


@attrs.frozen(kw_only=True)
class RuleTally:
    """How often one rule passed, failed, lacked information, did not apply or crashed."""

    code: str
    passed: int = 0
    failed: int = 0
    insufficient_information: int = 0
    not_applicable: int = 0
    error: int = 0
