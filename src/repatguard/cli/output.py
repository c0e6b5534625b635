"""Reports printed to stdout in the chosen format, one report or several."""

from __future__ import annotations

import sys
from typing import Any

from repatguard.render.html import reports_to_html
from repatguard.render.json import json_text, report_to_dict
from repatguard.render.jsonl import to_jsonl
from repatguard.render.junit import to_junit_suites
from repatguard.render.markdown import to_markdown
from repatguard.render.text import to_text
from repatguard.report.report import Report

__all__ = ["print_reports"]


def print_reports(
    reports: list[Report], output: str, *, color: bool = False, paths: bool = False
) -> None:
    """``reports`` in the ``output`` format on stdout; ``paths`` adds the JSON path beside
    each field named in words (text and Markdown; HTML shows it on demand)."""
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
