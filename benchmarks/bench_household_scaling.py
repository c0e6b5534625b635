"""Cost of a check against the size of one household (issue 12): time and peak memory.

    python benchmarks/bench_household_scaling.py [--sizes 1000 2000 4000 8000]
        [--kinds synthetic bare] [--modes inline stream] [--repeat 1] [--timeout 900]

For each number of persons, checks the same persons twice: all in one household, and in
households of four. Each check runs in a fresh process (so that its peak RSS is its own): the
in-memory ``repatguard.check`` of an operation file holding the households (``inline``, with
``next_review`` as the command line does), or the streamed check of a CSV manifest with the
household column (``stream``). The time covers loading, checking and writing the JSON report
and the JSON Lines outputs (to ``/dev/null``), not starting Python. The persons come from the
seeded synthetic generator (``synthetic``: registration-like records; a merged household then
holds many heads, spouses and children) or carry a reference only (``bare``: every fact
unknown, so every member has findings and CHILD-004 reports each member of the household).

The table gives, per size, the CPU time and peak RSS of both shapes and their ratio (one
household / households of four); the cost is linear in persons whatever the household shape
when the ratio stays flat as the size grows (the goal is at most 2). A run that exceeds
``--timeout`` seconds or ``--memory`` MiB of address space is stopped and shown as such.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from repatguard.testing.synthetic import (
    AS_OF,
    declared_population,
    synthetic_households,
    synthetic_operation,
    write_csv,
)

SHAPES = ("one household", "households of 4")


def _persons(count: int, kind: str, seed: int) -> Iterator[dict[str, Any]]:
    """``count`` person records, without references (given by the grouping)."""
    if kind == "bare":
        for _ in range(count):
            yield {}
        return
    made = 0
    for household in synthetic_households(10 * count + 10, seed=seed):
        for member in household["members"]:
            if made == count:
                return
            made += 1
            yield {key: value for key, value in member.items() if key != "reference"}


def households(count: int, kind: str, size: int | None, seed: int = 42) -> list[dict[str, Any]]:
    """The persons grouped in households of ``size`` (``None``: all in one household)."""
    persons = list(_persons(count, kind, seed))
    step = size or len(persons)
    areas = [area["reference"] for area in synthetic_operation()["return_areas"]]
    grouped = []
    for number, start in enumerate(range(0, len(persons), step)):
        reference = f"H{number:06d}"
        members = [
            {"reference": f"{reference}-P{index + 1}", **person}
            for index, person in enumerate(persons[start : start + step])
        ]
        grouped.append(
            {
                "reference": reference,
                "intended_return_area": areas[number % len(areas)],
                "members": members,
            }
        )
    return grouped


def write_case(folder: Path, count: int, kind: str, size: int | None) -> dict[str, Path]:
    """The operation file with the households inline, and an operation with a CSV manifest."""
    folder.mkdir(parents=True, exist_ok=True)
    grouped = households(count, kind, size)
    operation = synthetic_operation()
    operation["population"] = declared_population(grouped)
    streamed = folder / "operation.json"
    streamed.write_text(json.dumps(operation), encoding="utf-8")
    write_csv(folder / "cases.csv", grouped)
    inline = folder / "inline.json"
    inline.write_text(json.dumps({**operation, "households": grouped}), encoding="utf-8")
    return {"inline": inline, "operation": streamed, "cases": folder / "cases.csv"}


def _child(mode: str, operation: str, cases: str | None) -> int:
    """Run one check in this process and print what it cost, as JSON."""
    import datetime as dt  # noqa: PLC0415 - the child's own imports are not timed

    import repatguard  # noqa: PLC0415
    from repatguard.render.json import to_json  # noqa: PLC0415
    from repatguard.stream import check_manifest  # noqa: PLC0415

    as_of = dt.date.fromisoformat(AS_OF)
    started = time.perf_counter()
    cpu = time.process_time()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        loaded = repatguard.load(operation)
        if mode == "inline":
            report = repatguard.check(loaded, as_of=as_of, reference_key="bench")
        else:
            report = check_manifest(
                loaded,
                cases,
                as_of=as_of,
                reference_key="bench",
                findings_out=sink,
                cases_out=sink,
                # The check alone: bench_next_review.py measures the next review.
                next_review=False,
            ).report
        sink.write(to_json(report))
    print(
        json.dumps(
            {
                "wall_s": time.perf_counter() - started,
                "cpu_s": time.process_time() - cpu,
                "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "verdict": str(report.verdict),
                "findings": report.summary.findings,
            }
        )
    )
    return 0


def _limit_memory(mebibytes: int) -> None:
    limit = mebibytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def measure(mode: str, files: dict[str, Path], timeout: float, memory: int) -> dict[str, Any]:
    """One check in a fresh process; ``{"failed": why}`` when it was stopped."""
    command = [sys.executable, __file__, "--child", mode, str(files["inline"])]
    if mode == "stream":
        command[-1:] = [str(files["operation"]), str(files["cases"])]
    try:
        done = subprocess.run(  # noqa: PLW1510 - the return code is read below
            command,
            capture_output=True,
            text=True,
            timeout=timeout,
            preexec_fn=lambda: _limit_memory(memory),
        )
    except subprocess.TimeoutExpired:
        return {"failed": f"> {timeout:.0f} s"}
    if done.returncode != 0:
        out_of_memory = "MemoryError" in done.stderr
        return {"failed": f"> {memory} MiB" if out_of_memory else f"exit {done.returncode}"}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    finished = [run for run in runs if "failed" not in run]
    return min(finished, key=lambda run: run["cpu_s"]) if finished else runs[0]


def _cell(run: dict[str, Any]) -> tuple[str, str]:
    if "failed" in run:
        return run["failed"], "-"
    return f"{run['cpu_s']:.2f}", f"{run['peak_rss_mib']:.0f}"


def _ratio(one: dict[str, Any], fours: dict[str, Any], key: str) -> str:
    if "failed" in one or "failed" in fours:
        return "-"
    return f"{one[key] / fours[key]:.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 4000, 8000])
    parser.add_argument("--kinds", nargs="+", choices=("synthetic", "bare"), default=["bare"])
    parser.add_argument("--modes", nargs="+", choices=("inline", "stream"), default=["inline"])
    parser.add_argument("--repeat", type=int, default=1, help="runs per cell (the best is kept)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per run")
    parser.add_argument("--memory", type=int, default=8192, help="MiB of address space per run")
    parser.add_argument("--json", type=Path, help="also write every run here")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        mode, operation, *cases = args.child
        return _child(mode, operation, cases[0] if cases else None)

    print(
        "| kind | mode | persons | one household: CPU s | RSS MiB | households of 4: CPU s "
        "| RSS MiB | ratio CPU | ratio RSS |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="rg-household-") as scratch:
        for kind in args.kinds:
            for size in args.sizes:
                files = {
                    shape: write_case(Path(scratch) / f"{kind}-{size}-{n}", size, kind, group)
                    for n, (shape, group) in enumerate(zip(SHAPES, (None, 4), strict=True))
                }
                for mode in args.modes:
                    best = {
                        shape: _best(
                            [
                                measure(mode, files[shape], args.timeout, args.memory)
                                for _ in range(args.repeat)
                            ]
                        )
                        for shape in SHAPES
                    }
                    one, fours = best[SHAPES[0]], best[SHAPES[1]]
                    results.append(
                        {"kind": kind, "mode": mode, "persons": size, "one": one, "fours": fours}
                    )
                    print(
                        f"| {kind} | {mode} | {size:,} | {' | '.join(_cell(one))} | "
                        f"{' | '.join(_cell(fours))} | {_ratio(one, fours, 'cpu_s')} | "
                        f"{_ratio(one, fours, 'peak_rss_mib')} |",
                        flush=True,
                    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
