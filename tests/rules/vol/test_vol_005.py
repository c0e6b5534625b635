"""VOL-005: withdrawal honoured."""

from __future__ import annotations

from repatguard.model import ConsentEvent, ConsentKind, Operation, Relationship
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import AS_OF, at, sound_consent, sound_operation, with_member
from repatguard.testing.rules import run_rule

SPOUSE = "$.households[0].members[1]"


def _withdrawal(days_before_as_of: int, hour: int = 10) -> ConsentEvent:
    return ConsentEvent(
        kind=ConsentKind.WITHDRAWAL, at=at(AS_OF.subtract(days=days_before_as_of), hour)
    )


def _withdrawn(op: Operation, member: int, *extra: ConsentEvent) -> Operation:
    return with_member(op, 0, member, consent=(*sound_consent(), _withdrawal(3), *extra))


def test_passes_when_no_one_withdrew() -> None:
    run = run_rule("VOL-005", sound_operation())
    assert run.clean
    assert run.tally.passed == 3


def test_a_withdrawal_after_the_declaration_fails_at_the_withdrawal() -> None:
    finding = run_rule("VOL-005", _withdrawn(sound_operation(), 1)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.BLOCKER
    assert finding.path == f"{SPOUSE}.consent[3]"
    assert "remove the person" in finding.message


def test_a_new_declaration_after_the_withdrawal_passes() -> None:
    redeclared = ConsentEvent(kind=ConsentKind.DECLARATION, at=at(AS_OF.subtract(days=2)))
    assert run_rule("VOL-005", _withdrawn(sound_operation(), 1, redeclared)).clean


def test_a_declaration_at_the_same_instant_does_not_undo_the_withdrawal() -> None:
    same = ConsentEvent(kind=ConsentKind.DECLARATION, at=at(AS_OF.subtract(days=3)))
    assert run_rule("VOL-005", _withdrawn(sound_operation(), 1, same)).only().outcome is (
        Outcome.FAIL
    )


def test_a_withdrawal_after_as_of_has_not_happened_yet() -> None:
    later = ConsentEvent(kind=ConsentKind.WITHDRAWAL, at=at(AS_OF.add(days=1)))
    op = with_member(sound_operation(), 0, 1, consent=(*sound_consent(), later))
    assert run_rule("VOL-005", op).clean


def test_a_dependent_child_is_removed_when_every_declaring_adult_withdrew() -> None:
    op = _withdrawn(_withdrawn(sound_operation(), 0), 1)
    run = run_rule("VOL-005", op)
    assert {f.subject for f in run.findings} == {"P-1", "P-2", "P-3"}
    child = next(f for f in run.findings if f.subject == "P-3")
    assert child.outcome is Outcome.FAIL
    assert child.severity is Severity.BLOCKER
    assert child.path == "$.households[0].members[2]"


def test_a_dependent_child_stays_covered_while_the_parent_has_not_withdrawn() -> None:
    run = run_rule("VOL-005", _withdrawn(sound_operation(), 1))
    assert {f.subject for f in run.findings} == {"P-2"}


def test_a_parents_withdrawal_is_not_undone_by_someone_who_may_not_be_a_parent() -> None:
    # The head (the parent) withdrew; only the head's spouse, perhaps a step-parent, has not.
    run = run_rule("VOL-005", _withdrawn(sound_operation(), 0))
    child = [f for f in run.findings if f.subject == "P-3"]
    assert [(f.outcome, f.path) for f in child] == [
        (Outcome.INSUFFICIENT_INFORMATION, "$.households[0].members[2].relationship_to_head")
    ]


def test_another_adults_declaration_does_not_cover_a_child_whose_parent_withdrew() -> None:
    # The head (the parent) withdrew; the head's sister still wants to return.
    op = with_member(
        _withdrawn(sound_operation(), 0), 0, 1, relationship_to_head=Relationship.SIBLING
    )
    child = [f for f in run_rule("VOL-005", op).findings if f.subject == "P-3"]
    assert [f.outcome for f in child] == [Outcome.FAIL]


def test_a_child_with_an_own_declaration_is_judged_on_own_events() -> None:
    op = _withdrawn(_withdrawn(sound_operation(), 0), 1)
    op = with_member(op, 0, 2, consent=sound_consent())
    assert {f.subject for f in run_rule("VOL-005", op).findings} == {"P-1", "P-2"}


def test_absence_of_consent_events_means_no_withdrawal_not_missing_data() -> None:
    # fail_closed does not apply here: absence of events is absence of a withdrawal.
    op = with_member(sound_operation(), 0, 1, consent=())
    run = run_rule("VOL-005", op)
    assert run.clean
    assert Outcome.INSUFFICIENT_INFORMATION not in run.outcomes


def test_parents_of_unknown_age_who_withdrew_still_take_the_child_off_the_manifest() -> None:
    # Parenthood does not depend on age: the head's withdrawal covers the child.
    from repatguard.model import ConsentEvent, ConsentKind
    from repatguard.testing.factories import AS_OF, at, sound_operation, with_member

    withdrawn = (
        *sound_operation().households[0].members[0].consent,
        ConsentEvent(kind=ConsentKind.WITHDRAWAL, at=at(AS_OF.subtract(days=1), 18)),
    )
    op = sound_operation()
    for member in (0, 1):
        op = with_member(op, 0, member, consent=withdrawn, date_of_birth=None, age=None)
    child = [f for f in run_rule("VOL-005", op).findings if f.subject == "P-3"]
    assert [f.outcome for f in child] == [Outcome.FAIL]


def test_a_childs_own_information_session_is_not_a_declaration_of_their_own() -> None:
    # Both parents withdrew; the child attended a session but never declared.
    op = _withdrawn(_withdrawn(sound_operation(), 0), 1)
    op = with_member(op, 0, 2, consent=(sound_consent()[1],))
    child = [f for f in run_rule("VOL-005", op).findings if f.subject == "P-3"]
    assert [f.outcome for f in child] == [Outcome.FAIL]


def test_a_withdrawal_by_a_parent_who_never_declared_covers_no_declaration_of_the_child() -> None:
    # The head withdrew but never declared, and nobody else declared: no declaration covers
    # the child to be withdrawn (VOL-001 reports the child's missing declaration); only the
    # head, who is still on the manifest, fails here.
    op = with_member(sound_operation(), 0, 0, consent=(_withdrawal(3),))
    op = with_member(op, 0, 1, consent=())
    run = run_rule("VOL-005", op)
    assert {(f.subject, f.outcome) for f in run.findings} == {("P-1", Outcome.FAIL)}
