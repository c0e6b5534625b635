"""Renderers: one module per output format; they never re-run rules."""

from repatguard.render.html import to_html
from repatguard.render.json import report_to_dict, to_json
from repatguard.render.jsonl import to_jsonl
from repatguard.render.junit import to_junit
from repatguard.render.markdown import to_markdown
from repatguard.render.text import to_text

__all__ = [
    "report_to_dict",
    "to_html",
    "to_json",
    "to_jsonl",
    "to_junit",
    "to_markdown",
    "to_text",
]
