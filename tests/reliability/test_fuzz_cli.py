"""Fuzzing the command line: ``main(argv)`` with mutated arguments, over files in a folder.

The exit codes are documented (docs/cli.md): 0 when no finding reaches ``--fail-on``, 1 when
one does, 2 for a usage error or an invalid input file (argparse's own usage errors exit 2
through ``SystemExit``; ``--help`` and ``--version`` exit 0). An input the user got wrong must
end in one of those codes, with every input issue on stderr at a path, and never in:

- an exception escaping ``main``;
- exit code 3 (internal error: a bug) or any code other than 0, 1 and 2;
- a traceback on stderr (without ``--debug``).

Each example starts from a real command line (``check`` of operation files, examples and case
manifests with policies, waivers, baselines and outputs; ``diff``; ``explain``; ``rules``;
``schema``) and changes it: a value swapped for an odd one (huge numbers, far dates, empty
text, control characters, text that was not valid UTF-8 on the command line), a value moved
to another option, an argument dropped, repeated or added. The files are valid, damaged or
hostile documents (the defects of issue #12 among them), directories, missing files and names
that are not valid UTF-8; they are written afresh for every example, since an output option
may overwrite them.

Standard output and error are what Python gives a program on a UTF-8 terminal or pipe:
output that cannot be encoded raises there (``errors="strict"``), error output is escaped.

The default run tries a sample; ``python -m pytest -m long`` tries 13,000 command lines with
Hypothesis and a seeded sweep of 5,000 more (the counts are printed at the end of the run).
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import csv
import io
import json
import os
import random
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import repatguard
from repatguard.cli.main import build_parser, main
from repatguard.facts.parameters import Parameters
from repatguard.io.converter import converter
from repatguard.render.json import report_to_dict
from repatguard.stream.csv_layout import columns
from repatguard.testing.factories import AS_OF, sound_operation
from repatguard.testing.synthetic import household_rows, synthetic_households, synthetic_operation

DOCUMENTED_EXITS = (0, 1, 2)

# ---------------------------------------------------------------------------------------------
# Running the command line as a terminal would


@attrs.frozen
class Ran:
    """One run of the command line: its arguments, exit code and what it wrote."""

    argv: tuple[str, ...]
    code: object
    out: str
    err: str


def _stream(errors: str) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors=errors, write_through=True)


def _text(stream: io.TextIOWrapper) -> str:
    stream.flush()
    buffer = stream.buffer
    assert isinstance(buffer, io.BytesIO)
    return buffer.getvalue().decode("utf-8", "replace")


def run(argv: Sequence[str]) -> Ran:
    """``main(argv)`` with stdout and stderr as on a UTF-8 terminal; SystemExit is an exit."""
    out, err = _stream("strict"), _stream("backslashreplace")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code: object = main(list(argv))
        except SystemExit as exc:  # argparse: usage errors, --help, --version
            code = exc.code
    return Ran(argv=tuple(argv), code=code, out=_text(out), err=_text(err))


_HEADING = re.compile(r"^invalid [a-z ]+?(?: in .*)?: (\d+) issues?$")
_ISSUE = re.compile(r"^  (\$|header\b|column \d+|--[a-z-]+:)")
"""An issue line: a path into a file, a CSV header or column, or the option at fault."""


def _issue_lines(err: str) -> Iterator[str]:
    """The issue lines under each ``invalid ...: N issues`` heading on stderr."""
    lines = err.splitlines()
    for index, line in enumerate(lines):
        found = _HEADING.match(line)
        if found is not None:
            yield from lines[index + 1 : index + 1 + int(found.group(1))]


def _parsed(argv: Sequence[str]) -> argparse.Namespace | None:
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        try:
            return build_parser().parse_args(list(argv))
        except SystemExit:
            return None


def assert_documented(ran: Ran) -> None:
    """The outcome of one command line is one the documentation promises."""
    where = f"argv={list(ran.argv)!r}\nstderr={ran.err[-2000:]}"
    assert ran.code in DOCUMENTED_EXITS, f"exit code {ran.code!r}\n{where}"
    if "--debug" not in ran.argv:
        assert "Traceback" not in ran.err, where
    for line in _issue_lines(ran.err):
        assert _ISSUE.match(line), f"an input issue without a path: {line!r}\n{where}"
    _assert_machine_readable(ran)


def _assert_machine_readable(ran: Ran) -> None:
    """JSON and JSON Lines on stdout parse, whatever else went wrong."""
    args = _parsed(ran.argv)
    if args is None or args.command != "check" or not ran.out or ran.code not in (0, 1, 2):
        return
    if "-" in (getattr(args, "findings_out", None), getattr(args, "cases_out", None)):
        return  # the user asked for JSON Lines on stdout beside the report
    if args.format == "json":
        json.loads(ran.out)
    elif args.format == "jsonl":
        for line in ran.out.splitlines():
            json.loads(line)


def test_an_undocumented_exit_fails_the_check() -> None:
    # The check must be able to fail, or the fuzzing proves nothing.
    with pytest.raises(AssertionError, match="exit code 3"):
        assert_documented(Ran(argv=("check",), code=3, out="", err="internal error\n"))
    bad = "invalid input in op.json: 1 issue\n  households[0]: broken\n"
    with pytest.raises(AssertionError, match="without a path"):
        assert_documented(Ran(argv=("check",), code=2, out="", err=bad))
    with pytest.raises(AssertionError, match="Traceback"):
        assert_documented(Ran(argv=("check",), code=2, out="", err="Traceback (most recent"))


# ---------------------------------------------------------------------------------------------
# The folder: valid, damaged and hostile files, written afresh for each example


def _document(operation: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(converter().unstructure(operation)))
    return data


def _example_text(name: str) -> str:
    return resources.files("repatguard.examples").joinpath(name).read_text("utf-8")


POLICY = """\
select = ["VOL", "COND", "pressure"]
ignore = ["LEGAL-007"]
fail_on = "major"

[severity]
"LEGAL-004" = "blocker"

[parameters]
assessment_max_age = "P120D"
predominant_share = 0.75
"""

WAIVERS = """\
[[waivers]]
code = "COND-001"
subject = "AREA-1"
justification = "A new assessment of the area is scheduled for the coming month."
approved_by = "Representative, country office"
granted_on = 2026-05-20
expires_on = 2026-08-01
decision_record = "MEMO-2026-041"
"""


def _far_assessment(document: dict[str, Any]) -> bytes:
    # Issue #12 item 4: valid dates at the end of the calendar.
    far = copy.deepcopy(document)
    far["assessments"][0]["assessed_on"] = "9999-12-31"
    return json.dumps(far).encode()


def _far_birth(document: dict[str, Any]) -> bytes:
    far = copy.deepcopy(document)
    far["households"][0]["members"][-1]["date_of_birth"] = "9999-12-31"  # the child
    return json.dumps(far).encode()


def _files() -> dict[str, bytes | None]:
    """Name -> content (``None``: a directory). Relative to the folder of the run."""
    sound = _document(sound_operation())
    shell = dict(sound, households=[])
    operation = synthetic_operation()
    households = list(synthetic_households(6, seed=12, bad_share=0.3))
    jsonl = "".join(json.dumps(household) + "\n" for household in households)
    report = report_to_dict(repatguard.check(sound_operation(), as_of=AS_OF))
    deep = '{"a":' * 1_000 + "1" + "}" * 1_000
    files: dict[str, bytes | None] = {
        "op.json": json.dumps(sound).encode(),
        "blocked.json": _example_text("coerced-return-blocked.json").encode(),
        "shell.json": json.dumps(shell).encode(),
        "synthetic.json": json.dumps(operation).encode(),
        "named.json": json.dumps(dict(operation, cases_manifest="cases.jsonl")).encode(),
        "escaping.json": json.dumps(dict(operation, cases_manifest="../cases.jsonl")).encode(),
        "absolute.json": json.dumps(dict(operation, cases_manifest="/etc/hostname.csv")).encode(),
        "far-assessment.json": _far_assessment(sound),
        "far-birth.json": _far_birth(sound),
        "bad.json": json.dumps(dict(sound, movement_kind="teleport", colour=1)).encode(),
        "unhashable.yaml": b"? [a, b]\n: 1\n",  # issue #12 item 5
        "deep.toml": b"a = " + b"[" * 5_000 + b"]" * 5_000 + b"\n",
        "garbage.json": b"\xff\xfe{\x00",
        "empty.json": b"",
        "cases.jsonl": jsonl.encode(),
        "deep.jsonl": (deep + "\n").encode(),  # issue #12 item 6
        "policy.toml": POLICY.encode(),
        "huge-policy.toml": b'[parameters]\npressure_lookback = "P99999999999D"\n',  # item 7
        "bad-policy.toml": b"select = 3\n[severity]\nX = 1\n",
        "digits-policy.toml": b"[parameters]\npredominant_share = " + b"9" * 5000 + b"\n",
        "waivers.toml": WAIVERS.encode(),
        "bad-waivers.json": b'{"waivers": [{"code": "nope"}]}',
        "report.json": json.dumps(report).encode(),
        "not-report.json": b"[1, 2]",
        "folder": None,
        "\udcff-latin1.json": json.dumps(sound).encode(),  # a name that is not UTF-8
        "é ü.jsonl": jsonl.encode(),
        "\udcff-cases.jsonl": jsonl.encode(),
        "cases.csv": _csv_bytes(households),
    }
    return files


def _csv_bytes(households: list[dict[str, Any]]) -> bytes:
    """The households in the CSV layout, as the synthetic generator writes them."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns()), extrasaction="ignore")
    writer.writeheader()
    for household in households:
        writer.writerows(household_rows(copy.deepcopy(household)))
    return out.getvalue().encode()


FILES = _files()


def reset(folder: Path) -> None:
    """Write every file of :data:`FILES` into ``folder``, replacing what an example changed."""
    for child in folder.iterdir():
        if child.is_dir() and not child.is_symlink():
            for inner in child.iterdir():
                inner.unlink()
            child.rmdir()
        else:
            child.unlink()
    for name, content in FILES.items():
        target = folder / name
        if content is None:
            target.mkdir()
        else:
            target.write_bytes(content)


# ---------------------------------------------------------------------------------------------
# Command lines: templates, pools of values, mutations

OPERATIONS = [name for name in FILES if name.endswith((".json", ".yaml", ".toml"))]
OPERATIONS = [n for n in OPERATIONS if "policy" not in n and "waivers" not in n]
MISSING = ["missing.json", "folder", "folder/", os.devnull, "", "-", "\udcff-latin1.json"]
MANIFESTS = ["cases.jsonl", "cases.csv", "deep.jsonl", "é ü.jsonl", "\udcff-cases.jsonl", "folder"]
OUTPUTS = ["out.jsonl", "-", "folder", "missing/out.jsonl", "op.json", os.devnull, ""]
DATES = [
    "2026-06-01",
    AS_OF.isoformat(),
    "2026-06-01T10:00:00+02:00",
    "9999-12-31",  # issue #12 item 4
    "0001-01-01",
    "2026-02-30",
    "2026-06-01T10:00:00",
    "2026-06-01T10:00:00+25:00",
    "9999-12-31T23:59:59-23:59",
    "+002026-06-01",
    "10000-01-01",
    "٢٠٢٦-٠٦-٠١",
    "yesterday",
]
FORMATS = ["text", "json", "markdown", "html", "jsonl", "junit", "xml"]
FAIL_ON = ["blocker", "major", "minor", "facilitate_only", "never", "BLOCKER", "info"]
SELECTORS = ["VOL", "VOL-001", "pressure", "COND,LEGAL", "", ",", "XYZ", "VOL,,COND", "*"]
SEVERITIES = [
    "VOL-001=major",
    "LEGAL-004=info",
    "VOL-001=",
    "=major",
    "VOL-001",
    "NOPE-001=major",
    "VOL=blocker",
    "INPUT-001=minor",
]


def _parameters() -> list[str]:
    """``NAME=VALUE`` for every rule parameter: a usual value and odd ones of its kind."""
    found = ["unknown=1", "x", "=1", "assessment_max_age="]
    for field in attrs.fields(Parameters):
        if field.type in ("str", str):  # a duration
            odd = ["P120D", "P99999999999D", "P2932896D", "P-1D", "P1Y2M", "PT1H", "P0D", ""]
        else:
            odd = ["0.75", "2", "nan", "inf", "1e309", "-1", "9" * 5000, "1000000000000"]
        found += [f"{field.name}={value}" for value in odd]
    return found


PARAMS = _parameters()  # issue #12 item 7: huge durations and numbers
JOBS = ["1", "1", "1", "2", "0", "-1", "999999999999", "x", "", "1.5"]
CODES = ["VOL-001", "vol-001", "INPUT-001", "VOL-999", "", "X", "LEGAL-004"]
FAMILIES = ["VOL", "vol", "", "X", "LEAD"]
SCHEMAS = ["input", "report", "policy", "x"]
EXAMPLES = ["organised-promotion", "coerced-return-blocked", "nope", ""]
ODD = [
    "",
    " ",
    "-",
    "--",
    "-x",
    "--unknown",
    "--format=json",
    "--as-of=9999-12-31",
    "\x1b[31mred",
    "\x07",
    "\udcff",  # a byte that was not UTF-8 on the command line (surrogateescape)
    "é",
    "a" * 5_000,
    "9" * 5_000,
    "--debug",
]

POOLS: dict[str, list[str]] = {
    "OP": OPERATIONS,
    "FILE": OPERATIONS + MISSING,
    "DATE": DATES,
    "FORMAT": FORMATS,
    "FAIL": FAIL_ON,
    "SEL": SELECTORS,
    "SEV": SEVERITIES,
    "PARAM": PARAMS,
    "JOBS": JOBS,
    "MANIFEST": MANIFESTS + MISSING,
    "OUT": OUTPUTS,
    "POLICY": [
        "policy.toml",
        "huge-policy.toml",
        "bad-policy.toml",
        "digits-policy.toml",
        "missing.toml",
        "folder",
    ],
    "WAIVERS": ["waivers.toml", "bad-waivers.json", "garbage.json", "folder", "missing.toml"],
    "BASELINE": ["report.json", "not-report.json", "garbage.json", "folder", "missing.json"],
    "CODE": CODES,
    "FAMILY": FAMILIES,
    "SCHEMA": SCHEMAS,
    "EXAMPLE": EXAMPLES,
    "ODD": ODD,
}

TEMPLATES: list[list[str]] = [
    ["check", "@OP", "--as-of", "@DATE", "--no-policy-file"],
    ["check", "@OP", "@OP", "--as-of", "@DATE", "--format", "@FORMAT"],
    ["check", "@FILE", "--format", "@FORMAT", "--fail-on", "@FAIL", "--reveal-references"],
    ["check", "@OP", "--policy", "@POLICY", "--select", "@SEL", "--ignore", "@SEL"],
    ["check", "@OP", "--severity", "@SEV", "--param", "@PARAM", "--as-of", "@DATE"],
    ["check", "@OP", "--waivers", "@WAIVERS", "--baseline", "@BASELINE", "--as-of", "@DATE"],
    ["check", "--example", "@EXAMPLE", "--as-of", "@DATE", "--format", "@FORMAT"],
    ["check", "--list-examples"],
    [
        "check",
        "shell.json",
        "--cases",
        "@MANIFEST",
        "--as-of",
        "@DATE",
        "--format",
        "@FORMAT",
        "--jobs",
        "@JOBS",
    ],
    ["check", "synthetic.json", "--cases", "@MANIFEST", "--findings-out", "@OUT"],
    ["check", "synthetic.json", "--cases", "@MANIFEST", "--cases-out", "@OUT", "--jobs", "@JOBS"],
    ["check", "@OP", "--as-of", "@DATE", "--format", "@FORMAT", "--fail-on", "@FAIL"],
    ["diff", "@FILE", "@FILE", "--as-of", "@DATE", "--format", "@FORMAT"],
    ["diff", "report.json", "@BASELINE", "--fail-on", "@FAIL"],
    ["explain", "@CODE"],
    ["rules", "--family", "@FAMILY", "--severity", "@FAIL"],
    ["schema", "@SCHEMA"],
]

OPTIONS = [
    "--as-of",
    "--format",
    "--fail-on",
    "--waivers",
    "--baseline",
    "--reveal-references",
    "--policy",
    "--no-policy-file",
    "--select",
    "--ignore",
    "--severity",
    "--param",
    "--cases",
    "--jobs",
    "--findings-out",
    "--cases-out",
    "--example",
    "--list-examples",
    "--help",
    "--version",
    "--debug",
]
EVERY_VALUE = sorted({value for pool in POOLS.values() for value in pool})


def _value(pool: list[str], rng: random.Random) -> str:
    # The first value of each pool is a good one: half the time it is kept, so that a command
    # line often gets past its first check and the odd values meet the deeper ones.
    return pool[0] if rng.random() < 0.5 else rng.choice(pool)


def fill(template: Sequence[str], rng: random.Random) -> list[str]:
    """The template with each ``@POOL`` replaced by a value of that pool."""
    return [_value(POOLS[item[1:]], rng) if item.startswith("@") else item for item in template]


def mutate_argv(argv: list[str], rng: random.Random) -> list[str]:
    """One change to a command line; the command itself is left alone nine times in ten, so
    that most changes reach the command's own checks rather than argparse's."""
    head, tail = (argv[:1], argv[1:]) if argv and rng.random() < 0.9 else ([], list(argv))
    kind = rng.randrange(7)
    index = rng.randrange(len(tail)) if tail else 0
    if kind == 0 and tail:
        tail[index] = rng.choice(EVERY_VALUE)  # a value of another option, or an odd one
    elif kind == 1 and tail:
        tail[index] = rng.choice(ODD)
    elif kind == 2 and tail:
        del tail[index]
    elif kind == 3 and tail:
        tail.insert(index, tail[index])
    elif kind == 4:
        tail.insert(index, rng.choice(OPTIONS))
    elif kind == 5:
        tail += [rng.choice(OPTIONS), rng.choice(EVERY_VALUE)]
    elif len(tail) > 1:
        other = rng.randrange(len(tail))
        tail[index], tail[other] = tail[other], tail[index]
    return head + tail


def command_line(rng: random.Random) -> list[str]:
    argv = fill(rng.choice(TEMPLATES), rng)
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
        argv = mutate_argv(argv, rng)
    return argv


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The folder the command lines run in (their working directory)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    reset(tmp_path)
    return tmp_path


def fuzz_one(argv: list[str], folder: Path, rng: random.Random) -> Ran:
    """Run one command line in a fresh folder (sometimes with a policy file in it)."""
    reset(folder)
    roll = rng.random()
    if roll < 0.1:
        (folder / "repatguard.toml").write_text(POLICY, encoding="utf-8")
    elif roll < 0.15:
        (folder / "repatguard.toml").write_bytes(rng.choice([b"select = [", b"\xff", b"x = 1\n"]))
    ran = run(argv)
    assert_documented(ran)
    return ran


# ---------------------------------------------------------------------------------------------
# The seeds work


def test_every_template_runs_with_its_first_values(folder: Path) -> None:
    # Unmutated, each template must reach its command; otherwise mutations test argparse only.
    codes = []
    for template in TEMPLATES:
        argv = [POOLS[item[1:]][0] if item.startswith("@") else item for item in template]
        ran = run(argv)
        assert ran.code in DOCUMENTED_EXITS, ran
        assert "usage:" not in ran.err, ran
        codes.append(ran.code)
    assert set(codes) >= {0, 1}


def test_the_folder_holds_what_the_pools_name(folder: Path) -> None:
    for name in [*OPERATIONS, "cases.jsonl", "cases.csv", "policy.toml", "waivers.toml"]:
        assert (folder / name).exists(), name
    assert run(["check", "op.json", "--as-of", AS_OF.isoformat(), "--no-policy-file"]).code == 0


# ---------------------------------------------------------------------------------------------
# Fuzzing


def _scaled(profile: settings, quick: int, long: int | None = None) -> settings:
    """``quick`` examples in the default run; the long profile's, or ``long``, under -m long."""
    if profile.max_examples >= 1_000:
        return profile if long is None else settings(profile, max_examples=long)
    return settings(profile, max_examples=quick)


def test_mutated_command_lines(
    profile: settings, reliability_counts: Counter[str], folder: Path
) -> None:
    @_scaled(profile, 60)
    @given(rng=st.randoms(use_true_random=False))
    def prop(rng: random.Random) -> None:
        argv = command_line(rng)
        fuzz_one(argv, folder, rng)
        reliability_counts[f"cli: mutated command line ({argv[0] if argv else 'empty'})"] += 1

    prop()


TOKENS = st.sampled_from(EVERY_VALUE + OPTIONS) | st.text(max_size=12)


def test_arbitrary_arguments(
    profile: settings, reliability_counts: Counter[str], folder: Path
) -> None:
    commands = st.sampled_from(["check", "diff", "explain", "rules", "schema", "--debug", "x"])

    @_scaled(profile, 30, long=3_000)
    @given(command=commands, rest=st.lists(TOKENS, max_size=8))
    def prop(command: str, rest: list[str]) -> None:
        argv = [command, *rest]
        fuzz_one(argv, folder, random.Random(len(rest)))
        reliability_counts["cli: arbitrary arguments"] += 1

    prop()


LONG_SWEEP = 5_000
"""Command lines of the seeded sweep in the long run."""


@pytest.mark.long
def test_long_sweep_of_command_lines(reliability_counts: Counter[str], folder: Path) -> None:
    rng = random.Random(20261213)
    for number in range(LONG_SWEEP):
        argv = command_line(rng)
        try:
            fuzz_one(argv, folder, rng)
        except BaseException as exc:
            raise AssertionError(f"command line {number}: {argv!r}: {exc}") from exc
        reliability_counts["cli: command line, sweep"] += 1


# ---------------------------------------------------------------------------------------------
# Explicit cases, so that finding them does not depend on the sample


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "far-assessment.json", "--as-of", "2026-06-01"],
        ["check", "far-birth.json", "--as-of", "2026-06-01"],
        ["check", "op.json", "--as-of", "9999-12-31"],
        ["check", "op.json", "--as-of", "0001-01-01"],
        ["check", "unhashable.yaml"],
        ["check", "shell.json", "--cases", "deep.jsonl", "--as-of", "2026-06-01"],
        ["check", "shell.json", "--cases", "deep.jsonl", "--jobs", "2", "--as-of", "2026-06-01"],
        ["check", "op.json", "--param", "pressure_lookback=P99999999999D"],
        ["check", "op.json", "--param", "pressure_lookback=P2932896D", "--as-of", "2026-06-01"],
        ["check", "op.json", "--policy", "huge-policy.toml"],
        ["check", "op.json", "--policy", "digits-policy.toml"],
        ["check", "shell.json", "--cases", "cases.jsonl", "--jobs", "999999999999"],
        ["diff", "op.json", "op.json", "--as-of", "0001-01-01"],
        ["diff", "op.json", "op.json", "--as-of", "9999-12-31"],
    ],
    ids=[
        "far assessment",
        "far date of birth",
        "as-of 9999",
        "as-of 0001",
        "unhashable YAML key",
        "deep manifest line",
        "deep manifest line, two jobs",
        "huge parameter",
        "parameter past the calendar",
        "huge parameter in a policy file",
        "a number of 5,000 digits in a policy file",
        "huge --jobs",
        "diff as-of 0001",
        "diff as-of 9999",
    ],
)
def test_the_crashes_of_issue_12_are_input_errors(argv: list[str], folder: Path) -> None:
    # Items 4 to 7: each used to raise (OverflowError, ValueError, TypeError, RecursionError).
    # Found by this suite: the policy of 5,000 digits (a ValueError of tomllib) and diff's
    # --as-of, which is not held to the supported date range (0001-01-01 exits 3).
    ran = run(argv)
    assert_documented(ran)
    assert ran.code == 2, ran


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "synthetic.json", "--cases", "cases.jsonl", "--findings-out", "folder"],
        ["check", "synthetic.json", "--cases", "cases.jsonl", "--cases-out", "missing/out.jsonl"],
        ["check", "synthetic.json", "--cases", "folder/"],
        ["check", "escaping.json", "--as-of", "2026-06-01"],
        ["check", "absolute.json", "--as-of", "2026-06-01"],
    ],
    ids=["findings-out a folder", "cases-out in a missing folder", "a folder", "../", "absolute"],
)
def test_files_that_cannot_be_written_or_read_are_usage_errors(
    argv: list[str], folder: Path
) -> None:
    # Found by this suite: --findings-out and --cases-out let the OSError of open() escape.
    ran = run(argv)
    assert_documented(ran)
    assert ran.code == 2, ran


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "\udcff-latin1.json", "--as-of", "2026-06-01", "--no-policy-file"],
        ["check", "shell.json", "--cases", "é ü.jsonl", "--as-of", "2026-06-01"],
        ["check", "synthetic.json", "--cases", "\udcff-cases.jsonl", "--as-of", "2026-06-01"],
        ["check", "missing-\udcff.json"],
        ["check", "synthetic.json", "--cases", "cases-\udcff.jsonl"],
        ["check", "op.json", "--baseline", "missing-\udcff.json"],
        ["check", "op.json", "--as-of", "\udcff"],
        ["explain", "\udcff"],
        ["rules", "--family", "\udcff"],
        ["check", "op.json", "--select", "\udcff"],
    ],
    ids=[
        "operation",
        "manifest",
        "manifest not UTF-8",
        "missing operation",
        "missing manifest",
        "missing baseline",
        "as-of",
        "explain",
        "rules",
        "select",
    ],
)
def test_arguments_that_were_not_utf8_end_in_a_documented_exit(
    argv: list[str], folder: Path
) -> None:
    # On POSIX a byte that is not UTF-8 reaches argv as a lone surrogate; printing it to a
    # strict UTF-8 stdout raises UnicodeEncodeError.
    (folder / "shell.json").write_bytes(FILES["shell.json"] or b"")
    assert_documented(run(argv))
