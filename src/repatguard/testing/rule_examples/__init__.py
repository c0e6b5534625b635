"""Worked examples of the built-in rules: a passing, a failing and a missing-data case each.

They are changes to the sound operation of :mod:`repatguard.testing.factories`, so they live
here, beside the factories, and not in the rule modules: a rule module imports nothing of
``repatguard.testing``. Each module mirrors its rule's module (``rule_examples/cond/
cond_004_mines_and_erw.py`` for ``rules/cond/cond_004_mines_and_erw.py``) and defines
``EXAMPLES``. The catalogue self-test runs every example, and the rule pages show the finding
each one produces.
"""

from __future__ import annotations

import importlib
from typing import Any

from repatguard.rules.examples import RuleExamples
from repatguard.rules.registry import Rule

__all__ = ["examples_for"]

_RULES_PACKAGE = "repatguard.rules."


def examples_for(rule: Rule[Any]) -> RuleExamples | None:
    """The worked examples of ``rule``: those of this package for a built-in rule, those the
    rule carries for a rule pack's (``None`` when it has none)."""
    if rule.examples is not None:
        return rule.examples
    module = rule.check.__module__
    if rule.source != "repatguard" or not module.startswith(_RULES_PACKAGE):
        return None
    name = f"{__name__}.{module.removeprefix(_RULES_PACKAGE)}"
    try:
        found = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return None
    examples = getattr(found, "EXAMPLES", None)
    return examples if isinstance(examples, RuleExamples) else None
