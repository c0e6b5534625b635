"""MIX-004: a return decided in detention or under a deportation order needs extra safeguards."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import CoercionIndicator
from repatguard.rules.api import (
    NOT_APPLICABLE,
    Found,
    PersonContext,
    Reference,
    Scope,
    Severity,
    ladder,
    msg,
    rule,
)

_DETENTION_CONTEXT = frozenset(
    {CoercionIndicator.DETAINED_AT_DECISION, CoercionIndicator.DEPORTATION_ORDER}
)


@rule(
    code="MIX-004",
    title="Return decided in detention needs extra safeguards",
    scope=Scope.PERSON,
    severity=Severity.MAJOR,
    checks=(
        "For each person with a coercion indicator detained_at_decision or deportation_order: "
        "a second counselling session held outside detention is recorded "
        "(counselled_outside_detention). Other people are not concerned."
    ),
    rationale=(
        "A choice made in detention, or with a deportation order pending, is open to doubt: "
        "'voluntary' return can become a disguised removal. A second counselling session held "
        "outside detention gives the person a chance to confirm or change the decision away "
        "from that pressure."
    ),
    references=(
        Reference(
            instrument="IOM, A Framework for Assisted Voluntary Return and Reintegration (2018)",
            locator="principle 1 (voluntariness: freedom of choice)",
        ),
        Reference(instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 13"),
    ),
    remediation=(
        "Hold and record a second counselling session outside detention (or an independent "
        "review) before the person is enrolled; if it cannot be held, do not proceed."
    ),
)
def decision_in_detention(ctx: PersonContext) -> Iterator[Found]:
    person = ctx.person
    found = [i for i in person.coercion_indicators if i in _DETENTION_CONTEXT]
    if not found:
        yield NOT_APPLICABLE
        return
    context = ", ".join(sorted({str(i) for i in found}))
    yield from ladder(
        person.counselled_outside_detention,
        holds=True,
        path="counselled_outside_detention",
        fails=msg(
            "the decision to return was taken in detention or under a deportation order, "
            "and was not confirmed in counselling outside detention"
        ),
        unknown=msg(
            "the decision to return was taken in detention or under a deportation order, "
            "and it is not recorded whether it was confirmed in counselling outside detention"
        ),
        observed=msg("{indicators}; no counselling outside detention", indicators=context),
        unknown_observed=msg("{indicators}; not recorded", indicators=context),
        expected=msg("a second counselling session held outside detention"),
    )
