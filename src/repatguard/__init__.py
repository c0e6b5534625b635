"""repatguard: checks the safeguards of voluntary repatriation operations.

Typical use::

    import repatguard

    operation = repatguard.load("operation.json")
    report = repatguard.check(operation, as_of=datetime.date(2026, 11, 28))
    print(report.verdict)
"""

from repatguard._version import __version__
from repatguard.engine.check import check
from repatguard.errors import InputError, InputIssue, format_input_error
from repatguard.io.load import load, load_text
from repatguard.model import Operation
from repatguard.outcomes import Outcome, Scope, Severity, Verdict
from repatguard.report import CaseVerdict, Finding, Report
from repatguard.rules.parameters import Parameters
from repatguard.rules.registry import Registry, Rule, builtin_registry

__all__ = [
    "CaseVerdict",
    "Finding",
    "InputError",
    "InputIssue",
    "Operation",
    "Outcome",
    "Parameters",
    "Registry",
    "Report",
    "Rule",
    "Scope",
    "Severity",
    "Verdict",
    "__version__",
    "builtin_registry",
    "check",
    "format_input_error",
    "load",
    "load_text",
]
