"""Determinism: the JSON report is byte-identical across runs, across ``PYTHONHASHSEED`` values
and across the key order of the input.

The command line runs in fresh subprocesses, so string hashing (and with it the iteration
order of any set or dict keyed by strings) really differs between the runs. References in
reports are pseudonymised with a keyed hash; the runs share a fixed key through
``REPATGUARD_REFERENCE_KEY``, without which two runs are unlinkable on purpose.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from repatguard.io.converter import converter
from repatguard.testing.factories import sound_operation

KEY = "test-key"


def _inputs(directory: Path) -> list[Path]:
    paths = []
    examples = resources.files("repatguard.examples")
    for item in sorted(examples.iterdir(), key=lambda i: i.name):
        if item.name.endswith(".json"):
            path = directory / item.name
            path.write_text(item.read_text(encoding="utf-8"), encoding="utf-8")
            paths.append(path)
    sound = directory / "sound.json"
    sound.write_text(json.dumps(converter().unstructure(sound_operation())), encoding="utf-8")
    paths.append(sound)
    return paths


def shuffled_keys(value: Any, rng: random.Random) -> Any:
    """``value`` with the keys of every object in a random order (list order is meaning)."""
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {key: shuffled_keys(child, rng) for key, child in items}
    if isinstance(value, list):
        return [shuffled_keys(child, rng) for child in value]
    return value


def _shuffled_copies(paths: list[Path], directory: Path) -> list[Path]:
    rng = random.Random(7)
    directory.mkdir()
    copies = []
    for path in paths:
        data = json.loads(path.read_text(encoding="utf-8"))
        copy = directory / path.name
        copy.write_text(json.dumps(shuffled_keys(data, rng), indent=1), encoding="utf-8")
        assert copy.read_text(encoding="utf-8") != json.dumps(data, indent=1)
        copies.append(copy)
    return copies


def _start(paths: list[Path], hash_seed: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "REPATGUARD_REFERENCE_KEY": KEY}
    command = [sys.executable, "-m", "repatguard.cli.main", "check", *map(str, paths)]
    command += ["--as-of", "2026-06-01", "--format", "json", "--fail-on", "never"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def _output(process: subprocess.Popen[bytes]) -> bytes:
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()
    return out


def test_json_reports_are_byte_identical_across_hash_seeds_and_key_order(tmp_path: Path) -> None:
    originals = _inputs(tmp_path)
    copies = _shuffled_copies(originals, tmp_path / "shuffled")
    # Three fresh interpreters, run side by side: two hash seeds, and the shuffled copies.
    runs = [_start(originals, "0"), _start(originals, "4294967295"), _start(copies, "1")]
    first, second, shuffled = (_output(run) for run in runs)
    assert first == second
    assert first == shuffled
    reports = json.loads(first)
    assert len(reports) == len(originals)
    # Not a vacuous comparison: every verdict is there, with findings to order.
    assert {r["verdict"] for r in reports} >= {"promote", "facilitate_only", "blocked"}
    assert sum(len(r["findings"]) for r in reports) > 20
