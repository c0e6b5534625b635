"""VOL-012: the return was initiated by the displaced people themselves."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from repatguard.facts.facts import Kin, Member
from repatguard.model import Initiator, Operation, initiated_by_displaced
from repatguard.rules._people import parents_passing
from repatguard.rules.api import (
    OperationContext,
    PersonContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)


def _requested(ctx: PersonContext) -> bool:
    on = ctx.person.return_requested_on
    return on is not None and on <= ctx.facts.today


def _requested_and_may_move(member: Member) -> bool:
    on = member.person.return_requested_on
    return member.person.stays_behind is not True and on is not None and on <= member.facts.today


def _request_of(ctx: PersonContext) -> bool | None:
    """Whether the person's own documented request, or for a dependent child a parent's,
    is on record; ``None`` when only someone who may be the child's parent made one."""
    if _requested(ctx):
        return True
    if ctx.is_adult is not False or ctx.without_parental_care is not False:
        return False  # decides individually, or may: an own request is needed
    known, possible = parents_passing(ctx.kin, ctx.person, _requested_and_may_move)
    if known:
        return True
    return None if possible else False


def _individual_requests(ctx: OperationContext) -> tuple[list[str], list[str]]:
    """Paths of the persons on the manifest without a documented request, and of the
    children whose cover by a parent's request cannot be told; both empty only when everyone
    on the manifest is covered. The paths are absolute: the first one missing is named in
    the finding's message."""
    facts = ctx.facts
    missing: list[str] = []
    unsure: list[str] = []
    for h, household in enumerate(facts.operation.households):
        kin = Kin.of(facts, household)
        for m, person in enumerate(household.members):
            if person.stays_behind is True:
                continue
            path = f"$.households[{h}].members[{m}]"
            found = _request_of(
                PersonContext.of(facts, kin, person, path=path, household_path=f"$.households[{h}]")
            )
            if found is False:
                missing.append(f"{path}.return_requested_on")
            elif found is None:
                unsure.append(f"{path}.relationship_to_head")
    return missing, unsure


def _on_manifest(operation: Operation) -> bool:
    return any(p.stays_behind is not True for h in operation.households for p in h.members)


@rule(
    code="VOL-012",
    title="Return initiated by the displaced themselves",
    scope=Scope.OPERATION,
    severity=Severity.MINOR,
    checks=(
        "The operation records who initiated the return, and it was the displaced people "
        "themselves; or else every person on the manifest asked for help to return in a "
        "documented individual request (`return_requested_on` on or before as_of), a "
        "dependent child through a request of a parent who moves with the child. A return "
        "initiated by the host state, the country of origin, UNHCR, IOM, anyone else or "
        "several parties (`mixed`) fails unless those requests are all on record; an "
        "unrecorded initiator is insufficient information unless they are. A request that "
        "is not documented never counts: a person without one keeps the finding, and a "
        "child covered only by someone who may be a parent makes it insufficient "
        "information. Requests are read from the households held in the operation: those "
        "of a streamed manifest cannot be shown here and do not count. Where a return area "
        "records its own initiator (`return_areas[].initiated_by`), each area is judged on its "
        "own initiator, else the operation's, and the finding is tied to that area; requests "
        "are still read over the whole manifest. Findings are minor: "
        "the safeguard is a condition of facilitation and weighs only when return cannot be "
        "promoted."
    ),
    rationale=(
        "When conditions do not allow UNHCR to promote return, it may still facilitate "
        "returns, but only those that people decide on themselves: the return is initiated "
        "by the displaced, or each person asked for help to return in a documented "
        "individual request (as in assisted returns of screened migrants). This safeguard "
        "weighs only when promotion is not possible: it is then a condition of facilitation."
    ),
    references=(
        Reference(
            instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="para. 5(iv)"
        ),
        Reference(
            instrument="repatguard domain specification (domain.md)",
            locator="§3.2 step 6 (refugee-initiated, or a documented individual request)",
        ),
    ),
    remediation=(
        "Facilitate only returns that the displaced people have asked for; record who "
        "initiated the return (the displaced themselves), or record for each person the date "
        "of their documented individual request for help to return."
    ),
    parameters=("adult_age",),
    facilitation_gate=True,
)
def return_initiated_by_displaced(ctx: OperationContext) -> Iterator[Problem]:
    operation = ctx.facts.operation
    requests: list[tuple[list[str], list[str]]] = []  # computed at most once, when needed
    if all(area.initiated_by is None for area in operation.return_areas):
        yield from _judged(ctx, operation.initiated_by, "initiated_by", None, requests)
        return
    # Returns to some areas were initiated by others than to the rest: each area is judged
    # on its own initiator (its record, else the operation's).
    for i, area in enumerate(operation.return_areas):
        path = "initiated_by" if area.initiated_by is None else f"$.return_areas[{i}].initiated_by"
        yield from _judged(ctx, area.initiator(operation), path, area.reference, requests)


def _judged(
    ctx: OperationContext,
    initiator: Initiator | None,
    path: str,
    area: str | None,
    requests: list[tuple[list[str], list[str]]],
) -> Iterator[Problem]:
    """The finding, if any, for returns initiated by ``initiator`` (to ``area``, or to every
    area when ``None``). Documented requests are read over the whole manifest: a request of
    someone bound elsewhere does not count, and one missing anywhere keeps the finding."""
    facts = ctx.facts
    own = initiated_by_displaced(initiator)
    if own is True:
        return  # the displaced people initiated the return
    # A streamed manifest keeps only counters, so its requests cannot be shown (never assumed).
    streamed = facts.manifest is not None and facts.manifest.persons > 0
    missing: list[str] = []
    unsure: list[str] = []
    if _on_manifest(facts.operation) and not streamed:
        if not requests:
            requests.append(_individual_requests(ctx))
        missing, unsure = requests[0]
        if not missing and not unsure:
            # Everyone on the manifest asked for help to return in a documented individual
            # request (a dependent child through a parent's).
            return
    found = _not_initiated(initiator, own, missing, unsure)
    yield attrs.evolve(found, path=path if found.path == "initiated_by" else found.path, area=area)


# Whole sentences per case: whether the initiator is recorded, and whether some people on
# the manifest lack a documented request (``{missing}`` of them, the first at ``{first}``)
# or no requests can be shown at all.
_NO_INITIATOR = {
    True: msg(
        "it is not recorded who initiated the return; {missing} person(s) on the manifest "
        "without a documented individual request (first: {first})"
    ),
    False: msg(
        "it is not recorded who initiated the return; no documented individual requests can "
        "be shown"
    ),
}
_INITIATOR_OBSERVED = {
    True: msg(
        "initiator {initiator}; {missing} person(s) on the manifest without a documented "
        "individual request (first: {first})"
    ),
    False: msg("initiator {initiator}; no documented individual requests can be shown"),
}
_INITIATOR_UNRECORDED_OBSERVED = {
    True: msg(
        "initiator not recorded; {missing} person(s) on the manifest without a documented "
        "individual request (first: {first})"
    ),
    False: msg("initiator not recorded; no documented individual requests can be shown"),
}
_INITIATED_BY_OBSERVED = {
    True: msg(
        "initiated by {initiator}; {missing} person(s) on the manifest without a documented "
        "individual request (first: {first})"
    ),
    False: msg("initiated by {initiator}; no documented individual requests can be shown"),
}


def _not_initiated(
    initiator: Initiator | None, own: bool | None, missing: list[str], unsure: list[str]
) -> Problem:
    """The finding for a return not shown to be initiated by the displaced as a whole, nor
    asked for in everyone's documented request (``missing`` and ``unsure``, as from
    :func:`_individual_requests`)."""
    expected = msg("initiated by the displaced themselves, or a documented individual request")
    if unsure and not missing:
        observed = (
            msg(
                "initiator not recorded; {count} child(ren) without a known parent's request",
                count=len(unsure),
            )
            if initiator is None
            else msg(
                "initiator {initiator}; {count} child(ren) without a known parent's request",
                initiator=str(initiator),
                count=len(unsure),
            )
        )
        return Problem.unknown(
            unsure[0],
            msg(
                "the return was not shown to be initiated by the displaced as a whole, and for "
                "{count} child(ren) on the manifest only someone who may be a parent made a "
                "documented request to return",
                count=len(unsure),
            ),
            observed=observed,
            expected=expected,
        )
    some = bool(missing)
    requests: dict[str, str | int] = (
        {"missing": len(missing), "first": missing[0]} if missing else {}
    )
    if own is None:
        return Problem.unknown(
            "initiated_by",
            _NO_INITIATOR[some].with_values(**requests),
            observed=_INITIATOR_UNRECORDED_OBSERVED[some].with_values(**requests)
            if initiator is None
            else _INITIATOR_OBSERVED[some].with_values(initiator=str(initiator), **requests),
            expected=expected,
        )
    return Problem.fail(
        "initiated_by",
        msg(
            "the return was not initiated by the displaced people themselves, nor asked for by "
            "each person in a documented individual request, so it can be facilitated only if "
            "it can be promoted"
        ),
        observed=_INITIATED_BY_OBSERVED[some].with_values(initiator=str(initiator), **requests),
        expected=expected,
    )
