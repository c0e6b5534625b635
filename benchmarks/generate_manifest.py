"""Write a seeded synthetic operation and case manifest for benchmarks and trials.

    python benchmarks/generate_manifest.py --persons 1000000 --seed 42 --out /tmp/rg-bench

writes ``operation.json`` and ``cases.jsonl`` (and ``cases.csv`` with ``--csv``) into the
output folder. The same seed and size always give the same bytes. All data is invented.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from repatguard.testing.synthetic import (
    synthetic_households,
    synthetic_operation,
    write_csv,
    write_jsonl,
)


def households_for(persons: int, seed: int) -> Iterator[dict[str, Any]]:
    """Households from the seeded generator until at least ``persons`` people are listed."""
    listed = 0
    for household in synthetic_households(10 * persons + 10, seed=seed):
        if listed >= persons:
            return
        listed += len(household["members"])
        yield household


def generate(out: Path, persons: int, seed: int, *, csv: bool = False) -> dict[str, Any]:
    """Write the files; returns what was written (paths, households, persons)."""
    out.mkdir(parents=True, exist_ok=True)
    operation = out / "operation.json"
    operation.write_text(json.dumps(synthetic_operation(), indent=1), encoding="utf-8")
    cases = out / "cases.jsonl"
    counted = {"persons": 0}

    def counting() -> Iterator[dict[str, Any]]:
        for household in households_for(persons, seed):
            counted["persons"] += len(household["members"])
            yield household

    households = write_jsonl(cases, counting())
    info: dict[str, Any] = {
        "operation": str(operation),
        "cases": str(cases),
        "households": households,
        "persons": counted["persons"],
        "seed": seed,
        "bytes": cases.stat().st_size,
    }
    if csv:
        table = out / "cases.csv"
        write_csv(table, households_for(persons, seed))
        info["csv"] = str(table)
    (out / "manifest-info.json").write_text(json.dumps(info, indent=1), encoding="utf-8")
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=Path("benchmark-data"))
    parser.add_argument("--csv", action="store_true", help="also write the CSV layout")
    args = parser.parse_args(argv)
    info = generate(args.out, args.persons, args.seed, csv=args.csv)
    print(json.dumps(info, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
