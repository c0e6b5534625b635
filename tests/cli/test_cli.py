"""The command line: exit codes, formats, examples, and errors without tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from repatguard.cli import main
from repatguard.examples import examples
from repatguard.io.converter import converter
from repatguard.testing.factories import sound_operation


def _write(tmp_path: Path, data: object, name: str = "op.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_check_a_sound_file_exits_zero_and_prints_the_verdict_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, converter().unstructure(sound_operation()))
    assert main(["check", str(path), "--as-of", "2026-06-01"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[2] == "VERDICT: PROMOTE"


def test_json_output_is_the_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--example", "organised-promotion", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["verdict"] == "promote"
    assert report["as_of"] == "2026-06-01T00:00:00+00:00"


def test_fail_on_decides_the_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--example", "advisory-facilitation"]) == 0
    assert main(["check", "--example", "advisory-facilitation", "--fail-on", "major"]) == 1
    assert main(["check", "--example", "coerced-return-blocked"]) == 1
    assert main(["check", "--example", "coerced-return-blocked", "--fail-on", "never"]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("output", ["text", "json", "markdown", "html", "jsonl", "junit"])
def test_a_blocked_escalated_verdict_exits_one_in_every_format(
    output: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 11 item 5: used to exit 0 because exit codes read only finding severities.
    assert main(["check", "--example", "spontaneous-escalation", "--format", output]) == 1
    capsys.readouterr()


@pytest.mark.parametrize(
    ("verdict", "escalate", "worst", "fail_on", "expected"),
    [
        ("blocked", False, None, "blocker", 1),
        ("insufficient_information", False, None, "blocker", 1),
        ("facilitate_only", True, None, "blocker", 1),
        ("facilitate_only", False, None, "blocker", 0),
        ("facilitate_only", False, "blocker", "blocker", 1),
        ("facilitate_only", False, "major", "blocker", 0),
        ("facilitate_only", False, "major", "major", 1),
        ("facilitate_only", False, None, "facilitate_only", 1),
        ("promote", False, None, "facilitate_only", 0),
        ("promote", False, "blocker", "insufficient_information", 1),
        ("insufficient_information", False, None, "insufficient_information", 1),
        ("blocked", True, "blocker", "never", 0),
    ],
)
def test_the_exit_threshold_takes_verdicts_and_never_goes_below_the_floor(
    verdict: str, escalate: bool, worst: str | None, fail_on: str, expected: int
) -> None:
    from repatguard.outcomes import Severity, Verdict
    from repatguard.policy import FailOn

    def reached(threshold: Severity) -> bool:
        return worst is not None and Severity(worst).at_least(threshold)

    fails = FailOn(fail_on).fails(Verdict(verdict), escalate=escalate, reached=reached)
    assert int(fails) == expected


def test_as_of_moves_the_check_in_time(capsys: pytest.CaptureFixture[str]) -> None:
    # A year later the assessments are stale and the positions were not consulted recently.
    main(["check", "--example", "organised-promotion", "--as-of", "2027-06-01", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert report["verdict"] != "promote"


def test_invalid_input_exits_two_with_every_issue_and_no_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, {"reference": "X", "host_country": "ZZZ", "movement_kind": "boat"})
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"invalid input in {path}: 3 issues" in err
    assert "$.origin_country: required field missing" in err
    assert "$.host_country: expected an ISO 3166-1 alpha-3 country code, got a text" in err
    # No error repeats a value of the input.
    assert "ZZZ" not in err
    assert "boat" not in err


def test_usage_errors_exit_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    assert main(["check", "--example", "nope"]) == 2
    assert main(["check", "--example", "organised-promotion", "--as-of", "yesterday"]) == 2
    with pytest.raises(SystemExit) as exited:
        main(["check", "--format", "yaml"])
    assert exited.value.code == 2
    capsys.readouterr()


def test_rules_lists_the_catalogue_and_filters(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("VOL-001") and "not waivable" in line for line in lines)
    assert main(["rules", "--family", "COND", "--severity", "blocker"]) == 0
    filtered = capsys.readouterr().out.splitlines()
    assert filtered
    assert all(line.startswith("COND-") and " blocker " in line for line in filtered)


def test_every_bundled_example_checks_to_its_expected_verdict() -> None:
    for item in examples():
        from repatguard import check

        report = check(item.load(), as_of=item.as_of)
        assert report.verdict.value == item.expected_verdict, item.name
