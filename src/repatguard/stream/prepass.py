"""A glance at a case record, for the family-links pre-pass of a streamed check.

The pre-pass (:func:`repatguard.stream.cases.chunk_links`) needs, of every household, only
two things: whether its record may hold a family link to another household, and its
reference. :func:`glance` tells both without decoding the record, or gives up; the pre-pass
then loads the record in full, exactly as the check loads it. Giving up is always safe (it
costs a fuller load); a wrong answer would not be, so each test below is one whose answer a
record that loads cannot contradict:

- **JSON Lines.** A line holding the bytes ``"household"`` may hold a link: it is loaded. A
  line without a backslash does not hold one otherwise (without escapes a key ``household``
  is spelled exactly so), and its reference is the text of the first key of the object when
  that key is ``"reference"`` (without escapes a JSON string is its bytes; a record that
  repeats the key does not load). Any other line is parsed with :mod:`json`, the parser the
  loader uses (its msgspec shortcut gives exactly what that gives): no key may repeat
  and none may be ``household``, and the reference is the object's ``reference``.
- **CSV.** A household whose ``family_links`` cells name no household (the third field of
  each link, see :mod:`repatguard.stream.csv_layout`) holds none; its reference is its one
  ``household`` cell (a record whose rows disagree, or do not fit the header, does not load).
- **Households held in the operation file** are decoded already: read as they are.
"""

from __future__ import annotations

import json
import re
from typing import Any

import attrs

from repatguard.model import FamilyLink, Household
from repatguard.stream.manifest import CaseRecord, Chunk

__all__ = ["CsvColumns", "claimed_references", "csv_columns", "glance"]

_FIRST_REFERENCE = re.compile(rb'\s*\{\s*"reference"\s*:\s*"([^"\\]*)"')
"""The first key of a JSON object when it is ``reference`` with a string value (no escapes)."""

_HOUSEHOLD_FIELD = [field.name for field in attrs.fields(FamilyLink)].index("household")
"""The place of ``household`` among the ``:``-separated fields of a link in a CSV cell."""

_LINK_FIELDS = len(attrs.fields(FamilyLink))


@attrs.frozen
class CsvColumns:
    """Where the pre-pass looks in a CSV row: the ``household`` and ``family_links`` columns
    (``None`` when the header has no such column) and how many cells a row has."""

    household: int | None
    links: int | None
    width: int


def csv_columns(header: tuple[str, ...]) -> CsvColumns:
    """The columns of ``header`` that :func:`glance` reads."""

    def place(name: str) -> int | None:
        return header.index(name) if name in header else None

    return CsvColumns(place("household"), place("family_links"), len(header))


def glance(chunk: Chunk, record: CaseRecord, columns: CsvColumns | None = None) -> str | None:
    """The reference of the household in ``record`` when it surely holds no family link to
    another household and its reference can be told without loading it; else ``None`` (load
    it). Should the record load, it has this reference (see the module). ``columns`` is
    :func:`csv_columns` of the chunk's header, for CSV."""
    data = record.data
    if record.problem is not None or data is None:
        return None
    if isinstance(data, Household):
        held = any(link.household is not None for p in data.members for link in p.family_links)
        return None if held else data.reference
    if isinstance(data, bytes):
        return _line_reference(data)
    if chunk.format == "csv":
        return _rows_reference(data, columns or csv_columns(chunk.header))
    return None


def _line_reference(line: bytes) -> str | None:
    if b'"household"' in line:
        return None
    found = _FIRST_REFERENCE.match(line) if b"\\" not in line else None
    try:
        if found is not None:
            return found.group(1).decode("utf-8")
        data = json.loads(line.decode("utf-8"), object_pairs_hook=_plain_object)
    except (ValueError, RecursionError):  # JSON and UTF-8 errors are ValueErrors
        return None
    if type(data) is dict and type(data.get("reference")) is str:
        reference: str = data["reference"]
        return reference
    return None


class _UnclearError(ValueError):
    """A key given twice in one object (the loader refuses it), or a key ``household`` (a link
    may name a household): the record is loaded in full."""


def _plain_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs) or "household" in found:
        raise _UnclearError
    return found


def _rows_reference(rows: Any, columns: CsvColumns) -> str | None:
    if columns.household is None:
        return None
    references: set[str] = set()
    for _, cells in rows:
        if len(cells) != columns.width:
            return None
        if columns.links is not None and _may_name_household(cells[columns.links]):
            return None
        references.add(cells[columns.household])
    references.discard("")
    return references.pop() if len(references) == 1 else None


def _may_name_household(cell: str) -> bool:
    """Whether a ``family_links`` cell may name a household: some link has a household field
    that is not empty, or more fields than a link (passed on as text; it fails to load, but
    that is the loader's to say)."""
    for item in cell.split(";"):
        fields = item.split(":")
        if len(fields) > _LINK_FIELDS:
            return True
        if len(fields) > _HOUSEHOLD_FIELD and fields[_HOUSEHOLD_FIELD].strip():
            return True
    return False


def claimed_references(chunk: Chunk, record: CaseRecord) -> tuple[str, ...]:
    """The references a record that did not load claims, as far as they can be read: a link
    to one of them cannot be told to mean another copy that loads. Reading too many only
    leaves a household not on record (fail closed); none is read from a record that cannot
    be parsed at all, beyond a reference written first on its line."""
    data = record.data
    if isinstance(data, Household):
        return (data.reference,)
    if isinstance(data, bytes):
        return _claimed_on_line(data)
    if data is not None and chunk.format == "csv":
        columns = csv_columns(chunk.header)
        if columns.household is None:
            return ()
        cells = {c[columns.household] for _, c in data if len(c) > columns.household}
        return tuple(sorted(cells - {""}))
    return ()


def _claimed_on_line(line: bytes) -> tuple[str, ...]:
    found: set[str] = set()
    first = _FIRST_REFERENCE.match(line)
    if first is not None:
        found.add(first.group(1).decode("utf-8", errors="replace"))
    try:
        data = json.loads(line.decode("utf-8"))
    except (ValueError, RecursionError):
        data = None
    if type(data) is dict and type(data.get("reference")) is str:
        found.add(data["reference"])
    return tuple(sorted(found))
