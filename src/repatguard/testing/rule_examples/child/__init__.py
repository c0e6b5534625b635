"""Worked examples of the CHILD rules."""
