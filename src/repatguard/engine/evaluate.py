"""Runs every rule over every subject, isolating crashes and collecting everything."""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator, Sequence
from types import GeneratorType
from typing import Any

import attrs

from repatguard.facts.context import (
    AreaContext,
    HouseholdContext,
    OperationContext,
    person_row,
)
from repatguard.facts.facts import Facts, Kin
from repatguard.model import Household
from repatguard.outcomes import Outcome, Scope, Severity
from repatguard.report.finding import Evidence, Finding, RuleTally, Wording
from repatguard.rules.message import N_, Message, msg
from repatguard.rules.registry import NOT_APPLICABLE, Problem, Rule, RuleMeta

__all__ = ["Evaluation", "evaluate", "household_kins"]


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


# Long in lines, not in logic: one branch per scope, each a loop that makes its subjects.
def _subjects(
    scope: Scope,
    facts: Facts,
    household_indexes: Sequence[int] | None,
    kins: Sequence[Kin | BaseException] | None = None,
) -> Iterator[_Subject]:
    """The subjects of ``scope``; ``kins`` holds the ``Kin`` of each household (made here
    when not given), so that household and person rules share them."""
    operation = facts.operation
    if kins is None:
        kins = household_kins(facts) if scope in (Scope.HOUSEHOLD, Scope.PERSON) else ()
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
            kin = kins[index]
            yield _Subject(
                context=_Underivable(kin)
                if isinstance(kin, BaseException)
                else HouseholdContext(facts=facts, household=household, path=path, kin=kin),
                reference=household.reference,
                path=path,
                area=household.intended_return_area,
                household=household.reference,
            )
    else:
        for h, household in enumerate(operation.households):
            number = household_indexes[h] if household_indexes is not None else h
            household_path = f"$.households[{number}]"
            kin = kins[h]
            for m, person in enumerate(household.members):
                if person.stays_behind is True:
                    continue  # not part of this movement; household rules still see them
                path = f"{household_path}.members[{m}]"
                yield _Subject(
                    context=person_row(
                        facts,
                        kin,
                        household,
                        person,
                        path=path,
                        household_path=household_path,
                        position=m,
                    ),
                    reference=person.reference,
                    path=path,
                    area=person.intended_return_area or household.intended_return_area,
                    household=household.reference,
                )


def household_kins(facts: Facts) -> list[Kin | BaseException]:
    """The ``Kin`` of each household of ``facts.operation``, in order, or the error making it
    raised: give them to :func:`evaluate` and to the counts of the same check
    (:func:`repatguard.facts.facts.count_people`, ``dependants``), which then read the age
    facts the rules read."""
    return [_kin(facts, household) for household in facts.operation.households]


def _kin(facts: Facts, household: Household) -> Kin | BaseException:
    """The household's ``Kin``, or the error making it raised (odd data built in Python): the
    rules that need it then report an error for this household only."""
    try:
        return Kin.of(facts, household)
    except _CAUGHT as exc:
        return exc


@attrs.frozen
class _Underivable:
    """A household whose context could not be made: every household rule reports an error."""

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
    message, observed, expected = check.message, check.observed, check.expected
    # The finding holds the English text (what fingerprints, baselines and the corpus read)
    # and, when the rule wrote messages, the wording a renderer translates.
    wording = Wording.of(message, observed, expected)
    return Finding(
        code=meta.code,
        title=meta.title,
        severity=check.severity or meta.severity,
        default_severity=meta.severity,
        outcome=check.outcome,
        scope=meta.scope,
        subject=subject.reference,
        path=_path(subject.path, check.path),
        message=str(message),
        evidence=Evidence(
            observed=None if observed is None else str(observed),
            expected=None if expected is None else str(expected),
        ),
        references=references,
        remediation=meta.remediation,
        area=check.area or subject.area,
        household=subject.household,
        escalate=check.escalate,
        wording=wording,
    )


_ASSESSMENT_PATH = re.compile(r"^\$\.assessments\[(\d+)\](?:[.\[]|$)")


def _region_noted(finding: Finding, facts: Facts) -> Finding:
    """``finding`` saying so when it read a region-level assessment: the evidence is the
    region's, never presented as an assessment of the area alone."""
    match = _ASSESSMENT_PATH.match(finding.path)
    if match is None:
        return finding
    assessments = facts.operation.assessments
    index = int(match.group(1))
    if index >= len(assessments) or not assessments[index].region_level:
        return finding
    observed = finding.evidence.observed or ""
    if "region-level" in observed:
        return finding  # COND-001 already says it
    assessment = assessments[index]
    note = msg(
        "read from region-level assessment {assessment} (areas {areas}), not an assessment of "
        "this area alone",
        assessment=assessment.reference,
        areas=", ".join(assessment.areas),
    )
    wording = finding.wording or Wording(
        message=finding.message,
        observed=() if finding.evidence.observed is None else (finding.evidence.observed,),
        expected=finding.evidence.expected,
    )
    return attrs.evolve(
        finding,
        evidence=Evidence(
            observed=f"{observed}; {note}" if observed else str(note),
            expected=finding.evidence.expected,
        ),
        wording=attrs.evolve(wording, observed=(*wording.observed, note)),
    )


def _no_areas(rule: Rule[Any], facts: Facts) -> Finding:
    # An area rule with no return areas on record cannot pass: fail closed.
    meta = rule.meta
    message = msg("no return areas are recorded, so this safeguard cannot be checked")
    observed, expected = msg("no return areas"), msg("at least one return area")
    return Finding(
        code=meta.code,
        title=meta.title,
        severity=meta.severity,
        default_severity=meta.severity,
        outcome=Outcome.INSUFFICIENT_INFORMATION,
        scope=Scope.OPERATION,
        subject=facts.operation.reference,
        path="$.return_areas",
        message=str(message),
        evidence=Evidence(observed=str(observed), expected=str(expected)),
        references=_references(meta),
        remediation=meta.remediation,
        wording=Wording.of(message, observed, expected),
    )


def _crash(rule: Rule[Any], subject: _Subject, exc: BaseException) -> Finding:
    meta = rule.meta
    # The name of the exception's class is a code, the same in every language.
    error = type(exc).__name__
    message = msg("the rule raised {error}; its safeguard was not checked", error=error)
    observed, expected = msg("{error}", error=error), msg("the rule completes")
    return Finding(
        code=meta.code,
        title=meta.title,
        severity=meta.severity,
        default_severity=meta.severity,
        outcome=Outcome.ERROR,
        scope=meta.scope,
        subject=subject.reference,
        path=subject.path,
        message=str(message),
        evidence=Evidence(observed=str(observed), expected=str(expected)),
        references=_references(meta),
        remediation=N_("Report this to the rule's maintainers; treat the safeguard as unchecked."),
        area=subject.area,
        household=subject.household,
        wording=Wording.of(message, observed, expected),
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
    fail or are unknown, each with fields of the right types: anything else (a pass, a 0.1
    ``Check``, not applicable beside a problem, a path that is not text) would be read one way
    or another, so the rule's result is an error instead."""
    if len(found) == 1 and found[0] is NOT_APPLICABLE:
        return
    for item in found:
        if type(item) is not Problem or (
            item.outcome is not _FAIL and item.outcome is not _UNKNOWN
        ):
            raise TypeError(
                "a rule must yield problems that fail or are unknown, or NOT_APPLICABLE alone; "
                f"got {type(item).__name__}"
            )
        _reject_fields(item)


_PATH_START = re.compile(r"\A(?:\Z|\$|\[|[A-Za-z_])")
"""A problem's path is empty (the subject), absolute (``$``), an index (``[``) or a field."""


def _reject_fields(problem: Problem) -> None:
    if type(problem.path) is not str or not _PATH_START.match(problem.path):
        raise TypeError("a problem's path must be text: empty, absolute ($...), [index] or a field")
    if type(problem.message) is not str and not _is_message(problem.message):
        raise TypeError("a problem's message must be text or a Message")
    for name in ("observed", "expected"):
        value = getattr(problem, name)
        if value is not None and type(value) is not str and not _is_message(value):
            raise TypeError(f"a problem's {name} must be text, a Message or None")
    if problem.area is not None and type(problem.area) is not str:
        raise TypeError("a problem's area must be text or None")
    if problem.severity is not None and type(problem.severity) is not Severity:
        raise TypeError("a problem's severity must be a Severity or None")
    if type(problem.escalate) is not bool:
        raise TypeError("a problem's escalate must be true or false")


def _is_message(value: object, depth: int = 0) -> bool:
    """Whether ``value`` is a :class:`Message` that renders: its values are text, counts or
    messages that render themselves (a few levels deep at most), and fill every placeholder
    (else the rule's result is an error, not a finding that would fail to render later)."""
    if type(value) is not Message or type(value.template) is not str or depth > _DEPTH:
        return False
    if not all(
        type(name) is str and (type(v) is str or type(v) is int or _is_message(v, depth + 1))
        for name, v in value.values
    ):
        return False
    placeholders = _placeholders(value.template)
    # With plain named placeholders only, formatting fails only for a placeholder that has
    # no value.
    return placeholders is not None and placeholders <= {name for name, _ in value.values}


def _placeholders(template: str) -> frozenset[str] | None:
    """The placeholders of ``template``; ``None`` when it does not parse or has one that is
    not a plain name. Judged once per template: most messages are the same few templates,
    written for every subject."""
    if template in _TEMPLATES:
        return _TEMPLATES[template]
    try:
        fields = list(string.Formatter().parse(template))
    except Exception:  # unbalanced braces, or anything else that does not parse
        found = None
    else:
        # Only plain named placeholders: an attribute, an index, a conversion or a format
        # spec would put into the report what the value's type prints (a method's memory
        # address, a repr), not the value, and could differ between runs.
        plain = all(
            name is None or (name.isidentifier() and not conversion and not spec)
            for _text, name, spec, conversion in fields
        )
        found = frozenset(name for _, name, _, _ in fields if name) if plain else None
    if len(_TEMPLATES) < _TEMPLATES_LIMIT:
        _TEMPLATES[template] = found
    return found


_TEMPLATES: dict[str, frozenset[str] | None] = {}
"""The placeholders of each template met (see :func:`_placeholders`)."""

_TEMPLATES_LIMIT = 4096
"""How many templates :data:`_TEMPLATES` keeps (a rule pack may make them at run time)."""

_DEPTH = 64
"""How deep messages may nest in one another (a list of positions nests one per item)."""


_RESULTS = (list, tuple, Iterator)
"""What a check function may return: problems in a list or tuple, or a generator."""


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
            result = check_subject(context)
            # A generator first: most rules are one, and isinstance against Iterator (an ABC)
            # is slow next to a type test.
            if type(result) is not GeneratorType and not isinstance(result, _RESULTS):
                # Text, a mapping or None is no list of problems, however it iterates.
                raise TypeError(f"a rule must yield problems, got {type(result).__name__}")
            # Checked by _reject_problems before it is read as problems.
            found: list[Any] = list(result)
            if len(found) > 1 or (found and found[0] is not NOT_APPLICABLE):
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
    kins: Sequence[Kin | BaseException] | None = None,
) -> Evaluation:
    """Every rule of ``registry`` on every subject of its scope.

    ``household_indexes`` gives the place of each household of the operation in the whole
    document when the operation holds a slice of it (a chunk of a streamed manifest), so that
    paths point at ``$.households[<place>]``; by default a household's place is its index.
    ``kins`` holds the households' ``Kin`` (:func:`household_kins`), when the caller reads
    them too: each made with ``facts`` for the household at its place, else ``ValueError``;
    by default they are made here.
    """
    findings: list[Finding] = []
    tallies: list[RuleTally] = []
    # The subjects of a scope and their contexts (for persons, their row of the fact table)
    # are made once and shared by every rule of that scope.
    by_scope: dict[Scope, list[_Subject]] = {}
    # One Kin per household, for household and person rules alike: of that very household
    # (a kin of an evolved copy holds other members) and made with these facts.
    households = facts.operation.households
    if kins is not None and (
        len(kins) != len(households)
        or any(
            type(kin) is Kin and (kin.facts is not facts or kin.household is not household)
            for kin, household in zip(kins, households, strict=True)
        )
    ):
        raise ValueError("one Kin per household, made with these facts, is needed")
    for rule in registry:
        subjects = by_scope.get(rule.meta.scope)
        if subjects is None:
            if kins is None and rule.meta.scope in (Scope.HOUSEHOLD, Scope.PERSON):
                kins = household_kins(facts)
            subjects = by_scope[rule.meta.scope] = list(
                _subjects(rule.meta.scope, facts, household_indexes, kins)
            )
        tally = _Tally()
        if rule.meta.scope is Scope.AREA and not facts.operation.return_areas:
            findings.append(_no_areas(rule, facts))
            tally.unknown += 1
        references = _references(rule.meta)  # once per rule, not once per finding
        _run(rule, subjects, references, tally, findings)
        tallies.append(tally.of(rule.code))
    if any(assessment.region_level for assessment in facts.operation.assessments):
        findings = [_region_noted(finding, facts) for finding in findings]
    findings.sort(key=Finding.sort_key)
    return Evaluation(findings=tuple(findings), tallies=tuple(tallies))
