"""The generator on synthetic attrs classes: every supported type, and clear refusals."""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Literal

import attrs
import pendulum
import pytest
from jsonschema import Draft202012Validator

from repatguard.model._fields import CONSTRAINT, constrained, personal, records
from repatguard.schema import DATETIME_PATTERN, Direction, schema_for


class Colour(StrEnum):
    """A colour."""

    RED = "red"
    """The colour of stop."""
    GREEN = "green"


@attrs.frozen(kw_only=True)
class Leaf:
    """A leaf.

    It has ``two`` paragraphs and a :class:`Colour`.
    """

    colour: Colour
    note: str | None = personal()


@attrs.frozen(kw_only=True)
class Node:
    name: str
    children: tuple[Node, ...] = ()


@attrs.frozen(kw_only=True)
class Everything:
    text: str
    number: int
    share: float
    flag: bool
    nothing: None
    anything: Any
    day: pendulum.Date
    instant: pendulum.DateTime
    maybe_day: pendulum.Date | None = None
    """An optional day."""
    counts: dict[str, int] = attrs.field(factory=dict)
    by_colour: dict[Colour, float] = attrs.field(factory=dict)
    pair: tuple[str, int] = ("a", 1)
    names: list[str] = attrs.field(factory=list)
    tags: frozenset[str] = frozenset()
    kind: Literal["a", "b"] = "a"
    leaves: tuple[Leaf, ...] = records()
    tree: Node | None = None
    either: int | str = 0
    country: str = constrained("country", required=True)
    size: int | None = constrained("non_negative")
    colour: Colour = Colour.GREEN
    derived: str = attrs.field(init=False, default="x")


def _schema(cls: type = Everything, direction: Direction = "input") -> dict[str, Any]:
    return schema_for(
        cls,
        schema_id="https://repatguard.example/schemas/test-1.0.json",
        title="test",
        description="a test schema",
        direction=direction,
    )


def _valid(schema: dict[str, Any], document: Any) -> bool:
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return validator.is_valid(document)


def _document(**changes: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "text": "t",
        "number": 1,
        "share": 0.5,
        "flag": True,
        "nothing": None,
        "anything": {"any": ["thing"]},
        "day": "2026-06-01",
        "instant": "2026-06-01T10:00:00+02:00",
        "country": "UGA",
    }
    document.update(changes)
    return document


def test_the_root_refers_to_the_class_and_carries_the_metadata() -> None:
    schema = _schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$ref"] == "#/$defs/Everything"
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "https://repatguard.example/schemas/test-1.0.json"
    assert (schema["title"], schema["description"]) == ("test", "a test schema")


def test_each_type_maps_to_its_json_schema() -> None:
    properties = _schema()["$defs"]["Everything"]["properties"]
    assert properties["text"] == {"type": "string"}
    assert properties["number"] == {"type": "integer"}
    assert properties["share"] == {"type": "number"}
    assert properties["flag"] == {"type": "boolean"}
    assert properties["nothing"] == {"type": "null"}
    assert properties["anything"] == {}
    assert properties["day"]["format"] == "date"
    assert properties["instant"] == {
        "type": "string",
        "format": "date-time",
        "pattern": DATETIME_PATTERN,
    }
    assert properties["maybe_day"]["anyOf"][1] == {"type": "null"}
    assert properties["maybe_day"]["description"] == "An optional day."
    assert properties["counts"]["additionalProperties"] == {"type": "integer"}
    assert properties["by_colour"]["propertyNames"] == {"$ref": "#/$defs/Colour"}
    assert properties["pair"]["prefixItems"] == [{"type": "string"}, {"type": "integer"}]
    assert "default" not in properties["pair"]  # only empty collections are stated
    assert properties["names"]["items"] == {"type": "string"}
    assert properties["tags"]["uniqueItems"] is True
    assert properties["kind"] == {"enum": ["a", "b"], "default": "a"}
    assert properties["leaves"] == {
        "type": "array",
        "items": {"$ref": "#/$defs/Leaf"},
        "default": [],
    }
    assert properties["either"]["anyOf"] == [{"type": "integer"}, {"type": "string"}]
    assert properties["colour"] == {"$ref": "#/$defs/Colour", "default": "green"}


def test_required_means_no_default_in_input_and_every_field_in_output() -> None:
    assert _schema()["$defs"]["Everything"]["required"] == [
        "text",
        "number",
        "share",
        "flag",
        "nothing",
        "anything",
        "day",
        "instant",
        "country",
    ]
    output = _schema(direction="output")["$defs"]["Everything"]
    assert output["required"] == [f.name for f in attrs.fields(Everything)]


def test_derived_fields_are_output_only() -> None:
    assert "derived" not in _schema()["$defs"]["Everything"]["properties"]
    derived = _schema(direction="output")["$defs"]["Everything"]["properties"]["derived"]
    assert derived == {"type": "string", "readOnly": True, "default": "x"}


def test_constraints_and_personal_data() -> None:
    schema = _schema()
    properties = schema["$defs"]["Everything"]["properties"]
    assert properties["country"] == {"$ref": "#/$defs/CountryCode"}
    assert schema["$defs"]["CountryCode"]["pattern"] == "^[A-Z]{3}$"
    assert "UGA" in schema["$defs"]["CountryCode"]["enum"]
    assert properties["size"]["anyOf"][0] == {"type": "integer", "minimum": 0}
    note = schema["$defs"]["Leaf"]["properties"]["note"]
    assert note["writeOnly"] is True
    assert "Personal data" in note["description"]


def test_docstrings_become_descriptions() -> None:
    defs = _schema()["$defs"]
    assert defs["Leaf"]["description"] == "A leaf.\n\nIt has `two` paragraphs and a `Colour`."
    assert defs["Colour"] == {
        "title": "Colour",
        "type": "string",
        "enum": ["red", "green"],
        "description": "A colour.\n\n- `red`: The colour of stop.",
    }
    assert "description" not in defs["Node"]


def test_documents_validate_as_the_types_say() -> None:
    schema = _schema()
    assert _valid(schema, _document())
    full = _document(
        counts={"x": 1},
        by_colour={"red": 0.5},
        pair=["b", 2],
        tags=["p", "q"],
        leaves=[{"colour": "red", "note": None}],
        tree={"name": "root", "children": [{"name": "child"}]},
        either="two",
        size=0,
    )
    assert _valid(schema, full)
    for bad in (
        _document(number=1.5),
        _document(flag="true"),
        _document(instant="2026-06-01T10:00:00"),
        _document(day="2026-13-01"),
        _document(counts={"x": "1"}),
        _document(by_colour={"blue": 1.0}),
        _document(pair=["b", 2, 3]),
        _document(tags=["p", "p"]),
        _document(kind="c"),
        _document(tree={"name": "root", "children": [{"name": "child", "age": 3}]}),
        _document(country="XXX"),
        _document(size=-1),
        _document(derived="x"),
        _document(unknown=1),
        {key: value for key, value in _document().items() if key != "text"},
    ):
        assert not _valid(schema, bad), bad


def test_recursive_classes_are_one_definition() -> None:
    schema = _schema(Node)
    assert schema["$defs"]["Node"]["properties"]["children"]["items"] == {"$ref": "#/$defs/Node"}
    assert set(schema["$defs"]) == {"Node"}


@attrs.frozen
class Unsupported:
    value: complex


@attrs.frozen
class IntKeys:
    value: dict[int, str]


@attrs.frozen
class UnknownConstraint:
    value: str = attrs.field(metadata={CONSTRAINT: "postcode"})


@attrs.frozen
class CountryOnNumber:
    value: int = attrs.field(metadata={CONSTRAINT: "country"})


@pytest.mark.parametrize(
    ("cls", "message"),
    [
        (Unsupported, "Unsupported.value: cannot express complex"),
        (IntKeys, "IntKeys.value: JSON object keys are strings"),
        (UnknownConstraint, "UnknownConstraint.value: unknown constraint 'postcode'"),
        (CountryOnNumber, "CountryOnNumber.value: the country constraint needs a string"),
    ],
)
def test_what_cannot_be_stated_is_refused_with_the_field(cls: type, message: str) -> None:
    with pytest.raises(TypeError, match=message):
        _schema(cls)


def test_only_attrs_classes() -> None:
    with pytest.raises(TypeError, match="not an attrs class"):
        _schema(dict)
