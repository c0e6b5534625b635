"""The next review of a streamed check: when its result changes by itself.

The in-memory check (:mod:`repatguard.engine.review`) re-runs the whole check at each
candidate instant after as_of and reports the first at which a finding or the verdict
changes. A streamed check holds no households, so:

1. While the manifest streams, each chunk adds the candidate instants its households' facts
   draw (:func:`~repatguard.engine.review.household_instants`); the merge keeps the earliest
   :data:`KEPT_INSTANTS` of them, and the operation's own candidates join them at the end.
2. Search passes read the manifest again. Each chunk is checked at the next instants in
   order (:func:`probe_cases`) until one of its case findings changes; it returns, for every
   instant up to then, the counters the operation-level rules read, the waivers its findings
   matched and how its person verdicts move. The merge then runs the operation-level rules at
   each instant with those counters, in order, and stops at the first instant at which a case
   finding, an operation finding, the verdict or a scheduled review says so.
3. The verdict after the change: when the operation's findings are then unchanged, from the
   person verdicts the chunks counted (with the operation's findings, which are the same);
   otherwise from a whole streamed check at that instant.

The result is the in-memory check's ``next_review``. When the candidates had to be cut to the
bound and no change came before the cut, nothing is claimed: the review is not computed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import NamedTuple

import attrs
import pendulum

from repatguard.engine.cases import case_verdicts
from repatguard.engine.evaluate import evaluate
from repatguard.engine.headline import bound_by_cases
from repatguard.engine.review import Candidates, NextReview, ReviewChange, shown_due
from repatguard.engine.settle import Settlement
from repatguard.engine.waivers import WaiverOutcome
from repatguard.facts.facts import Facts, ManifestCounts, count_people, dependants
from repatguard.model import Household
from repatguard.outcomes import Scope, Verdict
from repatguard.report.finding import Finding
from repatguard.rules.registry import Registry

__all__ = [
    "KEPT_INSTANTS",
    "InstantState",
    "KeptInstants",
    "Probe",
    "ReviewBase",
    "changes_between",
    "probe_households",
    "search_next_review",
]

KEPT_INSTANTS = 20_000
"""The most candidate instants a streamed check keeps (the earliest ones). Dates within the
two-year horizon give at most about 1,500 (midnight in as_of's zone and in UTC); only the
instants of consent events, which carry a time, can add more."""

FIRST_BATCH = 2
"""Instants checked by the first search pass; each later pass checks four times as many (up
to :data:`LAST_BATCH`): an early change costs one pass, a late one few passes. A chunk is
checked at each instant of a pass until its findings change, so a small first pass is cheap
when the change comes early."""

LAST_BATCH = 256


def _signature(findings: Iterable[Finding]) -> dict[str, str]:
    return {f.fingerprint: f"{f.outcome}/{f.severity}" for f in findings}


def changes_between(before: Iterable[Finding], after: Iterable[Finding]) -> list[ReviewChange]:
    """The findings whose outcome or severity differ between two instants, as the in-memory
    review lists them (references as the findings hold them)."""
    by_print = {f.fingerprint: f for f in before}
    later = {f.fingerprint: f for f in after}
    now, then = _signature(by_print.values()), _signature(later.values())
    changes = []
    for key in set(now) | set(then):
        if now.get(key) == then.get(key):
            continue
        finding = by_print.get(key) or later[key]
        changes.append(
            ReviewChange(
                code=finding.code,
                subject=finding.subject,
                path=finding.path,
                before=now.get(key, "absent"),
                after=then.get(key, "absent"),
            )
        )
    return changes


class InstantState(NamedTuple):
    """What one chunk adds at one candidate instant (while none of its findings changed)."""

    counts: ManifestCounts
    matched: frozenset[int]
    people: dict[str, int]
    """Person verdicts at the instant less those at as_of, by value; empty when none moved."""


class Probe(NamedTuple):
    """A chunk checked at a run of candidate instants."""

    states: tuple[InstantState, ...]
    """One per instant, up to and including the first at which a finding changed."""
    changed: int | None
    """Index of the first instant at which a case finding of the chunk changed."""
    changes: tuple[ReviewChange, ...]
    """The case findings that changed then."""


def _checked(
    operation_facts: Callable[[pendulum.DateTime], Facts],
    rules: Registry,
    settlement: Settlement,
    indexes: list[int],
    instant: pendulum.DateTime,
) -> tuple[Facts, WaiverOutcome]:
    facts = operation_facts(instant)
    evaluation = evaluate(rules, facts, household_indexes=indexes)
    return facts, settlement.settle(evaluation.findings, instant)


def _people(
    households: list[Household],
    findings: tuple[Finding, ...],
    above: tuple[Finding, ...],
    gates: frozenset[str],
    dependent: frozenset[str],
) -> Counter[str]:
    verdicts = case_verdicts(households, findings, list(above), gates, dependent)
    # The headline is bounded by these alone (the provisional one is not part of the review).
    return Counter(c.verdict.value for c in verdicts if c.scope is Scope.PERSON)


def probe_households(
    households: list[Household],
    indexes: list[int],
    *,
    operation_facts: Callable[[pendulum.DateTime], Facts],
    rules: Registry,
    settlement: Settlement,
    as_of: pendulum.DateTime,
    instants: tuple[pendulum.DateTime, ...],
    above: tuple[Finding, ...],
    gates: frozenset[str],
) -> Probe:
    """Check ``households`` (case-scope ``rules``) at as_of and then at each of ``instants``
    in order, until a finding changes. Person verdicts are compared with the operation's
    findings at as_of (``above``): the merge looks at them only while those are unchanged."""
    facts, settled = _checked(operation_facts, rules, settlement, indexes, as_of)
    now = tuple(sorted(settled.findings, key=Finding.sort_key))
    now_signature = _signature(now)
    now_dependent = dependants(facts, households)
    now_people: Counter[str] | None = None
    states: list[InstantState] = []
    for position, instant in enumerate(instants):
        facts, settled = _checked(operation_facts, rules, settlement, indexes, instant)
        then = tuple(sorted(settled.findings, key=Finding.sort_key))
        counts = count_people(facts, households)
        dependent = dependants(facts, households)
        moved: dict[str, int] = {}
        changed = _signature(then) != now_signature
        if changed or dependent != now_dependent:
            # A child comes of age: no finding need change, but a verdict may. When a finding
            # changes, the verdicts then give the verdict after without another pass.
            if now_people is None:
                now_people = _people(households, now, above, gates, now_dependent)
            later = _people(households, then, above, gates, dependent)
            moved = {
                key: later[key] - now_people[key]
                for key in set(later) | set(now_people)
                if later[key] != now_people[key]
            }
        states.append(InstantState(counts, frozenset(settled.matched), moved))
        if changed:
            return Probe(tuple(states), position, tuple(changes_between(now, then)))
    return Probe(tuple(states), None, ())


@attrs.define
class KeptInstants:
    """The earliest candidate instants seen, at most :data:`KEPT_INSTANTS`, each with whether
    it derives from personal data; ``cut`` is the earliest instant left out (``None``: none)."""

    limit: int = attrs.field(factory=lambda: KEPT_INSTANTS)
    found: dict[pendulum.DateTime, bool] = attrs.field(factory=dict)
    cut: pendulum.DateTime | None = None

    def add(self, instants: Iterable[tuple[pendulum.DateTime, bool]]) -> None:
        for instant, personal in instants:
            if self.cut is not None and instant >= self.cut:
                continue
            self.found[instant] = self.found.get(instant, False) or personal
        if len(self.found) > 2 * self.limit:
            self._prune()

    def _prune(self) -> None:
        ordered = sorted(self.found)
        if len(ordered) <= self.limit:
            return
        self.cut = ordered[self.limit]
        self.found = {i: self.found[i] for i in ordered[: self.limit]}

    def finished(self) -> KeptInstants:
        self._prune()
        return self


@attrs.frozen(kw_only=True)
class ReviewBase:
    """The streamed check at as_of, as the search for its next review needs it."""

    as_of: pendulum.DateTime
    operation_findings: tuple[Finding, ...]
    """The operation- and area-level findings of the report (references not renamed)."""
    verdict: Verdict
    people: Mapping[str, int]
    counts: ManifestCounts
    instants: KeptInstants
    """The households' candidates (operation candidates and scheduled reviews apart)."""
    operation_instants: Candidates
    scheduled: dict[pendulum.DateTime, list[str]]
    above: tuple[Finding, ...]
    gates: frozenset[str]


ProbeRunner = Callable[[tuple[pendulum.DateTime, ...]], Iterator[Probe]]
OperationFindings = Callable[
    [pendulum.DateTime, ManifestCounts, frozenset[int]], tuple[Finding, ...]
]


def _instants(base: ReviewBase) -> tuple[list[pendulum.DateTime], frozenset[pendulum.DateTime]]:
    kept = base.instants
    found = set(kept.found) | set(base.operation_instants.instants) | set(base.scheduled)
    if kept.cut is not None:
        found = {i for i in found if i < kept.cut}
    personal = {i for i, p in kept.found.items() if p} | set(base.operation_instants.personal)
    return sorted(found), frozenset(personal)


# Long on purpose: the search passes and their stopping rule in one place, so that the
# proof that no later date is ever given reads in one piece (docs/streaming.md).
def search_next_review(
    base: ReviewBase,
    probes: ProbeRunner,
    operation_findings: OperationFindings,
    verdict_at: Callable[[pendulum.DateTime], Verdict],
    overall_of: Callable[[tuple[Finding, ...]], Verdict],
) -> tuple[NextReview | None, bool]:
    """The next review and whether it was computed (see the module's docstring).

    ``probes`` runs :func:`probe_households` over every chunk of the manifest, in order;
    ``operation_findings`` gives the operation-level findings at an instant from the counters
    and the waivers matched there; ``verdict_at`` runs the whole streamed check at an instant;
    ``overall_of`` is the operation's verdict from its findings, before the people bound it.
    """
    instants, personal = _instants(base)
    start, size = 0, FIRST_BATCH
    while start < len(instants):
        batch = tuple(instants[start : start + size])
        counts = [ManifestCounts() for _ in batch]
        matched: list[set[int]] = [set() for _ in batch]
        moved: list[Counter[str]] = [Counter() for _ in batch]
        first: int | None = None
        case_changes: list[ReviewChange] = []
        for probe in probes(batch):
            for position, state in enumerate(probe.states):
                counts[position] = counts[position].merge(state.counts)
                matched[position] |= state.matched
                moved[position].update(state.people)
            if probe.changed is not None:
                if first is None or probe.changed < first:
                    first, case_changes = probe.changed, list(probe.changes)
                elif probe.changed == first:
                    case_changes.extend(probe.changes)
        last = len(batch) - 1 if first is None else first
        for position in range(last + 1):
            instant = batch[position]
            later = operation_findings(instant, counts[position], frozenset(matched[position]))
            changes = changes_between(base.operation_findings, later)
            above_unchanged = not changes
            if position == first:
                changes.extend(case_changes)
            # With the operation's findings unchanged, the people decide the verdict.
            people = Counter(base.people)
            people.update(moved[position])
            bounded = bound_by_cases(overall_of(later), people)[0] if above_unchanged else None
            if not changes and instant not in base.scheduled and bounded is base.verdict:
                continue
            changes.sort(key=lambda c: (c.code, c.subject, c.path))
            due, notes = shown_due(
                instant, Candidates(instants=(), personal=personal, as_of=base.as_of)
            )
            review = NextReview(
                due=due,
                verdict_after=verdict_at(instant) if bounded is None else bounded,
                changes=tuple(changes),
                scheduled=(*base.scheduled.get(instant, ()), *notes),
            )
            return review, True
        start += size
        size = min(size * 4, LAST_BATCH)
    # No change before the cut: past it, nothing is known.
    return None, base.instants.cut is None
