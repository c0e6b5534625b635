"""The msgspec fast path gives exactly what the reference (cattrs) path gives."""

from __future__ import annotations

import json
from typing import Any

import pytest

pytest.importorskip("msgspec")

from repatguard.render.json import to_json
from repatguard.stream.cases import _load
from repatguard.stream.fast import FastLoader
from repatguard.stream.manifest import CaseRecord, Chunk
from repatguard.testing.synthetic import synthetic_households


def _variants() -> list[bytes]:
    base = next(synthetic_households(1, seed=51))
    text = json.dumps(base, separators=(",", ":"))
    person = '"reference":"H0000000-P1"'
    assert person in text
    swaps = [
        (person, person + ',"favourite_colour":"blue"'),  # unknown field
        (person, person + ',"reference":"H0000000-P9"'),  # repeated key
        (person, person + ',"age":-1'),  # a constraint
        (person, person + ',"age":"3"'),  # text for a number
        (person, person + ',"age":true'),  # a boolean for a number
        (person, person + ',"age":3.0'),  # a float for a whole number
        (person, person + ',"stays_behind":null'),
        (person, person + ',"legal_category":"tourist"'),
        (person, person + ',"date_of_birth":"2001-02-30"'),
        (person, person + ',"notes":"said \\"go\\": now"'),  # escaped quotes
        (person, person + ',"notes":"\\ud800"'),  # a lone surrogate
        (person, person + ',"notes":"caf\\u00e9"'),
        ('"members":', '"members" :'),  # space before a colon
        ('"reference":"H0000000"', '"reference":"H0000000","reference":"H0000000"'),
        ('"reference":"H0000000"', '"reference":""'),
        ('"reference":"H0000000"', '"reference":7'),
    ]
    lines = [text.encode()]
    for old, new in swaps:
        changed = text.replace(old, new, 1)
        assert changed != text
        lines.append(changed.encode())
    lines += [b"[]", b"{}", b"null", b'{"reference":"H1","members":{}}', b"{not json"]
    lines.append('{"reference":"H-\u00e9","members":[]}'.encode())
    return lines


@pytest.mark.parametrize("raw", _variants())
def test_each_line_loads_the_same_both_ways(raw: bytes) -> None:
    chunk = Chunk(source="m.jsonl", format="jsonl", records=())
    record = CaseRecord(index=0, line=3, data=raw)
    assert _load(chunk, record, True) == _load(chunk, record, False)


def test_clean_lines_take_the_fast_way_and_doubtful_ones_do_not() -> None:
    loader = FastLoader()
    lines = _variants()
    assert loader.load(lines[0]) is not None
    for raw in lines[1:4]:  # unknown, repeated, constraint
        assert loader.load(raw) is None


def test_a_whole_run_is_the_same_with_and_without(
    stream: Any, jsonl: Any, operation_with: Any
) -> None:
    from repatguard.testing.synthetic import synthetic_operation

    households = list(synthetic_households(40, seed=52, bad_share=0.2))
    path = jsonl(households)
    shell = operation_with(synthetic_operation(), [])
    slow = stream(shell, path, fast=False)
    quick = stream(shell, path, fast=True)
    assert slow.result.manifest.failed > 0
    assert to_json(quick.result.report) == to_json(slow.result.report)
    assert quick.findings == slow.findings
    assert quick.cases == slow.cases
    assert [str(i) for i in quick.issues] == [str(i) for i in slow.issues]
