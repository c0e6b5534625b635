"""Semantic invariants of a structured model, reported all at once with paths.

Type errors are caught by the converter; this pass catches what types cannot say: invalid
country codes, negative counts, dates in the wrong order, dangling or duplicate references and
contradictory facts. It runs on loaded input and on objects built in Python alike.
"""

from __future__ import annotations

import bisect
import itertools
import re
import typing
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import attrs
import pendulum

from repatguard.errors import InputIssue, kind_of
from repatguard.model._plan import (
    ANY,
    DATE,
    INSTANT,
    MEMBER,
    PARTIAL,
    RECORD,
    RECORDS,
    SIMPLE,
    FieldType,
    class_plan,
)
from repatguard.model.conditions import ConditionsAssessment
from repatguard.model.countries import ISO_3166_ALPHA3
from repatguard.model.dates import SUPPORTED_RANGE, PartialDate, age_bounds, in_supported_range
from repatguard.model.operation import Operation, Population
from repatguard.model.people import ConsentEvent, Person
from repatguard.model.vocab import (
    ConsentKind,
    Initiator,
    LegalCategory,
    Relationship,
    Whereabouts,
)
from repatguard.model.waivers import MIN_JUSTIFICATION, Waiver

__all__ = [
    "ADULT_AGE",
    "constraint_problem",
    "population_problems",
    "validate_operation",
    "waiver_problems",
]

ADULT_AGE = 18
"""Age of majority (CRC Art. 1); used only to detect contradictions in input."""


def waiver_problems(waiver: Waiver, path: str) -> Iterator[InputIssue]:
    """What makes a waiver malformed (known codes and lifetimes are checked against the
    catalogue and the policy when the check runs)."""
    return waiver_value_problems(attrs.asdict(waiver, recurse=False), path)


def waiver_value_problems(values: Mapping[str, Any], path: str) -> Iterator[InputIssue]:
    """:func:`waiver_problems` on the fields of a waiver that could be read as their types:
    a register whose waiver has one bad date still hears about its empty justification in
    the same round. A check whose fields are not all in ``values`` is left out."""
    code = values.get("code")
    if isinstance(code, str) and not re.match(r"^[A-Z]{2,6}-\d{3}$", code):
        message = f"expected a rule code (like VOL-003), got {kind_of(code)}"
        yield InputIssue(path=f"{path}.code", message=message)
    justification = values.get("justification")
    if isinstance(justification, str) and len(justification.strip()) < MIN_JUSTIFICATION:
        yield InputIssue(
            path=f"{path}.justification",
            message=f"a justification needs at least {MIN_JUSTIFICATION} characters",
        )
    for name in ("subject", "approved_by", "decision_record"):
        value = values.get(name)
        if isinstance(value, str) and not value.strip():
            yield InputIssue(path=f"{path}.{name}", message="must not be empty")
    granted, expires = values.get("granted_on"), values.get("expires_on")
    if granted is not None and expires is not None and expires <= granted:
        yield InputIssue(
            path=f"{path}.expires_on",
            message=f"the expiry is not after the grant (at {path}.granted_on)",
        )


def validate_operation(
    operation: Operation, *, check_types: bool = True, households_elsewhere: bool = False
) -> list[InputIssue]:
    """Every invariant violation in ``operation``, in document order.

    Objects built in Python are not checked by the loader's converter, so the types of all
    their values are checked first: a plain string where an enumeration member belongs would
    otherwise compare unequal to every member and silently change what rules conclude, and a
    ``datetime.date`` would make date arithmetic fail. When any value has the wrong type, only
    those issues are returned (the other invariants assume the types). ``check_types=False``
    is for objects that come from the loader, whose types are already exact.
    ``households_elsewhere``: the operation holds only some of the households (a chunk of a
    streamed manifest), so a family link naming another household is not resolved here; the
    streamed check resolves it once the whole manifest is read. An operation that names a
    ``cases_manifest`` is treated the same way.
    """
    if check_types:
        wrong: list[InputIssue] = []
        _types(operation, Operation, "$", wrong)
        if wrong:
            return wrong
    issues = list(_constraints(operation, "$"))
    for index, waiver in enumerate(operation.waivers):
        issues.extend(waiver_problems(waiver, f"$.waivers[{index}]"))
    if operation.cases_manifest is not None and not operation.cases_manifest.strip():
        # An empty name would make the streaming check read the operation's own folder.
        issues.append(InputIssue(path="$.cases_manifest", message="must not be empty"))
    issues.extend(_order_of_dates(operation))
    issues.extend(_references(operation, households_elsewhere))
    issues.extend(_contradictions(operation))
    return issues


def constraint_problem(constraint: object, value: object) -> str | None:
    """What is wrong with ``value`` under a named field constraint (``None`` if fine).

    Values of the wrong type are left to the converter's type checks. The value itself is never
    quoted (see :func:`repatguard.errors.kind_of`).
    """
    if constraint == "country" and type(value) is str and value not in ISO_3166_ALPHA3:
        found = kind_of(value)
        return f"expected an ISO 3166-1 alpha-3 country code, got {found} that is not one"
    if constraint == "non_negative" and type(value) is int and value < 0:
        return "must not be negative"
    return None


def _constraints(obj: Any, path: str) -> Iterator[InputIssue]:
    """The constraint problems of ``obj`` and everything in it, walked with the fields of
    each class's plan that can hold something to check (``ClassPlan.checked``), so the walk
    does not visit every value of every object (it dominated the streaming check)."""
    if isinstance(obj, tuple):
        for index, item in enumerate(obj):
            if isinstance(item, tuple) or class_plan(type(item)) is not None:
                yield from _constraints(item, f"{path}[{index}]")
        return
    plan = class_plan(type(obj))
    if plan is None:
        return
    for name, constraint, is_reference in plan.checked:
        value = getattr(obj, name)
        if value is None:
            continue  # unknown: nothing to check (None never breaks a constraint)
        problem = constraint_problem(constraint, value) if constraint is not None else None
        if problem is not None:
            yield InputIssue(path=f"{path}.{name}", message=problem)
        elif is_reference and isinstance(value, str) and not value.strip():
            yield InputIssue(path=f"{path}.{name}", message="must not be empty")
        elif isinstance(value, tuple) or class_plan(type(value)) is not None:
            yield from _constraints(value, f"{path}.{name}")


def _kind(value: object) -> str:
    # Type names only: a value could be personal data.
    return f"a {type(value).__name__}"


def _type_problem(value: Any, kind: int, admits: Any) -> str | None:
    """What is wrong with the type of ``value`` (``None`` when right); records aside."""
    if kind == SIMPLE:
        wanted, what = admits
        return None if type(value) in wanted else f"expected {what}, got {_kind(value)}"
    if kind == MEMBER:
        if isinstance(value, admits):
            return None
        return f"expected a {admits.__name__} member, got {_kind(value)}"
    if kind == DATE:  # exactly a Date: a pendulum DateTime is a Date subclass
        if type(value) is pendulum.Date:
            return _range_problem(value)
        return f"expected a pendulum.Date, got {_kind(value)}"
    if kind == PARTIAL:  # a full date, or a month or a year where the field allows it
        if type(value) is pendulum.Date or type(value) is PartialDate:
            return _range_problem(value)
        return f"expected a pendulum.Date, got {_kind(value)}"
    if kind == INSTANT:
        if isinstance(value, pendulum.DateTime) and value.utcoffset() is not None:
            return _range_problem(value)
        return f"expected a pendulum.DateTime with an offset, got {_kind(value)}"
    return None


def _range_problem(value: pendulum.Date) -> str | None:
    # As the loader refuses them: date arithmetic near the calendar's ends could fail. The
    # value is not shown (it may be a date of birth).
    if in_supported_range(value):
        return None
    return f"expected a date from {SUPPORTED_RANGE} (the supported range)"


def _type_plan(cls: type) -> tuple[FieldType, ...]:
    plan = class_plan(cls)
    if plan is None or plan.types is None:
        # Only a class whose annotations do not resolve (never a model class): the lookup
        # fails with its own error, as it did before the plan was shared.
        hints = typing.get_type_hints(cls)
        raise KeyError(next(field.name for field in attrs.fields(cls) if field.name not in hints))
    return plan.types


def _types(obj: Any, cls: type, path: str, found: list[InputIssue]) -> None:
    """Add to ``found`` the values of ``obj`` whose type is not the one ``cls`` declares.

    One loop per object with a plan per class, no generators: it runs on every person of
    an operation built in Python, and must cost little next to the rules.
    """
    if not isinstance(obj, cls):
        found.append(InputIssue(path=path, message=f"expected a {cls.__name__}, got {_kind(obj)}"))
        return
    plan = _type_plan(cls)
    for name, kind, admits, optional in plan:
        value = getattr(obj, name)
        if (value is None and optional) or kind == ANY:
            continue
        if kind == RECORD:
            _types(value, admits, f"{path}.{name}", found)
        elif kind == RECORDS:
            if type(value) is not tuple:
                message = f"expected a tuple, got {_kind(value)}"
                found.append(InputIssue(path=f"{path}.{name}", message=message))
                continue
            _, item_kind, item_admits, _ = admits
            for index, item in enumerate(value):
                if item_kind == RECORD:
                    _types(item, item_admits, f"{path}.{name}[{index}]", found)
                    continue
                problem = _type_problem(item, item_kind, item_admits)
                if problem is not None:
                    found.append(InputIssue(path=f"{path}.{name}[{index}]", message=problem))
        else:
            problem = _type_problem(value, kind, admits)
            if problem is not None:
                found.append(InputIssue(path=f"{path}.{name}", message=problem))


def _not_before(
    later: pendulum.Date | None, earlier: pendulum.Date | None, path: str, what: str
) -> Iterator[InputIssue]:
    # The dates are not quoted (no error repeats a value of the input): the path and the
    # name of the other date say which two disagree.
    if later is not None and earlier is not None and later < earlier:
        yield InputIssue(path=path, message=f"the date is before {what}")


def _order_of_dates(op: Operation) -> Iterator[InputIssue]:
    if op.movement_window is not None:
        window = op.movement_window
        yield from _not_before(window.end, window.start, "$.movement_window.end", "the start")
    for i, position in enumerate(op.positions):
        base = f"$.positions[{i}]"
        yield from _not_before(
            position.lifted_on, position.issued_on, f"{base}.lifted_on", "the issued date"
        )
        yield from _not_before(
            position.review_due_on, position.issued_on, f"{base}.review_due_on", "the issued date"
        )
        yield from _not_before(
            position.reviewed_on, position.issued_on, f"{base}.reviewed_on", "the issued date"
        )
    for i, agreement in enumerate(op.agreements or ()):  # None: not recorded
        yield from _not_before(
            agreement.ends_on, agreement.signed_on, f"$.agreements[{i}].ends_on", "the signing"
        )
    for i, signal in enumerate(op.pressure_signals):
        yield from _not_before(
            signal.ended_on, signal.started_on, f"$.pressure_signals[{i}].ended_on", "the start"
        )
    for i, sharing in enumerate(op.data_sharing_agreements or ()):  # None: not recorded
        yield from _not_before(
            sharing.ends_on,
            sharing.signed_on,
            f"$.data_sharing_agreements[{i}].ends_on",
            "the signing",
        )
    for i, visit in enumerate(op.exploratory_visits or ()):  # None: not recorded
        yield from _not_before(
            visit.ended_on, visit.started_on, f"$.exploratory_visits[{i}].ended_on", "the start"
        )
    for i, report in enumerate(op.monitoring_reports):
        base = f"$.monitoring_reports[{i}]"
        yield from _not_before(
            report.period_end, report.period_start, f"{base}.period_end", "the start"
        )
        # A report cannot cover days after it was written.
        yield from _not_before(
            report.reported_on, report.period_end, f"{base}.reported_on", "the end of its period"
        )
    for i, escalation in enumerate(op.escalations):
        # A decision cannot precede the referral it decides.
        yield from _not_before(
            escalation.decided_on,
            escalation.raised_on,
            f"$.escalations[{i}].decided_on",
            "the date it was raised",
        )


_OTHER_PLACES = 5
"""How many other uses of a repeated reference an issue names by their paths."""


def _duplicates(
    references: Sequence[str], place: Callable[[int], str], path: str
) -> Iterator[InputIssue]:
    """An issue at ``path`` (the list) for each reference used more than once, in the order of
    first use; ``place(i)`` is the path where ``references[i]`` is given.

    The reference is not repeated in the message: the paths of its uses say which one it is.
    The issue stays at the list's path: a streamed check reads issues under
    ``$.households[i]`` as problems of that household alone, and a repeat spans households.
    Paths are written only for repeats (this runs on every person of every load).
    """
    first: dict[str, int] = {}
    later: dict[str, list[int]] = {}
    for index, reference in enumerate(references):
        if first.setdefault(reference, index) != index:
            later.setdefault(reference, []).append(index)
    for reference in sorted(later, key=first.__getitem__):
        others = later[reference]
        named = ", ".join(place(i) for i in others[:_OTHER_PLACES])
        if len(others) > _OTHER_PLACES:
            named += f" and {len(others) - _OTHER_PLACES} more"
        count = len(others) + 1
        message = (
            f"the reference at {place(first[reference])} is used {count} times (also at {named})"
        )
        yield InputIssue(path=path, message=message)


def _listed(records: Sequence[Any], path: str) -> Iterator[InputIssue]:
    """Repeated references among ``records``, the list at ``path``."""
    references = [record.reference for record in records]
    yield from _duplicates(references, lambda i: f"{path}[{i}].reference", path)


def _members(households: Sequence[Any]) -> Iterator[InputIssue]:
    """Repeated person references, across every household."""
    references = [person.reference for household in households for person in household.members]
    starts = list(itertools.accumulate((len(h.members) for h in households), initial=0))

    def place(index: int) -> str:
        household = bisect.bisect_right(starts, index) - 1
        member = index - starts[household]
        return f"$.households[{household}].members[{member}].reference"

    yield from _duplicates(references, place, "$.households[*].members")


_UNKNOWN_AREA = "unknown return area (no return area of the operation has this reference)"
_UNKNOWN_ASSESSMENT = (
    "unknown assessment (no conditions assessment of the operation has this reference)"
)
_UNKNOWN_ARRANGEMENT = "unknown arrangement (no arrangement of the lead has this reference)"
_UNKNOWN_SHARING = (
    "unknown data-sharing agreement (no data-sharing agreement of the operation has this reference)"
)


def _assessed_areas(
    assessment: ConditionsAssessment, path: str, areas: set[str]
) -> Iterator[InputIssue]:
    """An assessment names one area, or the areas of its region: never both, never neither,
    and only return areas of the operation, each once."""
    if assessment.area is not None and assessment.areas:
        yield InputIssue(
            path=f"{path}.areas",
            message="an assessment names one area or the areas of its region, not both",
        )
    elif assessment.area is None and not assessment.areas:
        yield InputIssue(
            path=f"{path}.area",
            message="an assessment names the area it assessed (`area`), or the areas of the "
            "region it assessed (`areas`)",
        )
    if assessment.area is not None and assessment.area not in areas:
        yield InputIssue(path=f"{path}.area", message=_UNKNOWN_AREA)
    seen: set[str] = set()
    for j, covered in enumerate(assessment.areas):
        if covered not in areas:
            yield InputIssue(path=f"{path}.areas[{j}]", message=_UNKNOWN_AREA)
        elif covered in seen:
            yield InputIssue(path=f"{path}.areas[{j}]", message="the area is listed twice")
        seen.add(covered)


def _references(op: Operation, households_elsewhere: bool = False) -> Iterator[InputIssue]:
    areas = {area.reference for area in op.return_areas}
    assessments = {assessment.reference for assessment in op.assessments}
    arrangements = {arrangement.reference for arrangement in op.lead.arrangements}
    yield from _listed(op.return_areas, "$.return_areas")
    yield from _listed(op.assessments, "$.assessments")
    yield from _listed(op.positions, "$.positions")
    yield from _listed(op.agreements or (), "$.agreements")
    yield from _listed(op.households, "$.households")
    yield from _members(op.households)
    for i, assessment in enumerate(op.assessments):
        yield from _assessed_areas(assessment, f"$.assessments[{i}]", areas)
    # A position's area compared as free text would silently miss (a name, a typo): refuse it.
    for i, position in enumerate(op.positions):
        for j, covered in enumerate(position.areas):
            if covered not in areas:
                yield InputIssue(
                    path=f"$.positions[{i}].areas[{j}]",
                    message=_UNKNOWN_AREA,
                )
    for i, partner in enumerate(op.lead.implementing_partners or ()):
        if partner.arrangement is not None and partner.arrangement not in arrangements:
            yield InputIssue(
                path=f"$.lead.implementing_partners[{i}].arrangement",
                message=_UNKNOWN_ARRANGEMENT,
            )
    yield from _sharing_references(op)
    yield from _escalation_references(op, areas)
    yield from _monitoring_references(op, areas)
    yield from _visit_references(op, areas)
    # With a cases manifest, the households a link may name are not all in this document:
    # the streamed check resolves them once the whole manifest is read (INPUT-001 otherwise).
    households = (
        None
        if households_elsewhere or op.cases_manifest is not None
        else {h.reference for h in op.households}
    )
    for h, household in enumerate(op.households):
        base = f"$.households[{h}]"
        area = household.intended_return_area
        if area is not None and area not in areas:
            yield InputIssue(path=f"{base}.intended_return_area", message=_UNKNOWN_AREA)
        for m, person in enumerate(household.members):
            member = f"{base}.members[{m}]"
            area = person.intended_return_area
            if area is not None and area not in areas:
                yield InputIssue(path=f"{member}.intended_return_area", message=_UNKNOWN_AREA)
            # Compared with the destination by reference: a name or a typo would silently
            # read as "not the place of origin".
            origin = person.place_of_origin
            if origin is not None and origin not in areas:
                yield InputIssue(path=f"{member}.place_of_origin", message=_UNKNOWN_AREA)
            yield from _family_link_problems(person, household.reference, member, households)
            for c, event in enumerate(person.consent):
                if event.assessment is not None and event.assessment not in assessments:
                    yield InputIssue(
                        path=f"{member}.consent[{c}].assessment",
                        message=_UNKNOWN_ASSESSMENT,
                    )


_UNKNOWN_HOUSEHOLD = "unknown household (no household of the operation has this reference)"


def _family_link_problems(
    person: Person, own: str, path: str, households: set[str] | None
) -> Iterator[InputIssue]:
    """A link names a household exactly when the family member is in another household of the
    operation, and that household exists (``households``; ``None``: not all held here)."""
    for index, link in enumerate(person.family_links):
        at = f"{path}.family_links[{index}].household"
        elsewhere = link.whereabouts is Whereabouts.OTHER_HOUSEHOLD
        if link.household is None:
            if elsewhere:
                message = "a family member in another household needs that household's reference"
                yield InputIssue(path=at, message=message)
        elif not elsewhere:
            message = (
                "only a family member in another household has a household reference "
                f"(whereabouts is {link.whereabouts})"
            )
            yield InputIssue(path=at, message=message)
        elif link.household == own:
            message = (
                "names the person's own household; members of the household are recorded by "
                "relationship to the head, not as family links"
            )
            yield InputIssue(path=at, message=message)
        elif households is not None and link.household not in households:
            yield InputIssue(path=at, message=_UNKNOWN_HOUSEHOLD)


def _sharing_references(op: Operation) -> Iterator[InputIssue]:
    """Repeated data-sharing agreements, and transfers naming one that the recorded list does
    not hold (a typo, or an agreement missing from the file). With the list left out, the
    agreements are not recorded, so a named one is unknown (DATA-009), not an error."""
    if op.data_sharing_agreements is None:
        return
    sharing = op.data_sharing_agreements
    yield from _listed(sharing, "$.data_sharing_agreements")
    known = {agreement.reference for agreement in sharing}
    for i, transfer in enumerate(op.data_transfers or ()):
        if transfer.agreement is not None and transfer.agreement not in known:
            yield InputIssue(path=f"$.data_transfers[{i}].agreement", message=_UNKNOWN_SHARING)


def _escalation_references(op: Operation, areas: set[str]) -> Iterator[InputIssue]:
    """Repeated escalations, areas the operation does not list (an escalation that named an
    area by a typo would hold nothing) and rule codes that are not codes."""
    yield from _listed(op.escalations, "$.escalations")
    for i, escalation in enumerate(op.escalations):
        base = f"$.escalations[{i}]"
        for j, area in enumerate(escalation.areas):
            if area not in areas:
                yield InputIssue(path=f"{base}.areas[{j}]", message=_UNKNOWN_AREA)
        for j, code in enumerate(escalation.rules):
            if not _RULE_CODE.match(code):
                message = f"expected a rule code (like PREM-011), got {kind_of(code)}"
                yield InputIssue(path=f"{base}.rules[{j}]", message=message)


def _visit_references(op: Operation, areas: set[str]) -> Iterator[InputIssue]:
    """Repeated visits, and visits to an area the operation does not list (a name or a typo
    would leave the visit tied to no area)."""
    visits = op.exploratory_visits or ()  # None: not recorded
    yield from _listed(visits, "$.exploratory_visits")
    for i, visit in enumerate(visits):
        if visit.area is not None and visit.area not in areas:
            yield InputIssue(path=f"$.exploratory_visits[{i}].area", message=_UNKNOWN_AREA)
        for j, representative in enumerate(visit.representatives or ()):
            if not representative.strip():
                path = f"$.exploratory_visits[{i}].representatives[{j}]"
                yield InputIssue(path=path, message="must not be empty")


def _monitoring_references(op: Operation, areas: set[str]) -> Iterator[InputIssue]:
    """Repeated reports, reports of an area the operation does not list (they would turn no
    verdict), a kind of incident recorded twice in one report (which one counts?) and a flag
    that contradicts its count."""
    yield from _listed(op.monitoring_reports, "$.monitoring_reports")
    for i, report in enumerate(op.monitoring_reports):
        base = f"$.monitoring_reports[{i}]"
        if report.area not in areas:
            yield InputIssue(path=f"{base}.area", message=_UNKNOWN_AREA)
        seen: set[object] = set()
        for j, record in enumerate(report.incidents):
            path = f"{base}.incidents[{j}]"
            if record.kind in seen:
                yield InputIssue(path=f"{path}.kind", message="this kind is already recorded")
            seen.add(record.kind)
            count, occurred = record.count, record.occurred
            if (
                count is not None
                and count >= 0
                and occurred is not None
                and (count > 0) != occurred
            ):
                yield InputIssue(path=f"{path}.count", message="the count contradicts `occurred`")


_RULE_CODE = re.compile(r"^[A-Z]{2,6}-\d{3}$")

_SESSION_ONLY = (
    "language",
    "assessment",
    "disclosed_negative_findings",
    "understood_language",
    "topics_covered",
)


def _session_fields_elsewhere(event: ConsentEvent, path: str) -> Iterator[InputIssue]:
    if event.kind is ConsentKind.INFORMATION_SESSION:
        return
    for name in _SESSION_ONLY:
        if getattr(event, name) is not None:
            yield InputIssue(
                path=f"{path}.{name}",
                message=f"only information sessions have {name!r}; this event is a {event.kind}",
            )


def _recorded_age(person: Person, reference_date: pendulum.Date | None) -> int | None:
    if person.date_of_birth is not None and reference_date is not None:
        # A contradiction must be certain: with a date of birth known only to the month or
        # the year, the oldest age it allows (the rules read an uncertain age as unknown).
        return age_bounds(person.date_of_birth, reference_date)[1]
    return person.age


def population_problems(
    population: Population, listed: Mapping[LegalCategory, int]
) -> Iterator[str]:
    """Declared counts below the number of people the manifest lists in that category
    (shared with the streamed check, which counts the manifest as it goes)."""
    for category, count in population.by_category().items():
        found = listed.get(category, 0)
        if count is not None and 0 <= count < found:
            yield (
                f"the declared {category} count is below the {found} the manifest lists; "
                "counts must cover everyone on the manifest"
            )


def _area_overrides(op: Operation) -> Iterator[InputIssue]:
    """An area may record a better initiative or messaging than the operation's, never a
    worse one: the operation's value is read for every area that records none, so it must be
    the worst of them. Otherwise forgetting an area's value would clear its finding (less
    data, kinder verdict)."""
    for index, area in enumerate(op.return_areas):
        path = f"$.return_areas[{index}]"
        if area.promotional_messaging is True and op.promotional_messaging is False:
            yield InputIssue(
                path=f"{path}.promotional_messaging",
                message=(
                    "the area records promotional messaging but the operation records none; "
                    "the operation's value covers every area, so record it as true (and false "
                    "on the areas without it)"
                ),
            )
        if (
            area.initiated_by is not None
            and area.initiated_by is not Initiator.DISPLACED_PERSONS
            and op.initiated_by is Initiator.DISPLACED_PERSONS
        ):
            yield InputIssue(
                path=f"{path}.initiated_by",
                message=(
                    "the area records a return not initiated by the displaced but the operation "
                    "records one initiated by them; the operation's value covers every area, so "
                    "record the operation's initiator as the area's (and displaced_persons on the "
                    "areas where it holds)"
                ),
            )


def _contradictions(op: Operation) -> Iterator[InputIssue]:
    yield from _area_overrides(op)
    window_start = op.movement_window.start if op.movement_window is not None else None
    on_manifest = Counter(p.legal_category for h in op.households for p in h.members)
    for message in population_problems(op.population, on_manifest):
        yield InputIssue(path="$.population", message=message)
    for h, household in enumerate(op.households):
        departure = household.planned_departure or window_start
        for m, person in enumerate(household.members):
            path = f"$.households[{h}].members[{m}]"
            if person.date_of_birth is not None and person.age is not None:
                # Two sources for one fact: the age would only come into play once the date
                # of birth is forgotten, and then a stale or wrong age could make an adult
                # read as a dependent child (less data, better verdict). One source only.
                yield InputIssue(
                    path=f"{path}.age",
                    message=(
                        "give the date of birth or the age, not both (the age is for people "
                        "whose date of birth is unknown)"
                    ),
                )
            age = _recorded_age(person, person.planned_departure or departure)
            if (
                person.relationship_to_head is Relationship.HEAD
                and age is not None
                and age < ADULT_AGE
                and person.unaccompanied_or_separated is not True
            ):
                yield InputIssue(
                    path=f"{path}.unaccompanied_or_separated",
                    # The age is not shown: it is read from personal data.
                    message=(
                        f"a child (under {ADULT_AGE}) is head of household but is not marked "
                        "unaccompanied or separated"
                    ),
                )
            for c, event in enumerate(person.consent):
                yield from _session_fields_elsewhere(event, f"{path}.consent[{c}]")
            if person.disaster_displaced is True and op.disaster_displacement is False:
                # Otherwise forgetting the person's record would read the operation's "none
                # were" for them (less data, kinder verdict).
                yield InputIssue(
                    path=f"{path}.disaster_displaced",
                    message=(
                        "the person is recorded as displaced across the border by a disaster, "
                        "but the operation records that no one in scope was; record "
                        "disaster_displacement of the operation as true (or leave it out)"
                    ),
                )
