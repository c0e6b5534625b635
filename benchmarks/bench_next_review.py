"""What the next review costs a streamed check.

    python benchmarks/bench_next_review.py --persons 10000 --seed 42

Generates a synthetic manifest of about ``--persons`` persons and times the streamed check on
one core with and without the next review (``next_review=False``, ``--no-next-review``),
twice: as generated (the first change is the operation's, 6 days on) and with the operation's
positions consulted on as_of (the first change is then a case's, found by later passes).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

import pendulum

import repatguard
from repatguard.stream import check_manifest
from repatguard.testing.synthetic import synthetic_households, synthetic_operation

AS_OF = pendulum.Date(2026, 6, 1)


def _time(operation: dict[str, Any], cases: Path, *, review: bool) -> tuple[float, str]:
    start = time.perf_counter()
    report = check_manifest(
        repatguard.load(operation), cases, as_of=AS_OF, next_review=review
    ).report
    due = report.next_review.due if report.next_review is not None else "none"
    return time.perf_counter() - start, due


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        cases = Path(folder) / "cases.jsonl"
        persons = 0
        with cases.open("w", encoding="utf-8") as out:
            for household in synthetic_households(args.persons // 3, seed=args.seed):
                persons += len(household["members"])
                out.write(json.dumps(household) + "\n")
        print(f"{persons} persons")
        generated = synthetic_operation()
        consulted = {**generated, "positions_consulted_on": AS_OF.isoformat()}
        for name, operation in (("operation first", generated), ("cases first", consulted)):
            without, _ = _time(operation, cases, review=False)
            with_review, due = _time(operation, cases, review=True)
            print(
                f"{name}: {without:.1f} s without, {with_review:.1f} s with the next review "
                f"(x{with_review / without:.1f}; due {due})"
            )


if __name__ == "__main__":
    main()
