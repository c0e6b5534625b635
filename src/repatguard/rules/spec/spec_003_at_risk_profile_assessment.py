"""SPEC-003: people matching a risk profile of a UNHCR position are assessed individually."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import MovementKind, Operation, Stance, UnhcrPosition
from repatguard.rules.api import (
    Check,
    OperationContext,
    PersonContext,
    Reference,
    Scope,
    Severity,
    rule,
)
from repatguard.rules.examples import Example, RuleExamples
from repatguard.rules.prem._positions import consultation_check
from repatguard.testing.factories import AS_OF, evolve, with_member


def _references(positions: list[tuple[int, UnhcrPosition]]) -> str:
    return ", ".join(position.reference for _, position in positions)


@rule(
    code="SPEC-003",
    title="Individual assessment for at-risk profiles under a current UNHCR position",
    scope=Scope.PERSON,
    severity=Severity.BLOCKER,
    checks=(
        "For every person with risk profiles on record, when a UNHCR position in force for "
        "the country (and area) of return names one of those profiles, an individual "
        "protection assessment is dated on or before as_of. Missing it is a blocker for a "
        "forced return and a major finding otherwise; positions not consulted within "
        "`positions_consulted_max_age` are insufficient information."
    ),
    rationale=(
        "Some UNHCR positions on returns name profiles of people at heightened risk in the "
        "country of origin, such as women and girls, people linked to a former government, "
        "journalists or judges. A person who matches such a profile may return only after an "
        "individual assessment of their protection needs; for a forced return its absence is "
        "a hard stop."
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
            locator="A-0 (positions consulted, not a live registry)",
        ),
    ),
    remediation=(
        "Carry out and record an individual protection assessment of the person against the "
        "risk profiles of the UNHCR position in force before any return; record when the "
        "current UNHCR positions on returns were consulted."
    ),
    parameters=("positions_consulted_max_age",),
)
def at_risk_profile_assessment(ctx: PersonContext) -> Iterator[Check]:
    person = ctx.person
    if not person.risk_profiles:
        return
    facts = ctx.facts
    path = f"{ctx.path}.individual_protection_assessment_on"
    assessed = person.individual_protection_assessment_on
    if assessed is not None and assessed <= facts.today:
        # The safeguard holds whatever the positions in force say.
        yield Check.passed(path, "the person was assessed individually for protection needs")
        return
    forced = facts.operation.movement_kind is MovementKind.FORCED
    severity = Severity.BLOCKER if forced else Severity.MAJOR
    area = ctx.area
    country = facts.country_of(area) if area is not None else facts.operation.origin_country
    profiles = set(person.risk_profiles)
    matching = [
        (index, position)
        for index, position in facts.positions_in_force
        if position.country == country and profiles.intersection(position.profiles)
    ]
    # Empty areas means the whole country; with the area unknown, a regional position may apply.
    covering = [(i, p) for i, p in matching if not p.areas or area in p.areas]
    maybe = [(i, p) for i, p in matching if p.areas and area is None]
    observed = (
        f"assessment dated {assessed.isoformat()}" if assessed is not None else "no assessment"
    )
    expected = f"an individual protection assessment on or before {facts.today.isoformat()}"
    if covering:
        yield Check.failed(
            path,
            "the person matches a risk profile named in a UNHCR position on returns in force, "
            "and has not been assessed individually for protection needs",
            observed=f"{observed}; position(s) {_references(covering)}",
            expected=expected,
            severity=severity,
        )
    elif maybe:
        yield Check.unknown(
            f"{ctx.household_path}.intended_return_area",
            "the person matches a risk profile of a UNHCR position in force for parts of the "
            "country, and the intended return area is unknown, so it cannot be told whether "
            "an individual assessment is required",
            observed=f"no intended return area; position(s) {_references(maybe)}",
            expected="the reference of a return area, or an individual protection assessment",
            severity=severity,
        )
    # A position we did not see could name the person's profile.
    missing = consultation_check(OperationContext(facts=facts), severity)
    if missing is not None:
        yield missing
    elif not covering and not maybe:
        yield Check.passed(
            f"{ctx.path}.risk_profiles",
            "no UNHCR position on returns in force names a risk profile the person matches",
        )


def _journalist_under_position(op: Operation, assessed: bool = True) -> Operation:
    position = UnhcrPosition(
        reference="POS-2",
        stances=(Stance.NO_FORCED_RETURNS,),
        country=op.origin_country,
        profiles=("journalists",),
        issued_on=AS_OF.subtract(days=60),
    )
    op = evolve(op, positions=(*op.positions, position))
    return with_member(
        op,
        0,
        0,
        risk_profiles=("journalists",),
        individual_protection_assessment_on=AS_OF.subtract(days=10) if assessed else None,
    )


EXAMPLES = RuleExamples(
    passing=Example(
        description="The head of household matches the 'journalists' profile of a position "
        "in force and was assessed individually 10 days before as_of.",
        change=_journalist_under_position,
    ),
    failing=Example(
        description="The head of household matches the 'journalists' profile of a position "
        "in force and has no individual protection assessment.",
        change=lambda op: _journalist_under_position(op, assessed=False),
    ),
    missing=Example(
        description="The head of household has a risk profile, has not been assessed, and "
        "the UNHCR positions on returns were never consulted.",
        change=lambda op: with_member(
            evolve(op, positions_consulted_on=None), 0, 0, risk_profiles=("journalists",)
        ),
    ),
)
