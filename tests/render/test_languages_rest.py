"""Issue 14, the rest of the English strings outside finding messages: severity words, the
chart's legend, the trace's findings, what changes at the next review, the streamed manifest's
summary and ``explain CODE``. Each is shown in words of the language asked for, and English
stays as it was (the corpus and the snapshots hold the English bytes).
"""

from __future__ import annotations

import contextlib
import functools
import html
import io
import json
import re
from pathlib import Path

import attrs
import pytest

from repatguard.cli.main import main
from repatguard.engine.check import check
from repatguard.engine.review import _MONTH_NOTE
from repatguard.examples import example
from repatguard.outcomes import Severity
from repatguard.render.html import to_html
from repatguard.render.i18n import use_language
from repatguard.render.json import to_json
from repatguard.render.junit import to_junit
from repatguard.render.markdown import to_markdown
from repatguard.render.text import to_text
from repatguard.render.words import change_value, scheduled_note, severity_label
from repatguard.report.report import Report
from repatguard.rules.registry import FAMILIES
from repatguard.testing.factories import AS_OF, sound_operation
from repatguard.testing.reference import FAMILY_NAMES
from repatguard.testing.synthetic import synthetic_households, synthetic_operation

ROOT = Path(__file__).resolve().parents[2]

SEVERITY_WORDS = {
    "fr": ("bloquant", "majeur", "mineur"),
    "es": ("bloqueante", "mayor", "menor"),
    "ar": ("مانع", "رئيسي", "ثانوي"),
}


@functools.cache
def _report(name: str, trace: bool = False) -> Report:
    chosen = example(name)
    return check(chosen.load(), as_of=chosen.as_of, trace=trace)


def _shown(page: str) -> str:
    """The page with HTML and Markdown escapes put back and wrapped lines joined."""
    unescaped = html.unescape(page).replace("\\[", "[").replace("\\]", "]")
    return " ".join(unescaped.split())


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


# -- severity words ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "es", "ar"])
def test_severities_are_words_of_the_language(lang: str) -> None:
    blocker, major, minor = SEVERITY_WORDS[lang]
    with use_language(lang):
        assert severity_label(Severity.BLOCKER) == blocker
        assert severity_label("major") == major
        assert severity_label(Severity.MINOR) == minor
        assert severity_label("not-a-severity") == "not-a-severity"  # shown as it is


def test_english_severities_are_the_codes() -> None:
    assert [severity_label(s) for s in Severity] == [s.value for s in Severity]


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_reasons_and_summaries_show_the_severity_in_words(lang: str) -> None:
    report = _report("coerced-return-blocked")
    blocker, major, minor = SEVERITY_WORDS[lang]
    text = to_text(report, lang=lang)
    assert f"PREM-004 [{blocker}, " in text
    assert f"PREM-005 [{major}, " in text
    assert f"({blocker} 2, {major} 1, {minor} 0, " in text  # the closing summary line
    markdown = to_markdown(report, lang=lang)
    assert f"**PREM-004** ({blocker}, " in markdown
    assert f"| {blocker} |" in markdown  # the table of findings
    page = to_html(report, lang=lang)
    assert f'<span class="rg-tag rg-sev-blocker">{blocker}</span>' in page  # class keeps code
    for shown in (text, markdown, _shown(page)):
        assert "[blocker," not in shown
        assert "(blocker," not in shown
        assert ">blocker<" not in shown
        assert "blocker 2" not in shown


def test_english_reasons_keep_the_severity_codes() -> None:
    report = _report("coerced-return-blocked")
    assert "PREM-004 [blocker, failed]" in to_text(report)
    assert "(blocker 2, major 1, minor 0, info 0)" in to_text(report)
    assert '<span class="rg-tag rg-sev-blocker">blocker</span>' in to_html(report)


def test_the_colours_follow_the_translated_severity() -> None:
    # Colour is put on the word shown: a translated severity is painted, not left plain.
    text = to_text(_report("coerced-return-blocked"), lang="fr", color=True)
    assert "[\x1b[1;31mbloquant\x1b[0m," in text


def test_the_table_of_cases_names_the_scope_in_words() -> None:
    report = _report("coerced-return-blocked")
    assert re.search(r"\| ref-\w+ \| personne \| ref-", to_markdown(report, lang="fr"))
    assert "<td>الشخص</td>" in to_html(report, lang="ar")
    assert "<td>person</td>" not in to_html(report, lang="ar")
    assert re.search(r"\| ref-\w+ \| person \| ref-", to_markdown(report))


# -- the chart -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_chart_legend_and_bar_titles_follow_the_language(lang: str) -> None:
    page = to_html(_report("unreviewed-insufficient"), lang=lang)
    chart = page[page.index("<svg") : page.index("</svg>")]
    legend = re.findall(r'<text x="\d+" y="\d+" fill="#1f1f1f">([^<0-9]+)</text>', chart)
    assert legend[-4:] == [severity_label_in(lang, s) for s in reversed(Severity)]
    assert f"COND {SEVERITY_WORDS[lang][0]}: " in chart  # a bar's tooltip
    for english in ("blocker", "major", "minor"):
        assert english not in chart


def severity_label_in(lang: str, severity: Severity) -> str:
    with use_language(lang):
        return severity_label(severity)


def test_the_english_chart_is_unchanged() -> None:
    page = to_html(_report("unreviewed-insufficient"))
    assert '<text x="94" y="146" fill="#1f1f1f">blocker</text>' in page
    assert "<title>COND blocker: 2</title>" in page


# -- the trace -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_findings_of_a_trace_step_show_the_severity_in_words(lang: str) -> None:
    report = _report("coerced-return-blocked", trace=True)
    blocker = SEVERITY_WORDS[lang][0]
    for render in (to_text, to_markdown, to_html):
        shown = _shown(render(report, lang=lang))
        assert f"PREM-004 OP-2026-BLK-03 [{blocker}, " in shown
        assert "OP-2026-BLK-03 [blocker," not in shown
    assert "PREM-004 OP-2026-BLK-03 [blocker, failed]" in to_text(report)


def test_explain_trace_shows_the_severity_in_words() -> None:
    code, out, _err = _cli(
        "explain", "--trace", "AREA-N", "--example", "coerced-return-blocked", "--lang", "ar"
    )
    assert code == 0
    assert "PREM-004 OP-2026-BLK-03 [مانع, " in out
    assert "blocker" not in out


# -- the next review -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "before", "after"),
    [
        ("fr", "absent", "informations insuffisantes/bloquant"),
        ("es", "ausente", "información insuficiente/bloqueante"),
        ("ar", "غائب", "معلومات غير كافية/مانع"),
    ],
)
def test_what_changes_at_the_next_review_is_in_words(lang: str, before: str, after: str) -> None:
    report = _report("coerced-return-blocked")
    assert report.next_review is not None
    assert report.next_review.changes[0].before == "absent"
    assert report.next_review.changes[0].after == "insufficient_information/blocker"
    assert f"{before} -> {after}" in to_text(report, lang=lang)
    for render in (to_markdown, to_html):
        shown = _shown(render(report, lang=lang))
        assert after in shown
        assert "insufficient_information" not in shown
        assert "absent ->" not in shown


def test_english_next_review_changes_keep_the_codes() -> None:
    report = _report("coerced-return-blocked")
    assert "absent -> insufficient_information/blocker" in to_text(report)
    with use_language("fr"):
        assert change_value("fail/major") == "non respecté/majeur"
        assert change_value("waived/blocker") == "dérogé/bloquant"
        assert change_value("something/else") == "something/else"
    assert change_value("fail/major") == "fail/major"


def test_a_scheduled_review_is_in_words() -> None:
    op = sound_operation()
    position = attrs.evolve(op.positions[0], review_due_on=AS_OF.add(days=3))
    report = check(attrs.evolve(op, positions=(position,)), as_of=AS_OF)
    assert report.next_review is not None
    (note,) = report.next_review.scheduled
    assert note == "UNHCR position POS-1 ($.positions[0]) is due for review"
    assert "- UNHCR position POS-1 ($.positions[0]) is due for review" in to_text(report)
    assert "La position du HCR POS-1 ($.positions[0]) doit être réexaminée" in to_text(
        report, lang="fr"
    )
    assert "موقف المفوضية POS-1 ($.positions[0]) مستحق المراجعة" in _shown(
        to_html(report, lang="ar")
    )
    assert "doit être réexaminée" in to_markdown(report, lang="fr")


def test_the_month_note_is_in_words_and_an_unknown_note_is_kept() -> None:
    # The note as the engine writes it, so a change to its wording fails here.
    note = _MONTH_NOTE.format(month="2026-07")
    assert scheduled_note(note) == note
    with use_language("fr"):
        assert scheduled_note(note) == (
            "un changement qui dépend d'une date de naissance intervient en 2026-07 ; "
            "le jour n'est pas indiqué"
        )
        assert scheduled_note("some other note") == "some other note"
    with use_language("ar"):
        assert "2026-07" in scheduled_note(note)
        assert "withheld" not in scheduled_note(note)


# -- the streamed manifest's summary -------------------------------------------------------


@pytest.fixture
def manifest(tmp_path: Path) -> tuple[Path, Path]:
    operation = tmp_path / "op.json"
    operation.write_text(json.dumps(synthetic_operation()), encoding="utf-8")
    cases = tmp_path / "cases.jsonl"
    lines = [json.dumps(h) for h in synthetic_households(12, seed=7)]
    cases.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return operation, cases


def _streamed(operation: Path, cases: Path, *more: str) -> str:
    argv = ("check", str(operation), "--cases", str(cases), "--as-of", "2026-06-01")
    return _cli(*argv, "--no-policy-file", *more)[1]


def _tail(text: str) -> list[str]:
    """The manifest's lines: from the one that names the manifest to the end."""
    lines = text.splitlines()
    start = max(i for i, line in enumerate(lines) if line.startswith(("Manifest", "Manifeste")))
    return lines[start:]


def test_the_english_manifest_summary_is_unchanged(manifest: tuple[Path, Path]) -> None:
    operation, cases = manifest
    tail = _tail(_streamed(operation, cases))
    assert re.fullmatch(
        rf"Manifest {re.escape(str(cases))} \(jsonl\): 12 household\(s\) read, 12 checked, "
        r"\d+ person\(s\)\.",
        tail[0],
    )
    assert re.fullmatch(
        r"  Person verdicts: promote \d+, facilitate_only \d+, insufficient_information \d+, "
        r"blocked \d+ \(each case verdict is in --cases-out\)\.",
        tail[1],
    )


@pytest.mark.parametrize(
    ("lang", "read", "verdicts", "english"),
    [
        ("fr", "12 ménage(s) lu(s), 12 contrôlé(s)", "Verdicts par personne : promouvoir ", "read"),
        ("es", "12 hogar(es) leído(s), 12 comprobado(s)", "Veredictos por persona: ", "checked"),
        ("ar", "12 من الأسر مقروءة", "الأحكام الخاصة بالأشخاص: التشجيع على العودة", "verdicts"),
    ],
)
def test_the_manifest_summary_follows_the_language(
    manifest: tuple[Path, Path], lang: str, read: str, verdicts: str, english: str
) -> None:
    operation, cases = manifest
    text = _streamed(operation, cases, "--lang", lang)
    tail = "\n".join(text.splitlines()[-3:])
    assert read in tail
    assert verdicts in tail
    assert english not in tail
    assert "facilitate_only" not in tail
    assert "insufficient_information" not in tail


def test_an_incomplete_manifest_is_said_in_the_language(manifest: tuple[Path, Path]) -> None:
    operation, cases = manifest
    lines = cases.read_text(encoding="utf-8").splitlines()
    lines[2] = "{not json"
    cases.write_text("\n".join(lines) + "\n", encoding="utf-8")
    french = _streamed(operation, cases, "--lang", "fr")
    assert "  INCOMPLET : 1 ménage(s) n'ont pas pu être chargés, 0 référence(s) en double" in (
        french
    )
    assert "INCOMPLETE" not in french
    assert "  INCOMPLETE: 1 household(s) could not be loaded, 0 duplicate reference(s)" in (
        _streamed(operation, cases)
    )


# -- explain CODE --------------------------------------------------------------------------


def test_the_family_names_are_the_registry_s() -> None:
    assert FAMILY_NAMES == FAMILIES


def test_explain_code_in_english_is_the_documentation_page() -> None:
    code, out, _err = _cli("explain", "VOL-005")
    assert code == 0
    assert out == (ROOT / "docs" / "rules" / "VOL-005.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "expected", "english"),
    [
        (
            "fr",
            [
                "# VOL-005: Retrait respecté",
                "| Famille | VOL: Caractère volontaire |",
                "| Périmètre | personne |",
                "| Gravité par défaut | bloquant |",
                "| Dérogation possible | non |",
                "| Statut | stable, depuis 0.1.0 |",
                "## Ce qu'elle vérifie",
                "## Exemple non respecté",
                "VOL-005 [bloquant, non respecté] ",
                "Résultat : respecté (",
                "## Quand un fait manque",
                "| nom | valeur par défaut | provenance | signification | source |",
                "| `adult_age` | `18` | énoncée |",
                "## Que faire",
                "Retirer la personne (et les enfants couverts par sa décision) du manifeste",
            ],
            ["## What it checks", "| Default severity |", "Result: passes", "## What to do"],
        ),
        (
            "ar",
            [
                "# VOL-005: ",
                "| الفئة | VOL: الطوعية |",
                "| درجة الخطورة الافتراضية | مانع |",
                "## ما تتحقق منه",
                "VOL-005 [مانع, لم يتحقق] ",
                "## ما يجب فعله",
            ],
            ["## What it checks", "| Family |", "[blocker, fail]", "## What to do"],
        ),
    ],
)
def test_explain_code_speaks_the_language(
    lang: str, expected: list[str], english: list[str]
) -> None:
    code, out, _err = _cli("explain", "VOL-005", "--lang", lang)
    assert code == 0
    for phrase in expected:
        assert phrase in out, phrase
    for phrase in english:
        assert phrase not in out, phrase


def test_explain_code_shows_a_missing_example_and_parameters_in_words() -> None:
    # COND-001 has a missing-fact example; a rule with no parameter says so in words.
    out = _cli("explain", "COND-001", "--lang", "es")[1]
    assert "## Cuando falta un hecho" in out
    assert "información insuficiente]" in out
    assert "observado: " in out
    out = _cli("explain", "VOL-005", "--lang", "es")[1]
    assert "A esta regla no le puede faltar información: " in out


def test_explain_code_follows_the_locale_and_refuses_an_unknown_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert "| Gravité par défaut | bloquant |" in _cli("explain", "VOL-005")[1]
    code, out, err = _cli("explain", "VOL-005", "--lang", "de")
    assert (code, out) == (2, "")
    assert "--lang: unknown language 'de'" in err


# -- data stays language-neutral -----------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_json_and_junit_keep_severity_and_change_codes(lang: str) -> None:
    report = _report("coerced-return-blocked", trace=True)
    with use_language(lang):
        data = json.loads(to_json(report))
        junit = to_junit(report)
    assert data["next_review"]["changes"][0]["after"] == "insufficient_information/blocker"
    assert data["findings"][0]["severity"] == "blocker"
    assert junit == to_junit(report)
    assert "bloquant" not in junit
    assert "مانع" not in junit
