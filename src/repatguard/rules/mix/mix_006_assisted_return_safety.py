"""MIX-006: assisted return only to areas assessed as safe enough."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import MovementKind, SecurityLevel, movement_applies
from repatguard.rules._assessment import AGE_LIMITS, CURRENT_EVIDENCE, latest
from repatguard.rules.api import (
    NOT_APPLICABLE,
    NOT_RECORDED,
    AreaContext,
    Found,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)

_STABLE = msg("{level}", level=str(SecurityLevel.STABLE))
_ASSISTED = frozenset({MovementKind.AVRR, MovementKind.ASSISTED_SPONTANEOUS})


# Long in lines, not in logic: each finding's message is written out whole for the
# catalogues (docs/writing-rules.md), one per branch.
@rule(
    code="MIX-006",
    title="Assisted return only to areas safe enough",
    scope=Scope.AREA,
    severity=Severity.BLOCKER,
    checks=(
        "Only for AVRR, assisted spontaneous and mixed movements. For each return area, the "
        "latest assessment made on or before as_of records the security level: stable passes, "
        "unsafe "
        "is a major failure (an individual request, security briefing and safety sign-off "
        "would be needed and are not modelled), highly dangerous is a blocker. No assessment "
        "or no security level is insufficient information at blocker weight." + CURRENT_EVIDENCE
    ),
    rationale=(
        "An agency that assists a return shares responsibility for the person's safety on the "
        "way and on arrival. No one is assisted back to a highly dangerous area; to an unsafe "
        "one only at the person's documented individual request, after a security briefing "
        "and a safety sign-off."
    ),
    references=(
        Reference(
            instrument="IOM, A Framework for Assisted Voluntary Return and Reintegration (2018)",
            locator="principle 3 (safety)",
        ),
    ),
    remediation=(
        "Do not assist returns to a highly dangerous area. For an unsafe area, record each "
        "person's individual request, the security briefing given and the safety sign-off "
        "before assisting; keep the security findings of the assessment current."
    ),
    parameters=AGE_LIMITS,
)
def assisted_return_safety(ctx: AreaContext) -> Iterator[Found]:
    # Through the model's helper: a mixed movement has an assisted spontaneous part.
    if not movement_applies(ctx.facts.operation.movement_kind, _ASSISTED):
        yield NOT_APPLICABLE
        return
    # The assessments are the operation's, not the area's: absolute paths.
    found = latest(ctx.facts, ctx.area.reference)
    if found is None:
        yield Problem.unknown(
            "$.assessments",
            msg(
                "no conditions assessment of return area {area} is on record, so it is unknown "
                "whether the area is safe enough for assisted return",
                area=repr(ctx.area.reference),
            ),
            observed=msg("no assessment"),
            expected=msg("an assessment with a security level"),
            severity=Severity.BLOCKER,
        )
        return
    path = found.field("security_level")
    level = found.assessment.security_level
    if level is SecurityLevel.HIGHLY_DANGEROUS:
        yield Problem.fail(
            path,
            msg("the return area is assessed as highly dangerous: no return there may be assisted"),
            observed=msg("{level}", level=str(level)),
            expected=_STABLE,
            severity=Severity.BLOCKER,
        )
    elif level is SecurityLevel.UNSAFE:
        yield Problem.fail(
            path,
            msg(
                "the return area is assessed as unsafe: assisted return there needs each "
                "person's individual request, a security briefing and a safety sign-off, which "
                "are not recorded"
            ),
            observed=msg("{level}", level=str(level)),
            expected=msg(
                "{level}, or a recorded request, briefing and sign-off",
                level=str(SecurityLevel.STABLE),
            ),
            severity=Severity.MAJOR,
        )
    elif level is None:
        yield Problem.unknown(
            path,
            msg("the assessment records no security level; the area could be highly dangerous"),
            observed=NOT_RECORDED,
            expected=msg("a security level"),
            severity=Severity.BLOCKER,
        )
    else:
        # Stable: a pass only on current evidence (domain.md A-2).
        yield from found.holds_current(
            path,
            undated=msg(
                "the return area is assessed as stable, but only according to an assessment "
                "that is undated, so it may be older than its age limit; evidence older than "
                "its age limit may show a failure but never a pass"
            ),
            too_old=msg(
                "the return area is assessed as stable, but only according to an assessment "
                "that is older than its age limit ({limit}, `{parameter}`); evidence older "
                "than its age limit may show a failure but never a pass"
            ),
        )
