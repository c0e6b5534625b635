"""Fixtures for the streaming tests: synthetic manifests and the in-memory reference."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest

import repatguard
from repatguard.model import Operation
from repatguard.render.json import report_to_dict
from repatguard.stream import StreamResult, check_manifest
from repatguard.testing.synthetic import synthetic_households, synthetic_operation

AS_OF = pendulum.Date(2026, 6, 1)


@attrs.frozen(kw_only=True)
class Streamed:
    """A streaming check's result and everything it wrote."""

    result: StreamResult
    findings: str
    cases: str
    issues: list[Any]

    def all_findings(self) -> list[str]:
        """Every finding (streamed and in the report), canonical JSON, sorted; each streamed
        line names the operation, which the report's findings leave to the report."""
        streamed = [self._of_operation(line) for line in self.findings.splitlines()]
        held = report_to_dict(self.result.report)["findings"]
        return sorted(json.dumps(item, sort_keys=True) for item in streamed + held)

    def case_verdicts(self) -> list[dict[str, Any]]:
        return [self._of_operation(line) for line in self.cases.splitlines()]

    def _of_operation(self, line: str) -> dict[str, Any]:
        """A JSON line without its ``operation`` key, which must come first and name the
        report's operation."""
        data: dict[str, Any] = json.loads(line)
        assert next(iter(data)) == "operation"
        assert data.pop("operation") == self.result.report.operation
        return data


def run_stream(operation: Operation, cases: Path | None, **kwargs: Any) -> Streamed:
    findings = io.StringIO()
    verdicts = io.StringIO()
    issues: list[Any] = []
    kwargs.setdefault("as_of", AS_OF)
    result = check_manifest(
        operation,
        cases,
        findings_out=findings,
        cases_out=verdicts,
        on_issue=issues.append,
        **kwargs,
    )
    return Streamed(
        result=result, findings=findings.getvalue(), cases=verdicts.getvalue(), issues=issues
    )


def assert_same_as_in_memory(reference: repatguard.Report, streamed: Streamed) -> None:
    """The streaming result equals the in-memory report: summary, verdicts, findings, cases."""
    expected = report_to_dict(reference)
    got = report_to_dict(streamed.result.report)
    if reference.next_review_computed and streamed.result.report.next_review_computed:
        assert got["next_review"] == expected["next_review"]
    for key in ("findings", "case_verdicts", "next_review", "next_review_computed"):
        expected.pop(key, None)
        got.pop(key, None)
    assert got == expected
    everything = sorted(
        json.dumps(item, sort_keys=True) for item in report_to_dict(reference)["findings"]
    )
    assert streamed.all_findings() == everything
    assert streamed.case_verdicts() == report_to_dict(reference)["case_verdicts"]
    assert streamed.result.manifest.complete


def write_jsonl(path: Path, households: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(h) + "\n" for h in households), encoding="utf-8")
    return path


@pytest.fixture
def synthetic() -> Callable[[int, int], tuple[dict[str, Any], list[dict[str, Any]]]]:
    def make(count: int, seed: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        return synthetic_operation(), list(synthetic_households(count, seed=seed))

    return make


def with_households(operation: dict[str, Any], households: list[dict[str, Any]]) -> Operation:
    data = dict(operation)
    data["households"] = households
    return repatguard.load(data)


@pytest.fixture(name="stream")
def _stream() -> Callable[..., Streamed]:
    """``stream(operation, cases_path, **check_manifest_arguments) -> Streamed``."""
    return run_stream


@pytest.fixture(name="same_as_in_memory")
def _same_as_in_memory() -> Callable[[repatguard.Report, Streamed], None]:
    return assert_same_as_in_memory


@pytest.fixture(name="jsonl")
def _jsonl(tmp_path: Path) -> Callable[[list[dict[str, Any]]], Path]:
    """Writes households to a JSON Lines file in ``tmp_path``."""
    counter = iter(range(1_000_000))

    def write(households: list[dict[str, Any]]) -> Path:
        return write_jsonl(tmp_path / f"cases-{next(counter)}.jsonl", households)

    return write


@pytest.fixture(name="operation_with")
def _operation_with() -> Callable[[dict[str, Any], list[dict[str, Any]]], Operation]:
    return with_households
