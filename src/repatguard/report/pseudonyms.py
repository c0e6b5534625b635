"""Pseudonymous subject references in reports.

By default every household and person reference in a report is replaced by a keyed hash
(HMAC-SHA-256) of the input reference. The key comes from the caller (the command line passes
a project's key file), else from the ``REPATGUARD_REFERENCE_KEY`` environment variable, else a
random key made for this run: the report then says its references cannot be linked to other
reports. The report carries a fingerprint of the key (``key_id``), never the key. Revealing
the input references is an explicit choice, recorded in the report. Operation and area
references are not personal and stay as they are.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from collections.abc import Callable
from typing import Any

import attrs

from repatguard.model import Operation
from repatguard.report.report import References, Report

__all__ = [
    "KEY_VARIABLE",
    "ReferenceKey",
    "key_id",
    "pseudonym",
    "pseudonymise",
    "rename_references",
    "resolve_key",
]

KEY_VARIABLE = "REPATGUARD_REFERENCE_KEY"


@attrs.frozen
class ReferenceKey:
    """A key for pseudonyms, with where it comes from (the report names the source, never
    the key): the command line passes a project's key file this way."""

    secret: bytes = attrs.field(repr=False)
    source: str


def key_id(secret: bytes) -> str:
    """A fingerprint of the key ``secret``: equal for reports made with the same key, so a
    baseline or a diff can tell whether their pseudonyms can be compared, and of no use for
    finding the key or a reference."""
    digest = hmac.new(secret, b"repatguard reference key id", hashlib.sha256).hexdigest()
    return f"key-{digest[:16]}"


def pseudonym(reference: str, key: str | bytes) -> str:
    """The pseudonym of ``reference`` under ``key`` (a caller can compute it for matching)."""
    secret = key.encode() if isinstance(key, str) else key
    digest = hmac.new(secret, reference.encode(), hashlib.sha256).hexdigest()
    return f"ref-{digest[:16]}"


def resolve_key(key: str | bytes | ReferenceKey | None) -> tuple[bytes, str, bool]:
    """The key's bytes, where it comes from, and whether other reports can share it."""
    if isinstance(key, ReferenceKey):
        return key.secret, key.source, True
    if key is not None:
        return (key.encode() if isinstance(key, str) else key), "argument", True
    from_env = os.environ.get(KEY_VARIABLE)
    if from_env:
        return from_env.encode(), "environment", True
    return secrets.token_bytes(32), "random", False


_REFERENCE_FIELDS = ("subject", "household")


_PLANS: dict[type, tuple[tuple[str, bool], ...]] = {}
_WALKED: dict[type, bool] = {}


def _walk_plan(cls: type) -> tuple[tuple[str, bool], ...]:
    """The fields of an attrs class to visit, each with whether it holds a reference."""
    plan = _PLANS.get(cls)
    if plan is None:
        fields = attrs.fields(cls)
        plan = _PLANS[cls] = tuple((f.name, f.name in _REFERENCE_FIELDS) for f in fields if f.init)
    return plan


def _may_hold_references(cls: type) -> bool:
    """Whether a value of ``cls`` is walked: a tuple or an attrs instance."""
    walked = _WALKED.get(cls)
    if walked is None:
        walked = _WALKED[cls] = issubclass(cls, tuple) or attrs.has(cls)
    return walked


def rename_references(value: Any, rename: Callable[[str], str]) -> Any:
    """``value`` with every reference field renamed (subjects, households, waiver subjects).

    Parts with nothing to rename are returned as they are (the same object), so renaming
    costs one visit per object of the report and builds only what changes.
    """
    if isinstance(value, tuple):
        renamed = tuple(rename_references(item, rename) for item in value)
        if all(new is old for new, old in zip(renamed, value, strict=True)):
            return value
        return renamed
    if not _may_hold_references(type(value)):
        return value
    changes: dict[str, Any] = {}
    for name, is_reference in _walk_plan(type(value)):
        current = getattr(value, name)
        if is_reference:
            if isinstance(current, str):
                renamed_reference = rename(current)
                if renamed_reference != current:
                    changes[name] = renamed_reference
        elif _may_hold_references(type(current)):
            rewritten = rename_references(current, rename)
            if rewritten is not current:
                changes[name] = rewritten
    return attrs.evolve(value, **changes) if changes else value


def pseudonymise(
    report: Report, operation: Operation, *, reveal: bool, key: str | bytes | ReferenceKey | None
) -> Report:
    if reveal:
        return attrs.evolve(report, references=References(mode="revealed"))
    secret, source, linkable = resolve_key(key)
    people = {h.reference for h in operation.households}
    people |= {p.reference for h in operation.households for p in h.members}
    table = {reference: pseudonym(reference, secret) for reference in people}

    def rename(reference: str) -> str:
        return table.get(reference, reference)

    fields: tuple[str, ...] = ("reasons", "why_not_promote", "area_verdicts", "case_verdicts")
    fields += ("findings", "trace")
    changes = {name: rename_references(getattr(report, name), rename) for name in fields}
    if report.next_review is not None:
        changes["next_review"] = rename_references(report.next_review, rename)
    references = References(
        mode="pseudonymous", linkable=linkable, key_source=source, key_id=key_id(secret)
    )
    return attrs.evolve(report, references=references, **changes)
