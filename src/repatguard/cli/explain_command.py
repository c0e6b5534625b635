"""``repatguard explain CODE``: the rule's reference page in the terminal.

``repatguard explain --trace SUBJECT FILE`` (or ``--example NAME``) checks the operation and
prints why one subject (the operation, a return area, a household or a person) has its
verdict: the subject's decision trace, in text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import pendulum

from repatguard._printable import json_printable, printable
from repatguard.cli.output import add_language_argument, chosen_language, language_problem
from repatguard.cli.policy_options import (
    add_policy_arguments,
    parameter_sources,
    policy_from_args,
)
from repatguard.cli.reference_key import project_key
from repatguard.engine.check import check
from repatguard.errors import InputError, format_input_error
from repatguard.examples import example
from repatguard.io.converter import converter
from repatguard.io.load import format_of, load
from repatguard.model import Operation, Waiver
from repatguard.model.dates import SUPPORTED_RANGE
from repatguard.policy.policy import Policy
from repatguard.policy.waivers import load_waivers
from repatguard.render.i18n import _, use_language
from repatguard.render.text import scope_trace_text
from repatguard.render.trace import parameter_line
from repatguard.report.pseudonyms import ReferenceKey, pseudonym, pseudonymise, resolve_key
from repatguard.report.report import Report
from repatguard.report.trace import ScopeTrace, TraceParameter
from repatguard.rules.packs import RulePackError, full_registry
from repatguard.rules.registry import RESERVED_CODES, DuplicateRuleError, Registry

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "explain",
        help="show a rule's reference page, or why one subject has its verdict (--trace)",
        description=(
            "Show a rule's reference page (explain CODE), or check an operation and show why "
            "one subject has its verdict (explain --trace SUBJECT FILE)."
        ),
    )
    parser.add_argument(
        "code",
        nargs="?",
        metavar="CODE|FILE",
        help="a rule code such as VOL-001; with --trace, the operation file",
    )
    parser.add_argument(
        "--trace",
        metavar="SUBJECT",
        help=(
            "print the decision trace of SUBJECT: the operation's reference, an area's, or a "
            "household's or person's reference or its pseudonym from a report"
        ),
    )
    parser.add_argument("--example", metavar="NAME", help="with --trace: a bundled example")
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        help="with --trace: the date to check at (default: an example's own, else today UTC)",
    )
    parser.add_argument(
        "--input-format",
        choices=("json", "toml", "yaml"),
        help="with --trace: the format of FILE when its name does not say it",
    )
    parser.add_argument(
        "--waivers", metavar="FILE", action="append", default=[], help="a waiver register"
    )
    parser.add_argument(
        "--reveal-references",
        action="store_true",
        help="show the input's references instead of pseudonyms",
    )
    parser.add_argument(
        "--paths", action="store_true", help="show the JSON path beside each field in words"
    )
    add_language_argument(parser)
    add_policy_arguments(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        registry = full_registry()  # the built-in catalogue and every installed rule pack
    except (RulePackError, DuplicateRuleError) as exc:
        print(f"repatguard explain: {printable(exc)}", file=sys.stderr)
        return 2
    problem = language_problem(args.lang) if args.lang is not None else None
    if problem is not None:
        print(f"repatguard explain: {problem}", file=sys.stderr)
        return 2
    # The trace and a rule's page are rendered in the language asked for (a rule's prose,
    # what it checks and why, stays in English).
    if args.trace is not None:
        with use_language(chosen_language(args, os.environ)):
            return _explain_trace(args, registry)
    if args.code is None:
        print("repatguard explain: give a rule CODE, or --trace SUBJECT FILE", file=sys.stderr)
        return 2
    code = args.code.strip().upper()
    if code in registry:
        # The page runs the rule's worked examples on the testing factories: imported only
        # for this command, so the other commands never load them.
        from repatguard.testing.reference import rule_page  # noqa: PLC0415

        with use_language(chosen_language(args, os.environ)):
            sys.stdout.write(rule_page(registry.get(code)))
        return 0
    if code in RESERVED_CODES:
        print(f"{code} is not an active rule: {RESERVED_CODES[code]}", file=sys.stderr)
    else:
        # The code is the user's argument, shown back escaped (it may hold control characters).
        print(
            f"repatguard explain: no rule {printable(code)}; see 'repatguard rules'",
            file=sys.stderr,
        )
    return 2


def _operation(args: argparse.Namespace) -> tuple[Operation, dt.date | dt.datetime]:
    """The operation to check and when; raises :class:`InputError`, :class:`KeyError` (no
    such example) or :class:`ValueError` (a bad --as-of)."""
    from repatguard.cli.check_command import parse_as_of  # noqa: PLC0415 - check's own rules

    as_of = parse_as_of(args.as_of) if args.as_of is not None else None
    if args.example:
        chosen = example(args.example)
        return chosen.load(), as_of or chosen.as_of
    path = Path(args.code)
    operation = load(path, format=format_of(path) or args.input_format)
    return operation, as_of or pendulum.now("UTC").date()  # the CLI boundary


def _explain_trace(args: argparse.Namespace, registry: Registry) -> int:
    if (args.code is None) == (args.example is None):
        print("repatguard explain: --trace needs one FILE or --example NAME", file=sys.stderr)
        return 2
    try:
        operation, when = _operation(args)
        policy = policy_from_args(args, registry)
        register = tuple(w for name in args.waivers for w in load_waivers(name))
        key = project_key(args)
    except InputError as exc:
        print(format_input_error(exc), file=sys.stderr)
        return 2
    except KeyError as exc:
        print(f"repatguard explain: {printable(str(exc.args[0]))}", file=sys.stderr)
        return 2
    except ValueError:
        print(
            f"repatguard explain: --as-of expects YYYY-MM-DD or an ISO 8601 datetime with "
            f"offset, from {SUPPORTED_RANGE}",
            file=sys.stderr,
        )
        return 2
    if operation.cases_manifest is not None:
        return _explain_streamed(
            args, operation, when, registry=registry, policy=policy, waivers=register, key=key
        )
    # Checked with the input's references, then pseudonymised as `check` would: the subject
    # may be given either way, and is shown as the report shows it.
    revealed = check(
        operation,
        as_of=when,
        registry=registry,
        policy=policy,
        waivers=register,
        reveal_references=True,
        next_review=False,
        trace=True,
        parameter_sources=parameter_sources(args, policy),
    )
    report = pseudonymise(revealed, operation, reveal=args.reveal_references, key=key)
    text = _subject_text(revealed, report, args.trace, paths=args.paths)
    if text is None:
        print(_NO_SUBJECT.format(printable(args.trace)), file=sys.stderr)
        return 2
    sys.stdout.write(text)
    return 0


def _explain_streamed(
    args: argparse.Namespace,
    operation: Operation,
    when: dt.date | dt.datetime,
    *,
    registry: Registry,
    policy: Policy,
    waivers: tuple[Waiver, ...],
    key: ReferenceKey | None,
) -> int:
    """``explain --trace`` for an operation that names its case manifest: the streamed check
    with its trace, keeping only the subject's traces as the case verdicts stream past."""
    # Only here: the streaming machinery is imported when a manifest is to be read.
    from repatguard.stream import check_manifest, operation_manifest, progress_bar  # noqa: PLC0415
    from repatguard.stream.cases import ManifestIssue  # noqa: PLC0415
    from repatguard.stream.manifest_messages import value_free  # noqa: PLC0415

    wanted = {args.trace.strip()}
    if not args.reveal_references:
        # One key for the check and for the pseudonym of the subject given by its reference.
        secret, source, _ = resolve_key(key)
        key = ReferenceKey(secret, source)
        wanted.add(pseudonym(args.trace.strip(), secret))

    def on_issue(issue: ManifestIssue) -> None:
        # A manifest holds personal data: say where and what, never the values.
        print(f"{printable(issue.source)}: {printable(str(value_free(issue)))}", file=sys.stderr)

    subject_lines = _SubjectLines(wanted)
    try:
        # Confined to the operation file's folder, as `check` confines it.
        cases = operation_manifest(args.code, operation)
        result = check_manifest(
            operation,
            cases,
            as_of=when,
            registry=registry,
            policy=policy,
            waivers=waivers,
            reveal_references=args.reveal_references,
            reference_key=key,
            cases_out=subject_lines,
            on_issue=on_issue,
            progress=progress_bar(sys.stderr),
            trace=True,
            parameter_sources=parameter_sources(args, policy),
        )
    except InputError as exc:
        print(format_input_error(exc), file=sys.stderr)
        return 2
    trace = result.report.trace
    assert trace is not None  # checked with trace=True
    found = [scope for scope in trace.scopes if scope.subject in wanted] + subject_lines.found
    if not found:
        print(_NO_SUBJECT.format(printable(args.trace)), file=sys.stderr)
        return 2
    sys.stdout.write(_scopes_text(found, trace.parameters, paths=args.paths))
    # The traces are shown, but a manifest that did not load completely is an input error.
    return 0 if result.manifest.complete else 2


class _SubjectLines(io.StringIO):
    """Where the streamed case verdict lines go in ``explain --trace``: only the traces of
    the cases whose subject is wanted are kept (parsed back from their line)."""

    def __init__(self, wanted: set[str]) -> None:
        super().__init__()
        self.wanted = wanted
        # The subject as a line encodes it: lines without it are not parsed.
        self.marks = tuple(json_printable(json.dumps(w, ensure_ascii=False)) for w in wanted)
        self.found: list[ScopeTrace] = []

    def write(self, text: str) -> int:
        for line in text.splitlines():
            if any(f'"subject":{mark}' in line for mark in self.marks):
                data = json.loads(line)
                if data["subject"] in self.wanted:
                    self.found.append(converter().structure(data["trace"], ScopeTrace))
        return len(text)


_NO_SUBJECT = (
    "repatguard explain: no subject {} in this operation (give the operation's, an area's, "
    "a household's or a person's reference, or a pseudonym from a report made with the same key)"
)


def _scopes_text(
    found: list[ScopeTrace], parameters: tuple[TraceParameter, ...], *, paths: bool
) -> str:
    """The traces of ``found`` in text, then the parameters their findings' rules read."""
    parts = [scope_trace_text(scope, paths=paths) for scope in found]
    codes = {f.code for scope in found for step in scope.steps for f in step.findings}
    used = [p for p in parameters if codes.intersection(p.rules)]
    if used:
        lines = [_("Parameters the deciding rules read:")]
        lines += [f"  - {printable(parameter_line(p))}" for p in used]
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def _subject_text(revealed: Report, report: Report, subject: str, *, paths: bool) -> str | None:
    """The trace of ``subject`` in ``report``, found by its reference in ``revealed`` (the
    same check with references revealed: the scopes are in the same order) or as shown."""
    assert revealed.trace is not None  # checked with trace=True
    assert report.trace is not None
    wanted = subject.strip()
    pairs = zip(revealed.trace.scopes, report.trace.scopes, strict=True)
    found = [shown for plain, shown in pairs if wanted in (plain.subject, shown.subject)]
    if not found:
        return None
    return _scopes_text(found, report.trace.parameters, paths=paths)
