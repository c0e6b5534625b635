"""Snapshot tests: every renderer on every bundled example, compared byte for byte.

Each bundled example (``repatguard.examples.examples()``, checked at its own ``as_of``) and an
empty operation are rendered in every format, and the output must equal the file committed
under ``tests/render/snapshots/`` (``<example>.<extension>``).

When a change to a renderer, a rule or the report is intended, regenerate the snapshots and
review the diff before committing it::

    REPATGUARD_UPDATE_SNAPSHOTS=1 python -m pytest tests/render/test_snapshots.py

With the variable set, the tests write the files instead of comparing them (and pass).
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable
from pathlib import Path

import pytest

import repatguard
from repatguard.engine.check import check
from repatguard.examples import examples
from repatguard.render.html import to_html
from repatguard.render.json import to_json
from repatguard.render.jsonl import to_jsonl
from repatguard.render.junit import to_junit
from repatguard.render.markdown import to_markdown
from repatguard.render.text import to_text
from repatguard.report.report import Report

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("REPATGUARD_UPDATE_SNAPSHOTS") == "1"

EMPTY = {
    "reference": "EMPTY",
    "host_country": "ZMB",
    "origin_country": "AGO",
    "movement_kind": "organised",
}
EMPTY_AS_OF = dt.date(2026, 6, 1)

RENDERERS: dict[str, tuple[str, Callable[[Report], str]]] = {
    "text": ("txt", to_text),
    "json": ("json", to_json),
    "markdown": ("md", to_markdown),
    "html": ("html", to_html),
    "jsonl": ("jsonl", to_jsonl),
    "junit": ("xml", to_junit),
}


@functools.cache
def _report(name: str) -> Report:
    if name == "empty":
        return check(repatguard.load(EMPTY), as_of=EMPTY_AS_OF)
    for item in examples():
        if item.name == name:
            return check(item.load(), as_of=item.as_of)
    raise KeyError(name)


CASES = [item.name for item in examples()] + ["empty"]


@pytest.mark.parametrize("fmt", list(RENDERERS))
@pytest.mark.parametrize("name", CASES)
def test_output_matches_the_snapshot(name: str, fmt: str) -> None:
    extension, render = RENDERERS[fmt]
    path = SNAPSHOTS / f"{name}.{extension}"
    actual = render(_report(name))
    if UPDATE:
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        return
    assert path.exists(), (
        f"no snapshot {path.name}; create it with REPATGUARD_UPDATE_SNAPSHOTS=1 "
        "python -m pytest tests/render/test_snapshots.py"
    )
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, (
        f"{fmt} output of {name} differs from {path.name}; if the change is intended, "
        "regenerate with REPATGUARD_UPDATE_SNAPSHOTS=1 and review the diff"
    )


def test_every_snapshot_file_belongs_to_a_case() -> None:
    # A renamed example or format must not leave a stale snapshot behind.
    expected = {f"{name}.{ext}" for name in CASES for ext, _ in RENDERERS.values()}
    present = {path.name for path in SNAPSHOTS.iterdir() if path.is_file()}
    assert present == expected
