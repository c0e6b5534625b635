"""COND-010: return to the place of origin or to a place of the person's choice."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

import repatguard
from repatguard import InputError
from repatguard.examples import example
from repatguard.io.converter import converter
from repatguard.model import Operation, Population, ReturnArea
from repatguard.outcomes import Outcome, Severity, Verdict
from repatguard.stream import check_manifest
from repatguard.testing.factories import (
    AS_OF,
    evolve,
    sound_assessment,
    sound_consent,
    sound_operation,
    with_assessment,
    with_member,
)
from repatguard.testing.rules import run_rule

SPOUSE = "$.households[0].members[1]"
_UNKNOWN_AREA = "unknown return area (no return area of the operation has this reference)"


def _spouse(op: Operation | None = None, **changes: Any) -> Operation:
    return with_member(op or sound_operation(), 0, 1, **changes)


def _with_site(op: Operation | None = None) -> Operation:
    """A second return area: a site people may be sent to instead of going home."""
    op = op or sound_operation()
    site = ReturnArea(reference="AREA-2", name="Designated relocation site")
    return evolve(op, return_areas=(*op.return_areas, site))


def _spouse_to_site(chosen: bool | None) -> Operation:
    return _spouse(_with_site(), intended_return_area="AREA-2", destination_chosen=chosen)


def _home_destroyed(chosen: bool | None) -> Operation:
    op = with_assessment(sound_operation(), housing_destroyed_or_inaccessible=True)
    return _spouse(op, destination_chosen=chosen)


# --- passes ----------------------------------------------------------------------------------


def test_passes_for_adults_who_chose_to_go_home() -> None:
    run = run_rule("COND-010", sound_operation())
    assert run.clean
    assert run.tally.passed == 2
    assert run.tally.not_applicable == 1  # the dependent child follows the parents' choice


def test_a_place_of_choice_other_than_the_place_of_origin_passes() -> None:
    assert run_rule("COND-010", _spouse_to_site(True)).clean


def test_a_chosen_destination_passes_whatever_else_is_unknown() -> None:
    op = _spouse(place_of_origin=None)
    household = evolve(op.households[0], intended_return_area=None)
    assert run_rule("COND-010", evolve(op, households=(household,))).clean


@pytest.mark.parametrize("chosen", [False, None])
def test_going_home_to_standing_homes_passes_even_without_a_recorded_choice(
    chosen: bool | None,
) -> None:
    assert run_rule("COND-010", _spouse(destination_chosen=chosen)).clean


def test_choosing_to_go_back_to_a_destroyed_home_passes() -> None:
    # The person's own choice; the state of the area is IDP-005's finding.
    assert run_rule("COND-010", _home_destroyed(True)).clean


# --- failures --------------------------------------------------------------------------------


def test_a_destination_chosen_for_the_person_elsewhere_is_a_major_failure() -> None:
    finding = run_rule("COND-010", _spouse_to_site(False)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MAJOR
    assert finding.subject == "P-2"
    assert finding.path == f"{SPOUSE}.destination_chosen"
    assert "AREA-2" in (finding.evidence.observed or "")


def test_being_sent_back_to_a_destroyed_home_without_a_choice_fails() -> None:
    finding = run_rule("COND-010", _home_destroyed(False)).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.path == f"{SPOUSE}.destination_chosen"
    assert "$.assessments[0]" in (finding.evidence.observed or "")


def test_an_unaccompanied_child_sent_to_a_site_fails() -> None:
    op = with_member(
        _with_site(),
        0,
        2,
        unaccompanied_or_separated=True,
        place_of_origin="AREA-1",
        intended_return_area="AREA-2",
        destination_chosen=False,
    )
    finding = run_rule("COND-010", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.subject == "P-3"


def test_a_dependent_child_is_not_checked_individually() -> None:
    op = with_member(_with_site(), 0, 2, intended_return_area="AREA-2", destination_chosen=False)
    run = run_rule("COND-010", op)
    assert not run.findings
    assert run.tally.not_applicable == 1


def test_a_relocation_blocks_that_person_only() -> None:
    # The site is assessed as soundly as AREA-1: COND-010 is the only difference.
    op = _spouse(_spouse_to_site(False), consent=sound_consent("ASM-2"))
    op = evolve(op, assessments=(*op.assessments, sound_assessment("AREA-2", "ASM-2")))
    report = repatguard.check(op, as_of=AS_OF, next_review=False, reveal_references=True)
    assert report.case("P-2").verdict is Verdict.BLOCKED
    assert {reason.code for reason in report.case("P-2").reasons} == {"COND-010"}
    assert report.case("P-1").verdict is Verdict.PROMOTE


def test_the_finding_names_no_personal_data() -> None:
    op = _spouse(_with_site(), intended_return_area="AREA-2", destination_chosen=False)
    op = _spouse(op, name="Invented Name", notes="private note")
    finding = run_rule("COND-010", op).only()
    text = f"{finding.message} {finding.evidence.observed} {finding.evidence.expected}"
    assert "Invented" not in text
    assert "private" not in text


# --- insufficient information ----------------------------------------------------------------


def test_elsewhere_without_a_recorded_choice_is_insufficient_information() -> None:
    finding = run_rule("COND-010", _spouse_to_site(None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{SPOUSE}.destination_chosen"


def test_a_destroyed_home_without_a_recorded_choice_is_insufficient_information() -> None:
    finding = run_rule("COND-010", _home_destroyed(None)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == f"{SPOUSE}.destination_chosen"


@pytest.mark.parametrize("chosen", [False, None])
def test_an_unrecorded_place_of_origin_is_insufficient_information(chosen: bool | None) -> None:
    finding = run_rule("COND-010", _spouse(place_of_origin=None, destination_chosen=chosen)).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{SPOUSE}.place_of_origin"


def test_an_unknown_destination_is_insufficient_information() -> None:
    op = _spouse(destination_chosen=None)
    household = evolve(op.households[0], intended_return_area=None)
    finding = run_rule("COND-010", evolve(op, households=(household,))).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.households[0].intended_return_area"


def test_unrecorded_housing_in_the_area_of_origin_is_insufficient_information() -> None:
    op = with_assessment(_spouse(destination_chosen=None), housing_destroyed_or_inaccessible=None)
    finding = run_rule("COND-010", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments[0].housing_destroyed_or_inaccessible"


def test_an_unassessed_area_of_origin_is_insufficient_information() -> None:
    op = evolve(_spouse(destination_chosen=False), assessments=())
    finding = run_rule("COND-010", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.assessments"


def test_standing_homes_read_from_a_stale_assessment_are_insufficient_information() -> None:
    op = with_assessment(_spouse(destination_chosen=None), assessed_on=AS_OF.subtract(days=181))
    run = run_rule("COND-010", op)
    finding = run.only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert "older than its age limit" in finding.message
    assert run.tally.passed == 1  # P-1 chose: no assessment needed


def test_a_destroyed_home_is_still_a_failure_on_a_stale_assessment() -> None:
    op = with_assessment(_home_destroyed(False), assessed_on=AS_OF.subtract(days=181))
    assert run_rule("COND-010", op).only().outcome is Outcome.FAIL


def test_unknown_age_with_an_assigned_destination_is_insufficient_information() -> None:
    op = _spouse(_spouse_to_site(False), date_of_birth=None, age=None)
    finding = run_rule("COND-010", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.severity is Severity.MAJOR
    assert finding.path == f"{SPOUSE}.date_of_birth"


def test_forgetting_the_choice_never_gives_a_kinder_verdict() -> None:
    relocated = repatguard.check(
        _spouse_to_site(False), as_of=AS_OF, next_review=False, reveal_references=True
    )
    forgotten = repatguard.check(
        _spouse(_spouse_to_site(None), place_of_origin=None),
        as_of=AS_OF,
        next_review=False,
        reveal_references=True,
    )
    assert forgotten.case("P-2").verdict.rank <= Verdict.INSUFFICIENT_INFORMATION.rank
    assert relocated.case("P-2").verdict.rank <= forgotten.case("P-2").verdict.rank


# --- input -----------------------------------------------------------------------------------


@pytest.mark.parametrize("origin", ["Northern valley", "AREA-9", "area-1", ""])
def test_a_place_of_origin_that_is_not_a_return_area_is_an_input_error(origin: str) -> None:
    with pytest.raises(InputError) as caught:
        repatguard.check(_spouse(place_of_origin=origin), as_of=AS_OF)
    assert [(issue.path, issue.message) for issue in caught.value.issues] == [
        (f"{SPOUSE}.place_of_origin", _UNKNOWN_AREA)
    ]


def _as_data(op: Operation) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps(converter().unstructure(op)))
    return data


def test_the_facts_load_from_a_file() -> None:
    loaded = repatguard.load(_as_data(_spouse_to_site(False)))
    spouse = loaded.households[0].members[1]
    assert (spouse.place_of_origin, spouse.destination_chosen) == ("AREA-1", False)


def test_a_place_of_origin_given_by_name_is_refused_when_the_file_is_loaded() -> None:
    data = _as_data(sound_operation())
    data["households"][0]["members"][1]["place_of_origin"] = "Northern valley"
    with pytest.raises(InputError) as caught:
        repatguard.load(data)
    assert [issue.path for issue in caught.value.issues] == [f"{SPOUSE}.place_of_origin"]


def test_a_choice_given_as_text_is_refused() -> None:
    data = _as_data(sound_operation())
    data["households"][0]["members"][1]["destination_chosen"] = "yes"
    with pytest.raises(InputError) as caught:
        repatguard.load(data)
    assert [issue.path for issue in caught.value.issues] == [f"{SPOUSE}.destination_chosen"]


def test_the_csv_layout_carries_both_facts(tmp_path: Path) -> None:
    good = example("organised-promotion")
    operation = evolve(good.load(), households=(), population=Population())
    path = tmp_path / "cases.csv"
    path.write_text(
        "household,household_intended_return_area,reference,age,place_of_origin,"
        "destination_chosen\n"
        "H-1,AREA-E,H-1-P1,40,AREA-N,false\n"
        "H-2,AREA-E,H-2-P1,40,Northern valley,true\n",
        encoding="utf-8",
    )
    findings = io.StringIO()
    issues: list[Any] = []
    check_manifest(
        operation,
        path,
        as_of=good.as_of,
        findings_out=findings,
        on_issue=issues.append,
        reveal_references=True,
    )
    streamed = [json.loads(line) for line in findings.getvalue().splitlines()]
    relocated = [f for f in streamed if f["code"] == "COND-010"]
    assert [(f["outcome"], f["path"]) for f in relocated] == [
        ("fail", "$.households[0].members[0].destination_chosen")
    ]
    assert [str(issue) for issue in issues] == [
        f"line 3: $.members[0].place_of_origin: {_UNKNOWN_AREA}"
    ]
