"""Worked examples of the LEAD rules."""
