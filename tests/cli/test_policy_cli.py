"""Policies, waivers, baselines and diffs from the command line."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from repatguard.cli import main
from repatguard.examples import example


def _report(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    main(["check", *args, "--format", "json"])
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_precedence_defaults_then_file_then_flags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "repatguard.toml").write_text(
        'fail_on = "major"\n[parameters]\nassessment_max_age = "P20D"\n', encoding="utf-8"
    )
    # The file applies by itself: the 30-day-old assessment is now stale, and majors fail.
    report = _report(capsys, "--example", "organised-promotion")
    assert report["verdict"] == "blocked"
    assert main(["check", "--example", "advisory-facilitation"]) == 1
    capsys.readouterr()
    # A flag replaces the file's setting.
    report = _report(
        capsys, "--example", "organised-promotion", "--param", "assessment_max_age=P60D"
    )
    assert report["verdict"] == "promote"
    # With the file's 20-day limit the advisory example's assessment is stale, the
    # facilitation gate fails and the verdict is blocked: that exits 1 whatever --fail-on says.
    assert main(["check", "--example", "advisory-facilitation", "--fail-on", "blocker"]) == 1
    assert (
        main(
            [
                *("check", "--example", "advisory-facilitation", "--fail-on", "blocker"),
                *("--param", "assessment_max_age=P60D"),
            ]
        )
        == 0
    )
    capsys.readouterr()
    # --no-policy-file ignores it; --policy names another file.
    assert (
        _report(capsys, "--example", "organised-promotion", "--no-policy-file")["verdict"]
        == "promote"
    )
    other = tmp_path / "strict.toml"
    other.write_text('[parameters]\nassessment_max_age = "P10D"\n', encoding="utf-8")
    policy = {
        "verdict": _report(capsys, "--example", "organised-promotion", "--policy", str(other))[
            "verdict"
        ]
    }
    assert policy == {"verdict": "blocked"}
    capsys.readouterr()


def test_guard_rails_and_bad_values_exit_two_with_paths(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(
        [
            "check",
            "--example",
            "organised-promotion",
            "--no-policy-file",
            "--ignore",
            "VOL-006",
            "--severity",
            "LEAD-001=minor",
            "--param",
            "predominant_share=2",
        ]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "$.ignore[0]: the selector would silence VOL-006" in err
    assert "$.severity.LEAD-001: LEAD-001 cannot be downgraded" in err
    assert "$.parameters.predominant_share: expected a share from 0 to 1, got a number" in err


def test_a_waiver_register_and_a_baseline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register = tmp_path / "waivers.toml"
    register.write_text(
        "[[waivers]]\n"
        'code = "LEGAL-004"\nsubject = "AREA-S"\n'
        'justification = "Restitution commission opens in the area next quarter."\n'
        'approved_by = "Representative"\ngranted_on = 2026-05-20\nexpires_on = 2026-08-01\n'
        'decision_record = "MEMO-7"\n',
        encoding="utf-8",
    )
    args = ["--example", "advisory-facilitation", "--no-policy-file"]
    report = _report(capsys, *args, "--waivers", str(register))
    outcomes = {f["code"]: f["outcome"] for f in report["findings"]}  # type: ignore[attr-defined]
    assert outcomes["LEGAL-004"] == "waived"
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps(_report(capsys, *args)), encoding="utf-8")
    filtered = _report(capsys, *args, "--baseline", str(baseline))
    assert filtered["findings"] == []
    assert filtered["baseline"] == {"source": str(baseline), "left_out": 6}
    assert main(["check", *args, "--baseline", str(baseline), "--fail-on", "major"]) == 0
    capsys.readouterr()
    assert main(["check", *args, "--fail-on", "major"]) == 1
    capsys.readouterr()


def test_diff_of_two_operations_and_of_two_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    examples = Path(__file__).resolve().parents[2] / "src" / "repatguard" / "examples"
    old, new = examples / "organised-promotion.json", examples / "unreviewed-insufficient.json"
    code = main(
        [
            "diff",
            str(old),
            str(new),
            "--as-of",
            "2026-06-01",
            "--format",
            "json",
            "--no-policy-file",
        ]
    )
    diff = json.loads(capsys.readouterr().out)
    assert code == 1
    assert (diff["verdict_before"], diff["verdict_after"]) == (
        "promote",
        "insufficient_information",
    )
    assert "PREM-006" in {f["code"] for f in diff["new"]}
    assert diff["resolved"] == []
    # The same operation twice: nothing changes, even with pseudonymous references.
    assert main(["diff", str(new), str(new), "--as-of", "2026-06-01", "--no-policy-file"]) == 0
    out = capsys.readouterr().out
    assert "new findings: 0" in out
    assert "resolved findings: 0" in out


def test_a_waiver_register_is_refused_for_several_operations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Review hole 7: references repeat across operations, so a register's waiver for one
    # operation's P-1 settled another operation's P-1 as well.
    register = tmp_path / "waivers.toml"
    register.write_text("waivers = []\n", encoding="utf-8")
    operation = tmp_path / "op.json"
    chosen = example("organised-promotion")
    text = resources.files("repatguard.examples").joinpath(chosen.file).read_text("utf-8")
    operation.write_text(text, encoding="utf-8")
    code = main(["check", str(operation), str(operation), "--waivers", str(register)])
    assert code == 2
    assert "applies to one operation" in capsys.readouterr().err
