"""LEAD-010: people displaced across the border by a disaster have their protection need
assessed with the disaster in view; the cause never narrows their legal category."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from repatguard.io.converter import converter
from repatguard.model import LegalCategory, Operation, StatusAuthority
from repatguard.model.validate import validate_operation
from repatguard.outcomes import Outcome, Severity, Verdict
from repatguard.stream import check_manifest
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_member
from repatguard.testing.rules import run_rule

_PATH = "$.households[0].members[1].disaster_nexus_assessed"


def _spouse(
    category: LegalCategory,
    *,
    own: bool | None,
    operation: bool | None,
    assessed: bool | None,
) -> Operation:
    """The spouse (P-2) of the sound operation as ``category``, with her own record of
    disaster displacement ``own``, the operation's ``operation`` and the nexus assessment."""
    op = sound_operation()
    counts = (
        {LegalCategory.REFUGEE: 2, category: 1} if category is not LegalCategory.REFUGEE else {}
    )
    population = op.population
    for key, count in counts.items():
        field = {
            LegalCategory.REFUGEE: "refugees",
            LegalCategory.ASYLUM_SEEKER: "asylum_seekers",
            LegalCategory.MIGRANT: "migrants",
            LegalCategory.IDP: "idps",
            LegalCategory.STATELESS: "stateless",
            LegalCategory.UNKNOWN: "unknown",
        }[key]
        population = evolve(population, **{field: count})
    op = evolve(op, population=population, disaster_displacement=operation)
    return with_member(
        op,
        0,
        1,
        legal_category=category,
        status_determined_by=StatusAuthority.COMPETENT_AUTHORITY,
        disaster_displaced=own,
        disaster_nexus_assessed=assessed,
    )


def _not_concerned(op: Operation) -> bool:
    run = run_rule("LEAD-010", op)
    return not run.findings and run.tally.passed == 0 and run.tally.not_applicable > 0


def test_sound_operation_is_not_concerned() -> None:
    assert _not_concerned(sound_operation())


def test_migrant_displaced_by_a_disaster_and_assessed_passes() -> None:
    op = _spouse(LegalCategory.MIGRANT, own=True, operation=True, assessed=True)
    assert run_rule("LEAD-010", op).clean


def test_migrant_displaced_by_a_disaster_and_not_assessed_fails_as_major() -> None:
    op = _spouse(LegalCategory.MIGRANT, own=True, operation=True, assessed=False)
    finding = run_rule("LEAD-010", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.path == _PATH


@pytest.mark.parametrize(
    "category",
    [
        LegalCategory.MIGRANT,
        LegalCategory.UNKNOWN,
        LegalCategory.ASYLUM_SEEKER,
        LegalCategory.STATELESS,
    ],
)
def test_an_unrecorded_assessment_is_insufficient_information(category: LegalCategory) -> None:
    op = _spouse(category, own=True, operation=True, assessed=None)
    finding = run_rule("LEAD-010", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR


def test_the_operation_record_stands_for_a_person_who_has_none() -> None:
    op = _spouse(LegalCategory.MIGRANT, own=None, operation=True, assessed=False)
    assert run_rule("LEAD-010", op).only().outcome is Outcome.FAIL


@pytest.mark.parametrize("assessed", [False, None])
def test_an_unrecorded_cause_is_insufficient_information(assessed: bool | None) -> None:
    op = _spouse(LegalCategory.MIGRANT, own=None, operation=None, assessed=assessed)
    finding = run_rule("LEAD-010", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR


def test_an_assessment_on_record_settles_an_unrecorded_cause() -> None:
    op = _spouse(LegalCategory.MIGRANT, own=None, operation=None, assessed=True)
    assert run_rule("LEAD-010", op).clean


def test_a_person_established_not_displaced_by_a_disaster_is_not_concerned() -> None:
    op = _spouse(LegalCategory.MIGRANT, own=False, operation=True, assessed=None)
    assert _not_concerned(op)


@pytest.mark.parametrize("category", [LegalCategory.REFUGEE, LegalCategory.IDP])
def test_refugees_and_idps_are_not_concerned(category: LegalCategory) -> None:
    op = _spouse(category, own=True, operation=True, assessed=False)
    assert _not_concerned(op)


def test_a_disaster_displaced_person_under_an_operation_saying_none_was_is_an_input_error() -> None:
    op = _spouse(LegalCategory.MIGRANT, own=True, operation=False, assessed=True)
    paths = [issue.path for issue in validate_operation(op)]
    assert "$.households[0].members[1].disaster_displaced" in paths


def test_the_cause_never_moves_a_refugee_out_of_unhcr_lead() -> None:
    # LEAD-001 and LEAD-003 count by legal category: recording that every refugee fled a
    # disaster changes nothing about who must lead.
    base = sound_operation()
    flagged = evolve(base, disaster_displacement=True, humanitarian_stay_kept=True)
    for index in range(3):
        flagged = with_member(flagged, 0, index, disaster_displaced=True)
    iom_led = evolve(base.lead, lead_agency=None)
    for code in ("LEAD-001", "LEAD-003"):
        assert run_rule(code, flagged).clean
        before = run_rule(code, evolve(base, lead=iom_led))
        after = run_rule(code, evolve(flagged, lead=iom_led))
        assert [(f.outcome, f.severity) for f in after.findings] == [
            (f.outcome, f.severity) for f in before.findings
        ]


def test_the_streamed_check_refuses_the_contradiction_too(tmp_path: Path) -> None:
    # Each chunk of a manifest is validated against the operation's record: the household
    # is an input issue (INPUT-001), never read as "not displaced by a disaster".
    op = with_member(sound_operation(), 0, 1, disaster_displaced=True)
    cases = tmp_path / "cases.jsonl"
    cases.write_text(json.dumps(converter().unstructure(op.households[0])) + "\n")
    issues: list[Any] = []
    streamed = check_manifest(
        evolve(op, households=()),
        cases,
        as_of=AS_OF,
        cases_out=io.StringIO(),
        findings_out=io.StringIO(),
        on_issue=issues.append,
    )
    assert streamed.report.verdict is Verdict.INSUFFICIENT_INFORMATION
    assert "INPUT-001" in {finding.code for finding in streamed.report.findings}
    # The message quotes no value, so the manifest's issue says it in full (review of #16).
    (issue,) = issues
    assert "no one in scope was" in str(issue)


def test_a_cause_label_outside_the_vocabulary_is_insufficient_information_under_lead_004() -> None:
    # 'Climate migrant' or 'climate refugee' is no legal category: LEAD-004 cannot tell that
    # it says no less than the person's category.
    for label in ("climate migrant", "climate refugee", "disaster displaced"):
        op = _spouse(LegalCategory.UNKNOWN, own=True, operation=True, assessed=True)
        op = with_member(op, 0, 1, status_label=label)
        finding = run_rule("LEAD-004", op).only()
        assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
