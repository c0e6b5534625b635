"""JUnit XML, so a CI system shows the safeguards as tests.

The mapping (also in ``docs/output-formats.md``):

- one ``<testsuite>`` per report (per operation), inside one ``<testsuites>``; the verdict,
  escalation, ``as_of`` and versions are ``<properties>`` of the suite;
- one ``<testcase>`` per rule and subject that has findings: ``classname`` is the rule code,
  ``name`` the subject reference (operation, area, household or person). The element inside
  follows the most serious outcome among that subject's findings for the rule:

  ==============================  ===============
  outcome                         element
  ==============================  ===============
  ``fail``                        ``<failure>``
  ``insufficient_information``    ``<error>``
  ``error`` (the rule crashed)    ``<error>``
  ``waived``, ``not_applicable``  ``<skipped>``
  ``pass``                        none
  ==============================  ===============

  Its ``message`` is the first finding's severity and message, its ``type`` the outcome, its
  text every finding for that subject (path, observed, expected, what to do).
- passes are not findings, so each rule with passes gets one plain testcase named
  ``passed (N subjects)``, and each rule with checks that did not apply one skipped testcase
  named ``not applicable (N subjects)`` (from the report's tallies); a rule that had no
  subject at all gets a skipped ``no subjects`` testcase, so every rule run appears.
- an outcome the mapping does not know (a newer report) is an ``<error>``: never a pass.

Nothing is timed (no ``time`` or ``timestamp`` attributes): the same report gives the same
bytes. Attributes are written in a fixed order. Control characters and bidirectional overrides
in the report's text are written as visible escapes (``\\x1b``), as in the text output: XML 1.0
cannot hold most C0 controls even as character references, so the document stays well-formed,
and a CI log that shows a message cannot be driven by one. The non-characters U+FFFE and U+FFFF,
also barred from XML, become U+FFFD.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import TYPE_CHECKING

from repatguard._printable import printable
from repatguard.outcomes import Outcome
from repatguard.render._shared import outcome_label
from repatguard.render.i18n import SOURCE_LANGUAGE, use_language
from repatguard.render.words import VERDICT_LABEL
from repatguard.report.finding import Finding

if TYPE_CHECKING:
    # Types only: the report may render itself (Report._repr_html_ and the like), so
    # nothing here imports the report module when it runs.
    from repatguard.report.report import Report

__all__ = ["ELEMENT_FOR_OUTCOME", "to_junit", "to_junit_suites"]

ELEMENT_FOR_OUTCOME: dict[Outcome, str | None] = {
    Outcome.FAIL: "failure",
    Outcome.INSUFFICIENT_INFORMATION: "error",
    Outcome.ERROR: "error",
    Outcome.WAIVED: "skipped",
    Outcome.NOT_APPLICABLE: "skipped",
    Outcome.PASS: None,
}
"""The JUnit element each outcome becomes (``None``: a plain, passing testcase)."""

_PRECEDENCE = {"failure": 2, "error": 1, "skipped": 0}

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 cannot carry, even as character references."""


def _clean(text: str) -> str:
    """One value from the report, safe for XML and for a log: control characters escaped
    visibly, and whatever else XML cannot carry replaced."""
    return _INVALID_XML.sub("\ufffd", printable(text))


def _element_for(outcome: Outcome) -> str:
    return ELEMENT_FOR_OUTCOME.get(outcome) or "error"


def _detail(finding: Finding) -> str:
    # Each value is cleaned on its own: the line breaks between them are the renderer's.
    lines = [
        f"{_clean(finding.code)} {_clean(finding.title)}",
        f"{outcome_label(finding.outcome)} [{finding.severity.value}] at "
        f"{_clean(finding.path)}: {_clean(finding.message)}",
    ]
    if finding.escalate:
        lines.append("escalate: refer to the joint IOM-UNHCR escalation path")
    if finding.evidence.observed:
        lines.append(f"observed: {_clean(finding.evidence.observed)}")
    if finding.evidence.expected:
        lines.append(f"expected: {_clean(finding.evidence.expected)}")
    if finding.remediation:
        lines.append(f"what to do: {_clean(finding.remediation)}")
    return "\n".join(lines)


class _Counts:
    def __init__(self) -> None:
        self.tests = 0
        self.failures = 0
        self.errors = 0
        self.skipped = 0

    def add(self, element: str | None) -> None:
        self.tests += 1
        if element == "failure":
            self.failures += 1
        elif element == "error":
            self.errors += 1
        elif element == "skipped":
            self.skipped += 1

    def merge(self, other: _Counts) -> None:
        self.tests += other.tests
        self.failures += other.failures
        self.errors += other.errors
        self.skipped += other.skipped

    def attributes(self) -> dict[str, str]:
        return {
            "tests": str(self.tests),
            "failures": str(self.failures),
            "errors": str(self.errors),
            "skipped": str(self.skipped),
        }


def _subjects(count: int) -> str:
    return f"{count} subject" if count == 1 else f"{count} subjects"


def _testcase(code: str, name: str) -> ET.Element:
    return ET.Element("testcase", {"classname": _clean(code), "name": _clean(name)})


def _suite(report: Report) -> tuple[ET.Element, _Counts]:
    counts = _Counts()
    cases: list[ET.Element] = []
    by_rule: dict[str, dict[str, list[Finding]]] = {}
    for finding in report.findings:
        by_rule.setdefault(finding.code, {}).setdefault(finding.subject, []).append(finding)
    tallies = {tally.code: tally for tally in report.rule_tallies}
    for code in sorted(set(by_rule) | set(tallies)):
        subjects = by_rule.get(code, {})
        for subject in sorted(subjects):
            findings = subjects[subject]
            element = max((_element_for(f.outcome) for f in findings), key=lambda e: _PRECEDENCE[e])
            first = next(f for f in findings if _element_for(f.outcome) == element)
            case = _testcase(code, subject)
            message = f"{first.severity.value}: {first.message}"
            if len(findings) > 1:
                message = f"{len(findings)} findings; {message}"
            child = ET.SubElement(
                case, element, {"message": _clean(message), "type": first.outcome.value}
            )
            child.text = "\n\n".join(_detail(f) for f in findings)
            cases.append(case)
            counts.add(element)
        tally = tallies.get(code)
        if tally is None:
            continue
        if tally.passed:
            cases.append(_testcase(code, f"passed ({_subjects(tally.passed)})"))
            counts.add(None)
        if tally.not_applicable:
            case = _testcase(code, f"not applicable ({_subjects(tally.not_applicable)})")
            ET.SubElement(case, "skipped", {"message": "the rule does not apply"})
            cases.append(case)
            counts.add("skipped")
        if not subjects and not tally.passed and not tally.not_applicable:
            case = _testcase(code, "no subjects")
            ET.SubElement(case, "skipped", {"message": "no subject of this rule's scope"})
            cases.append(case)
            counts.add("skipped")
    suite = ET.Element(
        "testsuite", {"name": _clean(f"repatguard {report.operation}"), **counts.attributes()}
    )
    properties = ET.SubElement(suite, "properties")
    provisional = report.provisional_verdict
    for name, value in (
        ("operation", report.operation),
        ("as_of", report.as_of),
        ("verdict", report.verdict.value),
        ("verdict_label", VERDICT_LABEL[report.verdict]),
        ("escalate", "true" if report.escalate else "false"),
        ("provisional_verdict", provisional.value if provisional is not None else ""),
        ("cases_bound", report.cases_bound.value if report.cases_bound is not None else ""),
        *((f"persons_{value}", str(count)) for value, count in report.summary.cases.items()),
        ("schema_version", report.schema_version),
        ("library_version", report.library_version),
        ("catalogue_version", report.catalogue_version),
    ):
        ET.SubElement(properties, "property", {"name": name, "value": _clean(value)})
    suite.extend(cases)
    return suite, counts


def to_junit_suites(reports: Sequence[Report]) -> str:
    """One ``<testsuites>`` document with a ``<testsuite>`` per report, in the order given.

    Always in English, whatever the current language: CI tools read it as data."""
    total = _Counts()
    suites: list[ET.Element] = []
    with use_language(SOURCE_LANGUAGE):
        for report in reports:
            suite, counts = _suite(report)
            suites.append(suite)
            total.merge(counts)
    root = ET.Element("testsuites", {"name": "repatguard", **total.attributes()})
    root.extend(suites)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def to_junit(report: Report) -> str:
    """The report as a JUnit XML document."""
    return to_junit_suites([report])
