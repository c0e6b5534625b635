"""Worked examples of the IDP rules."""
