"""The family-links pre-pass loads only the households that hold a link or that a link names
(issue 13): its result must be the full pre-pass's, whatever the records look like.

The full pre-pass (every record loaded and summed up, as before issue 13) is rebuilt here as
the reference: per chunk, the same summaries; end to end, the same bytes out. The manifests
below hold what the cheap glance must not misread: escapes in keys and values, repeated
keys, keys in another order, a household held twice, a linked household that does not load,
links forward and back across chunks, in JSON Lines and CSV, with one process and two.
"""

from __future__ import annotations

import io
import json
import random
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pendulum
import pytest

import repatguard
import repatguard.stream.executor as executor_module
from repatguard.facts.links import LinkedHousehold, linked_household, named_households
from repatguard.model import Household
from repatguard.render.json import to_json
from repatguard.stream.cases import (
    CaseContext,
    ChunkLinks,
    _load,
    _loaded,
    chunk_links,
)
from repatguard.stream.executor import Executor
from repatguard.stream.link_index import LinkIndex
from repatguard.stream.manifest import CaseRecord, Chunk, chunks_of, read_manifest
from repatguard.stream.prepass import claimed_references, csv_columns, glance
from repatguard.stream.run import case_context, check_manifest
from repatguard.testing.synthetic import (
    declared_population,
    synthetic_households,
    synthetic_operation,
    write_csv,
)

AS_OF = pendulum.Date(2026, 6, 1)
CHUNK = 4


def _full_chunk_links(context: CaseContext, chunk: Chunk) -> ChunkLinks:
    """The full pre-pass: every record loaded, every household summed up, and every record
    that does not load leaving the references it claims not once on record (the pre-pass
    before issue 13, with the review's fix for a broken copy of a linked household)."""
    good, _, _ = _loaded(context, chunk)
    households = [household for _, household in good]
    loaded = {record.index for record, _ in good}
    adult_age = context.policy.parameters.adult_age
    return ChunkLinks(
        households=(
            *((h.reference, linked_household(h, context.instant, adult_age)) for h in households),
            *(
                (reference, None)
                for record in chunk.records
                if record.index not in loaded
                for reference in claimed_references(chunk, record)
            ),
        ),
        named=frozenset(named_households(households)),
    )


def _index(
    links: Iterator[ChunkLinks], executor: Executor | None = None
) -> tuple[list[Mapping[str, LinkedHousehold]], bool]:
    index = LinkIndex()
    for found in links:
        index.add(found)
    if executor is not None:
        for households in executor.summaries(index.wanted()):
            index.add_households(households)
    changes = index.names_one_that_changes_later()
    return index.per_chunk(), changes


def _child(household: dict[str, Any]) -> dict[str, Any]:
    return next(
        m
        for m in household["members"]
        if m["relationship_to_head"] == "child" and m.get("date_of_birth", "0") >= "2012"
    )


def _households() -> list[dict[str, Any]]:
    """Thirty households; children with a parent in another household, named forward and
    back across chunks of four, and within a chunk."""
    households = list(synthetic_households(30, seed=21))
    with_children = [
        i
        for i, h in enumerate(households)
        if any(
            m["relationship_to_head"] == "child" and m.get("date_of_birth", "0") >= "2012"
            for m in h["members"]
        )
    ]
    targets = [29, 0, 25, 22, 13, 2]
    for child, parent in zip(with_children, targets, strict=False):
        if child == parent:
            continue
        _child(households[child])["family_links"] = [
            {
                "relationship": "parent",
                "whereabouts": "other_household",
                "household": households[parent]["reference"],
                "returns": True,
            }
        ]
    return households


def _line(household: dict[str, Any], **options: Any) -> str:
    return json.dumps(household, separators=(",", ":"), **options)


def _named(households: list[dict[str, Any]]) -> list[int]:
    """Positions of the households some parent link names."""
    named = {
        link["household"]
        for h in households
        for m in h["members"]
        for link in m.get("family_links", [])
        if link.get("relationship") == "parent" and "household" in link
    }
    return [i for i, h in enumerate(households) if h["reference"] in named]


def _escaped_value(households: list[dict[str, Any]]) -> list[str]:
    # A named household whose reference holds a letter written as \u escape, named by a link
    # written raw; the other way round for a second one.
    first, second = _named(households)[:2]
    for index in (first, second):
        old = households[index]["reference"]
        households[index]["reference"] = old + "-é"
        for h in households:
            for m in h["members"]:
                for link in m.get("family_links", []):
                    if link.get("household") == old:
                        link["household"] = old + "-é"
    lines = [_line(h, ensure_ascii=False) for h in households]
    lines[first] = _line(households[first])  # \u00e9 in the reference
    for i, h in enumerate(households):
        if any(
            link.get("household") == households[second]["reference"]
            for m in h["members"]
            for link in m.get("family_links", [])
        ):
            lines[i] = _line(h)  # \u00e9 in the link
    return lines


def _escaped_keys(households: list[dict[str, Any]]) -> list[str]:
    # "household" spelled with an escape in a link: the raw bytes do not hold it. And a
    # named household whose "reference" key is escaped.
    lines = [_line(h) for h in households]
    for i, line in enumerate(lines):
        if '"household"' in line:
            lines[i] = line.replace('"household"', '"house\\u0068old"')
    target = _named(households)[0]
    lines[target] = lines[target].replace('"reference"', '"refer\\u0065nce"', 1)
    return lines


def _repeated_keys(households: list[dict[str, Any]]) -> list[str]:
    # A named household whose line repeats "reference" (another value first, then its own;
    # and its own first, then another): neither loads. A linking line repeats a key too.
    first, second = _named(households)[:2]
    lines = [_line(h) for h in households]
    lines[first] = '{"reference":"ELSEWHERE",' + lines[first][1:]
    lines[second] = lines[second][:-1] + ',"reference":"ELSEWHERE"}'
    linking = next(i for i, line in enumerate(lines) if '"household"' in line)
    lines[linking] = lines[linking][:-1] + ',"planned_departure":"2026-06-21"}'
    return lines


def _held_twice(households: list[dict[str, Any]]) -> list[str]:
    # Three named households held twice: one copy far off and escaped, one plain, one next to
    # the first (the same chunk: two records the second step loads there).
    first, second, third = _named(households)[:3]
    lines = [_line(h) for h in households]
    copies = {first: 0, second: len(lines), third: third + 1}
    for index, place in sorted(copies.items(), key=lambda item: -item[1]):
        twin = dict(
            households[index],
            members=[
                dict(m, reference=m["reference"] + "-B") for m in households[index]["members"]
            ],
        )
        twin["members"][0]["name"] = "Zoë"
        lines.insert(place, _line(twin, ensure_ascii=index == first))
    return lines


def _not_loading(households: list[dict[str, Any]]) -> list[str]:
    # Named households that do not load: a bad value, a broken invariant (an unknown area),
    # no reference at all, and a line that is not JSON.
    first, second, third, fourth = _named(households)[:4]
    households[first]["members"][0]["legal_category"] = "tourist"
    households[second]["intended_return_area"] = "NOWHERE"
    del households[third]["reference"]
    lines = [_line(h) for h in households]
    lines[fourth] = lines[fourth][:-2]
    return lines


def _reordered(households: list[dict[str, Any]]) -> list[str]:
    # Keys in another order (the reference last), with spaces: read by the json fallback.
    lines = []
    for h in households:
        moved = {key: h[key] for key in h if key != "reference"} | {"reference": h["reference"]}
        lines.append(json.dumps(moved, indent=None, separators=(" , ", " : ")))
    return lines


def _changing_later(households: list[dict[str, Any]]) -> list[str]:
    # A named household whose members withdraw after as_of: the review is not computed.
    for member in households[_named(households)[0]]["members"]:
        member.setdefault("consent", []).append(
            {"kind": "withdrawal", "at": "2026-06-20T10:00:00+00:00"}
        )
    return [_line(h) for h in households]


VARIANTS: dict[str, Callable[[list[dict[str, Any]]], list[str]]] = {
    "plain": lambda households: [_line(h) for h in households],
    "escaped-value": _escaped_value,
    "escaped-key": _escaped_keys,
    "repeated-key": _repeated_keys,
    "held-twice": _held_twice,
    "not-loading": _not_loading,
    "reordered": _reordered,
    "changing-later": _changing_later,
}


def _manifest(tmp_path: Path, variant: str) -> tuple[repatguard.Operation, Path]:
    households = _households()
    lines = VARIANTS[variant](households)
    path = tmp_path / f"{variant}.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    operation = dict(synthetic_operation(), population=declared_population(_households()))
    return repatguard.load(operation), path


def _chunks(path: Path, operation: repatguard.Operation) -> Callable[[], Iterator[Chunk]]:
    return lambda: executor_module.all_chunks(operation, path, None, CHUNK)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("jobs", [1, 2])
def test_the_pre_pass_gives_each_chunk_what_the_full_pre_pass_gave(
    variant: str, jobs: int, tmp_path: Path
) -> None:
    operation, path = _manifest(tmp_path, variant)
    context, _ = case_context(operation, as_of=AS_OF)
    chunks = _chunks(path, operation)
    expected = _index(_full_chunk_links(context, chunk) for chunk in chunks())
    with Executor(context, jobs, chunks) as executor:
        found = _index(executor.links(), executor)
    assert found == expected
    # Something is read against another household's record.
    assert any(found[0])
    assert found[1] is (variant == "changing-later")


def _random_manifest(seed: int) -> list[str]:
    """Households with links of every kind to random households (some unknown), some records
    escaped, repeated, broken or held twice."""
    rng = random.Random(seed)
    households = list(synthetic_households(16, seed=seed))
    references = [h["reference"] for h in households] + ["H-NOWHERE"]
    for h in households:
        for m in h["members"]:
            if rng.random() < 0.25:
                m["family_links"] = [
                    {
                        "relationship": rng.choice(["parent", "child", "sibling"]),
                        "whereabouts": "other_household",
                        "household": rng.choice(references),
                        "returns": rng.choice([True, False, None]),
                    }
                ]
    lines = [_line(h, ensure_ascii=rng.random() < 0.2) for h in households]
    for _ in range(3):
        i = rng.randrange(len(lines))
        twist = rng.randrange(4)
        if twist == 0:
            lines.insert(rng.randrange(len(lines)), lines[i])  # held twice, people too
        elif twist == 1:
            lines[i] = lines[i].replace('"reference"', '"refer\\u0065nce"', 1)
        elif twist == 2:
            lines[i] = lines[i][:-1] + ',"reference":"H-NOWHERE"}'
        else:
            lines[i] = lines[i].replace('"legal_category":"', '"legal_category":"x', 1)
    return lines


@pytest.mark.parametrize("seed", range(12))
def test_the_pre_pass_of_random_manifests_is_the_full_one(seed: int, tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(line + "\n" for line in _random_manifest(seed)), encoding="utf-8")
    operation = repatguard.load(synthetic_operation())
    context, _ = case_context(operation, as_of=AS_OF)
    for size in (1, 3, 50):
        chunks = _sized_chunks(path, operation, size)
        expected = _index(_full_chunk_links(context, chunk) for chunk in chunks())
        with Executor(context, 1, chunks) as executor:
            assert _index(executor.links(), executor) == expected


def _sized_chunks(
    path: Path, operation: repatguard.Operation, size: int
) -> Callable[[], Iterator[Chunk]]:
    return lambda: executor_module.all_chunks(operation, path, None, size)


def _run(operation: repatguard.Operation, path: Path, **options: Any) -> tuple[str, ...]:
    findings, cases = io.StringIO(), io.StringIO()
    issues: list[Any] = []
    result = check_manifest(
        operation,
        path,
        as_of=AS_OF,
        chunk_size=CHUNK,
        reference_key="k-1",
        findings_out=findings,
        cases_out=cases,
        on_issue=issues.append,
        **options,
    )
    shown = "\n".join(str(issue) for issue in issues)
    return to_json(result.report), findings.getvalue(), cases.getvalue(), shown


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_a_streamed_check_writes_what_it_wrote_with_the_full_pre_pass(
    variant: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    operation, path = _manifest(tmp_path, variant)
    found = [_run(operation, path, jobs=jobs) for jobs in (1, 2)]
    monkeypatch.setattr(executor_module, "chunk_links", _full_chunk_links)
    expected = _run(operation, path)
    assert found[0] == expected
    assert found[1] == expected
    assert '"CHILD-005"' in expected[1]


def _in_memory(households: list[dict[str, Any]]) -> repatguard.Report:
    data = dict(synthetic_operation(), households=households)
    data["population"] = declared_population(households)
    return repatguard.check(repatguard.load(data), as_of=AS_OF, reference_key="k-1")


@pytest.mark.parametrize("variant", ["escaped-value", "escaped-key", "reordered"])
def test_a_streamed_check_with_odd_records_is_the_in_memory_check(
    variant: str,
    tmp_path: Path,
    stream: Callable[..., Any],
    same_as_in_memory: Callable[..., None],
) -> None:
    # These records load: the whole operation in memory decides alike.
    operation, path = _manifest(tmp_path, variant)
    lines = path.read_text(encoding="utf-8").splitlines()
    reference = _in_memory([json.loads(line) for line in lines])
    assert any(f.code == "CHILD-005" for f in reference.findings)
    streamed = stream(operation, path, chunk_size=CHUNK, reference_key="k-1")
    same_as_in_memory(reference, streamed)


def test_a_csv_manifest_with_links(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    stream: Callable[..., Any],
    same_as_in_memory: Callable[..., None],
) -> None:
    households = _households()
    path = tmp_path / "cases.csv"
    write_csv(path, households)
    operation = repatguard.load(
        dict(synthetic_operation(), population=declared_population(households))
    )
    streamed = stream(operation, path, chunk_size=CHUNK, reference_key="k-1")
    same_as_in_memory(_in_memory(households), streamed)
    found = [_run(operation, path, jobs=jobs) for jobs in (1, 2)]
    monkeypatch.setattr(executor_module, "chunk_links", _full_chunk_links)
    expected = _run(operation, path)
    assert found == [expected, expected]
    assert '"CHILD-005"' in expected[1]


def test_a_manifest_without_links_loads_nothing_in_the_pre_pass(tmp_path: Path) -> None:
    households = list(synthetic_households(12, seed=3))
    for h in households:
        for m in h["members"]:
            m.pop("family_links", None)
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(_line(h) + "\n" for h in households), encoding="utf-8")
    operation = repatguard.load(synthetic_operation())
    context, _ = case_context(operation, as_of=AS_OF)
    chunks = _chunks(path, operation)
    with Executor(context, 1, chunks) as executor:
        links = list(executor.links())
    assert [found.households for found in links] == [(), (), ()]
    assert [reference is not None for found in links for reference in found.skipped] == [True] * 12


# The glance itself: whatever it says of a record, a record that loads must agree.


def _mutations(line: str) -> Iterator[str]:
    yield line
    yield line.replace('"reference"', '"refer\\u0065nce"', 1)
    yield line.replace('"reference":"', '"reference":"\\u0048', 1)
    yield '{"reference":"OTHER",' + line[1:]
    yield line[:-1] + ',"reference":"OTHER"}'
    yield line.replace('"legal_category"', '"name":"a\\nb\\\\","legal_category"', 1)
    yield line.replace('"legal_category"', '"name":"\\u00e9","legal_category"', 1)
    yield line.replace('"legal_category"', '"name":"\\ud800","legal_category"', 1)
    yield "\ufeff" + line
    yield " \t" + line.replace(":", " : ", 3)
    yield line.replace('"members":[', '"members":[],"x":[', 1)
    yield line.replace(
        '"relationship_to_head"',
        '"family_links":[{"relationship":"parent",'
        '"whereabouts":"other_household","household":"H-X"}],'
        '"relationship_to_head"',
        1,
    )
    yield line.replace(
        '"relationship_to_head"',
        '"family_links":[{"relationship":"parent",'
        '"whereabouts":"other_household","house\\u0068old":"H-X"}],'
        '"relationship_to_head"',
        1,
    )
    yield "[" + line + "]"
    yield line[: len(line) // 2]
    moved = json.loads(line)
    yield json.dumps({"members": moved.pop("members"), **moved})


def test_a_glance_never_contradicts_the_loader() -> None:
    seen = {"told": 0, "gave up": 0}
    for household in synthetic_households(20, seed=9):
        for text in _mutations(_line(household)):
            data = text.encode("utf-8")
            record = CaseRecord(index=0, line=1, data=data)
            chunk = Chunk(source="m.jsonl", format="jsonl", records=(record,))
            told = glance(chunk, record)
            seen["told" if told is not None else "gave up"] += 1
            if told is None:
                continue
            for fast in (False, True):
                loaded, _ = _load(chunk, record, fast)
                if loaded is None:
                    continue
                assert loaded.reference == told
                links = [link.household for m in loaded.members for link in m.family_links]
                assert not any(links)
    assert seen["told"] > 20
    assert seen["gave up"] > 20


@pytest.mark.parametrize(
    ("cell", "told"),
    [
        ("", "H-1"),
        ("parent:host_country::false", "H-1"),
        ("sibling:unknown", "H-1"),
        ("parent:other_household:H-2", None),
        ("parent:host_country:: ;sibling:other_household: H-2 :true", None),
        ("parent:other_household:A:B:true", None),
    ],
)
def test_a_glance_at_a_csv_household(cell: str, told: str | None) -> None:
    header = ("household", "reference", "family_links")
    rows = ((2, ("H-1", "P-1", "")), (3, ("H-1", "P-2", cell)))
    record = CaseRecord(index=0, line=2, data=rows)
    chunk = Chunk(source="m.csv", format="csv", records=(record,), header=header)
    assert glance(chunk, record, csv_columns(header)) == told


def test_a_glance_at_a_csv_household_gives_up_on_rows_it_cannot_read() -> None:
    header = ("household", "reference")
    for rows in (
        ((2, ("H-1", "P-1")), (3, ("H-1",))),  # a short row
        ((2, ("", "P-1")),),  # no reference
    ):
        record = CaseRecord(index=0, line=2, data=rows)
        chunk = Chunk(source="m.csv", format="csv", records=(record,), header=header)
        assert glance(chunk, record) is None


def test_a_glance_at_a_household_held_in_the_operation() -> None:
    households = _households()
    data = dict(synthetic_operation(), households=households)
    held = repatguard.load(data).households
    records = [CaseRecord(index=i, line=0, data=h) for i, h in enumerate(held)]
    chunk = next(chunks_of(records, source="operation", format="operation", size=100))
    for household, record in zip(held, chunk.records, strict=True):
        assert isinstance(household, Household)
        links = any(link.household for m in household.members for link in m.family_links)
        assert glance(chunk, record) == (None if links else household.reference)


def test_chunk_links_reports_every_record_it_did_not_load(tmp_path: Path) -> None:
    operation, path = _manifest(tmp_path, "plain")
    context, _ = case_context(operation, as_of=AS_OF)
    for chunk in read_manifest(path, format="jsonl", chunk_size=CHUNK):
        found = chunk_links(context, chunk)
        loaded = {reference for reference, _ in found.households}
        skipped = {reference for reference in found.skipped if reference is not None}
        assert len(found.skipped) == len(chunk.records)
        assert len(found.households) + len(skipped) == len(chunk.records)
        assert not loaded & skipped
        assert not skipped & found.named


@pytest.mark.parametrize("variant", ["held-twice", "not-loading"])
def test_a_local_dask_cluster_runs_both_steps_as_one_process(
    variant: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    from repatguard.stream.cases import chunk_summaries
    from repatguard.stream.dask import check_manifest_dask

    operation, path = _manifest(tmp_path, variant)
    expected = _run(operation, path)
    asked: list[int] = []

    def counted(*args: Any) -> Any:
        asked.append(1)
        return chunk_summaries(*args)

    # Called by partition_summaries on the workers (threads of this process here).
    monkeypatch.setattr("repatguard.stream.dask.chunk_summaries", counted)
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    )
    findings, cases = io.StringIO(), io.StringIO()
    issues: list[Any] = []
    with distributed.Client(cluster) as client:
        result = check_manifest_dask(
            operation,
            path,
            as_of=AS_OF,
            client=client,
            partition_bytes=9_000,
            chunk_size=CHUNK,
            reference_key="k-1",
            findings_out=findings,
            cases_out=cases,
            on_issue=issues.append,
        )
    cluster.close()
    shown = "\n".join(str(issue) for issue in issues)
    assert (to_json(result.report), findings.getvalue(), cases.getvalue(), shown) == expected
    # The second step ran on the cluster: some household a link names was left unloaded.
    assert asked
