"""Reading a separate waiver register. Applying waivers to findings is part of a check's
settlement (:mod:`repatguard.engine.waivers`)."""

from __future__ import annotations

import contextlib
import json
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from repatguard.errors import InputError, InputIssue
from repatguard.io.converter import issues_from_exception, structure, structure_value
from repatguard.io.load import MAX_DOCUMENT_BYTES, parser_message, shape_problem, too_deep
from repatguard.model.validate import waiver_problems, waiver_value_problems
from repatguard.model.waivers import Waiver

__all__ = ["WaiverError", "load_waivers"]


class WaiverError(InputError):
    """A waiver register that cannot be read; every issue has a path."""

    kind = "waiver register"


@attrs.frozen(kw_only=True)
class _Register:
    waivers: tuple[Waiver, ...] = ()


def _readable_fields(item: Any) -> dict[str, Any]:
    """The fields of a waiver as read: those that have their types, by name."""
    if not isinstance(item, Mapping):
        return {}
    readable: dict[str, Any] = {}
    for field in attrs.fields(attrs.resolve_types(Waiver)):
        if field.name in item:
            with contextlib.suppress(Exception):  # reported by the waiver's own structuring
                readable[field.name] = structure_value(item[field.name], field.type)
    return readable


def load_waivers(source: str | os.PathLike[str] | Mapping[str, Any]) -> tuple[Waiver, ...]:
    """Read a waiver register: a TOML or JSON document with a ``waivers`` list."""
    where: str | None = None
    if isinstance(source, Mapping):
        data: Any = dict(source)
    else:
        where = str(source)
        try:
            text = Path(source).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            issue = InputIssue(path="$", message=f"cannot read the file ({type(exc).__name__})")
            raise WaiverError([issue], source=where) from None
        if len(text) > MAX_DOCUMENT_BYTES:
            issue = InputIssue(path="$", message="the register is too large")
            raise WaiverError([issue], source=where)
        try:
            data = json.loads(text) if where.endswith(".json") else tomllib.loads(text)
        except (ValueError, tomllib.TOMLDecodeError) as exc:
            issue = InputIssue(path="$", message=f"not readable: {parser_message(str(exc))}")
            raise WaiverError([issue], source=where) from None
        except RecursionError:  # the parsers recurse per nesting level
            raise WaiverError([too_deep()], source=where) from None
    problem = shape_problem(data)
    if problem is not None:
        raise WaiverError([problem], source=where)
    items = data.get("waivers") if isinstance(data, Mapping) else None
    if not isinstance(items, list):
        try:
            structure(data, _Register)  # no list of waivers: anything else wrong is said here
        except Exception as exc:
            raise WaiverError(issues_from_exception(exc), source=where) from None
        items = []
    # Each waiver on its own, so that the problems of every waiver (types and rules alike)
    # come in one round.
    problems: list[InputIssue] = []
    try:
        structure({**data, "waivers": []}, _Register)
    except Exception as exc:
        problems += issues_from_exception(exc)
    waivers: list[Waiver] = []
    for index, item in enumerate(items):
        path = f"$.waivers[{index}]"
        try:
            waiver = structure(item, Waiver)
        except Exception as exc:
            problems += issues_from_exception(exc, path)
            # The fields that do read as their types are still checked, in the same round.
            problems += waiver_value_problems(_readable_fields(item), path)
            continue
        problems += waiver_problems(waiver, path)
        waivers.append(waiver)
    if problems:
        raise WaiverError(problems, source=where)
    return tuple(waivers)
