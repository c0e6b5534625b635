"""JSON, the canonical form of a report: deterministic bytes for the same input.

Strings keep their exact value. Non-ASCII text is written as it is, except DEL, C1 controls,
bidirectional overrides and lone surrogates, which are written as ``\\uXXXX`` escapes (C0
controls always are): the same value for a JSON reader, and nothing that drives a terminal
or reorders the lines when the JSON is shown on one.
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any

from cattrs.gen import make_dict_unstructure_fn, override

from repatguard._printable import json_printable
from repatguard.io.converter import converter, new_converter
from repatguard.render.i18n import SOURCE_LANGUAGE, current_language
from repatguard.render.wording import (
    expected_of,
    message_of,
    observed_of,
    reason_message,
    trace_evidence,
    waiver_note,
)
from repatguard.report.finding import AppliedWaiver, Finding
from repatguard.report.trace import TraceFinding

if TYPE_CHECKING:
    import cattrs

    from repatguard.report.report import Reason, Report

__all__ = ["data_converter", "json_text", "report_to_dict", "to_json"]


def _omitting(cls: type, conv: cattrs.Converter) -> Any:
    """The plain unstructure function of ``cls``, without its rendering-only fields."""
    omitted: dict[str, Any] = {
        field.name: override(omit=True)
        for field in cls.__attrs_attrs__  # type: ignore[attr-defined]
        if field.metadata.get("rendering_only")
    }
    return make_dict_unstructure_fn(cls, conv, _cattrs_include_init_false=True, **omitted)


def _is_reason(cls: Any) -> bool:
    return getattr(cls, "__module__", None) == "repatguard.report.report" and (
        getattr(cls, "__qualname__", None) == "Reason"
    )


@functools.cache
def _translating_converter() -> cattrs.Converter:
    """The report's converter, with each finding's message and evidence (and each verdict
    reason's message) in the current language. Keys, codes, paths and fingerprints are the
    same in every language."""
    conv = new_converter()
    applied = _omitting(AppliedWaiver, conv)

    def waiver_hook(item: AppliedWaiver) -> dict[str, Any]:
        data: dict[str, Any] = applied(item)
        data["note"] = waiver_note(item)
        return data

    # Before the finding's function is made: it reads the waiver through this hook.
    conv.register_unstructure_hook(AppliedWaiver, waiver_hook)
    finding, traced = _omitting(Finding, conv), _omitting(TraceFinding, conv)

    def finding_hook(item: Finding) -> dict[str, Any]:
        data: dict[str, Any] = finding(item)
        if item.wording is not None:
            data["message"] = message_of(item)
            data["evidence"] = {"observed": observed_of(item), "expected": expected_of(item)}
        return data

    def trace_hook(item: TraceFinding) -> dict[str, Any]:
        data: dict[str, Any] = traced(item)
        data["observed"], data["expected"] = trace_evidence(item)
        return data

    def reason_hook_for(cls: type[Reason]) -> Any:
        reason = _omitting(cls, conv)

        def reason_hook(item: Reason) -> dict[str, Any]:
            data: dict[str, Any] = reason(item)
            data["message"] = reason_message(item)
            return data

        return reason_hook

    conv.register_unstructure_hook(Finding, finding_hook)
    conv.register_unstructure_hook(TraceFinding, trace_hook)
    # Reason is matched by name: its module renders itself through this one.
    conv.register_unstructure_hook_factory(_is_reason, reason_hook_for)
    return conv


def data_converter() -> cattrs.Converter:
    """The converter that turns a report (or a finding) into JSON data in the current
    language: the library's own in English, the translating one in another language."""
    if current_language() == SOURCE_LANGUAGE:
        return converter()
    return _translating_converter()


def report_to_dict(report: Report) -> dict[str, Any]:
    """``report`` as JSON data; findings' messages in the current language (English unless
    rendered inside :func:`~repatguard.render.i18n.use_language`)."""
    data: dict[str, Any] = data_converter().unstructure(report)
    return data


def json_text(data: Any) -> str:
    """``data`` as indented JSON text with a final newline, in the form :func:`to_json` uses
    (for a list of reports, or a report with more keys)."""
    return json_printable(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def to_json(report: Report) -> str:
    return json_text(report_to_dict(report))
