"""Field language for JSON paths: ``$.assessments[1].assessed_on`` reads as "conditions
assessment 2: assessed on".

A path is walked through the model's classes from :class:`~repatguard.model.Operation`: a list
item is named after its class or its list (in the singular) and numbered from 1, as a person
counts; a field
is its name in words. A path the model does not know (a waiver register's, a future field) is
shown as it is, so no label ever hides where a finding points.

Labels are in the current language (:mod:`repatguard.render.i18n`): the words of each field
and item are messages of their own, listed by :func:`label_messages` for the catalogues.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from typing import Any

import attrs

from repatguard.model import Operation
from repatguard.render.i18n import _, current_language

__all__ = ["field_label", "label_messages"]

_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+|\*)\]", re.ASCII)
_WORDS = {"idp": "IDP", "idps": "IDPs", "unhcr": "UNHCR", "iom": "IOM", "erw": "ERW"}


def _words(name: str) -> str:
    return " ".join(_WORDS.get(part, part) for part in name.split("_"))


def _singular(name: str) -> str:
    words = _words(name)
    if words.endswith("ies"):
        return words[:-3] + "y"  # parties
    return words[:-1] if words.endswith("s") else words


def _item(field: str, cls: Any) -> str:
    """What one item of the list ``field`` is called: its class's name when that says more
    (a conditions assessment, a consent event), else the list's name in the singular."""
    singular = _singular(field)
    if isinstance(cls, type):
        named = _words("_".join(re.findall(r"[A-Z][a-z]*", cls.__name__)).lower())
        if f" {singular} " in f" {named} " and named != singular:
            return named
    return singular


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _item_class(hint: Any) -> tuple[Any, bool]:
    """The class inside ``tuple[X, ...]``, ``X | None`` and the like, and whether it is the
    class of a list's items."""
    listed = False
    for _step in range(3):
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType):
            hint = next(a for a in typing.get_args(hint) if a is not type(None))
        elif origin is tuple:
            hint = typing.get_args(hint)[0]
            listed = True
        else:
            break
    return hint, listed


def field_label(path: str) -> str:
    """``path`` in words in the current language, or ``path`` itself when the model does not
    know it."""
    return _label(path, current_language())


def _join(parts: list[str]) -> str:
    """``household 1, member 3``: the steps of a path, outermost first."""
    joined = parts[0]
    for part in parts[1:]:
        joined = _("{outer}, {inner}", outer=joined, inner=part)
    return joined


@functools.lru_cache(maxsize=4096)
def _label(path: str, lang: str) -> str:
    """:func:`field_label` in ``lang`` (the current language, which the cache keys on)."""
    del lang  # only a key of the cache: _() reads the current language
    if path == "$":
        return _("the operation")
    if not path.startswith("$"):
        return path
    parts: list[str] = []
    current: Any = Operation
    listed = False
    position = 1
    field: str | None = None
    for match in _STEP.finditer(path, 1):
        if match.start() != position:
            return path
        position = match.end()
        name, index = match.group(1), match.group(2)
        if name is not None:
            if listed or not (isinstance(current, type) and attrs.has(current)):
                return path
            hints = _hints(current)
            if name not in hints:
                return path
            if field is not None:
                parts.append(_(_words(field)))
            field = name
            current, listed = _item_class(hints[name])
        else:
            if field is None or not listed:
                return path
            listed = False
            item = _(_item(field, current))
            parts.append(
                _("every {item}", item=item)
                if index == "*"
                else _("{item} {number}", item=item, number=int(index) + 1)
            )
            field = None
    if position != len(path):
        return path
    if field is None:  # the path ends at a list item: "household 3, member 2"
        return _join(parts)
    if not parts:
        return _(_words(field))
    return _("{where}: {field}", where=_join(parts), field=_(_words(field)))


def label_messages() -> list[str]:
    """Every word a label can hold (each field's words, each list item's name), in English,
    in the order the model is walked from :class:`~repatguard.model.Operation`: the messages
    the catalogues translate (see ``repatguard.testing.messages``)."""
    found: dict[str, None] = {}
    seen: set[type] = set()
    pending: list[type] = [Operation]
    while pending:
        cls = pending.pop(0)
        if cls in seen:
            continue
        seen.add(cls)
        for name, hint in _hints(cls).items():
            found[_words(name)] = None
            inner, listed = _item_class(hint)
            if listed:
                found[_item(name, inner)] = None
            if isinstance(inner, type) and attrs.has(inner):
                pending.append(inner)
    return list(found)
