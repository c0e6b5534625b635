"""Text from the input made safe to show: control characters written as visible escapes.

A reference, a message, a waiver's decision record or a file name can hold ESC, BEL and other
control characters, or Unicode bidirectional overrides. Printed as they are, they recolour a
terminal, move its cursor, rewrite lines already shown, ring its bell, or reorder what a reader
sees, so that a report could seem to say what it does not. Every text output and every error
message passes such text through :func:`printable`, which writes each of those characters as
a visible escape (``\\x1b``, ``\\u202e``) and leaves every other character as it is.

The escape is for reading, not an encoding: a backslash in the input is not doubled, so the
text cannot always be turned back. JSON keeps the exact value (see :func:`json_printable`).
This module imports nothing from the package, so that the error presenter can use it.
"""

from __future__ import annotations

import re

__all__ = ["UNSAFE", "json_printable", "printable"]

_OTHERS = (
    "\u061c\u200e\u200f"  # bidirectional marks: Arabic letter mark, left-to-right, right-to-left
    "\u202a-\u202e\u2066-\u2069"  # bidirectional embeddings, overrides and isolates
    "\u2028\u2029"  # line and paragraph separators: a line break to some readers
    "\ud800-\udfff"  # lone surrogates: no UTF-8 output can hold them
)

UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f{_OTHERS}]")
"""The characters :func:`printable` escapes: C0 controls (tab and newline too), DEL, C1
controls, and the others above."""

_JSON_UNSAFE = re.compile(f"[\x7f-\x9f{_OTHERS}]")
"""Those that ``json.dumps(..., ensure_ascii=False)`` leaves raw (it escapes C0 itself)."""


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def printable(text: object) -> str:
    """``text`` with every control character and bidirectional override escaped visibly."""
    return UNSAFE.sub(_visible, str(text))


def json_printable(dumped: str) -> str:
    """JSON text (from ``json.dumps``) with DEL, C1 controls, bidirectional overrides and lone
    surrogates written as ``\\uXXXX`` escapes: the same value for a JSON reader, and nothing
    raw for a terminal that shows the JSON. Those characters can only stand inside strings,
    so each may be replaced where it is."""
    if dumped.isascii() and "\x7f" not in dumped:
        # Nothing to replace (DEL is the only one in ASCII): both tests are far quicker than
        # the search, and most lines of a streamed check are plain ASCII.
        return dumped
    return _JSON_UNSAFE.sub(_json_escape, dumped)
