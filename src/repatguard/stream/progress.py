"""Progress of a streaming check: a callback for library use, a bar on a terminal.

The bar is written to standard error, and only when standard error is a terminal; it never
mixes with the report or the JSON Lines on standard output.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

import attrs

__all__ = ["Progress", "ProgressBar", "ProgressCallback", "progress_bar"]


@attrs.frozen(kw_only=True)
class Progress:
    """How far a streaming check has come."""

    phase: str
    """``cases`` while the manifest streams, ``verdicts`` while case verdicts are written,
    ``review`` while the next review is looked for (its share is not known), ``done`` at the
    end."""
    cases: int
    """Cases (households) read so far, loaded or not; in the later phases, all of them."""
    persons: int
    failed: int
    """Cases that could not be loaded so far."""
    bytes_read: int
    bytes_total: int | None
    """Size of the manifest, when known."""
    verdicts: int = 0
    """Households whose verdicts are decided so far (the ``verdicts`` phase)."""
    verdicts_total: int = 0
    """Households to decide in the ``verdicts`` phase: those that loaded."""

    def share(self) -> float | None:
        """How much of the current phase is done, from 0 to 1, when that is known."""
        if self.phase == "verdicts":
            return min(self.verdicts / self.verdicts_total, 1.0) if self.verdicts_total else None
        if self.bytes_total:
            return min(self.bytes_read / self.bytes_total, 1.0)
        return None


ProgressCallback = Callable[[Progress], None]


class ProgressBar:
    """A one-line progress bar redrawn in place, at most every ``interval`` seconds."""

    def __init__(self, stream: TextIO, *, interval: float = 0.2, width: int = 30) -> None:
        self.stream = stream
        self.interval = interval
        self.width = width
        self.started = time.monotonic()
        self.phase = ""
        self.phase_started = self.started
        self.last = 0.0

    def __call__(self, progress: Progress) -> None:
        now = time.monotonic()
        changed = progress.phase != self.phase
        if changed:
            # Each phase has its own pace: the estimate of what is left starts again (the
            # first phase began when the bar was made, with the run).
            self.phase_started = now if self.phase else self.started
            self.phase = progress.phase
        final = progress.phase == "done"
        # A new phase is always drawn: the next review sends one update only.
        if not final and not changed and now - self.last < self.interval:
            return
        self.last = now
        share = progress.share()
        if share is not None:
            filled = int(share * self.width)
            head = f"[{'#' * filled}{'-' * (self.width - filled)}] {share:4.0%} {progress.phase}:"
        else:
            head = f"{progress.phase}:"
        failed = f", {progress.failed} failed" if progress.failed else ""
        if progress.phase == "review":
            text = f"\r{head} reading the {progress.cases:,} households again for the next review"
            self.stream.write(text + "\x1b[K")
            self.stream.flush()
            return
        if progress.phase == "verdicts":
            counts = f"{progress.verdicts:,} of {progress.verdicts_total:,} households decided"
            rate = progress.verdicts / max(now - self.phase_started, 1e-9)
        else:
            counts = f"{progress.cases:,} households, {progress.persons:,} persons{failed}"
            rate = progress.cases / max(now - self.started, 1e-9)
        # Clear to the end of the line: a shorter line must not keep the tail of a longer one.
        text = f"\r{head} {counts} ({rate:,.0f}/s{self._eta(share, now)})\x1b[K"
        self.stream.write(text + ("\n" if final else ""))
        self.stream.flush()

    def _eta(self, share: float | None, now: float) -> str:
        """The time left in this phase, at its pace so far, once there is a pace to go by."""
        if share is None or not 0.02 <= share < 1.0:
            return ""
        left = (now - self.phase_started) * (1.0 - share) / share
        minutes, seconds = divmod(round(left), 60)
        return f", {minutes}:{seconds:02d} left"


def progress_bar(stream: TextIO | None = None) -> ProgressCallback | None:
    """A progress bar on ``stream`` (standard error) if it is a terminal, else ``None``."""
    chosen = stream if stream is not None else sys.stderr
    isatty = getattr(chosen, "isatty", None)
    try:
        attached = bool(isatty is not None and isatty())
    except ValueError:  # a closed stream
        attached = False
    return ProgressBar(chosen) if attached else None
