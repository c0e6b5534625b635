"""An operation file can name its case manifest; the in-memory check refuses to skip it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import repatguard
from repatguard.cli import main
from repatguard.examples import example
from repatguard.io.converter import converter
from repatguard.testing.factories import evolve


def _split(tmp_path: Path) -> Path:
    item = example("organised-promotion")
    operation = item.load()
    manifest = tmp_path / "cases.jsonl"
    manifest.write_text(
        "".join(json.dumps(converter().unstructure(h)) + "\n" for h in operation.households),
        encoding="utf-8",
    )
    bare = evolve(operation, households=(), cases_manifest="cases.jsonl")
    path = tmp_path / "operation.json"
    path.write_text(json.dumps(converter().unstructure(bare)), encoding="utf-8")
    return path


def test_the_cli_streams_the_manifest_the_operation_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _split(tmp_path)
    assert main(["check", str(path), "--as-of", "2026-06-01", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["verdict"] == "promote"
    assert report["summary"]["cases"]["promote"] == 9


def test_the_in_memory_check_never_silently_leaves_the_cases_out(tmp_path: Path) -> None:
    operation = repatguard.load(_split(tmp_path))
    with pytest.raises(ValueError, match="case manifest"):
        repatguard.check(operation, as_of=example("organised-promotion").as_of)
