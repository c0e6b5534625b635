"""Entry point: parses arguments and dispatches to one module per subcommand.

Exit codes: 0 no finding reaches ``--fail-on``; 1 one does; 2 usage or input error (a file
that cannot be read or written included); 3 internal error (a bug: one line on stderr, the
traceback only with ``--debug``). An exception never exits 1, which would read as findings.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence

from repatguard._printable import printable
from repatguard._version import __version__
from repatguard.cli import (
    check_command,
    diff_command,
    explain_command,
    rules_command,
    schema_command,
)
from repatguard.errors import InputError, format_input_error

__all__ = ["EXIT_FINDINGS", "EXIT_INTERNAL", "EXIT_OK", "EXIT_USAGE", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3

_DEBUG_HELP = "on an internal error (exit code 3), print the traceback"


class _Parser(argparse.ArgumentParser):
    """argparse with exit code 2 and no traceback on usage errors (its default already)."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="repatguard",
        description="Check the safeguards of voluntary repatriation operations.",
    )
    parser.add_argument("--version", action="version", version=f"repatguard {__version__}")
    parser.add_argument("--debug", action="store_true", help=_DEBUG_HELP)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check_command.add_parser(commands)
    rules_command.add_parser(commands)
    explain_command.add_parser(commands)
    schema_command.add_parser(commands)
    diff_command.add_parser(commands)
    for command in commands.choices.values():
        # Also after the command (``repatguard check --debug``); SUPPRESS leaves the global
        # flag's value alone when it is not given there.
        command.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=_DEBUG_HELP
        )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except BrokenPipeError:
        # The reader of the output went away (a pager or `head` closed early): the report was
        # not delivered, so this never reads as "clear". Later writes go nowhere.
        _silence_stdout()
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except InputError as exc:  # an input error a command did not present itself
        print(format_input_error(exc), file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:  # the environment, not a bug: a file that cannot be opened
        print(f"repatguard: {_os_error(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # the last line of defence: a bug never exits 1
        if args.debug:
            traceback.print_exception(exc, file=sys.stderr)
        print(internal_error_line(exc, debug=args.debug), file=sys.stderr)
        return EXIT_INTERNAL
    return code


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (captured output)
        pass


def _os_error(exc: OSError) -> str:
    reason = exc.strerror or type(exc).__name__
    # The file name comes from the command line or an input file: shown escaped.
    return f"{reason}: {printable(repr(exc.filename))}" if exc.filename is not None else reason


def internal_error_line(exc: BaseException, *, debug: bool = False) -> str:
    """One line about an unexpected exception: its type and where in repatguard it arose.

    Never the exception's message: it may quote input values (personal data).
    """
    where = _innermost_own_frame(exc)
    at = f" at {where}" if where else ""
    hint = "" if debug else "; run again with --debug for the traceback"
    return f"repatguard: internal error ({type(exc).__name__}{at}), please report it{hint}"


def _innermost_own_frame(exc: BaseException) -> str | None:
    """``repatguard/engine/review.py:97`` for the deepest frame in this package, if any."""
    found = None
    for frame in traceback.extract_tb(exc.__traceback__):
        name = frame.filename.replace("\\", "/")
        marker = name.rfind("/repatguard/")
        if marker >= 0:
            found = f"{name[marker + 1 :]}:{frame.lineno}"
    return found


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
