"""The streaming check gives what the in-memory check gives, on the same households."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import repatguard
from repatguard.examples import example, examples
from repatguard.model import Waiver
from repatguard.policy import Policy
from repatguard.render.json import report_to_dict, to_json
from repatguard.testing.synthetic import declared_population, write_csv

EXAMPLES = [item.name for item in examples()]


def _example_text(name: str) -> str:
    from importlib import resources

    chosen = example(name)
    return resources.files("repatguard.examples").joinpath(chosen.file).read_text("utf-8")


def _households_of(name: str) -> list[dict[str, Any]]:
    households: list[dict[str, Any]] = json.loads(_example_text(name))["households"]
    return households


@pytest.mark.parametrize("name", EXAMPLES)
@pytest.mark.parametrize("reveal", [True, False], ids=["revealed", "pseudonymous"])
def test_each_bundled_example_streams_to_the_same_result(
    name: str, reveal: bool, stream: Any, same_as_in_memory: Any, jsonl: Any
) -> None:
    chosen = example(name)
    operation = chosen.load()
    options: dict[str, Any] = {"reveal_references": reveal, "reference_key": "k-1"}
    reference = repatguard.check(operation, as_of=chosen.as_of, next_review=False, **options)
    shell = attrs.evolve(operation, households=())
    streamed = stream(shell, jsonl(_households_of(name)), as_of=chosen.as_of, **options)
    same_as_in_memory(reference, streamed)
    assert streamed.result.report.verdict == chosen.expected_verdict


def test_a_generated_manifest_streams_to_the_same_result(
    synthetic: Any, stream: Any, same_as_in_memory: Any, jsonl: Any, operation_with: Any
) -> None:
    operation, households = synthetic(120, 11)
    for number, household in enumerate(households[::7]):
        # Persons bound for another area than their household, and own departure dates.
        household["members"][-1]["intended_return_area"] = ("AREA-E", "AREA-N")[number % 2]
        household["members"][0]["planned_departure"] = "2026-07-0" + str(1 + number % 9)
    households[3]["members"] = []
    # Declared counts, so that the manifest is the whole population and the gates can clear.
    operation = {**operation, "population": declared_population(households)}
    reference = repatguard.check(
        operation_with(operation, households), as_of=pytest_as_of(), next_review=False
    )
    streamed = stream(operation_with(operation, []), jsonl(households), chunk_size=17)
    same_as_in_memory(reference, streamed)
    # The synthetic data is varied enough to exercise the verdict gates.
    people = report_to_dict(reference)["summary"]["cases"]
    assert sum(1 for count in people.values() if count) >= 3
    assert streamed.result.manifest.persons == sum(len(h["members"]) for h in households)


def test_csv_gives_the_same_result_as_json_lines(
    synthetic: Any, stream: Any, same_as_in_memory: Any, tmp_path: Path, operation_with: Any
) -> None:
    operation, households = synthetic(60, 12)
    reference = repatguard.check(
        operation_with(operation, households), as_of=pytest_as_of(), next_review=False
    )
    path = tmp_path / "cases.csv"
    write_csv(path, households)
    streamed = stream(operation_with(operation, []), path)
    same_as_in_memory(reference, streamed)


def test_households_in_the_operation_come_first(
    synthetic: Any, stream: Any, same_as_in_memory: Any, jsonl: Any, operation_with: Any
) -> None:
    operation, households = synthetic(40, 13)
    reference = repatguard.check(
        operation_with(operation, households), as_of=pytest_as_of(), next_review=False
    )
    streamed = stream(operation_with(operation, households[:15]), jsonl(households[15:]))
    same_as_in_memory(reference, streamed)


def test_policies_and_waivers_apply_as_in_memory(
    synthetic: Any, stream: Any, same_as_in_memory: Any, jsonl: Any, operation_with: Any
) -> None:
    operation, households = synthetic(50, 14)
    full = operation_with(operation, households)
    first = repatguard.check(full, as_of=pytest_as_of(), reveal_references=True)
    catalogue = repatguard.builtin_registry()

    def waivable(finding: repatguard.Finding) -> bool:
        return finding.code in catalogue and catalogue.get(finding.code).meta.waivable

    case_finding = next(f for f in first.findings if f.scope.value == "person" and waivable(f))
    operation_finding = next(
        (f for f in first.findings if f.scope.value in ("operation", "area") and waivable(f)),
        None,
    )
    waivers = [
        Waiver(
            code=case_finding.code,
            subject=case_finding.subject,
            justification="Reviewed by the protection unit; risk accepted for this case.",
            approved_by="Head of protection",
            granted_on=pytest_as_of().subtract(days=10),
            expires_on=pytest_as_of().add(days=20),
            decision_record="MEMO-1",
        ),
        Waiver(
            code="VOL-013",
            subject="H-NOBODY",
            justification="A waiver that matches no finding, to see META-001 come out.",
            approved_by="Head of protection",
            granted_on=pytest_as_of().subtract(days=10),
            expires_on=pytest_as_of().add(days=200),
            decision_record="MEMO-2",
        ),
    ]
    if operation_finding is not None:
        waivers.append(
            attrs.evolve(waivers[0], code=operation_finding.code, subject=operation_finding.subject)
        )
    policy = Policy(severity={"VOL-001": repatguard.Severity.BLOCKER}, ignore=("DATA-006",))
    options: dict[str, Any] = {"policy": policy, "waivers": tuple(waivers)}
    reference = repatguard.check(full, as_of=pytest_as_of(), next_review=False, **options)
    assert reference.summary.by_outcome["waived"] >= 1
    assert any(f.code == "META-001" for f in reference.findings)
    streamed = stream(operation_with(operation, []), jsonl(households), chunk_size=9, **options)
    same_as_in_memory(reference, streamed)


@pytest.mark.parametrize("name", EXAMPLES)
def test_raised_severities_apply_as_in_memory_on_both_passes(
    name: str, stream: Any, same_as_in_memory: Any, jsonl: Any
) -> None:
    # Review of #13: no test raised a severity above its default in a streamed check, so
    # the overrides of the case pass or of the operation pass could be dropped unseen. No
    # privacy notice for anyone gives every example person-level findings (DATA-006) beside
    # its operation- and area-level ones.
    chosen = example(name)
    households = _households_of(name)
    for household in households:
        for member in household["members"]:
            member["privacy_notice_given"] = False
    operation = repatguard.load({**json.loads(_example_text(name)), "households": households})
    first = repatguard.check(operation, as_of=chosen.as_of, next_review=False)
    catalogue = repatguard.builtin_registry()
    raised = {
        f.code: repatguard.Severity.BLOCKER
        for f in first.findings
        if f.code in catalogue and f.default_severity is not repatguard.Severity.BLOCKER
    }
    policy = Policy(severity=raised)
    reference = repatguard.check(operation, as_of=chosen.as_of, next_review=False, policy=policy)
    shell = attrs.evolve(operation, households=())
    streamed = stream(shell, jsonl(households), as_of=chosen.as_of, policy=policy)
    same_as_in_memory(reference, streamed)
    scopes = {f.scope.value for f in reference.findings if f.code in raised}
    assert "person" in scopes
    if name != "organised-promotion":  # the one example without a finding above cases
        assert scopes & {"area", "operation"}, scopes
    assert reference.summary.by_severity["blocker"] > first.summary.by_severity["blocker"]


def test_no_manifest_and_no_households(stream: Any, same_as_in_memory: Any) -> None:
    chosen = example("organised-promotion")
    shell = attrs.evolve(chosen.load(), households=())
    reference = repatguard.check(shell, as_of=chosen.as_of, next_review=False)
    streamed = stream(shell, None, as_of=chosen.as_of)
    same_as_in_memory(reference, streamed)
    assert streamed.findings == ""
    assert streamed.cases == ""


def test_output_does_not_depend_on_chunking(
    synthetic: Any, stream: Any, jsonl: Any, operation_with: Any
) -> None:
    operation, households = synthetic(45, 15)
    path = jsonl(households)
    shell = operation_with(operation, [])
    runs = [stream(shell, path, chunk_size=size) for size in (1, 7, 1000)]
    first = runs[0]
    for other in runs[1:]:
        assert other.findings == first.findings
        assert other.cases == first.cases
        assert to_json(other.result.report) == to_json(first.result.report)


def pytest_as_of() -> Any:
    import pendulum

    return pendulum.Date(2026, 6, 1)
