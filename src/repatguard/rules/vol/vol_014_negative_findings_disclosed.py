"""VOL-014: the information given disclosed why return cannot be promoted."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._people import decides_individually, latest_session
from repatguard.rules.api import Check, PersonContext, Reference, Scope, Severity, legacy_rule
from repatguard.rules.vol._coherent import coherent
from repatguard.rules.vol._reassessed import reassessed_worse


def _own_disclosure(ctx: PersonContext) -> Iterator[Check]:
    latest = latest_session(ctx)
    expected = "an information session that disclosed the negative findings"
    if latest is None:
        yield Check.unknown(
            f"{ctx.path}.consent",
            "no information session is on record, so it cannot be told whether the person "
            "learned why return cannot be promoted",
            observed="no information session",
            expected=expected,
        )
        return
    index, session = latest
    path = f"{ctx.path}.consent[{index}].disclosed_negative_findings"
    disclosed = session.disclosed_negative_findings
    if disclosed is True:
        # What was disclosed holds only until the area is found worse.
        if ctx.area is None:
            yield Check.unknown(
                f"{ctx.household_path}.intended_return_area",
                "the intended return area is unknown, so it cannot be told whether the area "
                "was assessed again, with worse findings, after the information session",
                observed="no intended return area",
                expected="the reference of a return area",
            )
            return
        outdated = list(reassessed_worse(ctx, f"{ctx.path}.consent[{index}]", session))
        if outdated:
            yield from outdated
            return
        yield Check.passed(path, "the information session disclosed the negative findings")
    elif disclosed is None:
        yield Check.unknown(
            path,
            "it is not recorded whether the information session disclosed the findings that "
            "rule out promotion",
            observed="unknown",
            expected=expected,
        )
    else:
        yield Check.failed(
            path,
            "the information session did not disclose the findings that rule out promotion",
            observed="negative findings not disclosed",
            expected=expected,
        )


@legacy_rule(
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
@coherent
def negative_findings_disclosed(ctx: PersonContext) -> Iterator[Check]:
    yield from decides_individually(ctx, lambda: _own_disclosure(ctx))
