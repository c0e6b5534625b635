"""The decision trace on the command line: ``check --trace`` and ``explain --trace``."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from repatguard import schemas
from repatguard.cli import main
from repatguard.examples import example, examples


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _json_report(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    _, out, _ = _run(capsys, "check", *args, "--format", "json", "--no-policy-file")
    data: dict[str, Any] = json.loads(out)
    return data


@pytest.fixture(autouse=True)
def _work_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The command line keeps the project's key file in the working folder: a temporary one.
    monkeypatch.chdir(tmp_path)


@pytest.mark.parametrize("name", [item.name for item in examples()])
def test_the_json_trace_validates_against_the_report_schema(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    report = _json_report(capsys, "--example", name, "--trace")
    assert report["trace"]["scopes"][0]["scope"] == "operation"
    assert report["trace"]["scopes"][0]["verdict"] == report["verdict"]
    validator = Draft202012Validator(
        schemas.load("report"), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    assert [e.message for e in validator.iter_errors(report)] == []


def test_without_trace_the_key_is_null(capsys: pytest.CaptureFixture[str]) -> None:
    assert _json_report(capsys, "--example", "organised-promotion")["trace"] is None


def test_parameters_name_where_they_were_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "repatguard.toml").write_text(
        '[parameters]\nassessment_max_age = "P170D"\npositions_consulted_max_age = "P7D"\n',
        encoding="utf-8",
    )
    args = ["check", "--example", "advisory-facilitation", "--trace", "--format", "json"]
    _, out, _ = _run(capsys, *args)
    sources = {p["name"]: p["source"] for p in json.loads(out)["trace"]["parameters"]}
    assert sources["assessment_max_age"] == "policy_file"
    # A file that repeats a default is not told apart from the default.
    assert sources["positions_consulted_max_age"] == "default"
    _, out, _ = _run(capsys, *args, "--param", "assessment_max_age=P175D")
    parameters = {p["name"]: p for p in json.loads(out)["trace"]["parameters"]}
    assert parameters["assessment_max_age"]["source"] == "command_line"
    assert parameters["assessment_max_age"]["value"] == "P175D"
    _, out, _ = _run(capsys, *args, "--no-policy-file")
    sources = {p["name"]: p["source"] for p in json.loads(out)["trace"]["parameters"]}
    assert set(sources.values()) == {"default"}


@pytest.mark.parametrize("output", ["text", "markdown", "html"])
def test_check_trace_in_the_human_formats(output: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(
        capsys, "check", "--example", "coerced-return-blocked", "--trace", "--format", output
    )
    assert code == 1
    assert "Decision trace" in out
    assert "decided by: hard stop" in out


def test_explain_trace_finds_a_subject_by_reference_or_pseudonym(
    capsys: pytest.CaptureFixture[str],
) -> None:
    report = _json_report(capsys, "--example", "spontaneous-escalation", "--trace")
    person = next(s for s in report["trace"]["scopes"] if s["scope"] == "person")
    pseudonym = person["subject"]
    assert pseudonym.startswith("ref-")
    base = ["explain", "--example", "spontaneous-escalation", "--no-policy-file", "--trace"]
    code, by_pseudonym, _ = _run(capsys, *base, pseudonym)
    assert code == 0
    assert by_pseudonym.startswith(f"person {pseudonym}: BLOCKED (decided by: escalation)")
    assert "PREM-011" in by_pseudonym
    assert "Parameters the deciding rules read:" in by_pseudonym
    # The input's reference finds the same subject, still shown by its pseudonym.
    code, _, _ = _run(capsys, *base, pseudonym, "--reveal-references")
    assert code == 2  # a pseudonym means nothing once references are revealed
    code, area, _ = _run(capsys, *base, "AREA-W")
    assert code == 0
    assert area.startswith("area AREA-W: BLOCKED (decided by: escalation)")


def test_explain_trace_by_the_input_reference(capsys: pytest.CaptureFixture[str]) -> None:
    operation = example("spontaneous-escalation").load()
    reference = operation.households[0].members[0].reference
    base = ["explain", "--example", "spontaneous-escalation", "--no-policy-file", "--trace"]
    code, out, _ = _run(capsys, *base, reference)
    assert code == 0
    assert out.startswith("person ref-")
    assert reference not in out
    code, out, _ = _run(capsys, *base, reference, "--reveal-references")
    assert code == 0
    assert out.startswith(f"person {reference}: ")


def test_explain_trace_errors(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "explain", "--trace", "NOBODY", "--example", "organised-promotion")
    assert code == 2
    assert "no subject NOBODY" in err
    code, _, err = _run(capsys, "explain", "--trace", "AREA-N")
    assert code == 2
    assert "one FILE or --example" in err
    code, _, err = _run(capsys, "explain")
    assert code == 2
    assert "give a rule CODE" in err


def _manifest_operation(folder: Path, name: str) -> tuple[str, list[dict[str, Any]]]:
    """The example ``name`` as an operation file naming a manifest of its households, and the
    example's date."""
    chosen = example(name)
    shell = json.loads(resources.files("repatguard.examples").joinpath(chosen.file).read_text())
    households: list[dict[str, Any]] = shell.pop("households")
    shell["households"] = []
    shell["cases_manifest"] = "cases.jsonl"
    (folder / "op.json").write_text(json.dumps(shell), encoding="utf-8")
    (folder / "cases.jsonl").write_text(
        "".join(json.dumps(h) + "\n" for h in households), encoding="utf-8"
    )
    return chosen.as_of.isoformat(), households


def test_check_trace_with_a_case_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    as_of, _ = _manifest_operation(tmp_path, "spontaneous-escalation")
    base = ["check", "op.json", "--as-of", as_of, "--no-policy-file", "--trace"]
    code, out, err = _run(capsys, *base, "--format", "json", "--cases-out", "verdicts.jsonl")
    assert code == 1, err
    report = json.loads(out)
    # The report traces the operation and its areas; each case's trace is on its line.
    assert {s["scope"] for s in report["trace"]["scopes"]} == {"operation", "area"}
    validator = Draft202012Validator(
        schemas.load("report"), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    assert [e.message for e in validator.iter_errors(report)] == []
    lines = [json.loads(line) for line in Path("verdicts.jsonl").read_text().splitlines()]
    assert lines
    assert all(line["trace"]["subject"] == line["subject"] for line in lines)
    inline = _json_report(capsys, "--example", "spontaneous-escalation", "--trace")
    assert [line["trace"] for line in lines] == [
        s for s in inline["trace"]["scopes"] if s["scope"] in ("household", "person")
    ]
    assert report["trace"]["parameters"] == inline["trace"]["parameters"]
    # Without --cases-out the case traces go nowhere: said on stderr.
    code, out, err = _run(capsys, *base)
    assert code == 1
    assert "Decision trace" in out
    assert "give --cases-out FILE to keep them" in err


def test_explain_trace_with_a_case_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    as_of, households = _manifest_operation(tmp_path, "spontaneous-escalation")
    person = households[0]["members"][0]["reference"]
    inline = ["explain", "--example", "spontaneous-escalation", "--no-policy-file", "--trace"]
    streamed = ["explain", "op.json", "--as-of", as_of, "--no-policy-file", "--trace"]
    for subject in (person, households[0]["reference"], "AREA-W"):
        for extra in ([], ["--reveal-references"]):
            expected = _run(capsys, *inline, subject, *extra)
            assert expected[0] == 0
            assert _run(capsys, *streamed, subject, *extra) == expected
    _, shown, _ = _run(capsys, *streamed, person)
    assert person not in shown
    pseudonym = shown.split(":")[0].removeprefix("person ")
    assert pseudonym.startswith("ref-")
    assert _run(capsys, *streamed, pseudonym)[1] == shown
    code, _, err = _run(capsys, *streamed, "NOBODY")
    assert code == 2
    assert "no subject NOBODY" in err


def test_explain_trace_with_an_incomplete_manifest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    as_of, households = _manifest_operation(tmp_path, "spontaneous-escalation")
    with (tmp_path / "cases.jsonl").open("a", encoding="utf-8") as cases:
        cases.write('{"reference": "HH-BAD", "members": "not a list"}\n')
    person = households[0]["members"][0]["reference"]
    code, out, err = _run(
        capsys, "explain", "op.json", "--as-of", as_of, "--no-policy-file", "--trace", person
    )
    # The trace is shown, held by the manifest that did not load; the exit code says so.
    assert code == 2
    assert "INPUT-001" in out
    assert "line 2: $.members" in err
    assert "not a list" not in err
