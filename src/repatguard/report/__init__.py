"""Findings and reports."""

from repatguard.report.finding import Evidence, Finding, RuleTally
from repatguard.report.report import AreaVerdict, CaseVerdict, Reason, Report, Summary

__all__ = [
    "AreaVerdict",
    "CaseVerdict",
    "Evidence",
    "Finding",
    "Reason",
    "Report",
    "RuleTally",
    "Summary",
]
