"""Loading: every bad field is reported at once with its path; nothing is coerced."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest

import repatguard
from repatguard.errors import InputError
from repatguard.io.converter import converter
from repatguard.model import MovementKind, Operation
from repatguard.testing.factories import sound_operation


def _document() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(converter().unstructure(sound_operation())))
    return data


def _issues(data: Any) -> dict[str, str]:
    with pytest.raises(InputError) as caught:
        repatguard.load(data)
    return {issue.path: issue.message for issue in caught.value.issues}


def test_round_trip_of_the_sound_operation() -> None:
    assert repatguard.load(_document()) == sound_operation()


def test_loads_json_text_and_files(tmp_path: Path) -> None:
    text = json.dumps(_document())
    assert repatguard.load(text) == sound_operation()
    path = tmp_path / "op.json"
    path.write_text(text, encoding="utf-8")
    assert repatguard.load(path) == sound_operation()
    assert repatguard.load(str(path)) == sound_operation()


def test_loads_toml_with_native_dates(tmp_path: Path) -> None:
    path = tmp_path / "op.toml"
    path.write_text(
        'reference = "OP-T"\nhost_country = "ZMB"\norigin_country = "AGO"\n'
        'movement_kind = "organised"\npositions_consulted_on = 2026-05-30\n',
        encoding="utf-8",
    )
    operation = repatguard.load(path)
    assert operation.movement_kind is MovementKind.ORGANISED
    assert operation.positions_consulted_on == pendulum.Date(2026, 5, 30)


def test_toml_datetime_without_offset_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "op.toml"
    path.write_text(
        'reference = "OP-T"\nhost_country = "ZMB"\norigin_country = "AGO"\n'
        'movement_kind = "organised"\n[[households]]\nreference = "H"\n'
        '[[households.members]]\nreference = "P"\n'
        '[[households.members.consent]]\nkind = "declaration"\nat = 2026-05-01T10:00:00\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        repatguard.load(path)
    assert caught.value.source == str(path)
    [issue] = caught.value.issues
    assert issue.path == "$.households[0].members[0].consent[0].at"
    assert "without a UTC offset" in issue.message


def test_every_bad_field_is_reported_at_once_with_its_path() -> None:
    data = _document()
    member = data["households"][0]["members"][0]
    member["consent"][1]["at"] = "yesterday"
    member["consent"][0]["at"] = "2026-05-01T10:00:00"
    member["age"] = "41"
    member["colour"] = "blue"
    data["movement_kind"] = "boat"
    data["route_monitoring"] = "false"
    data["positions"][0]["issued_on"] = "2025-02-30"
    del data["reference"]
    issues = _issues(data)
    base = "$.households[0].members[0]"
    assert issues == {
        f"{base}.consent[1].at": (
            "expected an ISO 8601 datetime with offset, got a text of 9 characters"
        ),
        f"{base}.consent[0].at": (
            "expected an ISO 8601 datetime with offset, got a datetime without a UTC offset "
            "(never assumed)"
        ),
        f"{base}.age": "expected a whole number, got a text of 2 characters",
        f"{base}.colour": "unknown field",
        "$.movement_kind": (
            "expected one of 'organised', 'assisted_spontaneous', 'spontaneous', 'avrr', "
            "'forced', 'mixed', got a text of 4 characters"
        ),
        "$.route_monitoring": "expected true or false, got a text of 5 characters",
        "$.positions[0].issued_on": (
            "expected an existing calendar date, got a date that is not on the calendar"
        ),
        "$.reference": "required field missing",
    }


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("20260101", "expected an ISO 8601 date (YYYY-MM-DD), got a text of 8 characters"),
        (
            "0000-00-00",
            "expected an existing calendar date, got a date that is not on the calendar",
        ),
        (20260101, "expected an ISO 8601 date (YYYY-MM-DD), got a whole number"),
    ],
)
def test_dates_must_be_iso_calendar_dates(value: object, message: str) -> None:
    data = _document()
    data["positions_consulted_on"] = value
    assert _issues(data) == {"$.positions_consulted_on": message}


def test_offsets_out_of_range_are_rejected() -> None:
    data = _document()
    data["households"][0]["members"][0]["consent"][0]["at"] = "2026-05-01T10:00:00+25:00"
    [(path, message)] = _issues(data).items()
    assert path == "$.households[0].members[0].consent[0].at"
    assert "no such instant" in message


def test_no_silent_coercion_of_primitives() -> None:
    data = _document()
    data["population"]["refugees"] = 3.0
    data["households"][0]["reference"] = 7
    data["households"][0]["members"][0]["specific_needs"] = "wheelchair"
    data["promotional_messaging"] = 0
    assert _issues(data) == {
        "$.population.refugees": "expected a whole number, got a decimal number",
        "$.households[0].reference": "expected a string, got a whole number",
        "$.households[0].members[0].specific_needs": (
            "expected a list, got a text of 10 characters"
        ),
        "$.promotional_messaging": "expected true or false, got a whole number",
    }


def test_country_codes_and_counts_are_checked_together_with_types() -> None:
    data = _document()
    data["host_country"] = "XXX"
    data["population"]["migrants"] = -1
    data["movement_kind"] = "boat"
    issues = _issues(data)
    assert issues == {
        "$.host_country": (
            "expected an ISO 3166-1 alpha-3 country code, got a text of 3 characters that is "
            "not one"
        ),
        "$.population.migrants": "must not be negative",
        "$.movement_kind": (
            "expected one of 'organised', 'assisted_spontaneous', 'spontaneous', 'avrr', "
            "'forced', 'mixed', got a text of 4 characters"
        ),
    }


def test_semantic_invariants_are_reported_with_paths() -> None:
    data = _document()
    data["positions"][0]["lifted_on"] = "2025-01-01"
    data["assessments"][0]["area"] = "NOWHERE"
    data["households"][0]["members"][2]["relationship_to_head"] = "head"
    issues = _issues(data)
    assert issues == {
        "$.positions[0].lifted_on": "the date is before the issued date",
        "$.assessments[0].area": (
            "unknown return area (no return area of the operation has this reference)"
        ),
        "$.households[0].members[2].unaccompanied_or_separated": (
            "a child (under 18) is head of household but is not marked unaccompanied or separated"
        ),
    }


def test_declared_counts_must_cover_the_manifest() -> None:
    data = _document()
    data["population"]["refugees"] = 1
    assert _issues(data) == {
        "$.population": (
            "the declared refugee count is below the 3 the manifest lists; counts must cover "
            "everyone on the manifest"
        )
    }


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_case_manifest_name_is_an_error(name: str) -> None:
    data = _document()
    data["cases_manifest"] = name
    assert _issues(data) == {"$.cases_manifest": "must not be empty"}


def test_duplicate_references_are_errors() -> None:
    data = _document()
    data["households"][0]["members"][1]["reference"] = "P-1"
    assert _issues(data) == {
        "$.households[*].members": (
            "the reference at $.households[0].members[0].reference is used 2 times (also at "
            "$.households[0].members[1].reference)"
        )
    }


def test_repeated_json_keys_are_errors_not_last_wins() -> None:
    text = '{"reference": "A", "reference": "B", "host_country": "ZMB"}'
    assert _issues(text) == {"$.reference": "key appears more than once"}


def test_nan_and_malformed_json_are_errors() -> None:
    assert "not valid" in _issues('{"reference": NaN}')["$"]
    assert "line 1" in _issues('{"reference": }')["$"]


def test_top_level_must_be_an_object() -> None:
    with pytest.raises(InputError) as caught:
        repatguard.load_text("[1, 2]", format="json")
    assert str(caught.value.issues[0]) == "$: expected an object at the top level"


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    issues = _issues(tmp_path / "absent.json")
    assert issues == {"$": "cannot read the file (FileNotFoundError)"}


def test_yaml_rejects_repeated_keys_and_keeps_codes_strings(tmp_path: Path) -> None:
    path = tmp_path / "op.yaml"
    path.write_text("reference: A\nreference: B\n", encoding="utf-8")
    assert "appears more than once" in _issues(path)["$"]
    path.write_text(
        "reference: A\nhost_country: NO\norigin_country: AGO\nmovement_kind: organised\n",
        encoding="utf-8",
    )
    assert _issues(path) == {"$.host_country": "expected a string, got true or false"}


def test_check_validates_objects_built_in_python() -> None:
    from repatguard.testing.factories import evolve

    operation: Operation = evolve(sound_operation(), origin_country="ZZZ")
    with pytest.raises(InputError) as caught:
        repatguard.check(operation, as_of=pendulum.Date(2026, 6, 1))
    assert [issue.path for issue in caught.value.issues] == ["$.origin_country"]


def test_input_error_presents_one_line_per_issue() -> None:
    with pytest.raises(InputError) as caught:
        repatguard.load({"reference": "A"})
    text = str(caught.value)
    assert text.splitlines()[0] == "invalid input: 3 issues"
    assert "  $.host_country: required field missing" in text.splitlines()


def test_check_reports_wrong_value_types_of_objects_built_in_python() -> None:
    """A plain string where a member belongs would compare unequal to every member and
    silently change what rules conclude; a naive datetime is ambiguous. What the loader would
    read the same (a vocabulary value as its text, a standard date) is converted instead
    (issue 15.4; see the next test)."""
    from repatguard.testing.factories import evolve, with_member

    operation = evolve(sound_operation(), movement_kind="organized")  # not a member
    operation = with_member(operation, 0, 1, date_of_birth="1990-01-01")
    naive = pendulum.DateTime(2026, 5, 1, 10, 0).naive()
    first = operation.households[0].members[0].consent[0]
    operation = with_member(operation, 0, 2, consent=(evolve(first, at=naive),))
    with pytest.raises(InputError) as caught:
        repatguard.check(operation, as_of=pendulum.Date(2026, 6, 1))
    assert {(issue.path, issue.message) for issue in caught.value.issues} == {
        ("$.movement_kind", "expected a MovementKind member, got a str"),
        ("$.households[0].members[1].date_of_birth", "expected a pendulum.Date, got a str"),
        (
            "$.households[0].members[2].consent[0].at",
            "expected a pendulum.DateTime with an offset, got a DateTime",
        ),
    }


def test_objects_built_in_python_take_standard_dates_and_vocabulary_text() -> None:
    # Issue 15.4: Person(date_of_birth=dt.date(...), legal_category="refugee") was refused at
    # check() though the loader reads the same values from a file.
    import datetime as dt

    from repatguard.model import ConsentEvent, ConsentKind, LegalCategory, MovementKind, Person
    from repatguard.testing.factories import evolve, with_member

    # The declared types stay the model's for type checkers; the conversion is at run time.
    person = Person(
        reference="P-9",
        date_of_birth=dt.date(1990, 1, 2),  # type: ignore[arg-type]
        legal_category="refugee",  # type: ignore[arg-type]
    )
    assert type(person.date_of_birth) is pendulum.Date
    assert person.legal_category is LegalCategory.REFUGEE
    event = ConsentEvent(
        kind="declaration",  # type: ignore[arg-type]
        at=dt.datetime(2026, 5, 1, 10, tzinfo=dt.UTC),  # type: ignore[arg-type]
    )
    assert event.kind is ConsentKind.DECLARATION
    assert isinstance(event.at, pendulum.DateTime)
    operation = evolve(sound_operation(), movement_kind="organised")
    assert operation.movement_kind is MovementKind.ORGANISED
    operation = with_member(operation, 0, 0, planned_departure=dt.date(2026, 6, 21))
    reference = repatguard.check(sound_operation(), as_of=pendulum.Date(2026, 6, 1))
    built = repatguard.check(operation, as_of=pendulum.Date(2026, 6, 1))
    assert built.verdict is reference.verdict
    assert [f.fingerprint for f in built.findings] == [f.fingerprint for f in reference.findings]


def test_only_the_loaders_objects_skip_the_type_walk() -> None:
    from repatguard.io.load import types_checked

    loaded = repatguard.load(_document())
    assert types_checked(loaded)
    assert not types_checked(sound_operation())
    assert not types_checked(attrs.evolve(loaded, reference="OP-2"))


@pytest.mark.parametrize(
    "value", [{"threats_or_pressure": "x"}, {"threats_or_pressure"}, "threats_or_pressure"]
)
def test_a_mapping_a_set_or_a_text_is_never_read_as_a_list(value: object) -> None:
    # Review of #15: a dict given for a list of vocabulary values was read as its keys, and
    # a text as its letters; only a list (or tuple) is a list.
    from repatguard.testing.factories import with_member

    operation = with_member(sound_operation(), 0, 0, coercion_indicators=value)
    with pytest.raises(InputError) as caught:
        repatguard.check(operation, as_of=pendulum.Date(2026, 6, 1))
    [issue] = caught.value.issues
    assert issue.path == "$.households[0].members[0].coercion_indicators"
    assert issue.message.startswith("expected a tuple")
