"""Fuzzing the loader: whatever the input, the outcome is a model or an InputError whose every
issue has a path starting with ``$``; never another exception, never a hang.

Inputs are arbitrary JSON values, arbitrary bytes and text, and valid documents (the bundled
examples and the sound operation) mutated: keys dropped, values of the wrong type, huge
numbers, deep nesting, very long strings, invalid UTF-8, duplicate keys, NaN and infinities,
impossible dates and offsets, lone surrogates, truncation. Every model that loads is also
checked and rendered, which must not raise either.

The default run tries a few hundred inputs; ``python -m pytest -m long`` tries well over
100,000 (the counts are printed at the end of the run).
"""

from __future__ import annotations

import copy
import json
import math
import random
import sys
from collections import Counter
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import repatguard
from repatguard.errors import InputError
from repatguard.io.converter import converter
from repatguard.model import Operation
from repatguard.render import to_json, to_text
from repatguard.testing.factories import AS_OF, sound_operation

load_module = sys.modules["repatguard.io.load"]

# ---------------------------------------------------------------------------------------------
# The one acceptable outcome


def outcome(call: Callable[[], Operation], *, check_model: bool = False) -> Operation | None:
    """The model ``call`` loads, or ``None`` after an acceptable InputError; anything else
    propagates and fails the test. With ``check_model`` a loaded model is also checked and
    rendered, which must not raise either."""
    error: InputError | None = None
    operation: Operation | None = None
    try:
        operation = call()
    except InputError as exc:
        error = exc
    if error is not None:
        assert error.issues, "an InputError must carry at least one issue"
        for issue in error.issues:
            assert issue.path.startswith("$"), issue
            assert isinstance(issue.message, str)
            assert issue.message
        assert str(error).startswith("invalid input")
        return None
    assert isinstance(operation, Operation)
    # An operation whose households are in a case manifest is checked by the streaming check;
    # check() refuses it by design (a ValueError naming repatguard.stream).
    if check_model and getattr(operation, "cases_manifest", None) is None:
        report = repatguard.check(operation, as_of=AS_OF)
        to_json(report)
        to_text(report)
    return operation


# ---------------------------------------------------------------------------------------------
# Seed documents


def _seed_documents() -> list[dict[str, Any]]:
    examples = resources.files("repatguard.examples")
    documents = [
        json.loads(item.read_text(encoding="utf-8"))
        for item in sorted(examples.iterdir(), key=lambda i: i.name)
        if item.name.endswith(".json")
    ]
    documents.append(json.loads(json.dumps(converter().unstructure(sound_operation()))))
    return documents


SEEDS = _seed_documents()


def test_every_seed_document_loads() -> None:
    # The mutations below start from valid documents; otherwise they would test little.
    assert len(SEEDS) >= 6
    for document in SEEDS:
        assert isinstance(repatguard.load(document), Operation)


# ---------------------------------------------------------------------------------------------
# Mutations


class Raw:
    """JSON text inserted as is (NaN, Infinity, lone surrogate escapes, huge exponents)."""

    def __init__(self, text: str) -> None:
        self.text = text


class Pairs:
    """An object written with the given key/value pairs, repeated keys included."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        self.pairs = pairs


class Deep:
    """``depth`` nested lists (or objects), written without recursion."""

    def __init__(self, depth: int, objects: bool) -> None:
        self.depth = depth
        self.objects = objects


def dumps(value: Any) -> str:
    """JSON text for a mutated tree (which may hold Raw, Pairs and Deep parts)."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, Deep):
        if value.objects:
            return '{"a":' * value.depth + "1" + "}" * value.depth
        return "[" * value.depth + "]" * value.depth
    if isinstance(value, Pairs):
        return "{" + ",".join(f"{json.dumps(k)}:{dumps(v)}" for k, v in value.pairs) + "}"
    if isinstance(value, dict):
        return "{" + ",".join(f"{json.dumps(k)}:{dumps(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(dumps(v) for v in value) + "]"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    return json.dumps(value, ensure_ascii=False)


def _nodes(tree: Any) -> list[tuple[Any, Any]]:
    """Every (container, key-or-index) pair in ``tree``, so a node can be replaced."""
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


BAD_DATES = [
    "0000-00-00",
    "2025-02-30",
    "2026-13-01",
    "2026-00-10",
    "2026-1-1",
    "20260101",
    "9999-12-31",
    "0001-01-01",
    "2026-06-01T00:00:00+00:00",
    "",
    " 2026-06-01",
    "2026-06-01\n",
    "٢٠٢٦-٠٦-٠١",  # Arabic-Indic digits match \d
]
BAD_INSTANTS = [
    "2026-05-01T10:00:00+25:00",
    "2026-05-01T10:00:00-24:00",
    "2026-05-01T24:00:00+00:00",
    "2026-05-01T10:60:00Z",
    "2026-02-30T10:00:00Z",
    "0000-00-00T00:00:00Z",
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59-23:59",
    "2026-05-01T10:00:00",
    "2026-05-01T10:00:00.1234567+00:00",
    "2026-05-01 10:00:00+00:00",
    "2026-05-01T10:00:00+00:00:00",
    "yesterday",
]
HUGE = [
    10**300,
    -(10**300),
    2**63,
    -(2**63) - 1,
    10**4000,
    1e308,
    -1e308,
    5e-324,
    Raw("1e400"),
    Raw("-1e400"),
    Raw("1" * 5000),
    Raw("0.0000000000000000000000000000001e-400"),
]
NOT_FINITE = [Raw("NaN"), Raw("Infinity"), Raw("-Infinity"), math.nan, math.inf]
ODD_STRINGS = [
    Raw('"\\ud800"'),
    Raw('"\\udfff\\ud800"'),
    "\u0000",
    "\u202e\u200b",
    "\ufeff",
    "Zebulon Quixote-Marmaduke",
    "AGO ",
    "ago",
    "promoting ",
]
WRONG_TYPES: list[Any] = [None, True, False, 0, -1, 1.5, "", "x", [], {}, [1], {"a": 1}, "true"]


def _wrong_type(rng: random.Random) -> Any:
    """A fresh copy: a shared list or object put into two trees, or twice into one, would be
    mutated through both places (and could end up containing itself)."""
    return copy.deepcopy(rng.choice(WRONG_TYPES))


def mutate(tree: Any, rng: random.Random) -> Any:
    """One mutation of ``tree`` (in place where possible); returns the new root."""
    nodes = _nodes(tree)
    if not nodes:
        return _wrong_type(rng)
    container, key = rng.choice(nodes)
    current = container[key]
    kind = rng.randrange(12)
    if kind == 0 and isinstance(container, dict):
        del container[key]
    elif kind == 1:
        container[key] = _wrong_type(rng)
    elif kind == 2:
        container[key] = rng.choice(HUGE)
    elif kind == 3:
        container[key] = Deep(rng.choice([8, 33, 34, 200, 5_000, 100_000]), rng.random() < 0.5)
    elif kind == 4:
        container[key] = rng.choice(["x", "é", "\U0001f600"]) * rng.choice([1_000, 100_000])
    elif kind == 5:
        container[key] = rng.choice(BAD_DATES + BAD_INSTANTS)
    elif kind == 6:
        container[key] = rng.choice(NOT_FINITE)
    elif kind == 7:
        container[key] = rng.choice(ODD_STRINGS)
    elif kind == 8 and isinstance(current, dict) and current:
        pairs = list(current.items())
        repeated_key, repeated_value = rng.choice(pairs)
        pairs.append((repeated_key, copy.deepcopy(repeated_value)))
        container[key] = Pairs(pairs)
    elif kind == 9 and isinstance(container, dict):
        container[rng.choice(["colour", "", "reference ", "$", "a.b", "[0]"])] = 1
    elif kind == 10 and isinstance(current, list):
        container[key] = [copy.deepcopy(item) for item in current * rng.choice([0, 2, 50])]
    elif kind == 11 and isinstance(current, int) and not isinstance(current, bool):
        container[key] = rng.choice([-1, -(10**20), current + 10**6])
    else:
        container[key] = _wrong_type(rng)
    return tree


def _copy(document: dict[str, Any]) -> dict[str, Any]:
    copied: dict[str, Any] = json.loads(json.dumps(document))
    return copied


def text_damage(text: str, rng: random.Random) -> str:
    """Damage at the level of the text: truncation, a BOM, trailing garbage, a stray byte."""
    kind = rng.randrange(5)
    if kind == 0:
        return text[: rng.randrange(len(text) + 1)]
    if kind == 1:
        return "\ufeff" + text
    if kind == 2:
        return text + rng.choice(["}", ",", " x", "\x00", "//"])
    if kind == 3:
        cut = rng.randrange(len(text) + 1)
        return text[:cut] + rng.choice(['"', "{", "]", "\\", "\n"]) + text[cut:]
    return text.replace('"', "'", 1)


BAD_BYTES = [b"\xff", b"\xfe\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf5\x80", b"\xc0\xaf", b"\x80"]


def byte_damage(data: bytes, rng: random.Random) -> bytes:
    cut = rng.randrange(len(data) + 1)
    return data[:cut] + rng.choice(BAD_BYTES) + data[cut:]


# ---------------------------------------------------------------------------------------------
# One fuzz round: a seed, some mutations, loaded as a mapping, as text and as a file


def fuzz_round(rng: random.Random, path: Path, counts: Counter[str], mutations: int = 4) -> None:
    tree: Any = _copy(rng.choice(SEEDS))
    for _ in range(rng.randint(1, mutations)):
        tree = mutate(tree, rng)
    text = dumps(tree)
    check_model = rng.random() < 0.1
    outcome(lambda: repatguard.load_text(text, format="json"), check_model=check_model)
    counts["loader: mutated document (text)"] += 1
    if rng.random() < 0.3:
        damaged = text_damage(text, rng)
        outcome(lambda: repatguard.load_text(damaged, format="json"))
        counts["loader: damaged text"] += 1
    if rng.random() < 0.2:
        path.write_bytes(byte_damage(text.encode("utf-8", "surrogatepass"), rng))
        outcome(lambda: repatguard.load(path))
        counts["loader: invalid UTF-8 file"] += 1
    if isinstance(tree, dict) and not _has_markers(tree):
        outcome(lambda: repatguard.load(tree))
        counts["loader: mutated document (mapping)"] += 1


def _has_markers(tree: Any) -> bool:
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, Raw | Pairs | Deep):
            return True
        if isinstance(node, float) and not math.isfinite(node):
            return True
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


# ---------------------------------------------------------------------------------------------
# Hypothesis-driven fuzzing (shrinks to a small failing input)

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
)


def scaled(profile: settings, quick_examples: int, long_examples: int | None = None) -> settings:
    """``profile`` with ``quick_examples`` examples in the default run; under ``-m long`` the
    long profile's own count, or ``long_examples`` for the slowest inputs."""
    if profile.max_examples >= 1_000:
        if long_examples is None:
            return profile
        return settings(profile, max_examples=long_examples)
    return settings(profile, max_examples=quick_examples)


def test_arbitrary_json_values(
    profile: settings, reliability_counts: Counter[str], tmp_path: Path
) -> None:
    @scaled(profile, 30)
    @given(value=JSON_VALUES)
    def prop(value: Any) -> None:
        text = dumps(value)
        outcome(lambda: repatguard.load_text(text, format="json"))
        reliability_counts["loader: arbitrary JSON value (text)"] += 1
        if isinstance(value, dict):
            outcome(lambda: repatguard.load(value))
            reliability_counts["loader: arbitrary JSON value (mapping)"] += 1

    prop()


def test_arbitrary_operation_shaped_objects(
    profile: settings, reliability_counts: Counter[str]
) -> None:
    """Objects with the operation's own keys and arbitrary values, so the converter's hooks
    (not just the top-level shape check) meet every kind of value."""
    keys = st.sampled_from(sorted(SEEDS[-1]))

    @scaled(profile, 30)
    @given(value=st.dictionaries(keys, JSON_VALUES, max_size=8), seed=st.sampled_from(SEEDS))
    def prop(value: dict[str, Any], seed: dict[str, Any]) -> None:
        outcome(lambda: repatguard.load({**seed, **value}), check_model=True)
        reliability_counts["loader: operation-shaped object"] += 1

    prop()


def test_mutated_documents(
    profile: settings, reliability_counts: Counter[str], tmp_path: Path
) -> None:
    @profile
    @given(rng=st.randoms(use_true_random=False))
    def prop(rng: random.Random) -> None:
        fuzz_round(rng, tmp_path / "op.json", reliability_counts)

    prop()


def test_arbitrary_bytes_in_a_file(
    profile: settings, reliability_counts: Counter[str], tmp_path: Path
) -> None:
    @profile
    @given(data=st.binary(max_size=200), suffix=st.sampled_from([".json", ".toml", ".yaml"]))
    def prop(data: bytes, suffix: str) -> None:
        path = tmp_path / f"op{suffix}"
        path.write_bytes(data)
        outcome(lambda: repatguard.load(path))
        reliability_counts["loader: arbitrary bytes in a file"] += 1

    prop()


def test_arbitrary_text_in_every_format(
    profile: settings, reliability_counts: Counter[str]
) -> None:
    @profile
    @given(text=st.text(max_size=300), fmt=st.sampled_from(["json", "toml", "yaml"]))
    def prop(text: str, fmt: Any) -> None:
        outcome(lambda: repatguard.load_text(text, format=fmt))
        reliability_counts[f"loader: arbitrary text ({fmt})"] += 1

    prop()


def test_arbitrary_strings_taken_as_file_names(
    profile: settings, reliability_counts: Counter[str]
) -> None:
    # A string without a newline that does not start with "{" names a file; a name with a NUL
    # byte or of a file that does not exist is an input error too.
    names = st.text(max_size=40).filter(lambda t: "\n" not in t and not t.lstrip().startswith("{"))

    @scaled(profile, 30)
    @given(name=names, suffix=st.sampled_from(["", ".json", ".toml", ".yaml", ".txt"]))
    def prop(name: str, suffix: str) -> None:
        outcome(lambda: repatguard.load(name + suffix))
        reliability_counts["loader: arbitrary file name"] += 1

    prop()


def test_a_file_name_with_a_nul_byte_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        repatguard.load("op\x00.json")
    assert [(i.path, i.message) for i in caught.value.issues] == [
        ("$", "cannot read the file (ValueError)")
    ]


def test_mutated_documents_as_yaml(profile: settings, reliability_counts: Counter[str]) -> None:
    yaml = pytest.importorskip("yaml")

    @scaled(profile, 15, long_examples=2_000)  # the YAML parser is pure Python, and slow
    @given(rng=st.randoms(use_true_random=False))
    def prop(rng: random.Random) -> None:
        tree: Any = _copy(SEEDS[-1])  # the smallest seed: the YAML parser is slow
        for _ in range(rng.randint(1, 3)):
            tree = mutate(tree, rng)
        if _has_markers(tree) or len(json.dumps(tree)) > 20_000:
            return  # markers are JSON-only; very long strings only make the pure-Python parser slow
        text = yaml.safe_dump(tree)
        outcome(lambda: repatguard.load_text(text, format="yaml"))
        reliability_counts["loader: mutated document (YAML)"] += 1

    prop()


# ---------------------------------------------------------------------------------------------
# The long sweep: seeded, exactly counted, fast enough for 100,000 inputs

LONG_SWEEP_ROUNDS = 80_000
"""Rounds in the long sweep; each loads one to four inputs (about 1.6 on average)."""


@pytest.mark.long
def test_long_sweep_of_mutated_documents(reliability_counts: Counter[str], tmp_path: Path) -> None:
    rng = random.Random(20260601)
    path = tmp_path / "op.json"
    before = sum(reliability_counts.values())
    for round_number in range(LONG_SWEEP_ROUNDS):
        state = rng.getstate()
        try:
            fuzz_round(rng, path, reliability_counts)
        except BaseException as exc:
            rng.setstate(state)
            raise AssertionError(
                f"round {round_number} failed; replay with random.Random().setstate(...) "
                f"at that round: {type(exc).__name__}: {exc}"
            ) from exc
    assert sum(reliability_counts.values()) - before >= 100_000


# ---------------------------------------------------------------------------------------------
# The bounds, one by one


def test_a_document_past_the_size_bound_is_refused_at_the_root(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    text = json.dumps(SEEDS[-1])
    monkeypatch.setattr(load_module, "MAX_DOCUMENT_BYTES", len(text.encode()) - 1)
    with pytest.raises(InputError) as caught:
        repatguard.load_text(text, format="json")
    assert [(i.path, "larger than" in i.message) for i in caught.value.issues] == [("$", True)]
    path = tmp_path / "op.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as from_file:
        repatguard.load(path)
    assert [i.path for i in from_file.value.issues] == ["$"]
    assert from_file.value.source == str(path)


def test_the_size_bound_counts_bytes_not_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    document = {**SEEDS[-1], "reference": "é" * 2000}
    text = json.dumps(document, ensure_ascii=False)
    monkeypatch.setattr(load_module, "MAX_DOCUMENT_BYTES", len(text) + 1000)
    assert len(text) < load_module.MAX_DOCUMENT_BYTES < len(text.encode())
    with pytest.raises(InputError, match="larger than"):
        repatguard.load_text(text, format="json")


def test_the_bounds_are_generous_for_real_documents() -> None:
    assert load_module.MAX_DOCUMENT_BYTES >= 16 * 1024 * 1024
    assert load_module.MAX_DEPTH >= 16


@pytest.mark.parametrize("objects", [False, True])
def test_nesting_just_past_the_depth_bound_is_refused_at_the_root(objects: bool) -> None:
    depth = load_module.MAX_DEPTH  # the root object is level 1, so this is one level too deep
    value = Deep(depth, objects)
    with pytest.raises(InputError) as caught:
        repatguard.load_text(dumps({**SEEDS[-1], "notes": value}), format="json")
    assert [(i.path, "deeper than" in i.message) for i in caught.value.issues] == [("$", True)]


def test_nesting_within_the_depth_bound_reaches_the_converter() -> None:
    value = Deep(load_module.MAX_DEPTH - 2, False)
    with pytest.raises(InputError) as caught:
        repatguard.load_text(dumps({**SEEDS[-1], "colour": value}), format="json")
    assert [(i.path, i.message) for i in caught.value.issues] == [("$.colour", "unknown field")]


@pytest.mark.parametrize("fmt", ["json", "toml", "yaml"])
def test_nesting_deep_enough_to_exhaust_the_parser_stack_is_an_input_error(fmt: Any) -> None:
    # Past what the parsers' recursion survives under the default limit of 1,000 frames: the
    # YAML composer and tomllib take two or more frames a level (JSON's C parser is fast, so
    # it goes much deeper). Either way the outcome must be the same InputError.
    depth = 100_000 if fmt == "json" else max(600, sys.getrecursionlimit() * 6 // 10)
    if fmt == "json":
        text = "[" * depth + "]" * depth
    elif fmt == "toml":
        text = "a = " + "[" * depth + "]" * depth
    else:
        pytest.importorskip("yaml")
        text = "a: " + "[" * depth + "]" * depth
    with pytest.raises(InputError) as caught:
        repatguard.load_text(text, format=fmt)
    assert [i.path for i in caught.value.issues] == ["$"]


def test_a_deep_mapping_passed_directly_is_refused_without_recursion() -> None:
    value: dict[str, Any] = {}
    for _ in range(100_000):
        value = {"a": value}
    with pytest.raises(InputError, match="deeper than"):
        repatguard.load({**SEEDS[-1], "notes": value})


def test_a_yaml_alias_bomb_is_refused_by_the_value_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("yaml")
    monkeypatch.setattr(load_module, "MAX_VALUES", 100_000)
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    with pytest.raises(InputError) as caught:
        repatguard.load_text("\n".join(lines) + "\n", format="yaml")
    assert [(i.path, "more than" in i.message) for i in caught.value.issues] == [("$", True)]


def test_a_lone_surrogate_is_refused_with_its_path() -> None:
    document = _copy(SEEDS[-1])
    document["households"][0]["reference"] = Raw('"\\ud800"')
    with pytest.raises(InputError) as caught:
        repatguard.load_text(dumps(document), format="json")
    assert [i.path for i in caught.value.issues] == ["$.households[0].reference"]


def test_a_yaml_key_that_is_not_text_is_refused() -> None:
    pytest.importorskip("yaml")
    text = "reference: OP\nhost_country: ZMB\norigin_country: AGO\nmovement_kind: organised\n"
    text += "1: x\n"
    with pytest.raises(InputError) as caught:
        repatguard.load_text(text, format="yaml")
    assert [(i.path, i.message) for i in caught.value.issues] == [
        ("$", "keys must be text, got a int")
    ]


@pytest.mark.parametrize(
    ("token", "expected"),
    [("NaN", "not a valid number"), ("Infinity", "not a valid number"), ("1e400", "finite")],
)
def test_not_finite_numbers_are_input_errors(token: str, expected: str) -> None:
    document = _copy(SEEDS[-1])
    document["households"][0]["members"][0]["age"] = Raw(token)
    with pytest.raises(InputError) as caught:
        repatguard.load_text(dumps(document), format="json")
    assert all(i.path.startswith("$") for i in caught.value.issues)
    assert expected in str(caught.value) or "whole number" in str(caught.value)


@pytest.mark.parametrize("value", ["0000-00-00", "2025-02-30", "2026-13-01"])
def test_impossible_dates_are_input_errors_at_their_path(value: str) -> None:
    document = _copy(SEEDS[-1])
    document["positions_consulted_on"] = value
    with pytest.raises(InputError) as caught:
        repatguard.load(document)
    assert [i.path for i in caught.value.issues] == ["$.positions_consulted_on"]


@pytest.mark.parametrize(
    "value", ["2026-05-01T10:00:00+25:00", "2026-05-01T24:00:00+00:00", "2026-02-30T10:00:00Z"]
)
def test_impossible_instants_are_input_errors_at_their_path(value: str) -> None:
    document = _copy(SEEDS[-1])
    document["households"][0]["members"][0]["consent"][0]["at"] = value
    with pytest.raises(InputError) as caught:
        repatguard.load(document)
    assert [i.path for i in caught.value.issues] == ["$.households[0].members[0].consent[0].at"]


def test_invalid_utf8_in_a_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "op.json"
    path.write_bytes(json.dumps(SEEDS[-1]).encode()[:50] + b"\xed\xa0\x80" + b"}")
    with pytest.raises(InputError) as caught:
        repatguard.load(path)
    assert [i.path for i in caught.value.issues] == ["$"]
    assert "UnicodeDecodeError" in str(caught.value)


def test_a_duplicate_key_is_an_input_error_at_its_path() -> None:
    document = _copy(SEEDS[-1])
    member = document["households"][0]["members"][0]
    document["households"][0]["members"][0] = Pairs([*member.items(), ("age", 3)])
    with pytest.raises(InputError) as caught:
        repatguard.load_text(dumps(document), format="json")
    assert [i.path for i in caught.value.issues] == ["$.households[0].members[0].age"]


def test_a_yaml_syntax_error_does_not_quote_the_offending_line() -> None:
    pytest.importorskip("yaml")
    text = 'reference: OP\nname: "Zebulon Quixote-Marmaduke": x\n'
    with pytest.raises(InputError) as caught:
        repatguard.load_text(text, format="yaml")
    assert "Zebulon" not in str(caught.value)
    assert "line 2" in str(caught.value)


def test_a_mapping_that_contains_itself_is_refused_not_a_hang() -> None:
    # Only possible from Python (no parser builds cycles); the depth bound stops the walk.
    cyclic: dict[str, Any] = {**SEEDS[-1]}
    cyclic["notes"] = cyclic
    with pytest.raises(InputError, match="deeper than"):
        repatguard.load(cyclic)


# ---------------------------------------------------------------------------------------------
# Issue #12: TOML and YAML documents mutated with the values only those formats have
#
# TOML and YAML give the converter values JSON cannot: dates, local datetimes, times, sets,
# bytes, complex keys. The mutations below write seeds in those formats and put such values
# anywhere. YAML's complex key ``? [a, b]`` raised TypeError in the strict YAML loader (issue
# #12 item 5).

TOML_VALUES = [
    "1979-05-27",
    "1979-05-27T07:32:00Z",
    "1979-05-27T07:32:00",  # a local datetime: no offset
    "1979-05-27T07:32:00.999999-07:00",
    "07:32:00",  # a time of day only
    "9999-12-31",
    "0001-01-01T00:00:00+23:59",
    "1e400",
    "-1e400",
    "nan",
    "-inf",
    "9" * 5000,
    "0x7fffffffffffffffffff",
    "1_000",
    "{}",
    "[[]]",
    "'literal \\ string'",
    '"""multi\nline"""',
]


def toml_value(value: Any) -> str | None:
    """``value`` as an inline TOML value (``None``: TOML has no null, leave the key out)."""
    if isinstance(value, Raw):
        return value.text
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)  # a TOML basic string takes JSON's escapes
    if isinstance(value, list):
        items = [toml_value(item) for item in value]
        return "[" + ", ".join(item if item is not None else '""' for item in items) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(_toml_pairs(value)) + "}"
    raise AssertionError(type(value))


def _toml_pairs(mapping: dict[str, Any]) -> list[str]:
    pairs = []
    for key, item in mapping.items():
        text = toml_value(item)
        if text is not None:
            pairs.append(f"{json.dumps(key)} = {text}")
    return pairs


def to_toml(document: dict[str, Any]) -> str:
    """A TOML document of ``document``: one line per top-level key, values inline."""
    return "\n".join(_toml_pairs(document)) + "\n"


def mutate_for_toml(tree: Any, rng: random.Random) -> Any:
    nodes = _nodes(tree)
    if nodes and rng.random() < 0.5:
        container, key = rng.choice(nodes)
        container[key] = Raw(rng.choice(TOML_VALUES))
        return tree
    return mutate(tree, rng)


def _toml_safe(tree: Any) -> bool:
    """Whether ``tree`` holds only what the TOML writer above can write."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, Pairs | Deep):
            return False
        if isinstance(node, Raw) and node.text not in TOML_VALUES:
            return False
        if isinstance(node, str) and len(node) > 20_000:
            return False
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return True


def test_the_toml_writer_round_trips_a_seed() -> None:
    for seed in SEEDS:
        assert isinstance(repatguard.load_text(to_toml(_copy(seed)), format="toml"), Operation)


def test_mutated_documents_as_toml(profile: settings, reliability_counts: Counter[str]) -> None:
    @scaled(profile, 30)
    @given(rng=st.randoms(use_true_random=False))
    def prop(rng: random.Random) -> None:
        tree: Any = _copy(rng.choice(SEEDS))
        for _ in range(rng.randint(1, 4)):
            tree = mutate_for_toml(tree, rng)
        if not isinstance(tree, dict) or not _toml_safe(tree):
            return
        text = to_toml(tree)
        outcome(lambda: repatguard.load_text(text, format="toml"), check_model=rng.random() < 0.2)
        reliability_counts["loader: mutated document (TOML)"] += 1

    prop()


YAML_LINES = [
    "? [a, b]\n: 1\n",  # issue #12 item 5: a key that is a list
    "? {a: 1}\n: x\n",
    "? !!set {a, b}\n: x\n",
    "colour: !!set {a, b}\n",
    "colour: !!binary aGVsbG8=\n",
    "reference: !!python/name:os.system\n",
    "reference: !!str\n",
    "<<: {reference: x}\n",
    "reference: *undefined\n",
    "positions_consulted_on: 2026-06-01 10:00:00+02:00\n",
    "positions_consulted_on: 2026-06-01\n",
    "positions_consulted_on: 9999-12-31\n",
    "movement_window: {start: 2026-06-21 10:00:00}\n",
    "movement_window: {start: 0001-01-01}\n",
    "population: {refugees: 0o17}\n",
    "population: {refugees: .inf}\n",
    "population: {refugees: 1_000}\n",
    "route_monitoring: yes\n",
    "route_monitoring: on\n",
    "route_monitoring: ~\n",
    "reference: [a, [b, [c]]]\n",
    "--- \nreference: x\n",
    "...\n",
    "reference: x\nreference: y\n",
    "? |\n  a\n  b\n: 1\n",
    'reference: "\\x1b[31m\\a"\n',
    "1.5: x\n",
    "null: x\n",
    "true: x\n",
    "2026-06-01: x\n",
]


def test_yaml_documents_with_constructs_only_yaml_has(
    profile: settings, reliability_counts: Counter[str]
) -> None:
    yaml = pytest.importorskip("yaml")
    base = yaml.safe_dump(_copy(SEEDS[-1]), sort_keys=False)

    @scaled(profile, 20, long_examples=2_000)  # the YAML parser is pure Python, and slow
    @given(
        lines=st.lists(st.sampled_from(YAML_LINES), min_size=1, max_size=3),
        position=st.sampled_from(["start", "end", "instead"]),
    )
    def prop(lines: list[str], position: str) -> None:
        added = "".join(lines)
        text = {"start": added + base, "end": base + added, "instead": added}[position]
        outcome(lambda: repatguard.load_text(text, format="yaml"), check_model=True)
        reliability_counts["loader: YAML constructs"] += 1

    prop()


@pytest.mark.parametrize(
    "text",
    ["? [a, b]\n: 1\n", "? {a: 1}\n: x\n", "? !!set {a}\n: x\n"],
    ids=["list", "mapping", "set"],
)
def test_a_yaml_key_that_is_a_list_a_mapping_or_a_set_is_an_input_error(text: str) -> None:
    # Issue #12 item 5: an unhashable key raised TypeError in the strict YAML loader.
    pytest.importorskip("yaml")
    with pytest.raises(InputError) as caught:
        repatguard.load_text(text, format="yaml")
    assert all(issue.path.startswith("$") for issue in caught.value.issues)
