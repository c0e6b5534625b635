"""Exit codes (issue 12): 1 only for findings, 2 for usage and input errors, 3 for an internal
error with one line on stderr (the traceback only with --debug); and the crashes of items 4,
6 and 7 that used to exit 1 with a traceback."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from repatguard.cli import main
from repatguard.cli.stream_options import MAX_JOBS
from repatguard.errors import InputError, InputIssue
from repatguard.testing.synthetic import synthetic_households, synthetic_operation

main_module = importlib.import_module("repatguard.cli.main")  # the package exports the function
_CANARY = "canary-3f9a1c"


def _crash(*_: Any, **__: Any) -> Any:
    raise ZeroDivisionError(f"a message quoting input: {_CANARY}")


def _example(*extra: str) -> list[str]:
    return ["check", "--example", "organised-promotion", "--no-policy-file", *extra]


def test_an_internal_error_exits_three_with_one_line_and_no_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("repatguard.cli.check_command.check", _crash)
    assert main(_example()) == main_module.EXIT_INTERNAL == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("repatguard: internal error (ZeroDivisionError at repatguard/")
    assert "--debug" in err
    assert "Traceback" not in err
    assert _CANARY not in err  # the message may quote input: never shown


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_prints_the_traceback_before_or_after_the_command(
    where: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("repatguard.cli.check_command.check", _crash)
    argv = ["--debug", *_example()] if where == "before" else [*_example(), "--debug"]
    assert main(argv) == 3
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert "ZeroDivisionError" in err
    assert err.rstrip().splitlines()[-1].startswith("repatguard: internal error")


def test_without_debug_the_flag_defaults_to_off() -> None:
    args = main_module.build_parser().parse_args(_example())
    assert args.debug is False


def test_an_input_error_a_command_lets_through_exits_two(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def refuse(*_: Any, **__: Any) -> Any:
        raise InputError([InputIssue(path="$.x", message="bad")])

    monkeypatch.setattr("repatguard.cli.check_command.check", refuse)
    assert main(_example()) == 2
    assert "$.x: bad" in capsys.readouterr().err


def test_a_file_that_cannot_be_opened_exits_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    operation, _ = _streamed(tmp_path, [])
    out = tmp_path / "missing" / "findings.jsonl"
    code = main(["check", str(operation), "--as-of", "2026-06-01", "--findings-out", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("repatguard: No such file or directory")
    assert "Traceback" not in err


# --- item 4: --as-of outside the supported range is a usage error ---


@pytest.mark.parametrize("as_of", ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01"])
def test_as_of_outside_the_range_exits_two(as_of: str, capsys: pytest.CaptureFixture[str]) -> None:
    # 9999-12-31 and 0001-01-01 used to exit 1 with an OverflowError traceback.
    assert main(_example("--as-of", as_of)) == 2
    err = capsys.readouterr().err
    assert "from 1900-01-01 to 2199-12-31" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "as_of", ["1900-01-01", "2199-12-31", "1900-01-01T00:00+14:00", "2199-12-31T23:59:59-12:00"]
)
def test_as_of_at_the_edges_of_the_range_checks(
    as_of: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_example("--as-of", as_of, "--format", "json")) in (0, 1)
    assert json.loads(capsys.readouterr().out)["verdict"]


# --- item 7: numeric options are bounded ---


@pytest.mark.parametrize("jobs", ["999999999999", "0", "-1", str(MAX_JOBS + 1)])
def test_jobs_outside_its_range_exits_two(
    jobs: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 999999999999 used to raise OverflowError.
    operation, _ = _streamed(tmp_path, [])
    assert main(["check", str(operation), "--as-of", "2026-06-01", "--jobs", jobs]) == 2
    assert f"--jobs must be from 1 to {MAX_JOBS}" in capsys.readouterr().err


# --- item 6: a manifest line nested 1,000 deep ---


def _streamed(tmp_path: Path, extra_lines: list[str]) -> tuple[Path, Path]:
    data = synthetic_operation()
    data["cases_manifest"] = "cases.jsonl"
    operation = tmp_path / "op.json"
    operation.write_text(json.dumps(data), encoding="utf-8")
    lines = [json.dumps(h) for h in synthetic_households(3, seed=12)] + extra_lines
    manifest = tmp_path / "cases.jsonl"
    manifest.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return operation, manifest


_DEEP = '{"reference":"H-DEEP","members":[' + "[" * 1000 + "]" * 1000 + "]}"


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_deeply_nested_manifest_line_is_an_input_error(
    jobs: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Used to exit 1 with a RecursionError (a RemoteTraceback with --jobs 2) from the fast
    # loader; the reference loader refuses the line with its path.
    operation, _ = _streamed(tmp_path, [_DEEP])
    code = main(["check", str(operation), "--as-of", "2026-06-01", "--jobs", jobs])
    err = capsys.readouterr().err
    assert code == 2
    assert "line 4: $: the document nests objects and lists deeper than 32 levels" in err
    assert "Traceback" not in err


def test_the_fast_loader_sends_a_deep_line_the_reference_way() -> None:
    pytest.importorskip("msgspec")
    from repatguard.stream.fast import FastLoader

    loader = FastLoader()
    for raw in (_DEEP, "[" * 1000 + "]" * 1000, '{"a":' * 1000 + "1" + "}" * 1000):
        assert loader.load(raw.encode()) is None


def test_a_closed_output_pipe_never_exits_zero() -> None:
    # Review of #11/#12: BrokenPipeError exited 0, so `check ... | head` under pipefail could
    # pass a gate on a blocked operation. The report was not delivered: exit 2.
    process = subprocess.Popen(
        [sys.executable, "-m", "repatguard", "check", "--example", "spontaneous-escalation"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()
    with process.stderr:
        error = process.stderr.read()
    assert process.wait() == 2
    assert b"Traceback" not in error


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (json.dumps({"schema_version": "1.0", "verdict": "promote", "findings": [{}]}), "report"),
        ("", "not UTF-8"),
    ],
)
def test_diff_of_a_damaged_report_is_an_input_error(
    content: str, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "report.json"
    if words == "not UTF-8":
        path.write_bytes(b"\xff\xfe{}")
    else:
        path.write_text(content, encoding="utf-8")
    assert main(["diff", str(path), str(path)]) == 2
    err = capsys.readouterr().err
    assert words in err
    assert "0xff" not in err
    assert "Traceback" not in err
