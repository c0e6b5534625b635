"""Every output of the saved corpus is made again, byte for byte (see tests/corpus/build.py)."""

from __future__ import annotations

import difflib
import json
from typing import Any

import pytest

from .build import build, load


@pytest.fixture(scope="module")
def made() -> dict[str, dict[str, Any]]:
    return build()


@pytest.fixture(scope="module")
def saved() -> dict[str, dict[str, Any]]:
    return load()


def test_the_corpus_covers_what_it_says(saved: dict[str, dict[str, Any]]) -> None:
    kinds = {key.split("/")[0] for key in saved}
    assert kinds == {"example", "manifest", "inline"}
    exits = {entry["exit"] for entry in saved.values()}
    assert {0, 1} <= exits  # clear and failing runs alike
    # Every run printed a report (a JSON Lines run with no finding prints nothing).
    assert all(entry["stdout"] or key.endswith("/jsonl") for key, entry in saved.items())
    assert any(entry.get("findings") for entry in saved.values())
    waived = saved["manifest/waived-jsonl"]
    assert '"waived"' in waived["findings"]
    assert "META-001" in waived["stdout"]
    # Several chunks of 200 households, with waivers matched in each and raised severities.
    chunks = saved["manifest/chunks-waived-raised-two-jobs"]
    assert chunks["cases"].count('"scope":"household"') > 400
    assert chunks["findings"].count('"outcome":"waived"') >= 5
    assert '"severity":"blocker","default_severity":"minor"' in chunks["findings"]
    # An escalation streamed, with its provisional verdict.
    escalated = json.loads(saved["manifest/example-spontaneous-escalation"]["stdout"])
    assert escalated["escalate"] is True
    assert escalated["provisional_verdict"] is not None


def test_the_same_entries_are_made(
    made: dict[str, dict[str, Any]], saved: dict[str, dict[str, Any]]
) -> None:
    assert sorted(made) == sorted(saved)


@pytest.mark.parametrize("key", sorted(load()))
def test_each_entry_is_made_again_byte_for_byte(
    key: str, made: dict[str, dict[str, Any]], saved: dict[str, dict[str, Any]]
) -> None:
    expected, got = saved[key], made.get(key)
    assert got is not None, f"{key} is no longer made"
    for part in sorted(set(expected) | set(got)):
        before, after = expected.get(part), got.get(part)
        if before != after and isinstance(before, str) and isinstance(after, str):
            diff = difflib.unified_diff(
                before.splitlines(), after.splitlines(), "saved", "made", lineterm="", n=1
            )
            pytest.fail(f"{key} {part} differs:\n" + "\n".join(list(diff)[:40]))
        assert before == after, f"{key} {part}: {before!r} != {after!r}"
