"""Issue 12, item 8: the cost per person does not grow with the size of a household.

A case verdict lists at most ``REASON_CAP`` reasons and counts them all; the verdicts, the
listed reasons and the counts are those of the uncut definition (kept below as the oracle);
the work per person is bounded whatever the household's size. Speed itself is measured by
``benchmarks/bench_household_scaling.py``, never here.
"""

from __future__ import annotations

import importlib
import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import repatguard
from repatguard.engine import verdict as verdict_module
from repatguard.engine.check import CheckRun, effective_policy, to_instant
from repatguard.engine.evaluate import _subjects
from repatguard.engine.settle import Settlement, located_waivers
from repatguard.engine.verdict import Decision, decide, hold_case, operation_level
from repatguard.examples import examples
from repatguard.facts.context import PersonContext
from repatguard.facts.facts import Kin, Member, build_facts
from repatguard.facts.parameters import Parameters
from repatguard.model import Household, Operation, Person, Relationship
from repatguard.outcomes import Outcome, Scope, Severity, Verdict
from repatguard.render import to_json
from repatguard.render.json import report_to_dict
from repatguard.report.finding import Finding
from repatguard.report.report import REASON_CAP, CaseVerdict, Reason
from repatguard.rules.registry import builtin_registry
from repatguard.stream import check_manifest
from repatguard.testing.factories import AS_OF, sound_operation
from repatguard.testing.synthetic import write_jsonl

# ``repatguard.engine`` exports the function ``check`` under the module's name.
check_module = importlib.import_module("repatguard.engine.cases")


def _bare_household(size: int, reference: str = "H-BIG") -> Household:
    """A household of ``size`` persons with nothing recorded but their references: every
    member has findings of their own, and CHILD-004 reports each one to the household."""
    return Household(
        reference=reference,
        members=tuple(Person(reference=f"{reference}-P{i}") for i in range(size)),
    )


def _with_households(*households: Household) -> Operation:
    operation = sound_operation()
    # Counts left unknown: the manifest then gives them.
    unknown = {field.name: None for field in attrs.fields(type(operation.population))}
    return attrs.evolve(
        operation,
        households=households,
        population=attrs.evolve(operation.population, **unknown),
    )


def _check(operation: Operation) -> repatguard.Report:
    return repatguard.check(operation, as_of=AS_OF, reveal_references=True, next_review=False)


# --- the cap --------------------------------------------------------------------------------


def test_a_household_verdict_lists_at_most_the_cap_and_counts_every_reason() -> None:
    size = 3 * REASON_CAP
    report = _check(_with_households(_bare_household(size)))
    household = report.case("H-BIG")
    child_004 = report.findings_for("CHILD-004")
    assert len(child_004) == size  # one finding per member, about the household
    assert len(household.reasons) == REASON_CAP
    assert household.reasons_total >= size
    assert household.reasons_by_code["CHILD-004"] == size
    assert sum(household.reasons_by_code.values()) == household.reasons_total
    # The listed ones are the first, in the order the verdict gives them (report order).
    listed = [r.path for r in household.reasons if r.code == "CHILD-004"]
    assert listed == [f.path for f in child_004][: len(listed)]


def test_a_person_verdict_lists_at_most_the_cap_and_counts_its_household_findings() -> None:
    size = 3 * REASON_CAP
    report = _check(_with_households(_bare_household(size)))
    people = [c for c in report.case_verdicts if c.scope is Scope.PERSON]
    assert len(people) == size
    for case in people:
        assert len(case.reasons) <= REASON_CAP
        assert case.reasons_total > REASON_CAP
        assert case.reasons_by_code["CHILD-004"] == size
        assert sum(case.reasons_by_code.values()) == case.reasons_total


def test_the_report_grows_linearly_with_one_household() -> None:
    # Every case verdict carries at most REASON_CAP reasons: the report of n persons in one
    # household holds at most (n + 1) * REASON_CAP reasons, not n * n.
    size = 5 * REASON_CAP
    report = _check(_with_households(_bare_household(size)))
    listed = sum(len(c.reasons) for c in report.case_verdicts)
    assert listed <= (size + 1) * REASON_CAP
    assert sum(c.reasons_total for c in report.case_verdicts) > size * size


def test_capped_reasons_are_deterministic_and_pseudonymised() -> None:
    operation = _with_households(_bare_household(2 * REASON_CAP))
    first = repatguard.check(operation, as_of=AS_OF, reference_key="k", next_review=False)
    again = repatguard.check(operation, as_of=AS_OF, reference_key="k", next_review=False)
    assert to_json(first) == to_json(again)
    assert "H-BIG" not in to_json(first)


def test_the_streamed_check_caps_and_counts_as_the_in_memory_one(tmp_path: Any) -> None:
    household = _bare_household(2 * REASON_CAP)
    operation = _with_households(household)
    inline = report_to_dict(
        repatguard.check(operation, as_of=AS_OF, reference_key="k", next_review=False)
    )
    cases = tmp_path / "cases.jsonl"
    members = [{"reference": p.reference} for p in household.members]
    write_jsonl(cases, [{"reference": household.reference, "members": members}])
    lines: list[str] = []

    class _Lines:
        def write(self, text: str) -> int:
            lines.append(text)
            return len(text)

    check_manifest(
        attrs.evolve(operation, households=()),
        cases,
        as_of=AS_OF,
        reference_key="k",
        cases_out=_Lines(),  # type: ignore[arg-type]
    )
    streamed = [json.loads(line) for line in "".join(lines).splitlines()]
    assert {line.pop("operation") for line in streamed} == {operation.reference}
    assert streamed == inline["case_verdicts"]


# --- the work per person is bounded ---------------------------------------------------------


def test_no_decision_reads_more_findings_as_the_household_grows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Counted, not timed: the largest list of findings any case decision reads. Before the
    # cut, each member's decision read every finding about the household (one per member).
    def largest_read(size: int) -> int:
        seen: list[int] = []
        original: Callable[..., Decision] = check_module.decide

        def counting(
            findings: Sequence[Finding], gate_codes: frozenset[str], **options: bool
        ) -> Decision:
            findings = list(findings)
            seen.append(len(findings))
            return original(findings, gate_codes, **options)

        with monkeypatch.context() as patch:
            patch.setattr(check_module, "decide", counting)
            _check(_with_households(_bare_household(size)))
        return max(seen)

    assert largest_read(4 * REASON_CAP) == largest_read(2 * REASON_CAP)


# --- the same verdicts and reasons as the uncut definition ----------------------------------


class _UncutCase(NamedTuple):
    scope: Scope
    subject: str
    verdict: Verdict
    reasons: tuple[Finding, ...]
    provisional: Verdict | None


def _uncut_case_verdicts(
    households: Sequence[Household],
    findings: tuple[Finding, ...],
    gate_codes: frozenset[str],
    dependants: frozenset[str],
) -> list[_UncutCase]:
    """The case verdicts as defined before the cut: every reason of every case, each
    member's decision read over every finding about the household."""
    operation_findings = operation_level(findings)
    cases: list[_UncutCase] = []
    for household in households:
        own_household = [f for f in findings if f.scope is Scope.HOUSEHOLD]
        own_household = [f for f in own_household if f.subject == household.reference]
        members: list[tuple[str, Decision]] = []
        for person in household.members:
            if person.stays_behind is True:
                continue
            area = person.intended_return_area or household.intended_return_area
            personal = [
                f for f in findings if f.scope is Scope.PERSON and f.subject == person.reference
            ]
            own = own_household + personal
            relevant = [f for f in operation_findings if verdict_module.applies_to_area(f, area)]
            members.append((person.reference, hold_case(decide(relevant + own, gate_codes), own)))
        deciding = [d for reference, d in members if reference not in dependants]
        bound = Verdict.worst([d.verdict for d in deciding] or [Verdict.INSUFFICIENT_INFORMATION])
        resolved = [d.provisional if d.provisional is not None else d.verdict for d in deciding]
        provisional_bound = Verdict.worst(resolved or [Verdict.INSUFFICIENT_INFORMATION])
        verdicts = []
        for reference, decision in members:
            verdict, reasons, provisional = (
                decision.verdict,
                decision.reasons,
                decision.provisional,
            )
            if reference in dependants:
                if bound.rank < verdict.rank:
                    verdict = bound
                    unique: dict[tuple[str, str, str], Finding] = {}
                    for d in deciding:
                        if d.verdict is bound:
                            for f in (*reasons, *d.reasons):
                                unique.setdefault((f.code, f.subject, f.path), f)
                    reasons = tuple(sorted(unique.values(), key=Finding.sort_key))
                if provisional is not None:
                    provisional = Verdict.worst([provisional, provisional_bound])
            verdicts.append(verdict)
            cases.append(
                _UncutCase(
                    Scope.PERSON,
                    reference,
                    verdict,
                    reasons,
                    provisional if decision.escalate else None,
                )
            )
        area = household.intended_return_area
        relevant = [f for f in operation_findings if verdict_module.applies_to_area(f, area)]
        decision = hold_case(decide(relevant + own_household, gate_codes), own_household)
        verdict = Verdict.worst([decision.verdict, *verdicts])
        if not household.members:
            verdict = Verdict.worst([verdict, Verdict.INSUFFICIENT_INFORMATION])
        cases.append(
            _UncutCase(Scope.HOUSEHOLD, household.reference, verdict, decision.reasons, None)
        )
    return cases


def _agrees(case: CaseVerdict, uncut: _UncutCase, cap: int) -> None:
    assert (case.scope, case.subject) == (uncut.scope, uncut.subject)
    assert case.verdict is uncut.verdict
    assert case.provisional is uncut.provisional
    assert case.reasons == tuple(Reason.of(f) for f in uncut.reasons[:cap])
    assert case.reasons_total == len(uncut.reasons)
    assert case.reasons_by_code == dict(sorted(Counter(f.code for f in uncut.reasons).items()))


_CODES = ("A-1", "A-2", "G-1", "G-2")
_GATES = frozenset({"G-1", "G-2"})
_AREAS = (None, "AREA-1", "AREA-2")


@st.composite
def _cases(draw: st.DrawFn) -> tuple[list[Household], tuple[Finding, ...], frozenset[str]]:
    """Households and findings about them, with few classes and many findings of a class."""
    households = []
    for h in range(draw(st.integers(1, 3))):
        members = tuple(
            Person(
                reference=f"H{h}-P{m}",
                stays_behind=draw(st.sampled_from((None, False, False, True))),
                intended_return_area=draw(st.sampled_from(_AREAS)),
            )
            for m in range(draw(st.integers(0, 8)))
        )
        area = draw(st.sampled_from(_AREAS))
        households.append(Household(reference=f"H{h}", members=members, intended_return_area=area))
    subjects: list[tuple[Scope, str, str | None]] = [(Scope.OPERATION, "OP", None)]
    subjects += [(Scope.AREA, area, area) for area in _AREAS if area]
    subjects += [(Scope.HOUSEHOLD, h.reference, h.reference) for h in households]
    subjects += [(Scope.PERSON, p.reference, h.reference) for h in households for p in h.members]
    findings = []
    for number in range(draw(st.integers(0, 60))):
        # Household findings most often: they are what every member's decision reads.
        scope, subject, household = draw(
            st.sampled_from(subjects).filter(lambda s: s[0] is Scope.HOUSEHOLD)
            | st.sampled_from(subjects)
        )
        severity = draw(st.sampled_from(list(Severity)))
        findings.append(
            Finding(
                code=draw(st.sampled_from(_CODES)),
                title="t",
                severity=severity,
                default_severity=severity,
                outcome=draw(st.sampled_from(list(Outcome))),
                scope=scope,
                subject=subject,
                # Unique, as a report's fingerprints are.
                path=f"$.x[{number}]",
                message="m",
                area=draw(st.sampled_from(_AREAS)) if scope is Scope.AREA else None,
                household=household if scope in (Scope.HOUSEHOLD, Scope.PERSON) else None,
                escalate=draw(st.booleans()),
            )
        )
    people = [p.reference for h in households for p in h.members]
    dependants = frozenset(draw(st.lists(st.sampled_from(people))) if people else [])
    return households, tuple(sorted(findings, key=Finding.sort_key)), dependants


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(data=_cases(), cap=st.sampled_from([1, 2, 3, REASON_CAP]))
def test_case_verdicts_agree_with_the_uncut_definition(
    data: tuple[list[Household], tuple[Finding, ...], frozenset[str]], cap: int
) -> None:
    households, findings, dependants = data
    with pytest.MonkeyPatch.context() as patch:
        # A small cap cuts the classes of these small households as a large household's are.
        patch.setattr(check_module, "REASON_CAP", cap)
        cases = check_module.case_verdicts(
            households, findings, operation_level(findings), _GATES, dependants
        )
    uncut = _uncut_case_verdicts(households, findings, _GATES, dependants)
    assert len(cases) == len(uncut)
    for case, expected in zip(cases, uncut, strict=True):
        _agrees(case, expected, cap)


def _checked_cases(operation: Operation, as_of: Any) -> Iterator[tuple[CaseVerdict, _UncutCase]]:
    catalogue = builtin_registry()
    policy = effective_policy(None, None, catalogue)
    settlement = Settlement(
        policy=policy,
        rules=policy.apply(catalogue),
        catalogue=catalogue,
        waivers=located_waivers(operation, ()),
        operation=operation.reference,
    )
    run = CheckRun(operation=operation, settlement=settlement)
    findings, _, dependent = run.findings_at(to_instant(as_of))
    gates = frozenset(rule.code for rule in settlement.rules if rule.meta.facilitation_gate)
    cases = check_module.case_verdicts(
        operation.households, findings, operation_level(findings), gates, dependent
    )
    uncut = _uncut_case_verdicts(list(operation.households), findings, gates, dependent)
    yield from zip(cases, uncut, strict=True)


@pytest.mark.parametrize("example", examples(), ids=lambda item: item.name)
def test_small_households_keep_every_reason(example: Any) -> None:
    # Nothing is cut in the bundled examples: every reason is listed, as before.
    for case, uncut in _checked_cases(example.load(), example.as_of):
        assert len(uncut.reasons) <= REASON_CAP
        _agrees(case, uncut, REASON_CAP)


def test_a_large_household_agrees_with_the_uncut_definition() -> None:
    operation = _with_households(_bare_household(2 * REASON_CAP + 3), _bare_household(3, "H-2"))
    cut = 0
    for case, uncut in _checked_cases(operation, AS_OF):
        _agrees(case, uncut, REASON_CAP)
        cut += len(uncut.reasons) > REASON_CAP
    assert cut > 0


def test_a_case_verdict_made_by_hand_counts_its_reasons() -> None:
    reason = Reason(
        code="VOL-001",
        severity=Severity.BLOCKER,
        outcome=Outcome.FAIL,
        subject="P",
        path="$",
        message="m",
    )
    case = CaseVerdict(
        scope=Scope.PERSON,
        subject="P",
        household="H",
        area=None,
        verdict=Verdict.BLOCKED,
        reasons=(reason, reason),
    )
    assert case.reasons_total == 2
    assert case.reasons_by_code == {"VOL-001": 2}


# --- the household index for rules ---------------------------------------------------------

_RELATIONSHIPS = (None, *Relationship)


def _stays(member: Member) -> bool:
    return member.person.stays_behind is True


def _anyone(member: Member) -> bool:
    return True


@settings(max_examples=200)
@given(
    relationships=st.lists(st.sampled_from(_RELATIONSHIPS), max_size=12),
    sides=st.lists(st.sampled_from((None, False, True)), min_size=12, max_size=12),
    wanted=st.none() | st.frozensets(st.sampled_from(_RELATIONSHIPS)),
)
def test_kin_counts_as_walking_the_household(
    relationships: list[Relationship | None],
    sides: list[bool | None],
    wanted: frozenset[Relationship | None] | None,
) -> None:
    household = Household(
        reference="H",
        members=tuple(
            Person(reference=f"P{i}", relationship_to_head=relationship, stays_behind=side)
            for i, (relationship, side) in enumerate(zip(relationships, sides, strict=False))
        ),
    )
    facts = build_facts(_with_households(household), to_instant(AS_OF), Parameters())
    kin = Kin.of(facts, household)
    stranger = Person(reference="P0", stays_behind=True)
    for test in (_stays, _anyone):
        for besides in (None, stranger, *household.members):
            walked = sum(
                1
                for index, member in enumerate(household.members)
                if member is not besides
                and (wanted is None or member.relationship_to_head in wanted)
                and test(Member(facts, household, member, index, {}))
            )
            assert kin.count(wanted, test, besides=besides) == walked


def test_the_members_of_a_household_share_one_kin_per_check() -> None:
    household = _bare_household(3)
    operation = _with_households(household, _bare_household(2))
    facts = build_facts(operation, to_instant(AS_OF), Parameters())
    contexts = [
        subject.context
        for subject in _subjects(Scope.PERSON, facts, None)
        if isinstance(subject.context, PersonContext)
    ]
    first = [ctx.kin for ctx in contexts if ctx.household is operation.households[0]]
    second = [ctx.kin for ctx in contexts if ctx.household is operation.households[1]]
    assert len(first) == 3
    assert all(kin is first[0] for kin in first)
    assert len(second) == 2
    assert all(kin is second[0] for kin in second)
    assert first[0] is not second[0]
