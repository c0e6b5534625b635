"""VOL-006: no individual indicator that the decision was coerced."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import CoercionIndicator
from repatguard.rules._people import for_those_who_decide
from repatguard.rules.api import (
    Message,
    PersonContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)

_INDICATED: dict[CoercionIndicator, Message] = {
    CoercionIndicator.THREATS_OR_PRESSURE: msg(
        "threats or pressure to return were reported: the decision cannot be taken as free"
    ),
    CoercionIndicator.DETAINED_AT_DECISION: msg(
        "the person was in detention when deciding: the decision cannot be taken as free"
    ),
    CoercionIndicator.DEPORTATION_ORDER: msg(
        "the person faces a deportation order: the decision cannot be taken as free"
    ),
    CoercionIndicator.DOCUMENTS_CONFISCATED: msg(
        "the person's documents were confiscated: the decision cannot be taken as free"
    ),
    CoercionIndicator.ASSISTANCE_WITHDRAWN_FOR_REFUSAL: msg(
        "assistance was withdrawn or threatened for refusing to return: the decision cannot "
        "be taken as free"
    ),
}


def _own_screening(ctx: PersonContext) -> Iterator[Problem]:
    screened = ctx.person.coercion_screened_on
    params = ctx.facts.params
    today = ctx.facts.today
    oldest = params.before(today, "coercion_screening_max_age")
    if screened is None or screened > today:
        message = msg(
            "the person has not been individually asked about threats and pressure, so "
            "coercion is unknown, not absent"
        )
        observed = (
            msg("no screening on record")
            if screened is None
            else msg("screening dated {date}, after as_of", date=screened.isoformat())
        )
    elif screened < oldest:
        # Pressure can arise after a screening: a stale one never passes.
        message = msg(
            "the person's coercion screening is too old to speak for the decision now, so "
            "coercion is unknown, not absent"
        )
        observed = msg(
            "screening on {date}, older than {max_age} at as_of",
            date=screened.isoformat(),
            max_age=params.coercion_screening_max_age,
        )
    else:
        return  # the person was screened for coercion
    yield Problem.unknown(
        "coercion_screened_on",
        message,
        observed=observed,
        expected=msg(
            "an individual coercion screening between {date} and as_of", date=oldest.isoformat()
        ),
        severity=Severity.BLOCKER,
    )


@rule(
    code="VOL-006",
    title="No individual coercion indicators",
    scope=Scope.PERSON,
    severity=Severity.BLOCKER,
    checks=(
        "No person on the manifest, children included, has a coercion indicator recorded: "
        "threats or pressure, detention when deciding, a deportation order, confiscated "
        "documents, or assistance withdrawn for refusing to return; each indicator fails as a "
        "blocker. Each adult and each unaccompanied or separated child must also have been "
        "screened individually for coercion on or before as_of and no more than "
        "`coercion_screening_max_age` before it; without such a screening (none, one dated "
        "after as_of, or an older one), coercion is insufficient information at blocker "
        "weight, while an indicator recorded at any screening still fails. A dependent child "
        "is covered by the parents' screening."
        " A child recorded as accompanied counts as separated when no parent moves with "
        "them (parents are known by relationship to the head of household); when a member "
        "moving with them only may be a parent, the status is insufficient information."
    ),
    rationale=(
        "A decision taken under physical, psychological or material pressure is not free, "
        "and a signature does not make it so. Threats, detention, a deportation order, "
        "confiscated documents or assistance cut for refusing all remove real choice; each "
        "person who decides must have been asked about them individually, and recently enough "
        "for the answer to speak for the decision: pressure can arise after a screening."
    ),
    references=(
        Reference(
            instrument="UNHCR Handbook: Voluntary Repatriation: International Protection (1996)",
            locator="§2.3 (physical, psychological or material pressure)",
        ),
        Reference(instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 13"),
        Reference(
            instrument="IOM, A Framework for Assisted Voluntary Return and Reintegration (2018)",
            locator="principle 1 (voluntariness: freedom of choice)",
        ),
    ),
    remediation=(
        "Take the person off the manifest while any coercion indicator stands; address the "
        "pressure and re-interview the person independently once it has ended. Screen every "
        "adult and every unaccompanied or separated child individually for threats and "
        "pressure, and record the date; screen again when the last screening is older than "
        "the allowed age."
    ),
    waivable=False,
    parameters=("adult_age", "coercion_screening_max_age"),
)
def no_coercion_indicators(ctx: PersonContext) -> Iterator[Problem]:
    # Every indicator fails, whoever carries it: children included.
    for index, indicator in enumerate(ctx.person.coercion_indicators):
        yield Problem.fail(
            f"coercion_indicators[{index}]",
            _INDICATED[indicator],
            observed=msg("{indicator}", indicator=str(indicator)),
            expected=msg("no coercion indicator"),
        )
    # Those who decide must also have been screened. A dependent child is covered by the
    # parents' screening: the screening does not concern the child (not applicable), but the
    # rule does, so a child with no indicator passes.
    for found in for_those_who_decide(ctx, lambda: _own_screening(ctx)):
        if isinstance(found, Problem):
            yield found
