"""JSON Lines: one finding per line, for pipelines (``jq``, log shippers, data warehouses).

Each line is the finding as it appears in the JSON report (``report_to_dict``), on one line,
in the report's order, with the key ``operation`` (the operation's reference) first: lines from
several operations, or from files joined later, still say which operation they are about. A
report without findings gives an empty output (zero lines); the verdict is in the JSON report,
not here. Strings are escaped as in the JSON report
(:mod:`repatguard.render.json`), so no line holds a raw control character or bidirectional
override.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from repatguard._printable import json_printable
from repatguard.render.json import report_to_dict

if TYPE_CHECKING:
    # Types only: the report may render itself (Report._repr_html_ and the like), so
    # nothing here imports the report module when it runs.
    from repatguard.report.report import Report

__all__ = ["to_jsonl"]


def to_jsonl(report: Report) -> str:
    findings = report_to_dict(report)["findings"]
    operation = {"operation": report.operation}
    return "".join(
        json_printable(json.dumps(operation | finding, ensure_ascii=False, separators=(",", ":")))
        + "\n"
        for finding in findings
    )
