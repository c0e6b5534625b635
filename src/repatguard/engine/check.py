"""``check``: an operation and an instant in, a report out."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol

import attrs
import pendulum

from repatguard._version import __version__
from repatguard.engine.evaluate import evaluate
from repatguard.engine.facts import build_facts, dependants
from repatguard.engine.review import candidate_instants, next_review_due, scheduled_reviews
from repatguard.engine.verdict import (
    OPEN_OUTCOMES,
    Decision,
    applies_to_area,
    decide,
    hold_case,
    operation_level,
)
from repatguard.errors import InputError
from repatguard.io.load import types_checked
from repatguard.model import Operation, Waiver
from repatguard.model.dates import SUPPORTED_RANGE, in_supported_range
from repatguard.model.validate import validate_operation
from repatguard.outcomes import Outcome, Scope, Severity, Verdict
from repatguard.policy.policy import Policy, PolicyError, overridden_severity, policy_problems
from repatguard.policy.waivers import apply_waivers
from repatguard.report.finding import Finding
from repatguard.report.pseudonyms import pseudonymise
from repatguard.report.report import (
    REASON_CAP,
    SCHEMA_VERSION,
    AreaVerdict,
    CaseVerdict,
    Reason,
    Report,
    Summary,
)
from repatguard.rules.parameters import Parameters, days
from repatguard.rules.registry import Registry, builtin_registry

__all__ = [
    "ESCALATING_RULES",
    "REQUIRED_RULES",
    "CheckRun",
    "HouseholdShape",
    "MemberShape",
    "bound_by_cases",
    "build_report",
    "case_verdicts",
    "check",
    "effective_policy",
    "escalates",
    "located_waivers",
    "not_run_findings",
    "provisional_counts",
    "require_valid",
    "to_instant",
    "with_severity_overrides",
]
# Besides check, these are the engine's internal API, shared with repatguard.stream so that a
# streamed check decides exactly as the in-memory one; they are not exported from repatguard.


def to_instant(as_of: Any) -> pendulum.DateTime:
    """A date means the start of that day at UTC; a datetime must carry a UTC offset; either
    must lie in the supported range (docs/model.md), as every date of the input does."""
    if isinstance(as_of, dt.date) and not in_supported_range(as_of):
        raise ValueError(f"as_of must lie from {SUPPORTED_RANGE} (the supported range)")
    if isinstance(as_of, dt.datetime):
        if as_of.tzinfo is None or as_of.utcoffset() is None:
            raise ValueError("as_of must carry a UTC offset; a naive datetime is ambiguous")
        return pendulum.instance(as_of)
    if isinstance(as_of, dt.date):
        return pendulum.datetime(as_of.year, as_of.month, as_of.day, tz="UTC")
    raise TypeError(f"as_of must be a date or an aware datetime, got {type(as_of).__name__}")


def check(
    operation: Operation,
    *,
    as_of: dt.date | dt.datetime,
    policy: Policy | None = None,
    parameters: Parameters | None = None,
    registry: Registry | None = None,
    waivers: Iterable[Waiver] = (),
    reveal_references: bool = False,
    reference_key: str | bytes | None = None,
    next_review: bool = True,
) -> Report:
    """Check every safeguard of ``operation`` as things stand at ``as_of``.

    ``as_of`` is required: no rule reads the clock. ``policy`` selects rules, overrides
    severities and sets parameters (``parameters`` alone is a shortcut for a default policy
    with those parameters). ``waivers`` adds waivers from a separate register to those attached
    to the operation. Subject references in the report are pseudonymous unless
    ``reveal_references`` is true (see :mod:`repatguard.report.pseudonyms`). With
    ``next_review`` the report says when the result will next change by itself.

    Raises :class:`InputError` when the operation breaks an invariant and
    :class:`~repatguard.policy.PolicyError` when the policy cannot be applied.
    """
    require_valid(operation)
    if operation.cases_manifest is not None:
        # Never check an operation while silently leaving its cases out.
        raise ValueError(
            "the operation refers to a case manifest (cases_manifest); check it with "
            "repatguard.stream.check_manifest or `repatguard check OP`"
        )
    instant = to_instant(as_of)
    catalogue = registry if registry is not None else builtin_registry()
    policy = effective_policy(policy, parameters, catalogue)
    run = CheckRun(
        operation=operation,
        policy=policy,
        rules=policy.apply(catalogue),
        catalogue=catalogue,
        waivers=located_waivers(operation, waivers),
    )
    findings, tallies, dependent = run.findings_at(instant)
    report = build_report(run, instant, findings, tallies, dependent)
    if next_review:
        candidates = candidate_instants(
            operation,
            tuple(waiver for _, waiver in run.waivers),
            policy.parameters,
            instant,
            warning_days=days(policy.waiver_expiry_warning),
        )

        def at(later: pendulum.DateTime) -> tuple[tuple[Finding, ...], Verdict]:
            later_findings, later_tallies, later_dependent = run.findings_at(later)
            later_report = build_report(run, later, later_findings, later_tallies, later_dependent)
            return later_findings, later_report.verdict

        due = next_review_due(
            at, candidates, findings, report.verdict, scheduled_reviews(operation, instant)
        )
        report = attrs.evolve(report, next_review=due)
    return pseudonymise(report, operation, reveal=reveal_references, key=reference_key)


def require_valid(operation: Operation) -> None:
    """Raise :class:`InputError` with every invariant ``operation`` breaks. Objects built in
    Python get their value types checked too (the loader's are exact already)."""
    issues = validate_operation(operation, check_types=not types_checked(operation))
    if issues:
        raise InputError(issues)


def located_waivers(
    operation: Operation, register: Iterable[Waiver]
) -> tuple[tuple[str, Waiver], ...]:
    """The waivers attached to the operation, then those of a register, each with where it
    comes from (the path a waiver finding points at)."""
    attached = [(f"$.waivers[{i}]", w) for i, w in enumerate(operation.waivers)]
    registered = [(f"register:$.waivers[{i}]", w) for i, w in enumerate(register)]
    return tuple(attached + registered)


def effective_policy(
    policy: Policy | None, parameters: Parameters | None, catalogue: Registry
) -> Policy:
    if policy is not None and parameters is not None:
        raise ValueError("give parameters through the policy, not both")
    effective = policy or Policy(parameters=parameters or Parameters())
    problems = policy_problems(effective, catalogue)
    if problems:
        raise PolicyError(problems)
    return effective


@attrs.frozen(kw_only=True)
class CheckRun:
    """Everything a check needs except the instant: re-run it at other instants."""

    operation: Operation
    policy: Policy
    rules: Registry
    catalogue: Registry
    waivers: tuple[tuple[str, Waiver], ...]

    def findings_at(
        self, instant: pendulum.DateTime
    ) -> tuple[tuple[Finding, ...], Any, frozenset[str]]:
        """The findings at ``instant``, the rule tallies and the dependent children."""
        facts = build_facts(self.operation, instant, self.policy.parameters)
        evaluation = evaluate(self.rules, facts)
        findings = with_severity_overrides(evaluation.findings, self.policy)
        findings = apply_waivers(
            findings,
            self.waivers,
            as_of=instant,
            policy=self.policy,
            registry=self.catalogue,
            operation=self.operation.reference,
        )
        # After overrides and waivers, on purpose: a safeguard left unchecked is not a finding
        # a policy may reweigh or a waiver may settle (one waiver on the operation would
        # otherwise stand in for every subject of the rule).
        findings.extend(not_run_findings(self.rules, self.operation.reference, self.catalogue))
        ordered = tuple(sorted(findings, key=Finding.sort_key))
        return ordered, evaluation.tallies, dependants(facts, self.operation.households)


def bound_by_cases(
    verdict: Verdict, person_verdicts: Mapping[str, int]
) -> tuple[Verdict, Verdict | None]:
    """The headline bounded by the case verdicts, and what it was before when the bound held it.

    domain.md A-2: when an operation lists people, its verdict is never more permissive than
    the most permissive person verdict (if nobody may move, the operation may not say
    promote). ``person_verdicts`` counts person verdicts by value, as ``Summary.cases`` does,
    so the in-memory and the streamed check bound the headline the same way.
    """
    present = [Verdict(value) for value, count in person_verdicts.items() if count]
    if not present:
        return verdict, None
    best = max(present, key=lambda v: v.rank)
    if best.rank < verdict.rank:
        return best, verdict
    return verdict, None


def escalates(finding: Finding) -> bool:
    """Whether ``finding`` sends the report to the escalation path (open and flagged)."""
    return finding.escalate and finding.outcome in OPEN_OUTCOMES


def with_severity_overrides(findings: Iterable[Finding], policy: Policy) -> list[Finding]:
    """``findings`` with the policy's severity overrides applied (see
    :func:`~repatguard.policy.policy.overridden_severity`: an override replaces a rule's
    default, never a weight the rule raised for a stated reason)."""
    overrides = policy.severity
    if not overrides:
        return list(findings)
    changed: list[Finding] = []
    for finding in findings:
        override = overrides.get(finding.code)
        severity = (
            finding.severity
            if override is None
            else overridden_severity(finding.severity, finding.default_severity, override)
        )
        changed.append(
            finding if severity is finding.severity else attrs.evolve(finding, severity=severity)
        )
    return changed


def build_report(
    run: CheckRun,
    instant: pendulum.DateTime,
    findings: tuple[Finding, ...],
    tallies: Any,
    dependent: frozenset[str] = frozenset(),
) -> Report:
    operation = run.operation
    rules = run.rules
    gate_codes = frozenset(rule.code for rule in rules if rule.meta.facilitation_gate)
    operation_findings = operation_level(findings)
    area_verdicts: list[AreaVerdict] = []
    area_decisions: dict[str, Decision] = {}
    for area in operation.return_areas:
        relevant = [f for f in operation_findings if applies_to_area(f, area.reference)]
        decision = decide(relevant, gate_codes)
        area_decisions[area.reference] = decision
        area_verdicts.append(
            AreaVerdict(
                area=area.reference,
                verdict=decision.verdict,
                escalate=decision.escalate,
                reasons=tuple(Reason.of(f) for f in decision.reasons),
            )
        )
    overall = _overall(operation_findings, area_decisions, gate_codes)
    cases = case_verdicts(operation.households, findings, operation_findings, gate_codes, dependent)
    summary = _summary(findings, tallies, cases, len(rules))
    verdict, held_from = bound_by_cases(overall.verdict, summary.cases)
    provisional = overall.provisional
    if provisional is not None:
        # Once resolved, the operation may still go no further than its people.
        provisional, _ = bound_by_cases(provisional, provisional_counts(cases))
    return Report(
        schema_version=SCHEMA_VERSION,
        library_version=__version__,
        catalogue_version=run.catalogue.version,
        operation=operation.reference,
        as_of=instant.isoformat(),
        verdict=verdict,
        cases_bound=held_from,
        escalate=overall.escalate or any(escalates(f) for f in findings),
        provisional_verdict=provisional,
        reasons=tuple(Reason.of(f) for f in overall.reasons),
        why_not_promote=tuple(Reason.of(f) for f in overall.not_promotable),
        area_verdicts=tuple(area_verdicts),
        case_verdicts=tuple(cases),
        findings=findings,
        summary=summary,
        rule_tallies=tallies,
        parameters=run.policy.parameters,
        policy=run.policy,
        policy_digest=run.policy.digest,
    )


REQUIRED_RULES = (
    "LEAD-001",
    "VOL-001",
    "VOL-003",
    "VOL-005",
    "VOL-006",
    "VOL-009",
    "VOL-015",
    "COND-001",
    "COND-002",
    "COND-003",
    "COND-007",
    "COND-008",
    "PREM-001",
    "PREM-002",
    "PREM-006",
)
"""Rules whose safeguards no verdict better than ``insufficient_information`` can do without.

A registry that leaves one out (a narrowed selection, a custom catalogue) cannot clear
anything: each missing rule becomes an insufficient-information finding at blocker weight."""


ESCALATING_RULES = frozenset({"LEAD-001", "LEAD-007", "PREM-011"})


@functools.cache
def _BUILTIN_NON_WAIVABLE() -> frozenset[str]:  # noqa: N802 - reads as the constant it is
    """The built-in rules no policy may silence (a custom registry may leave them out, but
    then their safeguards are unknown)."""
    return frozenset(rule.code for rule in builtin_registry() if not rule.meta.waivable)


"""Built-in rules that can send a finding to the joint escalation path. A check that leaves
one of them out cannot know that nothing needed escalating (a test keeps this list in step
with the rule sources)."""


def not_run_findings(
    rules: Registry, operation: str, catalogue: Registry | None = None
) -> list[Finding]:
    """Insufficient-information findings for the safeguards a check left out.

    A required rule (:data:`REQUIRED_RULES`) that did not run, and any rule of ``catalogue``
    of major weight or more or read by the facilitation gate that the policy left out
    (``select`` or ``ignore``), weighs as the worst it could have found: a blocker, escalating
    where the rule can escalate. Leaving a rule out never buys a kinder verdict; only minor
    and info rules outside the gates can be left out quietly.
    """
    required = {*REQUIRED_RULES, *ESCALATING_RULES}
    if catalogue is not None:
        # Built-in safeguards that no policy may silence stay required whatever registry a
        # check runs with.
        required |= {rule.code for rule in catalogue if not rule.meta.waivable}
    required |= _BUILTIN_NON_WAIVABLE()
    missing = {code for code in required if code not in rules}
    if catalogue is not None:
        missing |= {
            rule.code
            for rule in catalogue
            if rule.code not in rules
            and (rule.meta.severity.at_least(Severity.MAJOR) or rule.meta.facilitation_gate)
        }
    return [
        Finding(
            code=code,
            title="Required safeguard not checked",
            severity=Severity.BLOCKER,
            default_severity=Severity.BLOCKER,
            outcome=Outcome.INSUFFICIENT_INFORMATION,
            scope=Scope.OPERATION,
            subject=operation,
            path="$",
            message=f"rule {code} was not part of this check, so its safeguard is unknown",
            remediation=f"Run the check with a catalogue that includes {code}.",
            escalate=code in ESCALATING_RULES,
        )
        for code in sorted(missing)
    ]


def _overall(
    operation_findings: list[Finding], areas: dict[str, Decision], gate_codes: frozenset[str]
) -> Decision:
    # The headline verdict never overstates: it is the least permissive area verdict, so it
    # holds for every area; area verdicts show where more is possible.
    if not areas:
        return decide(operation_findings, gate_codes)
    worst = min(areas.values(), key=lambda d: d.verdict.rank)
    reasons = _unique(f for d in areas.values() if d.verdict is worst.verdict for f in d.reasons)
    not_promotable = _unique(f for d in areas.values() for f in d.not_promotable)
    escalate = any(d.escalate for d in areas.values())
    # Once the escalation is resolved, an area that is blocked (or held) for another reason
    # stays so: the provisional headline is the worst of what every area would then give.
    provisional = (
        Verdict.worst(
            [d.provisional if d.provisional is not None else d.verdict for d in areas.values()]
        )
        if escalate
        else None
    )
    return Decision(
        verdict=worst.verdict,
        reasons=reasons,
        not_promotable=not_promotable,
        escalate=escalate,
        provisional=provisional,
    )


def _unique(findings: Any) -> tuple[Finding, ...]:
    seen: dict[tuple[str, str, str], Finding] = {}
    for finding in findings:
        seen.setdefault((finding.code, finding.subject, finding.path), finding)
    return tuple(sorted(seen.values(), key=Finding.sort_key))


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
) -> list[CaseVerdict]:
    """The verdict of every returning person and every household.

    ``findings`` are in report order (:meth:`Finding.sort_key`), as :func:`check` and the
    streamed check give them. ``dependants`` are the references of dependent children (people
    who do not decide individually, see :func:`~repatguard.engine.facts.dependants`): each is
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
    # Operation-level findings per area, and the decision of a case with no findings of its
    # own per area: most cases have none, and the decision is the same for all of them.
    for_area: dict[str | None, list[Finding]] = {}
    bare: dict[str | None, Decision] = {}

    def area_findings(area: str | None) -> list[Finding]:
        found = for_area.get(area)
        if found is None:
            found = for_area[area] = [f for f in operation_findings if applies_to_area(f, area)]
        return found

    cases: list[CaseVerdict] = []
    for household in households:
        shared = _HouseholdFindings.of(by_household.get(household.reference, []))
        own_bare = bare if not shared.kept else {}
        members: list[tuple[str, str | None, Decision]] = []
        for person in household.members:
            if person.stays_behind is True:
                continue
            area = person.intended_return_area or household.intended_return_area
            personal = by_person.get(person.reference)
            decision = own_bare.get(area) if not personal else None
            if decision is None:
                own = shared.kept + personal if personal else shared.kept
                decision = hold_case(decide(area_findings(area) + own, gate_codes), own)
                if not personal:
                    own_bare[area] = decision
            members.append((person.reference, area, decision))
        person_cases = _person_cases(household.reference, members, shared, dependants)
        cases.extend(person_cases)
        area = household.intended_return_area
        decision = hold_case(decide(area_findings(area) + shared.kept, gate_codes), shared.kept)
        verdict = Verdict.worst([decision.verdict, *(c.verdict for c in person_cases)])
        if not household.members:
            # Nobody listed: nobody's decision to return is on record (fail closed).
            verdict = Verdict.worst([verdict, Verdict.INSUFFICIENT_INFORMATION])
        cases.append(
            _case_verdict(
                Scope.HOUSEHOLD,
                household.reference,
                household.reference,
                area=area,
                verdict=verdict,
                reasons=decision.reasons,
                codes=shared.listed_codes(decision.reasons),
            )
        )
    return cases


def _person_cases(
    household: str,
    members: list[tuple[str, str | None, Decision]],
    shared: _HouseholdFindings,
    dependants: frozenset[str],
) -> list[CaseVerdict]:
    """The verdicts of the returning members of one household, given their decisions."""
    # A dependent child goes where the people deciding for the household may go, never
    # further: their own findings are few, and the decision to return is not theirs.
    deciding = [d for reference, _, d in members if reference not in dependants]
    # With nobody deciding listed, a child's return rests on nobody's decision.
    bound = Verdict.worst([d.verdict for d in deciding] or [Verdict.INSUFFICIENT_INFORMATION])
    provisional_bound = Verdict.worst(
        [_provisional(d) for d in deciding] or [Verdict.INSUFFICIENT_INFORMATION]
    )
    holding: _BoundReasons | None = None
    cases: list[CaseVerdict] = []
    for reference, area, decision in members:
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
        cases.append(
            _case_verdict(
                Scope.PERSON,
                reference,
                household,
                area=area,
                verdict=verdict,
                reasons=reasons,
                codes=codes if codes is not None else shared.listed_codes(reasons),
                provisional=provisional if decision.escalate else None,
            )
        )
    return cases


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
    cut: dict[int, _FindingClass]
    """By ``id``: the class of each kept finding of a class that was cut."""
    sizes: dict[_FindingClass, tuple[int, int]]
    """For each class that was cut: its findings in all, and those kept."""

    @classmethod
    def of(cls, findings: list[Finding]) -> _HouseholdFindings:
        sizes = Counter(_class_of(f) for f in findings)
        if all(size <= REASON_CAP for size in sizes.values()):
            return cls(findings, {}, {})
        kept: list[Finding] = []
        cut: dict[int, _FindingClass] = {}
        seen: Counter[_FindingClass] = Counter()
        for finding in findings:
            key = _class_of(finding)
            seen[key] += 1
            if seen[key] > REASON_CAP:
                continue
            kept.append(finding)
            if sizes[key] > REASON_CAP:
                cut[id(finding)] = key
        large = {key: (size, REASON_CAP) for key, size in sizes.items() if size > REASON_CAP}
        return cls(kept, cut, large)

    def listed_codes(self, reasons: Sequence[Finding]) -> Counter[str]:
        """The reasons of a decision by code, as if the household's findings were whole."""
        codes: Counter[str] = Counter()
        listed: Counter[_FindingClass] = Counter()
        for finding in reasons:
            key = self.cut.get(id(finding))
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
        key = self.cut.get(id(finding))
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


def _summary(
    findings: tuple[Finding, ...], tallies: Any, cases: list[CaseVerdict], rules_run: int
) -> Summary:
    severities = Counter(f.severity.value for f in findings)
    outcomes = Counter(f.outcome.value for f in findings)
    people = Counter(c.verdict.value for c in cases if c.scope is Scope.PERSON)
    return Summary(
        findings=len(findings),
        by_severity={s.value: severities.get(s.value, 0) for s in reversed(Severity)},
        by_outcome={
            o.value: outcomes.get(o.value, 0)
            for o in (Outcome.FAIL, Outcome.INSUFFICIENT_INFORMATION, Outcome.ERROR, Outcome.WAIVED)
        },
        rules_run=rules_run,
        checks_passed=sum(t.passed for t in tallies),
        checks_not_applicable=sum(t.not_applicable for t in tallies),
        cases={v.value: people.get(v.value, 0) for v in Verdict},
    )
