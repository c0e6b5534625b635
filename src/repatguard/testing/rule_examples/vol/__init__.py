"""Worked examples of the VOL rules."""
