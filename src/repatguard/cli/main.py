"""Entry point: parses arguments and dispatches to one module per subcommand.

Exit codes: 0 no finding reaches ``--fail-on``; 1 one does; 2 usage or input error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from repatguard._version import __version__
from repatguard.cli import (
    check_command,
    diff_command,
    explain_command,
    rules_command,
    schema_command,
)

__all__ = ["EXIT_FINDINGS", "EXIT_OK", "EXIT_USAGE", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse with exit code 2 and no traceback on usage errors (its default already)."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="repatguard",
        description="Check the safeguards of voluntary repatriation operations.",
    )
    parser.add_argument("--version", action="version", version=f"repatguard {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check_command.add_parser(commands)
    rules_command.add_parser(commands)
    explain_command.add_parser(commands)
    schema_command.add_parser(commands)
    diff_command.add_parser(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.run(args)
    except BrokenPipeError:  # output piped into a pager that closed early
        return EXIT_OK
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
