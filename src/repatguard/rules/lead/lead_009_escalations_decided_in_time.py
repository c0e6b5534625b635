"""LEAD-009: an issue of concern does not wait on the joint escalation path past its limit."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._escalations import decided, in_force, scopes
from repatguard.rules.api import OperationContext, Problem, Reference, Scope, Severity, msg, rule


@rule(
    code="LEAD-009",
    title="Issues of concern are decided within the escalation time limit",
    scope=Scope.OPERATION,
    severity=Severity.MAJOR,
    checks=(
        "For every escalation on record that is open at as_of (raised on or before as_of, "
        "or undated, and without a joint decision dated on or before as_of; see LEAD-008), in "
        "each return area it concerns (or for the whole operation when it names none): it "
        "fails when it was raised more than `escalation_decision_max_age` before as_of, and "
        "is insufficient information when it is undated, since how long it has waited cannot "
        "be told. Decided escalations pass, however long the decision took."
    ),
    rationale=(
        "An issue of concern left undecided holds the people it concerns in place, neither "
        "cleared nor told no, while conditions and their own plans change. A referral that "
        "has waited past the agreed time needs following up with the Chiefs of Staff, and "
        "reviewers need to see it."
    ),
    references=(
        Reference(
            instrument="Joint IOM-UNHCR letter (2019)",
            locator="joint escalation of issues of concern to the Chiefs of Staff (paragraph "
            "not verified with the available sources; the letter sets no time limit)",
        ),
    ),
    remediation=(
        "Follow up the referral with both agencies' Chiefs of Staff and record the joint "
        "decision (decision and decided_on) once taken; record when it was raised."
    ),
    parameters=("escalation_decision_max_age",),
)
def escalations_decided_in_time(ctx: OperationContext) -> Iterator[Problem]:
    facts = ctx.facts
    today = facts.today
    limit = facts.params.days("escalation_decision_max_age")
    for index, escalation in in_force(facts):
        if decided(index, escalation, today) is not None:
            continue
        reference = escalation.reference
        raised_on = escalation.raised_on
        for area in scopes(escalation):
            if raised_on is None:
                yield Problem.unknown(
                    f"escalations[{index}].raised_on",
                    msg(
                        "escalation {escalation} is open and undated, so it cannot be told "
                        "whether it has waited longer than the time limit for a joint decision",
                        escalation=reference,
                    ),
                    observed=msg("escalation {escalation}: no date raised", escalation=reference),
                    expected=msg("the date it was raised"),
                    area=area,
                )
                continue
            waited = (today - raised_on).days
            if waited > limit:
                yield Problem.fail(
                    f"escalations[{index}].raised_on",
                    msg(
                        "escalation {escalation} has waited {waited} days for a joint "
                        "IOM-UNHCR decision, longer than the {limit} days allowed",
                        escalation=reference,
                        waited=waited,
                        limit=limit,
                    ),
                    observed=msg(
                        "raised {raised_on}, no joint decision by {date}",
                        raised_on=raised_on.isoformat(),
                        date=today.isoformat(),
                    ),
                    expected=msg(
                        "a joint decision within {limit} days of being raised", limit=limit
                    ),
                    area=area,
                )
