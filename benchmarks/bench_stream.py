"""Side-by-side benchmark of the streaming check on one synthetic manifest.

    pip install -e . --group bench
    python benchmarks/bench_stream.py --persons 1000000 --seed 42 --out /tmp/rg-bench

In one process and one run, on the same manifest (JSON Lines, one household per line):

1. the parse floor: every line read and parsed with orjson, then discarded;
2. the peer: every line validated by pydantic v2 ``model_validate_json`` against models built
   from the same attrs classes (strict, unknown keys forbidden);
3. msgspec decoding every line straight into the attrs classes (when installed);
4. repatguard's full streaming check on one core (load, every case-level rule, findings,
   case verdicts and summary, outputs written), with the reference loader and with the fast
   loader;
5. the same with ``--jobs`` processes;
6. the parse floor and the peer once more: the ratios use the faster of their two times, since
   the speed of a shared host drifts over the minutes the long runs take.

Then, each in a fresh process: the peak resident memory of the one-core check, and the time
of ``import repatguard``. Results are printed as a Markdown table and written as JSON. Timing
is wall-clock; single-core runs also report CPU time, which a busy machine disturbs less.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import time
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import orjson
import pendulum
import pydantic

import repatguard
from repatguard.model import Household
from repatguard.stream import check_manifest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_manifest import generate

try:
    from repatguard.stream.fast import FastLoader
except ImportError:  # pragma: no cover - msgspec is optional
    FastLoader = None

AS_OF = dt.date(2026, 6, 1)


def _machine() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def _cpu() -> float:
    """CPU seconds of this process and of its finished child processes (pool workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(run: Callable[[], object]) -> dict[str, float]:
    gc.collect()
    wall = time.perf_counter()
    cpu = _cpu()
    run()
    return {"wall": time.perf_counter() - wall, "cpu": _cpu() - cpu}


def _each(cases: Path, function: Callable[[bytes], object]) -> None:
    """``function`` on every line; nothing is kept (as in a streaming check)."""
    for line in _lines(cases):
        function(line)


def _lines(path: Path) -> Any:
    with path.open("rb") as handle:
        yield from handle


# --- the peer: pydantic models built from the attrs classes -------------------------------


def _pydantic_household() -> Any:
    config = pydantic.ConfigDict(strict=True, extra="forbid", frozen=True)
    built: dict[type, Any] = {}

    def convert(tp: Any) -> Any:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if tp is pendulum.Date:
            return dt.date
        if tp is pendulum.DateTime:
            return pydantic.AwareDatetime
        if origin is tuple:
            return tuple[convert(args[0]), ...]
        if args and type(None) in args:
            inner = [a for a in args if a is not type(None)]
            return convert(inner[0]) | None
        if isinstance(tp, type) and attrs.has(tp):
            return model(tp)
        return tp

    def model(cls: type) -> Any:
        if cls in built:
            return built[cls]
        hints = typing.get_type_hints(cls)
        fields: dict[str, Any] = {}
        for field in attrs.fields(cls):
            if not field.init:
                continue
            default: Any = ...
            if isinstance(field.default, attrs.Factory):
                default = field.default.factory()
            elif field.default is not attrs.NOTHING:
                default = field.default
            fields[field.name] = (convert(hints[field.name]), default)
        built[cls] = pydantic.create_model(cls.__name__, __config__=config, **fields)
        return built[cls]

    return model(Household)


# --- repatguard ---------------------------------------------------------------------------


def _repatguard(operation: Path, cases: Path, *, jobs: int, fast: bool) -> dict[str, Any]:
    loaded = repatguard.load(operation)
    with (
        open(os.devnull, "w", encoding="utf-8") as findings,
        open(os.devnull, "w", encoding="utf-8") as verdicts,
    ):
        result = check_manifest(
            loaded,
            cases,
            as_of=AS_OF,
            jobs=jobs,
            fast=fast,
            reference_key="benchmark",
            findings_out=findings,
            cases_out=verdicts,
            # The check alone: bench_next_review.py measures the next review.
            next_review=False,
        )
    return {
        "verdict": str(result.report.verdict),
        "findings": result.report.summary.findings,
        "failed": result.manifest.failed,
    }


def _child(args: argparse.Namespace) -> int:
    """``--child``: one streaming check in this fresh process; prints time and peak RSS."""
    started = time.perf_counter()
    outcome = _repatguard(args.operation, args.cases, jobs=args.jobs, fast=args.fast)
    elapsed = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "wall": elapsed,
                "peak_rss_mib": own.ru_maxrss / 1024,
                "largest_worker_rss_mib": workers.ru_maxrss / 1024,
                **outcome,
            }
        )
    )
    return 0


def _in_child(operation: Path, cases: Path, *, jobs: int, fast: bool) -> dict[str, Any]:
    command = [
        sys.executable,
        __file__,
        "--child",
        "--operation",
        str(operation),
        "--cases",
        str(cases),
        "--jobs",
        str(jobs),
    ]
    if fast:
        command.append("--fast")
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _import_time(repeat: int = 7) -> dict[str, float]:
    """Best of ``repeat`` fresh processes: ``import repatguard`` alone, and until the engine
    is loaded (``repatguard.check`` resolved) and the stream package too."""
    statements = {
        "import repatguard": "import repatguard",
        "import repatguard; repatguard.check": "import repatguard; repatguard.check",
        "import repatguard.stream": "import repatguard.stream",
    }
    found: dict[str, float] = {}
    for label, statement in statements.items():
        code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
        times = []
        for _ in range(repeat):
            done = subprocess.run(
                [sys.executable, "-c", code], check=True, capture_output=True, text=True
            )
            times.append(float(done.stdout.strip()))
        found[label] = min(times)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=Path("benchmark-data"))
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write the results here too")
    parser.add_argument(
        "--scaling",
        action="store_true",
        help="only one core against --jobs, alternately, twice each (best of two)",
    )
    parser.add_argument(
        "--rss-only",
        action="store_true",
        help="only the one-core check in a fresh process: wall time and peak memory",
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--operation", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--cases", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--fast", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(args)
    info_path = args.out / "manifest-info.json"
    info = json.loads(info_path.read_text()) if info_path.exists() else {}
    if info.get("seed") != args.seed or info.get("persons", 0) != args.persons:
        info = generate(args.out, args.persons, args.seed)
    if args.scaling:
        print(json.dumps(_scaling(info, args.jobs), indent=1))
        return 0
    if args.rss_only:
        measured = _in_child(
            Path(info["operation"]), Path(info["cases"]), jobs=1, fast=FastLoader is not None
        )
        measured["persons_per_second"] = info["persons"] / measured["wall"]
        measured["households_per_second"] = info["households"] / measured["wall"]
        print(json.dumps({"manifest": info, "machine": _machine(), **measured}, indent=1))
        return 0
    results = _measure(Path(info["operation"]), Path(info["cases"]), args.jobs)
    results = {"manifest": info, **results}
    print(_markdown(results, info["households"], info["persons"]))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


def _scaling(info: dict[str, Any], jobs: int) -> dict[str, Any]:
    """One core and ``jobs`` processes, alternately, twice each, on a quiet machine ideally."""
    operation, cases = Path(info["operation"]), Path(info["cases"])
    fast = FastLoader is not None
    before = os.getloadavg()
    runs: dict[int, list[dict[str, float]]] = {1: [], jobs: []}
    for count in (1, jobs, 1, jobs):
        runs[count].append(
            _timed(lambda count=count: _repatguard(operation, cases, jobs=count, fast=fast))
        )
    one = min(run["wall"] for run in runs[1])
    many = min(run["wall"] for run in runs[jobs])
    return {
        "manifest": info,
        "machine": {**_machine(), "load_average": before, "load_average_after": os.getloadavg()},
        "runs": {str(count): found for count, found in runs.items()},
        "speedup": one / many,
        "persons_per_second": {"1": info["persons"] / one, str(jobs): info["persons"] / many},
    }


def _measure(operation: Path, cases: Path, jobs: int) -> dict[str, Any]:
    machine = _machine()
    fast = FastLoader is not None
    # First, while this process is still small: a child inherits its parent's peak RSS
    # figure through fork and exec on Linux.
    rss = _in_child(operation, cases, jobs=1, fast=fast)
    imports = _import_time()
    timings: dict[str, dict[str, float]] = {}
    timings["orjson parse floor"] = _timed(lambda: _each(cases, orjson.loads))
    peer = _pydantic_household()
    timings["pydantic v2 model_validate_json"] = _timed(
        lambda: _each(cases, peer.model_validate_json)
    )
    if FastLoader is not None:
        decode = FastLoader()._typed  # the msgspec decoder alone, without exactness checks
        timings["msgspec into the attrs classes"] = _timed(lambda: _each(cases, decode))
    runs: dict[str, dict[str, Any]] = {}
    variants = [("repatguard check, 1 core, reference loader", 1, False)]
    if fast:
        variants.append(("repatguard check, 1 core, fast loader", 1, True))
    variants.append((f"repatguard check, --jobs {jobs}", jobs, fast))
    for label, count, quick in variants:
        timings[label] = _timed(
            lambda label=label, count=count, quick=quick: runs.setdefault(
                label, _repatguard(operation, cases, jobs=count, fast=quick)
            )
        )
    # The floor and the peer again: the host's speed drifts over minutes, so each is timed
    # before and after the long runs and the faster time is used (the stricter comparison).
    timings["orjson parse floor (again)"] = _timed(lambda: _each(cases, orjson.loads))
    timings["pydantic v2 model_validate_json (again)"] = _timed(
        lambda: _each(cases, peer.model_validate_json)
    )
    floor = min(timings[k]["wall"] for k in ("orjson parse floor", "orjson parse floor (again)"))
    peer_wall = min(
        timings[k]["wall"]
        for k in ("pydantic v2 model_validate_json", "pydantic v2 model_validate_json (again)")
    )
    one = timings[variants[-2][0]]["wall"]
    machine["load_average_after"] = os.getloadavg()
    return {
        "machine": machine,
        "timings": timings,
        "runs": runs,
        "in_process_peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss_one_core": rss,
        "import_repatguard_seconds": imports["import repatguard"],
        "import_seconds": imports,
        "ratios": {
            "repatguard_vs_pydantic_throughput": peer_wall / one,
            "repatguard_time_over_parse_floor": one / floor,
            "jobs_speedup": one / timings[variants[-1][0]]["wall"],
        },
    }


def _markdown(results: dict[str, Any], households: int, persons: int) -> str:
    lines = [
        f"Manifest: {households:,} households, {persons:,} persons, "
        f"{results['manifest']['bytes'] / 1e6:,.0f} MB (seed {results['manifest']['seed']})",
        f"Machine: {results['machine']['cpu']}, {results['machine']['cpus']} CPUs, Python "
        f"{results['machine']['python']}, load average before "
        f"{results['machine']['load_average']}, after "
        f"{results['machine']['load_average_after']}",
        "",
        "| step | wall s | CPU s | households/s | persons/s |",
        "|---|---|---|---|---|",
    ]
    for name, timing in results["timings"].items():
        wall = timing["wall"]
        lines.append(
            f"| {name} | {wall:,.1f} | {timing['cpu']:,.1f} | {households / wall:,.0f} | "
            f"{persons / wall:,.0f} |"
        )
    ratios = results["ratios"]
    rss = results["rss_one_core"]
    lines += [
        "",
        f"- repatguard (1 core) throughput / pydantic throughput: "
        f"{ratios['repatguard_vs_pydantic_throughput']:.3f} (target >= 1.0)",
        f"- repatguard (1 core) time / orjson parse floor: "
        f"{ratios['repatguard_time_over_parse_floor']:.1f} (target <= 4)",
        f"- --jobs speed-up: {ratios['jobs_speedup']:.2f} (target >= 1.8)",
        f"- peak RSS of the 1-core check in a fresh process: {rss['peak_rss_mib']:.0f} MiB "
        f"(target <= 200 MB)",
        f"- import repatguard: {results['import_repatguard_seconds'] * 1000:.0f} ms "
        f"(target <= 150 ms); "
        + "; ".join(
            f"{label}: {seconds * 1000:.0f} ms"
            for label, seconds in results["import_seconds"].items()
        ),
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
