"""Errors that say what to do, all at once (issue 15.5): standard input, folders, files
without a known suffix, "did you mean", and policy and waiver files in one round."""

from __future__ import annotations

import io
import json
from importlib import resources
from pathlib import Path

import pytest

import repatguard
from repatguard.cli import main
from repatguard.examples import example
from repatguard.policy.waivers import WaiverError, load_waivers


def _text() -> str:
    chosen = example("organised-promotion")
    return resources.files("repatguard.examples").joinpath(chosen.file).read_text("utf-8")


def test_an_operation_is_read_from_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(_text()))
    code = main(["check", "-", "--as-of", "2026-06-01", "--format", "json", "--no-policy-file"])
    report = json.loads(capsys.readouterr().out)
    assert report["operation"] == "OP-2026-ORG-01"
    assert code == 0


def test_a_file_without_a_known_suffix_is_read_with_input_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "operation.txt"
    path.write_text(_text(), encoding="utf-8")
    assert main(["check", str(path), "--as-of", "2026-06-01", "--no-policy-file"]) == 2
    err = capsys.readouterr().err
    assert "--input-format" in err
    assert "use --format" not in err
    args = ["check", str(path), "--input-format", "json", "--as-of", "2026-06-01"]
    assert main([*args, "--no-policy-file"]) == 0


def test_a_folder_is_named_as_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path), "--no-policy-file"]) == 2
    assert "is a folder, not an operation file" in capsys.readouterr().err


def test_an_unknown_field_offers_the_closest_known_one() -> None:
    data = json.loads(_text())
    data["movment_kind"] = data.pop("movement_kind")
    with pytest.raises(repatguard.InputError) as raised:
        repatguard.load(data)
    messages = {issue.path: issue.message for issue in raised.value.issues}
    assert messages["$.movment_kind"] == "unknown field; did you mean `movement_kind`?"
    data["movement_kind"] = "organised"
    data["zzz"] = 1  # nothing close: no suggestion
    with pytest.raises(repatguard.InputError) as raised:
        repatguard.load(data)
    assert {i.path: i.message for i in raised.value.issues}["$.zzz"] == "unknown field"


def test_a_policy_reports_types_and_codes_in_one_round_with_suggestions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(
        '[severity]\n"VOL-0014" = "blocker"\n[parameters]\nreconfirmaton_window = "P10D"\n',
        encoding="utf-8",
    )
    (tmp_path / "op.json").write_text(_text(), encoding="utf-8")
    code = main(["check", str(tmp_path / "op.json"), "--policy", str(policy)])
    err = capsys.readouterr().err
    assert code == 2
    assert "$.parameters.reconfirmaton_window: unknown field; did you mean " in err
    assert "`reconfirmation_window`" in err
    assert "$.severity.VOL-0014: unknown rule code" in err
    assert "did you mean `VOL-0" in err  # a code of the catalogue close to it


def test_every_waiver_problem_comes_in_one_round() -> None:
    good = {
        "code": "VOL-004",
        "subject": "P-1",
        "justification": "a justification long enough to pass the rule",
        "approved_by": "ROLE-1",
        "granted_on": "2026-05-01",
        "expires_on": "2026-08-01",
        "decision_record": "DEC-1",
    }
    register = {
        "waivers": [
            {**good, "granted_on": "not a date"},  # a type error
            {**good, "justification": "short"},  # a rule of waivers
            {**good, "expires_on": "2026-04-01"},  # ends before it starts
        ],
        "extra": 1,
    }
    with pytest.raises(WaiverError) as raised:
        load_waivers(register)
    paths = {issue.path for issue in raised.value.issues}
    assert "$.waivers[0].granted_on" in paths
    assert "$.waivers[1].justification" in paths
    assert any(path.startswith("$.waivers[2]") for path in paths)
    assert "$.extra" in paths


def test_a_type_error_in_a_waiver_does_not_hide_its_other_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register = tmp_path / "waivers.toml"
    register.write_text(
        "[[waivers]]\n"
        'code = "not-a-code"\n'
        'subject = " "\n'
        'justification = "short"\n'
        'approved_by = "ROLE-1"\n'
        'granted_on = "not a date"\n'
        'expires_on = "2026-08-01"\n'
        "decision_record = 7\n",
        encoding="utf-8",
    )
    (tmp_path / "op.json").write_text(_text(), encoding="utf-8")
    args = ["check", str(tmp_path / "op.json"), "--waivers", str(register), "--no-policy-file"]
    assert main(args) == 2
    err = capsys.readouterr().err
    for path in ("granted_on", "decision_record", "code", "subject", "justification"):
        assert f"$.waivers[0].{path}: " in err, path


def test_a_policy_reports_what_it_may_not_silence_or_lower_with_its_type_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text(
        'ignore = ["VOL-005"]\n'
        "[severity]\n"
        '"COND-001" = "minor"\n'
        '"VOL-001" = 3\n'
        "[parameters]\n"
        'adult_age = "eighteen"\n',
        encoding="utf-8",
    )
    (tmp_path / "op.json").write_text(_text(), encoding="utf-8")
    assert main(["check", str(tmp_path / "op.json"), "--policy", str(policy)]) == 2
    err = capsys.readouterr().err
    assert "$.parameters.adult_age: expected a whole number" in err
    assert "$.severity.VOL-001: expected one of" in err
    assert "$.ignore[0]: the selector would silence VOL-005" in err
    assert "$.severity.COND-001: COND-001 cannot be lowered from blocker to minor" in err


def test_a_severity_table_given_as_a_list_says_what_is_expected(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text("severity = [1, 2]\n", encoding="utf-8")
    (tmp_path / "op.json").write_text(_text(), encoding="utf-8")
    assert main(["check", str(tmp_path / "op.json"), "--policy", str(policy)]) == 2
    err = capsys.readouterr().err
    assert "$.severity: expected a table of keys and values, got a list" in err
    assert "AttributeError" not in err


def test_empty_standard_input_and_reading_it_twice_are_said_plainly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("  \n"))
    assert main(["check", "-", "--no-policy-file"]) == 2
    assert "standard input is empty" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO(_text()))
    assert main(["check", "-", "-", "--no-policy-file"]) == 2
    assert "standard input ('-') can be read once" in capsys.readouterr().err


def test_input_format_does_not_override_a_suffix_that_says_the_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "op.json").write_text(_text(), encoding="utf-8")
    args = ["check", str(tmp_path / "op.json"), "--input-format", "toml", "--as-of", "2026-06-01"]
    assert main([*args, "--no-policy-file"]) == 0
    capsys.readouterr()


def test_look_alike_letters_are_read_as_digits_for_suggestions() -> None:
    from repatguard.io.converter import did_you_mean

    assert did_you_mean("VOL-0O1", ["VOL-011", "VOL-001", "VOL-015"]) == "; did you mean `VOL-001`?"
