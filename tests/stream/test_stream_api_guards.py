"""Guards of the Python streaming API: a named manifest is never left out silently, ``jobs``
is bounded, and duplicate-reference issues do not repeat the reference (issue #12)."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pendulum
import pytest

import repatguard
from repatguard.cli import stream_options
from repatguard.stream import check_manifest, run
from repatguard.stream.cases import ManifestIssue
from repatguard.testing.synthetic import AS_OF, synthetic_households, synthetic_operation

_AS_OF = pendulum.Date.fromisoformat(AS_OF)


def _operation() -> repatguard.Operation:
    return repatguard.load(synthetic_operation())


def test_an_operation_naming_a_manifest_cannot_be_checked_without_it() -> None:
    op = attrs.evolve(_operation(), cases_manifest="cases.jsonl")
    with pytest.raises(ValueError, match="cases_manifest"):
        check_manifest(op, as_of=_AS_OF)


@pytest.mark.parametrize("jobs", [0, -1, run.MAX_JOBS + 1, 10**12, True, 2.0])
def test_jobs_outside_its_range_is_refused_before_anything_starts(
    tmp_path: Path, jobs: object
) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(json.dumps(next(synthetic_households(1, seed=3))) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="jobs"):
        check_manifest(_operation(), cases, as_of=_AS_OF, jobs=jobs)  # type: ignore[arg-type]


def test_the_command_line_and_the_library_share_the_bound_on_jobs() -> None:
    assert stream_options.MAX_JOBS == run.MAX_JOBS


def test_a_reference_used_twice_is_reported_without_repeating_it(tmp_path: Path) -> None:
    household = next(synthetic_households(1, seed=4))
    household["reference"] = "CANARY-HOUSEHOLD-REF"
    for member in household["members"]:
        member["reference"] = f"CANARY-PERSON-{member['reference']}"
    cases = tmp_path / "cases.jsonl"
    cases.write_text((json.dumps(household) + "\n") * 2, encoding="utf-8")
    issues: list[ManifestIssue] = []
    check_manifest(_operation(), cases, as_of=_AS_OF, on_issue=issues.append)
    texts = [str(issue) for issue in issues]
    assert any("household reference is already used" in text for text in texts)
    assert any("person reference is already used" in text for text in texts)
    assert not any("CANARY" in text for text in texts)
