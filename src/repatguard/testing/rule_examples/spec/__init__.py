"""Worked examples of the SPEC rules."""
