"""The Dask integration gives the same report as the single-process run (local cluster)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pendulum
import pytest

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

from repatguard.policy.waivers import load_waivers  # noqa: E402
from repatguard.render.json import to_json  # noqa: E402
from repatguard.stream.dask import check_manifest_dask  # noqa: E402
from repatguard.stream.manifest import partitions  # noqa: E402
from repatguard.testing.synthetic import synthetic_households, synthetic_operation  # noqa: E402

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
