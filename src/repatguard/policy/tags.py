"""Tags for selecting rules by theme, in addition to codes and family prefixes.

Every rule carries implicit tags (its family in lower case, its scope, ``non-waivable`` and
``facilitation-gate`` where they apply) and the themes below.
"""

from __future__ import annotations

import functools
from typing import Any

from repatguard.rules.registry import Rule, RuleMeta

__all__ = ["THEMES", "rule_tags"]

THEMES: dict[str, tuple[str, ...]] = {
    "child-protection": ("CHILD",),
    "coercion": ("VOL-006", "PREM-006", "PREM-014", "MIX-004"),
    "conditions": ("COND", "IDP-004", "IDP-005"),
    "data-protection": ("DATA",),
    "lead": ("LEAD",),
    "legal-safety": ("LEGAL",),
    "non-refoulement": ("MIX-001", "MIX-005", "PREM-001", "VOL-015"),
    "pressure": (
        "PREM-003",
        "PREM-004",
        "PREM-005",
        "PREM-007",
        "PREM-008",
        "PREM-009",
        "PREM-010",
        "PREM-015",
        "VOL-009",
    ),
    "specific-needs": ("SPEC",),
    "voluntariness": ("VOL",),
}
"""Theme tags: each lists codes or family prefixes."""


def _matches(code: str, selector: str) -> bool:
    return code == selector or code.split("-", 1)[0] == selector


def rule_tags(rule: Rule[Any]) -> frozenset[str]:
    """The tags of ``rule``: its family, scope, weight flags and themes."""
    return _tags_of(rule.meta)


@functools.lru_cache(maxsize=1024)
def _tags_of(meta: RuleMeta) -> frozenset[str]:
    # Keyed by the metadata's value (frozen, hashable): the tags depend on nothing else, and
    # every check asks them of every rule.
    tags = {meta.family.lower(), str(meta.scope)}
    if not meta.waivable:
        tags.add("non-waivable")
    if meta.facilitation_gate:
        tags.add("facilitation-gate")
    tags.update(
        theme for theme, members in THEMES.items() if any(_matches(meta.code, m) for m in members)
    )
    return frozenset(tags)
