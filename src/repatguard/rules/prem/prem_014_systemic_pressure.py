"""PREM-014: coercion indicators across the manifest do not show systemic pressure."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from repatguard.facts.facts import Facts
from repatguard.rules.api import (
    NOT_APPLICABLE,
    Found,
    Message,
    OperationContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)


def _percent(share: float) -> str:
    """A share as the messages show it, a value of its own (``37%``)."""
    return f"{share:.0%}"


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


@rule(
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
def systemic_pressure(ctx: OperationContext) -> Iterator[Found]:
    facts = ctx.facts
    # Counted over the households held in the operation and, for a streamed manifest, over
    # the counters kept while it streamed (see repatguard.facts.facts.count_people).
    people = facts.people()
    unlisted, uncounted = _unlisted(facts)
    if not people.persons and not unlisted and not uncounted:
        yield NOT_APPLICABLE  # everyone is counted, and the count is zero
        return
    counts = _Counts(
        flagged=people.coercion_flagged,
        # Declared people not listed could each be an unscreened adult: the worst case.
        unscreened=people.coercion_unscreened + unlisted,
        total=people.coercion_deciding + unlisted,
        unlisted=unlisted,
        uncounted=tuple(uncounted),
    )
    threshold = facts.params.systemic_pressure_share
    minimum = facts.params.systemic_pressure_min_count
    expected = msg(
        "below {share} of the persons who decide with coercion indicators (proposed threshold)",
        share=_percent(threshold),
    )
    if counts.flagged and counts.flagged / counts.total >= threshold:
        yield Problem.fail(
            _PATH,
            msg(
                "coercion indicators are recorded for a share of the persons who decide that "
                "shows systemic pressure on the population"
            ),
            observed=counts.observed,
            expected=expected,
        )
        return
    share_unknown = _share_unknown(counts, threshold, expected)
    if share_unknown is not None:
        yield share_unknown
    yield from _targeted_review(counts, minimum, share_known=share_unknown is None)


@attrs.frozen(kw_only=True)
class _Counts:
    """Who decides, who has coercion indicators and who was never screened."""

    flagged: int
    unscreened: int
    """Not screened (or screened too long ago), the declared people not listed included."""
    total: int
    """The persons who decide, the declared people not listed included."""
    unlisted: int
    uncounted: tuple[str, ...]
    """The population categories whose count is unknown."""

    @property
    def observed(self) -> Message:
        if not self.total:
            return msg("no one decides")
        return msg(
            "{flagged} of {total} persons who decide ({share}) with coercion indicators",
            **self.flagged_values,
        )

    @property
    def flagged_values(self) -> dict[str, int | str]:
        """The values of a message on the persons flagged among those who decide (some)."""
        share = _percent(self.flagged / self.total)
        return {"flagged": self.flagged, "total": self.total, "share": share}


def _share_unknown(counts: _Counts, threshold: float, expected: Message) -> Problem | None:
    """Insufficient information when the share is below the threshold but the people not
    counted or not screened could reach it, else ``None`` (the share holds)."""
    if counts.uncounted:
        # However many people a missing count hides, they could all be unscreened adults.
        return Problem.unknown(
            _PATH,
            msg(
                "the population in scope is not counted in every category, so people not on "
                "the manifest, never screened for coercion, could reveal a pattern"
            ),
            observed=_uncounted(counts),
            expected=expected,
        )
    if counts.unscreened and (counts.flagged + counts.unscreened) / counts.total >= threshold:
        return Problem.unknown(
            _PATH,
            msg(
                "too many persons who decide have not been screened for coercion to rule out "
                "systemic pressure; their screening could reveal a pattern"
            ),
            observed=_unscreened(counts),
            expected=expected,
        )
    return None


def _uncounted(counts: _Counts) -> Message:
    categories = ", ".join(counts.uncounted)
    if not counts.total:
        return msg("no one decides; unknown counts: {categories}", categories=categories)
    return msg(
        "{flagged} of {total} persons who decide ({share}) with coercion indicators; unknown "
        "counts: {categories}",
        categories=categories,
        **counts.flagged_values,
    )


def _unscreened(counts: _Counts) -> Message:
    """Asked only when someone decides (``counts.total`` is not zero)."""
    unscreened: dict[str, int | str] = {
        "unscreened": counts.unscreened,
        "unscreened_share": _percent(counts.unscreened / counts.total),
    }
    if counts.unlisted:
        return msg(
            "{flagged} of {total} persons who decide ({share}) with coercion indicators; "
            "{unscreened} of {total} persons who decide ({unscreened_share}) not screened "
            "({unlisted} declared but not listed)",
            unlisted=counts.unlisted,
            **unscreened,
            **counts.flagged_values,
        )
    return msg(
        "{flagged} of {total} persons who decide ({share}) with coercion indicators; "
        "{unscreened} of {total} persons who decide ({unscreened_share}) not screened",
        **unscreened,
        **counts.flagged_values,
    )


def _targeted_review(counts: _Counts, minimum: int, *, share_known: bool) -> Iterator[Problem]:
    """Below the systemic share, enough persons with indicators still call for a targeted
    review: a major finding. Whether the unscreened could reach the count is asked only when
    the share itself is known (an unknown share already says they were not screened)."""
    expected = msg(
        "fewer than {minimum} persons with coercion indicators (proposed)", minimum=minimum
    )
    if counts.flagged >= minimum:
        yield Problem.fail(
            _COUNT_PATH,
            msg(
                "coercion indicators are recorded for enough persons to call for a targeted "
                "review of pressure, although their share stays below the systemic threshold"
            ),
            observed=msg("{flagged} persons with coercion indicators", flagged=counts.flagged),
            expected=expected,
            severity=Severity.MAJOR,
        )
    elif share_known and counts.flagged + counts.unscreened >= minimum:
        yield Problem.unknown(
            _COUNT_PATH,
            msg(
                "enough persons have not been screened for coercion that their screening could "
                "reach the count that calls for a targeted review of pressure"
            ),
            observed=msg(
                "{flagged} persons with coercion indicators; {unscreened} not screened",
                flagged=counts.flagged,
                unscreened=counts.unscreened,
            ),
            expected=expected,
            severity=Severity.MAJOR,
        )


# Relative to the operation.
_PATH = "households"
_COUNT_PATH = "households[*].members[*].coercion_indicators"
