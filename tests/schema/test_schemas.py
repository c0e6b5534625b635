"""The bundled JSON Schemas: no drift from the model, and they accept what the library accepts
and writes, and reject what the loader rejects."""

from __future__ import annotations

import contextlib
import copy
import json
import tomllib
from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from jsonschema import Draft202012Validator, ValidationError

import repatguard
from repatguard import schema as generator
from repatguard import schemas
from repatguard.errors import InputError
from repatguard.examples import Example, examples
from repatguard.io.converter import converter
from repatguard.model import Operation
from repatguard.model._fields import PERSONAL
from repatguard.policy import Policy
from repatguard.render.json import report_to_dict
from repatguard.rules.registry import builtin_registry
from repatguard.testing.factories import AS_OF, sound_operation
from repatguard.testing.rule_examples import examples_for
from repatguard.testing.strategies import operations

REPO = Path(__file__).resolve().parents[2]
REGENERATE = "python -m repatguard.schema"


@cache
def _validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(
        schemas.load(name), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def _leaves(error: ValidationError) -> list[ValidationError]:
    """The innermost errors: a failed ``anyOf`` (a nullable field) holds them in its context."""
    if not error.context:
        return [error]
    return [leaf for inner in error.context for leaf in _leaves(inner)]


def _errors(name: str, document: Any) -> list[str]:
    return [
        f"{leaf.json_path}: {leaf.message}"
        for error in _validator(name).iter_errors(document)
        for leaf in _leaves(error)
    ]


def _json(value: Any) -> Any:
    """Plain JSON types, as a consumer reads them (tuples become lists)."""
    return json.loads(json.dumps(value))


def _operation_document() -> dict[str, Any]:
    document: dict[str, Any] = _json(converter().unstructure(sound_operation()))
    return document


def _example_text(item: Example) -> str:
    return resources.files("repatguard.examples").joinpath(item.file).read_text("utf-8")


# --- drift -------------------------------------------------------------------------------


def test_the_generator_makes_every_schema_this_version_has() -> None:
    # The policy model exists, so all three schemas are generated and shipped.
    assert generator.available_schemas() == ("input", "report", "policy")
    assert schemas.bundled() == ("input", "policy", "report")


@pytest.mark.parametrize("copy_dir", ["package", "docs"])
def test_committed_schemas_equal_the_generator_output(copy_dir: str) -> None:
    directory = generator.PACKAGE_DIR if copy_dir == "package" else REPO / "docs" / "schemas"
    expected = generator.expected_files()
    present = sorted(path.name for path in directory.glob("*.json"))
    assert present == sorted(expected), f"schema files out of date; run `{REGENERATE}`"
    for name, text in expected.items():
        committed = (directory / name).read_text(encoding="utf-8")
        assert committed == text, f"{directory / name} differs from the model; run `{REGENERATE}`"


def test_the_drift_check_names_missing_changed_and_stale_files(tmp_path: Path) -> None:
    expected = {"input.json": "{}\n", "report.json": "{}\n"}
    (tmp_path / "input.json").write_text("{}\n", encoding="utf-8")
    (tmp_path / "report.json").write_text('{"changed": true}\n', encoding="utf-8")
    (tmp_path / "old.json").write_text("{}\n", encoding="utf-8")
    problems = generator._differences(tmp_path, expected)
    assert problems == [
        f"{tmp_path / 'report.json'}: differs from the model",
        f"{tmp_path / 'old.json'}: stale",
    ]
    (tmp_path / "input.json").unlink()
    assert f"{tmp_path / 'input.json'}: missing" in generator._differences(tmp_path, expected)


def test_the_check_mode_passes_on_the_committed_files(capsys: pytest.CaptureFixture[str]) -> None:
    assert generator.main(["--check"]) == 0, capsys.readouterr().err


def test_output_is_deterministic_text() -> None:
    for name in generator.available_schemas():
        text = generator.dumps(generator.generate(name))
        assert text == generator.dumps(generator.generate(name))
        assert text.endswith("}\n")
        assert not text.endswith("\n\n")
        assert text.splitlines()[1].startswith('  "$defs"')  # keys sorted, indent 2


def test_properties_keep_the_model_order() -> None:
    operation = schemas.load("input")["$defs"]["Operation"]
    assert list(operation["properties"]) == [f.name for f in attrs.fields(Operation)]


@pytest.mark.parametrize("name", ["input", "report", "policy"])
def test_each_schema_is_a_valid_2020_12_schema_with_a_versioned_id(name: str) -> None:
    schema = schemas.load(name)
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith(f"https://repatguard.example/schemas/{name}-")
    assert schema["$id"].endswith(".json")
    assert schema["title"]
    assert schema["description"]


def test_format_checking_is_real() -> None:
    # Without rfc3339-validator, jsonschema silently skips "date-time"; the tests need it.
    assert {"date", "date-time"} <= set(Draft202012Validator.FORMAT_CHECKER.checkers)


# --- input --------------------------------------------------------------------------------


@pytest.mark.parametrize("item", examples(), ids=lambda item: item.name)
def test_every_bundled_example_validates_against_the_input_schema(item: Example) -> None:
    assert _errors("input", json.loads(_example_text(item))) == []


def _rule_example_failures(
    kinds: tuple[str, ...], *, per_family: int | None = None
) -> tuple[int, dict[str, list[str]]]:
    """Schema errors of rule examples of ``kinds`` (of the first ``per_family`` rules of each
    family, or of every rule): the operation against the input schema, its report against the
    report schema. Returns how many reports were validated.

    (A few examples are valid for their one rule but break a whole-operation invariant, such
    as the population counts; check() refuses those, so they give no report.)
    """
    failures: dict[str, list[str]] = {}
    reported = 0
    seen: Counter[str] = Counter()
    for rule in builtin_registry():
        seen[rule.meta.family] += 1
        beyond = per_family is not None and seen[rule.meta.family] > per_family
        if examples_for(rule) is None or beyond:
            continue
        for kind in kinds:
            example = getattr(examples_for(rule), kind)
            if not hasattr(example, "change"):
                continue  # NoExample: the rule cannot produce this result
            operation = example.change(sound_operation())
            errors = _errors("input", _json(converter().unstructure(operation)))
            report = None
            with contextlib.suppress(InputError):
                report = repatguard.check(operation, as_of=example.as_of or AS_OF)
            if report is not None:
                reported += 1
                errors += _errors("report", _json(report_to_dict(report)))
            if errors:
                failures[f"{rule.code} {kind}"] = errors
    return reported, failures


def test_failing_rule_examples_and_their_reports_validate() -> None:
    # Failing examples set unusual values all over the model and give findings of every
    # family, with evidence, areas and households. The default run takes two rules of each
    # family (a check and two validations cost ~60 ms); -m long takes every example.
    reported, failures = _rule_example_failures(("failing",), per_family=2)
    assert reported >= 15
    assert failures == {}


@pytest.mark.long
def test_every_rule_example_and_its_report_validates() -> None:
    reported, failures = _rule_example_failures(("passing", "failing", "missing"))
    assert reported > 150
    assert failures == {}


@settings(max_examples=10, derandomize=True, deadline=None)
@given(operation=operations(safeguards="random"))
def test_drawn_operations_and_their_reports_validate(operation: Operation) -> None:
    # The strategies vary facts all over the model: values flip, facts become null, records
    # are dropped; whatever the loader accepts must pass the schema, and so must the report.
    assert _errors("input", _json(converter().unstructure(operation))) == []
    report = repatguard.check(operation, as_of=AS_OF)
    assert _errors("report", _json(report_to_dict(report))) == []


def test_personal_fields_are_write_only_and_nothing_else_is() -> None:
    defs = schemas.load("input")["$defs"]
    write_only = {
        (cls, name)
        for cls, definition in defs.items()
        for name, field in definition.get("properties", {}).items()
        if field.get("writeOnly")
    }
    personal = {
        (cls.__name__, field.name)
        for cls in _attrs_classes(Operation)
        for field in attrs.fields(cls)
        if field.metadata.get(PERSONAL)
    }
    assert personal  # the model has personal fields (name, document number, ...)
    assert write_only == personal


def _attrs_classes(root: type) -> set[type]:
    import typing

    found: set[type] = set()
    pending = [root]
    while pending:
        cls = pending.pop()
        if cls in found:
            continue
        found.add(cls)
        for hint in typing.get_type_hints(cls).values():
            stack = [hint]
            while stack:
                tp = stack.pop()
                stack.extend(typing.get_args(tp))
                if isinstance(tp, type) and attrs.has(tp):
                    pending.append(tp)
    return found


def _invalid_twice(document: dict[str, Any]) -> list[str]:
    """Schema errors for ``document``, after checking that the loader rejects it too."""
    with pytest.raises(InputError):
        repatguard.load(document)
    return _errors("input", document)


def test_the_sound_operation_is_valid_for_both_schema_and_loader() -> None:
    document = _operation_document()
    assert repatguard.load(document) == sound_operation()
    assert _errors("input", document) == []


def test_an_unknown_field_fails() -> None:
    document = _operation_document()
    document["households"][0]["members"][0]["favourite_colour"] = "blue"
    errors = _invalid_twice(document)
    assert any("favourite_colour" in e and "$.households[0].members[0]" in e for e in errors)


def test_an_unknown_top_level_field_fails() -> None:
    document = {**_operation_document(), "verdict": "promote"}
    assert any("verdict" in e for e in _invalid_twice(document))


def test_a_naive_datetime_fails() -> None:
    document = _operation_document()
    document["households"][0]["members"][0]["consent"][0]["at"] = "2026-05-12T10:00:00"
    errors = _invalid_twice(document)
    assert any(e.startswith("$.households[0].members[0].consent[0].at") for e in errors)


@pytest.mark.parametrize(
    "value", ["2026-05-12T10:00:00Z", "2026-05-12T10:00:00+03:00", "2026-05-12T10:00:00.5-01:30"]
)
def test_datetimes_with_an_offset_pass(value: str) -> None:
    document = _operation_document()
    document["households"][0]["members"][0]["consent"][0]["at"] = value
    assert _errors("input", document) == []
    repatguard.load(document)


def test_a_bad_enum_value_fails() -> None:
    document = {**_operation_document(), "movement_kind": "boat"}
    errors = _invalid_twice(document)
    assert any(e.startswith("$.movement_kind") for e in errors)


@pytest.mark.parametrize("code", ["ZZZ", "uga", "UG", "UGAN"])
def test_a_bad_country_code_fails(code: str) -> None:
    document = {**_operation_document(), "host_country": code}
    errors = _invalid_twice(document)
    assert any(e.startswith("$.host_country") for e in errors)


def test_a_negative_count_fails() -> None:
    document = _operation_document()
    document["population"]["refugees"] = -1
    assert any(e.startswith("$.population.refugees") for e in _invalid_twice(document))


def test_a_date_that_does_not_exist_fails_the_format_check() -> None:
    document = _operation_document()
    document["movement_window"]["start"] = "2026-02-30"
    assert any(e.startswith("$.movement_window.start") for e in _invalid_twice(document))


def test_a_missing_required_field_fails() -> None:
    document = _operation_document()
    del document["origin_country"]
    assert any("origin_country" in e for e in _invalid_twice(document))


def test_a_derived_field_is_not_accepted_in_input() -> None:
    schema = schemas.load("input")
    assert "fingerprint" not in json.dumps(schema)


# --- report -------------------------------------------------------------------------------


@pytest.mark.parametrize("item", examples(), ids=lambda item: item.name)
def test_the_report_of_every_bundled_example_validates(item: Example) -> None:
    report = repatguard.check(item.load(), as_of=item.as_of)
    assert _errors("report", _json(report_to_dict(report))) == []


def _report_document() -> dict[str, Any]:
    item = next(i for i in examples() if i.expected_verdict == "blocked")
    report = repatguard.check(item.load(), as_of=item.as_of)
    document: dict[str, Any] = _json(report_to_dict(report))
    assert document["findings"], "the blocked example has findings"
    return document


def test_the_report_schema_holds_derived_fields_as_required_and_read_only() -> None:
    finding = schemas.load("report")["$defs"]["Finding"]
    assert finding["properties"]["fingerprint"]["readOnly"] is True
    assert "fingerprint" in finding["required"]
    document = _report_document()
    del document["findings"][0]["fingerprint"]
    assert any("fingerprint" in e for e in _errors("report", document))


def test_the_report_schema_is_closed_and_typed() -> None:
    document = _report_document()
    broken = copy.deepcopy(document)
    broken["findings"][0]["severity"] = "catastrophic"
    broken["summary"]["by_severity"]["major"] = "two"
    broken["schema_version"] = "0.9"
    broken["as_of"] = "2026-06-01T00:00:00"
    broken["extra"] = 1
    errors = _errors("report", broken)
    for path in (
        "$.findings[0].severity",
        "$.summary.by_severity.major",
        "$.schema_version",
        "$.as_of",
    ):
        assert any(e.startswith(path) for e in errors), (path, errors)
    assert any(e.startswith("$:") and "'extra'" in e for e in errors)


# --- policy -------------------------------------------------------------------------------


def test_the_default_policy_validates_and_bad_values_fail() -> None:
    document: dict[str, Any] = _json(converter().unstructure(Policy()))
    assert _errors("policy", document) == []
    assert _errors("policy", {}) == []
    assert _errors("policy", {"fail_on": "sometimes"})
    assert _errors("policy", {"parameters": {"assessment_max_age": "P3M"}})
    assert _errors("policy", {"severity": {"VOL-003": "catastrophic"}})
    assert _errors("policy", {"unknown": True})


def test_the_policy_example_in_the_docs_validates() -> None:
    text = (REPO / "docs" / "policy.md").read_text(encoding="utf-8")
    block = text.split("```toml\n", 1)[1].split("```", 1)[0]
    document = tomllib.loads(block)
    assert document["fail_on"] == "major"  # the block found is the policy example
    assert _errors("policy", document) == []
    assert _errors("policy", {**document, "fail_on": "sometimes"})


# --- the bundled files and the command line ------------------------------------------------


def test_the_bundled_loader_refuses_unknown_names() -> None:
    with pytest.raises(KeyError, match="bundled"):
        schemas.text("operation")


@pytest.mark.parametrize("name", ["input", "report", "policy"])
def test_the_schema_command_prints_the_bundled_schema(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from repatguard.cli import main

    assert main(["schema", name]) == 0
    out = capsys.readouterr().out
    assert out == schemas.text(name)
    assert json.loads(out)["$id"].startswith(f"https://repatguard.example/schemas/{name}-")


def test_the_schema_command_refuses_an_unknown_name(capsys: pytest.CaptureFixture[str]) -> None:
    from repatguard.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["schema", "operation"])
    assert exited.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_every_saved_report_shape_validates_streamed_ones_included() -> None:
    # Issue 15.3: the streamed JSON report failed the published schema ("'manifest' was
    # unexpected"). Every JSON report of the saved corpus (in-memory, streamed from JSON
    # Lines and CSV, with spoiled records, one job and two) is checked against it.
    import gzip

    corpus = REPO / "tests" / "corpus" / "reports.json.gz"
    with gzip.open(corpus, "rt", encoding="utf-8") as stream:
        entries: dict[str, dict[str, Any]] = json.load(stream)
    checked = 0
    streamed = 0
    for key, entry in entries.items():
        if key.endswith("/jsonl") or not entry["stdout"].startswith("{"):
            continue  # not a JSON report (JSON Lines, text, HTML, ... or a refused run)
        document = json.loads(entry["stdout"])
        assert _errors("report", document) == [], key
        checked += 1
        streamed += "manifest" in document
    assert checked > 40
    assert streamed >= 8
