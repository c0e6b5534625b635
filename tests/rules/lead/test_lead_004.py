"""LEAD-004: no labels that narrow protection."""

from __future__ import annotations

import pytest

from repatguard.model import LegalCategory, StatusAuthority
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import sound_operation, with_member
from repatguard.testing.rules import RuleRun, run_rule

SPOUSE = "$.households[0].members[1]"


def test_people_without_a_label_or_a_migrant_status_are_not_checked() -> None:
    run = run_rule("LEAD-004", sound_operation())
    assert not run.findings
    assert run.outcomes == {Outcome.NOT_APPLICABLE}


@pytest.mark.parametrize(
    ("category", "label"),
    [
        (LegalCategory.REFUGEE, "Refugee"),
        (LegalCategory.REFUGEE, "prima-facie refugee"),
        (LegalCategory.REFUGEE, "stateless person"),
        (LegalCategory.ASYLUM_SEEKER, "asylum-seeker"),
        (LegalCategory.UNKNOWN, "asylum seeker"),
        (LegalCategory.UNKNOWN, "refugee"),
        (LegalCategory.IDP, "Internally displaced person"),
        (LegalCategory.MIGRANT, "refugee"),
    ],
)
def test_a_label_that_says_no_less_than_the_category_passes(
    category: LegalCategory, label: str
) -> None:
    op = with_member(
        sound_operation(),
        0,
        1,
        legal_category=category,
        status_label=label,
        status_determined_by=StatusAuthority.UNHCR,
    )
    run = run_rule("LEAD-004", op)
    assert run.clean
    # The label passes; a migrant's determination is checked (and passes) as well, and the
    # person counts as one pass either way.
    assert run.tally.passed == 1


@pytest.mark.parametrize("category", list(LegalCategory))
@pytest.mark.parametrize("label", ["illegal", "  Economic Migrant ", "GUEST", "temporary visitor"])
def test_a_narrowing_label_fails_whatever_the_category(category: LegalCategory, label: str) -> None:
    op = with_member(
        sound_operation(),
        0,
        1,
        legal_category=category,
        status_label=label,
        status_determined_by=StatusAuthority.UNHCR,
    )
    finding = run_rule("LEAD-004", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.subject == "P-2"
    assert finding.path == f"{SPOUSE}.status_label"


def test_a_recognised_refugee_labelled_guest_fails() -> None:
    op = with_member(sound_operation(), 0, 1, status_label="guest")
    finding = run_rule("LEAD-004", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{SPOUSE}.status_label"


@pytest.mark.parametrize(
    ("category", "label"),
    [
        (LegalCategory.REFUGEE, "asylum seeker"),
        (LegalCategory.REFUGEE, "migrant"),
        (LegalCategory.REFUGEE, "IDP"),
        (LegalCategory.STATELESS, "migrant"),
        (LegalCategory.ASYLUM_SEEKER, "migrant"),
        (LegalCategory.UNKNOWN, "Migrant"),
    ],
)
def test_a_label_for_a_category_with_less_protection_narrows_and_fails(
    category: LegalCategory, label: str
) -> None:
    op = with_member(sound_operation(), 0, 1, legal_category=category, status_label=label)
    finding = run_rule("LEAD-004", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{SPOUSE}.status_label"


@pytest.mark.parametrize("category", [LegalCategory.REFUGEE, LegalCategory.UNKNOWN])
def test_a_label_outside_the_controlled_vocabulary_is_insufficient_information(
    category: LegalCategory,
) -> None:
    op = with_member(sound_operation(), 0, 1, legal_category=category, status_label="new arrival")
    finding = run_rule("LEAD-004", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{SPOUSE}.status_label"


def test_a_narrowing_label_and_a_police_determination_are_both_reported_and_nothing_passes() -> (
    None
):
    op = with_member(
        sound_operation(),
        0,
        1,
        legal_category=LegalCategory.MIGRANT,
        status_label="illegal",
        status_determined_by=StatusAuthority.BORDER_OR_POLICE,
    )
    run = run_rule("LEAD-004", op)
    assert {f.path for f in run.findings} == {
        f"{SPOUSE}.status_label",
        f"{SPOUSE}.status_determined_by",
    }
    assert {f.outcome for f in run.findings} == {Outcome.FAIL}
    assert run.tally.passed == 0


def test_an_equivalent_label_beside_an_unknown_determination_does_not_pass() -> None:
    op = with_member(
        sound_operation(),
        0,
        1,
        legal_category=LegalCategory.MIGRANT,
        status_label="migrant",
        status_determined_by=None,
    )
    run = run_rule("LEAD-004", op)
    assert run.only().path == f"{SPOUSE}.status_determined_by"
    assert run.tally.passed == 0


@pytest.mark.parametrize("authority", [StatusAuthority.BORDER_OR_POLICE, StatusAuthority.OTHER])
def test_fails_for_a_migrant_status_not_set_by_a_competent_authority_or_unhcr(
    authority: StatusAuthority,
) -> None:
    op = with_member(
        sound_operation(),
        0,
        1,
        legal_category=LegalCategory.MIGRANT,
        status_determined_by=authority,
    )
    finding = run_rule("LEAD-004", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{SPOUSE}.status_determined_by"


@pytest.mark.parametrize("authority", [StatusAuthority.COMPETENT_AUTHORITY, StatusAuthority.UNHCR])
def test_a_migrant_status_set_by_a_competent_authority_or_unhcr_passes(
    authority: StatusAuthority,
) -> None:
    op = with_member(
        sound_operation(),
        0,
        1,
        legal_category=LegalCategory.MIGRANT,
        status_determined_by=authority,
    )
    assert run_rule("LEAD-004", op).clean


def test_unknown_author_of_a_migrant_status_is_insufficient_information() -> None:
    op = with_member(
        sound_operation(), 0, 1, legal_category=LegalCategory.MIGRANT, status_determined_by=None
    )
    finding = run_rule("LEAD-004", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{SPOUSE}.status_determined_by"


# The controlled vocabulary, written out here rather than read from the rule, so that a
# label dropped from the rule's sets is caught.
_DENYING_LABELS = (
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
)
_VOCABULARY: dict[LegalCategory, tuple[str, ...]] = {
    LegalCategory.REFUGEE: (
        "refugee",
        "recognised refugee",
        "recognized refugee",
        "convention refugee",
        "mandate refugee",
        "prima facie refugee",
    ),
    LegalCategory.ASYLUM_SEEKER: (
        "asylum seeker",
        "asylum applicant",
        "applicant for international protection",
    ),
    LegalCategory.STATELESS: ("stateless", "stateless person"),
    LegalCategory.IDP: ("idp", "internally displaced", "internally displaced person"),
    LegalCategory.MIGRANT: ("migrant",),
    LegalCategory.UNKNOWN: (
        "not yet assessed",
        "protection need not assessed",
        "pending protection screening",
    ),
}
# From most to least protection recognised; categories in one tier rank alike.
_TIERS: tuple[frozenset[LegalCategory], ...] = (
    frozenset({LegalCategory.REFUGEE, LegalCategory.STATELESS}),
    frozenset({LegalCategory.ASYLUM_SEEKER, LegalCategory.UNKNOWN}),
    frozenset({LegalCategory.IDP}),
    frozenset({LegalCategory.MIGRANT}),
)


def _tier(category: LegalCategory) -> int:
    return next(index for index, tier in enumerate(_TIERS) if category in tier)


def _labelled(category: LegalCategory, label: str) -> RuleRun:
    op = with_member(
        sound_operation(),
        0,
        1,
        legal_category=category,
        status_label=label,
        status_determined_by=StatusAuthority.UNHCR,
    )
    return run_rule("LEAD-004", op)


def test_the_vocabulary_covers_every_legal_category() -> None:
    assert set(_VOCABULARY) == set(LegalCategory)
    assert set().union(*_TIERS) == set(LegalCategory)


@pytest.mark.parametrize("label", _DENYING_LABELS)
def test_every_label_that_denies_a_protection_need_fails(label: str) -> None:
    finding = _labelled(LegalCategory.REFUGEE, label).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{SPOUSE}.status_label"


@pytest.mark.parametrize(
    ("category", "label"),
    [(category, label) for category, labels in _VOCABULARY.items() for label in labels],
)
def test_every_label_of_the_vocabulary_passes_on_a_person_of_its_category(
    category: LegalCategory, label: str
) -> None:
    assert _labelled(category, label).clean


@pytest.mark.parametrize("person", list(LegalCategory))
@pytest.mark.parametrize("named", list(LegalCategory))
def test_a_label_fails_exactly_when_it_names_a_category_recognising_less_protection(
    person: LegalCategory, named: LegalCategory
) -> None:
    run = _labelled(person, _VOCABULARY[named][0])
    if _tier(named) > _tier(person):
        finding = run.only()
        assert finding.outcome is Outcome.FAIL
        assert finding.path == f"{SPOUSE}.status_label"
    else:
        assert run.clean
