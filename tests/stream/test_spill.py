"""The spill of a streamed check (issue 13): findings go into it as plain tuples and come
back as the same findings, with their wording when the verdict lines are rendered in another
language; the lines of a streamed check in another language are the in-memory ones."""

from __future__ import annotations

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
from repatguard.outcomes import Outcome, Scope, Severity
from repatguard.render.i18n import use_language
from repatguard.render.json import report_to_dict
from repatguard.report.finding import AppliedWaiver, Evidence, Finding, WaiverStatus, Wording
from repatguard.rules.message import Message
from repatguard.stream.cases import _spilled, _unspilled

AS_OF = pendulum.Date(2026, 6, 1)

_TEXT = st.text(max_size=12)
_MAYBE = st.none() | _TEXT
_TEMPLATES = st.text(alphabet=st.characters(exclude_characters="{}"), max_size=12)
_MESSAGES = st.builds(
    Message,
    _TEMPLATES,
    st.dictionaries(_TEXT, _TEXT | st.integers(), max_size=2).map(lambda v: tuple(v.items())),
)
_WAIVERS = st.builds(
    AppliedWaiver,
    status=st.sampled_from(WaiverStatus),
    waiver=st.builds(
        Waiver,
        code=_TEXT,
        subject=_TEXT,
        justification=_TEXT,
        approved_by=_TEXT,
        granted_on=st.just(pendulum.Date(2026, 1, 1)),
        expires_on=st.just(pendulum.Date(2027, 1, 1)),
        decision_record=_TEXT,
    ),
    note=_TEXT,
)
FINDINGS = st.builds(
    Finding,
    code=_TEXT,
    title=_TEXT,
    severity=st.sampled_from(Severity),
    default_severity=st.sampled_from(Severity),
    outcome=st.sampled_from(Outcome),
    scope=st.sampled_from(Scope),
    subject=_TEXT,
    path=_TEXT,
    message=_TEXT,
    evidence=st.builds(Evidence, observed=_MAYBE, expected=_MAYBE),
    references=st.lists(_TEXT, max_size=3).map(tuple),
    remediation=_TEXT,
    area=_MAYBE,
    household=_MAYBE,
    escalate=st.booleans(),
    waiver=st.none() | _WAIVERS,
    wording=st.none()
    | st.builds(
        Wording,
        message=_MESSAGES,
        observed=st.lists(_MESSAGES, max_size=2).map(tuple),
        expected=st.none() | _MESSAGES,
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
