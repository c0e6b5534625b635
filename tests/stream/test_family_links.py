"""Family links between households of a streamed manifest: resolved over the whole manifest."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pendulum

import repatguard
from repatguard.outcomes import Verdict
from repatguard.stream import MANIFEST_CODE
from repatguard.testing.synthetic import synthetic_households, synthetic_operation, write_jsonl

AS_OF = pendulum.Date(2026, 6, 1)


def _households() -> list[dict[str, Any]]:
    households = list(synthetic_households(4, seed=7))
    # The first household's first member has a sibling in the last household (defined later).
    households[0]["members"][0]["family_links"] = [
        {
            "relationship": "sibling",
            "whereabouts": "other_household",
            "household": households[-1]["reference"],
            "returns": True,
        }
    ]
    return households


def _written(tmp_path: Path, households: list[dict[str, Any]]) -> Path:
    path = tmp_path / "cases.jsonl"
    write_jsonl(path, households)
    return path


def _shell() -> repatguard.Operation:
    return repatguard.load(synthetic_operation())


def test_a_link_to_a_later_household_of_the_manifest_is_resolved(
    stream: Callable[..., Any], tmp_path: Path
) -> None:
    households = _households()
    streamed = stream(_shell(), _written(tmp_path, households), as_of=AS_OF)
    assert streamed.issues == []
    assert streamed.result.manifest.complete
    # The same households held in memory give the same verdict.
    data = dict(synthetic_operation(), households=households)
    assert repatguard.check(repatguard.load(data), as_of=AS_OF).verdict is (
        streamed.result.report.verdict
    )


def test_a_link_to_no_household_of_the_manifest_holds_the_verdict(
    stream: Callable[..., Any], tmp_path: Path
) -> None:
    households = _households()
    households[0]["members"][0]["family_links"][0]["household"] = "HH-NOWHERE"
    streamed = stream(_shell(), _written(tmp_path, households), as_of=AS_OF)
    shown = [str(issue) for issue in streamed.issues]
    assert shown == [
        "line 1: $.members[0].family_links[0].household: unknown household (no household of "
        "the operation has this reference)"
    ]
    assert "HH-NOWHERE" not in json.dumps(shown)
    report = streamed.result.report
    assert report.verdict is Verdict.INSUFFICIENT_INFORMATION
    assert MANIFEST_CODE in {reason.code for reason in report.reasons}
    assert not streamed.result.manifest.complete


def test_a_link_to_the_own_household_is_refused_with_the_record(
    stream: Callable[..., Any], tmp_path: Path
) -> None:
    households = _households()
    link = households[0]["members"][0]["family_links"][0]
    link["household"] = households[0]["reference"]
    streamed = stream(_shell(), _written(tmp_path, households), as_of=AS_OF)
    assert streamed.result.manifest.failed == 1
    assert [issue.path for issue in streamed.issues] == ["$.members[0].family_links[0].household"]


def test_family_links_in_a_csv_cell(tmp_path: Path) -> None:
    from repatguard.stream.csv_layout import household_from_rows

    header = ("household", "reference", "family_links")
    cell = "parent:host_country::false; sibling:other_household:HH-7:true;other"
    record, issues = household_from_rows(header, [(2, ("H-1", "P-1", cell))])
    assert issues == []
    assert record is not None
    assert record["members"][0]["family_links"] == [
        {"relationship": "parent", "whereabouts": "host_country", "returns": False},
        {
            "relationship": "sibling",
            "whereabouts": "other_household",
            "household": "HH-7",
            "returns": True,
        },
        {"relationship": "other"},
    ]
    # Too many fields (a reference holding ':'): passed on as text, refused by the loader.
    record, _ = household_from_rows(
        header, [(2, ("H-1", "P-1", "parent:other_household:A:B:true"))]
    )
    assert record is not None
    assert record["members"][0]["family_links"] == ["parent:other_household:A:B:true"]
