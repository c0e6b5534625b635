"""Reports printed to stdout in the chosen format, one report or several."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from typing import Any

from repatguard.render.html import reports_to_html
from repatguard.render.i18n import (
    LANGUAGES,
    check_language,
    language_from_environment,
    use_language,
)
from repatguard.render.json import json_text, report_to_dict
from repatguard.render.jsonl import to_jsonl
from repatguard.render.junit import to_junit_suites
from repatguard.render.markdown import to_markdown
from repatguard.render.text import to_text
from repatguard.report.report import Report

__all__ = ["add_language_argument", "chosen_language", "language_problem", "print_reports"]


def add_language_argument(parser: argparse.ArgumentParser) -> None:
    """``--lang``: the language of text, Markdown and HTML (docs/output-formats.md)."""
    parser.add_argument(
        "--lang",
        metavar="LANG",
        help=(
            f"the language of text, markdown and html reports: {', '.join(LANGUAGES)} "
            "(default: from LANGUAGE, LC_ALL, LC_MESSAGES or LANG, else en); json and jsonl "
            "keep their codes and keys and carry the finding messages of the rules converted "
            "so far in that language; junit stays in English"
        ),
    )


def chosen_language(args: argparse.Namespace, environ: Mapping[str, str]) -> str:
    """``--lang`` when given (a language repatguard does not ship is a usage error, raised as
    :class:`ValueError`), else what the locale variables ask for, else English."""
    if args.lang is not None:
        return check_language(args.lang)
    return language_from_environment(environ)


def language_problem(lang: str) -> str | None:
    """What is wrong with ``--lang``, if anything (a language repatguard does not ship)."""
    try:
        check_language(lang)
    except ValueError as exc:
        return f"--lang: {exc}"
    return None


def print_reports(
    reports: list[Report],
    output: str,
    *,
    color: bool = False,
    paths: bool = False,
    lang: str | None = None,
) -> None:
    """``reports`` in the ``output`` format on stdout; ``paths`` adds the JSON path beside
    each field named in words (text and Markdown; HTML shows it on demand). ``lang`` is the
    language of text, Markdown and HTML, and of the finding messages in JSON and JSON Lines
    (their codes and keys do not depend on it); JUnit stays in English."""
    with use_language(lang):
        _print_reports(reports, output, color=color, paths=paths)


def _print_reports(reports: list[Report], output: str, *, color: bool, paths: bool) -> None:
    if output == "markdown":
        if reports:
            sys.stdout.write("\n---\n\n".join(to_markdown(r, paths=paths) for r in reports))
        return
    if output in _RENDER_MANY:
        if reports:
            sys.stdout.write(_RENDER_MANY[output](reports))
        return
    if output == "json":
        data: Any = (
            report_to_dict(reports[0])
            if len(reports) == 1
            else [report_to_dict(r) for r in reports]
        )
        if reports:
            sys.stdout.write(json_text(data))
        return
    sys.stdout.write("\n".join(to_text(report, color=color, paths=paths) for report in reports))


_RENDER_MANY = {
    "html": reports_to_html,
    "jsonl": lambda reports: "".join(to_jsonl(r) for r in reports),
    "junit": to_junit_suites,
}
"""Each format for several reports: one HTML page, findings of every report in JSON Lines, one
JUnit document with a suite per report (Markdown documents are separated by a rule)."""
