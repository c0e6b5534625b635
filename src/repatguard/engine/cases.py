"""Case verdicts: every returning person and every household, from the findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Protocol

import attrs

from repatguard.engine.trace import scope_trace
from repatguard.engine.verdict import Decision, StepTaken, applies_to_area, decide, hold_case
from repatguard.outcomes import Outcome, Scope, Severity, Verdict
from repatguard.report.finding import Finding
from repatguard.report.report import REASON_CAP, CaseVerdict, Reason
from repatguard.report.trace import ScopeTrace, Step, TraceCase

__all__ = [
    "HouseholdShape",
    "MemberShape",
    "case_verdicts",
    "person_counts",
    "provisional_counts",
]


class MemberShape(Protocol):
    """What a case verdict needs of a person: a :class:`~repatguard.model.Person` has it."""

    @property
    def reference(self) -> str: ...
    @property
    def intended_return_area(self) -> str | None: ...
    @property
    def stays_behind(self) -> bool | None: ...


class HouseholdShape(Protocol):
    """What a case verdict needs of a household: a :class:`~repatguard.model.Household` has
    it (the streamed check spills only this much)."""

    @property
    def reference(self) -> str: ...
    @property
    def intended_return_area(self) -> str | None: ...
    @property
    def members(self) -> Sequence[MemberShape]: ...


def case_verdicts(
    households: Iterable[HouseholdShape],
    findings: tuple[Finding, ...],
    operation_findings: list[Finding],
    gate_codes: frozenset[str],
    dependants: frozenset[str] = frozenset(),
    *,
    trace: list[ScopeTrace] | None = None,
) -> list[CaseVerdict]:
    """The verdict of every returning person and every household.

    With a ``trace`` list, the steps of every case verdict are recorded and its trace is
    added to the list, in the order of the verdicts.

    ``findings`` are in report order (:meth:`Finding.sort_key`), as :func:`check` and the
    streamed check give them. ``dependants`` are the references of dependent children (people
    who do not decide individually, see :func:`~repatguard.facts.facts.dependants`): each is
    bounded by the verdicts of the members who decide for the household.

    Each verdict lists its first :data:`~repatguard.report.report.REASON_CAP` reasons and
    counts them all. The work is linear in the number of persons whatever the size of a
    household: a household's own findings are cut to what a decision can tell apart
    (:class:`_HouseholdFindings`), and what holds a dependent child is gathered once per
    household.
    """
    by_household: dict[str, list[Finding]] = {}
    by_person: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.scope is Scope.HOUSEHOLD:
            by_household.setdefault(finding.subject, []).append(finding)
        elif finding.scope is Scope.PERSON:
            by_person.setdefault(finding.subject, []).append(finding)
    decider = _Decider(operation_findings, gate_codes, by_person, record=trace is not None)
    cases: list[CaseVerdict] = []
    for household in households:
        shared = _HouseholdFindings.of(by_household.get(household.reference, []))
        members = decider.members(household, shared)
        person_cases = _person_cases(household.reference, members, shared, dependants, trace)
        cases.extend(person_cases)
        case, decision = decider.household(household, shared, person_cases)
        cases.append(case)
        if trace is not None:
            trace.append(_case_trace(case, decision))
    return cases


class _Decider:
    """Decides cases against the operation-level findings, keeping per area the findings that
    apply there and the decision of a case with no findings of its own (most cases have none,
    and the decision is the same for all of them)."""

    def __init__(
        self,
        operation_findings: list[Finding],
        gate_codes: frozenset[str],
        by_person: dict[str, list[Finding]],
        *,
        record: bool,
    ) -> None:
        self.operation_findings = operation_findings
        self.gate_codes = gate_codes
        self.by_person = by_person
        self.record = record
        self.for_area: dict[str | None, list[Finding]] = {}
        self.bare: dict[str | None, Decision] = {}

    def area_findings(self, area: str | None) -> list[Finding]:
        found = self.for_area.get(area)
        if found is None:
            found = [f for f in self.operation_findings if applies_to_area(f, area)]
            self.for_area[area] = found
        return found

    def decide(self, area: str | None, own: list[Finding]) -> Decision:
        record = self.record
        decided = decide(self.area_findings(area) + own, self.gate_codes, record=record)
        return hold_case(decided, own, record=record)

    def members(
        self, household: HouseholdShape, shared: _HouseholdFindings
    ) -> list[tuple[str, str | None, Decision]]:
        """The decision of each returning member: reference, area and decision."""
        # A household finding that can tell cases apart makes the shared bare decision wrong.
        own_bare = self.bare if not shared.kept else {}
        members: list[tuple[str, str | None, Decision]] = []
        for person in household.members:
            if person.stays_behind is True:
                continue
            area = person.intended_return_area or household.intended_return_area
            personal = self.by_person.get(person.reference)
            decision = own_bare.get(area) if not personal else None
            if decision is None:
                decision = self.decide(area, shared.kept + personal if personal else shared.kept)
                if not personal:
                    own_bare[area] = decision
            members.append((person.reference, area, decision))
        return members

    def household(
        self,
        household: HouseholdShape,
        shared: _HouseholdFindings,
        person_cases: list[CaseVerdict],
    ) -> tuple[CaseVerdict, Decision]:
        """The household's verdict: its own findings, and no better than its least
        permissive returning member."""
        area = household.intended_return_area
        decision = self.decide(area, shared.kept)
        verdict = Verdict.worst([decision.verdict, *(c.verdict for c in person_cases)])
        if self.record:
            decision = _members_steps(decision, person_cases, nobody=not household.members)
        if not household.members:
            # Nobody listed: nobody's decision to return is on record (fail closed).
            verdict = Verdict.worst([verdict, Verdict.INSUFFICIENT_INFORMATION])
        case = _case_verdict(
            Scope.HOUSEHOLD,
            household.reference,
            household.reference,
            area=area,
            verdict=verdict,
            reasons=decision.reasons,
            codes=shared.listed_codes(decision.reasons),
        )
        return case, decision


def _members_steps(decision: Decision, members: list[CaseVerdict], *, nobody: bool) -> Decision:
    """``decision`` of a household with the steps its members add: no better than its least
    permissive returning member, and nobody's decision on record when nobody is listed."""
    step = StepTaken(
        step=Step.MEMBERS,
        verdict=Verdict.worst([c.verdict for c in members]) if members else None,
        cases=tuple(
            TraceCase(scope=c.scope, subject=c.subject, verdict=c.verdict) for c in members
        ),
    )
    decision = decision.then(step)
    if nobody:
        none_listed = StepTaken(step=Step.NO_MEMBERS, verdict=Verdict.INSUFFICIENT_INFORMATION)
        decision = decision.then(none_listed)
    return decision


def _case_trace(case: CaseVerdict, decision: Decision) -> ScopeTrace:
    return scope_trace(
        case.scope,
        case.subject,
        case.verdict,
        decision.steps,
        escalate=decision.escalate,
        provisional=case.provisional,
        household=case.household,
    )


def _person_cases(
    household: str,
    members: list[tuple[str, str | None, Decision]],
    shared: _HouseholdFindings,
    dependants: frozenset[str],
    trace: list[ScopeTrace] | None = None,
) -> list[CaseVerdict]:
    """The verdicts of the returning members of one household, given their decisions (their
    traces added to ``trace`` when it is given)."""
    # A dependent child goes where the people deciding for the household may go, never
    # further: their own findings are few, and the decision to return is not theirs.
    deciding = [d for reference, _, d in members if reference not in dependants]
    # With nobody deciding listed, a child's return rests on nobody's decision.
    bound = Verdict.worst([d.verdict for d in deciding] or [Verdict.INSUFFICIENT_INFORMATION])
    provisional_bound = Verdict.worst(
        [_provisional(d) for d in deciding] or [Verdict.INSUFFICIENT_INFORMATION]
    )
    holding: _BoundReasons | None = None
    deciding_step: StepTaken | None = None
    cases: list[CaseVerdict] = []
    for reference, area, taken in members:
        decision = taken
        verdict = decision.verdict
        reasons: Sequence[Finding] = decision.reasons
        codes: Counter[str] | None = None
        provisional = decision.provisional
        if reference in dependants:
            if bound.rank < verdict.rank:
                verdict = bound
                # Why: the findings that hold the members deciding for the household,
                # gathered once for all its children.
                if holding is None:
                    holding = _BoundReasons.of([d for d in deciding if d.verdict is bound], shared)
                reasons, codes = holding.with_own(reasons, shared)
            if provisional is not None:
                provisional = Verdict.worst([provisional, provisional_bound])
            if trace is not None:
                if deciding_step is None:  # the same for every child of the household
                    deciding_step = _deciding_step(bound, members, dependants)
                decision = decision.then(deciding_step)
        case = _case_verdict(
            Scope.PERSON,
            reference,
            household,
            area=area,
            verdict=verdict,
            reasons=reasons,
            codes=codes if codes is not None else shared.listed_codes(reasons),
            provisional=provisional if decision.escalate else None,
        )
        cases.append(case)
        if trace is not None:
            trace.append(_case_trace(case, decision))
    return cases


def _deciding_step(
    bound: Verdict, members: list[tuple[str, str | None, Decision]], dependants: frozenset[str]
) -> StepTaken:
    """The step that bounds a dependent child by the members deciding for the household."""
    deciding = tuple(
        TraceCase(scope=Scope.PERSON, subject=reference, verdict=d.verdict)
        for reference, _, d in members
        if reference not in dependants
    )
    return StepTaken(step=Step.DECIDING_MEMBERS, verdict=bound, cases=deciding)


def _case_verdict(
    scope: Scope,
    subject: str,
    household: str,
    *,
    area: str | None,
    verdict: Verdict,
    reasons: Sequence[Finding],
    codes: Counter[str],
    provisional: Verdict | None = None,
) -> CaseVerdict:
    """A case verdict listing the first reasons and counting them all (``codes``)."""
    return CaseVerdict(
        scope=scope,
        subject=subject,
        household=household,
        area=area,
        verdict=verdict,
        reasons=tuple(Reason.of(f) for f in reasons[:REASON_CAP]),
        provisional=provisional,
        reasons_total=sum(codes.values()),
        reasons_by_code=dict(sorted(codes.items())),
    )


_FindingClass = tuple[str, Outcome, Severity, bool]
"""What :func:`decide` and :func:`hold_case` read of a finding: its code (which tells the
gate rules apart), outcome, severity and escalation flag."""


def _class_of(finding: Finding) -> _FindingClass:
    return (finding.code, finding.outcome, finding.severity, finding.escalate)


def _identity(finding: Finding) -> tuple[str, str, str]:
    return (finding.code, finding.subject, finding.path)


@attrs.frozen
class _HouseholdFindings:
    """The findings about one household, cut to what a decision can tell apart.

    Every member's decision reads the household's findings, and there can be one per member
    (CHILD-004 reports each child of a split household): read whole, they would make the
    verdicts cost the square of the household's size. :func:`decide` and :func:`hold_case`
    treat findings of one class (:data:`_FindingClass`) alike and list reasons as whole
    classes in input order, so keeping the first :data:`REASON_CAP` findings of each class
    gives the same verdicts and the same first :data:`REASON_CAP` reasons; a kept finding of
    a cut class stands for its whole class when reasons are counted.
    """

    kept: list[Finding]
    sizes: dict[_FindingClass, tuple[int, int]]
    """For each class that was cut: its findings in all, and those kept."""
    kept_of: dict[_FindingClass, list[Finding]] = attrs.field(factory=dict)
    """For each class that was cut, the findings kept of it."""

    def _cut_class(self, finding: Finding) -> _FindingClass | None:
        """The class of ``finding`` if it is one of the kept findings of a class that was cut
        (by identity: an operation-level finding of the same class is not one of them)."""
        if not self.sizes:
            return None
        key = _class_of(finding)
        kept = self.kept_of.get(key)
        if kept is None or not any(item is finding for item in kept):
            return None
        return key

    @classmethod
    def of(cls, findings: list[Finding]) -> _HouseholdFindings:
        sizes = Counter(_class_of(f) for f in findings)
        if all(size <= REASON_CAP for size in sizes.values()):
            return cls(findings, {})
        kept: list[Finding] = []
        kept_of: dict[_FindingClass, list[Finding]] = {}
        seen: Counter[_FindingClass] = Counter()
        for finding in findings:
            key = _class_of(finding)
            seen[key] += 1
            if seen[key] <= REASON_CAP:
                kept.append(finding)
                if sizes[key] > REASON_CAP:
                    kept_of.setdefault(key, []).append(finding)
        large = {key: (size, REASON_CAP) for key, size in sizes.items() if size > REASON_CAP}
        return cls(kept, large, kept_of)

    def listed_codes(self, reasons: Sequence[Finding]) -> Counter[str]:
        """The reasons of a decision by code, as if the household's findings were whole."""
        if not self.sizes:  # no class was cut: each reason counts once
            return Counter([finding.code for finding in reasons])
        codes: Counter[str] = Counter()
        listed: Counter[_FindingClass] = Counter()
        for finding in reasons:
            key = self._cut_class(finding)
            if key is None:
                codes[finding.code] += 1
            else:
                listed[key] += 1
        for key, times in listed.items():
            # A class is listed whole: once, or twice when two lists of decide both hold it.
            size, kept = self.sizes[key]
            codes[key[0]] += times * size // kept
        return codes

    def whole_class_extra(self, finding: Finding, counted: set[_FindingClass]) -> int:
        """The findings that ``finding`` stands for beyond itself, the first time its class is
        met (``counted`` gathers the classes met)."""
        key = self._cut_class(finding)
        if key is None or key in counted:
            return 0
        counted.add(key)
        size, kept = self.sizes[key]
        return size - kept


@attrs.frozen
class _BoundReasons:
    """The reasons of the members deciding for a household at its bound, each listed once:
    what holds its dependent children there (see :func:`_person_cases`)."""

    found: dict[tuple[str, str, str], Finding]
    """By code, subject and path, the first met."""
    first: list[Finding]
    """The first :data:`REASON_CAP` of them in report order."""
    codes: Counter[str]
    classes: set[_FindingClass]
    anyone: bool
    """Whether anyone decides for the household at all."""

    @classmethod
    def of(cls, deciding: list[Decision], shared: _HouseholdFindings) -> _BoundReasons:
        found: dict[tuple[str, str, str], Finding] = {}
        for decision in deciding:
            for finding in decision.reasons:
                found.setdefault(_identity(finding), finding)
        codes: Counter[str] = Counter()
        classes: set[_FindingClass] = set()
        for finding in found.values():
            codes[finding.code] += 1 + shared.whole_class_extra(finding, classes)
        first = sorted(found.values(), key=Finding.sort_key)[:REASON_CAP]
        return cls(found, first, codes, classes, bool(deciding))

    def with_own(
        self, own: Sequence[Finding], shared: _HouseholdFindings
    ) -> tuple[list[Finding], Counter[str]]:
        """A child's own reasons joined with these, each once, in report order (the first
        :data:`REASON_CAP`), and all of them by code."""
        if not self.anyone:
            return [], Counter()
        merged: dict[tuple[str, str, str], Finding] = {}
        for finding in own:
            merged.setdefault(_identity(finding), finding)
        codes = Counter(self.codes)
        classes = set(self.classes)
        for key, finding in merged.items():
            if key not in self.found:
                codes[finding.code] += 1 + shared.whole_class_extra(finding, classes)
        for finding in self.first:
            merged.setdefault(_identity(finding), finding)
        return sorted(merged.values(), key=Finding.sort_key)[:REASON_CAP], codes


def _provisional(decision: Decision) -> Verdict:
    """The verdict of ``decision`` once its escalation, if any, is resolved."""
    return decision.provisional if decision.provisional is not None else decision.verdict


def provisional_counts(cases: Iterable[CaseVerdict]) -> Counter[str]:
    """Person verdicts once every escalation is resolved, by value (see :func:`bound_by_cases`)."""
    return Counter(
        (c.provisional if c.provisional is not None else c.verdict).value
        for c in cases
        if c.scope is Scope.PERSON
    )


def person_counts(cases: Iterable[CaseVerdict]) -> Counter[str]:
    """Person verdicts by value (see :func:`~repatguard.engine.headline.bound_by_cases`)."""
    return Counter(c.verdict.value for c in cases if c.scope is Scope.PERSON)
