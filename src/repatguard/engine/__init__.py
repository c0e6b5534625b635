"""The engine: facts at as_of, evaluation of every rule, and the verdict gates."""

from repatguard.engine.check import check

__all__ = ["check"]
