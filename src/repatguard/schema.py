"""JSON Schemas (draft 2020-12) generated from the attrs model.

The generator walks any attrs class (``attrs.fields`` and ``typing.get_type_hints``) and emits
a schema whose ``$defs`` hold one closed object per attrs class and one enumeration per enum.
Three schemas are built from the library's own classes:

- ``input``: the operation document (:class:`repatguard.model.Operation`);
- ``report``: the JSON report (:class:`repatguard.report.Report`);
- ``policy``: the policy document (``repatguard.policy.Policy``, when that class exists).

The schemas are shipped inside the package (``repatguard/schemas/*.json``, read with
:func:`repatguard.schemas.load`) and copied to ``docs/schemas/``; ``python -m repatguard.schema``
regenerates both copies and ``python -m repatguard.schema --check`` reports drift.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import importlib
import inspect
import json
import re
import sys
import types
from collections.abc import Callable, Mapping, Sequence
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

import attrs

from repatguard.facts.parameters import Parameters, ParameterSpec
from repatguard.model import Operation
from repatguard.model._fields import CONSTRAINT, PARTIAL_DATE, PERSONAL
from repatguard.model.countries import ISO_3166_ALPHA3
from repatguard.model.dates import PARTIAL_DATE_PATTERN
from repatguard.report.report import SCHEMA_VERSION, Report

__all__ = [
    "DIALECT",
    "ID_BASE",
    "SCHEMA_NAMES",
    "Direction",
    "FieldHook",
    "SchemaUnavailableError",
    "available_schemas",
    "dumps",
    "generate",
    "main",
    "schema_for",
]

DIALECT = "https://json-schema.org/draft/2020-12/schema"
ID_BASE = "https://repatguard.example/schemas/"
"""Base of every ``$id``: an identifier, not a URL anything is served from."""

SCHEMA_NAMES = ("input", "report", "policy")

Direction = Literal["input", "output"]
"""``input``: a document someone writes (required = fields without a default; derived fields
are not accepted). ``output``: a document the library writes (every field is always present,
derived fields included and marked ``readOnly``)."""

FieldHook = Callable[[type, "attrs.Attribute[Any]", dict[str, Any]], dict[str, Any]]
"""Called with the class, the field and its generated schema; returns the schema to use."""

DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _partial_date(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` with its date accepting a month (``YYYY-MM``) or a year (``YYYY``) too;
    not ``format: date``, which means a full date."""
    if schema.get("format") == "date":
        return {"type": "string", "pattern": PARTIAL_DATE_PATTERN}
    if "anyOf" in schema:
        return {**schema, "anyOf": [_partial_date(option) for option in schema["anyOf"]]}
    return schema


DATETIME_PATTERN = (
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,6})?"
    "(Z|[+-][0-9]{2}:[0-9]{2})$"
)
"""RFC 3339 with seconds and a required UTC offset (``Z`` or ``+hh:mm``): never naive.

ASCII digits (``[0-9]``, not ``\\d``) so that every regex dialect reads it the same way."""

COUNTRY_DEF = "CountryCode"
_CONSTRAINTS = ("country", "non_negative")


class SchemaUnavailableError(LookupError):
    """The class a schema is generated from does not exist in this version."""


# --- docstrings ---------------------------------------------------------------------------

_ROLE = re.compile(r":[a-z]+:`~?([^`]+)`")


def _clean_doc(text: str) -> str:
    """Docstring to plain text: reST roles and double backticks become single backticks,
    wrapped lines are joined, paragraphs and ``- `` bullets are kept."""
    text = _ROLE.sub(lambda m: f"`{m.group(1).rsplit('.', 1)[-1]}`", inspect.cleandoc(text))
    text = text.replace("``", "`")
    paragraphs: list[str] = []
    for block in text.split("\n\n"):
        lines: list[str] = []
        for raw in block.splitlines():
            line = raw.strip()
            if not line:
                continue
            if lines and not line.startswith("- "):
                lines[-1] += " " + line
            else:
                lines.append(line)
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


@cache
def _module_tree(module_name: str) -> ast.Module | None:
    module = sys.modules.get(module_name)
    if module is None:
        return None
    try:
        return ast.parse(inspect.getsource(module))
    except (OSError, TypeError, SyntaxError):
        return None


@attrs.frozen
class _Docs:
    cls: str | None
    attributes: dict[str, str]


@cache
def _docs(cls: type) -> _Docs:
    """The class docstring and attribute docstrings, read from the source (not ``__doc__``,
    which enums fill in differently across Python versions)."""
    tree = _module_tree(cls.__module__)
    if tree is None or cls.__qualname__ != cls.__name__:
        return _Docs(cls=None, attributes={})
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == cls.__name__:
            doc = ast.get_docstring(node, clean=True)
            attributes: dict[str, str] = {}
            for stmt, following in zip(node.body, node.body[1:], strict=False):
                name = _assigned_name(stmt)
                if (
                    name is not None
                    and isinstance(following, ast.Expr)
                    and isinstance(following.value, ast.Constant)
                    and isinstance(following.value.value, str)
                ):
                    attributes[name] = _clean_doc(following.value.value)
            return _Docs(cls=_clean_doc(doc) if doc else None, attributes=attributes)
    return _Docs(cls=None, attributes={})


def _assigned_name(stmt: ast.stmt) -> str | None:
    if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
        return stmt.target.id
    if (
        isinstance(stmt, ast.Assign)
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], ast.Name)
    ):
        return stmt.targets[0].id
    return None


# --- the generator ------------------------------------------------------------------------

_NULL: dict[str, Any] = {"type": "null"}
_FACTORY: type[Any] = type(attrs.Factory(list))
"""The class of ``attrs.Factory(...)`` (typed as a function in attrs' stubs)."""


def _is_union(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType)


def _json_default(value: Any) -> tuple[bool, Any]:
    """``(True, json_value)`` for a default that JSON can state; factories are not stated."""
    if isinstance(value, Enum):
        return True, value.value
    if value is None or isinstance(value, bool | int | float | str):
        return True, value
    if isinstance(value, tuple | list | frozenset) and not value:
        return True, []
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return True, value.isoformat()
    return False, None


def _refine_branches(
    schema: dict[str, Any], refine: Callable[[dict[str, Any]], dict[str, Any]]
) -> dict[str, Any]:
    """Apply ``refine`` to the non-null branches of ``schema`` (or to ``schema`` itself)."""
    if "anyOf" in schema:
        branches = [b if b == _NULL else refine(b) for b in schema["anyOf"]]
        return {**schema, "anyOf": branches}
    return refine(schema)


class _Generator:
    def __init__(self, direction: Direction, field_hook: FieldHook | None) -> None:
        self.direction = direction
        self.field_hook = field_hook
        self.defs: dict[str, dict[str, Any]] = {}
        self.names: dict[type, str] = {}

    # names and $defs

    def _name(self, cls: type) -> str:
        if cls in self.names:
            return self.names[cls]
        name = cls.__name__
        if name in self.defs or name == COUNTRY_DEF:
            name = f"{cls.__module__}.{cls.__qualname__}"
        self.names[cls] = name
        return name

    def _ref(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def ref_class(self, cls: type) -> dict[str, Any]:
        known = cls in self.names
        name = self._name(cls)
        if not known:
            self.defs[name] = {}  # placeholder: recursive references find the name
            self.defs[name] = self._class_schema(cls)
        return self._ref(name)

    def ref_enum(self, cls: type[Enum]) -> dict[str, Any]:
        known = cls in self.names
        name = self._name(cls)
        if not known:
            self.defs[name] = self._enum_schema(cls)
        return self._ref(name)

    def ref_country(self) -> dict[str, Any]:
        if COUNTRY_DEF not in self.defs:
            self.defs[COUNTRY_DEF] = {
                "type": "string",
                "title": COUNTRY_DEF,
                "description": "An officially assigned ISO 3166-1 alpha-3 country code.",
                "pattern": "^[A-Z]{3}$",
                "enum": sorted(ISO_3166_ALPHA3),
            }
        return self._ref(COUNTRY_DEF)

    # types

    def type_schema(self, tp: Any, where: str) -> dict[str, Any]:
        if tp is Any:
            return {}
        if tp is type(None) or tp is None:
            return dict(_NULL)
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is float:
            return {"type": "number"}
        if tp is str:
            return {"type": "string"}
        if _is_union(tp):
            return self._union(get_args(tp), where)
        origin = get_origin(tp)
        if origin is Literal:
            return {"enum": list(get_args(tp))}
        if origin is not None:
            return self._generic(tp, origin, get_args(tp), where)
        if isinstance(tp, type):
            return self._class(tp, where)
        raise TypeError(f"{where}: cannot express {tp!r} in JSON Schema")

    def _union(self, args: tuple[Any, ...], where: str) -> dict[str, Any]:
        nullable = type(None) in args
        branches = [self.type_schema(a, where) for a in args if a is not type(None)]
        if nullable:
            branches.append(dict(_NULL))
        if len(branches) == 1:
            return branches[0]
        return {"anyOf": branches}

    def _generic(self, tp: Any, origin: Any, args: tuple[Any, ...], where: str) -> dict[str, Any]:
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.type_schema(args[0], where)}
            return {
                "type": "array",
                "prefixItems": [self.type_schema(a, where) for a in args],
                "items": False,
                "minItems": len(args),
                "maxItems": len(args),
            }
        if isinstance(origin, type) and issubclass(origin, list | Sequence) and len(args) == 1:
            return {"type": "array", "items": self.type_schema(args[0], where)}
        if isinstance(origin, type) and issubclass(origin, set | frozenset) and len(args) == 1:
            return {"type": "array", "items": self.type_schema(args[0], where), "uniqueItems": True}
        if isinstance(origin, type) and issubclass(origin, dict | Mapping) and len(args) == 2:
            key, value = args
            schema: dict[str, Any] = {
                "type": "object",
                "additionalProperties": self.type_schema(value, where),
            }
            if isinstance(key, type) and issubclass(key, Enum):
                schema["propertyNames"] = self.ref_enum(key)
            elif key is not str:
                raise TypeError(f"{where}: JSON object keys are strings, not {key!r}")
            return schema
        raise TypeError(f"{where}: cannot express {tp!r} in JSON Schema")

    def _class(self, tp: type, where: str) -> dict[str, Any]:
        if attrs.has(tp):
            return self.ref_class(tp)
        if issubclass(tp, Enum):
            return self.ref_enum(tp)
        # pendulum.DateTime is a datetime is a date: the most specific first.
        if issubclass(tp, dt.datetime):
            return {"type": "string", "format": "date-time", "pattern": DATETIME_PATTERN}
        if issubclass(tp, dt.date):
            return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
        if tp is tuple or tp is list:
            return {"type": "array"}
        if tp is dict:
            return {"type": "object"}
        raise TypeError(f"{where}: cannot express {tp.__qualname__} in JSON Schema")

    # classes and fields

    def _enum_schema(self, cls: type[Enum]) -> dict[str, Any]:
        values = [member.value for member in cls]
        schema: dict[str, Any] = {"title": cls.__name__, "enum": values}
        if all(isinstance(v, str) for v in values):
            schema["type"] = "string"
        elif all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            schema["type"] = "integer"
        docs = _docs(cls)
        parts = [docs.cls] if docs.cls else []
        member_docs = [
            f"- `{member.value}`: {docs.attributes[member.name]}"
            for member in cls
            if member.name in docs.attributes
        ]
        if member_docs:
            parts.append("\n".join(member_docs))
        if parts:
            schema["description"] = "\n\n".join(parts)
        return schema

    def _class_schema(self, cls: type) -> dict[str, Any]:
        hints = get_type_hints(cls)
        docs = _docs(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if field.metadata.get("rendering_only"):
                continue  # read by the renderers, never written (a finding's wording)
            derived = not field.init
            if derived and self.direction == "input":
                continue  # computed by the library; the loader does not accept it
            properties[field.name] = self._field_schema(cls, field, hints[field.name], docs)
            if self.direction == "output" or field.default is attrs.NOTHING:
                required.append(field.name)
        schema: dict[str, Any] = {"type": "object", "title": cls.__name__}
        if docs.cls:
            schema["description"] = docs.cls
        schema["properties"] = properties
        if required:
            schema["required"] = required
        schema["additionalProperties"] = False
        return schema

    def _field_schema(
        self, cls: type, field: attrs.Attribute[Any], hint: Any, docs: _Docs
    ) -> dict[str, Any]:
        where = f"{cls.__qualname__}.{field.name}"
        schema = self.type_schema(hint, where)
        if field.metadata.get(PARTIAL_DATE):
            schema = _partial_date(schema)
        constraint = field.metadata.get(CONSTRAINT)
        if constraint is not None:
            schema = self._constrain(schema, constraint, where)
        # A copy: annotations go beside a $ref (allowed in 2020-12), never into the target.
        schema = dict(schema)
        description = docs.attributes.get(field.name)
        if field.metadata.get(PERSONAL):
            schema["writeOnly"] = True
            note = "Personal data: accepted in input, never printed by any renderer."
            description = f"{description}\n\n{note}" if description else note
        if not field.init:
            schema["readOnly"] = True
        if description:
            schema["description"] = description
        default = field.default
        if default is not attrs.NOTHING and not isinstance(default, _FACTORY):
            stated, value = _json_default(default)
            if stated:
                schema["default"] = value
        if self.field_hook is not None:
            schema = self.field_hook(cls, field, schema)
        return schema

    def _constrain(self, schema: dict[str, Any], constraint: Any, where: str) -> dict[str, Any]:
        if constraint == "country":

            def country(branch: dict[str, Any]) -> dict[str, Any]:
                if branch != {"type": "string"}:
                    raise TypeError(f"{where}: the country constraint needs a string")
                return self.ref_country()

            return _refine_branches(schema, country)
        if constraint == "non_negative":

            def non_negative(branch: dict[str, Any]) -> dict[str, Any]:
                if branch.get("type") not in ("integer", "number"):
                    raise TypeError(f"{where}: the non_negative constraint needs a number")
                return {**branch, "minimum": 0}

            return _refine_branches(schema, non_negative)
        # Fail closed: a constraint the schema cannot state would let bad documents through.
        raise TypeError(f"{where}: unknown constraint {constraint!r} (known: {_CONSTRAINTS})")


def schema_for(
    cls: type,
    *,
    schema_id: str,
    title: str,
    description: str,
    direction: Direction = "input",
    field_hook: FieldHook | None = None,
) -> dict[str, Any]:
    """A JSON Schema 2020-12 for the attrs class ``cls`` (any attrs class).

    Raises :class:`TypeError` naming the field when a type cannot be expressed.
    """
    if not attrs.has(cls):
        raise TypeError(f"{cls!r} is not an attrs class")
    generator = _Generator(direction, field_hook)
    root = generator.ref_class(cls)
    return {
        "$schema": DIALECT,
        "$id": schema_id,
        "title": title,
        "description": description,
        **root,
        "$defs": generator.defs,
    }


# --- the library's three schemas ----------------------------------------------------------

INPUT_VERSION = "1.0"
POLICY_VERSION = "1.0"
DURATION_PATTERN = "^P(?:[0-9]+W|[0-9]+D)$"
"""What :func:`repatguard.facts.parameters.days` accepts: whole days or weeks."""
_DURATION_NOTE = "An ISO 8601 duration in days or weeks (P30D, P2W); no months or years."


def _with_description(schema: dict[str, Any], extra: str) -> dict[str, Any]:
    existing = schema.get("description")
    return {**schema, "description": f"{existing} {extra}" if existing else extra}


def _repatguard_hook(
    cls: type, field: attrs.Attribute[Any], schema: dict[str, Any]
) -> dict[str, Any]:
    """What the types alone do not say about the library's own classes."""
    spec = field.metadata.get("spec")
    if cls is Parameters and isinstance(spec, ParameterSpec):
        schema = _with_description(
            schema, f"{spec.description} Default {spec.provenance}: {spec.source}."
        )
        if isinstance(spec.default, float):
            schema = {**schema, "minimum": 0, "maximum": 1}
    # Durations: every string parameter, and string policy settings with a duration default.
    if (
        cls.__module__.startswith(("repatguard.facts.parameters", "repatguard.policy"))
        and schema.get("type") == "string"
        and isinstance(field.default, str)
        and re.match(DURATION_PATTERN, field.default)
    ):
        schema = _with_description({**schema, "pattern": DURATION_PATTERN}, _DURATION_NOTE)
    if cls is Report and field.name == "schema_version":
        schema = _with_description(
            {**schema, "const": SCHEMA_VERSION},
            "Version of the report format; see docs/schemas.md.",
        )
    if cls is Report and field.name == "as_of":
        schema = _with_description(
            {**schema, "format": "date-time", "pattern": DATETIME_PATTERN},
            "The instant the operation was checked at (a date given as as_of means 00:00 UTC).",
        )
    return schema


_COUNT = {"type": "integer", "minimum": 0}
_MANIFEST_STATS: dict[str, Any] = {
    "description": (
        "Written by `repatguard check --cases` (the streamed check) only: how the case "
        "manifest was read. The first input issues are listed without any value of the input."
    ),
    "type": "object",
    "additionalProperties": False,
    "required": [
        "source",
        "format",
        "cases",
        "checked",
        "failed",
        "duplicates",
        "persons",
        "issues",
        "first_issues",
    ],
    "properties": {
        "source": {"type": ["string", "null"], "description": "The manifest's file name."},
        "format": {"enum": ["jsonl", "csv", None]},
        "cases": {**_COUNT, "description": "Household records read."},
        "checked": {**_COUNT, "description": "Households that loaded and were checked."},
        "failed": {**_COUNT, "description": "Records that could not be loaded."},
        "duplicates": {**_COUNT, "description": "References used more than once."},
        "persons": _COUNT,
        "issues": {**_COUNT, "description": "Input issues in all."},
        "first_issues": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["line", "path", "message"],
                "properties": {
                    "line": {"type": ["integer", "null"]},
                    "path": {"type": "string"},
                    "message": {"type": "string"},
                },
            },
        },
    },
}


def _policy_class() -> type:
    try:
        module = importlib.import_module("repatguard.policy")
    except ModuleNotFoundError as exc:
        if exc.name not in ("repatguard.policy", "repatguard"):
            raise
        raise SchemaUnavailableError("repatguard.policy does not exist in this version") from None
    cls = getattr(module, "Policy", None)
    if not isinstance(cls, type) or not attrs.has(cls):
        raise SchemaUnavailableError("repatguard.policy.Policy is not an attrs class (yet)")
    return cls


def available_schemas() -> tuple[str, ...]:
    """The schema names this version can generate (``policy`` only once the class exists)."""
    try:
        _policy_class()
    except SchemaUnavailableError:
        return ("input", "report")
    return SCHEMA_NAMES


def generate(name: str) -> dict[str, Any]:
    """The schema ``name`` (``input``, ``report`` or ``policy``) as generated now."""
    if name == "input":
        return schema_for(
            Operation,
            schema_id=f"{ID_BASE}input-{INPUT_VERSION}.json",
            title="repatguard operation",
            description=(
                "A return operation as read by repatguard.load and `repatguard check` (the JSON "
                "form; TOML and YAML documents have the same structure). The schema states the "
                "shape of the document; the loader also checks what a schema cannot say: the "
                "order of dates, references between records and contradictory facts."
            ),
            direction="input",
            field_hook=_repatguard_hook,
        )
    if name == "report":
        report = schema_for(
            Report,
            schema_id=f"{ID_BASE}report-{SCHEMA_VERSION}.json",
            title="repatguard report",
            description=(
                "The report of one check, as written by `repatguard check --format json` and "
                "repatguard.render.to_json. Every field is always present, except `manifest`, "
                "which only the streamed check of a case manifest writes; `schema_version` "
                "follows the compatibility policy in docs/schemas.md."
            ),
            direction="output",
            field_hook=_repatguard_hook,
        )
        report["$defs"]["Report"]["properties"]["manifest"] = _MANIFEST_STATS
        return report
    if name == "policy":
        policy = _policy_class()
        return schema_for(
            policy,
            schema_id=f"{ID_BASE}policy-{POLICY_VERSION}.json",
            title="repatguard policy",
            description="A policy document: the parameters and choices a check runs with.",
            direction="input",
            field_hook=_repatguard_hook,
        )
    raise KeyError(f"no schema named {name!r}; known: {', '.join(SCHEMA_NAMES)}")


# --- deterministic text -------------------------------------------------------------------


def _canonical(value: Any) -> Any:
    """Sorted object keys, except the keys of ``properties`` (the model's reading order)."""
    if isinstance(value, dict):
        result: dict[str, Any] = {}
        for key in sorted(value):
            item = value[key]
            if key == "properties" and isinstance(item, dict):
                result[key] = {name: _canonical(schema) for name, schema in item.items()}
            else:
                result[key] = _canonical(item)
        return result
    if isinstance(value, list):
        return [_canonical(item) for item in value]
    return value


def dumps(schema: Mapping[str, Any]) -> str:
    """The schema as text: keys sorted (field order kept in ``properties``), indent 2,
    trailing newline; the same schema always gives the same bytes."""
    return json.dumps(_canonical(dict(schema)), indent=2, ensure_ascii=False) + "\n"


# --- regeneration -------------------------------------------------------------------------

PACKAGE_DIR = Path(__file__).resolve().parent / "schemas"
"""The package copy (package data)."""


def _docs_dir() -> Path | None:
    """``docs/schemas`` of the source checkout, or ``None`` for an installed package."""
    root = Path(__file__).resolve().parents[2]
    if (root / "pyproject.toml").is_file() and (root / "docs").is_dir():
        return root / "docs" / "schemas"
    return None


def expected_files() -> dict[str, str]:
    """File name to text for every schema this version generates."""
    return {f"{name}.json": dumps(generate(name)) for name in available_schemas()}


def _differences(directory: Path, expected: Mapping[str, str]) -> list[str]:
    problems: list[str] = []
    present = {path.name for path in directory.glob("*.json")} if directory.is_dir() else set()
    for name, text in expected.items():
        path = directory / name
        if name not in present:
            problems.append(f"{path}: missing")
        elif path.read_text(encoding="utf-8") != text:
            problems.append(f"{path}: differs from the model")
    problems.extend(f"{directory / name}: stale" for name in sorted(present - set(expected)))
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m repatguard.schema [--check]``: regenerate (or check) both copies."""
    parser = argparse.ArgumentParser(
        prog="python -m repatguard.schema",
        description="Regenerate the JSON Schemas in the package and in docs/schemas.",
    )
    parser.add_argument("--check", action="store_true", help="only report drift; exit 1 on any")
    args = parser.parse_args(argv)
    expected = expected_files()
    directories = [PACKAGE_DIR]
    docs = _docs_dir()
    if docs is not None:
        directories.append(docs)
    if args.check:
        problems = [p for d in directories for p in _differences(d, expected)]
        for problem in problems:
            sys.stderr.write(f"{problem}\n")
        if problems:
            sys.stderr.write("run `python -m repatguard.schema` to regenerate\n")
        return 1 if problems else 0
    for directory in directories:
        directory.mkdir(parents=True, exist_ok=True)
        for stale in sorted(directory.glob("*.json")):
            if stale.name not in expected:
                stale.unlink()
        for name, text in expected.items():
            path = directory / name
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.write_text(text, encoding="utf-8")
            sys.stdout.write(f"wrote {path}\n")
    if "policy" not in available_schemas():
        sys.stdout.write("no policy schema: repatguard.policy.Policy does not exist yet\n")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
