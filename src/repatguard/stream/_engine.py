"""The engine pieces the streaming check shares with :func:`repatguard.check`.

Everything that must behave exactly like the in-memory check (strict JSON parsing, the
converter, the invariants, the verdict gates, waivers, pseudonyms, the report) is taken from
the engine here, in one place, rather than written a second time. Some of it is private to
its module; if a name moves, this module is the only one to adapt (and the equality tests in
``tests/stream`` say so at once).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import attrs

from repatguard.engine.check import (  # private helpers: see the module docstring
    REQUIRED_RULES,
    _case_verdicts,
    _effective_policy,
    _not_run,
    _report,
    _Run,
    to_instant,
)
from repatguard.errors import InputIssue
from repatguard.io.converter import issues_from_exception, structure
from repatguard.io.load import (  # private helpers: see the module docstring
    MAX_DOCUMENT_BYTES,
    _duplicate_keys,
    _pairs,
    _reject_constant,
    _shape_problem,
    _too_deep,
)
from repatguard.model import Household
from repatguard.report.finding import Finding
from repatguard.report.pseudonyms import (  # private helpers: see the module docstring
    _key,
    _rewrite,
    pseudonym,
)

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "REQUIRED_RULES",
    "case_verdicts",
    "effective_policy",
    "household_from_data",
    "not_run",
    "parse_json_record",
    "pseudonym",
    "reference_key",
    "rename_case_verdict",
    "rename_finding",
    "rename_references",
    "report_for",
    "run_for",
    "to_instant",
]

case_verdicts = _case_verdicts
effective_policy = _effective_policy
not_run = _not_run
report_for = _report
run_for = _Run
reference_key = _key
"""``(key bytes, source, linkable)``: the caller's key, else the environment's, else random."""
rename_references = _rewrite
"""``rename_references(value, rename)``: ``value`` (attrs objects or tuples of them) with every
``subject`` and ``household`` field passed through ``rename``, as in a pseudonymous report."""


def parse_json_record(text: str) -> tuple[Any, list[InputIssue]]:
    """Parse one JSON record as strictly as :func:`repatguard.load` parses a document.

    Returns the parsed value, or ``None`` and the issues (paths relative to the record).
    """
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg} at column {exc.colno}"
        return None, [InputIssue(path="$", message=message)]
    except RecursionError:
        return None, [_too_deep()]
    except ValueError as exc:
        return None, [InputIssue(path="$", message=f"not valid JSON: {exc}")]
    return data, []


def household_from_data(data: Any) -> tuple[Household | None, list[InputIssue]]:
    """Structure a parsed household record; ``None`` and every issue when it is invalid."""
    if not isinstance(data, dict):
        return None, [InputIssue(path="$", message="expected an object (one household)")]
    shape = _shape_problem(data)
    if shape is not None:
        return None, [shape]
    duplicates = list(_duplicate_keys(data, "$"))
    if duplicates:
        return None, duplicates
    try:
        return structure(dict(data), Household), []
    except Exception as exc:
        return None, issues_from_exception(exc)


def rename_finding(finding: Finding, rename: Callable[[str], str]) -> Finding:
    """:data:`rename_references` for one finding, without the generic walk when the finding
    carries no waiver (its only other references are ``subject`` and ``household``)."""
    if finding.waiver is not None:
        renamed: Finding = _rewrite(finding, rename)
        return renamed
    subject = rename(finding.subject)
    household = rename(finding.household) if finding.household is not None else None
    if subject == finding.subject and household == finding.household:
        return finding
    return attrs.evolve(finding, subject=subject, household=household)


def rename_case_verdict(data: dict[str, Any], rename: Callable[[str], str]) -> dict[str, Any]:
    """The unstructured form of a :class:`CaseVerdict` with its references renamed, as
    :data:`rename_references` renames them (the case and each reason)."""
    data["subject"] = rename(data["subject"])
    data["household"] = rename(data["household"])
    for reason in data["reasons"]:
        reason["subject"] = rename(reason["subject"])
    return data
