"""The CSV layout: columns from the model, cells to JSON values, problems at their line."""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any

import attrs
import pytest

from repatguard.examples import example
from repatguard.model import ConsentEvent, Household, Person
from repatguard.stream import ManifestError, check_manifest
from repatguard.stream.csv_layout import (
    CONSENT_COLUMNS,
    HOUSEHOLD_COLUMNS,
    columns,
    household_from_rows,
)
from repatguard.testing.synthetic import household_rows

GOOD = example("organised-promotion")


def test_the_layout_covers_every_fact_of_a_person() -> None:
    names = set(columns())
    hints = typing.get_type_hints(Person)
    for field in attrs.fields(Person):
        if field.name == "consent":
            continue
        nested = [a for a in typing.get_args(hints[field.name]) if attrs.has(a)]
        if typing.get_origin(hints[field.name]) is tuple:
            assert field.name in names  # a list of records, in one column (family_links)
        elif nested:
            assert {f"{field.name}.{sub.name}" for sub in attrs.fields(nested[0])} <= names
        else:
            assert field.name in names
    assert set(HOUSEHOLD_COLUMNS.values()) == {
        "reference",
        "intended_return_area",
        "planned_departure",
    }
    household_fields = {f.name for f in attrs.fields(Household)} - {"members"}
    assert set(HOUSEHOLD_COLUMNS.values()) == household_fields
    event_fields = {f.name for f in attrs.fields(ConsentEvent)} - {"kind"}
    assert {field for _, field in CONSENT_COLUMNS.values()} == event_fields


def test_rows_become_one_household_record() -> None:
    header = (
        "household",
        "household_intended_return_area",
        "reference",
        "age",
        "unaccompanied_or_separated",
        "specific_needs",
        "declared_at",
        "session_at",
        "session_language",
        "best_interests_determination.outcome",
    )
    rows = [
        (
            2,
            (
                "H-1",
                "AREA-N",
                "P-1",
                "34",
                "",
                "medical; disability",
                "2026-05-01T10:00:00Z",
                "2026-05-02T10:00:00Z",
                "pt",
                "",
            ),
        ),
        (3, ("H-1", "AREA-N", "P-2", "x", "true", "", "", "", "", "pending")),
    ]
    record, issues = household_from_rows(header, rows)
    assert issues == []
    assert record == {
        "reference": "H-1",
        "intended_return_area": "AREA-N",
        "members": [
            {
                "reference": "P-1",
                "age": 34,
                "specific_needs": ["medical", "disability"],
                "consent": [
                    {"kind": "declaration", "at": "2026-05-01T10:00:00Z"},
                    {"kind": "information_session", "at": "2026-05-02T10:00:00Z", "language": "pt"},
                ],
            },
            {
                "reference": "P-2",
                "age": "x",  # left as text: the converter says what was expected
                "unaccompanied_or_separated": True,
                "best_interests_determination": {"outcome": "pending"},
            },
        ],
    }


def test_rows_of_a_household_must_agree_and_be_complete() -> None:
    header = ("household", "household_intended_return_area", "reference")
    record, issues = household_from_rows(
        header, [(2, ("H-1", "AREA-N", "P-1")), (3, ("H-1", "AREA-E", "P-2")), (4, ("H-1",))]
    )
    assert record is None
    assert [(line, str(issue)) for line, issue in issues] == [
        (3, "$.intended_return_area: differs between the rows of the household (see line 2)"),
        (4, "$: the row has 1 cells, the header has 3"),
    ]


def _write(tmp_path: Path, header: list[str], rows: list[list[str]]) -> Path:
    path = tmp_path / "cases.csv"
    lines = [",".join(header)] + [",".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_bad_cells_are_reported_at_the_line_of_their_row(stream: Any, tmp_path: Path) -> None:
    header = ["household", "household_intended_return_area", "reference", "age", "stays_behind"]
    rows = [
        ["H-1", "AREA-N", "P-1", "40", "false"],
        ["H-1", "AREA-N", "P-2", "12", "false"],
        ["H-2", "AREA-N", "P-3", "30", "maybe"],
        ["H-3", "AREA-N", "P-4", "30", "false"],
        ["H-3", "AREA-N", "P-5", "forty", "false"],
        ["H-1", "AREA-N", "P-6", "30", "false"],  # H-1 again, not next to its rows
    ]
    operation = attrs.evolve(
        GOOD.load(), households=(), population=attrs.evolve(GOOD.load().population, unknown=None)
    )
    streamed = stream(operation, _write(tmp_path, header, rows), as_of=GOOD.as_of)
    assert [str(issue) for issue in streamed.issues] == [
        "line 4: $.members[0].stays_behind: expected true or false, got a text of 5 characters",
        "line 6: $.members[1].age: expected a whole number, got a text of 5 characters",
        "line 7: $.reference: the household reference is already used by an earlier household",
    ]
    stats = streamed.result.manifest
    assert (stats.cases, stats.checked, stats.failed, stats.duplicates) == (4, 2, 2, 1)


def test_a_bad_header_stops_before_anything_is_checked(tmp_path: Path) -> None:
    path = _write(tmp_path, ["household", "reference", "nickname", "reference"], [])
    operation = attrs.evolve(GOOD.load(), households=())
    with pytest.raises(ManifestError) as raised:
        check_manifest(operation, path, as_of=GOOD.as_of)
    assert [str(issue) for issue in raised.value.issues] == [
        "column 3: not a column of the layout (the header cell is not shown)",
        "column 4: column 'reference' appears twice (first as column 2)",
    ]


def test_synthetic_rows_round_trip_to_the_same_record() -> None:
    from repatguard.testing.synthetic import synthetic_households

    header = columns()
    for household in synthetic_households(30, seed=3):
        rows = [
            (line, tuple(row.get(name, "") for name in header))
            for line, row in enumerate(household_rows(household), start=2)
        ]
        record, issues = household_from_rows(header, rows)
        assert issues == []
        assert record == household


def test_session_topics_are_a_list_column() -> None:
    header = ("household", "reference", "session_at", "session_topics_covered")
    rows = [
        (2, ("H-1", "P-1", "2026-05-02T10:00:00Z", "conditions_in_return_area; right_to_stay")),
        (3, ("H-1", "P-2", "2026-05-02T10:00:00Z", "")),
    ]
    record, issues = household_from_rows(header, rows)
    assert issues == []
    assert record is not None
    first, second = (member["consent"][0] for member in record["members"])
    assert first["topics_covered"] == ["conditions_in_return_area", "right_to_stay"]
    assert "topics_covered" not in second  # an empty cell: not recorded
