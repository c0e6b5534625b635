"""Family links between households of a streamed manifest: resolved over the whole manifest."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest

import repatguard
from repatguard.outcomes import Verdict
from repatguard.stream import MANIFEST_CODE
from repatguard.testing.synthetic import (
    declared_population,
    synthetic_households,
    synthetic_operation,
    write_csv,
    write_jsonl,
)

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


# Links from a child to a parent in another household, in the states CHILD-005 reads that
# household's record against (issue 16), across chunks: the streamed check resolves them in
# its pre-pass, and must decide as the in-memory check does.

_WITHDRAWAL = {"kind": "withdrawal", "at": "2026-05-30T10:00:00+00:00"}


def _child_of(household: dict[str, Any]) -> dict[str, Any]:
    found = _child_of_or_none(household)
    assert found is not None
    return found


def _parent_link(households: list[dict[str, Any]], child: int, parent: int, **link: Any) -> None:
    _child_of(households[child])["family_links"] = [
        {
            "relationship": "parent",
            "whereabouts": "other_household",
            "household": households[parent]["reference"],
            **link,
        }
    ]


def _with_parent_links() -> list[dict[str, Any]]:
    households = list(synthetic_households(40, seed=21))
    with_children = [i for i, h in enumerate(households) if _child_of_or_none(h) is not None]
    first, second, third, fourth, fifth, sixth = with_children[:6]
    # Returns, in a later chunk: believed.
    _parent_link(households, first, 35, returns=True)
    # Everyone of the linked household stays behind: contradicted (a failure).
    _parent_link(households, second, 36, returns=True)
    for member in households[36]["members"]:
        member["stays_behind"] = True
    # One withdrew, the others' move is not recorded: not confirmed (insufficient).
    _parent_link(households, third, 37, returns=True)
    households[37]["members"][0]["consent"].append(_WITHDRAWAL)
    for member in households[37]["members"][1:]:
        member.pop("stays_behind", None)
    # An earlier household whose member records the child here as not returning: disagree.
    _parent_link(households, fourth, 0, returns=True)
    households[0]["members"][0]["family_links"] = [
        {
            "relationship": "child",
            "whereabouts": "other_household",
            "household": households[fourth]["reference"],
            "returns": False,
        }
    ]
    # Return not recorded, to a household everyone of which stays: a failure too.
    _parent_link(households, fifth, 36)
    # Return not recorded, to a household that returns: insufficient, as before.
    _parent_link(households, sixth, 38)
    return households


def _child_of_or_none(household: dict[str, Any]) -> dict[str, Any] | None:
    """A member who is a child who moves (born in 2012 or later), if any."""
    return next(
        (
            member
            for member in household["members"]
            if member["relationship_to_head"] == "child"
            and member.get("stays_behind") is False
            and member.get("date_of_birth", "0") >= "2012"
        ),
        None,
    )


def _child_005(report: repatguard.Report) -> list[tuple[str, str]]:
    return sorted(
        (finding.outcome.value, finding.path)
        for finding in report.findings
        if finding.code == "CHILD-005"
    )


def _held_first(households: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """The linked-to households first (to be held in the operation: their links may name
    none of the manifest's), then the others; and how many come first."""
    first = [households[i] for i in (35, 36, 37, 38)]
    held = {h["reference"] for h in first}
    assert all(
        link.get("household") in held
        for h in first
        for m in h["members"]
        for link in m.get("family_links", [])
    )
    return first + [h for h in households if h["reference"] not in held], len(first)


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("held", [False, True], ids=["all-in-manifest", "some-held"])
def test_links_to_other_households_stream_as_in_memory(
    jobs: int,
    held: bool,
    stream: Callable[..., Any],
    same_as_in_memory: Callable[..., None],
    tmp_path: Path,
) -> None:
    households, count = _held_first(_with_parent_links()) if held else (_with_parent_links(), 0)
    operation = dict(synthetic_operation(), population=declared_population(households))
    full = repatguard.load(dict(operation, households=households))
    reference = repatguard.check(full, as_of=AS_OF, next_review=False, reveal_references=True)
    outcomes = [outcome for outcome, _ in _child_005(reference)]
    # The test exercises every reading: believed, contradicted, not confirmed, disagreeing.
    assert outcomes.count("fail") >= 2
    assert outcomes.count("insufficient_information") >= 3
    shell = attrs.evolve(full, households=full.households[:count])
    streamed = stream(
        shell,
        _written(tmp_path, households[count:]),
        as_of=AS_OF,
        chunk_size=7,
        jobs=jobs,
        reveal_references=True,
    )
    same_as_in_memory(reference, streamed)


def test_links_to_other_households_in_a_csv_stream_as_in_memory(
    stream: Callable[..., Any], same_as_in_memory: Callable[..., None], tmp_path: Path
) -> None:
    households = _with_parent_links()
    operation = dict(synthetic_operation(), population=declared_population(households))
    reference = repatguard.check(
        repatguard.load(dict(operation, households=households)), as_of=AS_OF, next_review=False
    )
    path = tmp_path / "cases.csv"
    write_csv(path, households)
    streamed = stream(repatguard.load(operation), path, as_of=AS_OF, chunk_size=5)
    same_as_in_memory(reference, streamed)


def test_a_parent_link_to_a_household_that_does_not_load_is_insufficient(
    stream: Callable[..., Any], tmp_path: Path
) -> None:
    households = _with_parent_links()
    # The household the first link names loses its reference: it cannot be loaded, so the
    # link names no household on record.
    first = next(i for i, h in enumerate(households) if _child_of_or_none(h) is not None)
    del households[35]["reference"]
    streamed = stream(_shell(), _written(tmp_path, households), as_of=AS_OF, reveal_references=True)
    child = _child_of(households[first])["reference"]
    found = [
        json.loads(line)
        for line in streamed.findings.splitlines()
        if '"CHILD-005"' in line and child in line
    ]
    assert [(f["outcome"], f["path"].rsplit(".", 1)[-1]) for f in found] == [
        ("insufficient_information", "household")
    ]
    assert streamed.result.report.verdict is Verdict.INSUFFICIENT_INFORMATION


def test_a_local_dask_cluster_reads_links_as_one_process(
    stream: Callable[..., Any], tmp_path: Path
) -> None:
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    import io

    from repatguard.render.json import to_json
    from repatguard.stream.dask import check_manifest_dask

    households, count = _held_first(_with_parent_links())
    path = _written(tmp_path, households[count:])
    full = repatguard.load(dict(synthetic_operation(), households=households))
    shell = attrs.evolve(full, households=full.households[:count])
    local = stream(shell, path, as_of=AS_OF, chunk_size=4)
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    )
    findings, cases = io.StringIO(), io.StringIO()
    with distributed.Client(cluster) as client:
        result = check_manifest_dask(
            shell,
            path,
            as_of=AS_OF,
            client=client,
            partition_bytes=9_000,
            chunk_size=4,
            findings_out=findings,
            cases_out=cases,
        )
    cluster.close()
    assert '"CHILD-005"' in local.findings
    assert to_json(result.report) == to_json(local.result.report)
    assert findings.getvalue() == local.findings
    assert cases.getvalue() == local.cases


def test_a_parent_link_to_a_reference_held_twice_is_insufficient(
    stream: Callable[..., Any], tmp_path: Path
) -> None:
    # Which of the two households the link means cannot be told: neither is read for it.
    households = _with_parent_links()
    first = next(i for i, h in enumerate(households) if _child_of_or_none(h) is not None)
    twin = dict(
        households[35],
        members=[dict(m, reference=m["reference"] + "-B") for m in households[35]["members"]],
    )
    households.append(twin)
    streamed = stream(_shell(), _written(tmp_path, households), as_of=AS_OF, reveal_references=True)
    child = _child_of(households[first])["reference"]
    found = [
        json.loads(line)
        for line in streamed.findings.splitlines()
        if '"CHILD-005"' in line and f'"{child}"' in line
    ]
    assert [(f["outcome"], f["path"].rsplit(".", 1)[-1]) for f in found] == [
        ("insufficient_information", "household")
    ]
    assert streamed.result.manifest.duplicates == 1


def _later_events(household: dict[str, Any]) -> bool:
    return any(
        pendulum.DateTime.fromisoformat(event["at"]) > pendulum.datetime(2026, 6, 1)
        for member in household["members"]
        for event in member.get("consent", [])
    )


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_next_review_of_a_manifest_with_links_is_the_in_memory_one(
    jobs: int, stream: Callable[..., Any], tmp_path: Path
) -> None:
    households = _with_parent_links()
    # No household a link names has a consent event after as_of: its summary holds at every
    # later instant, so the streamed search may read it as summed up at as_of.
    assert not any(_later_events(households[i]) for i in (0, 35, 36, 37, 38))
    operation = dict(synthetic_operation(), population=declared_population(households))
    full = repatguard.load(dict(operation, households=households))
    reference = repatguard.check(full, as_of=AS_OF, reveal_references=True)
    assert reference.next_review is not None
    streamed = stream(
        repatguard.load(operation),
        _written(tmp_path, households),
        as_of=AS_OF,
        chunk_size=7,
        jobs=jobs,
        reveal_references=True,
    )
    report = streamed.result.report
    assert report.next_review_computed
    assert report.next_review == reference.next_review


def test_a_linked_household_that_changes_later_leaves_the_review_not_computed(
    stream: Callable[..., Any], tmp_path: Path
) -> None:
    # Every member of the household the first child's parent link names withdraws after
    # as_of: from then on the link is contradicted. The streamed search reads the linked
    # households as at as_of, so it says the review is not computed rather than give a later
    # date (or "no change due").
    households = _with_parent_links()
    for member in households[35]["members"]:
        withdrawal = {"kind": "withdrawal", "at": "2026-06-20T10:00:00+00:00"}
        member.setdefault("consent", []).append(withdrawal)
    operation = dict(synthetic_operation(), population=declared_population(households))
    full = repatguard.load(dict(operation, households=households))
    reference = repatguard.check(full, as_of=AS_OF, reveal_references=True)
    assert reference.next_review is not None
    assert reference.next_review.due <= "2026-06-20T10:00:00+00:00"
    streamed = stream(
        repatguard.load(operation), _written(tmp_path, households), as_of=AS_OF, chunk_size=7
    )
    report = streamed.result.report
    assert not report.next_review_computed
    assert report.next_review is None
