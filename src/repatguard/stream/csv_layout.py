"""The CSV layout of a case manifest: one row per person, household columns repeated.

The columns are derived from the model (:class:`~repatguard.model.Person`), so every fact a
person can carry in JSON has a column:

- ``household`` (required): the household reference; the rows of one household are
  consecutive. ``household_intended_return_area`` and ``household_planned_departure`` are the
  household's own facts, repeated on each of its rows (they must agree).
- ``reference`` (required) and every other field of a person under its own name
  (``legal_category``, ``date_of_birth``, ``age``, ``relationship_to_head``, ...).
- Fields of nested records with a dot: ``best_interests_determination.completed_on``,
  ``child_safeguards.tracing_status``, ``protection_screening.screened_on``,
  ``asylum_claim.status``, ``property_claim.left_behind``, ...
- Lists of values (``specific_needs``, ``coercion_indicators``, ``risk_profiles``,
  ``settlement_options_offered``) separated by ``;``.
- Lists of small records (``family_links``) in one column: records separated by ``;``, the
  fields of each in their model order separated by ``:``, an empty field unknown and trailing
  empty fields left out: ``parent:host_country::false;sibling:other_household:HH-7``
  (relationship, whereabouts, household, returns). A record with more fields than its class
  (a household reference holding ``:`` or ``;``) is passed on as text, so the loader refuses
  it at its path; such a reference needs the JSON Lines manifest.
- The decision to return as one column group per kind of consent event: ``declared_at``,
  ``declaration_held_separately``;
  ``session_at``, ``session_language``, ``session_assessment``,
  ``session_disclosed_negative_findings``, ``session_understood_language``,
  ``session_topics_covered`` (a list, separated by ``;``); ``reconfirmed_at``;
  ``withdrawn_at``. An event is recorded when any of its columns is
  filled; events are listed in that order. A person with two events of the same kind needs
  the JSON Lines manifest.

An empty cell means *unknown* (the field is absent). Whole numbers are written as digits and
yes/no facts as ``true`` or ``false``; anything else is passed on as text, so the error says
what was expected, exactly as for JSON (the command line never shows the value itself: see
:mod:`repatguard.stream.manifest_messages`).
"""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from repatguard.errors import InputIssue
from repatguard.model import ConsentEvent, Person
from repatguard.model.vocab import ConsentKind

__all__ = [
    "CONSENT_COLUMNS",
    "HOUSEHOLD_COLUMNS",
    "RECORD_LIST_COLUMNS",
    "REQUIRED_COLUMNS",
    "columns",
    "header_problems",
    "household_from_rows",
    "records_cell",
]

HOUSEHOLD_COLUMNS: dict[str, str] = {
    "household": "reference",
    "household_intended_return_area": "intended_return_area",
    "household_planned_departure": "planned_departure",
}
"""Household columns and the household field each fills."""

CONSENT_COLUMNS: dict[str, tuple[ConsentKind, str]] = {
    "declared_at": (ConsentKind.DECLARATION, "at"),
    "declaration_held_separately": (ConsentKind.DECLARATION, "held_separately"),
    "session_at": (ConsentKind.INFORMATION_SESSION, "at"),
    "session_language": (ConsentKind.INFORMATION_SESSION, "language"),
    "session_assessment": (ConsentKind.INFORMATION_SESSION, "assessment"),
    "session_disclosed_negative_findings": (
        ConsentKind.INFORMATION_SESSION,
        "disclosed_negative_findings",
    ),
    "session_understood_language": (ConsentKind.INFORMATION_SESSION, "understood_language"),
    "session_topics_covered": (ConsentKind.INFORMATION_SESSION, "topics_covered"),
    "reconfirmed_at": (ConsentKind.RECONFIRMATION, "at"),
    "withdrawn_at": (ConsentKind.WITHDRAWAL, "at"),
}
"""Consent columns: the kind of event and the event field each fills."""

REQUIRED_COLUMNS = ("household", "reference")

_EVENT_ORDER = (
    ConsentKind.DECLARATION,
    ConsentKind.INFORMATION_SESSION,
    ConsentKind.RECONFIRMATION,
    ConsentKind.WITHDRAWAL,
)
_WHOLE = re.compile(r"^-?[0-9]+$")
_MAX_DIGITS = 20

# How a cell becomes a JSON value: "int", "bool", "list", "text", "records" (a list of records).
_Kind = str


def _kind(tp: Any) -> _Kind:
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    base = args[0] if args and typing.get_origin(tp) is not tuple else tp
    if typing.get_origin(base) is tuple:
        return "list"
    if base is bool:
        return "bool"
    if base is int:
        return "int"
    return "text"


def _nested_class(tp: Any) -> type | None:
    args = [a for a in typing.get_args(tp) if a is not type(None)] or [tp]
    found = args[0]
    return found if isinstance(found, type) and attrs.has(found) else None


def _record_class(tp: Any) -> type | None:
    """The record class of a list of records (``tuple[FamilyLink, ...]``), else ``None``."""
    if typing.get_origin(tp) is not tuple:
        return None
    return _nested_class(tp)


def _record_fields(cls: type) -> tuple[tuple[str, _Kind], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((field.name, _kind(hints[field.name])) for field in attrs.fields(cls))


def _person_columns() -> dict[str, tuple[tuple[str, ...], _Kind]]:
    """Column name -> (path of fields in a person, kind of value)."""
    result: dict[str, tuple[tuple[str, ...], _Kind]] = {}
    hints = typing.get_type_hints(Person)
    for field in attrs.fields(Person):
        if field.name == "consent":
            continue
        tp = hints[field.name]
        record = _record_class(tp)
        if record is not None:
            _RECORD_LISTS[field.name] = _record_fields(record)
            result[field.name] = ((field.name,), "records")
            continue
        nested = _nested_class(tp)
        if nested is not None:
            nested_hints = typing.get_type_hints(nested)
            for sub in attrs.fields(nested):
                name = f"{field.name}.{sub.name}"
                result[name] = ((field.name, sub.name), _kind(nested_hints[sub.name]))
            continue
        result[field.name] = ((field.name,), _kind(tp))
    return result


def _consent_kinds() -> dict[str, _Kind]:
    hints = typing.get_type_hints(ConsentEvent)
    return {name: _kind(hints[field]) for name, (_, field) in CONSENT_COLUMNS.items()}


_RECORD_LISTS: dict[str, tuple[tuple[str, _Kind], ...]] = {}
"""Column of a list of records -> the fields of a record, in order, and their kinds."""
_PERSON_COLUMNS = _person_columns()
RECORD_LIST_COLUMNS: frozenset[str] = frozenset(_RECORD_LISTS)
"""Columns that hold a list of records (``family_links``)."""
_CONSENT_KINDS = _consent_kinds()


def columns() -> tuple[str, ...]:
    """Every column the layout knows, in documentation order."""
    return (*HOUSEHOLD_COLUMNS, *_PERSON_COLUMNS, *CONSENT_COLUMNS)


def header_problems(header: Sequence[str]) -> list[InputIssue]:
    """Problems of a header row: unknown, repeated or missing columns.

    A cell that is not a column of the layout is never repeated in the message (the file may
    not be a manifest at all, and its first row may hold anything): its position says where.
    """
    known = set(columns())
    issues: list[InputIssue] = []
    first_seen: dict[str, int] = {}
    for position, name in enumerate(header, start=1):
        where = f"column {position}"
        if name not in known:
            message = "not a column of the layout (the header cell is not shown)"
            issues.append(InputIssue(path=where, message=message))
        elif name in first_seen:
            message = f"column {name!r} appears twice (first as column {first_seen[name]})"
            issues.append(InputIssue(path=where, message=message))
        first_seen.setdefault(name, position)
    issues.extend(
        InputIssue(path="header", message=f"required column {name!r} is missing")
        for name in REQUIRED_COLUMNS
        if name not in first_seen
    )
    return issues


def _value(cell: str, kind: _Kind) -> Any:
    # Short ASCII digits only: int() refuses more than 4,300 digits, and no count or age of
    # the layout needs more than a few; anything else is left for the loader to refuse.
    if kind == "int" and len(cell) <= _MAX_DIGITS and _WHOLE.match(cell):
        return int(cell)
    if kind == "bool" and cell in ("true", "false"):
        return cell == "true"
    if kind == "list":
        return [item.strip() for item in cell.split(";")]
    return cell


def _records(cell: str, fields: tuple[tuple[str, _Kind], ...]) -> list[Any]:
    found: list[Any] = []
    for item in cell.split(";"):
        parts = [part.strip() for part in item.split(":")]
        if len(parts) > len(fields):
            found.append(item.strip())  # not a record: the loader refuses it at its path
            continue
        found.append(
            {
                name: _value(part, kind)
                for (name, kind), part in zip(fields[: len(parts)], parts, strict=True)
                if part
            }
        )
    return found


def records_cell(column: str, records: Sequence[Mapping[str, Any]]) -> str:
    """The cell of a list of records (``family_links``), as :func:`household_from_rows` reads
    it: fields in model order separated by ``:``, trailing unknown fields left out."""

    def text(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    cells = []
    for record in records:
        parts = [text(record.get(name)) for name, _ in _RECORD_LISTS[column]]
        while parts and not parts[-1]:
            parts.pop()
        cells.append(":".join(parts))
    return ";".join(cells)


def household_from_rows(
    header: Sequence[str], rows: Sequence[tuple[int, Sequence[str]]]
) -> tuple[dict[str, Any] | None, list[tuple[int, InputIssue]]]:
    """The household record (shaped like a JSON Lines record) of consecutive person rows.

    ``rows`` pairs each row with its line number. Problems of the layout itself (a row with
    the wrong number of cells, household columns that disagree) come back with their line.
    """
    issues: list[tuple[int, InputIssue]] = []
    household: dict[str, Any] = {}
    household_line: dict[str, int] = {}
    members: list[dict[str, Any]] = []
    for line, row in rows:
        if len(row) != len(header):
            message = f"the row has {len(row)} cells, the header has {len(header)}"
            issues.append((line, InputIssue(path="$", message=message)))
            continue
        person: dict[str, Any] = {}
        events: dict[ConsentKind, dict[str, Any]] = {}
        for name, cell in zip(header, row, strict=True):
            if cell == "":
                continue
            target = HOUSEHOLD_COLUMNS.get(name)
            if target is not None:
                if target in household and household[target] != cell:
                    where = household_line[target]
                    message = f"differs between the rows of the household (see line {where})"
                    issues.append((line, InputIssue(path=f"$.{target}", message=message)))
                household.setdefault(target, cell)
                household_line.setdefault(target, line)
                continue
            consent = CONSENT_COLUMNS.get(name)
            if consent is not None:
                kind, field = consent
                events.setdefault(kind, {"kind": kind.value})[field] = _value(
                    cell, _CONSENT_KINDS[name]
                )
                continue
            fields, value_kind = _PERSON_COLUMNS[name]
            if value_kind == "records":
                value = _records(cell, _RECORD_LISTS[name])
            else:
                value = _value(cell, value_kind)
            if len(fields) == 1:
                person[fields[0]] = value
            else:
                person.setdefault(fields[0], {})[fields[1]] = value
        if events:
            person["consent"] = [events[k] for k in _EVENT_ORDER if k in events]
        members.append(person)
    if issues:
        return None, issues
    household["members"] = members
    return household, []
