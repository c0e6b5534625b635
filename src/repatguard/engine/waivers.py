"""Applying waivers to findings at as_of.

A waiver in force turns a failed or undetermined finding into ``waived``: it stays in the
report with the waiver attached and no longer counts toward the verdict. An expired waiver
leaves the finding as it was and says it expired. Waivers on rules that cannot be waived, or
running longer than the policy allows, are refused. Meta-findings report waivers that matched
nothing, refusals and waivers about to expire; none of them changes a verdict.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

import attrs
import pendulum

from repatguard.facts.parameters import days
from repatguard.model.waivers import Waiver
from repatguard.outcomes import Outcome, Scope, Severity
from repatguard.policy.policy import Policy
from repatguard.report.finding import AppliedWaiver, Evidence, Finding, WaiverStatus
from repatguard.rules.registry import Registry

__all__ = ["META_CODES", "WaiverOutcome", "apply_waivers"]

META_CODES = {
    "META-001": "Waiver matched no finding",
    "META-002": "Waiver refused: the rule cannot be waived",
    "META-003": "Waiver about to expire",
    "META-004": "Waiver refused: it runs longer than the policy allows",
    "META-005": "Waiver for an unknown rule",
}


def _midnight(date: pendulum.Date) -> pendulum.DateTime:
    return pendulum.datetime(date.year, date.month, date.day, tz="UTC")


def _status(waiver: Waiver, as_of: pendulum.DateTime) -> WaiverStatus:
    if as_of < _midnight(waiver.granted_on):
        return WaiverStatus.NOT_YET_IN_FORCE
    if as_of >= _midnight(waiver.expires_on):
        return WaiverStatus.EXPIRED
    return WaiverStatus.IN_FORCE


def _meta(
    code: str,
    *,
    severity: Severity,
    operation: str,
    path: str,
    message: str,
    waiver: Waiver,
    remediation: str,
) -> Finding:
    return Finding(
        code=code,
        title=META_CODES[code],
        severity=severity,
        default_severity=severity,
        outcome=Outcome.FAIL,
        scope=Scope.OPERATION,
        subject=operation,
        path=path,
        message=message,
        evidence=Evidence(observed=f"waiver for {waiver.code}", expected=None),
        remediation=remediation,
        waiver=None,
    )


@attrs.frozen
class WaiverOutcome:
    """Findings with the waivers applied, and what the waivers themselves gave."""

    findings: tuple[Finding, ...]
    """The findings given, in the same order, each with the waiver that matched it."""
    meta: tuple[Finding, ...]
    """Findings about the waivers (refused, matching nothing, expiring, unknown rule)."""
    matched: frozenset[int]
    """Positions of the waivers that matched at least one of the findings."""


def apply_waivers(
    findings: Sequence[Finding],
    waivers: Iterable[tuple[str, Waiver]],
    *,
    as_of: pendulum.DateTime,
    policy: Policy,
    registry: Registry,
    operation: str,
    matched_elsewhere: Collection[int] = (),
) -> WaiverOutcome:
    """``findings`` with waivers applied, and the meta-findings about the waivers.

    ``waivers`` pairs each waiver with its path (``$.waivers[0]`` in the operation, or
    ``register:$.waivers[0]`` in a separate register). A waiver whose position is in
    ``matched_elsewhere`` matched findings settled apart from these (the cases of a streamed
    check) and is not reported as matching nothing.
    """
    result = list(findings)
    meta: list[Finding] = []
    matched_any: set[int] = set()
    for position, (path, waiver) in enumerate(waivers):
        if waiver.code not in registry:
            meta.append(
                _meta(
                    "META-005",
                    severity=Severity.MINOR,
                    operation=operation,
                    path=f"{path}.code",
                    message=f"the waiver names {waiver.code}, not a rule of this catalogue",
                    waiver=waiver,
                    remediation="Correct the rule code of the waiver or withdraw it.",
                )
            )
            continue
        status = _status(waiver, as_of)
        refusal = _refusal(waiver, policy, registry)
        matched = False
        for index, finding in enumerate(result):
            if _open_finding_of(finding, waiver):
                matched = True
                result[index] = _settled(finding, waiver, status, refusal)
        if matched:
            matched_any.add(position)
        meta += _waiver_meta(
            waiver,
            path,
            status=status,
            refusal=refusal,
            unmatched=not matched and position not in matched_elsewhere,
            as_of=as_of,
            warning=days(policy.waiver_expiry_warning),
            operation=operation,
        )
    return WaiverOutcome(tuple(result), tuple(meta), frozenset(matched_any))


def _refusal(waiver: Waiver, policy: Policy, registry: Registry) -> tuple[str, str] | None:
    """The meta-finding code and the reason a waiver of a known rule is refused, if it is."""
    if not registry.get(waiver.code).meta.waivable:
        return ("META-002", f"{waiver.code} protects a safeguard that cannot be waived")
    lifetime = waiver.expires_on.toordinal() - waiver.granted_on.toordinal()
    if lifetime > days(policy.max_waiver_lifetime):
        return (
            "META-004",
            f"the waiver runs longer than the policy's limit of {policy.max_waiver_lifetime}",
        )
    return None


def _open_finding_of(finding: Finding, waiver: Waiver) -> bool:
    """A failed or undetermined finding of the waiver's rule and subject, not yet matched."""
    return (
        finding.code == waiver.code
        and finding.subject == waiver.subject
        and finding.outcome in (Outcome.FAIL, Outcome.INSUFFICIENT_INFORMATION)
        and finding.waiver is None
    )


def _settled(
    finding: Finding, waiver: Waiver, status: WaiverStatus, refusal: tuple[str, str] | None
) -> Finding:
    """``finding`` with the waiver attached: waived only by a waiver in force and not
    refused; otherwise it keeps its outcome and says why the waiver did not apply."""
    if refusal is not None:
        applied = AppliedWaiver(status=WaiverStatus.REFUSED, waiver=waiver, note=refusal[1])
        return attrs.evolve(finding, waiver=applied)
    if status is WaiverStatus.IN_FORCE:
        applied = AppliedWaiver(status=status, waiver=waiver)
        return attrs.evolve(finding, outcome=Outcome.WAIVED, waiver=applied)
    note = (
        f"the waiver expired on {waiver.expires_on.isoformat()}"
        if status is WaiverStatus.EXPIRED
        else f"the waiver is granted only from {waiver.granted_on.isoformat()}"
    )
    return attrs.evolve(finding, waiver=AppliedWaiver(status=status, waiver=waiver, note=note))


def _waiver_meta(
    waiver: Waiver,
    path: str,
    *,
    status: WaiverStatus,
    refusal: tuple[str, str] | None,
    unmatched: bool,
    as_of: pendulum.DateTime,
    warning: int,
    operation: str,
) -> list[Finding]:
    """What a waiver of a known rule gave beside the findings: refused, matching nothing, or
    in force and about to expire."""
    found: list[Finding] = []
    if refusal is not None:
        found.append(
            _meta(
                refusal[0],
                severity=Severity.MINOR,
                operation=operation,
                path=path,
                message=f"waiver of {waiver.code} refused: {refusal[1]}",
                waiver=waiver,
                remediation="Withdraw the waiver; address the finding itself.",
            )
        )
        return found
    if unmatched:
        found.append(
            _meta(
                "META-001",
                severity=Severity.MINOR,
                operation=operation,
                path=path,
                message=f"the waiver of {waiver.code} matched no open finding for its subject",
                waiver=waiver,
                remediation="Withdraw the waiver if the finding is resolved, or correct it.",
            )
        )
    left = waiver.expires_on.toordinal() - as_of.in_timezone("UTC").date().toordinal()
    if status is WaiverStatus.IN_FORCE and left <= warning:
        found.append(
            _meta(
                "META-003",
                severity=Severity.INFO,
                operation=operation,
                path=f"{path}.expires_on",
                message=f"the waiver of {waiver.code} expires on "
                f"{waiver.expires_on.isoformat()}, in {left} day(s)",
                waiver=waiver,
                remediation="Renew the waiver through its decision process, or resolve the "
                "finding.",
            )
        )
    return found
