"""COND-012: what returnee monitoring found after return turns the area's verdict."""

from __future__ import annotations

import json
from typing import Any

import pytest

import repatguard
from repatguard import InputError
from repatguard.facts.parameters import Parameters
from repatguard.io.converter import converter
from repatguard.model import IncidentRecord, Operation, ReturneeIncident
from repatguard.outcomes import Outcome, Severity, Verdict
from repatguard.policy.policy import PolicyError
from repatguard.rules.cond._monitoring_wording import INCIDENTS, UNRECORDED
from repatguard.rules.cond.cond_012_returnee_monitoring_findings import LESSER, SERIOUS
from repatguard.testing.factories import (
    AS_OF,
    evolve,
    monitoring_report,
    returns_begun,
    sound_operation,
    with_assessment,
    with_monitoring_report,
)
from repatguard.testing.rules import run_rule

REPORT = "$.monitoring_reports[0]"


def _incidents(**found: Any) -> tuple[IncidentRecord, ...]:
    """Every kind recorded as not found, but those named: ``arrest_or_detention=2`` (a
    count), ``=True`` (a flag) or ``=None`` (left out of the report)."""
    records = []
    for kind in ReturneeIncident:
        if kind.value not in found:
            records.append(IncidentRecord(kind=kind, occurred=False))
            continue
        value = found[kind.value]
        if value is None:
            continue
        if value is True:
            records.append(IncidentRecord(kind=kind, occurred=True))
        else:
            records.append(IncidentRecord(kind=kind, count=value))
    return tuple(records)


def _monitored(**changes: Any) -> Operation:
    """Returns under way to AREA-1 and one monitoring report with ``changes``."""
    return with_monitoring_report(returns_begun(sound_operation()), **changes)


def _check(op: Operation) -> repatguard.Report:
    return repatguard.check(op, as_of=AS_OF, next_review=False, reveal_references=True)


# --- passes ----------------------------------------------------------------------------------


def test_a_current_report_without_incidents_passes() -> None:
    run = run_rule("COND-012", _monitored())
    assert run.clean
    assert run.tally.passed == 1


def test_before_returns_begin_no_report_is_needed() -> None:
    # The sound operation's movement window opens after as_of.
    assert run_rule("COND-012", sound_operation()).clean


def test_a_count_of_zero_is_a_record_of_none() -> None:
    records = tuple(IncidentRecord(kind=kind, count=0) for kind in ReturneeIncident)
    assert run_rule("COND-012", _monitored(incidents=records)).clean


def test_incidents_older_than_the_age_limit_age_out_once_a_current_report_exists() -> None:
    old = monitoring_report(
        "MON-0",
        reported_on=AS_OF.subtract(days=150),
        period_start=AS_OF.subtract(days=180),
        period_end=AS_OF.subtract(days=150),
        incidents=_incidents(arrest_or_detention=4),
    )
    op = _monitored()
    op = evolve(op, monitoring_reports=(old, *op.monitoring_reports))
    assert run_rule("COND-012", op).clean


def test_without_monitoring_in_place_no_report_is_asked_for_here() -> None:
    # COND-008 reports the missing monitoring; COND-012 does not count it twice.
    op = with_assessment(returns_begun(sound_operation()), returnee_monitoring=False)
    assert run_rule("COND-012", op).clean
    assert run_rule("COND-008", op).only().outcome is Outcome.FAIL


# --- failures --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", SERIOUS)
def test_a_serious_incident_is_a_major_failure(kind: ReturneeIncident) -> None:
    finding = run_rule("COND-012", _monitored(incidents=_incidents(**{kind.value: 3}))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.subject == "AREA-1"
    position = list(ReturneeIncident).index(kind)
    assert finding.path == f"{REPORT}.incidents[{position}]"
    assert "MON-1" in finding.message
    assert "promoting return there is ruled out" in finding.message
    assert finding.evidence.observed == f"{kind.value.replace('_', ' ')}: 3"


@pytest.mark.parametrize("kind", LESSER)
def test_a_lesser_incident_is_a_minor_failure(kind: ReturneeIncident) -> None:
    finding = run_rule("COND-012", _monitored(incidents=_incidents(**{kind.value: True}))).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MINOR
    assert finding.evidence.observed == f"{kind.value.replace('_', ' ')}: reported"


def test_every_serious_incident_of_every_current_report_is_reported() -> None:
    earlier = monitoring_report(
        "MON-0",
        reported_on=AS_OF.subtract(days=40),
        period_start=AS_OF.subtract(days=70),
        period_end=AS_OF.subtract(days=40),
        incidents=_incidents(violence_or_threats=True),
    )
    op = _monitored(incidents=_incidents(renewed_displacement=12))
    op = evolve(op, monitoring_reports=(earlier, *op.monitoring_reports))
    findings = run_rule("COND-012", op).findings
    assert sorted(f.path for f in findings) == [
        "$.monitoring_reports[0].incidents[1]",
        "$.monitoring_reports[1].incidents[2]",
    ]
    assert {f.outcome for f in findings} == {Outcome.FAIL}


def test_a_stale_report_can_still_fail() -> None:
    op = _monitored(
        period_start=AS_OF.subtract(days=200),
        period_end=AS_OF.subtract(days=170),
        reported_on=AS_OF.subtract(days=160),
        incidents=_incidents(arrest_or_detention=1),
    )
    finding = run_rule("COND-012", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR


def _stale(reference: str, ended: int, **changes: Any) -> Any:
    """A fully dated report whose period ended ``ended`` days before as_of."""
    return monitoring_report(
        reference,
        reported_on=AS_OF.subtract(days=ended - 2),
        period_start=AS_OF.subtract(days=ended + 30),
        period_end=AS_OF.subtract(days=ended),
        **changes,
    )


def test_without_a_current_report_every_stale_incident_still_counts() -> None:
    op = evolve(
        returns_begun(sound_operation()),
        monitoring_reports=(
            _stale("MON-0", 300, incidents=_incidents(arrest_or_detention=1)),
            _stale("MON-1", 120),
        ),
    )
    finding = run_rule("COND-012", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == "$.monitoring_reports[0].incidents[0]"


def test_a_report_that_does_not_say_when_it_was_written_supersedes_nothing() -> None:
    op = evolve(
        returns_begun(sound_operation()),
        monitoring_reports=(
            _stale("MON-0", 120, incidents=_incidents(violence_or_threats=True)),
            monitoring_report("MON-1", reported_on=None),
        ),
    )
    findings = run_rule("COND-012", op).findings
    assert [(f.outcome, f.path) for f in findings] == [
        (Outcome.FAIL, "$.monitoring_reports[0].incidents[1]")
    ]


def test_a_report_without_its_period_cannot_pass() -> None:
    op = _monitored(period_start=None, period_end=None)
    finding = run_rule("COND-012", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert "period not recorded" in finding.message


def test_every_current_report_must_record_every_kind() -> None:
    earlier = _stale("MON-0", 40, incidents=_incidents(forced_recruitment=None))
    op = _monitored()
    op = evolve(op, monitoring_reports=(earlier, *op.monitoring_reports))
    finding = run_rule("COND-012", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.monitoring_reports[0].incidents"


def test_an_undated_report_with_incidents_fails() -> None:
    op = _monitored(
        reported_on=None,
        period_start=None,
        period_end=None,
        incidents=_incidents(violence_or_threats=True),
    )
    assert run_rule("COND-012", op).only().outcome is Outcome.FAIL


def test_a_serious_incident_turns_the_area_and_its_cases_to_facilitation() -> None:
    report = _check(_monitored(incidents=_incidents(arrest_or_detention=2)))
    assert report.verdict is Verdict.FACILITATE_ONLY
    assert report.case("P-1").verdict is Verdict.FACILITATE_ONLY
    assert {finding.code for finding in report.findings} == {"COND-012"}


def test_a_lesser_incident_alone_keeps_promotion() -> None:
    report = _check(_monitored(incidents=_incidents(documents_denied=5)))
    assert report.verdict is Verdict.PROMOTE
    assert [finding.severity for finding in report.findings] == [Severity.MINOR]


def test_adding_an_incident_never_gives_a_kinder_verdict() -> None:
    clean = _check(_monitored())
    flagged = _check(_monitored(incidents=_incidents(renewed_displacement=True)))
    forgotten = _check(_monitored(incidents=_incidents(renewed_displacement=None)))
    assert flagged.verdict.rank <= clean.verdict.rank
    assert forgotten.verdict.rank <= clean.verdict.rank


# --- insufficient information ----------------------------------------------------------------


def test_no_report_once_returns_began_is_insufficient_information() -> None:
    finding = run_rule("COND-012", returns_begun(sound_operation())).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == "$.monitoring_reports"
    assert "returns began before 2026-03-03" in finding.message


def test_no_report_is_due_before_a_reporting_interval_has_passed_since_returns_began() -> None:
    assert run_rule("COND-012", returns_begun(sound_operation(), 90)).tally.passed == 1
    assert run_rule("COND-012", returns_begun(sound_operation(), 91)).findings


def test_no_report_without_a_movement_window_is_insufficient_information() -> None:
    op = evolve(sound_operation(), movement_window=None)
    finding = run_rule("COND-012", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert "no movement window" in finding.message


def test_a_report_written_after_as_of_is_not_yet_on_record() -> None:
    op = _monitored(reported_on=AS_OF.add(days=3), period_end=AS_OF.add(days=1))
    finding = run_rule("COND-012", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.monitoring_reports"


@pytest.mark.parametrize(
    ("left_out", "severity"),
    [("arrest_or_detention", Severity.MAJOR), ("property_not_restored", Severity.MINOR)],
)
def test_a_kind_the_latest_report_leaves_out_is_insufficient_information(
    left_out: str, severity: Severity
) -> None:
    finding = run_rule("COND-012", _monitored(incidents=_incidents(**{left_out: None}))).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is severity
    assert finding.path == f"{REPORT}.incidents"
    assert left_out.replace("_", " ") in (finding.evidence.observed or "")


def test_a_report_that_records_nothing_is_insufficient_information_at_both_weights() -> None:
    findings = run_rule("COND-012", _monitored(incidents=())).findings
    assert sorted(f.severity for f in findings) == sorted([Severity.MAJOR, Severity.MINOR])
    assert {f.outcome for f in findings} == {Outcome.INSUFFICIENT_INFORMATION}


def test_a_clean_stale_report_is_insufficient_information() -> None:
    op = _monitored(
        period_start=AS_OF.subtract(days=130),
        period_end=AS_OF.subtract(days=100),
        reported_on=AS_OF.subtract(days=95),
    )
    finding = run_rule("COND-012", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == REPORT
    assert "older than its age limit" in finding.message


def test_the_age_limit_is_a_parameter_a_policy_may_shorten() -> None:
    op = _monitored(
        period_start=AS_OF.subtract(days=70),
        period_end=AS_OF.subtract(days=40),
        reported_on=AS_OF.subtract(days=35),
    )
    assert _check(op).verdict is Verdict.PROMOTE
    shorter = Parameters(monitoring_report_max_age="P30D")
    report = repatguard.check(op, as_of=AS_OF, next_review=False, parameters=shorter)
    assert [finding.code for finding in report.findings] == ["COND-012"]
    assert report.findings[0].outcome is Outcome.INSUFFICIENT_INFORMATION
    with pytest.raises(PolicyError):
        repatguard.check(op, as_of=AS_OF, parameters=Parameters(monitoring_report_max_age="P120D"))


def test_a_clean_undated_report_is_insufficient_information() -> None:
    op = _monitored(reported_on=None, period_start=None, period_end=None)
    assert run_rule("COND-012", op).only().outcome is Outcome.INSUFFICIENT_INFORMATION


def test_a_missing_report_holds_promotion_but_not_facilitation() -> None:
    report = _check(returns_begun(sound_operation()))
    assert report.verdict is Verdict.FACILITATE_ONLY


# --- input -----------------------------------------------------------------------------------


def _issues(op: Operation) -> list[tuple[str, str]]:
    with pytest.raises(InputError) as caught:
        _check(op)
    return [(issue.path, issue.message) for issue in caught.value.issues]


def test_a_report_of_an_unknown_area_is_an_input_error() -> None:
    assert _issues(_monitored(area="Northern valley")) == [
        (
            f"{REPORT}.area",
            "unknown return area (no return area of the operation has this reference)",
        )
    ]


def test_a_kind_recorded_twice_is_an_input_error() -> None:
    twice = (*_incidents(), IncidentRecord(kind=ReturneeIncident.DISCRIMINATION, count=1))
    assert _issues(_monitored(incidents=twice)) == [
        (f"{REPORT}.incidents[7].kind", "this kind is already recorded")
    ]


@pytest.mark.parametrize(("occurred", "count"), [(False, 2), (True, 0)])
def test_a_flag_that_contradicts_its_count_is_an_input_error(occurred: bool, count: int) -> None:
    records = (
        IncidentRecord(kind=ReturneeIncident.ARREST_OR_DETENTION, occurred=occurred, count=count),
    )
    assert _issues(_monitored(incidents=records)) == [
        (f"{REPORT}.incidents[0].count", "the count contradicts `occurred`")
    ]


def test_dates_out_of_order_are_input_errors() -> None:
    op = _monitored(
        period_start=AS_OF.subtract(days=5),
        period_end=AS_OF.subtract(days=10),
        reported_on=AS_OF.subtract(days=20),
    )
    assert [path for path, _ in _issues(op)] == [f"{REPORT}.period_end", f"{REPORT}.reported_on"]


def test_a_repeated_reference_and_a_negative_count_are_input_errors() -> None:
    op = _monitored(
        incidents=(IncidentRecord(kind=ReturneeIncident.ARREST_OR_DETENTION, count=-1),)
    )
    op = evolve(op, monitoring_reports=(*op.monitoring_reports, monitoring_report()))
    paths = [path for path, _ in _issues(op)]
    assert f"{REPORT}.incidents[0].count" in paths
    assert "$.monitoring_reports" in paths  # MON-1 twice


def test_reports_load_from_a_file_and_refuse_an_unknown_kind() -> None:
    data: dict[str, Any] = json.loads(
        json.dumps(converter().unstructure(_monitored(incidents=_incidents(arrest_or_detention=2))))
    )
    loaded = repatguard.load(data)
    assert loaded.monitoring_reports[0].incidents[0].count == 2
    data["monitoring_reports"][0]["incidents"][0]["kind"] = "arrested"
    with pytest.raises(InputError) as caught:
        repatguard.load(data)
    assert [issue.path for issue in caught.value.issues] == [f"{REPORT}.incidents[0].kind"]


# --- next review -----------------------------------------------------------------------------


def test_the_next_review_falls_on_the_day_a_first_report_becomes_due() -> None:
    op = returns_begun(sound_operation(), 89)  # due 91 days after the window opened
    report = repatguard.check(op, as_of=AS_OF, reveal_references=True)
    assert report.next_review is not None
    assert report.next_review.due.startswith(AS_OF.add(days=2).isoformat())
    assert [change.code for change in report.next_review.changes] == ["COND-012"]


def test_the_next_review_falls_on_the_day_the_report_goes_stale() -> None:
    op = _monitored(
        period_start=AS_OF.subtract(days=100),
        period_end=AS_OF.subtract(days=89),
        reported_on=AS_OF.subtract(days=89),
    )
    report = repatguard.check(op, as_of=AS_OF, reveal_references=True)
    assert report.next_review is not None
    assert report.next_review.due.startswith(AS_OF.add(days=2).isoformat())
    assert [change.code for change in report.next_review.changes] == ["COND-012"]


# --- wording ---------------------------------------------------------------------------------
# Each kind of incident, and each set of kinds left unrecorded, has whole sentences of its own
# (a translation cannot agree with English names composed into a sentence). Their English is
# checked against the sentence the rule composed before, for every kind and every set.


def _names(kinds: tuple[ReturneeIncident, ...]) -> str:
    return ", ".join(kind.value.replace("_", " ") for kind in kinds)


def _sets_of(kinds: tuple[ReturneeIncident, ...]) -> list[tuple[ReturneeIncident, ...]]:
    """Every non-empty set of ``kinds``, in their order (as the rule lists what is missing)."""
    return [
        tuple(kind for bit, kind in enumerate(kinds) if mask >> bit & 1)
        for mask in range(1, 2 ** len(kinds))
    ]


def test_every_set_of_unrecorded_kinds_has_its_wording_in_the_old_english() -> None:
    sets = _sets_of(SERIOUS) + _sets_of(LESSER)
    assert set(UNRECORDED) == set(sets)
    for kinds in sets:
        wording = UNRECORDED[kinds]
        dated = wording.dated.with_values(report="'MON-1'", end="2026-05-01")
        undated = wording.undated.with_values(report="'MON-1'")
        said = f"does not record whether returnees faced {_names(kinds)}"
        assert str(dated) == f"monitoring report 'MON-1' (covering up to 2026-05-01) {said}"
        assert str(undated) == f"monitoring report 'MON-1' (period not recorded) {said}"
        assert str(wording.observed) == f"not recorded: {_names(kinds)}"


@pytest.mark.parametrize("kind", list(ReturneeIncident))
def test_every_kind_of_incident_has_its_wording_in_the_old_english(
    kind: ReturneeIncident,
) -> None:
    wording = INCIDENTS[kind]
    tail = (
        "; promoting return there is ruled out"
        if kind in SERIOUS
        else "; take it up with the authorities"
    )
    against = f"incident(s) of {_names((kind,))} against returnees in the area{tail}"
    dated = "returnee monitoring report 'MON-1' (covering up to 2026-05-01) records"
    undated = "returnee monitoring report 'MON-1' (period not recorded) records"
    values = {"report": "'MON-1'", "end": "2026-05-01"}
    assert str(wording.counted.with_values(count=3, **values)) == f"{dated} 3 {against}"
    assert str(wording.counted_undated.with_values(count=3, report="'MON-1'")) == (
        f"{undated} 3 {against}"
    )
    assert str(wording.reported.with_values(**values)) == f"{dated} {against}"
    assert str(wording.reported_undated.with_values(report="'MON-1'")) == f"{undated} {against}"
    assert str(wording.observed_count.with_values(count=3)) == f"{_names((kind,))}: 3"
    assert str(wording.observed_reported) == f"{_names((kind,))}: reported"


def test_an_undated_report_with_counted_and_unrecorded_kinds_is_worded_in_full() -> None:
    op = _monitored(
        period_end=None,
        incidents=_incidents(violence_or_threats=4, discrimination=True, forced_recruitment=None),
    )
    messages = sorted(f.message for f in _check(op).findings if f.code == "COND-012")
    assert messages == [
        "monitoring report 'MON-1' (period not recorded) does not record whether returnees "
        "faced forced recruitment",
        "returnee monitoring report 'MON-1' (period not recorded) records 4 incident(s) of "
        "violence or threats against returnees in the area; promoting return there is ruled "
        "out",
        "returnee monitoring report 'MON-1' (period not recorded) records incident(s) of "
        "discrimination against returnees in the area; take it up with the authorities",
    ]
