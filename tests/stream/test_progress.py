"""Progress: a callback for library use, a bar only on a terminal."""

from __future__ import annotations

import io
from typing import Any

import pytest

from repatguard.stream import Progress, progress_bar
from repatguard.stream.progress import ProgressBar


def test_the_callback_follows_the_run(
    synthetic: Any, stream: Any, jsonl: Any, operation_with: Any
) -> None:
    operation, households = synthetic(30, 31)
    seen: list[Progress] = []
    stream(operation_with(operation, []), jsonl(households), chunk_size=8, progress=seen.append)
    phases = [p.phase for p in seen]
    assert phases == ["cases"] * 4 + ["verdicts"] * 4 + ["review", "done"]
    reading = [p.cases for p in seen if p.phase == "cases"]
    assert reading == [8, 16, 24, 30]
    assert seen[-1].cases == 30
    assert seen[-1].persons == sum(len(h["members"]) for h in households)
    assert seen[-1].bytes_read == seen[-1].bytes_total
    # Issue 15.6: the counters no longer restart in the verdict phase; it counts on its own.
    deciding = [p for p in seen if p.phase == "verdicts"]
    assert {p.cases for p in deciding} == {30}
    assert [p.verdicts for p in deciding] == [8, 16, 24, 30]
    assert {p.verdicts_total for p in deciding} == {30}
    assert [p.share() for p in deciding][-1] == 1.0


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_is_drawn_only_on_a_terminal() -> None:
    assert progress_bar(io.StringIO()) is None
    terminal = _Terminal()
    bar = progress_bar(terminal)
    assert isinstance(bar, ProgressBar)
    bar(Progress(phase="cases", cases=5, persons=9, failed=1, bytes_read=50, bytes_total=100))
    bar(Progress(phase="done", cases=10, persons=20, failed=1, bytes_read=100, bytes_total=100))
    text = terminal.getvalue()
    assert text.startswith("\r[")
    assert "50%" in text
    assert "1 failed" in text
    assert text.endswith("\n")


def test_the_bar_estimates_the_time_left_in_each_phase(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([0.0, 10.0, 20.0, 30.0])
    monkeypatch.setattr("repatguard.stream.progress.time.monotonic", lambda: next(clock))
    terminal = _Terminal()
    bar = ProgressBar(terminal, interval=0.0)
    common: dict[str, Any] = {"persons": 9, "failed": 0, "bytes_total": 100}
    bar(Progress(phase="cases", cases=5, bytes_read=25, **common))  # a quarter in 10 s
    assert "[#######-----------------------]  25% cases:" in terminal.getvalue()
    assert "0:30 left" in terminal.getvalue()
    bar(
        Progress(
            phase="verdicts", cases=20, bytes_read=100, verdicts=5, verdicts_total=20, **common
        )
    )
    assert "verdicts: 5 of 20 households decided" in terminal.getvalue()


def test_the_review_phase_is_drawn_at_once() -> None:
    # It sends one update: a bar that waited for its interval would show verdicts throughout.
    terminal = _Terminal()
    bar = ProgressBar(terminal, interval=3600)
    common: dict[str, Any] = {"cases": 10, "persons": 20, "failed": 0}
    bar(Progress(phase="verdicts", bytes_read=100, bytes_total=100, verdicts=10, **common))
    bar(Progress(phase="review", bytes_read=0, bytes_total=None, **common))
    assert "review: reading the 10 households again for the next review" in terminal.getvalue()
