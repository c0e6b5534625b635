"""What a check knows at its instant: the parameters, the facts in force at ``as_of`` and the
per-subject contexts the rules read.

Built on the model only; the rules read it and the engine builds it, so neither depends on
the other through it.
"""

from repatguard.facts.context import AreaContext, HouseholdContext, OperationContext, PersonContext
from repatguard.facts.facts import Facts, ManifestCounts, build_facts
from repatguard.facts.parameters import Parameters

__all__ = [
    "AreaContext",
    "Facts",
    "HouseholdContext",
    "ManifestCounts",
    "OperationContext",
    "Parameters",
    "PersonContext",
    "build_facts",
]
