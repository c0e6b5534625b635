"""``repatguard rules``: list the catalogue."""

from __future__ import annotations

import argparse
from typing import Any

from repatguard.outcomes import Severity
from repatguard.rules.registry import FAMILIES, builtin_registry

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("rules", help="list the safeguard rules")
    parser.add_argument("--family", choices=sorted(FAMILIES), help="only this family")
    parser.add_argument(
        "--severity", choices=[s.value for s in Severity], help="only this default severity"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    for rule in builtin_registry():
        meta = rule.meta
        if args.family and meta.family != args.family:
            continue
        if args.severity and meta.severity.value != args.severity:
            continue
        flags = "" if meta.waivable else "  (not waivable)"
        print(f"{meta.code:9} {meta.severity.value:8} {meta.scope.value:10} {meta.title}{flags}")
    return 0
