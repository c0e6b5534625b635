"""PREM-012: cessation of refugee status is applied only after fundamental, durable change."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from repatguard.rules.api import (
    Message,
    OperationContext,
    Problem,
    Reference,
    Scope,
    Severity,
    ladder,
    msg,
    rule,
)


@attrs.frozen
class _Element:
    """One element the cessation analysis must establish, and the messages about it."""

    field: str
    fails: Message
    unknown: Message
    expected: Message


_ELEMENTS = (
    _Element(
        "fundamental",
        fails=msg(
            "the cessation analysis does not find that the change in the country of origin "
            "is fundamental"
        ),
        unknown=msg(
            "the cessation analysis does not record whether the change in the country of "
            "origin is fundamental"
        ),
        expected=msg("the change in the country of origin is fundamental (true)"),
    ),
    _Element(
        "durable",
        fails=msg("the cessation analysis does not find that the change is durable"),
        unknown=msg("the cessation analysis does not record whether the change is durable"),
        expected=msg("the change is durable (true)"),
    ),
    _Element(
        "effective_protection_restored",
        fails=msg(
            "the cessation analysis does not find that effective protection is restored in "
            "the country"
        ),
        unknown=msg(
            "the cessation analysis does not record whether effective protection is restored "
            "in the country"
        ),
        expected=msg("effective protection is restored in the country (true)"),
    ),
    _Element(
        "compelling_reasons_procedure",
        fails=msg(
            "the cessation analysis does not find that a procedure exempts people with "
            "compelling reasons arising from past persecution"
        ),
        unknown=msg(
            "the cessation analysis does not record whether a procedure exempts people with "
            "compelling reasons arising from past persecution"
        ),
        expected=msg(
            "a procedure exempts people with compelling reasons arising from past persecution "
            "(true)"
        ),
    ),
)


# Long in lines, not in logic: each finding's message is written out whole for the
# catalogues (docs/writing-rules.md), one per branch.
@rule(
    code="PREM-012",
    title="Cessation only after fundamental, durable change",
    scope=Scope.OPERATION,
    severity=Severity.BLOCKER,
    checks=(
        "When the return is driven by cessation of refugee status, a cessation analysis is "
        "on record that finds the change fundamental and durable, effective protection "
        "restored and a compelling-reasons procedure in place, and dates the change at least "
        "`consolidation_period` before as_of."
    ),
    rationale=(
        "Refugee status may end because circumstances have changed only when the change is "
        "fundamental, has proven durable and restores effective protection, and people with "
        "compelling reasons arising from past persecution can still be exempted. A return "
        "driven by a premature cessation is not voluntary. How long a change must have held "
        "(the consolidation period) is a project proposal; no source fixes a number."
    ),
    references=(
        Reference(
            instrument="UNHCR ExCom Conclusion No. 69 (XLIII), 1992",
            locator="para. (a) (careful assessment of fundamental, stable and durable change)",
        ),
        Reference(
            instrument="UNHCR Guidelines on International Protection No. 3 (HCR/GIP/03/03, 2003)",
            locator=(
                "fundamental, durable change; restored protection; compelling-reasons exception "
                "(paragraph numbers not verified with the available sources)"
            ),
        ),
        Reference(
            instrument="Convention relating to the Status of Refugees (1951)",
            locator="Art. 1C(5)",
        ),
    ),
    remediation=(
        "Do not base the return on cessation until a recorded cessation analysis shows a "
        "fundamental change that has held for the consolidation period, restored effective "
        "protection, and a procedure for individual exemption on compelling reasons."
    ),
    parameters=("consolidation_period",),
)
def cessation_after_durable_change(ctx: OperationContext) -> Iterator[Problem]:
    facts = ctx.facts
    operation = facts.operation
    driven = operation.driven_by_cessation
    if driven is None:
        yield Problem.unknown(
            "driven_by_cessation",
            msg("it is not recorded whether the return follows a cessation of refugee status"),
            observed=msg("unknown"),
            expected=msg("true or false"),
        )
        return
    if driven is False:
        return  # the return is not driven by cessation
    analysis = operation.cessation_analysis
    if analysis is None:
        yield Problem.fail(
            "cessation_analysis",
            msg(
                "the return is driven by cessation of refugee status, with no cessation "
                "analysis on record"
            ),
            observed=msg("no analysis"),
            expected=msg("a recorded cessation analysis"),
        )
        return
    # Each element must be established (true); not recorded is not established either.
    for element in _ELEMENTS:
        yield from ladder(
            getattr(analysis, element.field),
            holds=True,
            path=f"cessation_analysis.{element.field}",
            fails=element.fails,
            unknown=element.unknown,
            observed=msg("not established (false)"),
            expected=element.expected,
        )
    # The change must have held for the consolidation period (a proposed length).
    changed = analysis.change_date
    path = "cessation_analysis.change_date"
    period = facts.params.consolidation_period
    if changed is None:
        yield Problem.unknown(
            path,
            msg(
                "the cessation analysis does not date the change, so its durability cannot be "
                "judged"
            ),
            observed=msg("no date"),
            expected=msg(
                "the date of the change, at least {period} before as_of", period=str(period)
            ),
        )
        return
    latest = facts.params.before(facts.today, "consolidation_period")
    if changed > latest:
        yield Problem.fail(
            path,
            msg(
                "the change is too recent to be durable (consolidation period {period}, proposed)",
                period=str(period),
            ),
            observed=msg("{date}", date=changed.isoformat()),
            expected=msg("on or before {date}", date=latest.isoformat()),
        )
