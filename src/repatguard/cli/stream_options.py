"""``repatguard check OP --cases FILE``: the streaming check of a case manifest.

Kept apart from ``check_command`` so that the streaming machinery is imported only when
``--cases`` is given.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from typing import IO, TYPE_CHECKING, Any

from repatguard._printable import printable
from repatguard.errors import InputError, format_input_error
from repatguard.model import Operation, Waiver
from repatguard.policy.policy import Policy
from repatguard.render.i18n import use_language
from repatguard.render.json import json_text
from repatguard.report.pseudonyms import ReferenceKey
from repatguard.report.trace import ParameterSource
from repatguard.rules.registry import Registry

if TYPE_CHECKING:
    # Types only: the streaming machinery is imported when --cases is given.
    from repatguard.stream.result import StreamResult

__all__ = ["MAX_JOBS", "add_stream_arguments", "run_stream"]

MAX_JOBS = 256
"""The most processes ``--jobs`` may start: more than a machine can put to use, and far below
the count at which a process pool overflows."""


def add_stream_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("case manifests (large operations, see docs/streaming.md)")
    group.add_argument(
        "--cases",
        metavar="FILE",
        help=(
            "stream the households of the operation from a manifest: JSON Lines (.jsonl, one "
            "household per line) or CSV (.csv, one person per row); needs exactly one operation; "
            "read wherever it is (a cases_manifest named by the operation must be in the "
            "operation file's folder)"
        ),
    )
    group.add_argument(
        "--jobs",
        metavar="N",
        type=int,
        default=1,
        help="with --cases: check the manifest in N processes (same output; default 1)",
    )
    group.add_argument(
        "--no-next-review",
        action="store_true",
        help=(
            "with --cases: do not look for the next review (it reads the manifest again; the "
            "report then says it was not computed)"
        ),
    )
    group.add_argument(
        "--findings-out",
        metavar="FILE",
        help="with --cases: write every finding as JSON Lines to FILE ('-' for stdout)",
    )
    group.add_argument(
        "--cases-out",
        metavar="FILE",
        help="with --cases: write every household and person verdict as JSON Lines to FILE",
    )


@contextmanager
def _opened(name: str | None, stack: ExitStack) -> Iterator[IO[str] | None]:
    if name is None:
        yield None
    elif name == "-":
        yield sys.stdout
    else:
        yield stack.enter_context(open(name, "w", encoding="utf-8"))  # noqa: SIM115 - closed by the stack


# Long in lines, not in logic: the options of a streamed check passed one by one to
# check_manifest, and the findings that close the stream.
def run_stream(
    args: argparse.Namespace,
    operation: Operation,
    as_of: dt.date | dt.datetime,
    *,
    registry: Registry,
    policy: Policy,
    waivers: tuple[Waiver, ...],
    color: bool,
    reference_key: ReferenceKey | None = None,
    parameter_sources: Mapping[str, ParameterSource] | None = None,
) -> int:
    """Run the streaming check for the CLI; returns the exit code. With ``--trace``,
    ``parameter_sources`` says where each parameter was set."""
    from repatguard.stream import check_manifest, progress_bar  # noqa: PLC0415
    from repatguard.stream.cases import ManifestIssue  # noqa: PLC0415
    from repatguard.stream.manifest_messages import value_free  # noqa: PLC0415

    if not _usable(args):
        return 2

    def on_issue(issue: ManifestIssue) -> None:
        # A manifest holds personal data: say where and what, never the values.
        print(f"{printable(issue.source)}: {printable(str(value_free(issue)))}", file=sys.stderr)

    with ExitStack() as stack:
        findings_name = "-" if args.format == "jsonl" else args.findings_out
        findings_out = stack.enter_context(_opened(findings_name, stack))
        cases_out = stack.enter_context(_opened(args.cases_out, stack))
        try:
            result = check_manifest(
                operation,
                args.cases,
                as_of=as_of,
                registry=registry,
                policy=policy,
                waivers=waivers,
                reveal_references=args.reveal_references,
                reference_key=reference_key,
                jobs=args.jobs,
                findings_out=findings_out,
                cases_out=cases_out,
                on_issue=on_issue,
                progress=progress_bar(sys.stderr),
                trace=args.trace,
                parameter_sources=parameter_sources,
                lang=args.lang,
                next_review=not args.no_next_review,
            )
        except InputError as exc:
            print(format_input_error(exc), file=sys.stderr)
            return 2
        report = result.report
        if findings_out is not None:
            # The operation- and area-level findings close the stream of findings.
            from repatguard.stream.cases import finding_line  # noqa: PLC0415

            with use_language(args.lang):
                findings_out.write(
                    "".join(finding_line(f, report.operation) for f in report.findings)
                )
    _print_streamed(args, result, color=color)
    if not result.manifest.complete:
        return 2
    counts = report.summary.by_severity

    def reached(threshold: Any) -> bool:
        return any(count and _at_least(level, threshold) for level, count in counts.items())

    failed = policy.fail_on.fails(report.verdict, escalate=report.escalate, reached=reached)
    return 1 if failed else 0


def _usable(args: argparse.Namespace) -> bool:
    """Whether the options go with a streamed check (what does not is said on stderr)."""
    if not 1 <= args.jobs <= MAX_JOBS:
        print(f"repatguard check: --jobs must be from 1 to {MAX_JOBS}", file=sys.stderr)
        return False
    if args.baseline:
        print("repatguard check: --baseline cannot be used with --cases", file=sys.stderr)
        return False
    if args.trace and args.cases_out is None:
        # Said, not refused: the operation's and the areas' traces are still in the report.
        print(
            "repatguard check: with --cases, the trace of each case is written on its verdict "
            "line; give --cases-out FILE to keep them",
            file=sys.stderr,
        )
    return True


def _print_streamed(args: argparse.Namespace, result: StreamResult, *, color: bool) -> None:
    """The report of a streamed check on stdout, in the format asked for, with the manifest's
    summary (JSON: its ``manifest`` object; text: its lines after the report)."""
    from repatguard.render.json import report_to_dict  # noqa: PLC0415 - keep --help fast

    report, stats = result.report, result.manifest
    if args.format == "json":
        with use_language(args.lang):
            data: dict[str, Any] = report_to_dict(report)
        data["manifest"] = _stats_dict(stats)
        sys.stdout.write(json_text(data))
    elif args.format == "text":
        from repatguard.render.manifest import manifest_text  # noqa: PLC0415
        from repatguard.render.text import to_text  # noqa: PLC0415

        with use_language(args.lang):  # the manifest's lines in the report's language
            sys.stdout.write(
                to_text(report, color=color, paths=args.paths) + manifest_text(stats, report)
            )
    elif args.format != "jsonl":  # jsonl: the findings were streamed to stdout already
        from repatguard.cli.output import print_reports  # noqa: PLC0415 - as the text above

        print_reports([report], args.format, color=color, paths=args.paths, lang=args.lang)


def _at_least(level: str, threshold: Any) -> bool:
    from repatguard.outcomes import Severity  # noqa: PLC0415

    return bool(Severity(level).at_least(threshold))


def _stats_dict(stats: Any) -> dict[str, Any]:
    from repatguard.stream.manifest_messages import value_free  # noqa: PLC0415

    first = [value_free(issue) for issue in stats.first_issues]
    return {
        "source": stats.source,
        "format": stats.format,
        "cases": stats.cases,
        "checked": stats.checked,
        "failed": stats.failed,
        "duplicates": stats.duplicates,
        "persons": stats.persons,
        "issues": stats.issues,
        "first_issues": [{"line": i.line, "path": i.path, "message": i.message} for i in first],
    }
