"""The next review of a streamed check is the in-memory check's (issue 15, item 3)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pendulum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import repatguard
from repatguard.engine.review import Candidates
from repatguard.facts.facts import ManifestCounts
from repatguard.outcomes import Verdict
from repatguard.render.json import report_to_dict
from repatguard.stream import check_manifest, review
from repatguard.stream.review import KeptInstants
from repatguard.testing.synthetic import synthetic_households, synthetic_operation

BASE = pendulum.Date(2026, 6, 1)


def write_jsonl(path: Path, households: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(h) + "\n" for h in households), encoding="utf-8")
    return path


def _both(
    operation: dict[str, Any],
    households: list[dict[str, Any]],
    cases: Path,
    as_of: Any,
    **options: Any,
) -> tuple[repatguard.Report, repatguard.Report]:
    whole = repatguard.load({**operation, "households": households})
    reference = repatguard.check(whole, as_of=as_of, reference_key="k-1")
    write_jsonl(cases, households)
    shell = attrs.evolve(whole, households=())
    streamed = check_manifest(shell, cases, as_of=as_of, reference_key="k-1", **options)
    return reference, streamed.report


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    seed=st.integers(0, 10_000),
    count=st.integers(0, 6),
    shift=st.integers(-400, 760),
    consulted=st.booleans(),
    chunk_size=st.integers(1, 4),
)
def test_a_small_operation_streams_to_the_same_next_review(
    tmp_path: Path, seed: int, count: int, shift: int, consulted: bool, chunk_size: int
) -> None:
    # as_of moves over the whole span of the synthetic dates, so that the first change is in
    # turn a case's, the operation's, a verdict's alone or none within the horizon.
    as_of = BASE.add(days=shift)
    operation = synthetic_operation()
    if consulted:
        # Positions consulted on as_of: the operation-level change comes late, cases first.
        operation = {**operation, "positions_consulted_on": as_of.isoformat()}
    households = list(synthetic_households(count, seed=seed))
    reference, streamed = _both(
        operation,
        households,
        tmp_path / f"cases-{seed}-{shift}.jsonl",
        as_of,
        chunk_size=chunk_size,
    )
    assert streamed.next_review_computed
    assert report_to_dict(streamed)["next_review"] == report_to_dict(reference)["next_review"]


def test_a_case_level_change_comes_first_in_one_process_and_two(tmp_path: Path) -> None:
    as_of = BASE
    operation = {**synthetic_operation(), "positions_consulted_on": as_of.isoformat()}
    households = list(synthetic_households(40, seed=5))
    reference, _ = _both(operation, households, tmp_path / "a.jsonl", as_of)
    expected = report_to_dict(reference)["next_review"]
    assert expected is not None
    outputs = []
    for jobs in (1, 2):
        shell = repatguard.load(operation)
        result = check_manifest(
            shell, tmp_path / "a.jsonl", as_of=as_of, reference_key="k-1", jobs=jobs, chunk_size=7
        )
        outputs.append(json.dumps(report_to_dict(result.report), sort_keys=True))
        assert report_to_dict(result.report)["next_review"] == expected
    assert outputs[0] == outputs[1]


def test_no_review_is_claimed_past_the_kept_instants(tmp_path: Path, monkeypatch: Any) -> None:
    # With too few instants kept to reach the change, the review is not computed: never a
    # later date than the truth, never "no change due".
    operation = {**synthetic_operation(), "positions_consulted_on": BASE.isoformat()}
    households = list(synthetic_households(30, seed=7))
    reference, full = _both(operation, households, tmp_path / "b.jsonl", BASE)
    assert reference.next_review is not None
    assert full.next_review == reference.next_review
    monkeypatch.setattr(review, "KEPT_INSTANTS", 1)
    cut = check_manifest(
        repatguard.load(operation), tmp_path / "b.jsonl", as_of=BASE, reference_key="k-1"
    ).report
    assert cut.next_review is None
    assert not cut.next_review_computed


def test_kept_instants_keep_the_earliest_and_say_where_they_stop() -> None:
    kept = KeptInstants(limit=3)
    days = [pendulum.datetime(2026, 7, d, tz="UTC") for d in (9, 1, 5, 3, 7, 2, 8, 4, 6)]
    kept.add((day, day.day == 2) for day in days)
    kept.finished()
    assert sorted(kept.found) == [days[1], days[5], days[3]]
    assert kept.found[days[5]] is True
    assert kept.cut == days[7]
    kept.add([(pendulum.datetime(2026, 7, 30, tz="UTC"), False)])
    assert len(kept.found) == 3


def test_no_next_review_leaves_it_uncomputed(tmp_path: Path) -> None:
    households = list(synthetic_households(3, seed=1))
    cases = write_jsonl(tmp_path / "c.jsonl", households)
    report = check_manifest(
        repatguard.load(synthetic_operation()), cases, as_of=BASE, next_review=False
    ).report
    assert report.next_review is None
    assert not report.next_review_computed


def _search(moves: dict[str, int]) -> tuple[Any, bool]:
    """The search over two instants at which no finding changes and the people move by
    ``moves`` at the second (a child coming of age whose verdict is then its own)."""
    first, second = (pendulum.datetime(2026, 6, day, tz="UTC") for day in (3, 9))
    kept = KeptInstants()
    kept.add([(first, False), (second, False)])
    base = review.ReviewBase(
        as_of=pendulum.datetime(2026, 6, 1, tz="UTC"),
        operation_findings=(),
        verdict=Verdict.PROMOTE,
        people={"promote": 2},
        counts=ManifestCounts(),
        instants=kept.finished(),
        operation_instants=Candidates(instants=()),
        scheduled={},
        above=(),
        gates=frozenset(),
    )
    still = review.InstantState(ManifestCounts(), frozenset(), {})
    moved = review.InstantState(ManifestCounts(), frozenset(), moves)

    def probes(instants: tuple[pendulum.DateTime, ...]) -> Any:
        states = (still, moved)[: len(instants)]
        yield review.Probe(states, None, ())

    def no_pass(_: pendulum.DateTime) -> Verdict:
        raise AssertionError("the operation's findings are unchanged: no whole pass is needed")

    return review.search_next_review(
        base, probes, lambda *_: (), no_pass, lambda _: Verdict.PROMOTE
    )


def test_a_verdict_that_moves_with_no_finding_is_a_review() -> None:
    # The headline is never more permissive than the most permissive person.
    found, computed = _search({"promote": -2, "blocked": 2})
    assert computed
    assert found is not None
    assert found.due == "2026-06-09T00:00:00+00:00"
    assert found.verdict_after is Verdict.BLOCKED
    assert found.changes == ()


def test_people_that_move_without_moving_the_verdict_are_no_review() -> None:
    assert _search({"promote": -1, "blocked": 1}) == (None, True)
