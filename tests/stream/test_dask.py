"""The Dask integration gives the same report as the single-process run (local cluster)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pendulum
import pytest

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

import repatguard  # noqa: E402
from repatguard.facts.parameters import Parameters  # noqa: E402
from repatguard.policy.waivers import load_waivers  # noqa: E402
from repatguard.render.json import to_json  # noqa: E402
from repatguard.stream.dask import check_manifest_dask  # noqa: E402
from repatguard.stream.manifest import partitions  # noqa: E402
from repatguard.testing.synthetic import (  # noqa: E402
    synthetic_households,
    synthetic_operation,
    write_jsonl,
)

AS_OF = pendulum.Date(2026, 6, 1)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    )
    with distributed.Client(cluster) as connected:
        yield connected
    cluster.close()


def test_partitions_cover_the_file_and_number_lines(jsonl: Any) -> None:
    households = list(synthetic_households(30, seed=61))
    path = jsonl(households)
    found = partitions(path, target_bytes=5_000, first_index=4)
    assert len(found) > 3
    assert found[0].start == 0
    assert all(a.end == b.start for a, b in itertools.pairwise(found))
    assert found[-1].end == path.stat().st_size
    records = [record for part in found for chunk in part.chunks(4) for record in chunk.records]
    assert [r.line for r in records] == list(range(1, 31))
    assert [r.index for r in records] == list(range(4, 34))


def _waiver(code: str, subject: str, expires: str = "2026-08-01") -> dict[str, str]:
    return {
        "code": code,
        "subject": subject,
        "justification": "synthetic waiver for the dask equivalence test",
        "approved_by": "ROLE-1",
        "granted_on": "2026-05-01",
        "expires_on": expires,
        "decision_record": "DEC-1",
    }


# Waivers matched on the workers, in the operation's own households and nowhere: the
# operation pass must tell them apart as the single-process run does.
_REGISTER = {
    "waivers": [
        _waiver("VOL-004", "H0000020-P2"),
        _waiver("VOL-004", "H0000002-P2", expires="2026-06-05"),
        _waiver("VOL-003", "H0000099-P1"),
        _waiver("LEAD-001", "OP-2026-ORG-01"),
    ]
}


@pytest.mark.parametrize("waived", [False, True], ids=["no waivers", "waivers"])
def test_a_local_cluster_gives_the_same_report(
    client: Any, stream: Any, jsonl: Any, operation_with: Any, waived: bool
) -> None:
    import io

    households = list(synthetic_households(50, seed=62, bad_share=0.1))
    operation = synthetic_operation()
    path = jsonl(households[10:])
    shell = operation_with(operation, households[:10])
    waivers = load_waivers(_REGISTER) if waived else ()
    local = stream(shell, path, chunk_size=6, waivers=waivers)
    findings, cases = io.StringIO(), io.StringIO()
    issues: list[Any] = []
    result = check_manifest_dask(
        shell,
        path,
        as_of=AS_OF,
        client=client,
        partition_bytes=8_000,
        chunk_size=6,
        findings_out=findings,
        cases_out=cases,
        on_issue=issues.append,
        waivers=waivers,
    )
    assert local.result.manifest.failed > 0
    if waived:
        codes = [f.code for f in local.result.report.findings]
        assert "META-002" in codes  # LEAD-001 cannot be waived
        assert "META-001" in codes  # H0000099 is not there
    assert to_json(result.report) == to_json(local.result.report)
    assert result.manifest == local.result.manifest
    assert findings.getvalue() == local.findings
    assert cases.getvalue() == local.cases
    assert [str(i) for i in issues] == [str(i) for i in local.issues]


def test_a_local_cluster_gives_the_same_trace(
    client: Any, stream: Any, jsonl: Any, operation_with: Any
) -> None:
    import io

    households = list(synthetic_households(30, seed=63))
    path = jsonl(households[6:])
    shell = operation_with(synthetic_operation(), households[:6])
    local = stream(shell, path, chunk_size=5, trace=True)
    cases = io.StringIO()
    result = check_manifest_dask(
        shell,
        path,
        as_of=AS_OF,
        client=client,
        partition_bytes=6_000,
        chunk_size=5,
        cases_out=cases,
        trace=True,
    )
    assert result.report.trace is not None
    assert to_json(result.report) == to_json(local.result.report)
    assert cases.getvalue() == local.cases
    assert all('"trace":{' in line for line in local.cases.splitlines())


def test_the_next_review_on_a_cluster_reads_the_chunks_the_cluster_checked(
    client: Any, tmp_path: Path
) -> None:
    # Review of issue 15: the search passes read the manifest in the cluster's layout (each
    # partition's last chunk is short); read as one run of chunks, each chunk got another
    # chunk's link summaries, a link read "not on record" at every instant, and a change of
    # the child's own facts (a determination going stale) was missed: a later review.
    data = json.loads(
        resources.files("repatguard.examples").joinpath("organised-promotion.json").read_text()
    )
    data["positions_consulted_on"] = "2026-06-01"  # the operation's own change comes later
    households = {h["reference"]: h for h in data["households"]}
    child = households["HH-101"]["members"][2]
    child["family_links"] = [
        {
            "relationship": "parent",
            "whereabouts": "other_household",
            "household": "HH-103",
            "returns": True,
        }
    ]
    # No authority named: insufficient information now, stale (a failure) on 2026-06-05.
    child["best_interests_determination"] = {
        "completed_on": "2026-05-25",
        "outcome": "return_in_best_interests",
    }
    for member in households["HH-103"]["members"]:
        member["stays_behind"] = True  # the parent stays: a separation

    def filler(number: int) -> dict[str, Any]:
        copied: dict[str, Any] = json.loads(json.dumps(households["HH-102"]))
        copied["reference"] = f"HH-2{number:02d}"
        for index, member in enumerate(copied["members"]):
            member["reference"] = f"HH-2{number:02d}-P{index + 1}"
        return copied

    order = [filler(1), filler(2), filler(3), households["HH-101"], filler(4), filler(5)]
    order += [households["HH-102"], households["HH-103"]]
    data["households"] = order
    data["population"]["refugees"] = sum(len(h["members"]) for h in order)
    tightened = Parameters(bid_max_age="P10D")
    in_memory = repatguard.check(repatguard.load(data), as_of=AS_OF, parameters=tightened)
    assert in_memory.next_review is not None
    assert in_memory.next_review.due == "2026-06-05T00:00:00+00:00"
    path = tmp_path / "cases.jsonl"
    write_jsonl(path, order)
    per_line = path.stat().st_size // len(order)
    shell = repatguard.load(dict(data, households=[]))
    result = check_manifest_dask(
        shell,
        path,
        as_of=AS_OF,
        client=client,
        partition_bytes=int(per_line * 2.5),  # three households a partition, chunks of two
        chunk_size=2,
        parameters=tightened,
    )
    assert len(partitions(path, target_bytes=int(per_line * 2.5))) > 1
    assert result.report.next_review == in_memory.next_review
