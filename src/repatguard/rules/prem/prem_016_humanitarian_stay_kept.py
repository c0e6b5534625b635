"""PREM-016: the humanitarian stay of people displaced across the border by a disaster does
not lapse into a premature return."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules.api import (
    NOT_APPLICABLE,
    Found,
    OperationContext,
    Problem,
    Reference,
    Scope,
    Severity,
    ladder,
    msg,
    rule,
)

_EXPECTED = msg(
    "the humanitarian protection measure kept or renewed for as long as return in safety and "
    "dignity is not possible"
)


@rule(
    code="PREM-016",
    title="Humanitarian stay of people displaced by disasters kept until return is safe",
    scope=Scope.OPERATION,
    severity=Severity.BLOCKER,
    checks=(
        "The operation records whether any of the people in scope were displaced across the "
        "border in the context of a disaster or of the adverse effects of climate change "
        "(`disaster_displacement`); unrecorded is insufficient information at blocker weight. "
        "When some were, the host state keeps or renews their humanitarian protection measure "
        "(temporary protection, humanitarian visa or permit of stay) for as long as they "
        "cannot return in safety and dignity (`humanitarian_stay_kept`): a measure let lapse "
        "fails, unrecorded is insufficient information. Established that none were: not "
        "applicable. The hazard in each area of return is IDP-004's to judge, for every area."
    ),
    rationale=(
        "People displaced across a border by a disaster are rarely refugees under the 1951 "
        "Convention alone; their stay often rests on a temporary or humanitarian measure of "
        "the host state. When that measure ends while the area of return is still "
        "devastated or at risk, people leave because staying has become unlawful, not "
        "because return is safe: the lapse is material pressure, as the loss of refugee "
        "status is (VOL-009), and the return is premature. The Protection Agenda asks that "
        "such measures last until return in safety and dignity, or another lasting "
        "solution, is possible."
    ),
    references=(
        Reference(
            instrument="Agenda for the Protection of Cross-Border Displaced Persons in the "
            "Context of Disasters and Climate Change (Nansen Initiative, 2015), vol. I",
            locator="humanitarian protection measures (admission and stay) and the transition "
            "to lasting solutions, executive summary; paragraph numbers not verified with the "
            "available sources",
        ),
        Reference(
            instrument="Global Compact for Safe, Orderly and Regular Migration (UNGA res. "
            "73/195, 2018)",
            locator="objective 2, sub-paras. (h)-(j) under 'Natural disasters, the adverse "
            "effects of climate change, and environmental degradation' (text seen; the "
            "paragraph number, 18, not verified with the available sources); objective 5 "
            "(admission and stay, humanitarian visas and temporary protection; paragraph and "
            "letters not verified with the available sources)",
        ),
        Reference(
            instrument="Global Compact on Refugees (2018)",
            locator="para. 8 (climate, environmental degradation and natural disasters "
            "increasingly interact with the drivers of refugee movements) and para. 63 "
            "(measures to assist those forcibly displaced by natural disasters), as quoted by "
            "the Refugee Law Initiative blog (27 January 2021) and a UNHCR/PDD policy brief "
            "(December 2023); the text itself not verified with the available sources",
        ),
        Reference(
            instrument="UNHCR Handbook for Emergencies (1999), ch. 19",
            locator="paras. 11, 13 (the choice to stay must remain real)",
        ),
    ),
    remediation=(
        "Record whether people in scope were displaced by a disaster. Where they were, ask the "
        "host state to keep or renew their humanitarian stay until return in safety and "
        "dignity is possible, and do not organise or assist returns that the end of the stay "
        "drives."
    ),
)
def humanitarian_stay_kept(ctx: OperationContext) -> Iterator[Found]:
    operation = ctx.facts.operation
    displacement = operation.disaster_displacement
    if displacement is False:
        yield NOT_APPLICABLE  # established that no one in scope was displaced by a disaster
        return
    if displacement is None:
        # People displaced by a disaster may be in scope: the stay may lapse into return.
        yield Problem.unknown(
            "disaster_displacement",
            msg(
                "it is not recorded whether people in scope were displaced across the border "
                "by a disaster or the effects of climate change, so it cannot be told whether "
                "a humanitarian stay that lapses is driving their return"
            ),
            observed=msg("not recorded"),
            expected=msg("true or false"),
        )
        return
    yield from ladder(
        operation.humanitarian_stay_kept,
        holds=True,
        path="humanitarian_stay_kept",
        fails=msg(
            "people in scope were displaced across the border by a disaster, and the host "
            "state lets their humanitarian stay lapse before return in safety and dignity is "
            "possible"
        ),
        unknown=msg(
            "people in scope were displaced across the border by a disaster, and it is not "
            "recorded whether the host state keeps their humanitarian stay until return is "
            "safe"
        ),
        observed=msg("humanitarian stay let lapse"),
        unknown_observed=msg("not recorded"),
        expected=_EXPECTED,
    )
