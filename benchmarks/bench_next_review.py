"""What the next review costs a streamed check.

    python benchmarks/bench_next_review.py --persons 10000 --seed 42

Generates a synthetic manifest of about ``--persons`` persons and times the streamed check on
one core with and without the next review (``next_review=False``, ``--no-next-review``),
twice: the operation as generated (its positions go stale 6 days on) and with its positions
consulted on as_of (no change of the operation's for months). Prints when the first change
falls and how many findings of cases and of the operation change then.
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
    seconds = time.perf_counter() - start
    found = report.next_review
    if found is None:
        return seconds, "none"
    of_cases = sum(1 for change in found.changes if change.path.startswith("$.households"))
    of_operation = len(found.changes) - of_cases
    return seconds, f"due {found.due}: {of_cases} case and {of_operation} operation change(s)"


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
        for name, operation in (("as generated", generated), ("positions consulted", consulted)):
            without, _ = _time(operation, cases, review=False)
            with_review, due = _time(operation, cases, review=True)
            print(
                f"{name}: {without:.1f} s without, {with_review:.1f} s with the next review "
                f"(x{with_review / without:.1f}; {due})"
            )


if __name__ == "__main__":
    main()
