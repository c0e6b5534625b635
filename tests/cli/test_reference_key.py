"""Everyday workflows work by default: reruns give the same bytes, a baseline made by `check`
matches the next `check`, and a baseline made with another key is refused (issue 15.1)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from repatguard.cli import main
from repatguard.cli.reference_key import KEY_FILE
from repatguard.examples import example
from repatguard.report.pseudonyms import KEY_VARIABLE

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder with one operation, and no key in the environment."""
    monkeypatch.delenv(KEY_VARIABLE, raising=False)
    monkeypatch.chdir(tmp_path)
    chosen = example("coerced-return-blocked")
    from importlib import resources

    text = resources.files("repatguard.examples").joinpath(chosen.file).read_text("utf-8")
    (tmp_path / "op.json").write_text(text, encoding="utf-8")
    return tmp_path


def _check(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["check", "op.json", "--as-of", "2026-06-01", "--format", "json", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_two_runs_give_the_same_bytes_and_make_the_key_once(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _check(capsys)
    assert f"created {KEY_FILE}" in first[2]
    key = project / KEY_FILE
    assert stat.S_IMODE(key.stat().st_mode) == 0o600 or os.name == "nt"
    second = _check(capsys)
    assert second[1] == first[1]
    assert "created" not in second[2]
    report = json.loads(first[1])
    assert report["references"]["key_source"] == "project key file"
    assert report["references"]["key_id"].startswith("key-")
    assert key.read_text().strip() not in first[1]  # the key itself never appears


def test_a_baseline_made_by_check_matches_the_next_check(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _check(capsys)
    assert code == 1  # the example is blocked
    (project / "baseline.json").write_text(out, encoding="utf-8")
    total = len(json.loads(out)["findings"])
    assert total > 0
    code, out, err = _check(capsys, "--baseline", "baseline.json")
    report = json.loads(out)
    assert report["findings"] == []  # nothing is new
    assert report["baseline"]["left_out"] == total
    assert err == ""


def test_a_baseline_made_with_another_key_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(KEY_VARIABLE, "another organisation's key")
    _, out, _ = _check(capsys)
    (project / "baseline.json").write_text(out, encoding="utf-8")
    monkeypatch.delenv(KEY_VARIABLE)
    code, out, err = _check(capsys, "--baseline", "baseline.json")
    assert code == 2
    assert out == ""
    assert "the baseline was made with another reference key" in err


def test_the_environment_and_revealed_references_need_no_key_file(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _check(capsys, "--reveal-references")
    assert not (project / KEY_FILE).exists()
    monkeypatch.setenv(KEY_VARIABLE, "k")
    code, out, _ = _check(capsys)
    assert json.loads(out)["references"]["key_source"] == "environment"
    assert not (project / KEY_FILE).exists()
    assert code == 1


def test_a_damaged_key_file_is_an_input_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / KEY_FILE).write_text("not a key\n", encoding="ascii")
    code, out, err = _check(capsys)
    assert code == 2
    assert out == ""
    assert "not a reference key" in err


def test_the_key_file_lives_beside_the_policy_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "conf").mkdir()
    (project / "conf" / "policy.toml").write_text("", encoding="utf-8")
    _check(capsys, "--policy", "conf/policy.toml")
    assert (project / "conf" / KEY_FILE).exists()
    assert not (project / KEY_FILE).exists()


def test_diff_of_a_saved_report_and_the_operation_finds_nothing_new(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, out, _ = _check(capsys)
    (project / "old.json").write_text(out, encoding="utf-8")
    code = main(["diff", "old.json", "op.json", "--as-of", "2026-06-01", "--format", "json"])
    diff = json.loads(capsys.readouterr().out)
    assert diff["new"] == []
    assert diff["resolved"] == []
    assert code == 0


def test_diff_of_reports_made_with_different_keys_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, out, _ = _check(capsys)
    (project / "old.json").write_text(out, encoding="utf-8")
    monkeypatch.setenv(KEY_VARIABLE, "another key")
    _, out, _ = _check(capsys)
    (project / "new.json").write_text(out, encoding="utf-8")
    code = main(["diff", "old.json", "new.json"])
    assert code == 2
    assert "made with another reference key" in capsys.readouterr().err


def test_diff_warns_when_the_sides_are_of_different_dates_and_names_subjects(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Issue 15.2: a report as of 2026-06-01 against the operation checked as of today was
    # compared silently, and its lines left out the subject.
    _, out, _ = _check(capsys)
    (project / "old.json").write_text(out, encoding="utf-8")
    main(["diff", "old.json", "op.json", "--as-of", "2026-09-01"])
    captured = capsys.readouterr()
    assert "the two sides are as of 2026-06-01T00:00:00+00:00 and 2026-09-01" in captured.err
    main(["diff", "old.json", "op.json", "--as-of", "2026-09-01", "--format", "json"])
    new = json.loads(capsys.readouterr().out)["new"]
    assert new
    for ref in new:
        assert f"(at {ref['path']}, {ref['subject']})" in captured.out
    main(["diff", "old.json", "op.json", "--as-of", "2026-06-01"])
    assert "the two sides are as of" not in capsys.readouterr().err


# --- Review of #15: the key file is read safely and made whole -----------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_key_file_that_is_a_fifo_is_refused_without_hanging(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.mkfifo(project / KEY_FILE)
    code, out, err = _check(capsys)
    assert out == ""
    assert code == 2
    assert "the key file is not a regular file" in err


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges")
def test_a_key_file_that_is_a_link_is_not_followed(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "elsewhere.key").write_text("ab" * 32 + "\n", encoding="ascii")
    (project / KEY_FILE).symlink_to(project / "elsewhere.key")
    code, _, err = _check(capsys)
    assert code == 2
    assert "the key file cannot be read" in err


def test_a_huge_key_file_is_not_read_whole(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / KEY_FILE).write_text("ab" * 32 + "\n" + "0" * 1_000_000, encoding="ascii")
    code, _, err = _check(capsys)
    assert code == 2
    assert "is not a reference key" in err


def test_a_key_file_appears_whole_or_not_at_all(project: Path) -> None:
    # Two runs at once: the second finds the first one's key complete, never an empty file.
    from repatguard.cli.reference_key import _publish

    first, second = b"\x01" * 32, b"\x02" * 32
    assert _publish(project / KEY_FILE, first)
    assert not _publish(project / KEY_FILE, second)
    assert (project / KEY_FILE).read_text(encoding="ascii") == first.hex() + "\n"
    assert [p.name for p in project.iterdir() if p.name.startswith(".repatguard-key-")] == []
