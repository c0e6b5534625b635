"""``repatguard schema input|report|policy``: print a bundled JSON Schema."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from repatguard import schemas

__all__ = ["add_parser", "run"]

_NAMES = ("input", "report", "policy")


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "schema",
        help="print a JSON Schema (input, report or policy)",
        description=(
            "Print the JSON Schema (draft 2020-12) of the operation document (input), the JSON "
            "report (report) or the policy file (policy). See docs/schemas.md."
        ),
    )
    parser.add_argument("name", choices=_NAMES, help="which schema")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.name not in schemas.bundled():
        print(
            f"repatguard schema: no {args.name} schema in this version "
            f"(bundled: {', '.join(schemas.bundled())})",
            file=sys.stderr,
        )
        return 2
    sys.stdout.write(schemas.text(args.name))
    return 0
