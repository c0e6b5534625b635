"""LEAD-007: the agencies agree on who leads the operation."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._escalations import settle, settling
from repatguard.rules.api import (
    NOT_RECORDED,
    OperationContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)


@rule(
    code="LEAD-007",
    title="The agencies agree on who leads",
    scope=Scope.OPERATION,
    severity=Severity.MAJOR,
    checks=(
        "The lead arrangement records that the agencies do not dispute who leads the "
        "operation. A disputed lead is a major finding sent to the joint IOM-UNHCR "
        "escalation path. When the record does not say whether the lead is disputed, the "
        "result is insufficient information at major weight, also sent to the escalation "
        "path, since a dispute cannot be ruled out. A joint IOM-UNHCR decision on an "
        "escalation on record for the whole operation (of kind `lead_dispute` or naming "
        "LEAD-007), dated on or before as_of, settles a recorded dispute and is cited in the "
        "finding: to proceed (only when taken on or after the day the dispute arose, "
        "`lead.disputed_since`; not recorded, it settles nothing) leaves it major without the "
        "escalation flag; to stop or suspend makes it a blocker."
    ),
    rationale=(
        "An operation whose lead is contested has no one accountable for its safeguards. IOM "
        "and UNHCR have agreed to raise issues of concern, such as who leads, jointly rather "
        "than let operations proceed while they disagree."
    ),
    references=(
        Reference(
            instrument="Joint IOM-UNHCR letter (2019)",
            locator="joint escalation of issues of concern",
        ),
        Reference(
            instrument="Memorandum of Understanding between UNHCR and IOM (15 May 1997)",
            locator="roles in return operations",
        ),
    ),
    remediation=(
        "Refer the disagreement to the joint IOM-UNHCR escalation path and record the agreed "
        "lead arrangement once it is settled."
    ),
)
def agreed_lead(ctx: OperationContext) -> Iterator[Problem]:
    path = "lead.lead_disputed"
    disputed = ctx.facts.operation.lead.lead_disputed
    if disputed is True:
        dispute = Problem.fail(
            path,
            msg(
                "the agencies disagree on who leads the operation; the disagreement goes to "
                "the joint IOM-UNHCR escalation path"
            ),
            observed=msg("lead disputed"),
            expected=msg("a lead arrangement the agencies agree on"),
            escalate=True,
        )
        since = ctx.facts.operation.lead.disputed_since
        settled = settling(
            ctx.facts,
            "LEAD-007",
            None,
            # To proceed is a decision about this dispute only if taken after it arose; a
            # stop or suspend settles it whenever taken (never a clearance).
            proceeds=lambda decided_on: since is not None and decided_on >= since,
        )
        yield dispute if settled is None else settle(dispute, settled)
    elif disputed is None:
        yield Problem.unknown(
            path,
            msg("it is not recorded whether the agencies agree on who leads the operation"),
            observed=NOT_RECORDED,
            expected=msg("true or false"),
            # Unrecorded, the lead may be disputed: the unknown carries the escalation that a
            # dispute would raise, at the same weight (A-2: the worst outcome it could hide).
            severity=Severity.MAJOR,
            escalate=True,
        )
