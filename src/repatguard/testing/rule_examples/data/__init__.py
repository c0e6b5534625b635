"""Worked examples of the DATA rules."""
