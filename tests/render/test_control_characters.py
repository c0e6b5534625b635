"""Control characters from the input never reach a terminal, a log or a browser raw.

A reference, a message, a waiver's decision record or a file name may hold ESC, BEL, C1
controls or Unicode bidirectional overrides (issue 12, item 3). Every text renderer writes them
as visible escapes (``\\x1b``, ``\\u202e``), JSON writes them as ``\\uXXXX`` escapes with the exact
value kept, JUnit XML stays well-formed, and error messages of the command line escape them too.
"""

from __future__ import annotations

import functools
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

import repatguard
from repatguard._printable import UNSAFE, json_printable, printable
from repatguard.cli import main
from repatguard.cli.diff_command import to_text as diff_to_text
from repatguard.facts.parameters import Parameters
from repatguard.io.converter import converter
from repatguard.model import Waiver
from repatguard.policy import Policy
from repatguard.render.html import reports_to_html, to_html
from repatguard.render.json import report_to_dict, to_json
from repatguard.render.jsonl import to_jsonl
from repatguard.render.junit import to_junit
from repatguard.render.markdown import to_markdown
from repatguard.render.text import to_text
from repatguard.report.diff import diff_reports
from repatguard.report.report import BaselineSummary, Report
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_assessment

# Clear the screen, set the window title (OSC, ended by BEL), a C1 CSI, DEL, NUL, a right-to-left
# override and isolate, and a line break that would start a forged line. (The loader refuses
# lone surrogates: they never reach a report.)
HOSTILE = "\x1b[2J\x1b]0;pwned\x07\x9b31m\x7f\x00\u202e\u2066\nFORGED VERDICT: PROMOTE"
SGR = re.compile(r"\x1b\[[0-9;]*m")
"""The colour sequences the text renderer adds itself."""


def _plant(value: Any) -> Any:
    """``value`` with ``HOSTILE`` appended to every string it holds (policy and parameters
    left alone: no renderer prints them)."""
    if type(value) is str:
        return value + HOSTILE
    if isinstance(value, tuple):
        return tuple(_plant(item) for item in value)
    if isinstance(value, dict):
        return {key: _plant(item) for key, item in value.items()}  # keys are vocabulary
    if isinstance(value, Policy | Parameters) or not attrs.has(type(value)):
        return value
    changes = {
        field.name: _plant(getattr(value, field.name))
        for field in attrs.fields(type(value))
        if field.init
    }
    return type(value)(**changes)


def _waiver() -> Waiver:
    return Waiver(
        code="LEGAL-004",
        subject="AREA-1",
        justification="restitution commission opens next quarter",
        approved_by="Representative",
        granted_on=AS_OF.subtract(days=10),
        expires_on=AS_OF.add(days=5),
        decision_record="MEMO-1",
    )


@functools.cache
def _report() -> Report:
    """A report that uses every part: findings, reasons, areas, cases, a waiver, a next review
    with changes and a scheduled review, and a baseline."""
    op = with_assessment(sound_operation(), property_restitution=False)
    position = evolve(op.positions[0], review_due_on=AS_OF.add(days=5))
    op = evolve(op, waivers=(_waiver(),), positions=(position,))
    op = evolve(op, households=(evolve(op.households[0], members=op.households[0].members[:2]),))
    report = repatguard.check(op, as_of=AS_OF, reveal_references=True)
    assert report.next_review is not None
    assert report.next_review.changes
    assert report.next_review.scheduled
    assert any(f.waiver is not None for f in report.findings)
    return attrs.evolve(report, baseline=BaselineSummary(source="old.json", left_out=0))


@functools.cache
def _hostile() -> Report:
    hostile: Report = _plant(_report())
    return hostile


def _raw(output: str) -> list[str]:
    """Control characters and overrides left raw, the renderer's own line breaks aside."""
    return sorted({match.group() for match in UNSAFE.finditer(output.replace("\n", ""))})


def _forged(output: str) -> bool:
    return any(line.lstrip(" -|").startswith("FORGED") for line in output.splitlines())


TEXT_RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": to_text,
    "text in colour": lambda report: SGR.sub("", to_text(report, color=True)),
    "markdown": to_markdown,
    "html": to_html,
    "html, several reports": lambda report: reports_to_html([report, report]),
    "junit": to_junit,
}


def test_the_hostile_report_holds_the_characters_everywhere() -> None:
    hostile = _hostile()
    assert hostile.operation.endswith(HOSTILE)
    assert all(f.message.endswith(HOSTILE) for f in hostile.findings)
    assert hostile.next_review is not None
    assert hostile.next_review.scheduled[0].endswith(HOSTILE)


@pytest.mark.parametrize("name", TEXT_RENDERERS)
def test_no_text_renderer_prints_a_control_character_raw(name: str) -> None:
    output = TEXT_RENDERERS[name](_hostile())
    assert _raw(output) == []
    assert not _forged(output)
    # Visible instead, so a reader sees that the input holds them.
    # Markdown escapes its special characters (the backslash and brackets among them).
    unescaped = re.sub(r"\\([\\`*_\[\]<>|~&])", r"\1", output)
    assert "\\x1b[2J" in unescaped
    assert "\\u202e" in unescaped


def test_colour_is_the_only_escape_sequence_in_coloured_text() -> None:
    coloured = to_text(_hostile(), color=True)
    assert SGR.sub("", coloured) == to_text(_hostile())
    assert "\x1b" not in SGR.sub("", coloured)


def test_text_without_control_characters_is_unchanged() -> None:
    # The escaping touches nothing else: ordinary text, accents and punctuation stay.
    text = to_text(_report())
    assert printable(text) == text.replace("\n", "\\x0a")
    assert printable("Région du Nord-Kivu, \\ path") == "Région du Nord-Kivu, \\ path"


def test_junit_stays_well_formed_and_shows_the_escapes() -> None:
    also_barred = _plant(_report())
    document = to_junit(attrs.evolve(also_barred, operation="OP\ufffe\uffff" + HOSTILE))
    root = ET.fromstring(document)  # raises if the document is not well-formed XML 1.0
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("name", "").startswith("repatguard OP\ufffd\ufffd\\x1b[2J")
    messages = [element.get("message", "") for element in root.iter("failure")]
    assert messages
    assert all("\\u202e" in message for message in messages)


@pytest.mark.parametrize("render", [to_json, to_jsonl], ids=["json", "jsonl"])
def test_json_escapes_the_characters_and_keeps_the_exact_values(
    render: Callable[[Report], str],
) -> None:
    output = render(_hostile())
    assert _raw(output) == []
    if render is to_json:
        assert json.loads(output) == report_to_dict(_hostile())
    else:
        lines = [json.loads(line) for line in output.splitlines()]
        assert [line.pop("operation") for line in lines] == [_hostile().operation] * len(lines)
        assert lines == report_to_dict(_hostile())["findings"]


def test_json_printable_changes_only_the_unsafe_characters() -> None:
    plain = json.dumps({"área": "Kivu — nord"}, ensure_ascii=False)
    assert json_printable(plain) == plain
    dumped = json.dumps("a\x7f\x9b\u202e\u2028\ud800b", ensure_ascii=False)
    assert json_printable(dumped) == '"a\\u007f\\u009b\\u202e\\u2028\\ud800b"'
    assert json.loads(json_printable(dumped)) == "a\x7f\x9b\u202e\u2028\ud800b"


def test_printable_escapes_each_kind_of_character_visibly() -> None:
    assert printable("\x00\x09\x0a\x1b\x7f\x85\x9b") == "\\x00\\x09\\x0a\\x1b\\x7f\\x85\\x9b"
    assert printable("\u061c\u200e\u202a\u202e\u2066\u2069\u2028") == (
        "\\u061c\\u200e\\u202a\\u202e\\u2066\\u2069\\u2028"
    )
    # A lone surrogate cannot be written as UTF-8 at all: escaped, it can.
    assert printable("a\ud800b").encode() == b"a\\ud800b"


# -- the command line ----------------------------------------------------------------------


def _hostile_operation(tmp_path: Path) -> Path:
    data = json.loads(json.dumps(converter().unstructure(sound_operation())))
    data["reference"] = "OP" + HOSTILE
    area = "AREA-1" + HOSTILE
    data["return_areas"][0]["reference"] = area
    data["households"][0]["intended_return_area"] = area
    for member in data["households"][0]["members"]:
        if member.get("place_of_origin") is not None:
            member["place_of_origin"] = area
    data["assessments"][0]["area"] = area
    for visit in data.get("exploratory_visits") or ():
        visit["area"] = area
    data["positions"][0]["reference"] = "POS-1" + HOSTILE
    data["positions"][0]["review_due_on"] = AS_OF.add(days=3).isoformat()
    data["households"][0]["members"][0]["reference"] = "P-1" + HOSTILE
    data["households"][0]["members"][0]["consent"] = []  # findings about the person
    path = tmp_path / "op.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "junit", "jsonl"])
def test_the_command_line_prints_no_control_character_raw(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _hostile_operation(tmp_path)
    args = ["check", str(path), "--as-of", AS_OF.isoformat(), "--reveal-references"]
    main([*args, "--format", fmt])
    captured = capsys.readouterr()
    assert captured.out
    assert _raw(captured.out + captured.err) == []
    assert not _forged(captured.out)


def test_input_errors_show_keys_values_and_file_names_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(json.dumps(converter().unstructure(sound_operation())))
    member = data["households"][0]["members"][0]
    member["unknown\x1b[2J\u202e"] = 1
    member["age"] = "x\x07\x9b"
    path = tmp_path / "op\x1b]0;pwned\x07.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["check", str(path), "--as-of", AS_OF.isoformat()]) == 2
    err = capsys.readouterr().err
    assert _raw(err) == []
    assert "$.households[0].members[0].unknown\\x1b[2J\\u202e" in err
    assert "op\\x1b]0;pwned\\x07.json" in err
    assert len(err.splitlines()) == 3  # the heading and one line per issue


def test_the_input_error_presenter_escapes_every_part() -> None:
    error = repatguard.InputError(
        [repatguard.InputIssue(path="$.a\x1b", message="bad\nFORGED line")], source="f\u202e"
    )
    text = str(error)
    assert _raw(text) == []
    assert text == "invalid input in f\\u202e: 1 issue\n  $.a\\x1b: bad\\x0aFORGED line"


def test_diff_prints_no_control_character_from_a_report_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = report_to_dict(repatguard.check(sound_operation(), as_of=AS_OF))
    new = json.loads(json.dumps(report_to_dict(_hostile())))
    new["verdict"] = "blocked" + HOSTILE
    new["references"] = old["references"]  # made under the same key, or the diff is refused
    assert _raw(diff_to_text(diff_reports(old, new))) == []
    paths = []
    for name, data in (("old", old), ("new", new)):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        paths.append(str(path))
    main(["diff", *paths])
    captured = capsys.readouterr()
    assert "\\x1b[2J" in captured.out
    assert _raw(captured.out + captured.err) == []
    assert not _forged(captured.out)


def test_explain_echoes_an_unknown_code_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "VOL-999\x1b[2J\u202e"]) == 2
    err = capsys.readouterr().err
    assert _raw(err) == []
    assert "no rule VOL-999\\x1b[2J\\u202e;" in err
