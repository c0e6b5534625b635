"""Worked examples of the COND rules."""
