"""rename_references: one visit per object, nothing rebuilt that has nothing to rename."""

from __future__ import annotations

from typing import Any

import attrs

import repatguard
from repatguard.report.pseudonyms import rename_references
from repatguard.report.report import Report
from repatguard.testing.factories import AS_OF, sound_operation, with_member


def _report() -> Report:
    operation = with_member(sound_operation(), 0, 1, consent=())
    return repatguard.check(operation, as_of=AS_OF, reveal_references=True, next_review=False)


def _walked(value: Any, rename: Any) -> Any:
    """The plain definition: every reference field of every attrs object and tuple renamed."""
    if isinstance(value, tuple):
        return tuple(_walked(item, rename) for item in value)
    if not attrs.has(type(value)):
        return value
    changes = {}
    for field in attrs.fields(type(value)):
        if not field.init:
            continue
        current = getattr(value, field.name)
        if field.name in ("subject", "household") and isinstance(current, str):
            changes[field.name] = rename(current)
        else:
            changes[field.name] = _walked(current, rename)
    return attrs.evolve(value, **changes)


def test_renaming_gives_what_the_plain_walk_gives() -> None:
    report = _report()

    def rename(reference: str) -> str:
        return f"renamed-{reference}"

    assert rename_references(report, rename) == _walked(report, rename)


def test_parts_with_nothing_to_rename_are_the_same_objects() -> None:
    # Rebuilding every tuple made a pseudonymous report cost several times its size.
    report = _report()
    unchanged = rename_references(report, lambda reference: reference)
    assert unchanged is report
    assert rename_references(report.findings, lambda reference: reference) is report.findings


def test_only_what_holds_a_renamed_reference_is_rebuilt() -> None:
    report = _report()
    person = report.findings[0].subject
    renamed = rename_references(report.findings, lambda r: "X" if r == person else r)
    for before, after in zip(report.findings, renamed, strict=True):
        if person in (before.subject, before.household):
            assert after is not before
            assert after.fingerprint != before.fingerprint or before.subject != person
        else:
            assert after is before
