"""The streamed check with the reference loader (cattrs) and with the msgspec fast loader.

    python benchmarks/bench_loaders.py [--persons 20000] [--rounds 3] [--seed 42]

Writes a synthetic manifest to a temporary folder, then runs the one-core streamed check
(findings and case verdicts written to memory) alternately with each loader, ``--rounds``
times each, and prints persons per second for every run and the best of each. Needs the
``fast`` extra (msgspec). Run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import io
import json
import tempfile
import time
from pathlib import Path

import pendulum

import repatguard
from repatguard.stream import check_manifest
from repatguard.testing.synthetic import (
    AS_OF,
    declared_population,
    synthetic_households,
    synthetic_operation,
    write_jsonl,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    operation = synthetic_operation()
    # 3.36 persons per household on average (see docs/performance.md).
    households = list(
        synthetic_households(round(args.persons / 3.36), seed=args.seed, operation=operation)
    )
    operation["population"] = declared_population(households)
    persons = sum(len(household["members"]) for household in households)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "op.json").write_text(json.dumps(operation), encoding="utf-8")
        write_jsonl(folder / "cases.jsonl", households)
        loaded = repatguard.load(folder / "op.json")
        runs: dict[str, list[float]] = {"reference": [], "fast": []}
        for _ in range(args.rounds):
            for loader, rates in runs.items():
                started = time.perf_counter()
                check_manifest(
                    loaded,
                    folder / "cases.jsonl",
                    as_of=pendulum.Date.fromisoformat(AS_OF),
                    fast=loader == "fast",
                    reference_key="bench",
                    findings_out=io.StringIO(),
                    cases_out=io.StringIO(),
                )
                rates.append(persons / (time.perf_counter() - started))
    for loader, rates in runs.items():
        listed = ", ".join(f"{rate:,.0f}" for rate in rates)
        print(f"{loader:>9}: {listed} persons/s (best {max(rates):,.0f}; {persons:,} persons)")


if __name__ == "__main__":
    main()
