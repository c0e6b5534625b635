"""Reference pages generated from the catalogue: one Markdown page per rule and an index.

The same page is printed by ``repatguard explain CODE``; ``docs/rules/`` holds the committed
copy, and a test fails when it differs from what this module generates. Regenerate with::

    python -m repatguard.testing.reference docs/rules
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from repatguard.facts.parameters import PARAMETER_SPECS
from repatguard.outcomes import Outcome
from repatguard.rules.examples import Example, NoExample
from repatguard.rules.registry import (
    FAMILIES,
    RESERVED_CODES,
    Registry,
    Rule,
    builtin_registry,
)
from repatguard.testing.factories import AS_OF, sound_operation
from repatguard.testing.rule_examples import examples_for
from repatguard.testing.rules import run_rule

__all__ = ["index_page", "pages", "rule_page", "run_example", "write_pages"]


def run_example(rule: Rule[Any], example: Example) -> Any:
    """Run ``rule`` on the sound operation changed as ``example`` says."""
    operation = example.change(sound_operation())
    return run_rule(rule.code, operation, as_of=example.as_of or AS_OF)


def _result(rule: Rule[Any], example: Example, outcome: Outcome) -> list[str]:
    run = run_example(rule, example)
    if outcome is Outcome.PASS:
        return [f"Result: passes ({run.tally.passed} check(s) passed, no finding)."]
    matching = [f for f in run.findings if f.outcome is outcome]
    if not matching:
        return [f"Result: no {outcome} finding (the catalogue self-test reports this)."]
    finding = matching[0]
    lines = [
        "Finding:",
        "",
        "```",
        f"{finding.code} [{finding.severity}, {finding.outcome}] {finding.message}",
        f"at {finding.path} (subject {finding.subject})",
    ]
    if finding.evidence.observed or finding.evidence.expected:
        lines.append(
            f"observed: {finding.evidence.observed}; expected: {finding.evidence.expected}"
        )
    return [*lines, "```"]


def rule_page(rule: Rule[Any]) -> str:
    meta = rule.meta
    yes_no = {True: "yes", False: "no"}
    lines = [
        f"# {meta.code}: {meta.title}",
        "",
        "| | |",
        "|---|---|",
        f"| Family | {meta.family}: {FAMILIES.get(meta.family, meta.family)} |",
        f"| Scope | {meta.scope} |",
        f"| Default severity | {meta.severity} |",
        f"| Waivable | {yes_no[meta.waivable]} |",
        f"| Facilitation condition | {yes_no[meta.facilitation_gate]} |",
        f"| Status | {meta.status}, since {meta.since} |",
        f"| Source | {rule.source} |",
        "",
        "## What it checks",
        "",
        meta.checks,
        "",
        "## Why it matters",
        "",
        meta.rationale,
        "",
    ]
    examples = examples_for(rule)
    if examples is not None:
        lines += ["## Failing example", "", examples.failing.description, ""]
        lines += [*_result(rule, examples.failing, Outcome.FAIL), ""]
        lines += ["## Passing example", "", examples.passing.description, ""]
        lines += [*_result(rule, examples.passing, Outcome.PASS), ""]
        lines += ["## When a fact is missing", ""]
        if isinstance(examples.missing, NoExample):
            lines += [f"This rule cannot lack information: {examples.missing.reason}", ""]
        else:
            lines += [examples.missing.description, ""]
            lines += [*_result(rule, examples.missing, Outcome.INSUFFICIENT_INFORMATION), ""]
    lines += ["## Parameters", ""]
    if meta.parameters:
        lines += ["| name | default | provenance | meaning | source |", "|---|---|---|---|---|"]
        for name in meta.parameters:
            spec = PARAMETER_SPECS[name]
            lines.append(
                f"| `{name}` | `{spec.default}` | {spec.provenance} | {spec.description} "
                f"| {spec.source} |"
            )
    else:
        lines.append("None.")
    lines += ["", "## References", ""]
    lines += [f"- {ref.instrument}, {ref.locator}" for ref in meta.references]
    lines += ["", "## What to do", "", meta.remediation, ""]
    return "\n".join(lines)


def index_page(registry: Registry) -> str:
    lines = [
        "# Rule catalogue",
        "",
        f"{len(registry)} rules. Generated from the catalogue by "
        "`python -m repatguard.testing.reference docs/rules`; do not edit by hand.",
        "",
    ]
    for family, title in FAMILIES.items():
        rules = [r for r in registry if r.meta.family == family]
        if not rules:
            continue
        lines += [f"## {family}: {title}", "", "| code | title | scope | severity |"]
        lines.append("|---|---|---|---|")
        lines += [
            f"| [{r.code}]({r.code}.md) | {r.meta.title} | {r.meta.scope} | {r.meta.severity} |"
            for r in rules
        ]
        lines.append("")
    lines += [
        "## Parameters",
        "",
        "Durations are ISO 8601 (`P30D`); *stated* defaults come from a source, *proposed* ones "
        "are this project's and meant to be tuned.",
        "",
        "| name | default | provenance | meaning | source |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| `{spec.name}` | `{spec.default}` | {spec.provenance} | {spec.description} "
        f"| {spec.source} |"
        for spec in PARAMETER_SPECS.values()
    ]
    lines += [
        "",
        "## Codes not in use",
        "",
        "Codes are never reused. These were drafted and are not assigned:",
        "",
    ]
    lines += [f"- {code}: {reason}" for code, reason in RESERVED_CODES.items()]
    lines.append("")
    return "\n".join(lines)


def pages(registry: Registry | None = None) -> dict[str, str]:
    """File name to content, for the index and every rule."""
    registry = registry or builtin_registry()
    result = {"index.md": index_page(registry)}
    result.update({f"{rule.code}.md": rule_page(rule) for rule in registry})
    return result


def write_pages(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    generated = pages()
    for stale in directory.glob("*.md"):
        if stale.name not in generated:
            stale.unlink()
    for name, text in generated.items():
        (directory / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write_pages(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/rules"))
