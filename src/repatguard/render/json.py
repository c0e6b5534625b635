"""JSON, the canonical form of a report: deterministic bytes for the same input."""

from __future__ import annotations

import json
from typing import Any

from repatguard.io.converter import converter
from repatguard.report.report import Report

__all__ = ["report_to_dict", "to_json"]


def report_to_dict(report: Report) -> dict[str, Any]:
    data: dict[str, Any] = converter().unstructure(report)
    return data


def to_json(report: Report) -> str:
    return json.dumps(report_to_dict(report), indent=2, ensure_ascii=False) + "\n"
