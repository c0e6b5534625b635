"""SPEC rules; one rule per module, discovered by the registry."""
