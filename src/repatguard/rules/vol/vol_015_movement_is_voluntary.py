"""VOL-015: the movement is a voluntary one."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import MovementKind, is_forced
from repatguard.rules.api import OperationContext, Problem, Reference, Scope, Severity, msg, rule


@rule(
    code="VOL-015",
    title="The movement is voluntary",
    scope=Scope.OPERATION,
    severity=Severity.BLOCKER,
    checks=(
        "The operation's movement kind is a voluntary one: organised, assisted spontaneous, "
        "spontaneous, mixed or AVRR. A forced movement (deportation or any other "
        "non-voluntary removal) fails as a blocker that cannot be waived; a kind outside the "
        "vocabulary (only possible for an operation built in Python) may be forced and is "
        "insufficient information. The rule applies to every operation."
    ),
    rationale=(
        "Voluntary repatriation rests on the freely expressed wish of each person to return. "
        "A deportation or other forced removal can never be promoted or facilitated as "
        "voluntary repatriation, and returning refugees against their will may breach "
        "non-refoulement."
    ),
    references=(
        Reference(instrument="UNHCR ExCom Conclusion No. 40 (XXXVI), 1985", locator="para. (b)"),
        Reference(
            instrument="Convention relating to the Status of Refugees (1951)", locator="Art. 33(1)"
        ),
    ),
    remediation=(
        "Do not run a forced return as voluntary repatriation. Only people who individually "
        "decide to return may be assisted, in an operation organised as voluntary."
    ),
    waivable=False,
)
def movement_is_voluntary(ctx: OperationContext) -> Iterator[Problem]:
    # Typed as object: an operation built in Python may carry a value outside the vocabulary.
    kind: object = ctx.facts.operation.movement_kind
    if not isinstance(kind, MovementKind):
        # Not a kind of the vocabulary (built in Python with a plain value): it may be forced.
        yield Problem.unknown(
            "movement_kind",
            msg("the movement kind is not one of the known kinds, so it may be a forced return"),
            observed=msg("{kind}", kind=repr(kind)),
            expected=msg("a voluntary movement (organised, assisted, spontaneous, mixed or AVRR)"),
        )
    elif is_forced(kind):
        yield Problem.fail(
            "movement_kind",
            msg(
                "the movement is a forced return, which can never be promoted or facilitated as "
                "voluntary repatriation"
            ),
            observed=msg("{kind}", kind=str(kind)),
            expected=msg("a voluntary movement (organised, assisted, spontaneous or AVRR)"),
        )
