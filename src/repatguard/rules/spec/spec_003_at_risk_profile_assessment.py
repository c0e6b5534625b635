"""SPEC-003: people matching a risk profile of a UNHCR position are assessed individually."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from repatguard.model import (
    RiskAssessmentOutcome,
    RiskProfile,
    UnhcrPosition,
)
from repatguard.outcomes import Outcome
from repatguard.rules.api import (
    NOT_APPLICABLE,
    Found,
    Message,
    OperationContext,
    PersonContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)
from repatguard.rules.prem._positions import (
    ProfileMatch,
    position_weight,
    profile_match,
    unconsulted,
)


@attrs.define
class _Gathered:
    """One problem, gathered over every position that leads to it."""

    outcome: Outcome
    message: Message
    observed: Message
    """What was observed, with a ``{positions}`` placeholder for the positions' references."""
    expected: Message
    severity: Severity
    references: list[str] = attrs.Factory(list)

    def problem(self, path: str) -> Problem:
        observed = self.observed.with_values(positions=", ".join(self.references))
        if self.outcome is Outcome.FAIL:
            return Problem.fail(
                path,
                self.message,
                observed=observed,
                expected=self.expected,
                severity=self.severity,
            )
        return Problem.unknown(
            path, self.message, observed=observed, expected=self.expected, severity=self.severity
        )


@rule(
    code="SPEC-003",
    title="Individual assessment for at-risk profiles under a current UNHCR position",
    scope=Scope.PERSON,
    severity=Severity.BLOCKER,
    checks=(
        "For every person, each UNHCR position in force for the country (and area) of return "
        "that is limited to risk profiles is read. A person under `adult_age` matches "
        "`children` whatever profiles are recorded. When the position names one of the "
        "person's profiles, the person needs an individual protection assessment "
        "dated after the position was issued and on or before as_of, and the assessment's "
        "outcome decides: no risk found passes; risk found fails, and an unrecorded outcome "
        "is insufficient information, at the position's weight. Missing the assessment fails "
        "at the same weight. The weight is a blocker when the position rules out facilitation "
        "or records no stance, or the movement is forced, and a major finding otherwise. "
        "Profiles are a controlled vocabulary; `other` (on either side) may be any profile, so "
        "it is matched fail closed: what would fail is insufficient information instead of "
        "a pass. So is every profile-limited position when the person's profiles are not "
        "recorded (left out: not screened; `[]`: screened, none apply), a position naming "
        "`children` when the person's age is unknown, and a position for part of the country "
        "when the return area is unknown. "
        "Positions not consulted within `positions_consulted_max_age` are insufficient "
        "information at blocker weight (an unseen position may rule out facilitation)."
    ),
    rationale=(
        "Some UNHCR positions on returns name profiles of people at heightened risk in the "
        "country of origin, such as women and girls, people linked to a former government, "
        "journalists or judges, and may rule out facilitating their return. A person who "
        "matches such a profile may return only after an individual assessment of their "
        "protection needs made in the light of the position, and only when it found no risk; "
        "under a position that rules out facilitation, or for a forced return, anything less "
        "is a hard stop."
    ),
    references=(
        Reference(
            instrument="UNHCR position on returns to Afghanistan (August 2021)",
            locator="risk profiles (e.g. women and girls; people associated with the former "
            "government or international forces)",
        ),
        Reference(
            instrument="UNHCR protection considerations for Haiti (20 March 2024)",
            locator="profiles at heightened risk (e.g. journalists, activists, judges and lawyers)",
        ),
        Reference(
            instrument="repatguard domain specification (domain.md)",
            locator="A-0 (positions consulted, not a live registry); A-2 (an unknown weighs as "
            "the worst outcome its rule could reach)",
        ),
    ),
    remediation=(
        "Carry out an individual protection assessment of the person against the risk "
        "profiles of the UNHCR position in force, after the position was issued, and record "
        "its date and outcome before any return; where it finds a risk, do not return the "
        "person. Screen every person for the risk profiles and record them from the "
        "vocabulary (`[]` when none apply), and record when the current UNHCR positions on "
        "returns were consulted."
    ),
    parameters=("adult_age", "positions_consulted_max_age"),
)
def at_risk_profile_assessment(ctx: PersonContext) -> Iterator[Found]:
    covering = list(_covering(ctx))
    # Someone with no profile on record (or not screened) whom no position may cover is not
    # concerned; PREM-001 reports positions not consulted for everyone.
    if not ctx.person.risk_profiles and not covering:
        yield NOT_APPLICABLE
        return
    for path, problem in _gathered(ctx, covering).items():
        yield problem.problem(path)
    # A position we did not see could name the person's profile and rule out facilitation.
    missing = unconsulted(OperationContext(facts=ctx.facts), Severity.BLOCKER)
    if missing is not None:
        yield missing


def _gathered(
    ctx: PersonContext, covering: list[tuple[UnhcrPosition, _Doubt | None]]
) -> dict[str, _Gathered]:
    """The problems the covering positions leave open, one per path, at the worst weight of
    the positions that lead to it."""
    problems: dict[str, _Gathered] = {}
    for position, doubt in covering:
        found = _problem(ctx, position, doubt)
        if found is None:
            continue
        path, problem = found
        kept = problems.setdefault(path, problem)
        if not kept.severity.at_least(problem.severity):
            kept.severity = problem.severity
        kept.references.append(position.reference)
    return problems


@attrs.frozen
class _Doubt:
    """The fact that leaves a match only possible, and why."""

    path: str
    message: Message
    """The problem's message when the match is in doubt: the doubt, and that the individual
    assessment does not show return is safe."""


def _covering(ctx: PersonContext) -> Iterator[tuple[UnhcrPosition, _Doubt | None]]:
    """Positions in force that name (or may name) the person's profiles for their return
    area, each with the fact that leaves the match in doubt (``None``: certain)."""
    facts = ctx.facts
    area = ctx.area
    country = facts.country_of(area) if area is not None else facts.operation.origin_country
    for _, position in facts.positions_in_force:
        if position.country != country or not position.profiles:
            continue
        match, doubt = _match(ctx, position)
        if match is ProfileMatch.NONE:
            continue
        if position.areas and area is not None and area not in position.areas:
            continue
        # Empty areas means the whole country; with the area unknown, a regional one may apply.
        if position.areas and area is None:
            yield (
                position,
                _Doubt(
                    # The household's field, outside the person: an absolute path.
                    f"{ctx.household_path}.intended_return_area",
                    msg(
                        "a UNHCR position on returns in force may cover the person as one of "
                        "its risk profiles (the intended return area is unknown and the "
                        "position covers part of the country), and the person's individual "
                        "assessment does not show that return is safe"
                    ),
                ),
            )
        else:
            yield position, doubt


def _match(ctx: PersonContext, position: UnhcrPosition) -> tuple[ProfileMatch, _Doubt | None]:
    """How the person meets the profiles ``position`` is limited to, read fail closed."""
    recorded = ctx.person.risk_profiles
    adult = ctx.is_adult
    mine: list[object] = list(recorded or ())
    # Age alone makes a child: an empty or incomplete list must not hide one.
    if adult is False:
        mine.append(RiskProfile.CHILDREN)
    match = profile_match(mine, position.profiles)
    if match is ProfileMatch.CERTAIN:
        return match, None
    profiles_path = "risk_profiles"
    if recorded is None:
        return ProfileMatch.POSSIBLE, _Doubt(
            profiles_path,
            msg(
                "a UNHCR position on returns in force may cover the person as one of its risk "
                "profiles (the person's risk profiles are not recorded, so any may apply), and "
                "the person's individual assessment does not show that return is safe"
            ),
        )
    if match is ProfileMatch.POSSIBLE:
        return match, _Doubt(
            profiles_path,
            msg(
                "a UNHCR position on returns in force may cover the person as one of its risk "
                "profiles ('other' (or a value outside the vocabulary) may be one of the "
                "profiles on the other side), and the person's individual assessment does not "
                "show that return is safe"
            ),
        )
    if adult is None and profile_match([RiskProfile.CHILDREN], position.profiles) is not (
        ProfileMatch.NONE
    ):
        return ProfileMatch.POSSIBLE, _Doubt(
            "date_of_birth",
            msg(
                "a UNHCR position on returns in force may cover the person as one of its risk "
                "profiles (the person's age is unknown, so they may be a child), and the "
                "person's individual assessment does not show that return is safe"
            ),
        )
    return ProfileMatch.NONE, None


def _problem(
    ctx: PersonContext, position: UnhcrPosition, doubt: _Doubt | None
) -> tuple[str, _Gathered] | None:
    """What the person's individual assessment leaves open under ``position``, or ``None``."""
    today = ctx.facts.today
    weight = position_weight(position, ctx.facts.operation.movement_kind)
    assessed = ctx.person.individual_protection_assessment_on
    outcome = ctx.person.individual_protection_assessment_outcome
    outcome_path = "individual_protection_assessment_outcome"
    # An assessment made on the day the position was issued cannot show it took it into account.
    made_after = assessed is not None and position.issued_on < assessed <= today
    if made_after and outcome is RiskAssessmentOutcome.NO_RISK:
        return None
    if made_after and outcome is not RiskAssessmentOutcome.RISK_FOUND:
        return outcome_path, _Gathered(
            Outcome.INSUFFICIENT_INFORMATION,
            msg(
                "the person was assessed individually under a UNHCR position naming their "
                "risk profile, but what the assessment found is not recorded"
            ),
            msg("outcome not recorded; position(s) {positions}"),
            msg("the outcome of the individual protection assessment"),
            weight,
        )
    if made_after:
        observed, expected = msg("risk found; position(s) {positions}"), msg("no risk found")
        path = outcome_path
        message = msg(
            "the individual protection assessment found a risk for a person matching a risk "
            "profile named in a UNHCR position on returns in force"
        )
    else:
        observed = (
            msg(
                "assessment dated {assessed_on}, position issued {issued_on}; position(s) "
                "{positions}",
                assessed_on=assessed.isoformat(),
                issued_on=position.issued_on.isoformat(),
            )
            if assessed is not None
            else msg("no assessment; position(s) {positions}")
        )
        expected = msg(
            "an individual protection assessment after {issued_on} and on or before {date}",
            issued_on=position.issued_on.isoformat(),
            date=today.isoformat(),
        )
        path = "individual_protection_assessment_on"
        message = msg(
            "the person matches a risk profile named in a UNHCR position on returns in force, "
            "and has not been assessed individually since it was issued"
        )
    if doubt is None:
        return path, _Gathered(Outcome.FAIL, message, observed, expected, weight)
    # A failure here would rest on a match that is only possible: unknown at the same weight.
    return doubt.path, _Gathered(
        Outcome.INSUFFICIENT_INFORMATION, doubt.message, observed, expected, weight
    )
