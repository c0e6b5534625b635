"""The renderers: shape, escaping, the JUnit mapping, colour, and the ``--format`` option."""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import attrs
import pytest

import repatguard
from repatguard.cli import main
from repatguard.cli.check_command import FORMATS, use_color
from repatguard.engine.check import check
from repatguard.examples import example, examples
from repatguard.outcomes import Outcome, Severity, Verdict
from repatguard.render.html import SECTION_IDS, reports_to_html, to_html
from repatguard.render.json import report_to_dict, to_json
from repatguard.render.jsonl import to_jsonl
from repatguard.render.junit import ELEMENT_FOR_OUTCOME, to_junit, to_junit_suites
from repatguard.render.markdown import SECTIONS, to_markdown
from repatguard.render.text import to_text
from repatguard.report.finding import Finding
from repatguard.report.report import Report

AS_OF = dt.date(2026, 6, 1)
EMPTY = {
    "reference": "EMPTY",
    "host_country": "ZMB",
    "origin_country": "AGO",
    "movement_kind": "organised",
}
ANSI = re.compile(r"\x1b\[[0-9;]*m")
HOSTILE = '<script>alert("x")</script> | *bold* [link](http://evil.example) & `tick`'


@functools.cache
def _example(name: str) -> Report:
    # Reports are immutable: checking each example once keeps the module fast.
    item = example(name)
    return check(item.load(), as_of=item.as_of)


@functools.cache
def _empty() -> Report:
    return check(repatguard.load(EMPTY), as_of=AS_OF)


def _all_reports() -> list[Report]:
    return [_example(item.name) for item in examples()] + [_empty()]


def _with_findings(report: Report, findings: tuple[Finding, ...]) -> Report:
    return attrs.evolve(report, findings=findings)


def _finding(base: Finding, **changes: Any) -> Finding:
    return attrs.evolve(base, **changes)


# -- the same shape, whatever the report ---------------------------------------------------


def _markdown_headings(text: str) -> list[str]:
    return [line.split(":")[0] for line in text.splitlines() if line.startswith("## ")]


def _html_sections(text: str) -> list[str]:
    return re.findall(r'<section data-section="([a-z-]+)">', text)


def test_every_format_keeps_its_shape_for_an_empty_operation() -> None:
    reports = _all_reports()
    empty = reports[-1]
    assert empty.operation == "EMPTY"
    assert not empty.area_verdicts
    assert not empty.case_verdicts
    for report in reports:
        text = to_text(report).splitlines()
        assert text[0].startswith("repatguard ")
        assert text[2].startswith("VERDICT: ")
        assert text[-1].startswith("Findings: ")

        assert set(report_to_dict(report)) == set(report_to_dict(empty))

        assert _markdown_headings(to_markdown(report)) == [
            "## Verdict",
            *(f"## {section}" for section in SECTIONS),
        ]

        page = to_html(report)
        assert page.startswith("<!DOCTYPE html>\n")
        assert page.endswith("</html>\n")
        assert _html_sections(page) == list(SECTION_IDS)

        lines = to_jsonl(report).splitlines()
        assert len(lines) == len(report.findings)

        suite = ET.fromstring(to_junit(report)).find("testsuite")
        assert suite is not None
        names = [p.get("name") for p in suite.iter("property")]
        assert names[:3] == ["operation", "as_of", "verdict"]
        assert int(suite.get("tests", "-1")) == len(suite.findall("testcase"))


def test_a_report_without_findings_says_so_in_every_format() -> None:
    report = _with_findings(_empty(), ())
    assert to_jsonl(report) == ""
    markdown = to_markdown(report)
    assert "No findings." in markdown
    assert "Nothing: no finding needs action." in markdown
    assert _markdown_headings(markdown) == ["## Verdict", *(f"## {s}" for s in SECTIONS)]
    page = to_html(report)
    assert _html_sections(page) == list(SECTION_IDS)
    assert "No findings." in page  # the chart's placeholder
    suite = ET.fromstring(to_junit(report)).find("testsuite")
    assert suite is not None
    assert suite.get("failures") == "0"
    assert suite.get("errors") == "0"


def test_renderers_are_deterministic() -> None:
    for render in (to_markdown, to_html, to_jsonl, to_junit):
        first = [render(report) for report in _all_reports()]
        second = [render(report) for report in _all_reports()]
        assert first == second


# -- JSON Lines ----------------------------------------------------------------------------


def test_jsonl_holds_the_findings_of_the_json_report_one_per_line() -> None:
    report = _example("unreviewed-insufficient")
    lines = to_jsonl(report).splitlines(keepends=True)
    assert len(lines) == len(report.findings) > 1
    assert all(line.endswith("}\n") and line.count("\n") == 1 for line in lines)
    parsed = [json.loads(line) for line in lines]
    # Each line names its operation first, then holds the finding as the JSON report does.
    assert all(next(iter(line)) == "operation" for line in parsed)
    assert {line.pop("operation") for line in parsed} == {report.operation}
    assert parsed == json.loads(to_json(report))["findings"]


def test_jsonl_lines_of_several_operations_say_which_operation_each_is_about() -> None:
    reports = [_example("unreviewed-insufficient"), _example("coerced-return-blocked")]
    assert reports[0].operation != reports[1].operation
    lines = [json.loads(line) for r in reports for line in to_jsonl(r).splitlines()]
    assert [line["operation"] for line in lines] == [
        r.operation for r in reports for _ in r.findings
    ]


# -- escaping ------------------------------------------------------------------------------


def _hostile_report() -> Report:
    report = _example("coerced-return-blocked")
    findings = tuple(
        _finding(f, message=HOSTILE, subject=HOSTILE, title=HOSTILE, remediation=HOSTILE)
        for f in report.findings
    )
    return attrs.evolve(report, operation=HOSTILE, findings=findings)


def test_html_escapes_every_text_value() -> None:
    page = to_html(_hostile_report())
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert 'href="' not in page
    assert "src=" not in page


def test_markdown_escapes_markup_and_keeps_tables_intact() -> None:
    markdown = to_markdown(_hostile_report())
    assert "<script>" not in markdown
    assert r"\<script\>" in markdown
    assert "[link](http" not in markdown
    rows = [line for line in markdown.splitlines() if line.startswith("| PREM")]
    assert rows
    for row in rows:
        # six columns: an escaped pipe inside a cell does not open a seventh
        assert len(re.split(r"(?<!\\)\|", row)) == 8


def test_junit_is_well_formed_with_hostile_text_and_control_characters() -> None:
    report = _hostile_report()
    first = _finding(report.findings[0], message="bell \x07 and nul \x00 inside")
    document = to_junit(_with_findings(report, (first, *report.findings[1:])))
    root = ET.fromstring(document)
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    # Shown as visible escapes, as in the text output (no longer lost as U+FFFD).
    assert failure.get("message", "") == "blocker: bell \\x07 and nul \\x00 inside"
    assert any(case.get("name") == HOSTILE for case in root.iter("testcase"))


# -- HTML ----------------------------------------------------------------------------------


def test_html_is_self_contained_without_scripts() -> None:
    for report in _all_reports():
        page = to_html(report)
        lowered = page.lower()
        assert "<script" not in lowered
        assert "<link" not in lowered
        assert "@import" not in lowered
        assert "url(" not in lowered
        assert "http://" not in lowered
        assert "https://" not in lowered
        assert "<svg" in lowered
        assert 'http-equiv="content-security-policy"' in lowered


def test_html_puts_the_verdict_and_why_not_promote_first() -> None:
    page = to_html(_example("advisory-facilitation"))
    assert _html_sections(page)[:2] == ["verdict", "why-not-promote"]
    assert "<h1>Verdict: FACILITATE ONLY</h1>" in page
    assert page.index("<h1>") < page.index('data-section="why-not-promote"')


def test_html_chart_has_a_bar_per_family_and_severity() -> None:
    report = _example("unreviewed-insufficient")
    page = to_html(report)
    expected = {
        (f.family, f.severity.value) for f in report.findings
    }  # each (family, severity) present gets one segment
    segments = set(re.findall(r"<title>([A-Z]+) (blocker|major|minor|info): \d+</title>", page))
    assert segments == expected


def test_html_has_a_row_per_case() -> None:
    report = _example("coerced-return-blocked")
    page = to_html(report)
    cases = page.split('data-section="cases"')[1].split("</section>")[0]
    assert cases.count("<tr>") == len(report.case_verdicts) + 1  # and the header row


def test_html_fragment_is_embeddable() -> None:
    fragment = to_html(_example("organised-promotion"), fragment=True)
    assert fragment.startswith('<article class="rg-report"')
    assert "<html" not in fragment
    assert "<style>" in fragment


def test_several_reports_share_one_page() -> None:
    reports = _all_reports()[:2]
    page = reports_to_html(reports)
    assert page.count("<!DOCTYPE html>") == 1
    assert page.count('<article class="rg-report"') == 2


# -- JUnit ---------------------------------------------------------------------------------


def test_junit_maps_each_outcome_to_its_element() -> None:
    base = _example("coerced-return-blocked")
    template = base.findings[0]
    outcomes = (Outcome.FAIL, Outcome.INSUFFICIENT_INFORMATION, Outcome.ERROR, Outcome.WAIVED)
    findings = tuple(
        _finding(template, code="PREM-004", subject=f"S-{outcome.value}", outcome=outcome)
        for outcome in outcomes
    )
    root = ET.fromstring(to_junit(_with_findings(base, findings)))
    by_name = {
        case.get("name"): [child.tag for child in case]
        for case in root.iter("testcase")
        if case.get("classname") == "PREM-004"
    }
    assert by_name["S-fail"] == ["failure"]
    assert by_name["S-insufficient_information"] == ["error"]
    assert by_name["S-error"] == ["error"]
    assert by_name["S-waived"] == ["skipped"]
    tally = next(t for t in base.rule_tallies if t.code == "PREM-004")
    if tally.passed:
        assert by_name[f"passed ({tally.passed} subject{'s' if tally.passed > 1 else ''})"] == []
    assert ELEMENT_FOR_OUTCOME[Outcome.NOT_APPLICABLE] == "skipped"
    assert ELEMENT_FOR_OUTCOME[Outcome.PASS] is None


def test_junit_one_testcase_per_rule_and_subject_most_serious_outcome_wins() -> None:
    base = _example("coerced-return-blocked")
    template = base.findings[0]
    findings = (
        _finding(template, code="VOL-001", subject="P1", path="$.a", outcome=Outcome.ERROR),
        _finding(template, code="VOL-001", subject="P1", path="$.b", outcome=Outcome.FAIL),
        _finding(template, code="VOL-001", subject="P2", path="$.a", outcome=Outcome.WAIVED),
    )
    root = ET.fromstring(to_junit(_with_findings(base, findings)))
    cases = [c for c in root.iter("testcase") if c.get("classname") == "VOL-001"]
    assert [c.get("name") for c in cases][:2] == ["P1", "P2"]
    assert all(not (c.get("name") or "").startswith("P") for c in cases[2:])
    named = {c.get("name"): c for c in cases}
    failure = named["P1"].find("failure")
    assert failure is not None
    assert failure.get("message", "").startswith("2 findings; ")
    assert "$.a" in (failure.text or "")
    assert "$.b" in (failure.text or "")
    assert named["P2"].find("skipped") is not None


def test_junit_counts_match_the_testcases() -> None:
    for report in _all_reports():
        root = ET.fromstring(to_junit(report))
        cases = list(root.iter("testcase"))
        assert root.get("tests") == str(len(cases))
        assert root.get("failures") == str(sum(1 for c in cases if c.find("failure") is not None))
        assert root.get("errors") == str(sum(1 for c in cases if c.find("error") is not None))
        assert root.get("skipped") == str(sum(1 for c in cases if c.find("skipped") is not None))
        codes = {c.get("classname") for c in cases}
        assert codes == {t.code for t in report.rule_tallies} | {f.code for f in report.findings}


def test_junit_attributes_are_in_a_fixed_order() -> None:
    document = to_junit(_example("spontaneous-escalation"))
    assert '<testsuites name="repatguard" tests="' in document
    assert re.search(r'<testcase classname="[A-Z]+-\d{3}" name="', document)
    assert 'failures="2" errors="0"' in document
    assert "time=" not in document
    assert "timestamp=" not in document


def test_junit_several_reports_give_one_suite_each() -> None:
    reports = _all_reports()
    root = ET.fromstring(to_junit_suites(reports))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [f"repatguard {r.operation}" for r in reports]
    assert int(root.get("tests", "0")) == sum(int(s.get("tests", "0")) for s in suites)


# -- colour --------------------------------------------------------------------------------


def test_colour_decorates_the_same_text() -> None:
    for report in _all_reports():
        plain = to_text(report)
        coloured = to_text(report, color=True)
        assert "\x1b" not in plain
        assert coloured != plain
        assert ANSI.sub("", coloured) == plain


def test_colour_marks_the_verdict_and_severities() -> None:
    coloured = to_text(_example("coerced-return-blocked"), color=True).splitlines()
    assert coloured[2] == "\x1b[1mVERDICT:\x1b[0m \x1b[1;31mBLOCKED\x1b[0m"
    assert any("[\x1b[1;31mblocker\x1b[0m, failed]" in line for line in coloured)
    assert any("[\x1b[33mmajor\x1b[0m, failed]" in line for line in coloured)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class _ClosedTerminal(io.StringIO):
    def isatty(self) -> bool:
        raise ValueError("I/O operation on closed file")


def test_colour_only_on_a_terminal_without_no_color() -> None:
    assert use_color(_Terminal(), {}) is True
    assert use_color(_Terminal(), {"NO_COLOR": "1"}) is False
    assert use_color(_Terminal(), {"NO_COLOR": ""}) is True  # set but empty: no effect
    assert use_color(io.StringIO(), {}) is False
    assert use_color(_ClosedTerminal(), {}) is False


def test_the_cli_colours_text_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    for fmt, coloured in (("text", True), *((f, False) for f in FORMATS if f != "text")):
        terminal = _Terminal()
        monkeypatch.setattr("sys.stdout", terminal)
        main(["check", "--example", "coerced-return-blocked", "--format", fmt])
        assert ("\x1b[" in terminal.getvalue()) is coloured, fmt
    monkeypatch.setenv("NO_COLOR", "1")
    terminal = _Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    main(["check", "--example", "coerced-return-blocked"])
    assert "\x1b" not in terminal.getvalue()
    assert "VERDICT: BLOCKED" in terminal.getvalue()


# -- the command line ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_from_the_cli(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--example", "coerced-return-blocked", "--format", fmt]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out  # captured output is not a terminal
    report = _example("coerced-return-blocked")
    expected = {
        "text": to_text(report),
        "json": to_json(report),
        "markdown": to_markdown(report),
        "html": to_html(report),
        "jsonl": to_jsonl(report),
        "junit": to_junit(report),
    }[fmt]
    assert out == expected


def test_several_files_give_one_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps({**EMPTY, "reference": f"OP-{name}"}), encoding="utf-8")
        files.append(str(path))
    args = ["check", *files, "--as-of", "2026-06-01", "--fail-on", "never", "--format"]
    assert main([*args, "junit"]) == 0
    root = ET.fromstring(capsys.readouterr().out)
    assert [s.get("name") for s in root.findall("testsuite")] == [
        "repatguard OP-a",
        "repatguard OP-b",
    ]
    assert main([*args, "html"]) == 0
    page = capsys.readouterr().out
    assert page.count("<!DOCTYPE html>") == 1
    assert page.count("<article") == 2
    assert main([*args, "markdown"]) == 0
    assert capsys.readouterr().out.count("\n---\n") == 1
    assert main([*args, "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 * len(_empty().findings)


def test_a_report_without_findings_gives_no_json_lines(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert not _example("organised-promotion").findings
    assert main(["check", "--example", "organised-promotion", "--format", "jsonl"]) == 0
    assert capsys.readouterr().out == ""


def test_markdown_and_html_report_the_verdict_and_counts() -> None:
    report = _example("advisory-facilitation")
    assert report.verdict is Verdict.FACILITATE_ONLY
    markdown = to_markdown(report)
    assert "## Verdict: FACILITATE ONLY" in markdown
    blockers = sum(1 for f in report.findings if f.severity is Severity.BLOCKER)
    assert f"{len(report.findings)} finding(s): blocker {blockers}," in markdown
    assert "waived 0" in markdown  # every finding outcome is counted, waived included


def test_a_waived_finding_is_shown_with_its_label_in_every_format() -> None:
    base = _example("coerced-return-blocked")
    waived = _finding(base.findings[0], outcome=Outcome.WAIVED)
    report = _with_findings(base, (waived, *base.findings[1:]))
    assert f"| {waived.code} | {waived.severity.value} | waived |" in to_markdown(report)
    assert "<td>waived</td>" in to_html(report)
    assert json.loads(to_jsonl(report).splitlines()[0])["outcome"] == "waived"
    assert "failed 2, unknown 0, rule error 0, waived 1" in to_markdown(report)
