"""Canaries: a unique string planted in every string field must never come out.

Every string field of the model (found by walking the attrs classes from ``Operation``, so a
field added later is covered or fails the bookkeeping test) gets a string of its own,
``CANARY-<n>-x``, in an operation document that fills every record with such fields. Then the
operation is checked inline and streamed (its households in a JSON Lines and a CSV manifest),
by the library and by the command line, and no canary may appear in any output: every
renderer of :mod:`repatguard.render` (found by looking), every ``--format``, the streamed
findings and case verdicts, the report objects' ``repr``, ``repatguard diff``, what goes to
stderr, and every log record and warning.

Some fields cannot take a canary and keep the document valid; they are listed in
:data:`NOT_FREE_TEXT` with the reason. Fields that hold the reference of another record carry
that record's canary (:data:`REFERS`). The documented exceptions (docs/data-protection.md,
"What it prints") are in :data:`SHOWN` (always printed) and :data:`REVEALED` (printed only
with ``--reveal-references``); every other canary seen anywhere fails the test of its field.

A second part plants canaries where they make the input invalid (a canary for a date, a
number, a vocabulary word, a country code, a rule code, an unknown or a repeated reference):
the error messages, the exception's ``str`` and ``repr`` and stderr must not echo them either.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import importlib
import inspect
import io
import itertools
import json
import logging
import pkgutil
import re
import typing
import warnings
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest

import repatguard
import repatguard.render
from repatguard.cli.main import main
from repatguard.errors import InputError
from repatguard.io.converter import converter
from repatguard.model import Operation
from repatguard.report import Report
from repatguard.report import report as report_module
from repatguard.rules.registry import builtin_registry
from repatguard.stream import ManifestError, ManifestIssue, check_manifest
from repatguard.stream.csv_layout import columns
from repatguard.testing.factories import AS_OF, sound_operation
from repatguard.testing.synthetic import household_rows

# ---------------------------------------------------------------------------------------------
# The string fields of the model, and what each may hold

Field = tuple[str, str]
"""(class name, field name)."""


def model_classes() -> dict[str, type]:
    """Every attrs class reachable from :class:`Operation`, by name."""
    found: dict[str, type] = {}
    stack: list[Any] = [Operation]
    while stack:
        item = stack.pop()
        if not (isinstance(item, type) and attrs.has(item)) or item.__name__ in found:
            continue
        found[item.__name__] = item
        for hint in typing.get_type_hints(item).values():
            stack.extend(_types_in(hint))
    return found


def _types_in(hint: Any) -> Iterator[Any]:
    yield hint
    for argument in typing.get_args(hint):
        yield from _types_in(argument)


def _kind(hint: Any) -> str:
    """``text`` (a string), ``texts`` (a tuple of strings), ``record``, ``records`` or ``other``."""
    options = [a for a in typing.get_args(hint) if a is not type(None)]
    base = options[0] if options and typing.get_origin(hint) is not tuple else hint
    if base is str:
        return "text"
    if typing.get_origin(base) is tuple:
        inner = typing.get_args(base)[0]
        if inner is str:
            return "texts"
        return "records" if isinstance(inner, type) and attrs.has(inner) else "other"
    return "record" if isinstance(base, type) and attrs.has(base) else "other"


def _nested(hint: Any) -> type:
    for candidate in _types_in(hint):
        if isinstance(candidate, type) and attrs.has(candidate):
            return candidate
    raise AssertionError(hint)


def string_fields() -> list[Field]:
    """Every field of the model that holds a string or a tuple of strings."""
    return sorted(
        (name, field.name)
        for name, cls in model_classes().items()
        for field in attrs.fields(cls)
        if _kind(typing.get_type_hints(cls)[field.name]) in ("text", "texts")
    )


NOT_FREE_TEXT: dict[Field, str] = {
    ("Operation", "host_country"): "an ISO 3166-1 alpha-3 code (checked against the list)",
    ("Operation", "origin_country"): "an ISO 3166-1 alpha-3 code (checked against the list)",
    ("ReturnArea", "country"): "an ISO 3166-1 alpha-3 code (checked against the list)",
    ("UnhcrPosition", "country"): "an ISO 3166-1 alpha-3 code (checked against the list)",
    ("Waiver", "code"): "a rule code of the catalogue (a waiver of an unknown code is refused)",
    ("Escalation", "rules"): "rule codes (anything but FAMILY-NNN is refused)",
    ("Operation", "cases_manifest"): (
        "the name of a file: the inline check refuses an operation with one, and the streamed "
        "check names the file it read as the manifest's source"
    ),
}
"""String fields that cannot hold free text and keep the document valid, and why."""

REFERS: dict[Field, str] = {
    ("ConditionsAssessment", "area"): "ReturnArea",
    ("ConditionsAssessment", "areas"): "ReturnArea",
    ("UnhcrPosition", "areas"): "ReturnArea",
    ("Household", "intended_return_area"): "ReturnArea",
    ("Person", "intended_return_area"): "ReturnArea",
    ("Person", "place_of_origin"): "ReturnArea",
    ("ConsentEvent", "assessment"): "ConditionsAssessment",
    ("Partner", "arrangement"): "PartnerArrangement",
    ("DataTransfer", "agreement"): "DataSharingAgreement",
    ("Escalation", "areas"): "ReturnArea",
    ("ExploratoryVisit", "area"): "ReturnArea",
    ("MonitoringReport", "area"): "ReturnArea",
    ("Waiver", "subject"): "*",
    ("FamilyLink", "household"): "Household",
}
"""Fields that hold the reference of another record (``*``: of any subject), and so carry that
record's canary: the reference format is checked, free text would be refused."""

SHOWN: dict[Field, str] = {
    ("Operation", "reference"): "names the operation in every report",
    ("ReturnArea", "reference"): "names the area of each area verdict and finding",
    ("UnhcrPosition", "reference"): "cited as evidence ('POS-1 (not_promoting), issued ...')",
    ("ConditionsAssessment", "reference"): "cited as evidence, as positions are",
    ("PartnerArrangement", "reference"): "cited as evidence ('arrangement ARR-1: ...')",
    ("DataSharingAgreement", "reference"): "cited as evidence ('agreement DSA-1 ended ...')",
    ("Escalation", "reference"): "cited as evidence ('joint decision on escalation ESC-1: ...')",
    ("ExploratoryVisit", "reference"): "cited as evidence ('visit GSV-1 did not report back')",
    ("MonitoringReport", "reference"): "cited as evidence ('monitoring report MON-1 ... records')",
    ("Waiver", "decision_record"): "a waived finding names the decision that waived it",
    ("Waiver", "justification"): "a waived finding carries its waiver (JSON, JSON Lines)",
    ("Waiver", "approved_by"): "a waived finding carries its waiver (JSON, JSON Lines)",
}
"""Fields printed by design. Issue #12 names the first three; the others are references of the
operation's own documents and the waiver's accountability record. Each must be named in
docs/data-protection.md (see the test below), so that the list here is the documented one."""

REVEALED: dict[Field, str] = {
    ("Household", "reference"): "pseudonymous unless --reveal-references",
    ("Person", "reference"): "pseudonymous unless --reveal-references",
}
"""References shown only when the user reveals them; a pseudonym otherwise."""

PLANTED = [f for f in string_fields() if f not in NOT_FREE_TEXT and f not in REFERS]
"""The fields that get a canary of their own."""

DATA_PROTECTION_PAGE = Path(__file__).resolve().parents[2] / "docs" / "data-protection.md"


def test_every_exception_is_named_on_the_data_protection_page() -> None:
    # An exception the documentation does not name would be a leak nobody agreed to.
    page = DATA_PROTECTION_PAGE.read_text(encoding="utf-8")
    missing = [f"{cls}.{name}" for cls, name in [*SHOWN, *REVEALED] if f"{cls}.{name}" not in page]
    assert missing == [], f"not named in docs/data-protection.md: {missing}"


def test_every_string_field_is_planted_or_skipped_with_a_reason() -> None:
    fields = set(string_fields())
    assert set(NOT_FREE_TEXT) | set(REFERS) | set(SHOWN) | set(REVEALED) <= fields
    assert not set(NOT_FREE_TEXT) & set(REFERS)
    assert set(PLANTED) == fields - set(NOT_FREE_TEXT) - set(REFERS)
    assert len(PLANTED) >= 30  # the model has about that many free-text fields


# ---------------------------------------------------------------------------------------------
# A document that fills every record holding a string


def _document(operation: Operation) -> dict[str, Any]:
    """The input document of ``operation``, unknown facts left out (as a user writes it)."""
    data: dict[str, Any] = _without_nulls(converter().unstructure(operation))
    return data


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def enriched(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with every record that holds a string present at least once."""
    data = copy.deepcopy(document)
    area = data["return_areas"][0]["reference"]
    lead = data["lead"]
    lead["co_led_platform"] = {
        "name": "platform",
        "co_leads": ["unhcr", "iom"],
        "refugee_component_lead": "unhcr",
    }
    lead["arrangements"] = lead.get("arrangements") or []
    lead["arrangements"].append({"reference": "ARR-X", "parties": ["UNHCR", "NGO"]})
    lead["implementing_partners"] = [
        *(lead.get("implementing_partners") or []),
        {"organisation": "NGO", "agency": "ngo", "roles": ["counselling"], "arrangement": "ARR-X"},
    ]
    data["agreements"] = [
        *(data.get("agreements") or []),
        {"reference": "AGR-X", "kind": "bilateral", "parties": ["ZMB", "AGO"]},
    ]
    data["positions"] = [
        *data.get("positions", []),
        {
            "reference": "POS-X",
            "stances": ["not_promoting"],
            "country": data["origin_country"],
            "areas": [area],
            "issued_on": "2026-01-10",
        },
    ]
    data["assessments"][0]["sources"] = ["survey", "monitoring"]
    data["pressure_review"] = {"reviewed_on": "2026-05-20", "reviewed_by": "protection unit"}
    data["pressure_signals"] = [
        *data.get("pressure_signals", []),
        {
            "kind": "deadline",
            "started_on": "2026-04-01",
            "tied_to_refusing_return": False,
            "source": "camp committee",
            "description": "a date announced for the end of the programme",
        },
    ]
    data["data_transfers"] = [
        *(data.get("data_transfers") or []),
        {"recipient": "partner_agency", "purpose": "transport", "legal_basis": "agreement"},
    ]
    # Open, so that LEAD-008 and LEAD-009 report on it (citing its reference only).
    data["escalations"] = [
        *data.get("escalations", []),
        {
            "reference": "ESC-X",
            "raised_on": "2026-01-10",
            "raised_by": "iom",
            "raised_by_role": "a role",
            "issue": "an issue",
            "kind": "other",
            "areas": [area],
            "rules": ["PREM-011"],
        },
    ]
    # With an incident, so that COND-012 reports on it (citing its reference only).
    data["monitoring_reports"] = [
        *data.get("monitoring_reports", []),
        {
            "reference": "MON-X",
            "area": area,
            "reported_on": "2026-05-20",
            "period_end": "2026-05-15",
            "monitored_by": "ngo",
            "incidents": [{"kind": "arrest_or_detention", "count": 1}],
        },
    ]
    # An older region-level assessment, so that its list of areas is planted too.
    data["assessments"] = [
        *data["assessments"],
        {"reference": "ASM-RX", "areas": [area], "assessed_on": "2025-01-01", "sources": ["x"]},
    ]
    assessment = data["assessments"][0]["reference"]
    households = data["households"]
    if len(households) > 1 and households[0]["members"]:
        # A family link to another household, so that the reference it holds is planted too.
        households[0]["members"][0]["family_links"] = [
            {
                "relationship": "sibling",
                "whereabouts": "other_household",
                "household": households[1]["reference"],
                "returns": True,
            }
        ]
    for household in data["households"]:
        for person in household["members"]:
            person.update(
                name="a name",
                document_number="a number",
                phone_number="a phone",
                notes="a note",
                status_label="refugee",
                specific_needs=["medical"],
                intended_return_area=household.get("intended_return_area") or area,
            )
            person["best_interests_determination"] = {
                "completed_on": "2026-05-15",
                "outcome": "return_in_best_interests",
                "authority": "panel",
            }
            person["consent"] = [
                *person.get("consent", []),
                {
                    "kind": "information_session",
                    "at": "2026-05-18T10:00:00+00:00",
                    "language": "pt",
                    "assessment": assessment,
                },
            ]
    return data


def _waiver(code: str, subject: str, number: int, as_of: pendulum.Date) -> dict[str, Any]:
    return {
        "code": code,
        "subject": subject,
        "justification": f"justification {number} long enough for the minimum",
        "approved_by": f"approver {number}",
        "granted_on": as_of.subtract(days=10).isoformat(),
        "expires_on": as_of.add(days=30).isoformat(),
        "decision_record": f"record {number}",
    }


def with_waivers(document: dict[str, Any], as_of: pendulum.Date) -> dict[str, Any]:
    """``document`` with a waiver of one of its own open findings (so a waived finding carries
    the waiver into the report) and a waiver of a subject with no such finding."""
    data = copy.deepcopy(document)
    report = repatguard.check(repatguard.load(data), as_of=as_of, reveal_references=True)
    registry = builtin_registry()
    waivable = [
        f for f in report.findings if f.code in registry and registry.get(f.code).meta.waivable
    ]
    person = data["households"][0]["members"][0]["reference"]
    data["waivers"] = [_waiver("VOL-001", person, 2, as_of)]
    if waivable:
        data["waivers"].insert(0, _waiver(waivable[0].code, waivable[0].subject, 1, as_of))
    return data


# ---------------------------------------------------------------------------------------------
# Planting


@attrs.frozen
class Planted:
    document: dict[str, Any]
    canaries: dict[str, Field]
    """Each canary and the field it was planted in (referring fields repeat their target's)."""

    def of(self, field: Field) -> list[str]:
        return [canary for canary, where in self.canaries.items() if where == field]


class _Planter:
    def __init__(self, first: int) -> None:
        self.numbers = itertools.count(first)
        self.canaries: dict[str, Field] = {}
        self.references: dict[str, dict[str, str]] = {}
        """Class name -> original reference -> its canary."""

    def canary(self, field: Field) -> str:
        text = f"CANARY-{next(self.numbers)}-x"
        self.canaries[text] = field
        if field == ("Waiver", "justification"):
            text += " is the reason this waiver was approved"  # at least 30 characters
        return text

    def plant(self, value: dict[str, Any], cls: type) -> None:
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            current = value.get(field.name)
            if current is None:
                continue
            key = (cls.__name__, field.name)
            kind = _kind(hints[field.name])
            if kind == "record":
                self.plant(current, _nested(hints[field.name]))
            elif kind == "records":
                for item in current:
                    self.plant(item, _nested(hints[field.name]))
            elif key in NOT_FREE_TEXT or key in REFERS:
                continue
            elif kind == "text":
                value[field.name] = self.canary(key)
                if field.name == "reference":
                    self.references.setdefault(cls.__name__, {})[current] = value[field.name]
            elif kind == "texts":
                value[field.name] = [self.canary(key) for _ in current]

    def relink(self, value: dict[str, Any], cls: type) -> None:
        """Point every referring field at the canary of the record it refers to."""
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            current = value.get(field.name)
            if current is None:
                continue
            kind = _kind(hints[field.name])
            target = REFERS.get((cls.__name__, field.name))
            if kind == "record":
                self.relink(current, _nested(hints[field.name]))
            elif kind == "records":
                for item in current:
                    self.relink(item, _nested(hints[field.name]))
            elif target is not None and kind == "text":
                value[field.name] = self._target(target, current)
            elif target is not None and kind == "texts":
                value[field.name] = [self._target(target, item) for item in current]

    def _target(self, target: str, reference: str) -> str:
        tables = self.references.values() if target == "*" else [self.references[target]]
        for table in tables:
            if reference in table:
                return table[reference]
        raise AssertionError(f"no {target} with reference {reference!r}")


def plant(document: dict[str, Any], first: int = 1) -> Planted:
    """A copy of ``document`` with a canary in every free-text field and every reference."""
    data = copy.deepcopy(document)
    planter = _Planter(first)
    planter.plant(data, Operation)
    planter.relink(data, Operation)
    return Planted(document=data, canaries=dict(planter.canaries))


def _seeds() -> list[tuple[str, dict[str, Any], pendulum.Date]]:
    from repatguard.examples import examples

    found = [("sound", _document(sound_operation()), AS_OF)]
    for item in examples():
        text = resources.files("repatguard.examples").joinpath(item.file).read_text("utf-8")
        found.append((item.name, json.loads(text), pendulum.Date.fromisoformat(str(item.as_of))))
    return found


@functools.cache
def planted_seeds() -> list[tuple[str, Planted, pendulum.Date]]:
    """Each seed, enriched, given waivers, then planted (canaries numbered apart)."""
    found = []
    for number, (name, document, as_of) in enumerate(_seeds()):
        planted = plant(with_waivers(enriched(document), as_of), first=1000 * (number + 1))
        found.append((name, planted, as_of))
    return found


def test_the_planted_documents_are_valid_and_cover_every_planted_field() -> None:
    covered: set[Field] = set()
    for name, planted, _ in planted_seeds():
        operation = repatguard.load(planted.document)  # valid: raises otherwise
        assert operation.waivers, name
        covered |= set(planted.canaries.values())
        text = json.dumps(planted.document)
        assert all(canary in text for canary in planted.canaries)
    assert covered == set(PLANTED)


def test_a_waiver_matches_a_finding_in_some_seed() -> None:
    # Otherwise no output would carry a waiver, and its fields would be tested only as inputs.
    waived = 0
    for _, planted, as_of in planted_seeds():
        report = repatguard.check(repatguard.load(planted.document), as_of=as_of)
        waived += sum(1 for f in report.findings if f.waiver is not None)
    assert waived


# ---------------------------------------------------------------------------------------------
# Outputs


def _report_renderers() -> list[tuple[str, Callable[..., Any], bool]]:
    """``(name, function, takes many)`` for every public function of repatguard.render whose
    first parameter is a Report (or a sequence of them) and that needs nothing else."""
    found: dict[str, tuple[str, Callable[..., Any], bool]] = {}
    package = repatguard.render
    modules = [package] + [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
    ]
    for module in modules:
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or not function.__module__.startswith(package.__name__):
                continue
            parameters = list(inspect.signature(function).parameters.values())
            if not parameters or any(
                p.default is inspect.Parameter.empty
                and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
                for p in parameters[1:]
            ):
                continue
            try:
                # The renderers name the report's types for the type checker only.
                names = {**function.__globals__, **vars(report_module)}
                hint = typing.get_type_hints(function, globalns=names).get(parameters[0].name)
            except NameError:  # an annotation only a type checker resolves
                continue
            many = typing.get_origin(hint) is not None and typing.get_args(hint) == (Report,)
            if hint is Report or many:
                found[f"{function.__module__}.{name}"] = (name, function, many)
    return sorted(found.values(), key=lambda item: item[0])


RENDERERS = _report_renderers()


def test_the_renderers_are_found() -> None:
    names = {name for name, _, _ in RENDERERS}
    assert {"to_json", "to_text", "to_markdown", "to_jsonl", "to_records"} <= names


def rendered(report: Report) -> dict[str, str]:
    """Every rendering of ``report``, by the name of the renderer."""
    found = {"repr": repr(report), "str": str(report)}
    for name, function, many in RENDERERS:
        try:
            output = function([report]) if many else function(report)
        except ImportError:  # an optional extra (pandas) that is not installed
            continue
        found[name] = output if isinstance(output, str) else repr(output)
    return found


@attrs.frozen
class Surface:
    """Where a text came from, and whether references were revealed in it."""

    where: str
    text: str
    revealed: bool = False


@contextlib.contextmanager
def captured_logs() -> Iterator[list[str]]:
    """Every log record (any logger, any level) and warning, as text, while the block runs."""
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(f"{record.name}: {record.getMessage()} {record.exc_text or ''}")

    handler = Collect(level=logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield lines
        lines.extend(str(w.message) for w in caught)
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)


def cli(argv: Sequence[str]) -> tuple[object, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code: object = main(list(argv))
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue(), err.getvalue()


FORMATS = ("text", "json", "markdown", "html", "jsonl", "junit")


def inline_surfaces(planted: Planted, as_of: pendulum.Date) -> Iterator[Surface]:
    """The library's reports, every renderer, a diff, and the report in every format."""
    operation = repatguard.load(planted.document)
    for reveal in (False, True):
        report = repatguard.check(operation, as_of=as_of, reveal_references=reveal)
        for name, text in rendered(report).items():
            yield Surface(f"inline {name}", text, reveal)
        # The decision trace, in every format: the facts each finding read, pseudonymised.
        traced = repatguard.check(operation, as_of=as_of, reveal_references=reveal, trace=True)
        for name, text in rendered(traced).items():
            yield Surface(f"inline trace {name}", text, reveal)
        later = repatguard.check(operation, as_of=as_of.add(days=200), reveal_references=reveal)
        diff = report.compare(later)
        yield Surface("inline diff", repr(diff) + json.dumps(converter().unstructure(diff)), reveal)


def cli_surfaces(planted: Planted, as_of: pendulum.Date, folder: Path) -> Iterator[Surface]:
    path = folder / "op.json"
    path.write_text(json.dumps(planted.document), encoding="utf-8")
    base = ["check", str(path), "--as-of", as_of.isoformat(), "--no-policy-file"]
    for output in FORMATS:
        for reveal in (False, True):
            extra = ["--reveal-references"] if reveal else []
            code, out, err = cli([*base, "--format", output, *extra])
            assert code in (0, 1, 2), (code, err)
            yield Surface(f"check --format {output}", out + err, reveal)
    for output in ("text", "json"):
        code, out, err = cli([*base, "--format", output, "--trace"])
        yield Surface(f"check --trace --format {output}", out + err)
    # One person's trace, asked for by the input's reference: shown by its pseudonym only.
    person = planted.document["households"][0]["members"][0]["reference"]
    code, out, err = cli(["explain", "--trace", person, str(path), "--as-of", as_of.isoformat()])
    assert code == 0, err
    yield Surface("explain --trace", out + err)
    later = (as_of.add(days=200)).isoformat()
    for output in ("text", "json"):
        code, out, err = cli(["diff", str(path), str(path), "--as-of", later, "--format", output])
        yield Surface(f"diff --format {output}", out + err)


def _shell_and_households(planted: Planted) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    document = copy.deepcopy(planted.document)
    households: list[dict[str, Any]] = document.pop("households")
    document["households"] = []
    return document, households


def _csv(households: list[dict[str, Any]]) -> str:
    import csv

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns()), extrasaction="ignore")
    writer.writeheader()
    for household in households:
        writer.writerows(household_rows(copy.deepcopy(household)))
    return out.getvalue()


def _manifests(planted: Planted, folder: Path) -> list[Path]:
    _, households = _shell_and_households(planted)
    jsonl = folder / "cases.jsonl"
    jsonl.write_text("".join(json.dumps(h) + "\n" for h in households), encoding="utf-8")
    table = folder / "cases.csv"
    table.write_text(_csv(households), encoding="utf-8")
    return [jsonl, table]


def streamed_surfaces(planted: Planted, as_of: pendulum.Date, folder: Path) -> Iterator[Surface]:
    """The streamed check of the households as a manifest: library and command line."""
    shell, _ = _shell_and_households(planted)
    shell_path = folder / "shell.json"
    shell_path.write_text(json.dumps(shell), encoding="utf-8")
    operation = repatguard.load(shell)
    for manifest in _manifests(planted, folder):
        for reveal in (False, True):
            findings, verdicts = io.StringIO(), io.StringIO()
            issues: list[ManifestIssue] = []
            result = check_manifest(
                operation,
                manifest,
                as_of=as_of,
                reveal_references=reveal,
                findings_out=findings,
                cases_out=verdicts,
                on_issue=issues.append,
            )
            texts = [findings.getvalue(), verdicts.getvalue(), repr(result), repr(issues)]
            texts += [str(issue) for issue in issues]
            texts += rendered(result.report).values()
            yield Surface(f"stream {manifest.suffix}", "\n".join(texts), reveal)
            # The decision trace: the report's, and each case's on its verdict line.
            verdicts = io.StringIO()
            traced = check_manifest(
                operation,
                manifest,
                as_of=as_of,
                reveal_references=reveal,
                cases_out=verdicts,
                trace=True,
            )
            texts = [verdicts.getvalue(), repr(traced), *rendered(traced.report).values()]
            yield Surface(f"stream trace {manifest.suffix}", "\n".join(texts), reveal)
            extra = ["--reveal-references"] if reveal else []
            for output in ("text", "json", "jsonl"):
                out_findings, out_cases = folder / "findings.out", folder / "cases.out"
                code, out, err = cli(
                    [
                        "check",
                        str(shell_path),
                        "--cases",
                        str(manifest),
                        "--as-of",
                        as_of.isoformat(),
                        "--format",
                        output,
                        "--findings-out",
                        str(out_findings),
                        "--cases-out",
                        str(out_cases),
                        "--no-policy-file",
                        *extra,
                    ]
                )
                assert code in (0, 1, 2), (code, err)
                written = out_findings.read_text("utf-8") + out_cases.read_text("utf-8")
                yield Surface(
                    f"check --cases {manifest.suffix} --format {output}",
                    out + err + written,
                    reveal,
                )
    yield from streamed_trace_surfaces(planted, as_of, folder)


def streamed_trace_surfaces(
    planted: Planted, as_of: pendulum.Date, folder: Path
) -> Iterator[Surface]:
    """``check --trace`` and ``explain --trace`` on an operation file that names its manifest."""
    shell, _ = _shell_and_households(planted)
    _manifests(planted, folder)
    path = folder / "named.json"
    path.write_text(json.dumps({**shell, "cases_manifest": "cases.jsonl"}), encoding="utf-8")
    base = [str(path), "--as-of", as_of.isoformat(), "--no-policy-file"]
    out_cases = folder / "traced-cases.out"
    for output in ("text", "json"):
        code, out, err = cli(
            ["check", *base, "--trace", "--format", output, "--cases-out", str(out_cases)]
        )
        assert code in (0, 1, 2), (code, err)
        written = out_cases.read_text("utf-8")
        assert '"trace":{' in written
        yield Surface(f"check --cases --trace --format {output}", out + err + written)
    # One person's trace, asked for by the input's reference: shown by its pseudonym only.
    person = planted.document["households"][0]["members"][0]["reference"]
    code, out, err = cli(["explain", "--trace", person, *base])
    assert code == 0, err
    yield Surface("explain --trace (manifest)", out + err)


def every_surface(folder: Path) -> tuple[tuple[Surface, ...], tuple[str, ...]]:
    """Every output of every planted seed, and the log lines and warnings they caused."""
    surfaces: list[Surface] = []
    with captured_logs() as logs:
        for _, planted, as_of in planted_seeds():
            surfaces += inline_surfaces(planted, as_of)
        for name, planted, as_of in planted_seeds():
            if name in CLI_SEEDS:
                surfaces += cli_surfaces(planted, as_of, folder)
                surfaces += streamed_surfaces(planted, as_of, folder)
    return tuple(surfaces), tuple(logs)


CLI_SEEDS = ("sound", "coerced-return-blocked")
"""The seeds also run through the command line and the streamed check (the renderers see all)."""


_ANY_CANARY = re.compile(r"canary-\d+-x")


@attrs.frozen
class Seen:
    """Where each canary was seen: (output, references revealed there)."""

    surfaces: int
    places: dict[str, frozenset[tuple[str, bool]]]


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Seen:
    folder = tmp_path_factory.mktemp("canary")
    with pytest.MonkeyPatch.context() as patch:
        # The command line keeps a project key file in the working folder: a temporary one.
        patch.chdir(folder)
        surfaces, logs = every_surface(folder)
    places: dict[str, set[tuple[str, bool]]] = {}
    for surface in surfaces:
        for found in set(_ANY_CANARY.findall(surface.text.lower())):
            places.setdefault(found, set()).add((surface.where, surface.revealed))
    for line in logs:
        for found in set(_ANY_CANARY.findall(line.lower())):
            places.setdefault(found, set()).add((f"log: {line[:100]}", False))
    frozen = {canary: frozenset(where) for canary, where in places.items()}
    return Seen(surfaces=len({s.where for s in surfaces}), places=frozen)


def _seen(canaries: Sequence[str], text: str) -> list[str]:
    lowered = text.lower()
    return [canary for canary in canaries if canary.lower() in lowered]


def _places(outputs: Seen, field: Field) -> set[tuple[str, bool]]:
    found: set[tuple[str, bool]] = set()
    for _, planted, _ in planted_seeds():
        for canary in planted.of(field):
            found |= outputs.places.get(canary.lower(), frozenset())
    return found


def test_the_outputs_are_many_and_the_search_can_fail(outputs: Seen) -> None:
    assert outputs.surfaces >= 20
    # The operation's own reference is shown by design: finding it shows the search works.
    assert _places(outputs, ("Operation", "reference"))
    assert any(revealed for _, revealed in _places(outputs, ("Person", "reference")))


@pytest.mark.parametrize("field", PLANTED, ids=[f"{c}.{f}" for c, f in PLANTED])
def test_no_output_shows_the_canary_of(field: Field, outputs: Seen) -> None:
    if field in SHOWN:
        pytest.skip(f"documented exception: {SHOWN[field]}")
    leaks = sorted(
        where for where, revealed in _places(outputs, field) if not (revealed and field in REVEALED)
    )
    assert leaks == [], f"{field[0]}.{field[1]} is shown in: {leaks}"


# ---------------------------------------------------------------------------------------------
# Canaries that make the input invalid: no error may echo them


def _member(document: dict[str, Any], index: int = 0) -> dict[str, Any]:
    person: dict[str, Any] = document["households"][0]["members"][index]
    return person


def _set(
    path: str, value: Callable[[str], Any] | None = None
) -> Callable[[dict[str, Any], str], None]:
    """A change that puts ``canary`` (or ``value(canary)``) at ``path`` (dots and [i])."""
    steps = [int(s) if s.isdigit() else s for s in re.findall(r"[^.\[\]]+", path)]

    def change(document: dict[str, Any], canary: str) -> None:
        node: Any = document
        for step in steps[:-1]:
            node = node[step]
        node[steps[-1]] = value(canary) if value is not None else canary

    return change


def _unknown_assessment(document: dict[str, Any], canary: str) -> None:
    # Every session of the person: the CSV layout keeps one session per person.
    for event in _member(document)["consent"]:
        if event["kind"] == "information_session":
            event["assessment"] = canary


def _repeat_person(document: dict[str, Any], canary: str) -> None:
    members = document["households"][0]["members"]
    members[0]["reference"] = members[1]["reference"] = canary


INVALID: dict[str, Callable[[dict[str, Any], str], None]] = {
    "a date": _set("positions_consulted_on"),
    "an instant": _set("households.0.members.0.consent.0.at"),
    "a date of birth": _set("households.0.members.0.date_of_birth"),
    "a vocabulary word": _set("movement_kind"),
    "a person's vocabulary word": _set("households.0.members.0.legal_category"),
    "a whole number": _set("population.refugees"),
    "a yes or no": _set("route_monitoring"),
    "a country code": _set("host_country"),
    "a rule code": _set("waivers.0.code"),
    "an unknown area": _set("households.0.intended_return_area"),
    "an unknown assessment": _unknown_assessment,
    "a repeated person reference": _repeat_person,
    "a list": _set("households.0.members.0.specific_needs", lambda canary: canary),
    "an object": _set("lead.co_led_platform", lambda canary: canary),
}
"""Ways a canary makes the operation invalid (each applied alone to the planted sound seed)."""

HOUSEHOLD_LEVEL = {
    "an instant",
    "a date of birth",
    "a person's vocabulary word",
    "an unknown area",
    "an unknown assessment",
    "a repeated person reference",
    "a list",
}
"""The changes that stay inside one household: also tried in a case manifest."""

VALID_IN_CSV = {"a list"}
"""Changes the CSV layout cannot express as an error (a list cell is always a list)."""

INVALID_CANARY = "CANARY-999999-x"


def _invalid_document(change: str) -> dict[str, Any]:
    document = copy.deepcopy(planted_seeds()[0][1].document)
    with_session = _member(document)["consent"]
    assert any(event.get("assessment") for event in with_session)
    INVALID[change](document, INVALID_CANARY)
    return document


def _error_texts(call: Callable[[], Any]) -> dict[str, str]:
    try:
        call()
    except InputError as exc:
        return {
            "InputError str": str(exc),
            "InputError repr": repr(exc),
            "issues": "\n".join(f"{issue} {issue!r}" for issue in exc.issues),
        }
    raise AssertionError("the input was accepted")


def _leaks(texts: dict[str, str], logs: list[str]) -> list[str]:
    found = [where for where, text in texts.items() if _seen([INVALID_CANARY], text)]
    return found + [f"log: {line[:200]!r}" for line in logs if _seen([INVALID_CANARY], line)]


@pytest.mark.parametrize("change", list(INVALID))
def test_an_operation_error_does_not_echo_the_canary(change: str, tmp_path: Path) -> None:
    document = _invalid_document(change)
    texts = _error_texts(lambda: repatguard.load(document))
    path = tmp_path / "op.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with captured_logs() as logs:
        code, out, err = cli(["check", str(path), "--as-of", AS_OF.isoformat(), "--no-policy-file"])
    assert code == 2, err
    assert "$" in err  # the error names the path of the problem
    texts.update({"check stdout": out, "check stderr": err})
    leaks = _leaks(texts, logs)
    assert not leaks, f"{change}: an error echoes the input in " + "; ".join(leaks)


def _household_lines(change: str) -> tuple[dict[str, Any], str]:
    document = _invalid_document(change)
    household = document["households"][0]
    shell = copy.deepcopy(document)
    shell["households"] = []
    return shell, json.dumps(household) + "\n"


@pytest.mark.parametrize("change", sorted(HOUSEHOLD_LEVEL))
def test_a_manifest_error_does_not_echo_the_canary(change: str, tmp_path: Path) -> None:
    shell, line = _household_lines(change)
    shell_path = tmp_path / "shell.json"
    shell_path.write_text(json.dumps(shell), encoding="utf-8")
    manifests = [tmp_path / "cases.jsonl", tmp_path / "cases.csv"]
    manifests[0].write_text(line, encoding="utf-8")
    manifests[1].write_text(_csv([json.loads(line)]), encoding="utf-8")
    if change in VALID_IN_CSV:
        manifests.pop()
    texts: dict[str, str] = {}
    with captured_logs() as logs:
        for manifest in manifests:
            kind = manifest.suffix
            issues: list[ManifestIssue] = []
            try:
                result = check_manifest(
                    repatguard.load(shell), manifest, as_of=AS_OF, on_issue=issues.append
                )
            except ManifestError as exc:
                texts[f"{kind} ManifestError"] = f"{exc} {exc!r}"
            else:
                texts[f"{kind} result.manifest"] = repr(result.manifest)
                texts[f"{kind} on_issue"] = "\n".join(f"{i} {i!r}" for i in issues)
            for output in ("text", "json"):
                argv = ["check", str(shell_path), "--cases", str(manifest), "--format", output]
                code, out, err = cli([*argv, "--as-of", AS_OF.isoformat(), "--no-policy-file"])
                assert code == 2, err
                texts[f"{kind} check --format {output} stdout"] = out
                texts[f"{kind} check --format {output} stderr"] = err
    leaks = _leaks(texts, logs)
    assert not leaks, f"{change}: a manifest error echoes the input in " + "; ".join(leaks)


def test_the_invalid_changes_really_break_the_document() -> None:
    for change in INVALID:
        with pytest.raises(InputError):
            repatguard.load(_invalid_document(change))
