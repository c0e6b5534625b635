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
from repatguard.report.finding import AppliedWaiver, Evidence, Finding, WaiverStatus, Wording
from repatguard.rules.message import N_, Message, msg
from repatguard.rules.registry import Registry

__all__ = ["META_CODES", "WaiverOutcome", "apply_waivers"]

META_CODES = {
    "META-001": N_("Waiver matched no finding"),
    "META-002": N_("Waiver refused: the rule cannot be waived"),
    "META-003": N_("Waiver about to expire"),
    "META-004": N_("Waiver refused: it runs longer than the policy allows"),
    "META-005": N_("Waiver for an unknown rule"),
}
"""The titles of the meta-findings, by code: in the catalogues, like a rule's title, so the
text, Markdown and HTML reports show them in the chosen language."""


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
    message: Message,
    waiver: Waiver,
    remediation: str,
) -> Finding:
    observed = msg("waiver for {code}", code=waiver.code)
    return Finding(
        code=code,
        title=META_CODES[code],
        severity=severity,
        default_severity=severity,
        outcome=Outcome.FAIL,
        scope=Scope.OPERATION,
        subject=operation,
        path=path,
        message=str(message),
        evidence=Evidence(observed=str(observed), expected=None),
        remediation=remediation,
        waiver=None,
        wording=Wording.of(message, observed, None),
    )


@attrs.frozen
class _Refusal:
    """Why a waiver of a known rule is refused: the meta-finding's code and message, and the
    note the waived finding carries."""

    code: str
    message: Message
    note: Message


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
                    message=msg(
                        "the waiver names {code}, not a rule of this catalogue", code=waiver.code
                    ),
                    waiver=waiver,
                    remediation=N_("Correct the rule code of the waiver or withdraw it."),
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


def _refusal(waiver: Waiver, policy: Policy, registry: Registry) -> _Refusal | None:
    """Why a waiver of a known rule is refused, if it is."""
    code = waiver.code
    if not registry.get(code).meta.waivable:
        return _Refusal(
            "META-002",
            msg(
                "waiver of {code} refused: {code} protects a safeguard that cannot be waived",
                code=code,
            ),
            msg("{code} protects a safeguard that cannot be waived", code=code),
        )
    lifetime = waiver.expires_on.toordinal() - waiver.granted_on.toordinal()
    if lifetime > days(policy.max_waiver_lifetime):
        limit = str(policy.max_waiver_lifetime)
        return _Refusal(
            "META-004",
            msg(
                "waiver of {code} refused: the waiver runs longer than the policy's limit of "
                "{limit}",
                code=code,
                limit=limit,
            ),
            msg("the waiver runs longer than the policy's limit of {limit}", limit=limit),
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
    finding: Finding, waiver: Waiver, status: WaiverStatus, refusal: _Refusal | None
) -> Finding:
    """``finding`` with the waiver attached: waived only by a waiver in force and not
    refused; otherwise it keeps its outcome and says why the waiver did not apply."""
    if refusal is not None:
        applied = AppliedWaiver.noted(WaiverStatus.REFUSED, waiver, refusal.note)
        return attrs.evolve(finding, waiver=applied)
    if status is WaiverStatus.IN_FORCE:
        applied = AppliedWaiver(status=status, waiver=waiver)
        return attrs.evolve(finding, outcome=Outcome.WAIVED, waiver=applied)
    note = (
        msg("the waiver expired on {date}", date=waiver.expires_on.isoformat())
        if status is WaiverStatus.EXPIRED
        else msg("the waiver is granted only from {date}", date=waiver.granted_on.isoformat())
    )
    return attrs.evolve(finding, waiver=AppliedWaiver.noted(status, waiver, note))


# Long in lines, not in logic: three meta-findings, each with its message written out.
def _waiver_meta(
    waiver: Waiver,
    path: str,
    *,
    status: WaiverStatus,
    refusal: _Refusal | None,
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
                refusal.code,
                severity=Severity.MINOR,
                operation=operation,
                path=path,
                message=refusal.message,
                waiver=waiver,
                remediation=N_("Withdraw the waiver; address the finding itself."),
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
                message=msg(
                    "the waiver of {code} matched no open finding for its subject",
                    code=waiver.code,
                ),
                waiver=waiver,
                remediation=N_("Withdraw the waiver if the finding is resolved, or correct it."),
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
                message=msg(
                    "the waiver of {code} expires on {date}, in {count} day(s)",
                    code=waiver.code,
                    date=waiver.expires_on.isoformat(),
                    count=left,
                ),
                waiver=waiver,
                remediation=N_(
                    "Renew the waiver through its decision process, or resolve the finding."
                ),
            )
        )
    return found
