"""VOL-016: a go-and-see visit that took place was made by refugee representatives to a named
return area, and they reported back to their community."""

from __future__ import annotations

from collections.abc import Iterator

import pendulum

from repatguard.model import ExploratoryVisit, VisitKind
from repatguard.rules.api import OperationContext, Problem, Reference, Scope, Severity, msg, rule

__all__ = ["visits_reported_back"]


def _record_problems(index: int, visit: ExploratoryVisit) -> Iterator[Problem]:
    """Where the visitors went and who they were: without either the community cannot
    weigh the account."""
    path = f"exploratory_visits[{index}]"
    name = visit.reference
    if visit.area is None:
        yield Problem.unknown(
            f"{path}.area",
            msg(
                "it is not recorded which return area visit {visit} went to, so its account "
                "cannot be tied to an area",
                visit=name,
            ),
            observed=msg("no return area"),
            expected=msg("the reference of the return area visited"),
        )
    if visit.representatives is None:
        yield Problem.unknown(
            f"{path}.representatives",
            msg(
                "it is not recorded who went on visit {visit}, so it cannot be told whether "
                "refugee representatives saw the area themselves",
                visit=name,
            ),
            observed=msg("participants not recorded"),
            expected=msg("the references of the refugee representatives who went"),
            area=visit.area,
        )
    elif not visit.representatives:
        yield Problem.fail(
            f"{path}.representatives",
            msg(
                "no refugee representative went on visit {visit}, so the community has no "
                "first-hand account of the area",
                visit=name,
            ),
            observed=msg("no refugee representatives"),
            expected=msg("refugee representatives among the visitors"),
            area=visit.area,
        )


def _report_problems(
    index: int, visit: ExploratoryVisit, today: pendulum.Date
) -> Iterator[Problem]:
    """Whether the visitors told their community, judged once the visit is over."""
    if visit.reported_back is True:
        return
    path = f"exploratory_visits[{index}]"
    name = visit.reference
    ended = visit.ended_on
    if ended is not None and ended >= today:
        return  # still under way at as_of: too early to ask for the report
    if visit.reported_back is False and ended is not None:
        yield Problem.fail(
            f"{path}.reported_back",
            msg(
                "the representatives of visit {visit} did not report back to their community",
                visit=name,
            ),
            observed=msg("visit ended {ended}, no report back", ended=ended.isoformat()),
            expected=msg("the visitors tell their community what they saw"),
            area=visit.area,
        )
        return
    yield Problem.unknown(
        f"{path}.reported_back" if ended is not None else f"{path}.ended_on",
        msg(
            "it cannot be told whether the representatives of visit {visit} reported back to "
            "their community",
            visit=name,
        )
        if ended is not None
        else msg(
            "it cannot be told whether the representatives of visit {visit} reported back to "
            "their community (the end of the visit is not recorded)",
            visit=name,
        ),
        observed=msg("report back not recorded")
        if ended is not None
        else msg("no end date and no report back on record"),
        expected=msg("the end of the visit and whether the visitors reported back"),
        area=visit.area,
    )


@rule(
    code="VOL-016",
    title="Go-and-see visits reported back",
    scope=Scope.OPERATION,
    severity=Severity.MINOR,
    checks=(
        "Each visit in `exploratory_visits` that started on or before as_of is judged; "
        "planned visits (starting after as_of) are not, and an undated visit is "
        "insufficient information. A go-and-see visit (or one whose kind is not recorded) "
        "must name the return area visited, and refugee representatives must have gone: "
        "none fails, and an unrecorded area or list of participants is insufficient "
        "information. Once it has ended (its last day before as_of) the representatives "
        "must have reported back to their community: a visit recorded as not reported "
        "back fails; an unrecorded report back, or an unrecorded end without a report "
        "back, is insufficient information. Go-and-inform visits (people from the area "
        "briefing the displaced) are the briefing itself and pass. No visits, or visits "
        "not recorded, give no finding: no standard requires them."
    ),
    rationale=(
        "A go-and-see visit lets refugees hear about their area from people they trust, "
        "who saw it themselves. It serves the decision only when representatives of the "
        "community went, the area they saw is known, and they told the others what they "
        "found. Visits are not required, so this rule only judges those on record, and a "
        "gap does not change the verdict on its own."
    ),
    references=(
        Reference(
            instrument="UNHCR ExCom Conclusion No. 18 (XXXI), 1980",
            locator="para. (e) (visits by refugees or their representatives to inform "
            "themselves of the situation)",
        ),
        Reference(
            instrument="Manual for Sustainable Return (Kosovo)",
            locator="Part II, operational guidelines: go and inform and go and see visits",
        ),
        Reference(
            instrument="UNHCR and LRRRC go-and-see visit, Liberia to Côte d'Ivoire (2013), "
            "as reported by The Inquirer (Monrovia), 2 October 2013",
            locator="refugees assess the situation first-hand and report to other refugees "
            "on their return",
        ),
    ),
    remediation=(
        "Record each visit: its return area, its dates, the references of the refugee "
        "representatives who went, and whether they reported back; where they have not, "
        "arrange for them to tell their community what they saw before decisions are taken."
    ),
)
def visits_reported_back(ctx: OperationContext) -> Iterator[Problem]:
    today = ctx.facts.today
    for index, visit in enumerate(ctx.facts.operation.exploratory_visits or ()):
        if visit.started_on is None:
            yield Problem.unknown(
                f"exploratory_visits[{index}].started_on",
                msg(
                    "visit {visit} is undated, so it cannot be told whether it has taken place",
                    visit=visit.reference,
                ),
                observed=msg("no start date"),
                expected=msg("the first day of the visit"),
                area=visit.area,
            )
            continue
        if visit.started_on > today or visit.kind is VisitKind.GO_AND_INFORM:
            continue  # planned, or a briefing by people from the area (nothing to report)
        yield from _record_problems(index, visit)
        yield from _report_problems(index, visit, today)
