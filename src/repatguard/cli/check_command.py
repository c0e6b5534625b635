"""``repatguard check``: check operations from files or bundled examples."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

import attrs
import pendulum

from repatguard._printable import printable
from repatguard.cli.output import (
    add_language_argument,
    chosen_language,
    language_problem,
    print_reports,
)
from repatguard.cli.policy_options import (
    add_policy_arguments,
    parameter_sources,
    policy_from_args,
)
from repatguard.cli.reference_key import KEY_FILE, key_mismatch, project_key
from repatguard.cli.stream_options import add_stream_arguments, run_stream
from repatguard.engine.check import check
from repatguard.errors import InputError, InputIssue, format_input_error
from repatguard.examples import example, examples
from repatguard.io.load import (
    MAX_DOCUMENT_BYTES,
    Format,
    format_of,
    load,
    load_text,
    sniff_format,
)
from repatguard.model import Operation, Waiver
from repatguard.model.dates import SUPPORTED_RANGE, in_supported_range
from repatguard.policy.policy import FailOn, Policy
from repatguard.policy.waivers import load_waivers
from repatguard.report.pseudonyms import KEY_VARIABLE, ReferenceKey
from repatguard.report.report import BaselineSummary, Report
from repatguard.report.trace import ParameterSource
from repatguard.rules.packs import RulePackError, full_registry
from repatguard.rules.registry import DuplicateRuleError, Registry

__all__ = ["FORMATS", "add_parser", "run", "use_color"]

FORMATS = ("text", "json", "markdown", "html", "jsonl", "junit")


# Long on purpose: one declaration per option, in the order --help lists them.
def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "check",
        help="check operations and print a report",
        description=(
            "Check every safeguard of one or more operations (JSON, TOML or YAML files) and "
            "print the verdict, why, and what to do next."
        ),
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="operation files")
    parser.add_argument(
        "--example",
        metavar="NAME",
        help="check a bundled synthetic operation (see --list-examples)",
    )
    parser.add_argument(
        "--list-examples", action="store_true", help="list the bundled examples and exit"
    )
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        help=(
            "date (YYYY-MM-DD) or datetime with offset to check at; default: an example's own "
            "date, else today's date in UTC (recorded in the report)"
        ),
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help=(
            "text (default; coloured on a terminal unless NO_COLOR is set), json, markdown, "
            "html (a self-contained page), jsonl (one finding per line) or junit (XML)"
        ),
    )
    parser.add_argument(
        "--fail-on",
        choices=tuple(f.value for f in FailOn),
        default=None,
        help=(
            "exit 1 when a finding reaches this severity, or (facilitate_only) when the verdict "
            "is short of promote; a blocked or insufficient_information verdict, an escalation "
            "or a blocker finding always exit 1 unless 'never' (default: the policy's, blocker)"
        ),
    )
    parser.add_argument(
        "--waivers",
        metavar="FILE",
        action="append",
        default=[],
        help="a waiver register (TOML or JSON) to apply besides the operation's own waivers",
    )
    parser.add_argument(
        "--baseline",
        metavar="REPORT",
        help="a JSON report: list and fail only on findings that are not in it",
    )
    parser.add_argument(
        "--reveal-references",
        action="store_true",
        help=(
            "show the input's household and person references instead of pseudonyms "
            f"(pseudonyms are keyed by ${KEY_VARIABLE} when set, else by the project's "
            f"{KEY_FILE} beside the policy file, made on first use)"
        ),
    )
    parser.add_argument(
        "--input-format",
        choices=("json", "toml", "yaml"),
        help=(
            "the format of the operation files whose names do not say it, and of an operation "
            "read from standard input (FILE '-'); default: from the suffix, or for standard "
            "input JSON when it starts with '{', else TOML"
        ),
    )
    parser.add_argument(
        "--output",
        metavar="FILE",
        help=(
            "write the report to FILE instead of standard output; FILE is replaced only when "
            "a report was made (exit code 0 or 1)"
        ),
    )
    parser.add_argument(
        "--paths",
        action="store_true",
        help=(
            "text and markdown: show the JSON path beside each field named in words "
            "(JSON always has the paths; HTML shows them on demand)"
        ),
    )
    parser.add_argument(
        "--trace",
        action="store_true",
        help=(
            "add the decision trace: for the operation, each area and each case, the steps "
            "of the verdict in order, the findings that decided each and the parameters they "
            "read (every format; see 'repatguard explain --trace' for one subject); with "
            "--cases, each case's trace is on its line in --cases-out"
        ),
    )
    add_language_argument(parser)
    add_policy_arguments(parser)
    add_stream_arguments(parser)
    parser.set_defaults(run=run)


def parse_as_of(text: str) -> dt.date | dt.datetime:
    value: dt.date | dt.datetime
    if len(text) == 10:
        value = pendulum.Date.fromisoformat(text)
    else:
        value = dt.datetime.fromisoformat(text)
        if value.tzinfo is None:
            raise ValueError("a datetime needs a UTC offset")
    if not in_supported_range(value):  # as every date of the input (docs/model.md)
        raise ValueError(f"outside {SUPPORTED_RANGE}")
    return value


def _load_files(
    names: list[str], as_of: dt.date | dt.datetime, format: Format | None
) -> tuple[list[tuple[str, Operation, dt.date | dt.datetime]], bool]:
    """The operations of ``names`` (``-``: standard input), each to check at ``as_of``, and
    whether any could not be loaded (its errors are printed; the others are still checked)."""
    loaded: list[tuple[str, Operation, dt.date | dt.datetime]] = []
    failed = False
    for name in names:
        try:
            if name == "-":
                operation = _from_stdin(format)
            else:
                path = Path(name)
                # --input-format is for names that do not say their format; a suffix that
                # does is believed.
                operation = load(path, format=format_of(path) or format)
            loaded.append((name, operation, as_of))
        except InputError as exc:
            print(format_input_error(exc), file=sys.stderr)
            failed = True
    return loaded, failed


def _from_stdin(format: Format | None) -> Operation:
    """The operation on standard input, read up to the loader's size limit and no further (an
    endless pipe must not exhaust the memory)."""
    text = sys.stdin.read(MAX_DOCUMENT_BYTES + 1)
    if not text.strip():
        issue = InputIssue(path="$", message="standard input is empty: give an operation")
        raise InputError([issue], source="standard input")
    try:
        return load_text(text, format=format or sniff_format(text))
    except InputError as exc:
        raise InputError(exc.issues, source="standard input") from None


def _warn_unused_options(args: argparse.Namespace) -> None:
    """Say so when an option is given that this run does not use, rather than ignore it."""
    if args.jobs != 1 and not args.cases:
        print(
            "repatguard check: --jobs applies to a case manifest (--cases, or one the "
            "operation names); operations with their households inline are checked in one "
            "process",
            file=sys.stderr,
        )


def _usage_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the arguments before anything is read, if anything."""
    if not args.files and not args.example:
        return "give at least one FILE or --example NAME"
    if args.lang is not None:
        problem = language_problem(args.lang)
        if problem is not None:
            return problem
    if args.files.count("-") > 1:
        return "standard input ('-') can be read once"
    if args.waivers and len(args.files) + bool(args.example) > 1:
        # A register's waivers name subjects by reference (P-1, AREA-1), which repeat across
        # operations: applied to several, a waiver meant for one would settle the others.
        return (
            "a waiver register (--waivers) applies to one operation; check the operations "
            "one at a time"
        )
    return None


def run(args: argparse.Namespace) -> int:
    if args.output is None:
        return _run(args)
    problem = _output_problem(args)
    if problem is not None:
        print(f"repatguard check: --output {problem}", file=sys.stderr)
        return 2
    target = Path(args.output)
    # Written beside the target and moved into place only once a report is made: a failed
    # run never leaves an empty or partial report where a pipeline expects one.
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=target.parent, prefix=".repatguard-", delete=False
    ) as made:
        partial = Path(made.name)
    try:
        with open(partial, "w", encoding="utf-8") as out, contextlib.redirect_stdout(out):
            code = _run(args)
        if code in (0, 1):
            os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return code


def _output_problem(args: argparse.Namespace) -> str | None:
    """Why the report cannot go to ``--output``, if it cannot: a folder, a folder that does
    not exist, a file this run reads, or standard output also asked for."""
    target = Path(args.output)
    if target.is_dir():
        return "names a folder: give a file name"
    if not target.parent.is_dir():
        return "names a file in a folder that does not exist"
    read = [*args.files, *args.waivers, args.cases, args.baseline, args.policy]
    chosen = os.path.realpath(target)
    if any(name not in (None, "-") and os.path.realpath(name) == chosen for name in read):
        return "names a file this run reads: the report would replace it"
    if "-" in (getattr(args, "findings_out", None), getattr(args, "cases_out", None)):
        return "takes standard output's place: give --findings-out and --cases-out a file"
    return None


def _run(args: argparse.Namespace) -> int:
    if args.list_examples:
        for item in examples():
            print(f"{item.name:32} {item.expected_verdict:26} {item.title}")
        return 0
    usage = _usage_problem(args)
    if usage is not None:
        print(f"repatguard check: {usage}", file=sys.stderr)
        return 2
    try:
        as_of = parse_as_of(args.as_of) if args.as_of is not None else None
    except ValueError:
        print(
            f"repatguard check: --as-of expects YYYY-MM-DD or an ISO 8601 datetime with "
            f"offset, from {SUPPORTED_RANGE}, got {args.as_of!r}",
            file=sys.stderr,
        )
        return 2
    found = _targets(args, as_of)
    if isinstance(found, int):
        return found
    targets, input_errors = found
    setup = _Setup.of(args, targets)
    if isinstance(setup, int):
        return setup
    if not _manifest_named_by_operation(args, targets):
        return 2
    _warn_unused_options(args)
    args.lang = chosen_language(args, os.environ)
    sources = parameter_sources(args, setup.policy) if args.trace else None
    if not args.cases:
        return _check_in_memory(args, targets, setup, sources, input_errors=input_errors)
    if input_errors:
        return 2
    if len(targets) != 1:
        print("repatguard check: --cases needs exactly one operation", file=sys.stderr)
        return 2
    _, operation, when = targets[0]
    return run_stream(
        args,
        operation,
        when,
        registry=setup.registry,
        policy=setup.policy,
        waivers=setup.register,
        color=use_color(sys.stdout, os.environ),
        reference_key=setup.key,
        parameter_sources=sources,
    )


_Target = tuple[str, Operation, dt.date | dt.datetime]
"""What to check: a name for messages, the operation, and the instant to check it at."""


def _targets(
    args: argparse.Namespace, as_of: dt.date | dt.datetime | None
) -> tuple[list[_Target], bool] | int:
    """The operations to check (the example, then the files), and whether a file could not
    be loaded; or the exit code when the example is unknown."""
    targets: list[_Target] = []
    if args.example:
        try:
            chosen = example(args.example)
        except KeyError as exc:
            print(f"repatguard check: {printable(str(exc.args[0]))}", file=sys.stderr)
            return 2
        targets.append((f"example {chosen.name}", chosen.load(), as_of or chosen.as_of))
    default_as_of = as_of or pendulum.now("UTC").date()  # the CLI boundary; rules never do
    loaded, input_errors = _load_files(args.files, default_as_of, args.input_format)
    return targets + loaded, bool(input_errors)


@attrs.frozen
class _Setup:
    """What every operation of one run is checked with: the catalogue, the policy, the waiver
    register, the baseline and the key of the pseudonymous references."""

    registry: Registry
    policy: Policy
    register: tuple[Waiver, ...]
    baseline: dict[str, Any] | None
    key: ReferenceKey | None

    @classmethod
    def of(cls, args: argparse.Namespace, targets: list[_Target]) -> _Setup | int:
        """The setup the arguments ask for, or the exit code when it cannot be made."""
        try:
            registry = full_registry()  # the built-in catalogue and every installed rule pack
        except (RulePackError, DuplicateRuleError) as exc:
            print(f"repatguard check: {printable(str(exc))}", file=sys.stderr)
            return 2
        try:
            return cls(
                registry=registry,
                policy=policy_from_args(args, registry),
                register=tuple(w for name in args.waivers for w in load_waivers(name)),
                baseline=_load_baseline(args.baseline) if args.baseline else None,
                key=project_key(args) if targets else None,  # nothing to check: no key to make
            )
        except InputError as exc:
            print(format_input_error(exc), file=sys.stderr)
            return 2


def _check_in_memory(
    args: argparse.Namespace,
    targets: list[_Target],
    setup: _Setup,
    sources: Mapping[str, ParameterSource] | None,
    *,
    input_errors: bool,
) -> int:
    """Check each operation with its households in memory, print the reports, and give the
    exit code."""
    reports: list[Report] = [
        check(
            op,
            as_of=when,
            registry=setup.registry,
            policy=setup.policy,
            waivers=setup.register,
            reveal_references=args.reveal_references,
            reference_key=setup.key,
            trace=args.trace,
            parameter_sources=sources,
        )
        for _, op, when in targets
    ]
    if setup.baseline is not None:
        problem = _baseline_key_problem(reports, setup.baseline)
        if problem is not None:
            print(f"repatguard check: {problem}", file=sys.stderr)
            return 2
        reports = [apply_baseline(r, setup.baseline, args.baseline) for r in reports]
    print_reports(
        reports,
        args.format,
        color=use_color(sys.stdout, os.environ),
        paths=args.paths,
        lang=args.lang,
    )
    if input_errors:
        return 2
    fail_on = setup.policy.fail_on
    failed = any(
        fail_on.fails(report.verdict, escalate=report.escalate, reached=report.reaches)
        for report in reports
    )
    return 1 if failed else 0


def _manifest_named_by_operation(
    args: argparse.Namespace, targets: list[tuple[str, Operation, dt.date | dt.datetime]]
) -> bool:
    """Use the case manifest an operation file names when --cases is not given."""
    referenced = [(name, op) for name, op, _ in targets if op.cases_manifest is not None]
    if args.cases or not referenced:
        return True
    if len(targets) != 1 or args.example:
        print(
            "repatguard check: an operation that refers to a case manifest is checked alone",
            file=sys.stderr,
        )
        return False
    name, operation = referenced[0]
    # Only here: the streaming machinery is imported when a manifest is to be read.
    from repatguard.stream.manifest import operation_manifest  # noqa: PLC0415

    try:
        # Confined to the operation file's folder; an explicit --cases is the user's choice.
        # Kept as the path object: it carries the identity of the file examined.
        args.cases = operation_manifest(name, operation)
    except InputError as exc:
        print(format_input_error(exc), file=sys.stderr)
        return False
    return True


def _baseline_key_problem(reports: list[Report], baseline: Mapping[str, Any] | None) -> str | None:
    """Why the baseline's findings cannot be matched with these reports', if they cannot:
    fingerprints hold pseudonyms, so both must be made under the same key."""
    if baseline is None:
        return None
    references = baseline.get("references")
    other = references.get("key_id") if isinstance(references, dict) else None
    for report in reports:
        problem = key_mismatch(report.references.key_id, other, "the baseline")
        if problem is not None:
            return problem
    return None


def _load_baseline(path: str) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        issue = InputIssue(path="$", message=f"cannot read the baseline report ({exc})")
        raise InputError([issue], source=path) from None
    if not isinstance(data, dict) or "findings" not in data:
        raise InputError(
            [InputIssue(path="$", message="expected one JSON report with 'findings'")],
            source=path,
        )
    return data


def apply_baseline(report: Report, baseline: Mapping[str, Any], source: str) -> Report:
    """``report`` listing only the findings whose fingerprints are not in ``baseline``."""
    known = {item.get("fingerprint") for item in baseline.get("findings", [])}
    fresh = tuple(f for f in report.findings if f.fingerprint not in known)
    summary = BaselineSummary(source=source, left_out=len(report.findings) - len(fresh))
    return attrs.evolve(report, findings=fresh, baseline=summary)


def use_color(stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Colour only a terminal, and never when ``NO_COLOR`` is set and not empty;
    ``FORCE_COLOR`` set and not empty colours any output (a CI log), unless ``NO_COLOR`` is
    set too: asking for no colour wins.

    See https://no-color.org and https://force-color.org. Only the text format is coloured.
    """
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty is not None and isatty())
    except ValueError:  # a closed stream
        return False
