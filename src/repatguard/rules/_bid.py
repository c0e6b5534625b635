"""A child's best-interests determination: whether it is current, favourable and made by a
named authority (read by CHILD-001 for children without parental care and by CHILD-005 for
children whose parent stays behind outside the household)."""

from __future__ import annotations

from collections.abc import Iterator

import pendulum

from repatguard.model import BestInterestsDetermination, BestInterestsOutcome
from repatguard.rules.api import PersonContext, Problem, msg

__all__ = ["determination_problems"]

_BID = "best_interests_determination"
_IN_BEST_INTERESTS = msg("{outcome}", outcome=str(BestInterestsOutcome.RETURN_IN_BEST_INTERESTS))


def _completion(ctx: PersonContext, bid: BestInterestsDetermination) -> Iterator[Problem]:
    facts = ctx.facts
    at = f"{_BID}.completed_on"
    completed = bid.completed_on
    if completed is None:
        yield Problem.unknown(
            at,
            msg(
                "the date the best-interests determination was completed is not recorded, so "
                "it cannot be told whether it is completed and current"
            ),
            observed=msg("no completion date"),
            expected=msg("the completion date of the determination"),
        )
        return
    if completed > facts.today:
        yield Problem.fail(
            at,
            msg(
                "the best-interests determination is dated after the reference date, so it "
                "has not been completed yet"
            ),
            observed=msg("completed on {date}", date=completed.isoformat()),
            expected=msg("completed on or before {date}", date=facts.today.isoformat()),
        )
        return
    oldest = facts.params.before(facts.today, "bid_max_age")
    if completed < oldest:
        yield Problem.fail(
            at,
            msg(
                "the best-interests determination is older than {limit}; it must be reviewed "
                "before the child returns",
                limit=str(facts.params.bid_max_age),
            ),
            observed=msg("completed on {date}", date=completed.isoformat()),
            expected=msg("completed on or after {date}", date=oldest.isoformat()),
        )
    yield from _reassessed_after(ctx, at, completed)


def _reassessed_after(ctx: PersonContext, at: str, completed: pendulum.Date) -> Iterator[Problem]:
    area = ctx.area
    if area is None:
        # The return area is the household's field, outside the person: an absolute path.
        yield Problem.unknown(
            f"{ctx.household_path}.intended_return_area",
            msg(
                "the child's intended return area is unknown, so it cannot be told whether "
                "circumstances there were re-assessed after the best-interests determination"
            ),
            observed=msg("no intended return area"),
            expected=msg("the reference of a return area"),
        )
        return
    latest = ctx.facts.latest_assessment(area)
    if latest is None:
        return  # no assessment of the area at all: nothing re-assessed (COND-001 reports it)
    index, assessment = latest
    if assessment.assessed_on is None:
        yield Problem.unknown(
            f"$.assessments[{index}].assessed_on",
            msg(
                "the latest assessment of the child's return area is undated, so it cannot be "
                "told whether circumstances were re-assessed after the best-interests "
                "determination"
            ),
            observed=msg("no assessment date"),
            expected=msg("an assessment date"),
        )
        return
    if assessment.assessed_on > completed:
        yield Problem.fail(
            at,
            msg(
                "circumstances in the child's return area were re-assessed after the "
                "best-interests determination; it must be reviewed in the light of the new "
                "assessment"
            ),
            observed=msg(
                "determination on {determined}, assessment {assessment} on {assessed}",
                determined=completed.isoformat(),
                assessment=assessment.reference,
                assessed=assessment.assessed_on.isoformat(),
            ),
            expected=msg("a determination made or reviewed on or after the latest assessment"),
        )


def _outcome(bid: BestInterestsDetermination) -> Iterator[Problem]:
    at = f"{_BID}.outcome"
    if bid.outcome is None:
        yield Problem.unknown(
            at,
            msg("the outcome of the best-interests determination is not recorded"),
            observed=msg("no outcome"),
            expected=_IN_BEST_INTERESTS,
        )
    elif bid.outcome is BestInterestsOutcome.PENDING:
        yield Problem.fail(
            at,
            msg(
                "the best-interests determination is still pending; the child cannot return "
                "before it concludes"
            ),
            observed=msg("{outcome}", outcome=str(bid.outcome)),
            expected=_IN_BEST_INTERESTS,
        )
    elif bid.outcome is BestInterestsOutcome.RETURN_NOT_IN_BEST_INTERESTS:
        yield Problem.fail(
            at,
            msg(
                "the best-interests determination concluded that return is not in the "
                "child's best interests"
            ),
            observed=msg("{outcome}", outcome=str(bid.outcome)),
            expected=_IN_BEST_INTERESTS,
        )


def determination_problems(ctx: PersonContext) -> Iterator[Problem]:
    """A current determination by a named authority, concluding that return is in the child's
    best interests; nothing when there is one."""
    bid = ctx.person.best_interests_determination
    if bid is None:
        yield Problem.fail(
            _BID,
            msg(
                "an unaccompanied or separated child has no best-interests determination on record"
            ),
            observed=msg("no determination"),
            expected=msg(
                "a completed determination concluding that return is in the child's best interests"
            ),
        )
        return
    yield from _completion(ctx, bid)
    yield from _outcome(bid)
    if bid.authority is None:
        yield Problem.unknown(
            f"{_BID}.authority",
            msg(
                "the authority that made the best-interests determination is not recorded, "
                "so it cannot be told whether it was competent"
            ),
            observed=msg("no authority"),
            expected=msg("the competent authority or panel that made the determination"),
        )
