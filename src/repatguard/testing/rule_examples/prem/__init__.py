"""Worked examples of the PREM rules."""
