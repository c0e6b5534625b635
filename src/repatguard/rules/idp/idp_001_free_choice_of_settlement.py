"""IDP-001: internally displaced people choose freely between the three settlement options."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import LegalCategory, SettlementOption
from repatguard.rules.api import (
    NOT_APPLICABLE,
    Found,
    PersonContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)

_ALL_OPTIONS = frozenset(SettlementOption)
_EXPECTED_OFFER = msg("return, local integration and settlement elsewhere all offered")


def _codes(options: frozenset[SettlementOption]) -> str:
    """The options' codes, sorted (never empty where a finding lists them)."""
    return ", ".join(sorted(str(option) for option in options))


@rule(
    code="IDP-001",
    title=(
        "Internally displaced people choose freely between return, local integration and "
        "settlement elsewhere"
    ),
    scope=Scope.PERSON,
    severity=Severity.MAJOR,
    checks=(
        "For each person whose legal category is idp: the options offered include return, "
        "local integration and settlement elsewhere, an option chosen is recorded, and a "
        "person who chose anything but return is not on this movement (stays behind). Other "
        "people are not concerned."
    ),
    rationale=(
        "An internally displaced person is entitled to a real choice of durable solution: "
        "going home, integrating where they are, or settling in another part of the country. "
        "A return is voluntary only when the other options were on offer and the person "
        "chose return among them."
    ),
    references=(
        Reference(
            instrument="Guiding Principles on Internal Displacement (1998)",
            locator="Principle 28(1)",
        ),
        Reference(
            instrument=(
                "IASC Framework on Durable Solutions for Internally Displaced Persons (2010)"
            ),
            locator="informed and voluntary choice of durable solution",
        ),
    ),
    remediation=(
        "Offer the person all three options (return, local integration, settlement elsewhere) "
        "with information on each, record the option they choose, and take anyone who chose "
        "another solution off the return manifest."
    ),
)
def free_choice_of_settlement(ctx: PersonContext) -> Iterator[Found]:
    person = ctx.person
    if person.legal_category is not LegalCategory.IDP:
        yield NOT_APPLICABLE  # the choice between settlement options is owed to the displaced
        return
    offered = frozenset(person.settlement_options_offered)
    if not offered:
        yield Problem.unknown(
            "settlement_options_offered",
            msg(
                "an internally displaced person has no record of the options offered, so a "
                "free choice of return cannot be shown"
            ),
            observed=msg("no options recorded"),
            expected=_EXPECTED_OFFER,
        )
        return
    missing = _ALL_OPTIONS - offered
    if missing:
        yield Problem.fail(
            "settlement_options_offered",
            msg(
                "an internally displaced person was not offered every settlement option, so "
                "the choice of return was not free"
            ),
            observed=msg(
                "offered: {offered}; not offered: {missing}",
                offered=_codes(offered),
                missing=_codes(missing),
            ),
            expected=_EXPECTED_OFFER,
        )
        return
    chosen = person.settlement_option_chosen
    if chosen is None:
        yield Problem.unknown(
            "settlement_option_chosen",
            msg("the options were offered but the option the person chose is not recorded"),
            observed=msg("no choice recorded"),
            expected=msg(
                "the chosen option ({option} for a returnee)", option=str(SettlementOption.RETURN)
            ),
        )
        return
    if chosen is not SettlementOption.RETURN and person.stays_behind is not True:
        yield Problem.fail(
            "settlement_option_chosen",
            msg("the person chose another solution but is on the return manifest"),
            observed=msg("chose {option}; on this return movement", option=str(chosen)),
            expected=msg(
                "{option} chosen, or the person not on this movement",
                option=str(SettlementOption.RETURN),
            ),
        )
