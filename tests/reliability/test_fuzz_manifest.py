"""Fuzzing the case-manifest readers: JSON Lines and CSV, read by :mod:`repatguard.stream`.

A manifest has two documented outcomes (docs/streaming.md, "Bad records never disappear"):

- the file cannot be read at all: a :class:`~repatguard.stream.ManifestError` whose issues sit
  at ``$`` (the file), ``header`` or ``column N`` (a CSV header);
- otherwise a result in which every record that did not load is counted and reported as a
  :class:`~repatguard.stream.ManifestIssue` with its line (a number from 1) and a path
  starting with ``$``; while any record failed, no verdict is better than
  ``insufficient_information``.

Anything else (an exception escaping the reader, the loader or the check) fails the test. The
inputs: household records of the synthetic generator, the bundled example and a record that
fills every fact a person can carry, mutated (wrong types, huge numbers, deep nesting, long
strings, impossible dates, control characters, duplicate and unknown keys), and damage to
the file itself (byte-order marks, NUL bytes, invalid UTF-8, UTF-16 and Latin-1 text, CR and
CRLF line ends, blank lines, very long lines and cells, truncation, a changed CSV header).

Four targets, from cheap to dear:

1. one JSON Lines record through the loader both ways, the fast one (msgspec, when
   installed) and the reference one: they must give the same household or the same issues;
2. a JSON Lines file, and 3. a CSV file, through ``read_manifest`` and ``check_cases``;
4. whole streaming checks (``check_manifest``) with their outputs.

The default run tries a sample of each; ``python -m pytest -m long`` tries well over 100,000
inputs (the counts are printed at the end of the run).
"""

from __future__ import annotations

import copy
import csv
import functools
import io
import json
import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import repatguard
from repatguard.examples import example
from repatguard.model import Household, Operation
from repatguard.outcomes import Verdict
from repatguard.stream import (
    MANIFEST_CODE,
    CaseContext,
    ManifestError,
    ManifestIssue,
    case_context,
    check_cases,
    check_manifest,
    read_manifest,
)
from repatguard.stream.cases import _load
from repatguard.stream.csv_layout import columns
from repatguard.stream.fast import fast_available
from repatguard.stream.manifest import CaseRecord, Chunk
from repatguard.testing.synthetic import household_rows, synthetic_households, synthetic_operation

AS_OF = pendulum.Date(2026, 6, 1)
FAST = fast_available()

# ---------------------------------------------------------------------------------------------
# The documented outcomes

_FILE_ISSUE_PATH = re.compile(r"^(\$.*|header|column \d+)$")


def assert_file_error(error: ManifestError) -> None:
    """A manifest refused as a whole: issues at the file, its header or a column."""
    assert error.issues, "a ManifestError must carry at least one issue"
    for issue in error.issues:
        assert _FILE_ISSUE_PATH.match(issue.path), issue
        assert issue.message, issue
    assert str(error).startswith("invalid manifest")


def assert_record_issue(issue: ManifestIssue, lines: int) -> None:
    """A problem of one record: a line in the file and a path into the record."""
    if issue.source == "operation":
        assert issue.line is None, issue  # only the population counts are the operation's
        assert issue.path.startswith("$.population"), issue
    else:
        assert isinstance(issue.line, int), issue
        assert 1 <= issue.line <= lines, (issue, lines)
    assert issue.path.startswith("$"), issue
    assert issue.message, issue


def line_count(data: bytes) -> int:
    """Lines in ``data`` as the readers number them (a last line may lack its newline)."""
    return data.count(b"\n") + 1


# ---------------------------------------------------------------------------------------------
# Seeds: the operation without households, and households that load


@functools.cache
def shell() -> Operation:
    """The synthetic operation (the organised-promotion example without its households)."""
    return repatguard.load(synthetic_operation())


@functools.cache
def contexts() -> tuple[CaseContext, ...]:
    """The case-level context without the fast loader, and with it when it is installed."""
    return tuple(
        case_context(shell(), as_of=AS_OF, fast=fast)[0]
        for fast in ((False, True) if FAST else (False,))
    )


def _full_household() -> dict[str, Any]:
    """A household whose members carry every fact a person can: every converter hook of a
    person meets a value, so mutations reach all of them."""
    areas = [area["reference"] for area in synthetic_operation()["return_areas"]]
    assessment = synthetic_operation()["assessments"][0]["reference"]
    adult: dict[str, Any] = {
        "reference": "HF-1-P1",
        "legal_category": "refugee",
        "date_of_birth": "1980-04",
        "relationship_to_head": "head",
        "sex": "female",
        "specific_needs": ["medical", "older_person"],
        "unaccompanied_or_separated": False,
        "consent": [
            {"kind": "declaration", "at": "2026-05-02T10:00:00+02:00", "held_separately": True},
            {
                "kind": "information_session",
                "at": "2026-05-10T09:30:00Z",
                "language": "pt",
                "assessment": assessment,
                "disclosed_negative_findings": True,
                "understood_language": True,
                "topics_covered": ["conditions_in_return_area", "right_to_withdraw"],
            },
            {"kind": "reconfirmation", "at": "2026-05-25T14:00:00.5+00:00"},
        ],
        "return_requested_on": "2026-04-01",
        "coercion_screened_on": "2026-05-12",
        "coercion_indicators": ["threats_or_pressure"],
        "risk_profiles": ["journalists"],
        "intended_return_area": areas[-1],
        "place_of_origin": areas[0],
        "destination_chosen": True,
        "planned_departure": "2026-06-24",
        "stays_behind": False,
        "fit_to_travel": True,
        "care_plan": True,
        "trafficking_survivor": True,
        "retrafficking_risk_assessed_on": "2026-05-03",
        "retrafficking_risk_outcome": "no_risk",
        "individual_protection_assessment_on": "2026-05-04",
        "individual_protection_assessment_outcome": "no_risk",
        "status_label": "refugee",
        "status_determined_by": "unhcr",
        "identity_or_travel_document": True,
        "born_in_exile": False,
        "disaster_displaced": False,
        "disaster_nexus_assessed": True,
        "birth_registered": True,
        "proof_of_nationality": True,
        "property_claim": {
            "left_behind": True,
            "informed_of_procedure": True,
            "status": "lodged",
            "tied_to_return": False,
        },
        "protection_screening": {
            "screened_on": "2026-05-05",
            "expressed_fear_of_return": False,
            "referred_to_protection": True,
            "referral_outcome": "in_need_of_protection",
        },
        "asylum_claim": {
            "status": "withdrawn",
            "withdrawn_on": "2026-05-06",
            "withdrawal_counselled": True,
        },
        "counselled_outside_detention": True,
        "family_links": [
            {"relationship": "parent", "whereabouts": "host_country", "returns": True},
            {"relationship": "sibling", "whereabouts": "third_country", "returns": False},
        ],
        "settlement_options_offered": ["return", "local_integration"],
        "settlement_option_chosen": "return",
        "reintegration_plan": True,
        "deregistered_on": "2026-05-30",
        "departure_confirmed_on": "2026-05-31",
        "privacy_notice_given": True,
        "name": "Invented Name",
        "document_number": "X-000",
        "phone_number": "+000",
        "notes": "invented",
    }
    child: dict[str, Any] = {
        "reference": "HF-1-P2",
        "legal_category": "refugee",
        "age": 9,
        "relationship_to_head": "child",
        "unaccompanied_or_separated": True,
        "best_interests_determination": {
            "completed_on": "2026-05-15",
            "outcome": "return_in_best_interests",
            "authority": "BID panel",
        },
        "child_safeguards": {
            "child_view_recorded": True,
            "caregiver_consent": True,
            "tracing_status": "family_located",
            "reception_care_verified": True,
        },
        "consent": [{"kind": "withdrawal", "at": "2026-05-31T08:00:00+00:00"}],
    }
    return {
        "reference": "HF-1",
        "intended_return_area": areas[0],
        "planned_departure": "2026-06-25",
        "members": [adult, child],
    }


def _example_households() -> list[dict[str, Any]]:
    """The households of the organised-promotion example, which the synthetic operation is."""
    source = resources.files("repatguard.examples").joinpath(example("organised-promotion").file)
    households: list[dict[str, Any]] = json.loads(source.read_text("utf-8"))["households"]
    return households


@functools.cache
def seed_households() -> tuple[dict[str, Any], ...]:
    """The full household, the example's and some synthetic ones (a few with children)."""
    found = [_full_household(), *_example_households()]
    found += synthetic_households(24, seed=20261212)
    return tuple(json.loads(json.dumps(found)))


def test_every_seed_household_loads() -> None:
    # Mutations start from valid records; otherwise they would test little.
    chunk = Chunk(source="m.jsonl", format="jsonl", records=())
    for household in seed_households():
        record = CaseRecord(index=0, line=1, data=json.dumps(household).encode())
        loaded, issues = _load(chunk, record)
        assert issues == []
        assert isinstance(loaded, Household)


def test_the_full_household_fills_every_csv_column() -> None:
    rows = list(household_rows(copy.deepcopy(_full_household())))
    filled = {name for row in rows for name, cell in row.items() if cell}
    assert set(columns()) - filled == set()


# ---------------------------------------------------------------------------------------------
# Mutating a household record


@attrs.frozen
class Raw:
    """JSON text put into the output as is (huge numbers, NaN, deep nesting, escapes)."""

    text: str


@attrs.frozen
class Pairs:
    """An object with these key/value pairs, repeated keys included."""

    pairs: tuple[tuple[str, Any], ...]


def dumps(value: Any) -> str:
    """JSON text for a mutated record, which may hold Raw and Pairs parts."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, Pairs):
        return "{" + ",".join(f"{json.dumps(k)}:{dumps(v)}" for k, v in value.pairs) + "}"
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{dumps(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(dumps(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


WRONG_TYPES: tuple[Any, ...] = (None, True, False, 0, -1, 1.5, "", "x", "3", "true", [], {}, [1])
HUGE = (
    "1e400",
    "-1e400",
    "9" * 5000,
    "1" * 400,
    "18446744073709551616",
    "-9223372036854775809",
    "1E+308",
    "0.1e-400",
    "NaN",
    "-Infinity",
)
DATES = (
    "0000-00-00",
    "2025-02-30",
    "2026-13-01",
    "9999-12-31",
    "0001-01-01",
    "2026-1-1",
    "2026-06",
    "2026",
    "٢٠٢٦-٠٦-٠١",
    "2026-06-01T00:00:00+00:00",
    "2026-05-01T10:00:00+25:00",
    "2026-05-01T10:00:00",
    "9999-12-31T23:59:59-23:59",
    "0001-01-01T00:00:00+01:00",
)
ODD_TEXT = (
    "\x00",
    "\x1b]0;title\x07",
    "\x1b[2J",
    "\u202e\u200b",
    "\ufeff",
    "\u2028",
    "\U0001f600",
    "é" * 50,
    " AREA-N",
    "AREA-N\n",
)
ESCAPES = ('"\\ud800"', '"\\udfff\\ud800"', '"\\u0000"', '"caf\\u00e9"', '"say \\"go\\""')
UNKNOWN_KEYS = ("colour", "", " reference", "$", "a.b", "[0]", "reference\x00")


def _nodes(tree: Any) -> list[tuple[Any, Any]]:
    """Every (container, key-or-index) in ``tree``, so that any node can be replaced."""
    found: list[tuple[Any, Any]] = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            for key, child in node.items():
                found.append((node, key))
                stack.append(child)
        elif isinstance(node, list):
            for index, child in enumerate(node):
                found.append((node, index))
                stack.append(child)
    return found


def _deep(rng: random.Random) -> Raw:
    depth = rng.choice([31, 32, 33, 200, 1_000, 5_000, 100_000])
    if rng.random() < 0.5:
        return Raw('{"a":' * depth + "1" + "}" * depth)
    return Raw("[" * depth + "]" * depth)


def _replacement(rng: random.Random, current: Any) -> Any:
    kind = rng.randrange(9)
    if kind == 0:
        return copy.deepcopy(rng.choice(WRONG_TYPES))
    if kind == 1:
        return Raw(rng.choice(HUGE))
    if kind == 2:
        return _deep(rng)
    if kind == 3:
        return rng.choice(["x", "é", "\U0001f600"]) * rng.choice([100, 5_000, 70_000])
    if kind == 4:
        return rng.choice(DATES)
    if kind == 5:
        return rng.choice(ODD_TEXT)
    if kind == 6:
        return Raw(rng.choice(ESCAPES))
    if kind == 7 and isinstance(current, list):
        return [copy.deepcopy(item) for item in current * rng.choice([0, 2, 30])]
    if kind == 8 and isinstance(current, dict) and current:
        pairs = list(current.items())
        pairs.append(copy.deepcopy(rng.choice(pairs)))
        return Pairs(tuple(pairs))
    return copy.deepcopy(rng.choice(WRONG_TYPES))


def mutate(tree: Any, rng: random.Random) -> Any:
    """One mutation of ``tree`` (in place where possible); returns the new root."""
    nodes = _nodes(tree)
    if not nodes or rng.random() < 0.02:
        return _replacement(rng, tree)
    container, key = rng.choice(nodes)
    roll = rng.random()
    if roll < 0.1 and isinstance(container, dict):
        del container[key]
    elif roll < 0.18 and isinstance(container, dict):
        container[rng.choice(UNKNOWN_KEYS)] = 1
    else:
        container[key] = _replacement(rng, container[key])
    return tree


def mutated_record(rng: random.Random, mutations: int = 3) -> str:
    """JSON text of a seed household after one to ``mutations`` mutations."""
    tree: Any = copy.deepcopy(rng.choice(seed_households()))
    for _ in range(rng.randint(1, mutations)):
        tree = mutate(tree, rng)
    return dumps(tree)


BAD_BYTES = (b"\xff", b"\xfe\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf5\x80", b"\xc0\xaf", b"\x80")


def damaged_line(text: str, rng: random.Random) -> bytes:
    """The bytes of one line, damaged the way files in the wild are."""
    kind = rng.randrange(10)
    cut = rng.randrange(len(text) + 1)
    if kind == 0:
        return b"\xef\xbb\xbf" + text.encode()  # a byte-order mark
    if kind == 1:
        return text[:cut].encode() + b"\x00" + text[cut:].encode()
    if kind == 2:
        return text[:cut].encode() + rng.choice(BAD_BYTES) + text[cut:].encode()
    if kind == 3:
        return text.encode("utf-16")
    if kind == 4:
        return text.replace('"', "é", 1).encode("latin-1", "replace")
    if kind == 5:
        return text[:cut].encode()  # truncated
    if kind == 6:
        return text.encode() + rng.choice([b"}", b",", b" x", b"\x00", b"//", b"\r"])
    if kind == 7:
        return text[:cut].encode() + b"\r" + text[cut:].encode()
    if kind == 8:
        return text.replace(":", " :", 1).encode()  # space before a colon
    return text.encode("utf-8", "surrogatepass")


def record_bytes(rng: random.Random) -> bytes:
    """A record as it may appear in a manifest: mutated, and sometimes damaged."""
    text = mutated_record(rng)
    if rng.random() < 0.3:
        return damaged_line(text, rng)
    return text.encode("utf-8", "surrogatepass")


# ---------------------------------------------------------------------------------------------
# Target 1: one JSON Lines record, both loaders

_RECORD_CHUNK = Chunk(source="cases.jsonl", format="jsonl", records=())


def record_outcome(raw: bytes, line: int = 7) -> Household | None:
    """Load ``raw`` as the record on ``line``, the reference way and (when installed) the fast
    way: the same household or the same issues, each at that line and a rooted path."""
    record = CaseRecord(index=3, line=line, data=raw)
    household, issues = _load(_RECORD_CHUNK, record, False)
    if FAST:
        assert _load(_RECORD_CHUNK, record, True) == (household, issues), raw[:200]
    if household is None:
        assert issues, "a record that does not load must say why"
    for at, issue in issues:
        assert at == line, (at, issue)
        assert issue.path.startswith("$"), issue
        assert issue.message, issue
    return household


def _scaled(profile: settings, quick: int, long: int | None = None) -> settings:
    """``profile`` with ``quick`` examples in the default run; under ``-m long`` the long
    profile's count, or ``long`` for the dearer targets."""
    if profile.max_examples >= 1_000:
        return profile if long is None else settings(profile, max_examples=long)
    return settings(profile, max_examples=quick)


def test_mutated_records_load_the_same_both_ways(
    profile: settings, reliability_counts: Counter[str]
) -> None:
    @_scaled(profile, 150, long=20_000)
    @given(rng=st.randoms(use_true_random=False))
    def prop(rng: random.Random) -> None:
        for _ in range(3):
            record_outcome(record_bytes(rng))
            reliability_counts["manifest: JSON Lines record, mutated"] += 1

    prop()


def test_arbitrary_bytes_as_a_record(profile: settings, reliability_counts: Counter[str]) -> None:
    @_scaled(profile, 40)
    @given(data=st.binary(max_size=200))
    def prop(data: bytes) -> None:
        record_outcome(data)
        reliability_counts["manifest: JSON Lines record, arbitrary bytes"] += 1

    prop()


HOUSEHOLD_KEYS = st.sampled_from(["reference", "intended_return_area", "planned_departure"])
PERSON_KEYS = st.sampled_from([*sorted(_full_household()["members"][0]), "age", "colour"])
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children)
    ),
    max_leaves=8,
)


def test_records_with_arbitrary_values(profile: settings, reliability_counts: Counter[str]) -> None:
    """Records shaped like a household with arbitrary values, at the household and the person
    level, so that each hook of the converter meets every kind of JSON value."""

    @_scaled(profile, 40)
    @given(
        household=st.dictionaries(HOUSEHOLD_KEYS, JSON_VALUES, max_size=3),
        person=st.dictionaries(PERSON_KEYS, JSON_VALUES, max_size=4),
        base=st.sampled_from(seed_households()),
    )
    def prop(household: dict[str, Any], person: dict[str, Any], base: dict[str, Any]) -> None:
        record = copy.deepcopy(base)
        record.update(household)
        if isinstance(record.get("members"), list) and record["members"]:
            record["members"][0] = {**record["members"][0], **person}
        record_outcome(json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass"))
        reliability_counts["manifest: JSON Lines record, arbitrary values"] += 1

    prop()


# ---------------------------------------------------------------------------------------------
# Target 2: a JSON Lines file


def jsonl_file(rng: random.Random) -> bytes:
    """A manifest of a few records, some mutated or damaged, with odd line ends and blanks."""
    lines: list[bytes] = []
    for _ in range(rng.randint(0, 6)):
        roll = rng.random()
        if roll < 0.35:
            household = copy.deepcopy(rng.choice(seed_households()))
            lines.append(json.dumps(household).encode())
        elif roll < 0.45:
            lines.append(rng.choice([b"", b"   ", b"\t", b"\xef\xbb\xbf"]))
        else:
            lines.append(record_bytes(rng))
    end = rng.choice([b"\n", b"\n", b"\r\n", b"\r"])
    data = end.join(lines)
    if rng.random() < 0.7:
        data += end
    if rng.random() < 0.05:
        data = b"\xef\xbb\xbf" + data
    if rng.random() < 0.02:
        data += json.dumps({"reference": "LONG", "members": [], "x": "y" * (1 << 20)}).encode()
    return data


def check_file(path: Path, data: bytes, chunk_size: int) -> None:
    """Read the manifest at ``path`` (holding ``data``) in chunks and check every chunk, with
    and without the fast loader: the same issues either way."""
    lines = line_count(data)
    try:
        for chunk in read_manifest(path, chunk_size=chunk_size):
            results = [check_cases(context, chunk) for context in contexts()]
            for result in results:
                assert result.read == len(chunk.records)
                assert len(result.checked) + result.failed == result.read
                for issue in result.issues:
                    assert_record_issue(issue, lines)
            assert len({(r.issues, r.failed, r.records) for r in results}) == 1
    except ManifestError as exc:
        assert_file_error(exc)


def test_mutated_jsonl_files(
    profile: settings, reliability_counts: Counter[str], tmp_path: Path
) -> None:
    path = tmp_path / "cases.jsonl"

    @_scaled(profile, 25, long=5_000)
    @given(rng=st.randoms(use_true_random=False))
    def prop(rng: random.Random) -> None:
        data = jsonl_file(rng)
        path.write_bytes(data)
        check_file(path, data, rng.choice([1, 2, 200]))
        reliability_counts["manifest: JSON Lines file, mutated"] += 1

    prop()


# ---------------------------------------------------------------------------------------------
# Target 3: a CSV file


def _csv_text(header: list[str], rows: list[list[str]], end: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=end)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _csv_layout(rng: random.Random) -> tuple[list[str], list[list[str]]]:
    """A header (every used column, in a random order) and the rows of a few households."""
    households = [copy.deepcopy(rng.choice(seed_households())) for _ in range(rng.randint(0, 4))]
    records = [row for household in households for row in household_rows(household)]
    used = sorted({name for row in records for name in row} | {"household", "reference"})
    if rng.random() < 0.3:
        used = list(columns())
    rng.shuffle(used)
    rows = [[row.get(name, "") for name in used] for row in records]
    return used, rows


CELLS = (
    "9" * 5000,
    "1" * 400,
    "-1",
    "٣",
    " 3",
    "3.0",
    "1e3",
    "TRUE",
    "yes",
    "1",
    ";",
    ";;",
    " ; ",
    '"',
    '""',
    "\x00",
    "\x1b[31m",
    "\r",
    "\n",
    "a,b",
    *DATES,
    *ODD_TEXT,
)


def _mutate_rows(header: list[str], rows: list[list[str]], rng: random.Random) -> None:
    kind = rng.randrange(8)
    if not rows or kind == 0:
        rows.append([rng.choice(CELLS) for _ in header])
        return
    row = rng.choice(rows)
    if kind in (1, 2, 3) and row:
        row[rng.randrange(len(row))] = rng.choice(CELLS)
    elif kind == 4 and row:
        del row[rng.randrange(len(row))]  # a cell short
    elif kind == 5:
        row.append(rng.choice(CELLS))  # a cell too many
    elif kind == 6:
        rows.insert(rng.randrange(len(rows) + 1), list(row))  # a household split apart
    elif kind == 7:
        rows.insert(rng.randrange(len(rows) + 1), [])  # a blank row


def _mutate_header(header: list[str], rng: random.Random) -> None:
    kind = rng.randrange(6)
    if kind == 0 and header:
        header[rng.randrange(len(header))] = rng.choice(["colour", "", " age", "Age", "age\x00"])
    elif kind == 1 and header:
        header.append(rng.choice(header))  # a column twice
    elif kind == 2:
        for required in ("household", "reference"):
            if required in header and rng.random() < 0.5:
                header[header.index(required)] = "x-" + required
    elif kind == 3 and header:
        header[0] = "\ufeff" + header[0]
    elif kind == 4:
        header.clear()
    else:
        header.append("\ufeffhousehold")


def csv_file(rng: random.Random) -> bytes:
    header, rows = _csv_layout(rng)
    for _ in range(rng.randint(0, 3)):
        _mutate_rows(header, rows, rng)
    if rng.random() < 0.15:
        _mutate_header(header, rng)
    text = _csv_text(header, rows, rng.choice(["\n"] * 6 + ["\r\n", "\r"]))
    roll = rng.random()
    if roll < 0.05:
        text = "\ufeff" + text
    elif roll < 0.08:
        text += "x" * 140_000  # past the csv module's field size limit
    elif roll < 0.1:
        text = text[: rng.randrange(len(text) + 1)]
    data = text.encode("utf-8", "surrogatepass")
    roll = rng.random()
    if roll < 0.05:
        cut = rng.randrange(len(data) + 1)
        data = data[:cut] + rng.choice([*BAD_BYTES, b"\x00", b'"']) + data[cut:]
    elif roll < 0.07:
        data = text.encode("utf-16")
    elif roll < 0.09:
        data = text.encode("latin-1", "replace")
    return data


def test_mutated_csv_files(
    profile: settings, reliability_counts: Counter[str], tmp_path: Path
) -> None:
    path = tmp_path / "cases.csv"

    @_scaled(profile, 30, long=5_000)
    @given(rng=st.randoms(use_true_random=False))
    def prop(rng: random.Random) -> None:
        data = csv_file(rng)
        path.write_bytes(data)
        check_file(path, data, rng.choice([1, 2, 200]))
        reliability_counts["manifest: CSV file, mutated"] += 1

    prop()


def test_arbitrary_text_as_a_csv_file(
    profile: settings, reliability_counts: Counter[str], tmp_path: Path
) -> None:
    path = tmp_path / "cases.csv"
    cells = st.text(max_size=12) | st.sampled_from(CELLS)
    header = st.lists(st.sampled_from([*columns()[:12], "household", "reference"]), max_size=6)

    @_scaled(profile, 25)
    @given(head=header, rows=st.lists(st.lists(cells, max_size=6), max_size=4))
    def prop(head: list[str], rows: list[list[str]]) -> None:
        data = _csv_text(head, rows, "\n").encode("utf-8", "surrogatepass")
        path.write_bytes(data)
        check_file(path, data, 2)
        reliability_counts["manifest: CSV file, arbitrary cells"] += 1

    prop()


# ---------------------------------------------------------------------------------------------
# Target 4: the whole streaming check

OPEN_VERDICTS = {Verdict.INSUFFICIENT_INFORMATION, Verdict.BLOCKED}


def stream_outcome(path: Path, data: bytes, fast: bool) -> None:
    """The streaming check of ``path``: a file error, or a result that counts and reports every
    bad record and then holds every verdict at insufficient information or below."""
    issues: list[ManifestIssue] = []
    findings, verdicts = io.StringIO(), io.StringIO()
    try:
        result = check_manifest(
            shell(),
            path,
            as_of=AS_OF,
            fast=fast,
            chunk_size=2,
            findings_out=findings,
            cases_out=verdicts,
            on_issue=issues.append,
        )
    except ManifestError as exc:
        assert_file_error(exc)
        return
    stats = result.manifest
    assert stats.issues == len(issues)
    assert stats.checked + stats.failed == stats.cases
    lines = line_count(data)
    for issue in issues:
        assert_record_issue(issue, lines)
    for text in (findings.getvalue(), verdicts.getvalue()):
        for line in text.splitlines():
            json.loads(line)
    if stats.failed or stats.duplicates:
        assert issues
        report = result.report
        assert MANIFEST_CODE in {finding.code for finding in report.findings}
        assert report.verdict in OPEN_VERDICTS
        for area in report.area_verdicts:
            assert area.verdict in OPEN_VERDICTS, area
        for line in verdicts.getvalue().splitlines():
            assert Verdict(json.loads(line)["verdict"]) in OPEN_VERDICTS, line


def test_streaming_checks_of_mutated_manifests(
    profile: settings, reliability_counts: Counter[str], tmp_path: Path
) -> None:
    @_scaled(profile, 12, long=3_000)
    @given(rng=st.randoms(use_true_random=False), kind=st.sampled_from(["jsonl", "csv"]))
    def prop(rng: random.Random, kind: str) -> None:
        data = jsonl_file(rng) if kind == "jsonl" else csv_file(rng)
        path = tmp_path / f"cases.{kind}"
        path.write_bytes(data)
        stream_outcome(path, data, fast=FAST and rng.random() < 0.5)
        reliability_counts[f"manifest: streaming check ({kind})"] += 1

    prop()


# ---------------------------------------------------------------------------------------------
# The long sweep: seeded, exactly counted

LONG_SWEEP_ROUNDS = 20_000
"""Rounds of the long sweep: each loads three records and, every tenth, checks a file."""


@pytest.mark.long
def test_long_sweep_of_mutated_manifests(reliability_counts: Counter[str], tmp_path: Path) -> None:
    rng = random.Random(20261212)
    before = sum(reliability_counts.values())
    for number in range(LONG_SWEEP_ROUNDS):
        state = rng.getstate()
        try:
            for _ in range(3):
                record_outcome(record_bytes(rng))
                reliability_counts["manifest: JSON Lines record, sweep"] += 1
            if number % 10 == 0:
                kind = rng.choice(["jsonl", "csv"])
                data = jsonl_file(rng) if kind == "jsonl" else csv_file(rng)
                path = tmp_path / f"cases.{kind}"
                path.write_bytes(data)
                check_file(path, data, rng.choice([1, 2, 200]))
                reliability_counts[f"manifest: {kind} file, sweep"] += 1
        except BaseException as exc:
            rng.setstate(state)
            raise AssertionError(
                f"round {number} failed; replay from random.Random(20261212) at that round: "
                f"{type(exc).__name__}: {exc}"
            ) from exc
    assert sum(reliability_counts.values()) - before >= 60_000


# ---------------------------------------------------------------------------------------------
# Explicit cases, so that finding them does not depend on the sample


def _stream_bytes(tmp_path: Path, name: str, data: bytes, **kwargs: Any) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    issues: list[ManifestIssue] = []
    try:
        result = check_manifest(
            shell(), path, as_of=AS_OF, on_issue=issues.append, findings_out=io.StringIO(), **kwargs
        )
    except ManifestError as exc:
        assert_file_error(exc)
        return
    for issue in issues:
        assert_record_issue(issue, line_count(data))
    assert result.manifest.complete or result.report.verdict in OPEN_VERDICTS


_DEEP_LINES = {
    "objects": '{"a":' * 1_000 + "1" + "}" * 1_000,
    "lists": "[" * 1_000 + "]" * 1_000,
    "in a field": '{"reference":"H","members":[{"reference":"P","notes":'
    + "[" * 5_000
    + "]" * 5_000
    + "}]}",
}


@pytest.mark.parametrize("fast", [False, True], ids=["reference", "fast"])
@pytest.mark.parametrize("line", list(_DEEP_LINES.values()), ids=list(_DEEP_LINES))
def test_a_deeply_nested_record_is_a_record_issue(line: str, fast: bool) -> None:
    # Issue #12 item 6: the fast loader let a RecursionError escape.
    if fast and not FAST:
        pytest.skip("the fast extra (msgspec) is not installed")
    record = CaseRecord(index=0, line=4, data=line.encode())
    household, issues = _load(_RECORD_CHUNK, record, fast)
    assert household is None
    assert [(at, issue.path) for at, issue in issues] == [(4, "$")]


def test_a_deeply_nested_record_with_jobs_is_a_record_issue(tmp_path: Path) -> None:
    # Issue #12 item 6: with --jobs 2 the RecursionError came back as a RemoteTraceback.
    good = json.dumps(seed_households()[1])
    data = (good + "\n" + _DEEP_LINES["objects"] + "\n").encode()
    _stream_bytes(tmp_path, "deep.jsonl", data, jobs=2, fast=FAST)


@pytest.mark.parametrize(
    "record",
    [
        {"reference": "H", "planned_departure": [], "members": []},
        {"reference": "H", "planned_departure": {}, "members": []},
        {"reference": "H", "members": [{"reference": "P", "coercion_screened_on": [1]}]},
        {"reference": "H", "members": [{"reference": "P", "date_of_birth": {}}]},
        {
            "reference": "H",
            "members": [{"reference": "P", "consent": [{"kind": "declaration", "at": []}]}],
        },
    ],
    ids=["household date list", "household date object", "person date", "birth", "instant"],
)
def test_a_date_field_holding_a_list_or_an_object_is_a_record_issue(record: Any) -> None:
    # Found by this suite: the fast loader's date hook raised NotImplementedError for a value
    # that is not a string, and msgspec let it escape the streaming check.
    household = record_outcome(json.dumps(record).encode())
    assert household is None


def _date_fields(tree: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) of ``tree`` holding a date or an instant as text."""
    shape = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T.*)?)?)?$")
    return [
        (container, key)
        for container, key in _nodes(tree)
        if isinstance(container[key], str) and shape.match(container[key])
    ]


@pytest.mark.parametrize(
    "edge", ["9999-12-31", "0001-01-01", "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+23:59"]
)
def test_dates_at_the_edge_of_the_calendar_are_checked_or_refused(
    edge: str, tmp_path: Path
) -> None:
    # Issue #12 item 4 in a manifest: a date near the end of the calendar must be checked or
    # refused with its line and path, never crash the date arithmetic of the rules.
    instant = "T" in edge
    lines = []
    for position in range(len(_date_fields(_full_household()))):
        household = _full_household()
        container, key = _date_fields(household)[position]
        if ("T" in container[key]) == instant:
            container[key] = edge
            household["reference"] += f"-{position}"
            for number, member in enumerate(household["members"]):
                member["reference"] = f"{household['reference']}-P{number}"
            lines.append(json.dumps(household))
    assert len(lines) >= 3
    data = ("\n".join(lines) + "\n").encode()
    path = tmp_path / "edge.jsonl"
    path.write_bytes(data)
    check_file(path, data, 1)
    _stream_bytes(tmp_path, "edge.jsonl", data)


def test_a_whole_number_cell_of_thousands_of_digits_is_a_record_issue(tmp_path: Path) -> None:
    # Found by this suite: int() refuses more than 4,300 digits with a ValueError, which
    # escaped the CSV reader (the cell matched the pattern of a whole number).
    header = ["household", "reference", "age"]
    data = _csv_text(header, [["H-1", "H-1-P1", "9" * 5000]], "\n").encode()
    _stream_bytes(tmp_path, "digits.csv", data)


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + json.dumps({"reference": "H", "members": []}).encode() + b"\n",
        b'{"reference":"H","members":[]}\x00\n',
        b'{"reference":"H","members":[]}\r\n{"reference":"H2","members":[]}\r\n',
        b'{"reference":"H","members":[]}\r{"reference":"H2","members":[]}\r',
        json.dumps({"reference": "H", "members": []}).encode("utf-16"),
        b'{"reference":"H\xe9","members":[]}\n',
        b"\n\n   \n\t\n",
        b'{"reference":"H","members":[{"reference":"P","age":' + b"9" * 5000 + b"}]}\n",
    ],
    ids=["BOM", "NUL", "CRLF", "CR", "UTF-16", "Latin-1", "blank", "huge number"],
)
def test_odd_encodings_of_a_jsonl_manifest(data: bytes, tmp_path: Path) -> None:
    _stream_bytes(tmp_path, "odd.jsonl", data, fast=FAST)


@pytest.mark.parametrize(
    "data",
    [
        "\ufeffhousehold,reference\nH,P\n".encode(),
        b"household,reference\nH,P\x00\n",
        b"household,reference\r\nH,P\r\n",
        b"household,reference\rH,P\r",
        "household,reference\nH,P\n".encode("utf-16"),
        b"household,reference\nH\xe9,P\n",
        b"household,reference\n" + b"H," + b"x" * 140_000 + b"\n",
        b'household,reference\n"H,P\n',
        b"",
        b"\n\n",
    ],
    ids=[
        "BOM",
        "NUL",
        "CRLF",
        "CR",
        "UTF-16",
        "Latin-1",
        "long cell",
        "open quote",
        "empty",
        "blank",
    ],
)
def test_odd_encodings_of_a_csv_manifest(data: bytes, tmp_path: Path) -> None:
    _stream_bytes(tmp_path, "odd.csv", data)


def test_a_line_past_the_record_bound_is_a_record_issue(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from repatguard.stream import manifest

    monkeypatch.setattr(manifest, "MAX_RECORD_BYTES", 1_000)
    good = json.dumps({"reference": "H", "members": []})
    long_line = json.dumps({"reference": "L", "members": [], "x": "y" * 5_000})
    data = f"{good}\n{long_line}\n{good.replace('H', 'H2')}\n".encode()
    issues: list[ManifestIssue] = []
    path = tmp_path / "long.jsonl"
    path.write_bytes(data)
    result = check_manifest(shell(), path, as_of=AS_OF, on_issue=issues.append)
    assert [(issue.line, issue.path) for issue in issues] == [(2, "$")]
    assert result.manifest.failed == 1
    assert result.manifest.cases == 3


def _replay(make: Callable[[random.Random], bytes], seed: int) -> Iterator[bytes]:
    rng = random.Random(seed)
    for _ in range(5):
        yield make(rng)


def test_the_generators_make_what_they_promise() -> None:
    # The damage must reach the readers: some files bad, some good, both formats.
    jsonl = list(_replay(jsonl_file, 1)) + list(_replay(jsonl_file, 2))
    assert any(b"\n" in data for data in jsonl)
    csvs = list(_replay(csv_file, 3))
    assert any(data.startswith((b"household", b"reference")) or b"," in data for data in csvs)
    rng = random.Random(4)
    records = [CaseRecord(index=0, line=1, data=record_bytes(rng)) for _ in range(200)]
    loaded = [_load(_RECORD_CHUNK, record, False)[0] for record in records]
    assert any(household is not None for household in loaded)
    assert any(household is None for household in loaded)
