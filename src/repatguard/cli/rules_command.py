"""``repatguard rules``: list the catalogue, with the rules of installed rule packs."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from repatguard._printable import printable
from repatguard.outcomes import Severity
from repatguard.rules.packs import RulePackError, full_registry
from repatguard.rules.registry import FAMILIES, DuplicateRuleError

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("rules", help="list the safeguard rules")
    parser.add_argument(
        "--family",
        metavar="FAMILY",
        help=f"only this family ({', '.join(sorted(FAMILIES))}, or a rule pack's)",
    )
    parser.add_argument(
        "--severity", choices=[s.value for s in Severity], help="only this default severity"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    try:
        registry = full_registry()
    except (RulePackError, DuplicateRuleError) as exc:
        print(f"repatguard rules: {printable(str(exc))}", file=sys.stderr)
        return 2
    family = args.family.strip().upper() if args.family else None
    families = sorted({rule.meta.family for rule in registry})
    if family is not None and family not in families:
        print(
            f"repatguard rules: unknown family {printable(repr(args.family))}; choose from "
            f"{', '.join(families)}",
            file=sys.stderr,
        )
        return 2
    shown = [
        rule
        for rule in registry
        if (family is None or rule.meta.family == family)
        and (not args.severity or rule.meta.severity.value == args.severity)
    ]
    code_width = max([9, *(len(rule.code) for rule in shown)])
    source_width = max([10, *(len(rule.source) for rule in shown)])
    for rule in shown:
        meta = rule.meta
        flags = "" if meta.waivable else "  (not waivable)"
        print(
            f"{meta.code:{code_width}} {meta.severity.value:8} {meta.scope.value:10} "
            f"{rule.source:{source_width}} {meta.title}{flags}"
        )
    return 0
