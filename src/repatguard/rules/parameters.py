"""Rule parameters, kept under this name for rule packs written before 0.2: they now live in
:mod:`repatguard.facts.parameters` (import them from there, or from ``repatguard.rules.api``)."""

from repatguard.facts.parameters import (
    PARAMETER_SPECS,
    Parameters,
    ParameterSpec,
    Provenance,
    days,
)

__all__ = ["PARAMETER_SPECS", "ParameterSpec", "Parameters", "Provenance", "days"]
