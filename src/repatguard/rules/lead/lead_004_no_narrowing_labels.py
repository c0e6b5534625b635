"""LEAD-004: no label or status determination that narrows a person's protection."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import LegalCategory, StatusAuthority
from repatguard.rules.api import (
    NOT_APPLICABLE,
    NOT_RECORDED,
    Found,
    PersonContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)

NARROWING_LABELS = frozenset(
    {
        "illegal",
        "illegal migrant",
        "illegal immigrant",
        "illegal alien",
        "economic migrant",
        "infiltrator",
        "guest",
        "temporary guest",
        "visitor",
        "temporary visitor",
    }
)
"""Labels that deny or pre-judge a protection need, whoever carries them."""

EQUIVALENT_LABELS: dict[LegalCategory, frozenset[str]] = {
    LegalCategory.REFUGEE: frozenset(
        {
            "refugee",
            "recognised refugee",
            "recognized refugee",
            "convention refugee",
            "mandate refugee",
            "prima facie refugee",
        }
    ),
    LegalCategory.ASYLUM_SEEKER: frozenset(
        {"asylum seeker", "asylum applicant", "applicant for international protection"}
    ),
    LegalCategory.STATELESS: frozenset({"stateless", "stateless person"}),
    LegalCategory.IDP: frozenset({"idp", "internally displaced", "internally displaced person"}),
    LegalCategory.MIGRANT: frozenset({"migrant"}),
    LegalCategory.UNKNOWN: frozenset(
        {"not yet assessed", "protection need not assessed", "pending protection screening"}
    ),
}
"""The controlled vocabulary: per legal category, the labels that say no less than it.
Any other label either narrows the category or cannot be told not to (fail closed)."""

_PROTECTION: dict[LegalCategory, int] = {
    LegalCategory.REFUGEE: 3,
    LegalCategory.STATELESS: 3,
    LegalCategory.ASYLUM_SEEKER: 2,
    LegalCategory.UNKNOWN: 2,
    LegalCategory.IDP: 1,
    LegalCategory.MIGRANT: 0,
}
"""How much protection a category recognises: a label naming a category lower than the
person's narrows it (a recognised refugee called an asylum-seeker or a migrant, a person not
yet assessed called a migrant). People not yet assessed rank with asylum-seekers: they may
need protection."""

_NOT_COMPETENT = frozenset({StatusAuthority.BORDER_OR_POLICE, StatusAuthority.OTHER})


def _normalised(label: str) -> str:
    return " ".join(label.replace("-", " ").replace("_", " ").split()).casefold()


def _named_category(label: str) -> LegalCategory | None:
    for category, labels in EQUIVALENT_LABELS.items():
        if label in labels:
            return category
    return None


def _label_problems(category: LegalCategory, label: str) -> Iterator[Problem]:
    path = "status_label"
    normalised = _normalised(label)
    observed = msg(
        "label '{label}' on a person of category {category}",
        label=normalised,
        category=str(category),
    )
    expected = msg("no label, or one that says no less than {category}", category=str(category))
    if normalised in NARROWING_LABELS:
        yield Problem.fail(
            path,
            msg("the person carries a label that denies or pre-judges a protection need"),
            observed=observed,
            expected=expected,
        )
        return
    named = _named_category(normalised)
    if named is None:
        yield Problem.unknown(
            path,
            msg(
                "the person carries a label outside the controlled vocabulary, so it cannot be "
                "told whether it narrows the person's legal category"
            ),
            observed=observed,
            expected=expected,
        )
    elif _PROTECTION[named] < _PROTECTION[category]:
        yield Problem.fail(
            path,
            msg("the person carries a label that narrows the legal category on record"),
            observed=msg(
                "label '{label}' on a person of category {category} (a label for {named})",
                label=normalised,
                category=str(category),
                named=str(named),
            ),
            expected=expected,
        )


def _determination_problems(authority: StatusAuthority | None) -> Iterator[Problem]:
    path = "status_determined_by"
    expected = msg("a determination by a competent authority or UNHCR")
    if authority is None:
        yield Problem.unknown(
            path,
            msg(
                "the person is classed as a migrant, but it is not recorded who made that "
                "determination"
            ),
            observed=NOT_RECORDED,
            expected=expected,
        )
    elif authority in _NOT_COMPETENT:
        yield Problem.fail(
            path,
            msg(
                "the person is classed as a migrant on a status set by someone other than a "
                "competent authority or UNHCR"
            ),
            observed=msg("migrant status set by {authority}", authority=str(authority)),
            expected=expected,
        )


@rule(
    code="LEAD-004",
    title="No labels that narrow protection",
    scope=Scope.PERSON,
    severity=Severity.MAJOR,
    checks=(
        "A person's status label, compared case-insensitively (hyphens as spaces), must say "
        "no less than the person's legal category, whatever that category and whether or "
        "not the protection need was assessed. Labels that deny or pre-judge a protection "
        "need ('illegal', 'illegal migrant', 'illegal immigrant', 'illegal alien', 'economic "
        "migrant', 'infiltrator', 'guest', 'temporary guest', 'visitor', 'temporary "
        "visitor') fail, as does a label of the controlled vocabulary naming a category that "
        "recognises less protection (refugee and stateless above asylum-seeker and not yet "
        "assessed, above internally displaced, above migrant). A label outside the controlled "
        "vocabulary is insufficient information. A person classed as a migrant had that "
        "status determined by a competent authority or UNHCR, not by border or police "
        "officers or anyone else; unrecorded is insufficient information. A person with no "
        "label and another category is not checked."
    ),
    rationale=(
        "Who is a refugee is decided by a competent authority or UNHCR, not by a label. A "
        "label that says less than the person's legal category, such as 'guest' for a "
        "recognised refugee or 'economic migrant' for someone not yet assessed, or a "
        "migrant classification on the word of border or police officers, keeps people from "
        "the protection, screening and referral they are owed and can lead to a return that "
        "ignores their need for protection. Only labels known to be equivalent to a category "
        "are accepted; any other may narrow it."
    ),
    references=(
        Reference(
            instrument="Joint IOM-UNHCR letter (2019)",
            locator="UNHCR's supervisory role in determining who is a refugee; no alternative "
            "terminology",
        ),
        Reference(
            instrument="UNHCR, Refugee Protection and Mixed Migration: A 10-Point Plan of "
            "Action (2007)",
            locator="point 5 (mechanisms for profiling and referral)",
        ),
    ),
    remediation=(
        "Remove the label from the person's record and refer the person for protection "
        "screening; a migrant classification must rest on a determination by a competent "
        "authority or UNHCR."
    ),
)
def no_narrowing_labels(ctx: PersonContext) -> Iterator[Found]:
    person = ctx.person
    category = person.legal_category
    is_migrant = category is LegalCategory.MIGRANT
    if person.status_label is None and not is_migrant:
        # No label and no migrant status: nothing to check (the domain marks this rule as not
        # failing closed; a label left out is no label applied, as docs/reliability.md says).
        yield NOT_APPLICABLE
        return
    if person.status_label is not None:
        yield from _label_problems(category, person.status_label)
    if is_migrant:
        yield from _determination_problems(person.status_determined_by)
