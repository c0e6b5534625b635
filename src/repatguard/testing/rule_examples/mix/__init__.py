"""Worked examples of the MIX rules."""
