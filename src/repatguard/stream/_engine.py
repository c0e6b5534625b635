"""Household records in and findings out: the streaming check's share of the loader.

A streamed household must load exactly as a household of an operation file loads (strict JSON,
the same converter, the same bounds), and its findings must be pseudonymised exactly as a
report's. The pieces come from the loader and the report modules' internal API
(:mod:`repatguard.io.load`, :mod:`repatguard.report.pseudonyms`); the equality tests in
``tests/stream`` compare the streamed and the in-memory check on every example.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import attrs

from repatguard.errors import InputIssue
from repatguard.io.converter import issues_from_exception, structure
from repatguard.io.load import (
    duplicate_keys,
    reject_constant,
    shape_problem,
    strict_pairs,
    too_deep,
)
from repatguard.model import Household
from repatguard.report.finding import Finding
from repatguard.report.pseudonyms import rename_references

__all__ = [
    "JsonRecord",
    "household_from_data",
    "parse_json_record",
    "rename_case_verdict",
    "rename_finding",
    "rename_scope_trace",
]


@attrs.frozen
class JsonRecord:
    """One parsed JSON record, and whether it is known to be free of the two things the
    generic walks look for: repeated keys and ``\\u`` escapes (lone surrogates)."""

    data: Any
    plain: bool


def parse_json_record(text: str) -> tuple[JsonRecord | None, list[InputIssue]]:
    """Parse one JSON record as strictly as :func:`repatguard.load` parses a document.

    Returns the parsed record, or ``None`` and the issues (paths relative to the record).
    """
    repeated = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal repeated
        found = strict_pairs(items)
        if type(found) is not dict:
            repeated = True  # the object that marks repeated keys
        return found

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=reject_constant)
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg} at column {exc.colno}"
        return None, [InputIssue(path="$", message=message)]
    except RecursionError:
        return None, [too_deep()]
    except ValueError as exc:
        return None, [InputIssue(path="$", message=f"not valid JSON: {exc}")]
    return JsonRecord(data=data, plain=not repeated and "\\u" not in text), []


def household_from_data(
    data: Any, *, plain: bool = False
) -> tuple[Household | None, list[InputIssue]]:
    """Structure a parsed household record; ``None`` and every issue when it is invalid.

    ``plain`` (from :class:`JsonRecord`) skips the searches for repeated keys and invalid
    Unicode, which such a record cannot hold; the bounds on depth and size still apply.
    """
    if not isinstance(data, dict):
        return None, [InputIssue(path="$", message="expected an object (one household)")]
    shape = shape_problem(data, check_text=not plain)
    if shape is not None:
        return None, [shape]
    if not plain:
        duplicates = list(duplicate_keys(data, "$"))
        if duplicates:
            return None, duplicates
    try:
        return structure(dict(data), Household), []
    except Exception as exc:
        return None, issues_from_exception(exc)


def rename_finding(finding: Finding, rename: Callable[[str], str]) -> Finding:
    """``rename_references`` for one finding, without the generic walk when the finding
    carries no waiver (its only other references are ``subject`` and ``household``)."""
    if finding.waiver is not None:
        renamed: Finding = rename_references(finding, rename)
        return renamed
    subject = rename(finding.subject)
    household = rename(finding.household) if finding.household is not None else None
    if subject == finding.subject and household == finding.household:
        return finding
    return attrs.evolve(finding, subject=subject, household=household)


def rename_case_verdict(data: dict[str, Any], rename: Callable[[str], str]) -> dict[str, Any]:
    """The unstructured form of a :class:`CaseVerdict` with its references renamed, as
    ``rename_references`` renames them (the case and each reason)."""
    data["subject"] = rename(data["subject"])
    data["household"] = rename(data["household"])
    for reason in data["reasons"]:
        reason["subject"] = rename(reason["subject"])
    return data


def rename_scope_trace(data: dict[str, Any], rename: Callable[[str], str]) -> dict[str, Any]:
    """The unstructured form of a :class:`~repatguard.report.trace.ScopeTrace` with its
    references renamed, as ``rename_references`` renames them (the scope, its household, and
    the subject of each finding and case its steps list); on the dictionary, since the walk
    over the attrs objects would cost more than deciding the verdicts."""
    data["subject"] = rename(data["subject"])
    if data["household"] is not None:
        data["household"] = rename(data["household"])
    for step in data["steps"]:
        for finding in step["findings"]:
            finding["subject"] = rename(finding["subject"])
        for case in step["cases"]:
            case["subject"] = rename(case["subject"])
    return data
