"""Rules, their metadata and the registry that holds them.

A rule is a pure function of a context (the facts at ``as_of`` plus one subject) that yields
the :class:`Problem` it finds with that subject, and nothing when the safeguard holds; a rule
that does not concern the subject yields :data:`NOT_APPLICABLE` alone. Its frozen
:class:`RuleMeta` says what it checks and why. Rules never read the clock, load files or
render text.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from enum import StrEnum
from typing import Any, Generic, TypeVar

import attrs

from repatguard.facts.parameters import PARAMETER_SPECS
from repatguard.outcomes import Outcome, Scope, Severity
from repatguard.rules.examples import RuleExamples
from repatguard.rules.message import Text

__all__ = [
    "CODE_PATTERN",
    "FAMILIES",
    "NOT_APPLICABLE",
    "RESERVED_CODES",
    "DuplicateRuleError",
    "Found",
    "NotApplicable",
    "Problem",
    "Reference",
    "Registry",
    "Rule",
    "RuleMeta",
    "RuleStatus",
    "builtin_registry",
    "rule",
]

CODE_PATTERN = re.compile(r"^(?P<family>[A-Z]{2,6})-(?P<number>\d{3})$")

FAMILIES: dict[str, str] = {
    "LEAD": "Mandate, lead agency, classification and agreements",
    "VOL": "Voluntariness",
    "COND": "Conditions in the area of return",
    "PREM": "Premature-return triggers: positions, advisories and host-side pressure",
    "CHILD": "Children without parental care and family unity",
    "SPEC": "Persons with specific needs and at-risk profiles",
    "LEGAL": "Legal safety on return",
    "MIX": "Mixed movements and IOM-assisted return",
    "IDP": "Internal displacement, including after disasters",
    "DATA": "Data protection and the integrity of evidence",
}

RESERVED_CODES: dict[str, str] = {
    "VOL-002": (
        "individual confirmation of adult dependants: every adult's own declaration is "
        "required by VOL-001, so there is nothing left for it to check"
    ),
    "VOL-007": "capacity to decide: not modelled yet",
    "VOL-008": (
        "counselling quality: not modelled yet (the separate interview for women and girls is "
        "VOL-017)"
    ),
    "COND-006": "formal guarantees: covered by LEGAL-001 and the agreement clauses (LEAD-005)",
    "COND-009": "reintegration support: covered by MIX-007",
    "COND-011": "displacement risk on arrival: became IDP-005",
    "MIX-003": "AVRR voluntariness test: covered by VOL-003 and VOL-006",
    "DATA-001": "pseudonymous outputs: a property of the renderers, not a rule on the input",
}
"""Codes that are not (or no longer) assigned to a rule, and why. A code is never reused."""

ContextT = TypeVar("ContextT")


class RuleStatus(StrEnum):
    PREVIEW = "preview"
    STABLE = "stable"
    DEPRECATED = "deprecated"


@attrs.frozen(kw_only=True)
class Reference:
    """A precise pointer into a source: the instrument and the paragraph or conclusion letter."""

    instrument: str
    locator: str

    def __str__(self) -> str:
        return f"{self.instrument}, {self.locator}"


@attrs.frozen(kw_only=True)
class RuleMeta:
    code: str
    title: str
    scope: Scope
    severity: Severity
    rationale: str
    references: tuple[Reference, ...]
    remediation: str
    waivable: bool = True
    since: str = "0.1.0"
    status: RuleStatus = RuleStatus.STABLE
    parameters: tuple[str, ...] = ()
    facilitation_gate: bool = False
    """Must pass for ``facilitate_only`` when promotion is not possible (domain.md §3.2 step 6)."""
    checks: str = ""
    """What the rule checks, in a few sentences (the reference page's first section)."""

    @property
    def family(self) -> str:
        return self.code.split("-", 1)[0]

    def problems(self, families: Collection[str] | None = None) -> list[str]:
        """What is missing or malformed in this metadata (empty when complete).

        ``families`` are the known family prefixes: the built-in :data:`FAMILIES` unless given
        (a rule pack passes its own families; see :mod:`repatguard.rules.packs`).
        """
        known = FAMILIES if families is None else families
        found: list[str] = []
        if not CODE_PATTERN.match(self.code):
            found.append(f"code {self.code!r} is not FAMILY-NNN")
        elif self.family not in known:
            found.append(f"unknown family {self.family!r}")
        found.extend(
            f"{name} is empty"
            for name in ("title", "checks", "rationale", "remediation")
            if not getattr(self, name).strip()
        )
        if self.code in RESERVED_CODES:
            found.append(f"code {self.code} is reserved: {RESERVED_CODES[self.code]}")
        if not self.references:
            found.append("no references")
        found.extend(
            f"unknown parameter {name!r}" for name in self.parameters if name not in PARAMETER_SPECS
        )
        return found


@attrs.frozen(kw_only=True)
class Problem:
    """What a rule found wrong with its subject: a failure, or a fact it needs that is unknown.

    ``path`` points at the field the problem is about, relative to the rule's subject
    (``consent[2].at`` for a person, ``""`` for the subject itself), or absolute when it starts
    with ``$`` (an area rule that reads ``$.assessments[0]``); the engine joins it to the
    subject's path. ``severity`` overrides the rule's default for this problem (for instance a
    blocker only when a measure is tied to refusing return). ``area`` ties an operation-level
    problem to one return area. ``escalate`` sends the finding to the joint IOM-UNHCR
    escalation path.

    ``message``, ``observed`` and ``expected`` are :class:`~repatguard.rules.message.Message`
    values (made with ``msg("...", name=value)``), which every shipped language can render;
    plain English text is still accepted from rules not converted yet, and shown as it is.
    """

    outcome: Outcome
    message: Text
    path: str = ""
    observed: Text | None = None
    expected: Text | None = None
    severity: Severity | None = None
    area: str | None = None
    escalate: bool = False

    @classmethod
    def fail(cls, path: str, message: Text, **kwargs: Any) -> Problem:
        """The safeguard does not hold."""
        return cls(outcome=Outcome.FAIL, path=path, message=message, **kwargs)

    @classmethod
    def unknown(cls, path: str, message: Text, **kwargs: Any) -> Problem:
        """A fact the safeguard needs is missing, undated or out of date: never a pass."""
        return cls(outcome=Outcome.INSUFFICIENT_INFORMATION, path=path, message=message, **kwargs)


@attrs.frozen
class NotApplicable:
    """The type of :data:`NOT_APPLICABLE`; there is no other instance."""

    def __repr__(self) -> str:
        return "NOT_APPLICABLE"


NOT_APPLICABLE = NotApplicable()
"""Yielded alone by a rule whose safeguard does not concern its subject (a dependent child for
a safeguard owed by those who decide). Yielding nothing means the safeguard holds."""


Found = Problem | NotApplicable
"""What a rule's check function may yield."""


@attrs.frozen(kw_only=True)
class Rule(Generic[ContextT]):
    meta: RuleMeta
    check: Callable[[ContextT], Iterable[Found]]
    examples: RuleExamples | None = None
    source: str = "repatguard"
    """Where the rule comes from: the built-in catalogue or a rule pack."""

    @property
    def code(self) -> str:
        return self.meta.code


def rule(**meta: Any) -> Callable[[Callable[[Any], Iterable[Found]]], Rule[Any]]:
    """Turn a check function that yields problems into a :class:`Rule` with the given
    metadata."""

    def wrap(function: Callable[[Any], Iterable[Found]]) -> Rule[Any]:
        return Rule(meta=RuleMeta(**meta), check=function)

    return wrap


def _sorted(rules: Iterable[Rule[Any]]) -> tuple[Rule[Any], ...]:
    return tuple(sorted(rules, key=_key))


def _key(item: Rule[Any]) -> tuple[str, str]:
    family, _, number = item.code.partition("-")
    return (family, number)


class DuplicateRuleError(ValueError):
    """Two rules claim the same code."""


@attrs.frozen
class Registry:
    """An ordered, immutable collection of rules keyed by code."""

    rules: tuple[Rule[Any], ...] = attrs.field(converter=_sorted)

    def __attrs_post_init__(self) -> None:
        seen: dict[str, str] = {}
        for item in self.rules:
            if item.code in seen:
                raise DuplicateRuleError(
                    f"rule code {item.code} is registered twice "
                    f"(by {seen[item.code]!r} and by {item.source!r})"
                )
            seen[item.code] = item.source

    def __iter__(self) -> Iterator[Rule[Any]]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    def __contains__(self, code: object) -> bool:
        return any(item.code == code for item in self.rules)

    def get(self, code: str) -> Rule[Any]:
        for item in self.rules:
            if item.code == code:
                return item
        raise KeyError(code)

    def select(self, codes: Iterable[str]) -> Registry:
        wanted = set(codes)
        return Registry([item for item in self.rules if item.code in wanted])

    @functools.cached_property
    def version(self) -> str:
        """A short digest of the codes and their metadata; changes whenever the catalogue does.
        Computed once per registry (it is immutable), not once per report."""
        import hashlib  # noqa: PLC0415 - only needed when a report is built

        digest = hashlib.sha256()
        for item in self.rules:
            digest.update(repr(item.meta).encode())
        return digest.hexdigest()[:12]


def _discover(package_name: str) -> Iterator[Rule[Any]]:
    package = importlib.import_module(package_name)
    for info in pkgutil.iter_modules(package.__path__):
        if info.ispkg or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package_name}.{info.name}")
        found = [value for value in vars(module).values() if isinstance(value, Rule)]
        if len(found) != 1:
            raise DuplicateRuleError(
                f"{module.__name__} must define exactly one rule, found {len(found)}"
            )
        yield found[0]


_BUILTIN: Registry | None = None


def builtin_registry() -> Registry:
    """The built-in catalogue: every rule module under ``repatguard.rules.<family>``."""
    global _BUILTIN  # noqa: PLW0603 - a cache of an immutable value
    if _BUILTIN is None:
        found: list[Rule[Any]] = []
        for family in FAMILIES:
            found.extend(_discover(f"repatguard.rules.{family.lower()}"))
        _BUILTIN = Registry(found)
    return _BUILTIN
