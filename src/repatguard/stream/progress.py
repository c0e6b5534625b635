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
    ``done`` at the end."""
    cases: int
    """Cases (households) read so far, loaded or not."""
    persons: int
    failed: int
    """Cases that could not be loaded so far."""
    bytes_read: int
    bytes_total: int | None
    """Size of the manifest, when known."""


ProgressCallback = Callable[[Progress], None]


class ProgressBar:
    """A one-line progress bar redrawn in place, at most every ``interval`` seconds."""

    def __init__(self, stream: TextIO, *, interval: float = 0.2, width: int = 30) -> None:
        self.stream = stream
        self.interval = interval
        self.width = width
        self.started = time.monotonic()
        self.last = 0.0

    def __call__(self, progress: Progress) -> None:
        now = time.monotonic()
        final = progress.phase == "done"
        if not final and now - self.last < self.interval:
            return
        self.last = now
        elapsed = max(now - self.started, 1e-9)
        rate = progress.cases / elapsed
        if progress.bytes_total:
            share = min(progress.bytes_read / progress.bytes_total, 1.0)
            filled = int(share * self.width)
            bar = "#" * filled + "-" * (self.width - filled)
            head = f"[{bar}] {share:4.0%}"
        else:
            head = progress.phase
        failed = f", {progress.failed} failed" if progress.failed else ""
        text = (
            f"\r{head} {progress.cases:,} households, {progress.persons:,} persons"
            f"{failed} ({rate:,.0f}/s, {progress.phase})"
        )
        self.stream.write(text + ("\n" if final else ""))
        self.stream.flush()


def progress_bar(stream: TextIO | None = None) -> ProgressCallback | None:
    """A progress bar on ``stream`` (standard error) if it is a terminal, else ``None``."""
    chosen = stream if stream is not None else sys.stderr
    isatty = getattr(chosen, "isatty", None)
    try:
        attached = bool(isatty is not None and isatty())
    except ValueError:  # a closed stream
        attached = False
    return ProgressBar(chosen) if attached else None
