"""PREM-014: coercion indicators across the manifest do not show systemic pressure."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.facts.facts import Facts
from repatguard.rules.api import Check, OperationContext, Reference, Scope, Severity, legacy_rule


def _share(count: int, total: int) -> str:
    return f"{count} of {total} persons who decide ({count / total:.0%})"


def _unlisted(facts: Facts) -> tuple[int, list[str]]:
    """People the population declares beyond those the manifest lists, per category, and
    the categories whose count is unknown (their people not listed are unbounded).

    Nobody knows whether they were screened, so they count as deciding and unscreened.
    """
    population = facts.population
    extra = sum(
        max(0, count - population.listed.get(category, 0))
        for category, count in population.counts.items()
        if count is not None and population.declared
    )
    return extra, population.missing()


@legacy_rule(
    code="PREM-014",
    title="Systemic pressure across cases",
    scope=Scope.OPERATION,
    severity=Severity.BLOCKER,
    checks=(
        "Counts the persons who decide for themselves: adults and children without parental "
        "care going back (unaccompanied or separated, or recorded as accompanied with no "
        "parent known to move with them, as the person rules read it; unknown age or care "
        "counts as deciding; dependent children and members who stay behind do not), plus "
        "anyone with coercion indicators recorded. "
        "People the population declares beyond those listed on the manifest count as deciding "
        "and not screened. When the share with coercion indicators reaches "
        "`systemic_pressure_share` it is a blocker for the whole operation. When it is not "
        "reached but the persons flagged plus those not screened on or before as_of (or "
        "screened longer ago than `coercion_screening_max_age`: stale evidence never clears) "
        "would "
        "reach it, or a population count is unknown (the people not listed are then "
        "unbounded), the result is insufficient information. Below the share, "
        "`systemic_pressure_min_count` persons with indicators call for a targeted review: a "
        "major finding (insufficient information when the unscreened could reach the count). "
        "The rule does not apply only when every population count is declared zero and no "
        "one is listed."
    ),
    rationale=(
        "Coercion found in one case concerns that person; found in many, it shows pressure on "
        "the whole population, and then no decision in the operation can be presumed free. "
        "The share is taken among those who decide, since children and people staying behind "
        "take no decision to return and would dilute it; a count catches a pattern that a "
        "large operation would dilute even so. People declared but not listed were never "
        "screened as far as the record shows. The share and the count are proposed "
        "thresholds, not ones set by a source."
    ),
    references=(
        Reference(instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 13"),
        Reference(
            instrument="repatguard domain specification (domain.md)",
            locator="A-2 (an unknown weighs as the worst outcome its rule could reach)",
        ),
    ),
    remediation=(
        "Suspend the movement, find out where the pressure comes from and take it up with "
        "those responsible; screen everyone not yet asked about threats and pressure, list "
        "everyone the population declares, and re-interview the people concerned once the "
        "pressure has ended. Below the systemic share, review the flagged cases together for "
        "a common source of pressure."
    ),
    parameters=(
        "adult_age",
        "systemic_pressure_share",
        "systemic_pressure_min_count",
        "coercion_screening_max_age",
    ),
)
def systemic_pressure(ctx: OperationContext) -> Iterator[Check]:
    facts = ctx.facts
    # Counted over the households held in the operation and, for a streamed manifest, over
    # the counters kept while it streamed (see repatguard.facts.facts.count_people).
    people = facts.people()
    unlisted, uncounted = _unlisted(facts)
    if not people.persons and not unlisted and not uncounted:
        return  # everyone is counted, and the count is zero
    flagged = people.coercion_flagged
    # Declared people not listed could each be an unscreened adult: the worst case.
    unscreened = people.coercion_unscreened + unlisted
    total = people.coercion_deciding + unlisted
    threshold = facts.params.systemic_pressure_share
    minimum = facts.params.systemic_pressure_min_count
    expected = (
        f"below {threshold:.0%} of the persons who decide with coercion indicators "
        "(proposed threshold)"
    )
    observed = f"{_share(flagged, total)} with coercion indicators" if total else "no one decides"
    if flagged and flagged / total >= threshold:
        yield Check.failed(
            _PATH,
            "coercion indicators are recorded for a share of the persons who decide that shows "
            "systemic pressure on the population",
            observed=observed,
            expected=expected,
        )
        return
    share_unknown = True
    if uncounted:
        # However many people a missing count hides, they could all be unscreened adults.
        yield Check.unknown(
            _PATH,
            "the population in scope is not counted in every category, so people not on the "
            "manifest, never screened for coercion, could reveal a pattern",
            observed=f"{observed}; unknown counts: {', '.join(uncounted)}",
            expected=expected,
        )
    elif unscreened and (flagged + unscreened) / total >= threshold:
        yield Check.unknown(
            _PATH,
            "too many persons who decide have not been screened for coercion to rule out "
            "systemic pressure; their screening could reveal a pattern",
            observed=f"{observed}; {_share(unscreened, total)} not screened"
            + (f" ({unlisted} declared but not listed)" if unlisted else ""),
            expected=expected,
        )
    else:
        share_unknown = False
        yield Check.passed(
            _PATH,
            "coercion indicators among the persons who decide stay below the "
            "systemic-pressure threshold",
            observed=observed,
        )
    count_expected = f"fewer than {minimum} persons with coercion indicators (proposed)"
    if flagged >= minimum:
        yield Check.failed(
            _COUNT_PATH,
            "coercion indicators are recorded for enough persons to call for a targeted review "
            "of pressure, although their share stays below the systemic threshold",
            observed=f"{flagged} persons with coercion indicators",
            expected=count_expected,
            severity=Severity.MAJOR,
        )
    elif not share_unknown and flagged + unscreened >= minimum:
        yield Check.unknown(
            _COUNT_PATH,
            "enough persons have not been screened for coercion that their screening could "
            "reach the count that calls for a targeted review of pressure",
            observed=f"{flagged} persons with coercion indicators; {unscreened} not screened",
            expected=count_expected,
            severity=Severity.MAJOR,
        )


_PATH = "$.households"
_COUNT_PATH = "$.households[*].members[*].coercion_indicators"
