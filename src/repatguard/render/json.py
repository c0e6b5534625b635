"""JSON, the canonical form of a report: deterministic bytes for the same input.

Strings keep their exact value. Non-ASCII text is written as it is, except DEL, C1 controls,
bidirectional overrides and lone surrogates, which are written as ``\\uXXXX`` escapes (C0
controls always are): the same value for a JSON reader, and nothing that drives a terminal
or reorders the lines when the JSON is shown on one.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from repatguard._printable import json_printable
from repatguard.io.converter import converter

if TYPE_CHECKING:
    # Types only: the report may render itself (Report._repr_html_ and the like), so
    # nothing here imports the report module when it runs.
    from repatguard.report.report import Report

__all__ = ["json_text", "report_to_dict", "to_json"]


def report_to_dict(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = converter().unstructure(report)
    return data


def json_text(data: Any) -> str:
    """``data`` as indented JSON text with a final newline, in the form :func:`to_json` uses
    (for a list of reports, or a report with more keys)."""
    return json_printable(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def to_json(report: Report) -> str:
    return json_text(report_to_dict(report))
