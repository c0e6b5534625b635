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
from collections.abc import Callable, Iterator, Mapping
from enum import StrEnum
from typing import Any

import attrs

from repatguard.errors import InputError, InputIssue, kind_of
from repatguard.facts.parameters import PARAMETER_SPECS, Parameters, days
from repatguard.io.converter import did_you_mean
from repatguard.outcomes import Severity, Verdict
from repatguard.policy.tags import THEMES, rule_tags
from repatguard.rules.registry import CODE_PATTERN, RESERVED_CODES, Registry, Rule

__all__ = ["FailOn", "Policy", "PolicyError", "overridden_severity", "policy_problems"]

_FAMILY = re.compile(r"^[A-Z]{2,6}$")
_TAG = re.compile(r"^[a-z][a-z-]*$")


class FailOn(StrEnum):
    """What makes the command line exit 1, on top of the floor every threshold keeps.

    Whatever the threshold (except ``never``), a check exits 1 when its verdict is ``blocked``
    or ``insufficient_information``, when the report escalates, or when any finding is a
    blocker: nothing that may not proceed ever exits 0. A severity threshold adds findings of
    that weight; ``facilitate_only`` adds every verdict short of ``promote``.
    ``insufficient_information`` names the floor itself. ``never`` is the one deliberate
    opt-out (always 0, for reports that are only read).
    """

    BLOCKER = "blocker"
    MAJOR = "major"
    MINOR = "minor"
    INSUFFICIENT_INFORMATION = "insufficient_information"
    FACILITATE_ONLY = "facilitate_only"
    NEVER = "never"

    @property
    def threshold(self) -> Severity | None:
        """The lowest finding severity that fails (blocker for the verdict thresholds)."""
        if self is FailOn.NEVER:
            return None
        if self in (FailOn.INSUFFICIENT_INFORMATION, FailOn.FACILITATE_ONLY):
            return Severity.BLOCKER
        return Severity(self.value)

    def fails(
        self, verdict: Verdict, *, escalate: bool, reached: Callable[[Severity], bool]
    ) -> bool:
        """Whether a check with this ``verdict`` and ``escalate`` flag exits 1.

        ``reached(severity)`` tells whether any finding is at least ``severity``.
        """
        if self is FailOn.NEVER:
            return False
        if escalate or verdict in (Verdict.BLOCKED, Verdict.INSUFFICIENT_INFORMATION):
            return True
        if self is FailOn.FACILITATE_ONLY and verdict is not Verdict.PROMOTE:
            return True
        threshold = self.threshold
        return threshold is not None and reached(threshold)


def _severities(value: Any) -> Any:
    """Severity overrides given as plain strings (``{"PREM-004": "major"}``) become
    :class:`Severity` values; anything else is kept as given for :func:`policy_problems`
    to report with its path, never dropped or guessed."""
    if not isinstance(value, Mapping):
        return value
    return {code: _enum_or_same(Severity, level) for code, level in value.items()}


def _enum_or_same(kind: Any, value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, kind):
        try:
            return kind(value)
        except ValueError:
            return value
    return value


def _fail_on(value: Any) -> Any:
    return _enum_or_same(FailOn, value)


def _selectors(value: Any) -> Any:
    # A list, or a lone selector string, is read as the tuple of selectors it means.
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(value)
    return value


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

    select: tuple[str, ...] = attrs.field(default=(), converter=_selectors)
    ignore: tuple[str, ...] = attrs.field(default=(), converter=_selectors)
    severity: dict[str, Severity] = attrs.field(factory=dict, converter=_severities)
    """Severity overrides per rule code: each replaces the rule's *default* severity. A
    finding the rule raised above its default for a stated reason keeps the higher weight, and
    no override may lower a rule of major or blocker weight (see :func:`policy_problems`)."""
    fail_on: FailOn = attrs.field(default=FailOn.BLOCKER, converter=_fail_on)
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


_UNKNOWN_CODE = "unknown rule code (no rule of the catalogue has this code)"


def _unknown_code(code: str, registry: Registry) -> str:
    """The message for a code the catalogue lacks, with the closest code it has."""
    return _UNKNOWN_CODE + did_you_mean(code, (rule.code for rule in registry))


def code_problems(data: Mapping[str, Any], registry: Registry) -> list[InputIssue]:
    """The unknown codes and selectors of a policy document as parsed, the selectors of
    ``ignore`` that would silence a rule no policy may silence, and the severity overrides that
    lower what may not be lowered, read before the document's values are read as their types:
    reported with the type errors, so that one round of corrections is enough."""
    issues: list[InputIssue] = []
    tags = _known_tags(registry)
    for key in ("select", "ignore"):
        selectors = data.get(key)
        if not isinstance(selectors, list):
            continue
        for index, selector in enumerate(selectors):
            problem = (
                _selector_problem(selector, registry, tags) if isinstance(selector, str) else None
            )
            if problem:
                issues.append(InputIssue(path=f"$.{key}[{index}]", message=problem))
            elif key == "ignore" and isinstance(selector, str):
                silence = _silence_problem(index, selector, registry)
                issues.extend([silence] if silence is not None else [])
    severities = data.get("severity")
    if isinstance(severities, Mapping):
        for code in sorted(c for c in severities if isinstance(c, str)):
            if not CODE_PATTERN.match(code) or code not in registry:
                issues.append(
                    InputIssue(path=f"$.severity.{code}", message=_unknown_code(code, registry))
                )
            elif isinstance(severities[code], str) and severities[code] in _SEVERITY_WORDS:
                lowered = _lowered_problem(code, Severity(severities[code]), registry)
                issues.extend([lowered] if lowered is not None else [])
    return issues


_SEVERITY_WORDS = frozenset(member.value for member in Severity)


def _silence_problem(index: int, selector: str, registry: Registry) -> InputIssue | None:
    """An ``ignore`` selector that would silence a rule no policy may silence."""
    silenced = sorted(
        rule.code
        for rule in registry
        if not rule.meta.waivable and _matches(rule, rule_tags(rule), selector)
    )
    if not silenced:
        return None
    return InputIssue(
        path=f"$.ignore[{index}]",
        message=(
            f"the selector would silence {', '.join(silenced)}, which cannot be waived or "
            "ignored by any policy"
        ),
    )


def _lowered_problem(code: str, severity: Severity, registry: Registry) -> InputIssue | None:
    """A severity override of a known rule that lowers what no policy may lower."""
    meta = registry.get(code).meta
    if severity.rank >= meta.severity.rank:
        return None
    if not meta.waivable:
        message = (
            f"{code} cannot be downgraded from {meta.severity} to {severity}: it is not waivable"
        )
    elif meta.severity.at_least(GATE_WEIGHT):
        message = (
            f"{code} cannot be lowered from {meta.severity} to {severity}: the verdict gates "
            f"read every finding of {GATE_WEIGHT} weight or more (a blocker is a hard stop, "
            "an open major rules out promotion and holds its case), so a lower weight would "
            "buy a kinder verdict"
        )
    else:
        return None
    return InputIssue(path=f"$.severity.{code}", message=message)


def _selector_problem(selector: str, registry: Registry, tags: set[str]) -> str | None:
    # The selector is not quoted (no error repeats a value of the input); the words offered
    # instead come from the catalogue.
    if CODE_PATTERN.match(selector):
        if selector in RESERVED_CODES:
            return f"{selector} is not an active rule: {RESERVED_CODES[selector]}"
        return None if selector in registry else _unknown_code(selector, registry)
    if _FAMILY.match(selector):
        families = {rule.meta.family for rule in registry}
        if selector in families:
            return None
        return f"unknown rule family (the families are {', '.join(sorted(families))})"
    if _TAG.match(selector):
        return None if selector in tags else f"unknown tag (the tags are {', '.join(sorted(tags))})"
    return (
        "expected a rule code (VOL-003), a family prefix (VOL) or a tag (pressure), "
        f"got {kind_of(selector)}"
    )


MAX_DURATION_DAYS = 3650
"""The longest duration a parameter or waiver setting may hold: ten years (``P3650D``,
``P521W``). No safeguard's time frame comes near it, and with every date within the supported
range (see :mod:`repatguard.model.dates`) a duration this long added or subtracted stays far
inside the calendar, so date arithmetic cannot overflow."""

_WHOLE_DAYS_OR_WEEKS = re.compile(r"^P\d+[DW]$")


def _duration_problem(value: str) -> str | None:
    longest = f"expected at most P{MAX_DURATION_DAYS}D (ten years), got a longer duration"
    try:
        count = days(value)
    except ValueError:
        if _WHOLE_DAYS_OR_WEEKS.match(value):  # more digits than a number may hold
            return longest
        return (
            f"expected an ISO 8601 duration in days or weeks (e.g. 'P90D'), got "
            f"{kind_of(value)}; months and years have no fixed length"
        )
    return longest if count > MAX_DURATION_DAYS else None


STRICTER: dict[str, str] = {
    # Which way each parameter tightens its safeguards: "higher", "lower", or "either" where
    # both ways can hold something back (a share that decides who leads). A policy may move a
    # parameter only the stricter way from its default (domain.md A-2: policy cannot buy a
    # kinder verdict); a test keeps this table complete.
    "adult_age": "higher",  # more people counted as children, with child safeguards
    "adolescent_age": "lower",  # more girls owed a separate interview (VOL-017)
    "assessment_max_age": "lower",
    "volatile_assessment_max_age": "lower",
    "information_session_max_age": "lower",
    "reconfirmation_window": "lower",
    "positions_consulted_max_age": "lower",
    "pressure_review_max_age": "lower",
    "pressure_lookback": "higher",  # ended pressure counts for longer
    "predominant_share": "either",
    "systemic_pressure_share": "lower",
    "systemic_pressure_min_count": "lower",
    "bid_max_age": "lower",
    "commission_max_gap": "lower",
    "consolidation_period": "higher",
    "escalation_decision_max_age": "lower",  # an undecided issue is flagged sooner
    "coercion_screening_max_age": "lower",
    "monitoring_report_max_age": "lower",  # older monitoring stops counting sooner
}


def _loosens(name: str, value: Any, default: Any) -> bool:
    stricter = STRICTER.get(name)
    if stricter is None:
        return bool(value != default)  # a parameter nobody has classified may not move
    if stricter == "either":
        return False
    if isinstance(default, str):
        value, default = days(value), days(default)
    return bool(value < default) if stricter == "higher" else bool(value > default)


MAX_ADULT_AGE = 120
"""The highest ``adult_age``: a date of birth plus this many years stays in the calendar."""

MAX_COUNT = 10**9
"""The highest count parameter (a number of persons)."""


def _bounds_problem(name: str, value: Any, default: Any) -> str | None:
    """What puts ``value`` outside the natural range of parameter ``name`` (``None`` if
    inside). Types are checked too: a ``Parameters`` built in Python may hold anything."""
    if isinstance(default, str):
        if isinstance(value, str):
            return _duration_problem(value)
        return f"expected a string, got {kind_of(value)}"
    outside = "got a number outside that range"
    if isinstance(default, float):
        if type(value) not in (int, float):
            return f"expected a number, got {kind_of(value)}"
        return None if 0.0 <= value <= 1.0 else f"expected a share from 0 to 1, {outside}"
    if type(value) is not int:
        return f"expected a whole number, got {kind_of(value)}"
    if name in ("adult_age", "adolescent_age"):
        if 1 <= value <= MAX_ADULT_AGE:
            return None
        return f"expected an age in years from 1 to {MAX_ADULT_AGE}, {outside}"
    if 1 <= value <= MAX_COUNT:
        return None
    return f"expected a count from 1 to {MAX_COUNT:,}, {outside}"


_TIGHTER = {"higher": "keep or raise", "lower": "keep or lower"}
"""What a policy may do to the default, for each way a parameter tightens."""


def _loosening(name: str, default: Any) -> str:
    """Why a value of parameter ``name`` is refused as loosening (the value is not quoted)."""
    stricter = STRICTER.get(name)
    if stricter not in _TIGHTER:
        return f"a policy may not change {name} (default {default!r})"
    return (
        f"the value would loosen the safeguards that read {name}: a policy may only tighten "
        f"it ({_TIGHTER[stricter]} the default {default!r})"
    )


def _parameter_problems(parameters: Parameters) -> Iterator[InputIssue]:
    for name, spec in PARAMETER_SPECS.items():
        value = getattr(parameters, name)
        path = f"$.parameters.{name}"
        problem = _bounds_problem(name, value, spec.default)
        if problem:
            yield InputIssue(path=path, message=problem)
            continue
        if _loosens(name, value, spec.default):
            yield InputIssue(path=path, message=_loosening(name, spec.default))


GATE_WEIGHT = Severity.MAJOR
"""The weight the verdict gates read: an open finding of this weight or more rules out
promotion and holds the case it concerns, and a blocker decides a hard stop. A policy may
raise any rule; it may lower only a rule whose default is below this weight (minor to info)."""


def overridden_severity(
    finding_severity: Severity, default: Severity, override: Severity
) -> Severity:
    """The severity of a finding under a policy override of its rule.

    The override replaces the rule's default. A finding the rule reported at another weight
    for a stated reason (an aid cut tied to refusing return, raised to blocker) keeps that
    weight unless the override is heavier: an override never lowers a raised severity.
    """
    if finding_severity is default:
        return override
    return finding_severity if finding_severity.rank >= override.rank else override


def _type_problems(policy: Policy) -> Iterator[InputIssue]:
    """Values of the wrong type in a policy built in Python, each with its path."""
    for key in ("select", "ignore"):
        value: Any = getattr(policy, key)
        if not isinstance(value, tuple):
            yield InputIssue(
                path=f"$.{key}", message=f"expected a list of selectors, got {type(value).__name__}"
            )
            continue
        for index, selector in enumerate(value):
            if not isinstance(selector, str):
                yield InputIssue(
                    path=f"$.{key}[{index}]",
                    message=f"expected a string, got {kind_of(selector)}",
                )
    # Read as Any: a policy built in Python may hold anything its converters kept as given.
    severity: Any = policy.severity
    fail_on: Any = policy.fail_on
    parameters: Any = policy.parameters
    if not isinstance(severity, Mapping):
        yield InputIssue(
            path="$.severity",
            message=f"expected a table of rule codes, got {type(severity).__name__}",
        )
    else:
        allowed = ", ".join(s.value for s in Severity)
        for code, level in sorted(severity.items(), key=lambda item: str(item[0])):
            if not isinstance(level, Severity):
                yield InputIssue(
                    path=f"$.severity.{code}",
                    message=f"expected one of {allowed}, got {kind_of(level)}",
                )
    if not isinstance(fail_on, FailOn):
        allowed = ", ".join(f.value for f in FailOn)
        message = f"expected one of {allowed}, got {kind_of(fail_on)}"
        yield InputIssue(path="$.fail_on", message=message)
    if not isinstance(parameters, Parameters):
        yield InputIssue(
            path="$.parameters",
            message=f"expected repatguard.Parameters, got {type(parameters).__name__}",
        )
    for key in ("max_waiver_lifetime", "waiver_expiry_warning"):
        if not isinstance(getattr(policy, key), str):
            yield InputIssue(path=f"$.{key}", message="expected an ISO 8601 duration string")


def policy_problems(policy: Policy, registry: Registry) -> list[InputIssue]:
    """Every problem in ``policy`` against ``registry``, with paths (empty when it is sound)."""
    typed = list(_type_problems(policy))
    if typed:
        # The remaining checks read the values as their types; report the types first.
        return typed
    tags = _known_tags(registry)
    issues: list[InputIssue] = []
    for key in ("select", "ignore"):
        for index, selector in enumerate(getattr(policy, key)):
            problem = _selector_problem(selector, registry, tags)
            if problem:
                issues.append(InputIssue(path=f"$.{key}[{index}]", message=problem))
    silenced = (_silence_problem(i, selector, registry) for i, selector in enumerate(policy.ignore))
    issues.extend(issue for issue in silenced if issue is not None)
    for code, severity in sorted(policy.severity.items()):
        path = f"$.severity.{code}"
        if not CODE_PATTERN.match(code) or code not in registry:
            issues.append(InputIssue(path=path, message=_unknown_code(code, registry)))
            continue
        lowered = _lowered_problem(code, severity, registry)
        if lowered is not None:
            issues.append(lowered)
    issues.extend(_parameter_problems(policy.parameters))
    for key in ("max_waiver_lifetime", "waiver_expiry_warning"):
        problem = _duration_problem(getattr(policy, key))
        if problem:
            issues.append(InputIssue(path=f"$.{key}", message=problem))
    return issues
