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
from repatguard.facts.facts import Facts
from repatguard.outcomes import Outcome, Scope
from repatguard.report.finding import Evidence, Finding, RuleTally
from repatguard.rules.registry import Check, Rule, RuleMeta

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
                context=HouseholdContext(facts=facts, household=household, path=path),
                reference=household.reference,
                path=path,
                area=household.intended_return_area,
                household=household.reference,
            )
    else:
        for h, household in enumerate(operation.households):
            number = household_indexes[h] if household_indexes is not None else h
            household_path = f"$.households[{number}]"
            for m, person in enumerate(household.members):
                if person.stays_behind is True:
                    continue  # not part of this movement; household rules still see them
                path = f"{household_path}.members[{m}]"
                yield _Subject(
                    context=PersonContext(
                        facts=facts,
                        household=household,
                        person=person,
                        path=path,
                        household_path=household_path,
                    ),
                    reference=person.reference,
                    path=path,
                    area=facts.area_of(household, person),
                    household=household.reference,
                )


def _references(meta: RuleMeta) -> tuple[str, ...]:
    return tuple(str(ref) for ref in meta.references)


def _finding(
    rule: Rule[Any], subject: _Subject, check: Check, references: tuple[str, ...]
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
        path=check.path,
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
_PASS = Outcome.PASS
_FAIL = Outcome.FAIL
_UNKNOWN = Outcome.INSUFFICIENT_INFORMATION
_NOT_APPLICABLE = Outcome.NOT_APPLICABLE
_ERROR = Outcome.ERROR


def _reject(found: object) -> None:
    """Raise ``TypeError`` unless ``found`` is a :class:`Check` with an :class:`Outcome`."""
    outcome: object = getattr(found, "outcome", None)
    if not isinstance(found, Check) or not isinstance(outcome, Outcome):
        raise TypeError(f"a rule must yield Check results, got {type(found).__name__}")


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
    # Subjects and their contexts are frozen, so every rule of a scope shares one set: the
    # contexts cache what several rules derive (a person's age, departure, consent events).
    by_scope: dict[Scope, list[_Subject]] = {}
    for rule in registry:
        subjects = by_scope.get(rule.meta.scope)
        if subjects is None:
            subjects = by_scope[rule.meta.scope] = list(
                _subjects(rule.meta.scope, facts, household_indexes)
            )
        # Plain counters and identity tests: this loop runs for every rule and person of a
        # manifest of millions, and hashing enum members is slow.
        passed = failed = unknown = not_applicable = errors = 0
        if rule.meta.scope is Scope.AREA and not facts.operation.return_areas:
            findings.append(_no_areas(rule, facts))
            unknown += 1
        check_subject = rule.check
        references = _references(rule.meta)  # once per rule, not once per finding
        for subject in subjects:
            try:
                checks = list(check_subject(subject.context))
                for item in checks:
                    found: object = item  # the annotation promises Checks; a rule may not
                    if type(found) is not Check or type(item.outcome) is not Outcome:
                        _reject(found)
            except _CAUGHT as exc:
                findings.append(_crash(rule, subject, exc))
                errors += 1
                continue
            if not checks:
                not_applicable += 1
            for check in checks:
                outcome = check.outcome
                if outcome is _PASS:
                    passed += 1
                    continue
                if outcome is _NOT_APPLICABLE:
                    not_applicable += 1
                    continue
                if outcome is _FAIL:
                    failed += 1
                elif outcome is _UNKNOWN:
                    unknown += 1
                elif outcome is _ERROR:
                    errors += 1
                findings.append(_finding(rule, subject, check, references))
        tallies.append(
            RuleTally(
                code=rule.code,
                passed=passed,
                failed=failed,
                insufficient_information=unknown,
                not_applicable=not_applicable,
                error=errors,
            )
        )
    findings.sort(key=Finding.sort_key)
    return Evaluation(findings=tuple(findings), tallies=tuple(tallies))
