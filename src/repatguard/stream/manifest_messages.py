"""Input issues about a case manifest, told without the manifest's values.

A manifest holds personal data, and a manifest an operation names may be any file its author
could point at. So an issue about a record says *where* the problem is (line, column, field
path) and *what kind* of problem it is, never what the record held: quoted values become
``[not shown]``, a number after ``got`` too, and a key that is not a field of the model is
cut from the path (``$.members[0]: unknown field (its name is not shown)``). Words of the
model itself (field names, vocabulary values, CSV column names) stay, so that ``expected one
of 'refugee', ...`` still says what would do.

The loaders no longer quote values at all (``expected a whole number, got a text of 1
character``, see :func:`repatguard.errors.kind_of`), so for their messages this is a safety
net that finds nothing to hide. It stays for a message written another way: a quoted value, a
number after ``got`` or an exception's text after ``invalid value (`` is hidden, and anything
that does not parse that way is replaced whole, so a message shape not foreseen here fails
closed.
"""

from __future__ import annotations

import functools
import re
import typing
from enum import Enum
from typing import Protocol, TypeVar

import attrs

__all__ = ["HIDDEN", "value_free", "value_free_message", "value_free_path"]

HIDDEN = "[not shown]"
"""What stands in for a value of the input."""

_LITERAL = re.compile(r"""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*\"""")
"""A string as ``repr`` writes it, which is how the loader quotes a value."""

_GOT_NUMBER = re.compile(r"(, got )-?[0-9][0-9A-Za-z_.+-]*")
_FALLBACK = re.compile(r"^invalid value \((\w+):.*$", re.DOTALL)
_STEP = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)(?=[.\[]|$)|\[([0-9]{1,9})\]")
_UNKNOWN_FIELD = "unknown field"
_WITHHELD = "an invalid value (the message is not shown: it may quote the input)"


class _Issue(Protocol):
    @property
    def path(self) -> str: ...

    @property
    def message(self) -> str: ...


_Found = TypeVar("_Found", bound=_Issue)


def value_free(issue: _Found) -> _Found:
    """``issue`` (an :class:`~repatguard.errors.InputIssue` or a manifest issue) with no value
    of the input in its path or message. Applying it twice changes nothing more."""
    path, cut = value_free_path(issue.path)
    message = value_free_message(issue.message)
    if cut:
        message = _cut_message(message)
    if path == issue.path and message == issue.message:
        return issue
    changed: _Found = attrs.evolve(issue, path=path, message=message)  # type: ignore[misc]
    return changed


def value_free_path(path: str) -> tuple[str, bool]:
    """``path`` up to its first step that is not a field of the model, and whether anything
    was cut. Paths that are not JSONPath-style (``column 3``, ``header``) are library text
    and come back as they are."""
    if not path.startswith("$"):
        return path, False
    words = _model_words()
    position = 1
    while position < len(path):
        step = _STEP.match(path, position)
        if step is None or (step.group(1) is not None and step.group(1) not in words):
            return path[:position], True
        position = step.end()
    return path, False


def value_free_message(message: str) -> str:
    """``message`` with every quoted value that is not a word of the model, and every number
    after ``got``, replaced by :data:`HIDDEN`."""
    fallback = _FALLBACK.match(message)
    if fallback is not None:
        return f"invalid value ({fallback.group(1)})"
    if message.startswith(f"{_UNKNOWN_FIELD}; did you mean"):
        # Manifest errors give no "did you mean": the name stays where the path shows it.
        return _UNKNOWN_FIELD
    words = _model_words()
    kept: list[str] = []
    position = 0
    for literal in _LITERAL.finditer(message):
        kept.append(message[position : literal.start()])
        inner = literal.group(0)[1:-1]
        kept.append(literal.group(0) if inner in words else HIDDEN)
        position = literal.end()
    kept.append(message[position:])
    # A quote left outside the literals means a shape this module does not know.
    if any("'" in text or '"' in text for text in kept[::2]):
        return _WITHHELD
    return _GOT_NUMBER.sub(rf"\g<1>{HIDDEN}", "".join(kept))


def _cut_message(message: str) -> str:
    if message.startswith(_UNKNOWN_FIELD):
        # A "did you mean" would hint at the name that is not shown: it goes too.
        return f"{_UNKNOWN_FIELD} (its name is not shown)"
    if message.endswith("(in a field whose name is not shown)"):
        return message
    return f"{message} (in a field whose name is not shown)"


def _classes_in(annotation: object) -> typing.Iterator[type]:
    if isinstance(annotation, type):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _classes_in(argument)


@functools.cache
def _model_words() -> frozenset[str]:
    """Field names and vocabulary values of the operation model, and the CSV column names:
    text that comes from the schema, not from the input."""
    from repatguard.model import Operation  # noqa: PLC0415 - the model is imported once used
    from repatguard.stream.csv_layout import columns  # noqa: PLC0415

    words: set[str] = set(columns())
    seen: set[type] = set()
    pending: list[type] = [Operation]
    while pending:
        cls = pending.pop()
        if cls in seen:
            continue
        seen.add(cls)
        if issubclass(cls, Enum):
            words.update(str(member.value) for member in cls)
        elif attrs.has(cls):
            hints = typing.get_type_hints(cls)
            for field in attrs.fields(cls):
                words.add(field.name)
                pending.extend(_classes_in(hints.get(field.name)))
    return frozenset(words)
