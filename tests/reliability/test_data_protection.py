"""Data protection: personal fields are marked, never printed, never echoed in errors.

Fields that hold personal data carry the metadata ``repatguard.personal``. Every renderer in
:mod:`repatguard.render` (found by looking, not listed by hand) and every output format of the
command line is fed operations full of distinctive names, document numbers, phone numbers,
notes and dates of birth, and none of them may appear in any output.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import inspect
import json
import pkgutil
import re
import typing
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from types import NoneType, UnionType
from typing import Any

import attrs
import pendulum
import pytest

import repatguard
import repatguard.model
import repatguard.render
from repatguard.cli import main
from repatguard.cli.main import build_parser
from repatguard.errors import InputError
from repatguard.io.converter import converter
from repatguard.model import Operation, Person
from repatguard.model._fields import PERSONAL
from repatguard.report import Report
from repatguard.report import report as report_module
from repatguard.testing.factories import AS_OF, sound_operation

# ---------------------------------------------------------------------------------------------
# Which fields are personal


def model_classes() -> list[type]:
    """Every attrs class reachable from :class:`Operation` (and any other model class)."""
    seen: dict[str, type] = {}
    stack: list[Any] = [Operation]
    stack += [getattr(repatguard.model, name) for name in repatguard.model.__all__]
    while stack:
        item = stack.pop()
        if not (isinstance(item, type) and attrs.has(item)):
            continue
        if item.__qualname__ in seen:
            continue
        seen[item.__qualname__] = item
        for hint in typing.get_type_hints(item).values():
            stack.extend(_types_in(hint))
    return sorted(seen.values(), key=lambda cls: cls.__qualname__)


def _types_in(hint: Any) -> Iterator[Any]:
    yield hint
    for argument in typing.get_args(hint):
        yield from _types_in(argument)


PERSONAL_NAME = re.compile(r"name|document|phone|note|birth|email|address|passport|contact")

NOT_PERSONAL = {
    ("ReturnArea", "name"): "the name of a place of return",
    ("CoordinationPlatform", "name"): "the name of a coordination platform",
    ("Person", "identity_or_travel_document"): "whether documents exist (true/false), not which",
    ("Person", "birth_registered"): "whether a birth is registered (true/false), not the record",
    ("ConditionsAssessment", "documentation_available"): "a finding about an area",
    ("ConditionsAssessment", "border_screening_limited_to_identification"): "about an area",
    ("IascCriteria", "documentation"): "the status of a durable-solutions criterion",
}
"""Fields whose names look personal but hold no personal data, and why."""


def test_every_field_whose_name_suggests_personal_data_is_marked() -> None:
    unmarked = []
    for cls in model_classes():
        for field in attrs.fields(cls):
            if not PERSONAL_NAME.search(field.name):
                continue
            if (cls.__name__, field.name) in NOT_PERSONAL:
                assert not field.metadata.get(PERSONAL), (cls.__name__, field.name)
                continue
            if not field.metadata.get(PERSONAL):
                unmarked.append(f"{cls.__name__}.{field.name}")
    assert unmarked == []


def test_the_personal_fields_are_the_ones_expected() -> None:
    marked = {
        f"{cls.__name__}.{field.name}"
        for cls in model_classes()
        for field in attrs.fields(cls)
        if field.metadata.get(PERSONAL)
    }
    assert marked >= {
        "Person.name",
        "Person.document_number",
        "Person.phone_number",
        "Person.notes",
        "Person.date_of_birth",
        "Person.sex",
    }


def test_personal_fields_are_optional_and_unknown_by_default() -> None:
    for cls in model_classes():
        for field in attrs.fields(cls):
            if field.metadata.get(PERSONAL):
                assert field.default is None, f"{cls.__name__}.{field.name}"


def test_the_exemptions_still_exist() -> None:
    # An exemption for a field that was renamed or removed would hide nothing; keep them true.
    names = {(cls.__name__, field.name) for cls in model_classes() for field in attrs.fields(cls)}
    assert set(NOT_PERSONAL) <= names


def test_the_date_of_birth_still_gives_an_age() -> None:
    # Marked personal and never printed, it is still what the rules read.
    from repatguard.facts.facts import age_on

    person = sound_operation().households[0].members[0]
    assert age_on(person, AS_OF) == 42
    with pytest.raises(InputError) as caught:
        repatguard.load(_with_member_value("date_of_birth", "1984-02-30"))
    assert [i.path for i in caught.value.issues] == ["$.households[0].members[0].date_of_birth"]


# ---------------------------------------------------------------------------------------------
# Input errors do not echo personal values


def _document() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(converter().unstructure(sound_operation())))
    return data


def _with_member_value(field: str, value: Any) -> dict[str, Any]:
    data = _document()
    data["households"][0]["members"][0][field] = value
    return data


def _personal_fields_of_person() -> list[str]:
    return [f.name for f in attrs.fields(Person) if f.metadata.get(PERSONAL)]


BAD_PERSONAL_VALUES: list[tuple[Any, str]] = [
    (447700900123, "447700900123"),
    (-7712345, "7712345"),
    (1.5e-7, "1.5e-07"),
    (True, "true"),
    ("Zebulon-Quixote-1984", "Zebulon"),
    ("X99-PASSPORT-771234", "PASSPORT"),
]


@pytest.mark.parametrize("field", _personal_fields_of_person())
@pytest.mark.parametrize(("value", "token"), BAD_PERSONAL_VALUES)
def test_an_input_error_in_a_personal_field_does_not_show_the_value(
    field: str, value: Any, token: str
) -> None:
    data = _with_member_value(field, value)
    try:
        repatguard.load(data)
    except InputError as exc:
        error: InputError | None = exc
    else:
        error = None
    if error is None:
        # A string is a valid value for the text fields: nothing to report, nothing shown.
        assert isinstance(value, str)
        return
    text = str(error)
    assert token not in text
    path = f"$.households[0].members[0].{field}"
    assert [i.path for i in error.issues] == [path]
    assert "not shown" in error.issues[0].message


def test_the_same_error_outside_a_personal_field_names_the_kind_of_value() -> None:
    # The counterpart, so that the test above can fail: an ordinary field says what kind of
    # value it got (never the value itself: no error quotes the input), a personal one not even
    # that.
    with pytest.raises(InputError) as caught:
        repatguard.load(_with_member_value("age", 447700900123.0))
    message = caught.value.issues[0].message
    assert message == "expected a whole number, got a decimal number"
    assert "447700900123" not in str(caught.value)


# ---------------------------------------------------------------------------------------------
# Operations full of personal data

NAMES = ("Zebulon Quixote-Marmaduke", "Philomena Zanzibar-Quokka", "Octavius Wobblethorpe")
DOCUMENT = "X99-PASSPORT-771234"
PHONE = "+44 7700 900123"
NOTE = "Confided-Quokkaphobia-Interview-5521"
ADULT_BIRTH = pendulum.Date(1911, 11, 11)
CHILD_BIRTH = pendulum.Date(2013, 3, 13)

TOKENS = (
    *NAMES,
    "Zebulon",
    "Quixote",
    "Marmaduke",
    "Philomena",
    "Zanzibar",
    "Wobblethorpe",
    DOCUMENT,
    "PASSPORT",
    "771234",
    PHONE,
    "7700 900",
    "900123",
    NOTE,
    "Quokkaphobia",
    "1911-11-11",
    "11/11/1911",
    "2013-03-13",
    "13/03/2013",
)


def _personal(person: Person, index: int) -> Person:
    adult = person.date_of_birth is None or person.date_of_birth.year < 2008
    return attrs.evolve(
        person,
        name=NAMES[index % len(NAMES)],
        document_number=f"{DOCUMENT}-{index}",
        phone_number=PHONE,
        notes=NOTE,
        date_of_birth=ADULT_BIRTH if adult else CHILD_BIRTH,
    )


def full_of_personal_data(operation: Operation) -> Operation:
    households = []
    count = 0
    for household in operation.households:
        members = []
        for person in household.members:
            members.append(_personal(person, count))
            count += 1
        households.append(attrs.evolve(household, members=tuple(members)))
    return attrs.evolve(operation, households=tuple(households))


def operations() -> list[tuple[str, Operation, pendulum.Date]]:
    found = []
    from repatguard.examples import examples

    found += [(e.name, full_of_personal_data(e.load()), e.as_of) for e in examples()]
    sound = sound_operation()
    broken = attrs.evolve(
        sound,
        households=tuple(
            attrs.evolve(h, members=tuple(attrs.evolve(p, consent=()) for p in h.members))
            for h in sound.households
        ),
    )
    found.append(("sound", full_of_personal_data(sound), AS_OF))
    found.append(("no consent", full_of_personal_data(broken), AS_OF))
    return found


OPERATIONS = operations()


def test_the_operations_really_hold_the_personal_data() -> None:
    for _, operation, _ in OPERATIONS:
        text = json.dumps(converter().unstructure(operation))
        assert all(name in text for name in NAMES[:2]) or NAMES[0] in text
        assert DOCUMENT in text
        assert PHONE in text
        assert "1911-11-11" in text


@functools.cache
def _reports(reveal: bool) -> list[Report]:
    return [
        repatguard.check(operation, as_of=as_of, reveal_references=reveal)
        for _, operation, as_of in OPERATIONS
    ]


def assert_no_personal_data(output: str, where: str) -> None:
    leaked = [token for token in TOKENS if token in output]
    assert leaked == [], f"{where} printed personal data: {leaked}"


def test_the_leak_check_can_fail() -> None:
    with pytest.raises(AssertionError, match="Zebulon"):
        assert_no_personal_data(f"name: {NAMES[0]}", "a deliberately leaky output")


# ---------------------------------------------------------------------------------------------
# Every renderer, found by looking


def _hints(function: Callable[..., Any]) -> dict[str, Any]:
    # The renderers name the report's types for the type checker only.
    names = {**function.__globals__, **vars(report_module)}
    return typing.get_type_hints(function, globalns=names)


def _annotation_takes_reports(hint: Any) -> str | None:
    if hint is Report:
        return "one"
    origin = typing.get_origin(hint)
    if origin is not None and typing.get_args(hint) == (Report,):
        try:
            if issubclass(origin, Sequence):
                return "many"
        except TypeError:
            return None
    return None


def renderers() -> list[tuple[str, Callable[..., Any], str]]:
    """``(name, function, "one" or "many")`` for every public function in repatguard.render
    whose first parameter is a Report (or a sequence of them)."""
    found = []
    package = repatguard.render
    modules = [package] + [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
    ]
    for module in modules:
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or not function.__module__.startswith(package.__name__):
                continue
            try:
                hints = _hints(function)
            except NameError:
                continue
            parameters = list(inspect.signature(function).parameters.values())
            if not parameters:
                continue
            required = [
                p
                for p in parameters[1:]
                if p.default is inspect.Parameter.empty
                and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
            ]
            kind = _annotation_takes_reports(hints.get(parameters[0].name))
            if kind is None or required:
                continue
            found.append((f"{function.__module__}.{name}", function, kind))
    unique = {qualified: (qualified, function, kind) for qualified, function, kind in found}
    return sorted(unique.values(), key=lambda item: item[0])


RENDERERS = renderers()


def test_renderers_are_found() -> None:
    names = {name.rsplit(".", 1)[1] for name, _, _ in RENDERERS}
    assert {"to_json", "to_text"} <= names


def _returns_text(function: Callable[..., Any]) -> bool:
    hint = _hints(function).get("return")
    inner = (
        [a for a in typing.get_args(hint) if a is not NoneType]
        if isinstance(hint, UnionType)
        else [hint]
    )
    return inner == [str]


@pytest.mark.parametrize("reveal", [False, True], ids=["pseudonymous", "revealed references"])
@pytest.mark.parametrize(
    ("name", "function", "kind"), RENDERERS, ids=[name for name, _, _ in RENDERERS]
)
def test_no_renderer_prints_personal_data(
    name: str, function: Callable[..., Any], kind: str, reveal: bool
) -> None:
    reports = _reports(reveal)
    try:
        outputs = [function(reports)] if kind == "many" else [function(r) for r in reports]
    except ImportError as exc:  # an optional extra (pandas) that is not installed
        pytest.skip(str(exc))
    texts = [(output or "") if _returns_text(function) else repr(output) for output in outputs]
    assert any(texts), "no output at all: the check would be vacuous"
    for text in texts:
        assert_no_personal_data(text, name)


# ---------------------------------------------------------------------------------------------
# The command line, every format


CLI_OPERATIONS = ("coerced-return-blocked", "no consent")
"""The operations run through every output format (the renderers above see them all)."""


def _check_formats() -> list[str]:
    parser = build_parser()
    for action in parser._actions:  # argparse keeps subcommands here; no public accessor
        if isinstance(action, argparse._SubParsersAction):
            check = action.choices["check"]
            for option in check._actions:
                if "--format" in option.option_strings:
                    return list(option.choices or [])
    raise AssertionError("no check --format option")


@pytest.mark.parametrize("output", _check_formats())
def test_the_command_line_prints_no_personal_data(
    output: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    printed = ""
    chosen = [item for item in OPERATIONS if item[0] in CLI_OPERATIONS]
    assert len(chosen) == len(CLI_OPERATIONS)
    for index, (_, operation, as_of) in enumerate(chosen):
        path = tmp_path / f"op{index}.json"
        path.write_text(json.dumps(converter().unstructure(operation)), encoding="utf-8")
        for extra in ([], ["--reveal-references"]):
            main(["check", str(path), "--as-of", as_of.isoformat(), "--format", output, *extra])
            captured = capsys.readouterr()
            printed += captured.out
            assert_no_personal_data(captured.out + captured.err, f"check --format {output}")
    assert printed, "no output at all: the check would be vacuous"


def test_the_command_line_does_not_echo_personal_data_in_input_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _document()
    member = data["households"][0]["members"][0]
    member.update(name=7700900123, phone_number=["+44 7700 900123"], date_of_birth="1911-11-31")
    member["notes"] = {"Zebulon": "Quixote"}
    path = tmp_path / "op.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["check", str(path), "--as-of", "2026-06-01"]) == 2
    captured = capsys.readouterr()
    assert "$.households[0].members[0].name" in captured.err
    assert "$.households[0].members[0].date_of_birth" in captured.err
    assert_no_personal_data(captured.out + captured.err, "an input error")
    assert "7700900123" not in captured.err


def test_a_streamed_case_manifest_prints_no_personal_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if "--cases" not in build_parser().format_help() + _check_help():
        pytest.skip("no streaming case manifests in this version")
    operation = full_of_personal_data(sound_operation())
    shell = attrs.evolve(operation, households=())
    op_path = tmp_path / "op.json"
    op_path.write_text(json.dumps(converter().unstructure(shell)), encoding="utf-8")
    manifest = tmp_path / "cases.jsonl"
    lines = [json.dumps(converter().unstructure(h)) for h in operation.households]
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cases_out = tmp_path / "cases-out.jsonl"
    printed = ""
    for output in ("text", "json", "jsonl"):
        main(
            [
                "check",
                str(op_path),
                "--cases",
                str(manifest),
                "--cases-out",
                str(cases_out),
                "--as-of",
                "2026-06-01",
                "--format",
                output,
            ]
        )
        captured = capsys.readouterr()
        written = cases_out.read_text(encoding="utf-8")
        printed += captured.out + written
        assert_no_personal_data(captured.out + captured.err + written, f"--cases {output}")
    assert "VERDICT" in printed


def _check_help() -> str:
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return str(action.choices["check"].format_help())
    return ""


def test_bundled_examples_hold_no_real_looking_personal_data() -> None:
    # The bundled examples are invented and carry no names or document numbers at all.
    examples = resources.files("repatguard.examples")
    for item in examples.iterdir():
        if item.name.endswith(".json"):
            data = json.loads(item.read_text(encoding="utf-8"))
            for household in data.get("households", []):
                for person in household.get("members", []):
                    assert not {"name", "document_number", "phone_number"} & set(person)


# ---------------------------------------------------------------------------------------------
# Dates derived from a date of birth


COMING_OF_AGE_BIRTH = pendulum.Date(2008, 6, 17)
"""A child who comes of age on 2026-06-17, sixteen days after AS_OF."""


def coming_of_age_operation() -> Operation:
    """No departure date and no movement window: the child's coming of age is the next change
    of the result, on a day that would give the date of birth away."""
    from repatguard.testing.factories import unplanned, with_member

    operation = attrs.evolve(
        unplanned(full_of_personal_data(sound_operation())),
        movement_window=None,
        positions_consulted_on=None,
    )
    return with_member(operation, 0, 2, date_of_birth=COMING_OF_AGE_BIRTH)


def _coming_of_age_tokens() -> tuple[str, ...]:
    born = COMING_OF_AGE_BIRTH
    of_age = born.add(years=18)
    return (born.isoformat(), of_age.isoformat(), of_age.format("MM-DD"), of_age.format("DD/MM"))


def test_the_coming_of_age_really_changes_the_result() -> None:
    # Otherwise the two tests below would pass without looking at a date derived from a birth.
    operation = coming_of_age_operation()
    report = repatguard.check(operation, as_of=AS_OF, reveal_references=True)
    before = repatguard.check(operation, as_of=AS_OF.add(days=15), reveal_references=True)
    later = repatguard.check(operation, as_of=AS_OF.add(days=16), reveal_references=True)
    assert {f.fingerprint for f in report.findings} == {f.fingerprint for f in before.findings}
    assert {f.fingerprint for f in report.findings} != {f.fingerprint for f in later.findings}
    assert report.next_review is not None
    assert report.next_review.changes


@pytest.mark.parametrize("reveal", [False, True], ids=["pseudonymous", "revealed references"])
@pytest.mark.parametrize(
    ("name", "function", "kind"), RENDERERS, ids=[name for name, _, _ in RENDERERS]
)
def test_no_renderer_prints_a_date_derived_from_a_date_of_birth(
    name: str, function: Callable[..., Any], kind: str, reveal: bool
) -> None:
    report = repatguard.check(coming_of_age_operation(), as_of=AS_OF, reveal_references=reveal)
    try:
        output = function([report]) if kind == "many" else function(report)
    except ImportError as exc:  # an optional extra (pandas) that is not installed
        pytest.skip(str(exc))
    text = (output or "") if _returns_text(function) else repr(output)
    leaked = [token for token in _coming_of_age_tokens() if token in text]
    assert leaked == [], f"{name} printed a date derived from a date of birth: {leaked}"
    assert_no_personal_data(text, name)


@pytest.mark.parametrize("output", _check_formats())
def test_the_command_line_prints_no_date_derived_from_a_date_of_birth(
    output: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "op.json"
    data = converter().unstructure(coming_of_age_operation())
    path.write_text(json.dumps(data), encoding="utf-8")
    main(["check", str(path), "--as-of", AS_OF.isoformat(), "--format", output])
    captured = capsys.readouterr()
    printed = captured.out + captured.err
    leaked = [token for token in _coming_of_age_tokens() if token in printed]
    assert leaked == [], f"check --format {output} printed a date derived from a birth: {leaked}"
