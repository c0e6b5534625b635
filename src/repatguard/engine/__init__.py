"""The engine: evaluation of every rule, settlement under the policy, the verdict gates and
the report."""

from repatguard.engine.check import check

__all__ = ["check"]
