"""Reference pages generated from the catalogue: one Markdown page per rule and an index.

The same page is printed by ``repatguard explain CODE``; ``docs/rules/`` holds the committed
copy (in English), and a test fails when it differs from what this module generates.
Regenerate with::

    python -m repatguard.testing.reference docs/rules

A rule's page is written in the current language (:func:`repatguard.render.i18n.use_language`;
``explain CODE --lang fr``): its headings and fixed words, the rule's title and remediation,
its family's name, scope, severity and status come from the catalogues. What the rule checks,
why it matters, its worked examples, its parameters' meaning and sources, and its finding
messages stay in English. The index is English only (it is the documentation's).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from repatguard.facts.parameters import PARAMETER_SPECS
from repatguard.outcomes import Outcome, Scope
from repatguard.render.i18n import N_, _
from repatguard.render.trace import scope_word
from repatguard.render.words import code_word, severity_label
from repatguard.rules.examples import Example, NoExample
from repatguard.rules.registry import (
    FAMILIES,
    RESERVED_CODES,
    Registry,
    Rule,
    RuleStatus,
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


FAMILY_NAMES = {
    "LEAD": N_("Mandate, lead agency, classification and agreements"),
    "VOL": N_("Voluntariness"),
    "COND": N_("Conditions in the area of return"),
    "PREM": N_("Premature-return triggers: positions, advisories and host-side pressure"),
    "CHILD": N_("Children without parental care and family unity"),
    "SPEC": N_("Persons with specific needs and at-risk profiles"),
    "LEGAL": N_("Legal safety on return"),
    "MIX": N_("Mixed movements and IOM-assisted return"),
    "IDP": N_("Internal displacement, including after disasters"),
    "DATA": N_("Data protection and the integrity of evidence"),
}
"""The families' names as messages: the registry's :data:`FAMILIES` in English (a test keeps
the two the same), marked here so that a rule's page can name its family in any language."""

_STATUS_WORD = {
    RuleStatus.PREVIEW: N_("preview"),
    RuleStatus.STABLE: N_("stable"),
    RuleStatus.DEPRECATED: N_("deprecated"),
}
_PROVENANCE_WORD = {
    # Translators: a parameter's default comes from a source.
    "stated": N_("stated"),
    # Translators: a parameter's default is this project's proposal, meant to be tuned.
    "proposed": N_("proposed"),
}


def _family(family: str) -> str:
    if family in FAMILY_NAMES:
        return _(FAMILY_NAMES[family])
    return FAMILIES.get(family, family)


def _result(rule: Rule[Any], example: Example, outcome: Outcome) -> list[str]:
    run = run_example(rule, example)
    if outcome is Outcome.PASS:
        return [
            _(
                "Result: passes ({count} check(s) passed, no finding).",
                count=run.tally.passed,
            )
        ]
    matching = [f for f in run.findings if f.outcome is outcome]
    if not matching:
        return [
            _(
                "Result: no {outcome} finding (the catalogue self-test reports this).",
                outcome=code_word(outcome.value),
            )
        ]
    finding = matching[0]
    lines = [
        _("Finding:"),
        "",
        "```",
        f"{finding.code} [{severity_label(finding.severity)}, {code_word(finding.outcome.value)}]"
        f" {finding.message}",
        _("at {path} (subject {subject})", path=finding.path, subject=finding.subject),
    ]
    if finding.evidence.observed or finding.evidence.expected:
        lines.append(
            _(
                "observed: {observed}; expected: {expected}",
                observed=finding.evidence.observed,
                expected=finding.evidence.expected,
            )
        )
    return [*lines, "```"]


def _header(rule: Rule[Any]) -> list[str]:
    meta = rule.meta
    yes_no = {True: _("yes"), False: _("no")}
    status = _STATUS_WORD.get(meta.status)
    rows = [
        (_("Family"), f"{meta.family}: {_family(meta.family)}"),
        (_("Scope"), scope_word(Scope(meta.scope))),
        (_("Default severity"), severity_label(meta.severity)),
        (_("Waivable"), yes_no[meta.waivable]),
        (_("Facilitation condition"), yes_no[meta.facilitation_gate]),
        (
            _("Status"),
            _(
                "{status}, since {version}",
                status=_(status) if status is not None else meta.status,
                version=meta.since,
            ),
        ),
        (_("Source"), rule.source),
    ]
    lines = [f"# {meta.code}: {_(meta.title)}", "", "| | |", "|---|---|"]
    lines += [f"| {label} | {value} |" for label, value in rows]
    return [*lines, ""]


def _parameters(rule: Rule[Any]) -> list[str]:
    if not rule.meta.parameters:
        return [_("None.")]
    headings = (_("name"), _("default"), _("provenance"), _("meaning"), _("source"))
    lines = ["| " + " | ".join(headings) + " |", "|---|---|---|---|---|"]
    for name in rule.meta.parameters:
        spec = PARAMETER_SPECS[name]
        provenance = _PROVENANCE_WORD.get(str(spec.provenance))
        shown = _(provenance) if provenance is not None else spec.provenance
        lines.append(
            f"| `{name}` | `{spec.default}` | {shown} | {spec.description} | {spec.source} |"
        )
    return lines


def rule_page(rule: Rule[Any]) -> str:
    """The rule's reference page in Markdown, in the current language (English by default;
    the prose of the rule stays in English, see the module's docstring)."""
    meta = rule.meta
    lines = [
        *_header(rule),
        "## " + _("What it checks"),
        "",
        meta.checks,
        "",
        "## " + _("Why it matters"),
        "",
        meta.rationale,
        "",
    ]
    examples = examples_for(rule)
    if examples is not None:
        lines += ["## " + _("Failing example"), "", examples.failing.description, ""]
        lines += [*_result(rule, examples.failing, Outcome.FAIL), ""]
        lines += ["## " + _("Passing example"), "", examples.passing.description, ""]
        lines += [*_result(rule, examples.passing, Outcome.PASS), ""]
        lines += ["## " + _("When a fact is missing"), ""]
        if isinstance(examples.missing, NoExample):
            reason = examples.missing.reason
            lines += [_("This rule cannot lack information: {reason}", reason=reason), ""]
        else:
            lines += [examples.missing.description, ""]
            lines += [*_result(rule, examples.missing, Outcome.INSUFFICIENT_INFORMATION), ""]
    lines += ["## " + _("Parameters"), "", *_parameters(rule)]
    lines += ["", "## " + _("References"), ""]
    lines += [f"- {ref.instrument}, {ref.locator}" for ref in meta.references]
    lines += ["", "## " + _("What to do"), "", _(meta.remediation), ""]
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
