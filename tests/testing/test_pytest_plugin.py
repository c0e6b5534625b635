"""The pytest plugin, as a downstream test suite sees it: a fresh pytest process that loads the
plugin through its ``pytest11`` entry point (run in a subprocess, so nothing leaks from this
session), with warnings turned into errors as strict projects do."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

DOWNSTREAM = """
from repatguard.model import CoercionIndicator
from repatguard.testing.assertions import assert_finding, assert_no_finding, assert_verdict
from repatguard.testing.factories import AS_OF, with_assessment, with_member


def _coerced(operation):
    op = with_member(operation, 0, 0, coercion_indicators=(CoercionIndicator.THREATS_OR_PRESSURE,))
    return with_member(op, 0, 1, privacy_notice_given=None)


def test_sound_operation_is_promoted(repatguard_check, sound_operation):
    report = repatguard_check(sound_operation, as_of=AS_OF)
    assert_verdict(report, "promote")
    assert_verdict(report, "promote", case="P-1")
    assert_no_finding(report, "VOL-006")


def test_unknown_conditions_are_found(repatguard_check, sound_operation):
    operation = with_assessment(sound_operation, conducive_for_promotion=None)
    report = repatguard_check(operation, as_of=AS_OF)
    assert_finding(report, "COND-002", subject="AREA-1", outcome="insufficient_information")
    assert_verdict(report, "facilitate_only")


def test_each_use_gets_a_fresh_operation(sound_operation):
    assert sound_operation.households[0].members[0].coercion_indicators == ()


def test_fails_on_the_case_verdict(repatguard_check, sound_operation):
    report = repatguard_check(_coerced(sound_operation), as_of=AS_OF)
    assert_verdict(report, "promote", case="P-1")


def test_fails_on_a_missing_finding(repatguard_check, sound_operation):
    report = repatguard_check(_coerced(sound_operation), as_of=AS_OF)
    assert_finding(report, "VOL-003", subject="P-1")
"""


def test_a_downstream_suite_uses_the_fixtures_and_helpers(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nfilterwarnings =\n    error\n")
    pytester.makepyfile(test_downstream=DOWNSTREAM)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3, failed=2)
    output = result.stdout.str()
    result.stdout.fnmatch_lines(
        [
            "*AssertionError: expected verdict promote for person P-1, got blocked",
            "*reasons (2):",
            "*- PREM-014 [[]blocker, fail[]] OP-SOUND at $.households: *",
            "*- VOL-006 [[]blocker, fail[]] P-1 at $.households[[]0[]].members[[]0[]]*",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "*AssertionError: expected a finding VOL-003 with subject='P-1', found none",
            "*findings of VOL-003: none (checks passed: 2, not applicable: 1)",
            "*verdict for operation OP-SOUND: blocked",
        ]
    )
    # Only what bears on each assertion: not the unrelated finding about P-2, not the report.
    assert "DATA-006" not in output
    assert "Finding(" not in output
    assert "Report(" not in output
    # The helpers hide their own frames: the traceback points at the downstream test.
    assert "__tracebackhide__" not in output
    assert "raise AssertionError(" not in output


def test_the_plugin_can_be_turned_off(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_off="def test_uses_the_fixture(sound_operation):\n    pass\n",
    )
    result = pytester.runpytest_inprocess("-p", "no:repatguard", "-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*fixture 'sound_operation' not found*"])
