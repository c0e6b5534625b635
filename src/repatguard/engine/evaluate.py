"""Runs every rule over every subject, isolating crashes and collecting everything."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from repatguard.facts.context import (
    AreaContext,
    HouseholdContext,
    OperationContext,
    PersonContext,
)
from repatguard.facts.facts import Facts, Kin
from repatguard.model import Person
from repatguard.outcomes import Outcome, Scope
from repatguard.report.finding import Evidence, Finding, RuleTally
from repatguard.rules.registry import NOT_APPLICABLE, Problem, Rule, RuleMeta

__all__ = ["Evaluation", "evaluate"]


@attrs.frozen(kw_only=True)
class Evaluation:
    findings: tuple[Finding, ...]
    tallies: tuple[RuleTally, ...]


@attrs.frozen(kw_only=True)
class _Subject:
    context: Any
    reference: str
    path: str
    area: str | None = None
    household: str | None = None


def _subjects(
    scope: Scope, facts: Facts, household_indexes: Sequence[int] | None
) -> Iterator[_Subject]:
    operation = facts.operation
    if scope is Scope.OPERATION:
        yield _Subject(
            context=OperationContext(facts=facts), reference=operation.reference, path="$"
        )
    elif scope is Scope.AREA:
        for index, area in enumerate(operation.return_areas):
            path = f"$.return_areas[{index}]"
            yield _Subject(
                context=AreaContext(facts=facts, area=area, path=path),
                reference=area.reference,
                path=path,
                area=area.reference,
            )
    elif scope is Scope.HOUSEHOLD:
        for index, household in enumerate(operation.households):
            number = household_indexes[index] if household_indexes is not None else index
            path = f"$.households[{number}]"
            yield _Subject(
                context=HouseholdContext(
                    facts=facts, household=household, path=path, kin=Kin.of(facts, household)
                ),
                reference=household.reference,
                path=path,
                area=household.intended_return_area,
                household=household.reference,
            )
    else:
        for h, household in enumerate(operation.households):
            number = household_indexes[h] if household_indexes is not None else h
            household_path = f"$.households[{number}]"
            kin = Kin.of(facts, household)
            for m, person in enumerate(household.members):
                if person.stays_behind is True:
                    continue  # not part of this movement; household rules still see them
                path = f"{household_path}.members[{m}]"
                yield _person(facts, kin, person, path, household_path)


def _person(facts: Facts, kin: Kin, person: Person, path: str, household_path: str) -> _Subject:
    try:
        context: object = PersonContext.of(
            facts, kin, person, path=path, household_path=household_path
        )
    except _CAUGHT as exc:
        # Odd data the fact table cannot derive: every person rule reports an error for this
        # person (never a pass), and the rest of the check goes on.
        context = _Underivable(exc)
    return _Subject(
        context=context,
        reference=person.reference,
        path=path,
        area=person.intended_return_area or kin.household.intended_return_area,
        household=kin.household.reference,
    )


@attrs.frozen
class _Underivable:
    """A person whose row of the fact table raised ``error`` while it was derived."""

    error: BaseException


def _references(meta: RuleMeta) -> tuple[str, ...]:
    return tuple(str(ref) for ref in meta.references)


def _path(subject: str, relative: str) -> str:
    """The JSON path of a problem: ``relative`` joined to its subject's path, unless it is
    already absolute."""
    if not relative:
        return subject
    if relative[0] == "$":
        return relative
    if relative[0] == "[":
        return subject + relative
    return f"{subject}.{relative}"


def _finding(
    rule: Rule[Any],
    subject: _Subject,
    check: Problem,
    references: tuple[str, ...],
) -> Finding:
    meta = rule.meta
    return Finding(
        code=meta.code,
        title=meta.title,
        severity=check.severity or meta.severity,
        default_severity=meta.severity,
        outcome=check.outcome,
        scope=meta.scope,
        subject=subject.reference,
        path=_path(subject.path, check.path),
        message=check.message,
        evidence=Evidence(observed=check.observed, expected=check.expected),
        references=references,
        remediation=meta.remediation,
        area=check.area or subject.area,
        household=subject.household,
        escalate=check.escalate,
    )


def _no_areas(rule: Rule[Any], facts: Facts) -> Finding:
    # An area rule with no return areas on record cannot pass: fail closed.
    meta = rule.meta
    return Finding(
        code=meta.code,
        title=meta.title,
        severity=meta.severity,
        default_severity=meta.severity,
        outcome=Outcome.INSUFFICIENT_INFORMATION,
        scope=Scope.OPERATION,
        subject=facts.operation.reference,
        path="$.return_areas",
        message="no return areas are recorded, so this safeguard cannot be checked",
        evidence=Evidence(observed="no return areas", expected="at least one return area"),
        references=_references(meta),
        remediation=meta.remediation,
    )


def _crash(rule: Rule[Any], subject: _Subject, exc: BaseException) -> Finding:
    meta = rule.meta
    return Finding(
        code=meta.code,
        title=meta.title,
        severity=meta.severity,
        default_severity=meta.severity,
        outcome=Outcome.ERROR,
        scope=meta.scope,
        subject=subject.reference,
        path=subject.path,
        message=f"the rule raised {type(exc).__name__}; its safeguard was not checked",
        evidence=Evidence(observed=type(exc).__name__, expected="the rule completes"),
        references=_references(meta),
        remediation="Report this to the rule's maintainers; treat the safeguard as unchecked.",
        area=subject.area,
        household=subject.household,
    )


_CAUGHT = (Exception, SystemExit, GeneratorExit)
"""What a rule may raise and still only produce an ``error`` finding. ``SystemExit`` is among
them: a rule that calls ``sys.exit(0)`` must not end a check with a success exit code.
``KeyboardInterrupt`` and other ``BaseException`` subclasses (such as task cancellation)
propagate: they ask the caller to stop, and no report, so no pass, comes out of the check."""


# Members bound once: on Python 3.11 each ``Outcome.X`` lookup runs a descriptor in Python.
_FAIL = Outcome.FAIL
_UNKNOWN = Outcome.INSUFFICIENT_INFORMATION


def _reject_problems(found: list[Any]) -> None:
    """Raise ``TypeError`` unless ``found`` is :data:`NOT_APPLICABLE` alone or problems that
    fail or are unknown: anything else (a pass, a 0.1 ``Check``, not applicable beside a
    problem) would be read one way or another, so the rule's result is an error instead."""
    if len(found) == 1 and found[0] is NOT_APPLICABLE:
        return
    for item in found:
        if type(item) is not Problem or (
            item.outcome is not _FAIL and item.outcome is not _UNKNOWN
        ):
            raise TypeError(
                "a rule must yield problems that fail or are unknown, or NOT_APPLICABLE alone; "
                f"got {item!r:.80}"
            )


@attrs.define
class _Tally:
    passed: int = 0
    failed: int = 0
    unknown: int = 0
    not_applicable: int = 0
    errors: int = 0

    def of(self, code: str) -> RuleTally:
        return RuleTally(
            code=code,
            passed=self.passed,
            failed=self.failed,
            insufficient_information=self.unknown,
            not_applicable=self.not_applicable,
            error=self.errors,
        )


def _run(
    rule: Rule[Any],
    subjects: list[_Subject],
    references: tuple[str, ...],
    tally: _Tally,
    findings: list[Finding],
) -> None:
    """Run a rule that yields problems on each subject: nothing found is a pass."""
    check_subject = rule.check
    for subject in subjects:
        context = subject.context
        try:
            if type(context) is _Underivable:
                raise context.error
            # Checked by _reject_problems before it is read as problems.
            found: list[Any] = list(check_subject(context))
            if found:
                _reject_problems(found)
        except _CAUGHT as exc:
            findings.append(_crash(rule, subject, exc))
            tally.errors += 1
            continue
        if not found:
            tally.passed += 1
            continue
        if found[0] is NOT_APPLICABLE:
            tally.not_applicable += 1
            continue
        for problem in found:
            if problem.outcome is _FAIL:
                tally.failed += 1
            else:
                tally.unknown += 1
            findings.append(_finding(rule, subject, problem, references))


def evaluate(
    registry: Iterable[Rule[Any]],
    facts: Facts,
    *,
    household_indexes: Sequence[int] | None = None,
) -> Evaluation:
    """Every rule of ``registry`` on every subject of its scope.

    ``household_indexes`` gives the place of each household of the operation in the whole
    document when the operation holds a slice of it (a chunk of a streamed manifest), so that
    paths point at ``$.households[<place>]``; by default a household's place is its index.
    """
    findings: list[Finding] = []
    tallies: list[RuleTally] = []
    # The subjects of a scope and their contexts (for persons, their row of the fact table)
    # are made once and shared by every rule of that scope.
    by_scope: dict[Scope, list[_Subject]] = {}
    for rule in registry:
        subjects = by_scope.get(rule.meta.scope)
        if subjects is None:
            subjects = by_scope[rule.meta.scope] = list(
                _subjects(rule.meta.scope, facts, household_indexes)
            )
        tally = _Tally()
        if rule.meta.scope is Scope.AREA and not facts.operation.return_areas:
            findings.append(_no_areas(rule, facts))
            tally.unknown += 1
        references = _references(rule.meta)  # once per rule, not once per finding
        _run(rule, subjects, references, tally, findings)
        tallies.append(tally.of(rule.code))
    findings.sort(key=Finding.sort_key)
    return Evaluation(findings=tuple(findings), tallies=tuple(tallies))
