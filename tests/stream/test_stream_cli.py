"""``repatguard check OP --cases FILE``: formats, outputs, exit codes, issues on stderr."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from repatguard.cli import main
from repatguard.testing.synthetic import synthetic_households, synthetic_operation


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    operation = tmp_path / "op.json"
    operation.write_text(json.dumps(synthetic_operation()), encoding="utf-8")
    cases = tmp_path / "cases.jsonl"
    lines = [json.dumps(h) for h in synthetic_households(25, seed=41)]
    cases.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return operation, cases


def _check(*args: str) -> list[str]:
    return ["check", *args, "--as-of", "2026-06-01", "--no-policy-file"]


def test_json_report_with_manifest_statistics(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    operation, cases = files
    code = main(_check(str(operation), "--cases", str(cases), "--format", "json"))
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["manifest"]["cases"] == 25
    assert report["manifest"]["failed"] == 0
    assert report["case_verdicts"] == []
    assert sum(report["summary"]["cases"].values()) == report["manifest"]["persons"]
    assert code == (1 if report["summary"]["by_severity"]["blocker"] else 0)
    assert captured.err == ""  # no progress bar: stderr is not a terminal


def test_jsonl_streams_every_finding_and_jobs_change_nothing(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    operation, cases = files
    main(_check(str(operation), "--cases", str(cases), "--format", "jsonl"))
    one = capsys.readouterr().out
    verdicts = tmp_path / "verdicts.jsonl"
    main(
        _check(
            str(operation),
            "--cases",
            str(cases),
            "--format",
            "jsonl",
            "--jobs",
            "2",
            "--cases-out",
            str(verdicts),
        )
    )
    two = capsys.readouterr().out
    assert one == two
    findings = [json.loads(line) for line in one.splitlines()]
    assert findings
    assert all("code" in finding and "fingerprint" in finding for finding in findings)
    people = [json.loads(line) for line in verdicts.read_text().splitlines()]
    assert {case["scope"] for case in people} == {"person", "household"}


def test_findings_out_with_a_text_report(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    operation, cases = files
    out = tmp_path / "findings.jsonl"
    main(_check(str(operation), "--cases", str(cases), "--findings-out", str(out)))
    text = capsys.readouterr().out
    assert text.splitlines()[2].startswith("VERDICT: ")
    assert "25 household(s) read, 25 checked" in text
    report: dict[str, Any] = {}
    main(_check(str(operation), "--cases", str(cases), "--format", "json"))
    report = json.loads(capsys.readouterr().out)
    assert len(out.read_text().splitlines()) == report["summary"]["findings"]


def test_bad_records_go_to_stderr_with_their_line_and_exit_2(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    operation, cases = files
    lines = cases.read_text().splitlines()
    lines[3] = lines[3].replace('"reference":"H0000003"', '"reference":3')
    lines[3] = lines[3].replace('"reference": "H0000003"', '"reference": 3')
    cases.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(_check(str(operation), "--cases", str(cases), "--format", "json")) == 2
    captured = capsys.readouterr()
    assert captured.err == f"{cases}: line 4: $.reference: expected a string, got a whole number\n"
    assert json.loads(captured.out)["verdict"] == "insufficient_information"


def test_cases_needs_exactly_one_operation(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    operation, cases = files
    assert main(_check(str(operation), str(operation), "--cases", str(cases))) == 2
    assert "exactly one operation" in capsys.readouterr().err
    assert main(_check(str(operation), "--cases", str(cases), "--jobs", "0")) == 2
    assert main(_check(str(operation), "--cases", str(cases.with_suffix(".txt")))) == 2
    assert "unknown manifest type" in capsys.readouterr().err


def test_a_streamed_report_says_its_next_review_was_not_computed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 15.3: it said "no change due within two years" where nothing had been looked for.
    operation = synthetic_operation()
    (tmp_path / "op.json").write_text(json.dumps(operation), encoding="utf-8")
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        "".join(json.dumps(h) + "\n" for h in synthetic_households(5, seed=3)), "utf-8"
    )
    arguments = ["check", str(tmp_path / "op.json"), "--cases", str(cases), "--as-of", "2026-06-01"]
    main([*arguments, "--no-next-review"])
    out = " ".join(capsys.readouterr().out.split())
    assert "no change due" not in out
    assert "Next review: not computed for this report" in out


def test_a_streamed_report_gives_the_next_review_of_the_in_memory_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 15.3: the streamed check now looks for it, as the in-memory one does.
    operation = synthetic_operation()
    households = list(synthetic_households(5, seed=3))
    (tmp_path / "op.json").write_text(json.dumps(operation), encoding="utf-8")
    whole = tmp_path / "whole.json"
    whole.write_text(json.dumps({**operation, "households": households}), encoding="utf-8")
    cases = tmp_path / "cases.jsonl"
    cases.write_text("".join(json.dumps(h) + "\n" for h in households), "utf-8")
    common = ["--as-of", "2026-06-01", "--format", "json", "--no-policy-file"]
    main(["check", str(whole), *common])
    expected = json.loads(capsys.readouterr().out)
    outputs = []
    for jobs in ("1", "2"):
        main(["check", str(tmp_path / "op.json"), "--cases", str(cases), "--jobs", jobs, *common])
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]
    streamed = json.loads(outputs[0])
    assert streamed["next_review_computed"] is True
    assert streamed["next_review"] is not None
    assert streamed["next_review"] == expected["next_review"]
