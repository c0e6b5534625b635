"""Notebook display and data analysis: ``_repr_html_``, ``_repr_markdown_``, records, frames."""

from __future__ import annotations

import functools
import sys

import pytest

from repatguard.engine.check import check
from repatguard.examples import example
from repatguard.render.html import to_html
from repatguard.render.markdown import to_markdown
from repatguard.render.records import RECORD_KEYS
from repatguard.report.report import Report

KEYS = (
    "code",
    "title",
    "family",
    "severity",
    "default_severity",
    "outcome",
    "scope",
    "subject",
    "household",
    "area",
    "path",
    "message",
    "observed",
    "expected",
    "escalate",
    "fingerprint",
)


@functools.cache
def _report(name: str = "unreviewed-insufficient") -> Report:
    item = example(name)
    return check(item.load(), as_of=item.as_of)


def test_notebooks_show_the_html_fragment_and_the_markdown() -> None:
    report = _report()
    shown = report._repr_html_()
    assert shown == to_html(report, fragment=True)
    assert shown.startswith('<article class="rg-report"')
    assert "<!DOCTYPE" not in shown
    assert "<script" not in shown.lower()
    assert report._repr_markdown_() == to_markdown(report)


def test_records_are_flat_with_stable_keys() -> None:
    report = _report()
    records = report.to_records()
    assert RECORD_KEYS == KEYS
    assert len(records) == len(report.findings) > 0
    for record, finding in zip(records, report.findings, strict=True):
        assert tuple(record) == KEYS
        assert all(v is None or isinstance(v, str | bool) for v in record.values())
        assert record["code"] == finding.code
        assert record["family"] == finding.code.split("-")[0]
        assert record["severity"] == finding.severity.value
        assert record["outcome"] == finding.outcome.value
        assert record["observed"] == finding.evidence.observed
        assert record["fingerprint"] == finding.fingerprint
    assert _report("organised-promotion").to_records() == []


def test_to_dataframe_has_one_row_per_finding_and_the_record_columns() -> None:
    pytest.importorskip("pandas")
    frame = _report().to_dataframe()
    assert list(frame.columns) == list(KEYS)
    assert len(frame) == len(_report().findings)
    assert frame["code"].tolist() == [f.code for f in _report().findings]
    empty = _report("organised-promotion").to_dataframe()
    assert list(empty.columns) == list(KEYS)
    assert len(empty) == 0


def test_to_dataframe_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(ImportError, match=r"pip install 'repatguard\[pandas\]'"):
        _report().to_dataframe()
