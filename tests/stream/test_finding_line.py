"""The finding lines of a streamed check (issue 13): a finding without a waiver is written
from its rule's fixed parts, encoded once, and its own values; the line must be the bytes the
report's converter gives (:func:`plain_finding_line`), in every language, with references
renamed or not, whatever the severity override and the wording."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.render.test_finding_messages import converted_findings
from tests.stream.test_spill import FINDINGS

from repatguard.outcomes import Severity
from repatguard.render.i18n import use_language
from repatguard.render.json import data_converter
from repatguard.report.finding import Finding
from repatguard.stream.cases import finding_line, plain_finding_line

LANGUAGES = ("en", "fr", "es", "ar")


def _pseudonymise(reference: str) -> str:
    return "ref-" + hashlib.sha256(reference.encode()).hexdigest()[:8]


RENAMES: tuple[Callable[[str], str] | None, ...] = (None, _pseudonymise)


@given(
    finding=FINDINGS,
    operation=st.text(max_size=8),
    lang=st.sampled_from(LANGUAGES),
    rename=st.sampled_from(RENAMES),
)
def test_a_line_is_the_converter_s_bytes(
    finding: Finding, operation: str, lang: str, rename: Callable[[str], str] | None
) -> None:
    with use_language(lang):
        line = finding_line(finding, operation, rename)
        assert line == plain_finding_line(finding, operation, rename)
        if rename is None:
            # And the plain line is json.dumps of the unstructured finding.
            data = {"operation": operation} | data_converter().unstructure(finding)
            assert json.loads(line) == data


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_lines_of_real_findings_are_the_converter_s_bytes(lang: str) -> None:
    findings = converted_findings()
    assert any(f.wording is not None for f in findings)
    with use_language(lang):
        for finding in findings:
            for rename in RENAMES:
                assert finding_line(finding, "OP-1", rename) == plain_finding_line(
                    finding, "OP-1", rename
                )
            # A severity override changes the cached start of the line.
            overridden = attrs.evolve(finding, severity=Severity.MINOR)
            assert finding_line(overridden, "OP-2", None) == plain_finding_line(
                overridden, "OP-2", None
            )
