"""VOL-016: go-and-see visits that took place were made by refugee representatives to a named
area and reported back."""

from __future__ import annotations

from typing import Any

import pytest

import repatguard
from repatguard import check
from repatguard.errors import InputError
from repatguard.io.converter import converter
from repatguard.model import VisitKind
from repatguard.outcomes import Outcome, Severity
from repatguard.testing.factories import (
    AS_OF,
    evolve,
    sound_operation,
    sound_visit,
    with_visit,
)
from repatguard.testing.rules import run_rule


def test_a_visit_reported_back_passes() -> None:
    assert run_rule("VOL-016", sound_operation()).clean


@pytest.mark.parametrize("visits", [None, ()])
def test_no_visits_or_none_recorded_give_no_finding(visits: tuple[()] | None) -> None:
    # No standard requires go-and-see visits: their absence is not a gap.
    assert run_rule("VOL-016", evolve(sound_operation(), exploratory_visits=visits)).clean


def test_a_visit_not_reported_back_fails_as_minor() -> None:
    finding = run_rule("VOL-016", with_visit(sound_operation(), reported_back=False)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MINOR
    assert finding.path == "$.exploratory_visits[0].reported_back"
    assert "GSV-1" in finding.message


def test_an_unrecorded_report_back_is_insufficient_information() -> None:
    finding = run_rule("VOL-016", with_visit(sound_operation(), reported_back=None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.exploratory_visits[0].reported_back"


def test_a_visit_without_refugee_representatives_fails() -> None:
    finding = run_rule("VOL-016", with_visit(sound_operation(), representatives=())).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == "$.exploratory_visits[0].representatives"


def test_unrecorded_participants_or_area_are_insufficient_information() -> None:
    op = with_visit(sound_operation(), representatives=None, area=None)
    result = run_rule("VOL-016", op)
    assert {(f.outcome, f.path) for f in result.findings} == {
        (Outcome.INSUFFICIENT_INFORMATION, "$.exploratory_visits[0].representatives"),
        (Outcome.INSUFFICIENT_INFORMATION, "$.exploratory_visits[0].area"),
    }


def test_representatives_are_never_quoted() -> None:
    op = with_visit(sound_operation(), area=None, reported_back=False)
    findings = run_rule("VOL-016", op).findings
    assert len(findings) == 2
    for finding in findings:
        assert "REP-" not in repr(finding)


def test_a_visit_still_under_way_is_not_asked_to_have_reported() -> None:
    op = with_visit(sound_operation(), ended_on=AS_OF.add(days=2), reported_back=None)
    assert run_rule("VOL-016", op).clean


def test_a_visit_ending_on_as_of_is_still_under_way() -> None:
    op = with_visit(sound_operation(), ended_on=AS_OF, reported_back=False)
    assert run_rule("VOL-016", op).clean


def test_a_visit_with_no_end_and_no_report_is_insufficient_information() -> None:
    op = with_visit(sound_operation(), ended_on=None, reported_back=None)
    finding = run_rule("VOL-016", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.exploratory_visits[0].ended_on"
    # A report back on record settles it, whatever the end date.
    assert run_rule("VOL-016", with_visit(sound_operation(), ended_on=None)).clean


def test_a_planned_visit_is_not_judged() -> None:
    op = with_visit(
        sound_operation(),
        started_on=AS_OF.add(days=3),
        ended_on=AS_OF.add(days=6),
        representatives=None,
        reported_back=None,
    )
    assert run_rule("VOL-016", op).clean


def test_an_undated_visit_is_insufficient_information() -> None:
    op = with_visit(sound_operation(), started_on=None)
    finding = run_rule("VOL-016", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.exploratory_visits[0].started_on"


def test_a_go_and_inform_visit_passes_without_representatives() -> None:
    op = with_visit(
        sound_operation(), kind=VisitKind.GO_AND_INFORM, representatives=(), reported_back=None
    )
    assert run_rule("VOL-016", op).clean


def test_a_visit_of_unrecorded_kind_is_read_as_go_and_see() -> None:
    op = with_visit(sound_operation(), kind=None, reported_back=False)
    assert run_rule("VOL-016", op).only().outcome is Outcome.FAIL


def test_each_visit_is_judged_and_tied_to_its_area() -> None:
    op = evolve(
        sound_operation(),
        exploratory_visits=(sound_visit(), sound_visit("GSV-2", reported_back=False)),
    )
    finding = run_rule("VOL-016", op).only()
    assert finding.path == "$.exploratory_visits[1].reported_back"
    assert finding.area == "AREA-1"


def test_a_visit_gap_does_not_change_the_verdict() -> None:
    op = with_visit(sound_operation(), reported_back=False)
    assert check(op, as_of=AS_OF).verdict == check(sound_operation(), as_of=AS_OF).verdict


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        (
            {"started_on": AS_OF, "ended_on": AS_OF.subtract(days=1)},
            "$.exploratory_visits[0].ended_on",
            "before the start",
        ),
        ({"area": "Northern valley"}, "$.exploratory_visits[0].area", "unknown return area"),
        (
            {"representatives": ("REP-1", " ")},
            "$.exploratory_visits[0].representatives[1]",
            "empty",
        ),
    ],
)
def test_invariants_are_input_errors_with_paths(
    changes: dict[str, Any], path: str, message: str
) -> None:
    with pytest.raises(InputError) as raised:
        check(with_visit(sound_operation(), **changes), as_of=AS_OF)
    [issue] = raised.value.issues
    assert issue.path == path
    assert message in issue.message


def test_a_repeated_visit_reference_is_an_input_error() -> None:
    op = evolve(sound_operation(), exploratory_visits=(sound_visit(), sound_visit()))
    with pytest.raises(InputError) as raised:
        check(op, as_of=AS_OF)
    assert [issue.path for issue in raised.value.issues] == ["$.exploratory_visits"]


def test_visits_load_from_json_and_an_unknown_kind_is_refused_with_its_path() -> None:
    data = converter().unstructure(sound_operation())
    assert data["exploratory_visits"][0]["kind"] == "go_and_see"
    assert repatguard.load(data).exploratory_visits == sound_operation().exploratory_visits
    data["exploratory_visits"][0]["kind"] = "come_and_stay"
    with pytest.raises(InputError) as raised:
        repatguard.load(data)
    assert [issue.path for issue in raised.value.issues] == ["$.exploratory_visits[0].kind"]
