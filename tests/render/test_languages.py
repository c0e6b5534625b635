"""Reports in the field teams' languages (issue 14): the catalogues, their completeness, and
how a language is chosen and rendered.

The catalogues are checked against the source: Babel extracts every message again (with the
mapping in ``babel.cfg``), and each shipped language must translate each one, with the same
named placeholders as the English, in a ``.mo`` file that matches its ``.po``.
"""

from __future__ import annotations

import ast
import contextlib
import fnmatch
import functools
import gettext
import html
import io
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from repatguard.cli.main import main
from repatguard.engine.check import check
from repatguard.examples import example
from repatguard.render import html as html_module
from repatguard.render.html import to_html
from repatguard.render.i18n import (
    LANGUAGES,
    _,
    check_language,
    language_from_environment,
    use_language,
)
from repatguard.render.json import to_json
from repatguard.render.junit import to_junit
from repatguard.render.labels import field_label, label_messages
from repatguard.render.markdown import to_markdown
from repatguard.render.text import to_text
from repatguard.report.report import Report
from repatguard.rules.registry import builtin_registry
from repatguard.testing.messages import placeholders

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "src" / "repatguard" / "locale"
TRANSLATED = tuple(lang for lang in LANGUAGES if lang != "en")
FIX = (
    "re-extract and update the catalogues (docs/output-formats.md, 'Languages'): "
    "pybabel extract ..., pybabel update ..., translate, pybabel compile ..."
)


_parse_mapping: Any = parse_mapping_cfg  # Babel leaves this one untyped


@functools.cache
def extracted() -> dict[str, str]:
    """Every message in the source, as Babel extracts it now: message -> where it is."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = _parse_mapping(config)
    found: dict[str, str] = {}
    for filename, _lineno, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map
    ):
        assert isinstance(message, str), f"{filename}: plural messages are not used"
        found.setdefault(message, filename)
    return found


@functools.cache
def catalogue(lang: str) -> dict[str, str]:
    """The translations of ``lang``'s ``.po`` file, fuzzy ones left out (gettext ignores
    them too)."""
    with (LOCALE / lang / "LC_MESSAGES" / "repatguard.po").open("rb") as stream:
        po = read_po(stream)
    return {
        m.id: m.string
        for m in po
        if isinstance(m.id, str) and m.id and not m.fuzzy and isinstance(m.string, str)
    }


@functools.cache
def _report(name: str, trace: bool = False) -> Report:
    chosen = example(name)
    return check(chosen.load(), as_of=chosen.as_of, trace=trace)


# -- the catalogues ------------------------------------------------------------------------


def test_every_rule_title_and_remediation_is_a_message() -> None:
    messages = extracted()
    for rule in builtin_registry():
        assert rule.meta.title in messages, (rule.code, "title", FIX)
        assert rule.meta.remediation in messages, (rule.code, "remediation", FIX)


def test_every_word_of_a_field_label_is_a_message() -> None:
    assert set(label_messages()) <= set(extracted()), FIX


def test_the_template_lists_what_the_source_holds() -> None:
    with (LOCALE / "repatguard.pot").open("rb") as stream:
        template = {m.id for m in read_po(stream) if m.id}
    assert template == set(extracted()), FIX


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated(lang: str) -> None:
    translations = catalogue(lang)
    missing = sorted(m for m in extracted() if not translations.get(m, "").strip())
    assert missing == [], f"{lang} lacks {len(missing)} translation(s); {FIX}: {missing[:5]}"


def _placeholder_problems(translations: dict[str, str]) -> list[str]:
    problems = []
    for message, translated in translations.items():
        if not translated:
            continue
        try:
            if placeholders(message) != placeholders(translated):
                problems.append(f"{message!r} -> {translated!r}")
        except ValueError as exc:
            problems.append(str(exc))
    return problems


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_the_named_placeholders(lang: str) -> None:
    assert _placeholder_problems(catalogue(lang)) == []


def test_the_placeholder_check_catches_a_renamed_or_positional_placeholder() -> None:
    assert _placeholder_problems({"Policy: {digest}.": "Politique : {empreinte}."})
    assert _placeholder_problems({"Policy: {digest}.": "Politique."})
    assert _placeholder_problems({"Policy: {}.": "Politique : {}."})
    assert _placeholder_problems({"Policy: {digest}.": "Politique : {digest}."}) == []


def test_english_messages_use_only_named_placeholders() -> None:
    for message in extracted():
        placeholders(message)  # raises on {} or {0}


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_compiled_catalogue_is_the_po_file_compiled(lang: str) -> None:
    # Compare what gettext reads with the .po file: a .po edited without `pybabel compile`
    # fails here. (Bytes are not compared: the .mo header names the Babel version.)
    with (LOCALE / lang / "LC_MESSAGES" / "repatguard.mo").open("rb") as stream:
        compiled = gettext.GNUTranslations(stream)
    expected = {m: t for m, t in catalogue(lang).items() if t}
    found = {m: compiled.gettext(m) for m in expected}
    assert found == expected, "the .mo is stale: pybabel compile -d src/repatguard/locale"
    assert compiled.info()["language"] == lang


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_installed_package_carries_the_catalogue(lang: str) -> None:
    compiled = resources.files("repatguard").joinpath("locale", lang, "LC_MESSAGES")
    assert compiled.joinpath("repatguard.mo").is_file()
    assert compiled.joinpath("repatguard.po").is_file()


def test_the_wheel_keeps_the_catalogues() -> None:
    # Hatch puts every file under src/repatguard in the wheel except those .gitignore
    # excludes and those the build config excludes: neither may name the catalogues.
    patterns = [
        line.strip()
        for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for name in ("repatguard.mo", "repatguard.po"):
        assert not any(fnmatch.fnmatch(name, p) for p in patterns), name
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    wheel = config.split("[tool.hatch.build.targets.wheel]", 1)[1].split("\n[", 1)[0]
    assert 'packages = ["src/repatguard"]' in wheel
    assert "exclude" not in wheel


def test_no_message_hides_inside_an_f_string() -> None:
    # Babel does not look inside f-strings: a _("...") there would never be translated.
    hidden = [
        f"{path.name}:{inner.lineno}"
        for path in sorted((ROOT / "src" / "repatguard").rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.JoinedStr)
        for inner in ast.walk(node)
        if isinstance(inner, ast.Call)
        and isinstance(inner.func, ast.Name)
        and inner.func.id in ("_", "N_")
        and inner.args
        and isinstance(inner.args[0], ast.Constant)
    ]
    assert hidden == []


# -- choosing a language -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "es_MX.UTF-8", "LC_ALL": "ar_JO.UTF-8"}, "ar"),
        ({"LANGUAGE": "de:es", "LANG": "fr_FR.UTF-8"}, "es"),
        ({"LANGUAGE": "", "LC_MESSAGES": "fr_CA"}, "fr"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANGUAGE": "C", "LANG": "fr_FR"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANGUAGE": "de", "LANG": "fr_FR"}, "en"),
    ],
)
def test_the_locale_variables_choose_the_language(environ: dict[str, str], lang: str) -> None:
    assert language_from_environment(environ) == lang


def test_a_language_repatguard_does_not_ship_is_an_error() -> None:
    assert check_language("fr-CA") == "fr"
    assert check_language("AR") == "ar"
    with pytest.raises(ValueError, match="unknown language 'de'"):
        check_language("de")
    with pytest.raises(ValueError, match="unknown language"):
        to_text(_report("organised-promotion"), lang="pt")


def test_renderers_write_english_unless_asked_whatever_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    monkeypatch.setenv("LANGUAGE", "fr")
    report = _report("coerced-return-blocked")
    assert "VERDICT: BLOCKED" in to_text(report)
    assert "VERDICT : BLOQUÉ" in to_text(report, lang="fr")


def test_the_language_is_restored_after_rendering() -> None:
    report = _report("coerced-return-blocked")
    to_html(report, lang="ar")
    assert _("BLOCKED") == "BLOCKED"
    with use_language("es"):
        assert _("BLOCKED") == "BLOQUEADO"
        assert "VERDICT: BLOCKED" in to_text(report, lang="en")
        assert "BLOQUEADO" in to_markdown(report)  # the current language


# -- what each format shows ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "verdict", "title", "remediation"),
    [
        ("fr", "BLOQUÉ", "Aucune réduction de l'aide", "Soulever la réduction"),
        ("es", "BLOQUEADO", "Ningún recorte de la ayuda", "Plantear el recorte"),
        ("ar", "محظور", "لا تقليص للمساعدات", "أثِر التقليص"),
    ],
)
def test_text_markdown_and_html_speak_the_language(
    lang: str, verdict: str, title: str, remediation: str
) -> None:
    report = _report("coerced-return-blocked")
    for render in (to_text, to_markdown, to_html):
        # Wrapped lines and HTML escapes put back, so the phrases can be looked for.
        shown = " ".join(html.unescape(render(report, lang=lang)).split())
        assert verdict in shown
        assert title in shown  # PREM-004's title and remediation, under "what to do next"
        assert remediation in shown
        assert "PREM-004" in shown  # codes stay as they are


def test_finding_messages_follow_the_language_once_converted() -> None:
    # PREM writes messages (issue 14): its findings read in French; a rule still writing
    # plain English is shown as it is (tests/render/test_finding_messages.py).
    report = _report("coerced-return-blocked")
    finding = report.findings[0]
    assert finding.code == "PREM-004"
    french = " ".join(to_text(report, lang="fr").split())
    assert (
        "une réduction de l'aide ou des services essentiels, expressément liée au refus du "
        "retour : contrainte"
    ) in french
    assert finding.message not in french
    assert finding.message in " ".join(to_text(report).split())


def test_field_labels_follow_the_language() -> None:
    path = "$.households[0].members[2].consent[1]"
    with use_language("fr"):
        assert field_label(path) == "ménage 1, membre 3, étape du consentement 2"
        assert field_label("$.assessments[1].assessed_on") == (
            "évaluation des conditions 2 : évalué le"
        )
        assert field_label("$.no_such_field") == "$.no_such_field"
    with use_language("ar"):
        assert field_label(path) == "الأسرة 1، الفرد 3، حدث الموافقة 2"
    assert field_label(path) == "household 1, member 3, consent event 2"


def test_arabic_html_is_right_to_left() -> None:
    report = _report("organised-promotion")
    page = to_html(report, lang="ar")
    assert '<html lang="ar" dir="rtl">' in page
    assert '<html lang="fr" dir="ltr">' in to_html(report, lang="fr")
    assert '<html lang="en" dir="ltr">' in to_html(report)
    fragment = to_html(report, fragment=True, lang="ar")
    assert fragment.startswith('<article lang="ar" dir="rtl" class="rg-report"')
    # The chart's coordinates are drawn left to right in every language.
    assert 'direction="ltr"' in page
    # Dates keep their order among Arabic words; an English page is left as it was.
    assert re.search(r"<bdi>\d{4}-\d{2}-\d{2}T[^<]*</bdi>", page)
    assert "<bdi>" not in to_html(report)


def test_the_css_has_no_physical_left_or_right() -> None:
    # Logical properties (border-inline-start, text-align:start) follow dir="rtl".
    css = html_module._PAGE_CSS + html_module._CSS
    assert re.findall(r"[\w-]*\b(?:left|right)\b[\w-]*", css) == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_json_keeps_its_codes_and_keys_and_junit_stays_english(lang: str) -> None:
    """Only the finding messages (message, observed, expected) of JSON follow the language
    (test_finding_messages.py); everything else is the same data."""
    for name in ("spontaneous-escalation", "advisory-facilitation"):
        report = _report(name, trace=True)
        with use_language(lang):
            localised = json.loads(to_json(report))
            localised_junit = to_junit(report)
        assert _without_messages(localised) == _without_messages(json.loads(to_json(report)))
        assert localised_junit == to_junit(report)


_MESSAGE_KEYS = frozenset({"message", "observed", "expected"})


def _without_messages(data: Any) -> Any:
    if isinstance(data, dict):
        return {k: _without_messages(v) for k, v in data.items() if k not in _MESSAGE_KEYS}
    if isinstance(data, list):
        return [_without_messages(item) for item in data]
    return data


# -- the command line ----------------------------------------------------------------------


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_check_takes_the_language_from_lang_or_the_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, out, _err = _cli("check", "--example", "coerced-return-blocked", "--lang", "es")
    assert code == 1
    assert "VEREDICTO: BLOQUEADO" in out
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    assert "VERDICT : BLOQUÉ" in _cli("check", "--example", "coerced-return-blocked")[1]
    code, out, _err = _cli(
        "check", "--example", "coerced-return-blocked", "--lang", "ar", "--format", "html"
    )
    assert '<html lang="ar" dir="rtl">' in out
    # --lang wins over the environment; JSON follows it only in the finding messages (PREM
    # writes messages): every key, code and other value is the same bytes.
    assert (
        "VERDICT: BLOCKED"
        in _cli("check", "--example", "coerced-return-blocked", "--lang", "en")[1]
    )
    json_fr = json.loads(
        _cli("check", "--example", "coerced-return-blocked", "--format", "json")[1]
    )
    monkeypatch.delenv("LANG")
    json_en = json.loads(
        _cli("check", "--example", "coerced-return-blocked", "--format", "json")[1]
    )
    assert json_fr != json_en
    assert _without_messages(json_fr) == _without_messages(json_en)


def test_an_unknown_language_is_a_usage_error() -> None:
    code, out, err = _cli("check", "--example", "coerced-return-blocked", "--lang", "de")
    assert (code, out) == (2, "")
    assert "--lang: unknown language 'de'" in err


def test_explain_trace_speaks_the_language() -> None:
    code, out, _err = _cli(
        "explain",
        "--trace",
        "OP-2026-BLK-03",
        "--example",
        "coerced-return-blocked",
        "--lang",
        "fr",
    )
    assert code == 0
    assert out.startswith("opération OP-2026-BLK-03 : BLOQUÉ (décidé par : ")
    assert "Paramètres lus par les règles décisives :" in out
