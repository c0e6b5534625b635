"""Where the time of a one-core streamed check goes, stage by stage.

    pip install -e . --group bench
    python benchmarks/stages.py --persons 20000 --seed 42 --out /tmp/rg-stages

Runs the streaming check once on one core (fast loader, outputs to ``/dev/null``) with a
timer around each stage function. The stages are called once per chunk of households, not
per person, so the timers cost nothing measurable. Prints microseconds per person:

- decoding: the household lines into the model (``_loaded`` minus the invariants);
- invariants: ``validate_operation`` on each chunk;
- rules: the household- and person-level rules (``evaluate``);
- findings out: the rest of ``check_cases`` (facts, overrides, waivers, pseudonyms, JSON
  lines, counters, the compressed spill of the households and of the findings as tuples);
- verdicts: the second pass that reads the spill back and decides and writes every case
  verdict (``verdict_lines``);
- pre-pass: the pass over the manifest before the check that sums up each household a
  family link names (``chunk_links``: a glance at each record, decoding and invariants again
  for the records that hold a link or that a link of their chunk names, and the counters;
  ``chunk_summaries``: the same for the households a link of another chunk names);
- the rest: reading the file, merging the chunks, the operation-level rules and the report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import repatguard
import repatguard.stream.cases as cases_module
import repatguard.stream.executor as executor_module
import repatguard.stream.merge as merge_module
import repatguard.stream.rerun as rerun_module
from repatguard.stream import check_manifest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_manifest import generate

AS_OF = dt.date(2026, 6, 1)
TIMED = ("check_cases", "_loaded", "validate_operation", "evaluate", "verdict_lines")
PRE_PASS = ("chunk_links", "chunk_summaries")


def _timer(totals: dict[str, float], name: str, function: Callable[..., Any]) -> Any:
    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            totals[name] += time.perf_counter() - start

    return timed


def _timer_apart(totals: dict[str, float], name: str, function: Callable[..., Any]) -> Any:
    """A timer around ``function`` whose own calls of the other timed stages are not counted
    in them (the pre-pass loads the records as the check does)."""

    def timed(*args: Any, **kwargs: Any) -> Any:
        saved = {stage: totals[stage] for stage in TIMED}
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            totals.update(saved)
            totals[name] += time.perf_counter() - start

    return timed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=Path("benchmark-data"))
    args = parser.parse_args()
    info = generate(args.out, args.persons, args.seed)
    totals = dict.fromkeys((*TIMED, "pre-pass"), 0.0)
    for name in TIMED:
        setattr(cases_module, name, _timer(totals, name, getattr(cases_module, name)))
    for name in PRE_PASS:
        setattr(cases_module, name, _timer_apart(totals, "pre-pass", getattr(cases_module, name)))
    # The stream modules call these through their own imports: patch each name where it is
    # looked up (the executor runs every step; the merge and the next review's passes may
    # decide verdicts themselves).
    for module in (executor_module, merge_module, rerun_module):
        for name in ("check_cases", "verdict_lines", "chunk_links", "chunk_summaries"):
            if hasattr(module, name):
                setattr(module, name, getattr(cases_module, name))
    operation = repatguard.load(Path(info["operation"]))
    start = time.perf_counter()
    with (
        open(os.devnull, "w", encoding="utf-8") as findings,
        open(os.devnull, "w", encoding="utf-8") as verdicts,
    ):
        check_manifest(
            operation,
            Path(info["cases"]),
            as_of=AS_OF,
            jobs=1,
            fast=True,
            reference_key="benchmark",
            findings_out=findings,
            cases_out=verdicts,
            # The check alone: bench_next_review.py measures the next review.
            next_review=False,
        )
    total = time.perf_counter() - start
    persons = info["persons"]
    stages = {
        "decoding": totals["_loaded"] - totals["validate_operation"],
        "invariants": totals["validate_operation"],
        "rules": totals["evaluate"],
        "findings out": totals["check_cases"] - totals["_loaded"] - totals["evaluate"],
        "verdicts": totals["verdict_lines"],
        "pre-pass": totals["pre-pass"],
    }
    stages["the rest"] = total - sum(stages.values())
    rows = {name: round(seconds / persons * 1e6, 1) for name, seconds in stages.items()}
    rows["total"] = round(total / persons * 1e6, 1)
    print("| stage | µs per person | share |")
    print("|---|---|---|")
    for name, micro in rows.items():
        print(f"| {name} | {micro} | {round(100 * micro / rows['total'])} % |")
    print(json.dumps({"persons": persons, "seconds": round(total, 3), "per_person_us": rows}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
