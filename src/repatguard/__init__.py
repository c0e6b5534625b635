"""repatguard: checks the safeguards of voluntary repatriation operations.

Typical use::

    import repatguard

    operation = repatguard.load("operation.json")
    report = repatguard.check(operation, as_of=datetime.date(2026, 11, 28))
    print(report.verdict)

The public names are imported on first use, so ``import repatguard`` stays cheap (it also
runs inside every pytest session through the plugin).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from repatguard._version import __version__

if TYPE_CHECKING:
    from repatguard.engine.check import check
    from repatguard.errors import InputError, InputIssue, format_input_error
    from repatguard.facts.parameters import Parameters
    from repatguard.io.load import load, load_text
    from repatguard.model import Operation, Waiver
    from repatguard.outcomes import Outcome, Scope, Severity, Verdict
    from repatguard.policy import Policy, PolicyError, load_policy
    from repatguard.policy.waivers import load_waivers
    from repatguard.report import CaseVerdict, Finding, Report
    from repatguard.rules.registry import Registry, Rule, builtin_registry

_WHERE = {
    "CaseVerdict": "repatguard.report",
    "Finding": "repatguard.report",
    "InputError": "repatguard.errors",
    "InputIssue": "repatguard.errors",
    "Operation": "repatguard.model",
    "Outcome": "repatguard.outcomes",
    "Parameters": "repatguard.facts.parameters",
    "Policy": "repatguard.policy",
    "PolicyError": "repatguard.policy",
    "Registry": "repatguard.rules.registry",
    "Report": "repatguard.report",
    "Rule": "repatguard.rules.registry",
    "Scope": "repatguard.outcomes",
    "Severity": "repatguard.outcomes",
    "Verdict": "repatguard.outcomes",
    "Waiver": "repatguard.model",
    "builtin_registry": "repatguard.rules.registry",
    "check": "repatguard.engine.check",
    "format_input_error": "repatguard.errors",
    "load": "repatguard.io.load",
    "load_policy": "repatguard.policy",
    "load_text": "repatguard.io.load",
    "load_waivers": "repatguard.policy.waivers",
}

__all__ = [
    "CaseVerdict",
    "Finding",
    "InputError",
    "InputIssue",
    "Operation",
    "Outcome",
    "Parameters",
    "Policy",
    "PolicyError",
    "Registry",
    "Report",
    "Rule",
    "Scope",
    "Severity",
    "Verdict",
    "Waiver",
    "__version__",
    "builtin_registry",
    "check",
    "format_input_error",
    "load",
    "load_policy",
    "load_text",
    "load_waivers",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'repatguard' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
