"""CPU time of the in-memory ``repatguard.check`` on the bundled examples and a larger operation.

    python benchmarks/bench_check.py [--households 300] [--repeat 5]

For each bundled example, and for the sound operation with its household repeated
``--households`` times, prints the best of ``--repeat`` runs with and without
``next_review`` (which re-runs the check at each instant where the result could change).
"""

from __future__ import annotations

import argparse
import time

import attrs

import repatguard
from repatguard.examples import examples
from repatguard.model import Operation
from repatguard.testing.factories import AS_OF, sound_operation


def _repeated(count: int) -> Operation:
    """The sound operation with its household copied ``count`` times (fresh references)."""
    operation = sound_operation()
    household = operation.households[0]
    households = tuple(
        attrs.evolve(
            household,
            reference=f"H{index}",
            members=tuple(
                attrs.evolve(person, reference=f"H{index}-{person.reference}")
                for person in household.members
            ),
        )
        for index in range(count)
    )
    people = count * len(household.members)
    return attrs.evolve(
        operation,
        households=households,
        population=attrs.evolve(operation.population, refugees=people),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--households", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    cases = [(item.name, item.load(), item.as_of) for item in examples()]
    cases.append(
        (f"sound operation x {args.households} households", _repeated(args.households), AS_OF)
    )
    print("| operation | next_review | best CPU ms |")
    print("|---|---|---|")
    for name, operation, as_of in cases:
        for next_review in (True, False):
            best = float("inf")
            for _ in range(args.repeat):
                start = time.process_time()
                repatguard.check(operation, as_of=as_of, next_review=next_review)
                best = min(best, time.process_time() - start)
            print(f"| {name} | {'yes' if next_review else 'no'} | {best * 1000:.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
