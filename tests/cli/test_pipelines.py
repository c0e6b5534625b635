"""The command line in pipelines: --output, --jobs without a manifest, FORCE_COLOR, and the
shape of JSON for one or several operations (issue 15.6)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from repatguard.cli import main
from repatguard.cli.check_command import use_color
from repatguard.examples import example


def _operation(folder: Path, name: str = "op.json") -> Path:
    chosen = example("organised-promotion")
    text = resources.files("repatguard.examples").joinpath(chosen.file).read_text("utf-8")
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _check(*args: str) -> list[str]:
    return ["check", *args, "--as-of", "2026-06-01", "--no-policy-file"]


def test_output_writes_what_stdout_would_get(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    op = _operation(tmp_path)
    code = main(_check(str(op), "--format", "json"))
    expected = capsys.readouterr().out
    target = tmp_path / "report.json"
    assert main(_check(str(op), "--format", "json", "--output", str(target))) == code
    assert capsys.readouterr().out == ""
    assert target.read_text(encoding="utf-8") == expected
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".repatguard-")] == []


def test_a_failed_run_leaves_the_output_file_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.json"
    target.write_text("the last good report\n", encoding="utf-8")
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    assert main(_check(str(tmp_path / "broken.json"), "--output", str(target))) == 2
    assert target.read_text(encoding="utf-8") == "the last good report\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".repatguard-")] == []
    capsys.readouterr()


def test_jobs_without_a_manifest_is_said_not_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(_check(str(_operation(tmp_path)), "--jobs", "2"))
    assert "--jobs applies to a case manifest" in capsys.readouterr().err
    main(_check(str(_operation(tmp_path))))
    assert "--jobs" not in capsys.readouterr().err


class _Pipe:
    def isatty(self) -> bool:
        return False


class _Terminal:
    def isatty(self) -> bool:
        return True


def test_force_color_colours_a_pipe_and_no_color_wins() -> None:
    assert not use_color(_Pipe(), {})  # type: ignore[arg-type]
    assert use_color(_Pipe(), {"FORCE_COLOR": "1"})  # type: ignore[arg-type]
    assert not use_color(_Pipe(), {"FORCE_COLOR": "1", "NO_COLOR": "1"})  # type: ignore[arg-type]
    assert not use_color(_Terminal(), {"NO_COLOR": "1"})  # type: ignore[arg-type]
    assert use_color(_Terminal(), {})  # type: ignore[arg-type]
    assert not use_color(_Pipe(), {"FORCE_COLOR": ""})  # type: ignore[arg-type]


def test_json_is_an_object_for_one_operation_and_a_list_for_several(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = _operation(tmp_path, "one.json")
    two = _operation(tmp_path, "two.json")
    main(_check(str(one), "--format", "json"))
    single = json.loads(capsys.readouterr().out)
    assert isinstance(single, dict)
    main(_check(str(one), str(two), "--format", "json"))
    several = json.loads(capsys.readouterr().out)
    assert isinstance(several, list)
    assert [r["operation"] for r in several] == [single["operation"]] * 2


# --- Review of #15: --output never lands where it should not ------------------------------


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob(".repatguard-*")]


@pytest.mark.parametrize("where", ["folder", "missing folder", "an input", "stdout too"])
def test_output_refuses_a_place_it_cannot_or_must_not_take(
    where: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    op = _operation(tmp_path)
    before = op.read_text(encoding="utf-8")
    (tmp_path / "out").mkdir()
    target, extra = {
        "folder": (tmp_path / "out", []),
        "missing folder": (tmp_path / "nope" / "report.txt", []),
        "an input": (op, []),
        "stdout too": (tmp_path / "report.txt", ["--cases-out", "-"]),
    }[where]
    assert main(_check(str(op), "--output", str(target), *extra)) == 2
    assert "--output" in capsys.readouterr().err
    assert op.read_text(encoding="utf-8") == before
    assert _leftovers(tmp_path) == []
