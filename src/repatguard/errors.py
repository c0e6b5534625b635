"""Structured exceptions. Presenting them as text is the job of :func:`format_input_error`."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = ["InputError", "InputIssue", "format_input_error"]


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


def format_input_error(error: InputError) -> str:
    """Render an :class:`InputError` as one line per issue, after a short heading."""
    where = f" in {error.source}" if error.source else ""
    noun = "issue" if len(error.issues) == 1 else "issues"
    lines = [f"invalid {error.kind}{where}: {len(error.issues)} {noun}"]
    lines.extend(f"  {issue}" for issue in error.issues)
    return "\n".join(lines)
