"""What every rule reading a conditions assessment shares (``rules/_assessment.py``).

Stale evidence may fail a rule but never pass it (domain.md A-2), waiving COND-001 does not
make old evidence new, and every result of a COND, LEGAL or IDP rule is one the engine can
read, whatever the assessment says.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import attrs
import pytest

import repatguard
from repatguard.facts.parameters import Parameters
from repatguard.model import (
    Access,
    ConditionsAssessment,
    HazardRisk,
    Operation,
    SecurityLevel,
    Volatility,
    Waiver,
)
from repatguard.outcomes import Outcome, Verdict
from repatguard.rules.registry import Rule, builtin_registry
from repatguard.testing.factories import (
    AS_OF,
    evolve,
    sound_operation,
    with_assessment,
    with_member,
)
from repatguard.testing.rule_examples import examples_for
from repatguard.testing.rules import run_rule

TWO_YEARS_AGO = AS_OF.subtract(days=730)

READING_THE_ASSESSMENT = (
    "COND-002",
    "COND-003",
    "COND-004",
    "COND-005",
    "COND-007",
    "COND-008",
    "LEGAL-001",
    "LEGAL-002",
    "LEGAL-003",
    "LEGAL-004",
    "LEGAL-005",
    "LEGAL-006",
    "LEGAL-007",
    "IDP-003",
    "IDP-004",
    "IDP-005",
)


def _rule(code: str) -> Rule[Any]:
    return builtin_registry().get(code)


def _without_own_documents(documentation_available: bool) -> Operation:
    # Only a person without documents of their own relies on the assessment (LEGAL-002).
    op = with_member(sound_operation(), 0, 0, identity_or_travel_document=False)
    op = with_member(op, 0, 1, identity_or_travel_document=False)
    return with_assessment(op, documentation_available=documentation_available)


def _passing(code: str) -> Operation:
    """An operation on which the rule passes on the strength of the assessment."""
    if code == "LEGAL-002":
        return _without_own_documents(True)
    examples = examples_for(_rule(code))
    assert examples is not None
    return examples.passing.change(sound_operation())


def _failing(code: str) -> Operation:
    if code == "LEGAL-002":
        return _without_own_documents(False)
    examples = examples_for(_rule(code))
    assert examples is not None
    return examples.failing.change(sound_operation())


@pytest.mark.parametrize("code", READING_THE_ASSESSMENT)
def test_a_pass_read_from_an_assessment_past_its_age_limit_is_insufficient_information(
    code: str,
) -> None:
    assert run_rule(code, _passing(code)).clean  # current evidence passes
    run = run_rule(code, with_assessment(_passing(code), assessed_on=TWO_YEARS_AGO))
    assert Outcome.PASS not in run.outcomes
    assert run.findings
    for finding in run.findings:
        assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
        assert finding.severity is _rule(code).meta.severity
        assert "older than its age limit" in finding.message
        assert finding.evidence.observed == f"assessed on {TWO_YEARS_AGO.isoformat()}"


@pytest.mark.parametrize("code", READING_THE_ASSESSMENT)
def test_a_pass_read_from_an_undated_assessment_is_insufficient_information(code: str) -> None:
    run = run_rule(code, with_assessment(_passing(code), assessed_on=None))
    assert Outcome.PASS not in run.outcomes
    assert {f.outcome for f in run.findings} == {Outcome.INSUFFICIENT_INFORMATION}
    assert all(f.evidence.observed == "undated" for f in run.findings)


@pytest.mark.parametrize("code", READING_THE_ASSESSMENT)
def test_stale_evidence_still_fails(code: str) -> None:
    run = run_rule(code, with_assessment(_failing(code), assessed_on=TWO_YEARS_AGO))
    assert Outcome.FAIL in run.outcomes
    assert Outcome.PASS not in run.outcomes


def test_the_age_limit_is_the_one_cond_001_applies_and_inclusive_on_the_oldest_day() -> None:
    on_the_limit = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=180))
    assert run_rule("LEGAL-001", on_the_limit).clean
    past_it = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=181))
    assert Outcome.PASS not in run_rule("LEGAL-001", past_it).outcomes
    volatile = with_assessment(on_the_limit, volatility=Volatility.HIGH)
    assert Outcome.PASS not in run_rule("LEGAL-001", volatile).outcomes
    unknown_volatility = with_assessment(
        sound_operation(), assessed_on=AS_OF.subtract(days=91), volatility=None
    )
    assert Outcome.PASS not in run_rule("LEGAL-001", unknown_volatility).outcomes
    longer = Parameters(assessment_max_age="P200D")
    assert run_rule("LEGAL-001", past_it, parameters=longer).clean


def test_waiving_the_staleness_finding_does_not_make_old_evidence_pass() -> None:
    op = with_assessment(sound_operation(), assessed_on=TWO_YEARS_AGO)
    waiver = Waiver(
        code="COND-001",
        subject="AREA-1",
        justification="The assessment is due for renewal next month.",
        approved_by="Representative, country office",
        granted_on=AS_OF.subtract(days=10),
        expires_on=AS_OF.add(days=60),
        decision_record="MEMO-2026-077",
    )
    report = repatguard.check(evolve(op, waivers=(waiver,)), as_of=AS_OF)
    [cond_001] = report.findings_for("COND-001")
    assert cond_001.outcome is Outcome.WAIVED
    assert report.verdict is not Verdict.PROMOTE
    # The area is held at insufficient information by the stale passes; the people are held
    # further (blocked, by their own findings), and they bound the headline.
    assert report.area("AREA-1").verdict is Verdict.INSUFFICIENT_INFORMATION
    assert report.cases_bound is Verdict.INSUFFICIENT_INFORMATION
    assert report.verdict is Verdict.BLOCKED
    stale = {f.code for f in report.findings if "older than its age limit" in f.message}
    assert {"COND-002", "COND-003", "COND-005", "LEGAL-001", "IDP-005"} <= stale


# --- Every result can be read -----------------------------------------------------------------

_FAMILIES = ("COND", "LEGAL", "IDP")


def _family_rules() -> list[Rule[Any]]:
    return [r for r in builtin_registry() if r.meta.family in _FAMILIES]


def _assessment_variants() -> Iterator[ConditionsAssessment]:
    """The sound assessment with each finding in turn set to each value it can take."""
    base = sound_operation().assessments[0]
    yield evolve(base, area=None, areas=(base.area,))  # made at region level
    for field in attrs.fields(ConditionsAssessment):
        if field.name in {"reference", "area", "areas", "sources", "iasc_criteria"}:
            continue
        values: tuple[object, ...]
        if field.name == "security_level":
            values = (*SecurityLevel, None)
        elif field.name == "unhcr_access":
            values = (*Access, None)
        elif field.name == "natural_hazard_risk":
            values = (*HazardRisk, None)
        elif field.name == "volatility":
            values = (*Volatility, None)
        elif field.name == "assessed_on":
            values = (TWO_YEARS_AGO, None)
        else:
            values = (True, False, None)
        for value in values:
            yield evolve(base, **{field.name: value})


def _unreadable(op: Operation) -> list[tuple[str, str]]:
    """Error findings of the COND, LEGAL and IDP rules: a result the engine could not read
    (``NOT_APPLICABLE`` beside a problem, something that is not a problem) or a crash."""
    found: list[tuple[str, str]] = []
    for rule in _family_rules():
        run = run_rule(rule.code, op)
        found.extend((rule.code, f.message) for f in run.findings if f.outcome is Outcome.ERROR)
    return found


def test_no_cond_legal_or_idp_rule_gives_an_unreadable_result_on_any_assessment() -> None:
    claimed = evolve(sound_operation(), claims_durable_solution=None)
    for assessment, op in itertools.product(_assessment_variants(), (sound_operation(), claimed)):
        varied = evolve(op, assessments=(assessment,))
        assert _unreadable(varied) == [], assessment


@pytest.mark.parametrize(
    ("level", "conflict", "outflows"),
    list(itertools.product((*SecurityLevel, None), (True, False, None), (True, False, None))),
)
def test_cond_003_passes_only_a_stable_area_without_conflict_or_outflows(
    level: SecurityLevel | None, conflict: bool | None, outflows: bool | None
) -> None:
    op = with_assessment(
        sound_operation(), security_level=level, active_conflict=conflict, new_outflows=outflows
    )
    run = run_rule("COND-003", op)
    safe = level is SecurityLevel.STABLE and conflict is False and outflows is False
    assert run.clean is safe
    if not safe:
        assert run.tally.passed == 0
        assert run.findings  # something is reported
        assert {f.outcome for f in run.findings} <= {
            Outcome.FAIL,
            Outcome.INSUFFICIENT_INFORMATION,
        }


def test_every_assessment_reading_rule_is_listed_here() -> None:
    # A new COND, LEGAL or IDP rule that reads the assessment must join the stale-evidence
    # tests above: its pass must turn into insufficient information on stale evidence.
    stale = with_assessment(sound_operation(), assessed_on=TWO_YEARS_AGO)
    affected = {
        rule.code
        for rule in _family_rules()
        if rule.code != "COND-001"
        and run_rule(rule.code, sound_operation()).outcomes != run_rule(rule.code, stale).outcomes
    }
    assert affected <= set(READING_THE_ASSESSMENT)
    assert affected  # the comparison can tell
