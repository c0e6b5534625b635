"""LEAD-004: no labels that narrow protection."""

from __future__ import annotations

import pytest

from repatguard.model import LegalCategory, StatusAuthority
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import sound_operation, with_member
from repatguard.testing.rules import run_rule

SPOUSE = "$.households[0].members[1]"


def test_passes_when_no_one_carries_a_narrowing_label() -> None:
    run = run_rule("LEAD-004", sound_operation())
    assert run.clean
    assert run.tally.passed == 3


@pytest.mark.parametrize("category", [LegalCategory.UNKNOWN, LegalCategory.ASYLUM_SEEKER])
@pytest.mark.parametrize("label", ["illegal", "  Economic Migrant ", "GUEST", "temporary visitor"])
def test_fails_for_a_narrowing_label_on_a_person_not_yet_assessed(
    category: LegalCategory, label: str
) -> None:
    op = with_member(sound_operation(), 0, 1, legal_category=category, status_label=label)
    finding = run_rule("LEAD-004", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.subject == "P-2"
    assert finding.path == f"{SPOUSE}.status_label"


def test_a_neutral_label_on_a_person_not_yet_assessed_passes() -> None:
    op = with_member(
        sound_operation(), 0, 1, legal_category=LegalCategory.UNKNOWN, status_label="new arrival"
    )
    assert run_rule("LEAD-004", op).clean


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
