"""PREM-014: coercion indicators across the manifest do not show systemic pressure."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import CoercionIndicator
from repatguard.rules.api import Check, OperationContext, Reference, Scope, Severity, rule
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_member


def _share(count: int, total: int) -> str:
    return f"{count} of {total} persons ({count / total:.0%})"


@rule(
    code="PREM-014",
    title="Systemic pressure across cases",
    scope=Scope.OPERATION,
    severity=Severity.BLOCKER,
    checks=(
        "Across everyone on the manifest, the share of persons with coercion indicators "
        "recorded is compared with `systemic_pressure_share`: reaching it is a blocker for "
        "the whole operation. When it is not reached but the persons flagged plus those who "
        "should have been screened for coercion and were not (adults and unaccompanied or "
        "separated children going back, with no screening on or before as_of) would reach "
        "it, the result is insufficient information. The rule does not apply when no one is "
        "listed on the manifest."
    ),
    rationale=(
        "Coercion found in one case concerns that person; found in many, it shows pressure on "
        "the whole population, and then no decision in the operation can be presumed free. "
        "The share that counts as systemic is a proposed threshold, not one set by a source."
    ),
    references=(
        Reference(instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 13"),
    ),
    remediation=(
        "Suspend the movement, find out where the pressure comes from and take it up with "
        "those responsible; screen everyone not yet asked about threats and pressure, and "
        "re-interview the people concerned once the pressure has ended."
    ),
    parameters=("systemic_pressure_share",),
)
def systemic_pressure(ctx: OperationContext) -> Iterator[Check]:
    facts = ctx.facts
    # Counted over the households held in the operation and, for a streamed manifest, over
    # the counters kept while it streamed (see repatguard.engine.facts.count_people).
    people = facts.people()
    total = people.persons
    if not total:
        return
    flagged = people.coercion_flagged
    unscreened = people.coercion_unscreened
    threshold = facts.params.systemic_pressure_share
    expected = f"below {threshold:.0%} of persons with coercion indicators (proposed threshold)"
    if flagged and flagged / total >= threshold:
        yield Check.failed(
            "$.households",
            "coercion indicators are recorded for a share of the persons that shows systemic "
            "pressure on the population",
            observed=f"{_share(flagged, total)} with coercion indicators",
            expected=expected,
        )
        return
    if unscreened and (flagged + unscreened) / total >= threshold:
        yield Check.unknown(
            "$.households",
            "too many persons have not been screened for coercion to rule out systemic "
            "pressure; their screening could reveal a pattern",
            observed=(
                f"{_share(flagged, total)} with coercion indicators; "
                f"{_share(unscreened, total)} not screened"
            ),
            expected=expected,
        )
        return
    yield Check.passed(
        "$.households",
        "coercion indicators across the manifest stay below the systemic-pressure threshold",
        observed=f"{_share(flagged, total)} with coercion indicators",
    )


EXAMPLES = RuleExamples(
    passing=Example(
        description="Both adults were screened for coercion 15 days before as_of with no "
        "indicator found; their child is covered by them.",
        change=lambda op: op,
    ),
    failing=Example(
        description="Threats or pressure are recorded for P-1, one of the three persons on the "
        "manifest (33%, at or above the 10% threshold).",
        change=lambda op: with_member(
            op, 0, 0, coercion_indicators=(CoercionIndicator.THREATS_OR_PRESSURE,)
        ),
    ),
    missing=Example(
        description="P-2, one of the three persons on the manifest, was never screened for "
        "coercion, so that screening could reveal a pattern.",
        change=lambda op: with_member(op, 0, 1, coercion_screened_on=None),
    ),
)
