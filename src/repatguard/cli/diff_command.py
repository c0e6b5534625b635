"""``repatguard diff OLD NEW``: what changed between two reports or two operations."""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from pathlib import Path
from typing import Any

import pendulum

from repatguard._printable import printable
from repatguard.cli.check_command import parse_as_of
from repatguard.cli.policy_options import add_policy_arguments, policy_from_args
from repatguard.cli.reference_key import key_mismatch, project_key
from repatguard.engine.check import check
from repatguard.errors import InputError, InputIssue, format_input_error
from repatguard.io.converter import converter
from repatguard.io.load import load
from repatguard.render.json import report_to_dict
from repatguard.report.diff import FindingRef, ReportDiff, diff_reports
from repatguard.report.pseudonyms import KEY_VARIABLE, ReferenceKey
from repatguard.rules.registry import builtin_registry

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "diff",
        help="compare two reports, or two operations checked under the same policy",
        description=(
            "Compare two JSON reports, or two operation files checked at the same --as-of "
            "under the same policy: new, resolved and persisting findings and the verdict "
            "change. Findings match by fingerprint (code, subject and path)."
        ),
    )
    parser.add_argument("old", metavar="OLD")
    parser.add_argument("new", metavar="NEW")
    parser.add_argument("--as-of", metavar="DATE", help="for operation files (default: today)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--fail-on", choices=("blocker", "major", "minor", "never"), default=None)
    add_policy_arguments(parser)
    parser.set_defaults(run=run)


def _is_report(data: Any) -> bool:
    return isinstance(data, dict) and "schema_version" in data and "findings" in data


def _as_of_warning(old: dict[str, Any], new: dict[str, Any]) -> str | None:
    """A warning when the two sides were checked at different instants: findings that
    depend on dates (the age of evidence, deadlines, departures) then differ for that reason
    alone."""
    before, after = old.get("as_of"), new.get("as_of")
    if before == after:
        return None
    return (
        f"the two sides are as of {printable(str(before))} and {printable(str(after))}: "
        "findings that depend on dates may differ for that reason alone (an operation file "
        "is checked as of today unless --as-of says otherwise)"
    )


def _key_id(report: dict[str, Any]) -> object:
    references = report.get("references")
    return references.get("key_id") if isinstance(references, dict) else None


def _as_report(
    path: str, args: argparse.Namespace, key: str | bytes | ReferenceKey
) -> dict[str, Any]:
    text = Path(path).read_text(encoding="utf-8") if Path(path).is_file() else None
    if text is not None and path.endswith(".json"):
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if _is_report(data):
            report: dict[str, Any] = data
            return report
    operation = load(Path(path))
    # Read as `check --as-of` reads it: a date or an offset datetime, in the supported range.
    as_of = parse_as_of(args.as_of) if args.as_of else pendulum.now("UTC").date()
    policy = policy_from_args(args, builtin_registry())
    # The diff compares findings and verdicts only: no next review to compute.
    checked = check(operation, as_of=as_of, policy=policy, reference_key=key, next_review=False)
    return report_to_dict(checked)


def _line(sign: str, ref: FindingRef) -> str:
    # A report read from a file is input like any other: nothing from it reaches the terminal
    # raw.
    return (
        f"  {sign} {printable(ref.code)} [{printable(ref.severity)}, {printable(ref.outcome)}] "
        f"{printable(ref.message)} (at {printable(ref.path)}, {printable(ref.subject)})"
    )


def to_text(diff: ReportDiff) -> str:
    change = "changed" if diff.verdict_changed else "unchanged"
    before, after = printable(diff.verdict_before), printable(diff.verdict_after)
    lines = [f"verdict: {before} -> {after} ({change})"]
    lines += [f"new findings: {len(diff.new)}"] + [_line("+", r) for r in diff.new]
    lines += [f"resolved findings: {len(diff.resolved)}"] + [_line("-", r) for r in diff.resolved]
    lines.append(f"persisting findings: {len(diff.persisting)}")
    return "\n".join(lines) + "\n"


def _shared_key(args: argparse.Namespace) -> str | bytes | ReferenceKey:
    """One key for both sides, so that pseudonyms match: the environment's, else the
    project's key file (as `check` uses it), else a random one for this run."""
    from_env = os.environ.get(KEY_VARIABLE)
    if from_env:
        return from_env
    return project_key(args) or secrets.token_bytes(32)


def run(args: argparse.Namespace) -> int:
    try:
        key = _shared_key(args)
        old = _as_report(args.old, args, key)
        new = _as_report(args.new, args, key)
    except InputError as exc:
        print(format_input_error(exc), file=sys.stderr)
        return 2
    except UnicodeDecodeError:  # its message quotes a byte of the file
        issue = InputIssue(path="$", message="cannot read the file (not UTF-8 text)")
        print(format_input_error(InputError([issue])), file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        issue = InputIssue(path="$", message=printable(str(exc)))
        print(format_input_error(InputError([issue])), file=sys.stderr)
        return 2
    warning = _as_of_warning(old, new)
    if warning is not None:
        print(f"repatguard diff: {warning}", file=sys.stderr)
    problem = key_mismatch(_key_id(new), _key_id(old), "the old report")
    if problem is not None:
        print(f"repatguard diff: {problem}", file=sys.stderr)
        return 2
    try:
        diff = diff_reports(old, new)
    except (KeyError, TypeError, AttributeError):
        # A JSON file that looks like a report but lacks a finding's fields.
        message = "not a report of this library: a finding lacks a field or has the wrong type"
        print(
            format_input_error(InputError([InputIssue(path="$", message=message)])), file=sys.stderr
        )
        return 2
    if args.format == "json":
        sys.stdout.write(json.dumps(converter().unstructure(diff), indent=2) + "\n")
    else:
        sys.stdout.write(to_text(diff))
    threshold = args.fail_on or "blocker"
    if threshold == "never":
        return 0
    order = ["minor", "major", "blocker"]
    worst = [r for r in diff.new if r.severity in order[order.index(threshold) :]]
    return 1 if worst else 0
