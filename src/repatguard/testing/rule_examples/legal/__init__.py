"""Worked examples of the LEGAL rules."""
