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
    longest = days(policy.max_waiver_lifetime)
    warning = days(policy.waiver_expiry_warning)
    for position, (path, waiver) in enumerate(waivers):
        status = _status(waiver, as_of)
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
        refusal: tuple[str, str] | None = None
        if not registry.get(waiver.code).meta.waivable:
            refusal = ("META-002", f"{waiver.code} protects a safeguard that cannot be waived")
        elif waiver.expires_on.toordinal() - waiver.granted_on.toordinal() > longest:
            refusal = (
                "META-004",
                f"the waiver runs longer than the policy's limit of {policy.max_waiver_lifetime}",
            )
        matched = False
        for index, finding in enumerate(result):
            if (
                finding.code != waiver.code
                or finding.subject != waiver.subject
                or finding.outcome not in (Outcome.FAIL, Outcome.INSUFFICIENT_INFORMATION)
                or finding.waiver is not None
            ):
                continue
            matched = True
            matched_any.add(position)
            if refusal is not None:
                applied = AppliedWaiver(status=WaiverStatus.REFUSED, waiver=waiver, note=refusal[1])
                result[index] = attrs.evolve(finding, waiver=applied)
            elif status is WaiverStatus.IN_FORCE:
                applied = AppliedWaiver(status=status, waiver=waiver)
                result[index] = attrs.evolve(finding, outcome=Outcome.WAIVED, waiver=applied)
            else:
                note = (
                    f"the waiver expired on {waiver.expires_on.isoformat()}"
                    if status is WaiverStatus.EXPIRED
                    else f"the waiver is granted only from {waiver.granted_on.isoformat()}"
                )
                result[index] = attrs.evolve(
                    finding, waiver=AppliedWaiver(status=status, waiver=waiver, note=note)
                )
        if refusal is not None:
            meta.append(
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
        elif not matched and position not in matched_elsewhere:
            meta.append(
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
        if status is WaiverStatus.IN_FORCE and refusal is None:
            left = waiver.expires_on.toordinal() - as_of.in_timezone("UTC").date().toordinal()
            if left <= warning:
                meta.append(
                    _meta(
                        "META-003",
                        severity=Severity.INFO,
                        operation=operation,
                        path=f"{path}.expires_on",
                        message=f"the waiver of {waiver.code} expires on "
                        f"{waiver.expires_on.isoformat()}, in {left} day(s)",
                        waiver=waiver,
                        remediation="Renew the waiver through its decision process, or resolve "
                        "the finding.",
                    )
                )
    return WaiverOutcome(tuple(result), tuple(meta), frozenset(matched_any))
