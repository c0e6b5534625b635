"""The case-level check is pure and picklable; --jobs gives the same bytes."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

import repatguard
from repatguard.render.json import to_json
from repatguard.stream import case_context, check_cases, read_manifest


def test_the_context_and_the_results_pickle(
    synthetic: Any, jsonl: Any, operation_with: Any
) -> None:
    import pendulum

    operation, households = synthetic(12, 21)
    context, _ = case_context(
        operation_with(operation, []), as_of=pendulum.Date(2026, 6, 1), reference_key="k"
    )
    chunk = next(read_manifest(jsonl(households), chunk_size=100))
    copied = pickle.loads(pickle.dumps(context))
    first = check_cases(context, chunk)
    again = check_cases(copied, pickle.loads(pickle.dumps(chunk)))
    assert again == first
    assert pickle.loads(pickle.dumps(first)) == first
    assert first.read == 12
    assert first.counts.households == 12


def test_two_jobs_give_the_same_bytes_as_one(
    synthetic: Any, stream: Any, jsonl: Any, operation_with: Any
) -> None:
    operation, households = synthetic(60, 22)
    households[5]["members"][0]["age"] = "3"  # one bad record too
    path = jsonl(households)
    shell = operation_with(operation, [])
    one = stream(shell, path, chunk_size=7, jobs=1)
    two = stream(shell, path, chunk_size=7, jobs=2)
    assert to_json(two.result.report) == to_json(one.result.report)
    assert two.findings == one.findings
    assert two.cases == one.cases
    assert [str(i) for i in two.issues] == [str(i) for i in one.issues]
    assert one.result.manifest.failed == 1


def test_a_registry_built_in_python_runs_in_one_process_only(
    synthetic: Any, stream: Any, jsonl: Any, operation_with: Any
) -> None:
    operation, households = synthetic(3, 23)
    registry = repatguard.builtin_registry().select(
        code for code in (r.code for r in repatguard.builtin_registry()) if code != "DATA-006"
    )
    path = jsonl(households)
    shell = operation_with(operation, [])
    rules_run = stream(shell, path, registry=registry).result.report.summary.rules_run
    assert rules_run == len(repatguard.builtin_registry()) - 1
    with pytest.raises(TypeError, match="jobs > 1 needs a catalogue"):
        stream(shell, path, registry=registry, jobs=2)
