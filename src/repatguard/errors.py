"""Structured exceptions. Presenting them as text is the job of :func:`format_input_error`."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

import attrs

from repatguard._printable import printable

__all__ = ["InputError", "InputIssue", "format_input_error", "kind_of"]


@attrs.frozen(kw_only=True, order=True)
class InputIssue:
    """One problem in the input, at a JSONPath-style ``path`` (``$.households[3].members[0]``)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class InputError(ValueError):
    """The input cannot be turned into a valid model. Carries *every* issue found, with paths.

    ``source`` names where the input came from (a file name), when known.
    """

    issues: tuple[InputIssue, ...]
    source: str | None
    kind = "input"
    """What was invalid, for the presenter: ``input``, ``policy``, ``waiver register``."""

    def __init__(self, issues: Iterable[InputIssue], *, source: str | None = None) -> None:
        self.issues = tuple(issues)
        self.source = source
        where = f" in {source}" if source else ""
        super().__init__(f"{len(self.issues)} input issue(s){where}")

    def __str__(self) -> str:
        return format_input_error(self)


def kind_of(value: object) -> str:
    """What kind of value ``value`` is, for an error message: never the value itself.

    A bad value could be personal data, or a piece of any file an input pointed at, and error
    messages reach CI logs and terminals. So a message names the path of the value, says what
    was expected and says only what kind of value was found (``a text of 14 characters``,
    ``a number``, ``a list``); the path tells the reader where to look.
    """
    if isinstance(value, str):
        count = len(value)
        if count == 0:
            return "an empty text"
        return f"a text of {count} character{'' if count == 1 else 's'}"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a decimal number" if math.isfinite(value) else "a number that is not finite"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dt.datetime):
        return "a date and time"
    if isinstance(value, dt.date):
        return "a date"
    if isinstance(value, dt.time):
        return "a time of day"
    return f"a value of type {type(value).__name__}"


def format_input_error(error: InputError) -> str:
    """Render an :class:`InputError` as one line per issue, after a short heading.

    A file name, a path (which can name a key from the input) or a message (which can quote a
    value) may hold control characters: each is shown escaped (``\\x1b``), never sent to the
    terminal, and every issue stays on its own line."""
    where = f" in {printable(error.source)}" if error.source else ""
    noun = "issue" if len(error.issues) == 1 else "issues"
    lines = [f"invalid {printable(error.kind)}{where}: {len(error.issues)} {noun}"]
    lines.extend(f"  {printable(issue.path)}: {printable(issue.message)}" for issue in error.issues)
    return "\n".join(lines)
