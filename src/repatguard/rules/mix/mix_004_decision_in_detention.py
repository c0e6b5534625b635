"""MIX-004: a return decided in detention or under a deportation order needs extra safeguards."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import CoercionIndicator
from repatguard.rules.api import Check, PersonContext, Reference, Scope, Severity, legacy_rule
from repatguard.rules.vol._coherent import coherent

_DETENTION_CONTEXT = frozenset(
    {CoercionIndicator.DETAINED_AT_DECISION, CoercionIndicator.DEPORTATION_ORDER}
)


@legacy_rule(
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
@coherent
def decision_in_detention(ctx: PersonContext) -> Iterator[Check]:
    person = ctx.person
    found = [i for i in person.coercion_indicators if i in _DETENTION_CONTEXT]
    if not found:
        return
    context = ", ".join(sorted({str(i) for i in found}))
    path = f"{ctx.path}.counselled_outside_detention"
    expected = "a second counselling session held outside detention"
    counselled = person.counselled_outside_detention
    if counselled is True:
        yield Check.passed(
            path, "the decision taken in detention was confirmed in counselling outside it"
        )
    elif counselled is False:
        yield Check.failed(
            path,
            "the decision to return was taken in detention or under a deportation order, and "
            "was not confirmed in counselling outside detention",
            observed=f"{context}; no counselling outside detention",
            expected=expected,
        )
    else:
        yield Check.unknown(
            path,
            "the decision to return was taken in detention or under a deportation order, and "
            "it is not recorded whether it was confirmed in counselling outside detention",
            observed=f"{context}; not recorded",
            expected=expected,
        )
