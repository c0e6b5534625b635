"""The family-links pre-pass of a streamed check, merged in manifest order.

:class:`LinkIndex` takes in the pre-pass's results chunk by chunk and gives each chunk the
summaries of the households its family links name (:data:`Linked`); :func:`linked_at` reads
them for one chunk.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import attrs

from repatguard.facts.links import LinkedHousehold
from repatguard.stream.cases import ChunkLinks

__all__ = ["LinkIndex", "Linked", "Wanted", "linked_at"]

Linked = Sequence[Mapping[str, LinkedHousehold]]
"""For each chunk of a check, in manifest order, the households its family links name (see
:class:`LinkIndex`)."""

Wanted = Mapping[int, Mapping[int, str]]
"""The records the pre-pass left unloaded that a family link names: by the chunk's place in
manifest order, each record's place in its chunk and its reference (see
:meth:`LinkIndex.wanted`)."""


_NO_LINKS: Mapping[str, LinkedHousehold] = {}


@attrs.define
class LinkIndex:
    """The pre-pass of a streamed check, merged in manifest order: the summary of every
    household a family link names that loaded (by reference; one held twice is left out, so
    that a link to it is never read against the wrong household), and which households each
    chunk's links name.

    The first step (:func:`~repatguard.stream.cases.chunk_links`) sums up the households
    that hold a link and those their own chunk's links name, and leaves the others unloaded
    with their references; once every chunk is in, :meth:`wanted` lists the unloaded ones a
    link names, and the second step sums those up (:meth:`add_households`). Every household
    a link names is thus summed up, each copy of it once. While the pre-pass runs it holds a
    reference per household and a small summary (a few counters) per one summed up; the
    check then keeps, per chunk, only the summaries its links name."""

    summaries: dict[str, LinkedHousehold | None] = attrs.field(factory=dict)
    named: list[frozenset[str]] = attrs.field(factory=list)
    shared: dict[tuple[int, int, bool], LinkedHousehold] = attrs.field(factory=dict)
    """One summary object per pair of counts for households without links back: most
    households share a handful, so a household costs its reference and a slot."""

    later: set[str] = attrs.field(factory=set)
    """Households whose summary may read otherwise after as_of
    (:attr:`~repatguard.facts.links.LinkedHousehold.changes_later`)."""

    skipped: list[tuple[str | None, ...]] = attrs.field(factory=list)
    """Per chunk, the records the first step left unloaded (:attr:`ChunkLinks.skipped`)."""

    def add(self, found: ChunkLinks) -> None:
        """Take in the first step's result of the next chunk."""
        self.add_households(found.households)
        self.named.append(found.named)
        self.skipped.append(found.skipped)

    def add_households(self, households: Iterable[tuple[str, LinkedHousehold | None]]) -> None:
        """Take in summed-up households (of either step, in any order)."""
        for reference, summary in households:
            if summary is None:
                # A copy that does not load: which copy a link means cannot be told.
                self.summaries[reference] = None
                continue
            kept = summary
            if not summary.parents_of:
                key = (summary.returning, summary.may_return, summary.changes_later)
                kept = self.shared.setdefault(key, summary)
            self.summaries[reference] = None if reference in self.summaries else kept
            if summary.changes_later:
                self.later.add(reference)

    def wanted(self) -> dict[int, dict[int, str]]:
        """The records the first step left unloaded that some chunk's links name, by chunk
        (see :data:`Wanted`); the rest are forgotten."""
        named = frozenset().union(*self.named)
        found: dict[int, dict[int, str]] = {}
        for chunk, skipped in enumerate(self.skipped):
            chosen = {
                place: reference
                for place, reference in enumerate(skipped)
                if reference is not None and reference in named
            }
            if chosen:
                found[chunk] = chosen
        self.skipped.clear()
        return found

    def names_one_that_changes_later(self) -> bool:
        """Whether a family link names a household whose summary may change after as_of: the
        next review's search passes read every summary at as_of, exact only where none does (a
        household not on record stays so at every instant)."""
        return any(reference in self.later for named in self.named for reference in named)

    def per_chunk(self) -> list[Mapping[str, LinkedHousehold]]:
        """For each chunk, the summaries of the households its links name and that are on
        record (loaded, once)."""
        chunks: list[Mapping[str, LinkedHousehold]] = []
        for named in self.named:
            found = {
                reference: summary
                for reference in named
                if (summary := self.summaries.get(reference)) is not None
            }
            chunks.append(found or _NO_LINKS)
        self.summaries.clear()
        self.shared.clear()
        return chunks


def linked_at(linked: Linked, index: int) -> Mapping[str, LinkedHousehold]:
    """The households chunk ``index`` names (none past the end: a chunk the pre-pass did not
    see, fail closed)."""
    return linked[index] if index < len(linked) else _NO_LINKS
