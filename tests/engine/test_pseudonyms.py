"""Pseudonymous references: keyed, recorded, revealable only on request."""

from __future__ import annotations

import pytest

import repatguard
from repatguard.render.json import to_json
from repatguard.report.pseudonyms import KEY_VARIABLE, pseudonym
from repatguard.testing.factories import AS_OF, sound_operation, with_member

REFERENCES = {"HH-1", "P-1", "P-2", "P-3"}


def _subjects(report: repatguard.Report) -> set[str]:
    found = {c.subject for c in report.case_verdicts} | {c.household for c in report.case_verdicts}
    found |= {f.subject for f in report.findings} | {f.household or "" for f in report.findings}
    return found - {""}


def _with_a_person_finding() -> repatguard.Operation:
    return with_member(sound_operation(), 0, 1, consent=())


def test_references_are_pseudonymous_by_default_with_the_callers_key() -> None:
    report = repatguard.check(_with_a_person_finding(), as_of=AS_OF, reference_key="k1")
    assert not _subjects(report) & REFERENCES
    assert pseudonym("P-2", "k1") in {f.subject for f in report.findings}
    assert report.references.mode == "pseudonymous"
    assert report.references.key_source == "argument"
    assert report.references.linkable
    text = to_json(report)
    assert not any(f'"{reference}"' in text for reference in REFERENCES)


def test_the_environment_key_is_used_and_gives_linkable_references(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(KEY_VARIABLE, "shared-key")
    first = repatguard.check(_with_a_person_finding(), as_of=AS_OF)
    second = repatguard.check(_with_a_person_finding(), as_of=AS_OF)
    assert first.references.key_source == "environment"
    assert _subjects(first) == _subjects(second)
    assert pseudonym("P-2", "shared-key") in _subjects(first)


def test_without_a_key_references_are_not_linkable_across_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(KEY_VARIABLE, raising=False)
    first = repatguard.check(_with_a_person_finding(), as_of=AS_OF)
    second = repatguard.check(_with_a_person_finding(), as_of=AS_OF)
    assert first.references.key_source == "random"
    assert not first.references.linkable
    assert _subjects(first) != _subjects(second)


def test_revealing_references_is_explicit_and_recorded() -> None:
    report = repatguard.check(_with_a_person_finding(), as_of=AS_OF, reveal_references=True)
    assert report.references.mode == "revealed"
    assert {"P-2", "HH-1"} <= _subjects(report)


def test_operation_and_area_references_are_not_personal_and_stay() -> None:
    report = repatguard.check(_with_a_person_finding(), as_of=AS_OF, reference_key="k1")
    assert report.operation == "OP-SOUND"
    assert [a.area for a in report.area_verdicts] == ["AREA-1"]
