"""Rule packs: third-party rules installed through the ``repatguard.rules`` entry-point group.

A pack is a distribution that declares, in its ``pyproject.toml``::

    [project.entry-points."repatguard.rules"]
    acme = "acme_repatguard.rules:RULES"

The object an entry point names is a :class:`~repatguard.rules.registry.Rule`, an iterable of
rules, or a callable taking no arguments that returns one or the other. The rules that hold for
packs:

- every code uses a family prefix of the pack's own (``ACME-001``), never a built-in family
  (:data:`~repatguard.rules.registry.FAMILIES`), so a pack can add rules but never replace,
  shadow or silence a built-in one;
- a family belongs to one distribution: two distributions using the same prefix is an error;
- the metadata is held to the requirements of built-in rules
  (:meth:`~repatguard.rules.registry.RuleMeta.problems`);
- a code claimed twice fails with :class:`~repatguard.rules.registry.DuplicateRuleError`
  naming both sources.

Everything fails fast: a pack that cannot be imported, raises, or breaks a rule above stops
the load with :class:`RulePackError`; it never drops out silently, since a missing safeguard
would read as a pass. Each rule's :attr:`~repatguard.rules.registry.Rule.source` records the
distribution it came from (the entry point's name when no distribution is known).
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from repatguard.rules.registry import FAMILIES, DuplicateRuleError, Registry, Rule, builtin_registry

__all__ = [
    "BUILTIN_SOURCE",
    "ENTRY_POINT_GROUP",
    "RulePackError",
    "full_registry",
    "installed_entry_points",
    "load_pack",
    "pack_rules",
]

ENTRY_POINT_GROUP = "repatguard.rules"
"""The entry-point group rule packs register in."""

BUILTIN_SOURCE = "repatguard"
"""The :attr:`~repatguard.rules.registry.Rule.source` of built-in rules."""


class RulePackError(ValueError):
    """A rule pack cannot be loaded, or breaks the rules that hold for packs."""


def installed_entry_points() -> tuple[importlib.metadata.EntryPoint, ...]:
    """The entry points of the installed rule packs, in a deterministic order."""
    found = importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)
    return tuple(sorted(found, key=lambda ep: (source_of(ep), ep.name, ep.value)))


def source_of(entry_point: importlib.metadata.EntryPoint) -> str:
    """The distribution that declares ``entry_point``, else the entry point's name."""
    dist = entry_point.dist
    name = dist.name if dist is not None else None
    return name or entry_point.name


def _origin(entry_point: importlib.metadata.EntryPoint) -> str:
    where = f"entry point '{entry_point.name} = {entry_point.value}'"
    dist = entry_point.dist
    if dist is not None and dist.name:
        return f"{where} of {dist.name} {dist.version}"
    return where


def _kind(value: object) -> str:
    return type(value).__name__


def _as_rules(value: object, origin: str) -> list[Rule[Any]]:
    if isinstance(value, Rule):
        return [value]
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise RulePackError(
            f"rule pack {origin} names a {_kind(value)}; expected a Rule, an iterable of "
            "Rules, or a callable returning them"
        )
    rules: list[Rule[Any]] = []
    for index, item in enumerate(value):
        if not isinstance(item, Rule):
            raise RulePackError(
                f"rule pack {origin}: item {index} is a {_kind(item)}, not a Rule "
                "(decorate the check function with repatguard.rules.api.rule)"
            )
        rules.append(item)
    return rules


def load_pack(entry_point: importlib.metadata.EntryPoint) -> tuple[Rule[Any], ...]:
    """The rules one entry point provides, with their ``source`` set (not yet validated)."""
    origin = _origin(entry_point)
    try:
        value = entry_point.load()
    except Exception as exc:
        raise RulePackError(f"cannot load rule pack {origin}: {type(exc).__name__}: {exc}") from exc
    if callable(value) and not isinstance(value, Rule):
        try:
            value = value()
        except Exception as exc:
            raise RulePackError(f"rule pack {origin} raised {type(exc).__name__}: {exc}") from exc
    rules = _as_rules(value, origin)
    if not rules:
        raise RulePackError(f"rule pack {origin} provides no rules")
    source = source_of(entry_point)
    return tuple(attrs.evolve(item, source=source) for item in rules)


def pack_rules(entry_points: Iterable[importlib.metadata.EntryPoint]) -> tuple[Rule[Any], ...]:
    """Every rule of the given packs, checked against the rules that hold for packs."""
    owners: dict[str, tuple[str, str]] = {}
    """Family prefix -> (source, origin) of the distribution that owns it."""
    codes: dict[str, str] = {}
    """Code -> origin of the pack that provides it."""
    found: list[Rule[Any]] = []
    for entry_point in entry_points:
        origin = _origin(entry_point)
        for item in load_pack(entry_point):
            _check_rule(item, origin, owners, codes)
            found.append(item)
    return tuple(found)


def _check_rule(
    item: Rule[Any],
    origin: str,
    owners: dict[str, tuple[str, str]],
    codes: dict[str, str],
) -> None:
    code, family = item.code, item.meta.family
    if family in FAMILIES:
        raise RulePackError(
            f"rule pack {origin}: {code} uses the built-in family {family}; a pack's codes "
            f"need a family prefix of their own, such as ACME-001 (built-in families: "
            f"{', '.join(sorted(FAMILIES))})"
        )
    problems = item.meta.problems(families={family})
    if problems:
        raise RulePackError(
            f"rule pack {origin}: {code!r} has incomplete or malformed metadata: "
            + "; ".join(problems)
        )
    if code in codes:
        raise DuplicateRuleError(
            f"rule code {code} is provided twice: by {codes[code]} and {origin}"
        )
    owner = owners.setdefault(family, (item.source, origin))
    if owner[0] != item.source:
        raise RulePackError(
            f"family {family} is used by two distributions: {owner[1]} and {origin}; each "
            "pack needs a family prefix of its own"
        )
    codes[code] = origin


def full_registry(
    entry_points: Iterable[importlib.metadata.EntryPoint] | None = None,
) -> Registry:
    """The built-in catalogue plus the rules of every installed rule pack.

    Packs are found through the ``repatguard.rules`` entry-point group, or taken from
    ``entry_points`` when given (tests build them in-process). Without any pack this is
    :func:`builtin_registry` itself. A pack that cannot be loaded or breaks the rules for packs
    raises :class:`RulePackError`; a code claimed twice raises
    :class:`DuplicateRuleError` naming both sources.
    """
    chosen = installed_entry_points() if entry_points is None else tuple(entry_points)
    if not chosen:
        return builtin_registry()
    return Registry([*builtin_registry(), *pack_rules(chosen)])
