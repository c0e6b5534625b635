"""The lines and the spill of a streamed check (issue 13).

A finding without a waiver is written from its rule's fixed parts, encoded once, and its own
values, and a case verdict's data is made directly: each must be what the report's converter
gives (the finding line byte for byte, :func:`plain_finding_line`), in every language, with
references renamed or not, whatever the severity override and the wording. Findings go into
the spill as plain tuples and come back as the same findings, with their wording when the
verdict lines are rendered in another language; the lines of a streamed check in another
language are the in-memory ones."""

from __future__ import annotations

import functools
import hashlib
import json
import pickle
from collections.abc import Callable
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import repatguard
from repatguard.model import Waiver
from repatguard.outcomes import Outcome, Scope, Severity, Verdict
from repatguard.render.i18n import use_language
from repatguard.render.json import data_converter, report_to_dict
from repatguard.report.finding import AppliedWaiver, Evidence, Finding, WaiverStatus, Wording
from repatguard.report.report import CaseVerdict, Reason
from repatguard.rules.message import Message
from repatguard.stream._engine import rename_case_verdict
from repatguard.stream.cases import (
    _spilled,
    _unspilled,
    finding_line,
    plain_finding_line,
    verdict_data,
)
from repatguard.testing.synthetic import synthetic_households, synthetic_operation

AS_OF = pendulum.Date(2026, 6, 1)

TEXT = st.text(max_size=12)
_MAYBE = st.none() | TEXT
_TEMPLATES = st.text(alphabet=st.characters(exclude_characters="{}"), max_size=12)
MESSAGES = st.builds(
    Message,
    _TEMPLATES,
    st.dictionaries(TEXT, TEXT | st.integers(), max_size=2).map(lambda v: tuple(v.items())),
)
_WAIVERS = st.builds(
    AppliedWaiver,
    status=st.sampled_from(WaiverStatus),
    waiver=st.builds(
        Waiver,
        code=TEXT,
        subject=TEXT,
        justification=TEXT,
        approved_by=TEXT,
        granted_on=st.just(pendulum.Date(2026, 1, 1)),
        expires_on=st.just(pendulum.Date(2027, 1, 1)),
        decision_record=TEXT,
    ),
    note=TEXT,
)
FINDINGS = st.builds(
    Finding,
    code=TEXT,
    title=TEXT,
    severity=st.sampled_from(Severity),
    default_severity=st.sampled_from(Severity),
    outcome=st.sampled_from(Outcome),
    scope=st.sampled_from(Scope),
    subject=TEXT,
    path=TEXT,
    message=TEXT,
    evidence=st.builds(Evidence, observed=_MAYBE, expected=_MAYBE),
    references=st.lists(TEXT, max_size=3).map(tuple),
    remediation=TEXT,
    area=_MAYBE,
    household=_MAYBE,
    escalate=st.booleans(),
    waiver=st.none() | _WAIVERS,
    wording=st.none()
    | st.builds(
        Wording,
        message=MESSAGES,
        observed=st.lists(MESSAGES, max_size=2).map(tuple),
        expected=st.none() | MESSAGES,
    ),
)

SPILLED_FIELDS = {
    "code",
    "title",
    "severity",
    "default_severity",
    "outcome",
    "scope",
    "subject",
    "path",
    "message",
    "evidence",
    "references",
    "remediation",
    "area",
    "household",
    "escalate",
    "waiver",
    "fingerprint",
    "wording",
}


def _round_trip(finding: Finding, *, wording: bool) -> Finding:
    return _unspilled(pickle.loads(pickle.dumps(_spilled(finding, wording=wording))))


def test_the_spill_knows_every_field_of_a_finding() -> None:
    # A field added to Finding must be added to _spilled and _unspilled (and here).
    assert {field.name for field in attrs.fields(Finding)} == SPILLED_FIELDS


@given(FINDINGS)
def test_a_spilled_finding_comes_back_the_same(finding: Finding) -> None:
    back = _round_trip(finding, wording=True)
    assert back == finding
    assert back.fingerprint == finding.fingerprint
    assert back.wording == finding.wording
    assert back.waiver == finding.waiver
    if finding.waiver is not None:
        assert back.waiver is not None
        assert back.waiver.wording == finding.waiver.wording


@given(FINDINGS)
def test_a_finding_spilled_for_english_lines_loses_only_its_wording(finding: Finding) -> None:
    back = _round_trip(finding, wording=False)
    assert back == finding  # the wording is rendering-only: not part of equality
    assert back.wording is None
    assert attrs.evolve(finding, wording=None) == back


@pytest.mark.parametrize("trace", [False, True])
@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_streamed_verdict_and_finding_lines_in_another_language_are_the_in_memory_ones(
    lang: str,
    trace: bool,
    synthetic: Callable[[int, int], tuple[dict[str, Any], list[dict[str, Any]]]],
    stream: Any,
    jsonl: Any,
    operation_with: Any,
) -> None:
    operation, households = synthetic(40, 3)
    reference = repatguard.check(
        operation_with(operation, households), as_of=AS_OF, next_review=False, trace=trace
    )
    more = {"chunk_size": 9, "trace": trace}
    streamed = stream(operation_with(operation, []), jsonl(households), lang=lang, **more)
    english = stream(operation_with(operation, []), jsonl(households), **more)
    with use_language(lang):
        expected = report_to_dict(reference)
    lines, english_lines = streamed.case_verdicts(), english.case_verdicts()
    if trace:
        traced = [s for s in expected["trace"]["scopes"] if s["scope"] in ("household", "person")]
        assert [line.pop("trace") for line in lines] == traced
        english_traced = [line.pop("trace") for line in english_lines]
        assert english_traced == [
            s
            for s in report_to_dict(reference)["trace"]["scopes"]
            if s["scope"] in ("household", "person")
        ]
        assert english_traced != traced  # the evidence the trace lists is translated
    assert lines == expected["case_verdicts"]
    # The reasons are translated: the test would not see wording lost otherwise.
    assert lines != english_lines
    assert english_lines == report_to_dict(reference)["case_verdicts"]
    streamed_findings = [streamed._of_operation(line) for line in streamed.findings.splitlines()]
    case_level = [f for f in expected["findings"] if f["scope"] in ("household", "person")]
    assert sorted(map(repr, streamed_findings)) == sorted(map(repr, case_level))


@functools.cache
def _real_findings() -> tuple[Finding, ...]:
    """The findings of a synthetic operation (many with wording: the rules write messages)."""
    data = synthetic_operation()
    data["households"] = list(synthetic_households(40, seed=5))
    return repatguard.check(repatguard.load(data), as_of=AS_OF, next_review=False).findings


LANGUAGES = ("en", "fr", "es", "ar")


def _pseudonymise(reference: str) -> str:
    return "ref-" + hashlib.sha256(reference.encode()).hexdigest()[:8]


RENAMES: tuple[Callable[[str], str] | None, ...] = (None, _pseudonymise)


@given(
    finding=FINDINGS,
    operation=st.text(max_size=8),
    lang=st.sampled_from(LANGUAGES),
    rename=st.sampled_from(RENAMES),
)
def test_a_line_is_the_converter_s_bytes(
    finding: Finding, operation: str, lang: str, rename: Callable[[str], str] | None
) -> None:
    with use_language(lang):
        line = finding_line(finding, operation, rename)
        assert line == plain_finding_line(finding, operation, rename)
        if rename is None:
            # And the plain line is json.dumps of the unstructured finding.
            data = {"operation": operation} | data_converter().unstructure(finding)
            assert json.loads(line) == data


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_lines_of_real_findings_are_the_converter_s_bytes(lang: str) -> None:
    findings = _real_findings()
    assert any(f.wording is not None for f in findings)
    with use_language(lang):
        for finding in findings:
            for rename in RENAMES:
                assert finding_line(finding, "OP-1", rename) == plain_finding_line(
                    finding, "OP-1", rename
                )
            # A severity override changes the cached start of the line.
            overridden = attrs.evolve(finding, severity=Severity.MINOR)
            assert finding_line(overridden, "OP-2", None) == plain_finding_line(
                overridden, "OP-2", None
            )


_REASONS = st.builds(
    Reason,
    code=TEXT,
    severity=st.sampled_from(Severity),
    outcome=st.sampled_from(Outcome),
    subject=TEXT,
    path=TEXT,
    message=TEXT,
    escalate=st.booleans(),
    wording=st.none() | TEXT | MESSAGES,
)
_CASES = st.builds(
    CaseVerdict,
    scope=st.sampled_from(Scope),
    subject=TEXT,
    household=TEXT,
    area=st.none() | TEXT,
    verdict=st.sampled_from(Verdict),
    reasons=st.lists(_REASONS, max_size=3).map(tuple),
    provisional=st.none() | st.sampled_from(Verdict),
    reasons_total=st.integers(min_value=0, max_value=99),
    reasons_by_code=st.dictionaries(TEXT, st.integers(min_value=0, max_value=9), max_size=3),
)


@given(
    case=_CASES,
    operation=st.text(max_size=8),
    lang=st.sampled_from(LANGUAGES),
    rename=st.sampled_from(RENAMES),
)
def test_a_verdict_line_is_the_converter_s(
    case: CaseVerdict, operation: str, lang: str, rename: Callable[[str], str] | None
) -> None:
    with use_language(lang):
        plain = data_converter().unstructure(case)
        if rename is not None:
            plain = rename_case_verdict(plain, rename)
        expected = json.dumps({"operation": operation} | plain, ensure_ascii=False)
        assert json.dumps(verdict_data(case, operation, rename), ensure_ascii=False) == expected
