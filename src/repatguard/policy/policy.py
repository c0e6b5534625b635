"""The policy a check runs under: which rules, at what severity, with which parameters.

A policy is a frozen value. It can be built in Python, loaded from a TOML file
(``repatguard.toml``) or assembled from command-line flags; the precedence is documented in
``docs/policy.md``. Guard rails: a policy can never silence or downgrade a rule that is not
waivable, and every problem in a policy is reported with its path, like an input error.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from enum import StrEnum
from typing import Any

import attrs

from repatguard.errors import InputError, InputIssue
from repatguard.outcomes import Severity
from repatguard.policy.tags import THEMES, rule_tags
from repatguard.rules.parameters import PARAMETER_SPECS, Parameters, days
from repatguard.rules.registry import CODE_PATTERN, RESERVED_CODES, Registry, Rule

__all__ = ["FailOn", "Policy", "PolicyError", "policy_problems"]

_FAMILY = re.compile(r"^[A-Z]{2,6}$")
_TAG = re.compile(r"^[a-z][a-z-]*$")


class FailOn(StrEnum):
    """The lowest severity that makes the command line exit 1."""

    BLOCKER = "blocker"
    MAJOR = "major"
    MINOR = "minor"
    NEVER = "never"

    @property
    def threshold(self) -> Severity | None:
        return None if self is FailOn.NEVER else Severity(self.value)


class PolicyError(InputError):
    """A policy that cannot be applied; every issue carries a path into the policy."""

    kind = "policy"


@attrs.frozen(kw_only=True)
class Policy:
    """Selection, severities, thresholds and parameters for one check.

    Selectors are rule codes (``VOL-003``), family prefixes (``VOL``) or tags (``pressure``,
    ``child-protection``; see :mod:`repatguard.policy.tags`). An empty ``select`` selects every
    rule. Rules that are not waivable always run, whatever ``select`` says.
    """

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, Severity] = attrs.field(factory=dict)
    """Severity overrides per rule code; applied to every finding of that rule."""
    fail_on: FailOn = FailOn.BLOCKER
    parameters: Parameters = attrs.field(factory=Parameters)
    max_waiver_lifetime: str = "P365D"
    """The longest a waiver may run, from granted_on to expires_on."""
    waiver_expiry_warning: str = "P30D"
    """A waiver expiring within this period of as_of yields an info finding."""

    def selects(self, rule: Rule[Any]) -> bool:
        """Whether ``rule`` runs under this policy."""
        if not rule.meta.waivable:
            return True
        tags = rule_tags(rule)
        if self.select and not any(_matches(rule, tags, s) for s in self.select):
            return False
        return not any(_matches(rule, tags, s) for s in self.ignore)

    def apply(self, registry: Registry) -> Registry:
        return Registry([rule for rule in registry if self.selects(rule)])

    @property
    def digest(self) -> str:
        """SHA-256 of the policy's canonical JSON form (what a report records)."""
        from repatguard.io.converter import converter  # noqa: PLC0415 - avoids an import cycle

        canonical = json.dumps(converter().unstructure(self), sort_keys=True)
        return hashlib.sha256(canonical.encode()).hexdigest()


def _matches(rule: Rule[Any], tags: frozenset[str], selector: str) -> bool:
    return selector in (rule.code, rule.meta.family) or selector in tags


def _known_tags(registry: Registry) -> set[str]:
    found = set(THEMES)
    for rule in registry:
        found |= rule_tags(rule)
    return found


def _selector_problem(selector: str, registry: Registry, tags: set[str]) -> str | None:
    if CODE_PATTERN.match(selector):
        if selector in RESERVED_CODES:
            return f"{selector} is not an active rule: {RESERVED_CODES[selector]}"
        return None if selector in registry else f"unknown rule code {selector!r}"
    if _FAMILY.match(selector):
        families = {rule.meta.family for rule in registry}
        return None if selector in families else f"unknown rule family {selector!r}"
    if _TAG.match(selector):
        return None if selector in tags else f"unknown tag {selector!r}"
    return f"not a rule code, family prefix or tag: {selector!r}"


def _duration_problem(value: str) -> str | None:
    try:
        days(value)
    except ValueError:
        return (
            f"expected an ISO 8601 duration in days or weeks (e.g. 'P90D'), got {value!r}; "
            "months and years have no fixed length"
        )
    return None


def _parameter_problems(parameters: Parameters) -> Iterator[InputIssue]:
    for name, spec in PARAMETER_SPECS.items():
        value = getattr(parameters, name)
        path = f"$.parameters.{name}"
        if isinstance(spec.default, str):
            problem = _duration_problem(value) if isinstance(value, str) else "expected a string"
            if problem:
                yield InputIssue(path=path, message=problem)
        elif isinstance(spec.default, float):
            if not 0.0 <= value <= 1.0:
                yield InputIssue(path=path, message=f"expected a share in [0, 1], got {value}")
        elif isinstance(spec.default, int) and not 1 <= value <= 120:
            yield InputIssue(path=path, message=f"expected an age in years, got {value}")


def policy_problems(policy: Policy, registry: Registry) -> list[InputIssue]:
    """Every problem in ``policy`` against ``registry``, with paths (empty when it is sound)."""
    tags = _known_tags(registry)
    issues: list[InputIssue] = []
    for key in ("select", "ignore"):
        for index, selector in enumerate(getattr(policy, key)):
            problem = _selector_problem(selector, registry, tags)
            if problem:
                issues.append(InputIssue(path=f"$.{key}[{index}]", message=problem))
    for index, selector in enumerate(policy.ignore):
        silenced = sorted(
            rule.code
            for rule in registry
            if not rule.meta.waivable and _matches(rule, rule_tags(rule), selector)
        )
        if silenced:
            issues.append(
                InputIssue(
                    path=f"$.ignore[{index}]",
                    message=(
                        f"{selector!r} would silence {', '.join(silenced)}, which cannot be "
                        "waived or ignored by any policy"
                    ),
                )
            )
    for code, severity in sorted(policy.severity.items()):
        path = f"$.severity.{code}"
        if not CODE_PATTERN.match(code) or code not in registry:
            issues.append(InputIssue(path=path, message=f"unknown rule code {code!r}"))
            continue
        meta = registry.get(code).meta
        if not meta.waivable and severity.rank < meta.severity.rank:
            issues.append(
                InputIssue(
                    path=path,
                    message=(
                        f"{code} cannot be downgraded from {meta.severity} to {severity}: "
                        "it is not waivable"
                    ),
                )
            )
    issues.extend(_parameter_problems(policy.parameters))
    for key in ("max_waiver_lifetime", "waiver_expiry_warning"):
        problem = _duration_problem(getattr(policy, key))
        if problem:
            issues.append(InputIssue(path=f"$.{key}", message=problem))
    return issues
