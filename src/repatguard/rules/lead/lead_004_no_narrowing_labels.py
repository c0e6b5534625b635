"""LEAD-004: no label or status determination that narrows a person's protection."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import LegalCategory, StatusAuthority
from repatguard.rules.api import Check, PersonContext, Reference, Scope, Severity, rule
from repatguard.rules.examples import Example, RuleExamples
from repatguard.testing.factories import with_member

NARROWING_LABELS = frozenset(
    {
        "illegal",
        "illegal migrant",
        "illegal immigrant",
        "economic migrant",
        "infiltrator",
        "guest",
        "temporary visitor",
    }
)
"""Labels that deny or pre-judge a protection need, compared case-insensitively."""

_NOT_ASSESSED = frozenset({LegalCategory.UNKNOWN, LegalCategory.ASYLUM_SEEKER})
_NOT_COMPETENT = frozenset({StatusAuthority.BORDER_OR_POLICE, StatusAuthority.OTHER})


def _normalised(label: str) -> str:
    return " ".join(label.split()).casefold()


@rule(
    code="LEAD-004",
    title="No labels that narrow protection",
    scope=Scope.PERSON,
    severity=Severity.MAJOR,
    checks=(
        "No person whose protection need has not been assessed (category unknown or "
        "asylum-seeker) carries a label that denies or pre-judges it: 'illegal', 'illegal "
        "migrant', 'illegal immigrant', 'economic migrant', 'infiltrator', 'guest' or "
        "'temporary visitor', compared case-insensitively. A person classed as a migrant "
        "had that status determined by a competent authority or UNHCR, not by border or "
        "police officers or anyone else."
    ),
    rationale=(
        "Who is a refugee is decided by a competent authority or UNHCR, not by a label. "
        "Calling people whose protection need has not been assessed 'illegal', 'economic "
        "migrants' or 'guests', or classing them as migrants on the word of border or police "
        "officers, keeps them from screening and referral and can lead to a return that "
        "ignores their need for protection."
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
def no_narrowing_labels(ctx: PersonContext) -> Iterator[Check]:
    person = ctx.person
    category = person.legal_category
    label = person.status_label
    if category in _NOT_ASSESSED and label is not None:
        normalised = _normalised(label)
        if normalised in NARROWING_LABELS:
            yield Check.failed(
                f"{ctx.path}.status_label",
                "a person whose protection need has not been assessed carries a label that "
                "denies or pre-judges it",
                observed=f"label '{normalised}' on a person of category {category}",
                expected="no protection-narrowing label before the protection need is assessed",
            )
            return
    if category is LegalCategory.MIGRANT:
        path = f"{ctx.path}.status_determined_by"
        authority = person.status_determined_by
        if authority is None:
            yield Check.unknown(
                path,
                "the person is classed as a migrant, but it is not recorded who made that "
                "determination",
                observed="not recorded",
                expected="a determination by a competent authority or UNHCR",
            )
            return
        if authority in _NOT_COMPETENT:
            yield Check.failed(
                path,
                "the person is classed as a migrant on a status set by someone other than a "
                "competent authority or UNHCR",
                observed=f"migrant status set by {authority}",
                expected="a determination by a competent authority or UNHCR",
            )
            return
    yield Check.passed(ctx.path, "no label or determination narrows the person's protection")


EXAMPLES = RuleExamples(
    passing=Example(
        description="All three people are refugees recognised by UNHCR and carry no label.",
        change=lambda op: op,
    ),
    failing=Example(
        description="The spouse (P-2), whose protection need has not been assessed, is "
        "labelled 'economic migrant'.",
        change=lambda op: with_member(
            op, 0, 1, legal_category=LegalCategory.UNKNOWN, status_label="economic migrant"
        ),
    ),
    missing=Example(
        description="The spouse is classed as a migrant, but who decided so is not recorded.",
        change=lambda op: with_member(
            op, 0, 1, legal_category=LegalCategory.MIGRANT, status_determined_by=None
        ),
    ),
)
