"""``repatguard explain CODE``: the rule's reference page in the terminal."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from repatguard._printable import printable
from repatguard.rules.packs import RulePackError, full_registry
from repatguard.rules.registry import RESERVED_CODES, DuplicateRuleError

__all__ = ["add_parser", "run"]


def add_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "explain", help="show a rule's reference page", description="Show a rule's reference page."
    )
    parser.add_argument("code", metavar="CODE", help="a rule code such as VOL-001")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    code = args.code.strip().upper()
    try:
        registry = full_registry()  # the built-in catalogue and every installed rule pack
    except (RulePackError, DuplicateRuleError) as exc:
        print(f"repatguard explain: {printable(exc)}", file=sys.stderr)
        return 2
    if code in registry:
        # The page runs the rule's worked examples on the testing factories: imported only
        # for this command, so the other commands never load them.
        from repatguard.testing.reference import rule_page  # noqa: PLC0415

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
