"""Finding messages in the chosen language (issue 14): the rules of the converted families
write messages (template and values), which every shipped language renders; everything
derived from a finding that must stay stable (fingerprints, baselines, the English report)
does not depend on the language.

``CONVERTED_FAMILIES`` lists the families whose rules write no plain English text any more;
a session that converts another family adds it here.
"""

from __future__ import annotations

import ast
import datetime as dt
import functools
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from repatguard.cli.main import main
from repatguard.engine.check import check
from repatguard.examples import example
from repatguard.io.load import from_mapping
from repatguard.model import MovementKind
from repatguard.outcomes import Outcome, Scope, Severity
from repatguard.render.i18n import LANGUAGES, say, use_language
from repatguard.render.json import report_to_dict, to_json
from repatguard.render.text import to_text
from repatguard.report.finding import Finding
from repatguard.report.report import Report
from repatguard.rules.examples import Example
from repatguard.rules.message import Message, listed, msg
from repatguard.rules.registry import Problem, Reference, Registry, Rule, RuleMeta, builtin_registry
from repatguard.testing.messages import extract_rule_metadata, placeholders
from repatguard.testing.reference import run_example
from repatguard.testing.rule_examples import examples_for
from repatguard.testing.synthetic import synthetic_households, synthetic_operation

TRANSLATED = tuple(lang for lang in LANGUAGES if lang != "en")
CONVERTED_FAMILIES = (
    "MIX",
    "LEGAL",
    "VOL",
    "COND",
    "LEAD",
    "SPEC",
    "PREM",
    "DATA",
    "IDP",
    "CHILD",
)
"""Families whose every finding message, observed and expected is a :class:`Message`."""

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "src" / "repatguard" / "rules"
AS_OF = dt.date(2026, 6, 1)


_parse_mapping: Any = parse_mapping_cfg  # Babel leaves this one untyped


@functools.cache
def extracted() -> frozenset[str]:
    """Every message in the source, as Babel extracts it with ``babel.cfg`` (as in
    test_languages.py)."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = _parse_mapping(config)
    return frozenset(
        str(message)
        for _name, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map
        )
    )


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """The translations of ``lang``'s ``.po`` file, fuzzy ones left out."""
    path = RULES.parent / "locale" / lang / "LC_MESSAGES" / "repatguard.po"
    with path.open("rb") as stream:
        po = read_po(stream)
    return {
        m.id: m.string
        for m in po
        if isinstance(m.id, str) and m.id and not m.fuzzy and isinstance(m.string, str)
    }


def _converted(code: str) -> bool:
    return code.split("-", 1)[0] in CONVERTED_FAMILIES


def _synthetic_report(kind: str, seed: int) -> Report:
    data = synthetic_operation()
    data["movement_kind"] = kind
    data["households"] = list(synthetic_households(60, seed=seed, operation=data))
    return check(from_mapping(data), as_of=AS_OF)


@functools.cache
def converted_findings() -> tuple[Finding, ...]:
    """The findings of the converted rules on their worked examples and on synthetic
    operations of every assisted or forced kind of movement."""
    found: list[Finding] = []
    for rule in builtin_registry():
        examples = examples_for(rule)
        if not _converted(rule.code) or examples is None:
            continue
        for chosen in (examples.passing, examples.failing, examples.missing):
            if isinstance(chosen, Example):
                found.extend(run_example(rule, chosen).findings)
    for kind in ("avrr", "forced", "mixed", "organised"):
        for seed in (1, 2, 3):
            found.extend(f for f in _synthetic_report(kind, seed).findings if _converted(f.code))
    return tuple(found)


def _parts(finding: Finding) -> Iterator[object]:
    assert finding.wording is not None, (finding.code, finding.message)
    yield finding.wording.message
    yield from finding.wording.observed
    if finding.wording.expected is not None:
        yield finding.wording.expected


# -- the converted families write messages only --------------------------------------------


def test_every_converted_rule_is_exercised() -> None:
    codes = {f.code for f in converted_findings()}
    expected = {r.code for r in builtin_registry() if _converted(r.code)}
    assert expected <= codes, sorted(expected - codes)


def test_the_converted_families_write_messages_only() -> None:
    plain = sorted(
        {
            (f.code, str(part))
            for f in converted_findings()
            for part in _parts(f)
            if type(part) is not Message
        }
    )
    assert plain == []


_TEXT_ARGUMENTS = {
    "message",
    "observed",
    "expected",
    "fails",
    "unknown",
    "unknown_observed",
    "undated",
    "too_old",
    "breaks",
    "unassessed",
    "unassessed_expected",
    "unrecorded",
}
_STRING_HELPERS = {"flag_problems", "unassessed", "holds", "describe"}
"""Shared helpers that still take or give plain English text: a converted rule calls none."""


def _plain_text(node: ast.expr) -> bool:
    return isinstance(node, ast.JoinedStr | ast.BinOp) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str)
    )


def _called(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


@pytest.mark.parametrize("family", CONVERTED_FAMILIES)
def test_converted_modules_pass_no_plain_text(family: str) -> None:
    offences: list[str] = []
    for module in sorted((RULES / family.lower()).glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = _called(node)
            where = f"{module.name}:{node.lineno}"
            if name in _STRING_HELPERS:
                offences.append(f"{where} calls {name}()")
            if name in ("fail", "unknown") and len(node.args) > 1 and _plain_text(node.args[1]):
                offences.append(f"{where}: plain message")
            offences.extend(
                f"{where}: plain {keyword.arg}"
                for keyword in node.keywords
                if keyword.arg in _TEXT_ARGUMENTS and _plain_text(keyword.value)
            )
            if name == "msg" and not (
                node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                offences.append(f"{where}: msg() template is not a string literal")
    assert offences == []


def test_the_extraction_refuses_a_template_it_cannot_read() -> None:
    source = b'from repatguard.rules.api import msg\nmsg(f"withdrew on {on}")\n'
    with pytest.raises(ValueError, match="line 2"):
        list(extract_rule_metadata(io.BytesIO(source), {}, [], {}))


# -- every message is in the catalogues, translated with its placeholders ------------------


@functools.cache
def converted_messages() -> frozenset[Message]:
    return frozenset(
        part for f in converted_findings() for part in _parts(f) if type(part) is Message
    )


def test_every_message_written_is_extracted() -> None:
    missing = sorted({m.template for m in converted_messages()} - set(extracted()))
    assert missing == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_written_renders_in_each_language(lang: str) -> None:
    translations = catalogue(lang)
    for message in converted_messages():
        translation = translations.get(message.template, "")
        assert translation.strip(), (lang, message.template)
        assert placeholders(translation) == placeholders(message.template)
        with use_language(lang):
            shown = say(message)
        assert shown == message.format(translation)
        # Values are language-neutral and go in as they are.
        assert all(str(value) in shown for _name, value in message.values)


def test_in_english_the_wording_is_the_findings_own_text() -> None:
    for finding in converted_findings():
        wording = finding.wording
        assert wording is not None
        assert say(wording.message) == finding.message
        assert "; ".join(say(p) for p in wording.observed) == (finding.evidence.observed or "")
        assert (None if wording.expected is None else say(wording.expected)) == (
            finding.evidence.expected
        )


# -- rendering ---------------------------------------------------------------------------


@functools.cache
def _advisory() -> Report:
    chosen = example("advisory-facilitation")
    return check(chosen.load(), as_of=chosen.as_of, trace=True)


def _mix_006(report: Report) -> Finding:
    return next(f for f in report.findings if f.code == "MIX-006")


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_mix_finding_in_text(lang: str) -> None:
    report = _advisory()
    finding = _mix_006(report)
    assert finding.wording is not None
    translated = say_in(lang, finding.wording.message)
    assert translated != finding.message
    shown = _words(to_text(report, lang=lang))
    assert _words(translated) in shown
    assert _words(finding.message) not in shown
    assert _words(finding.message) in _words(to_text(report))


def say_in(lang: str, text: Message | str) -> str:
    with use_language(lang):
        return say(text)


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_a_mix_finding_in_json(lang: str) -> None:
    report = _advisory()
    english = json.loads(to_json(report))
    with use_language(lang):
        localised = json.loads(to_json(report))
    finding = _mix_006(report)
    assert finding.wording is not None
    index = report.findings.index(finding)
    shown = localised["findings"][index]
    assert shown["message"] == say_in(lang, finding.wording.message)
    assert shown["evidence"]["expected"] == say_in(lang, finding.wording.expected or "")
    assert shown["message"] != english["findings"][index]["message"]
    # Codes, keys, paths and fingerprints are the same in every language.
    for before, after in zip(english["findings"], localised["findings"], strict=True):
        assert before.keys() == after.keys()
        for key in ("code", "severity", "outcome", "subject", "path", "fingerprint"):
            assert before[key] == after[key]
    # Only the messages of findings that carry a wording change.
    for before, after, item in zip(
        english["findings"], localised["findings"], report.findings, strict=False
    ):
        if item.wording is None:
            assert before == after
    assert english == json.loads(to_json(report))  # English outside use_language


def test_the_trace_and_the_reasons_read_in_the_chosen_language() -> None:
    report = _advisory()
    finding = _mix_006(report)
    assert finding.wording is not None
    assert report.trace is not None
    with use_language("fr"):
        data = report_to_dict(report)
    traced = [
        f
        for scope in data["trace"]["scopes"]
        for step in scope["steps"]
        for f in step["findings"]
        if f["code"] == "MIX-006"
    ]
    assert traced
    french_expected = say_in("fr", finding.wording.expected or "")
    assert all(f["expected"] == french_expected for f in traced)
    reasons = [
        r for area in data["area_verdicts"] for r in area["reasons"] if r["code"] == "MIX-006"
    ]
    assert reasons
    assert all(r["message"] == say_in("fr", finding.wording.message) for r in reasons)


def test_english_json_holds_no_wording() -> None:
    text = to_json(_advisory())
    assert "wording" not in text
    assert "template" not in text


# -- the engine ----------------------------------------------------------------------------


def _one_rule(result: object) -> Registry:
    def check_function(_ctx: object) -> Iterator[object]:
        yield result

    meta = RuleMeta(
        code="MIX-099",
        title="test",
        scope=Scope.OPERATION,
        severity=Severity.MAJOR,
        rationale="test",
        references=(Reference(instrument="test", locator="test"),),
        remediation="test",
        checks="test",
    )
    return Registry([Rule(meta=meta, check=check_function)])  # type: ignore[arg-type]


def _findings(result: object) -> list[Finding]:
    chosen = example("organised-promotion")
    report = check(chosen.load(), as_of=chosen.as_of, registry=_one_rule(result))
    return [f for f in report.findings if f.code == "MIX-099"]


@pytest.mark.parametrize(
    "message",
    [
        Message("withdrew on {on}"),  # a placeholder with no value
        Message("withdrew on {on}", (("on", 1.5),)),  # type: ignore[arg-type] # not text
        Message("withdrew on {}", (("on", "x"),)),  # positional
        Message("withdrew on {on.year}", (("on", "x"),)),  # an attribute of a value
        Message(7),  # type: ignore[arg-type] # not a template
    ],
)
def test_a_message_that_cannot_render_is_an_error_not_a_finding_that_passes(
    message: Message,
) -> None:
    found = _findings(Problem.fail("", message))
    assert [f.outcome for f in found] == [Outcome.ERROR]


def test_plain_text_and_messages_both_give_the_same_english() -> None:
    plain = _findings(Problem.fail("", "the person withdrew on 2026-01-02", observed="x"))
    converted = _findings(
        Problem.fail("", msg("the person withdrew on {on}", on="2026-01-02"), observed=msg("x"))
    )
    assert [(f.message, f.evidence) for f in plain] == [(f.message, f.evidence) for f in converted]
    assert plain[0].wording is None
    assert converted[0].wording is not None
    assert plain[0].fingerprint == converted[0].fingerprint


# -- the command line: baselines and the streamed check ------------------------------------


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_a_baseline_made_in_french_matches_a_check_in_english(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REPATGUARD_REFERENCE_KEY", "a test key for the baseline")
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    args = ("check", "--example", "advisory-facilitation", "--format", "json")
    _, french = _cli(capsys, *args, "--lang", "fr")
    _, english = _cli(capsys, *args)
    baseline = json.loads(french)
    assert {f["code"] for f in baseline["findings"]} >= {"MIX-006", "LEGAL-004"}
    assert french != english  # the messages are in French
    (tmp_path / "baseline.json").write_text(french, encoding="utf-8")
    _, out = _cli(capsys, *args, "--baseline", "baseline.json")
    report = json.loads(out)
    assert report["findings"] == []  # every finding is known, whatever the language
    assert report["baseline"]["left_out"] == len(baseline["findings"])
    # And the other way round: an English baseline, a French check.
    (tmp_path / "english.json").write_text(english, encoding="utf-8")
    _, out = _cli(capsys, *args, "--lang", "fr", "--baseline", "english.json")
    assert json.loads(out)["findings"] == []
    # repatguard diff matches the two reports finding by finding.
    code, out = _cli(capsys, "diff", "baseline.json", "english.json", "--format", "json")
    assert code == 0  # no new finding
    compared = json.loads(out)
    assert compared["new"] == []
    assert compared["resolved"] == []
    assert len(compared["persisting"]) == len(baseline["findings"])


def _stream_files(tmp_path: Path) -> tuple[Path, Path]:
    data = synthetic_operation()
    data["movement_kind"] = "avrr"
    operation = tmp_path / "op.json"
    operation.write_text(json.dumps(data), encoding="utf-8")
    cases = tmp_path / "cases.jsonl"
    lines = [json.dumps(h) for h in synthetic_households(20, seed=7, operation=data)]
    cases.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return operation, cases


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_streamed_check_writes_findings_in_the_chosen_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    monkeypatch.setenv("REPATGUARD_REFERENCE_KEY", "a test key for the stream")
    operation, cases = _stream_files(tmp_path)
    outputs = {}
    for lang in ("en", "fr"):
        out = tmp_path / f"findings-{lang}.jsonl"
        verdicts = tmp_path / f"cases-{lang}.jsonl"
        args = [str(operation), "--cases", str(cases), "--as-of", "2026-06-01"]
        args += ["--no-policy-file", "--jobs", jobs, "--lang", lang, "--format", "json"]
        main(["check", *args, "--findings-out", str(out), "--cases-out", str(verdicts)])
        capsys.readouterr()
        outputs[lang] = (_lines(out), _lines(verdicts))
    (english, english_cases), (french, french_cases) = outputs["en"], outputs["fr"]
    assert [f["fingerprint"] for f in english] == [f["fingerprint"] for f in french]
    mix = [(e, f) for e, f in zip(english, french, strict=True) if e["code"].startswith("MIX")]
    assert mix
    assert all(e["message"] != f["message"] for e, f in mix)
    # The case verdicts decide the same; only the reasons' messages change.
    assert [c["verdict"] for c in english_cases] == [c["verdict"] for c in french_cases]
    # In English the streamed lines are those of an in-memory check.
    data = json.loads(operation.read_text(encoding="utf-8"))
    data["households"] = [json.loads(line) for line in cases.read_text().splitlines()]
    whole = check(from_mapping(data), as_of=AS_OF, reference_key="a test key for the stream")
    assert {f.fingerprint for f in whole.findings} == {f["fingerprint"] for f in english}


def test_a_message_inside_a_message_renders_in_the_same_language() -> None:
    # A settled failure cites its own finding, and a list holds whole sentences: each inner
    # message is looked up in the catalogue too, never left in English inside a translation.
    inner = msg("no such measure")
    outer = msg("{first}; {rest}", first=inner, rest=msg("true or false"))
    assert str(outer) == "no such measure; true or false"
    with use_language("fr"):
        french = say(outer)
    assert "no such measure" not in french
    assert "true or false" not in french
    assert french.count(" ; ") == 1


def test_a_listed_message_reads_as_the_english_join() -> None:
    items = [msg("{a} one", a="x"), msg("{a} two", a="y"), msg("three")]
    assert str(listed(items)) == "; ".join(str(item) for item in items)
    assert listed(items[:1]) is items[0]
    with pytest.raises(ValueError, match="at least one"):
        listed([])


def test_a_nested_message_that_cannot_render_is_an_error_finding() -> None:
    from repatguard.engine.evaluate import _is_message

    assert _is_message(msg("{a}", a=msg("{b}", b="x")))
    assert not _is_message(msg("{a}", a=msg("{b}")))  # the inner placeholder has no value
    assert not _is_message(msg("{a}", a=msg("{b.upper}", b="x")))


def test_a_long_list_nests_shallowly_and_stays_a_message() -> None:
    # Review of issue 14: nested head to tail, 65 positions made PREM-011's escalation a rule
    # error (too deep), which lost the escalation. Halves keep it about log2(n) deep.
    from repatguard.engine.evaluate import _is_message

    items = [msg("position {n}", n=n) for n in range(500)]
    joined = listed(items)
    assert str(joined) == "; ".join(f"position {n}" for n in range(500))
    assert _is_message(joined)


@pytest.mark.parametrize(
    ("kind", "english"),
    [
        ("spontaneous", "a spontaneous return is under way"),
        ("assisted_spontaneous", "an assisted spontaneous return is under way"),
        ("mixed", "a movement with a spontaneous part is under way"),
    ],
)
def test_prem_011_names_the_movement_in_a_whole_sentence_in_every_language(
    kind: str, english: str
) -> None:
    # Review of issue 14: the kind's code went into the sentence ("a assisted_spontaneous
    # return", and the code untranslated inside French, Spanish and Arabic).
    chosen = example("spontaneous-escalation")
    operation = attrs.evolve(chosen.load(), movement_kind=MovementKind(kind))
    report = check(operation, as_of=chosen.as_of, reference_key="k", next_review=False)
    escalations = [f for f in report.findings if f.code == "PREM-011" and f.escalate]
    assert escalations
    for finding in escalations:
        assert finding.message.startswith(english)
        assert finding.wording is not None
        for lang in LANGUAGES:
            with use_language(lang):
                text = say(finding.wording.message)
            assert "_" not in text
            assert "{" not in text
            if lang != "en":
                # No code left inside the translated sentence.
                assert kind not in text
                assert text != finding.message
