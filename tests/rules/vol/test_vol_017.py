"""VOL-017: women and adolescent girls whose household decides together declare in an
interview apart from it."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest

from repatguard.facts.parameters import Parameters
from repatguard.model import ConsentEvent, ConsentKind, Operation, Sex
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, at, sound_operation, with_member
from repatguard.testing.rules import run_rule

SPOUSE = "$.households[0].members[1]"
CHILD = "$.households[0].members[2]"


def _declarations(op: Operation, member: int, *held: bool | None) -> Operation:
    """``member`` with one declaration per value of ``held`` (and no other events)."""
    events = tuple(
        ConsentEvent(
            kind=ConsentKind.DECLARATION, at=at(AS_OF.subtract(days=20 - n)), held_separately=h
        )
        for n, h in enumerate(held)
    )
    return with_member(op, 0, member, consent=events)


def _spouse(held: bool | None, **changes: Any) -> Operation:
    return with_member(_declarations(sound_operation(), 1, held), 0, 1, **changes)


def test_a_woman_who_declared_apart_passes_and_others_are_not_concerned() -> None:
    run = run_rule("VOL-017", sound_operation())
    assert run.clean
    # P-2 passes, and so does her husband (a man is not concerned, and counts as a pass so
    # that tallies never tell the sex); their 9-year-old daughter, in their care, does not
    # apply by age.
    assert (run.tally.passed, run.tally.not_applicable) == (2, 1)


def test_a_declaration_with_the_household_present_fails_as_major() -> None:
    finding = run_rule("VOL-017", _spouse(False)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.subject == "P-2"
    assert finding.path == f"{SPOUSE}.consent[0].held_separately"


def test_one_declaration_apart_among_others_is_enough() -> None:
    op = _declarations(sound_operation(), 1, False, True, None)
    assert run_rule("VOL-017", op).clean


def test_an_unrecorded_separateness_is_insufficient_information() -> None:
    op = _declarations(sound_operation(), 1, False, None)
    finding = run_rule("VOL-017", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SPOUSE}.consent[1].held_separately"


def test_a_woman_without_any_declaration_fails() -> None:
    finding = run_rule("VOL-017", with_member(sound_operation(), 0, 1, consent=())).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{SPOUSE}.consent"


def test_a_declaration_after_as_of_does_not_count() -> None:
    late = ConsentEvent(
        kind=ConsentKind.DECLARATION, at=at(AS_OF.add(days=1)), held_separately=True
    )
    op = with_member(
        _spouse(False), 0, 1, consent=(*_spouse(False).households[0].members[1].consent, late)
    )
    assert run_rule("VOL-017", op).only().outcome is Outcome.FAIL


def test_a_man_is_not_concerned_and_counts_as_a_pass() -> None:
    op = _declarations(sound_operation(), 0, False)
    run = run_rule("VOL-017", op)
    assert run.clean
    # The man passes (the young daughter is not applicable, by age): the tallies must not
    # tell the sex recorded, so "not applicable" is decided by age and household alone.
    assert (run.tally.passed, run.tally.not_applicable) == (2, 1)


def test_the_tallies_are_the_same_whatever_the_sex_recorded() -> None:
    # Found by a review: a household of two men read "not applicable (2 subjects)".
    tallies = set()
    for head, spouse in ((Sex.MALE, Sex.FEMALE), (Sex.FEMALE, Sex.MALE), (Sex.MALE, Sex.MALE)):
        op = with_member(with_member(sound_operation(), 0, 0, sex=head), 0, 1, sex=spouse)
        run = run_rule("VOL-017", op)
        assert not run.findings
        tallies.add((run.tally.passed, run.tally.not_applicable))
    assert len(tallies) == 1


def test_other_or_not_disclosed_is_owed_the_interview() -> None:
    # No one has to disclose their sex to be interviewed apart.
    finding = run_rule("VOL-017", _spouse(False, sex=Sex.OTHER_OR_NOT_DISCLOSED)).only()
    assert finding.outcome is Outcome.FAIL


def test_an_unrecorded_sex_is_insufficient_information_unless_the_record_holds() -> None:
    finding = run_rule("VOL-017", _spouse(False, sex=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SPOUSE}.sex"
    assert finding.severity is Severity.MAJOR
    assert run_rule("VOL-017", _spouse(True, sex=None)).clean


def test_an_adolescent_girl_in_her_parents_care_needs_her_own_declaration_apart() -> None:
    # 14 on as_of: covered by her parents' declaration for VOL-001, but owed her own here.
    op = with_member(sound_operation(), 0, 2, date_of_birth=pendulum.Date(2012, 1, 5))
    finding = run_rule("VOL-017", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{CHILD}.consent"
    op = _declarations(op, 2, True)
    assert run_rule("VOL-017", op).clean


def test_a_young_girl_without_parental_care_is_concerned() -> None:
    op = with_member(sound_operation(), 0, 2, unaccompanied_or_separated=True)
    finding = run_rule("VOL-017", op).only()
    assert (finding.outcome, finding.subject) == (Outcome.FAIL, "P-3")


def test_the_adolescent_age_is_a_parameter() -> None:
    assert Parameters().adolescent_age == 10
    run = run_rule("VOL-017", sound_operation(), parameters=Parameters(adolescent_age=9))
    assert run.only().subject == "P-3"  # the 9-year-old is now owed the interview


def test_an_unknown_age_is_insufficient_information() -> None:
    op = with_member(sound_operation(), 0, 2, date_of_birth=None, age=None)
    finding = run_rule("VOL-017", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{CHILD}.date_of_birth"


def test_an_unknown_parental_care_of_a_young_girl_is_insufficient_information() -> None:
    op = with_member(sound_operation(), 0, 2, unaccompanied_or_separated=None)
    finding = run_rule("VOL-017", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{CHILD}.unaccompanied_or_separated"


@pytest.mark.parametrize(
    "husband", [{"stays_behind": True}, {"date_of_birth": pendulum.Date(2020, 1, 1)}]
)
def test_a_woman_with_no_one_to_decide_with_is_not_concerned(husband: dict[str, Any]) -> None:
    # The other members stay behind or are young children: no household decision to sit in on.
    op = with_member(_spouse(False), 0, 0, **husband)
    op = with_member(op, 0, 2, stays_behind=True)
    run = run_rule("VOL-017", op)
    assert not run.findings
    assert run.tally.not_applicable == 1  # P-2: no household decision to sit in on


def test_a_member_of_unknown_age_may_sit_in() -> None:
    op = with_member(_spouse(False), 0, 0, date_of_birth=None, age=None)
    op = with_member(op, 0, 2, stays_behind=True)
    assert run_rule("VOL-017", op).only().subject == "P-2"


def test_a_woman_staying_behind_is_not_concerned() -> None:
    run = run_rule("VOL-017", _spouse(False, stays_behind=True))
    assert not run.findings
    assert run.tally.passed == 0


@pytest.mark.parametrize("sex", [Sex.FEMALE, Sex.OTHER_OR_NOT_DISCLOSED, None])
def test_findings_never_name_the_sex(sex: Sex | None) -> None:
    for held in (False, None):
        finding = run_rule("VOL-017", _spouse(held, sex=sex)).only()
        text = " ".join(
            (finding.message, finding.evidence.observed or "", finding.evidence.expected or "")
        ).lower()
        for word in ("female", "woman", "women", "girl", "male", "disclosed"):
            assert word not in text, (word, text)


def test_the_factory_records_the_facts() -> None:
    members = sound_operation().households[0].members
    assert [m.sex for m in members] == [Sex.MALE, Sex.FEMALE, Sex.FEMALE]
    assert all(attrs.asdict(m.consent[0])["held_separately"] is True for m in members if m.consent)


@pytest.mark.parametrize("sex", list(Sex))
def test_no_report_shows_a_sex(sex: Sex) -> None:
    # Sensitive personal data: whatever the finding, no output says which value was recorded.
    from repatguard.engine.check import check
    from repatguard.render.html import to_html
    from repatguard.render.json import to_json
    from repatguard.render.markdown import to_markdown
    from repatguard.render.text import to_text

    op = with_member(_spouse(False, sex=sex), 0, 0, sex=sex)
    report = check(op, as_of=AS_OF)
    assert any(f.code == "VOL-017" for f in report.findings) is (sex is not Sex.MALE)
    for output in (to_text(report), to_json(report), to_markdown(report), to_html(report)):
        assert sex.value not in output.lower()
