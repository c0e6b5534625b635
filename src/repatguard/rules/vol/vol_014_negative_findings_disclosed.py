"""VOL-014: the information given disclosed why return cannot be promoted."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import ConsentEvent
from repatguard.rules._people import for_those_who_decide
from repatguard.rules.api import (
    Found,
    PersonContext,
    Problem,
    Reference,
    Scope,
    Severity,
    ladder,
    msg,
    rule,
)
from repatguard.rules.vol._reassessed import reassessed_worse


def _own_disclosure(ctx: PersonContext) -> Iterator[Problem]:
    latest = ctx.latest_session
    expected = msg("an information session that disclosed the negative findings")
    if latest is None:
        yield Problem.unknown(
            "consent",
            msg(
                "no information session is on record, so it cannot be told whether the person "
                "learned why return cannot be promoted"
            ),
            observed=msg("no information session"),
            expected=expected,
        )
        return
    index, session = latest
    disclosed = session.disclosed_negative_findings
    yield from ladder(
        disclosed,
        holds=True,
        path=f"consent[{index}].disclosed_negative_findings",
        fails=msg("the information session did not disclose the findings that rule out promotion"),
        unknown=msg(
            "it is not recorded whether the information session disclosed the findings that "
            "rule out promotion"
        ),
        observed=msg("negative findings not disclosed"),
        expected=expected,
        unknown_observed=msg("unknown"),
    )
    if disclosed is True:
        # What was disclosed holds only until the area is found worse.
        yield from _still_current(ctx, index, session)


def _still_current(ctx: PersonContext, index: int, session: ConsentEvent) -> Iterator[Problem]:
    """Whether what the session at ``consent[index]`` disclosed was outdated by a worse
    assessment of the person's return area since."""
    if ctx.area is None:
        # The household's field: outside the person, so the path stays absolute.
        yield Problem.unknown(
            f"{ctx.household_path}.intended_return_area",
            msg(
                "the intended return area is unknown, so it cannot be told whether the area "
                "was assessed again, with worse findings, after the information session"
            ),
            observed=msg("no intended return area"),
            expected=msg("the reference of a return area"),
        )
        return
    yield from reassessed_worse(ctx, f"consent[{index}]", session)


@rule(
    code="VOL-014",
    title="Information disclosed the reasons promotion is not possible",
    scope=Scope.PERSON,
    severity=Severity.MINOR,
    checks=(
        "For each adult and each unaccompanied or separated child, the latest information "
        "session on or before as_of records that the negative findings ruling out promotion "
        "were disclosed. A session that did not disclose them fails; no session, or an "
        "unrecorded disclosure, is insufficient information. A disclosure is outdated, and "
        "fails, when the person's return area was assessed again, on or before as_of, after "
        "the assessment the session rests on (the one it names, or else the latest made "
        "before the day of the session), before or after the session, with a finding worse "
        "than in it, until a later session rests on the newer assessment; a later "
        "assessment that is undated, dated the same day as the one the session rests on, "
        "dated the day of a session naming none, or leaving a finding unrecorded that could "
        "be worse, or an unknown return area, is insufficient information. Findings are "
        "minor: the "
        "safeguard is a condition of facilitation and weighs only when return cannot be "
        "promoted; a dependent child is covered by the parents (not applicable)."
        " A child recorded as accompanied counts as separated when no parent moves with "
        "them (parents are known by relationship to the head of household); when a member "
        "moving with them only may be a parent, the status is insufficient information."
    ),
    rationale=(
        "When UNHCR only facilitates a return, the people it helps must know why it does not "
        "promote it: the negative findings on the conditions in the area of return are part "
        "of an informed decision. This safeguard weighs only when promotion is not possible."
    ),
    references=(
        Reference(
            instrument="repatguard domain specification (domain.md)",
            locator="§3.2 step 6 (information session disclosed the negative findings)",
        ),
        Reference(
            instrument="UNHCR Handbook for Emergencies (1999), ch. 19", locator="paras. 9, 16"
        ),
    ),
    remediation=(
        "Hold an information session that explains the findings that rule out promotion "
        "(the reasons listed in the report) and record that they were disclosed."
    ),
    parameters=("adult_age",),
    facilitation_gate=True,
)
def negative_findings_disclosed(ctx: PersonContext) -> Iterator[Found]:
    yield from for_those_who_decide(ctx, lambda: _own_disclosure(ctx))
