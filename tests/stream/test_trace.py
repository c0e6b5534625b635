"""The decision trace of a streamed check (issue 14): each case's trace on its verdict line,
the operation's and the areas' in the report, all equal to the in-memory trace of the same
households, and nothing of it without ``trace``."""

from __future__ import annotations

import json
from typing import Any

import attrs
import pendulum
import pytest
from jsonschema import Draft202012Validator

import repatguard
from repatguard import schemas
from repatguard.examples import example, examples
from repatguard.facts.parameters import Parameters
from repatguard.model import Waiver
from repatguard.policy import Policy
from repatguard.render.json import report_to_dict, to_json
from repatguard.report.trace import ParameterSource
from repatguard.testing.synthetic import declared_population, write_csv

AS_OF = pendulum.Date(2026, 6, 1)
CASE_SCOPES = ("household", "person")


def _households_of(name: str) -> list[dict[str, Any]]:
    from importlib import resources

    text = resources.files("repatguard.examples").joinpath(example(name).file).read_text("utf-8")
    households: list[dict[str, Any]] = json.loads(text)["households"]
    return households


def assert_same_trace(reference: repatguard.Report, streamed: Any) -> None:
    """The streamed trace is the in-memory one: the report holds the operation's and the
    areas' scopes and every parameter, each case verdict line its case's scope; without
    the traces, the streamed output is what the in-memory check gives."""
    expected = report_to_dict(reference)
    trace = expected["trace"]
    assert trace is not None
    got = report_to_dict(streamed.result.report)["trace"]
    assert got["scopes"] == [s for s in trace["scopes"] if s["scope"] not in CASE_SCOPES]
    assert got["parameters"] == trace["parameters"]
    lines = streamed.case_verdicts()
    assert [line.pop("trace") for line in lines] == [
        s for s in trace["scopes"] if s["scope"] in CASE_SCOPES
    ]
    assert lines == expected["case_verdicts"]
    for key in ("findings", "case_verdicts", "next_review", "next_review_computed", "trace"):
        expected.pop(key)
    got_report = report_to_dict(streamed.result.report)
    for key in ("findings", "case_verdicts", "next_review", "next_review_computed", "trace"):
        got_report.pop(key)
    assert got_report == expected
    assert streamed.result.manifest.complete


def _traced_check(operation: Any, **options: Any) -> repatguard.Report:
    options.setdefault("as_of", AS_OF)
    return repatguard.check(operation, next_review=False, trace=True, **options)


@pytest.mark.parametrize("name", [item.name for item in examples()])
@pytest.mark.parametrize("reveal", [True, False], ids=["revealed", "pseudonymous"])
def test_each_example_traces_as_in_memory(name: str, reveal: bool, stream: Any, jsonl: Any) -> None:
    chosen = example(name)
    operation = chosen.load()
    options: dict[str, Any] = {"reveal_references": reveal, "reference_key": "k-trace"}
    reference = _traced_check(operation, as_of=chosen.as_of, **options)
    shell = attrs.evolve(operation, households=())
    path = jsonl(_households_of(name))
    streamed = stream(shell, path, as_of=chosen.as_of, trace=True, **options)
    assert_same_trace(reference, streamed)
    if not reveal:
        # Pseudonymised under the same key as the in-memory trace: no input reference left.
        people = {h.reference for h in operation.households}
        people |= {p.reference for h in operation.households for p in h.members}
        shown = streamed.cases + to_json(streamed.result.report)
        assert not [r for r in people if f'"{r}"' in shown]


def test_a_generated_manifest_traces_as_in_memory_in_any_chunking(
    synthetic: Any, stream: Any, jsonl: Any, operation_with: Any
) -> None:
    operation, households = synthetic(90, 31)
    for number, household in enumerate(households[::6]):
        # Persons bound for another area than their household's: their own area decides.
        household["members"][-1]["intended_return_area"] = ("AREA-E", "AREA-N")[number % 2]
    households[4]["members"] = []  # nobody listed: the no_members step
    operation = {**operation, "population": declared_population(households)}
    reference = _traced_check(operation_with(operation, households), reference_key="k")
    steps = {
        step["step"]
        for scope in report_to_dict(reference)["trace"]["scopes"]
        for step in scope["steps"]
    }
    # The generated households take the steps a case can take.
    assert {"case_hold", "deciding_members", "members", "no_members"} <= steps
    path = jsonl(households)
    shell = operation_with(operation, [])
    runs = [stream(shell, path, chunk_size=size, trace=True, reference_key="k") for size in (1, 13)]
    for streamed in runs:
        assert_same_trace(reference, streamed)
    assert runs[0].cases == runs[1].cases


def test_csv_and_households_held_in_the_operation(
    synthetic: Any, stream: Any, tmp_path: Any, operation_with: Any
) -> None:
    operation, households = synthetic(40, 32)
    reference = _traced_check(operation_with(operation, households), reference_key="k")
    path = tmp_path / "cases.csv"
    write_csv(path, households[12:])
    streamed = stream(
        operation_with(operation, households[:12]), path, trace=True, reference_key="k"
    )
    assert_same_trace(reference, streamed)


def test_policies_waivers_and_parameter_sources_as_in_memory(
    synthetic: Any, stream: Any, jsonl: Any, operation_with: Any
) -> None:
    operation, households = synthetic(50, 33)
    full = operation_with(operation, households)
    first = repatguard.check(full, as_of=AS_OF, reveal_references=True, next_review=False)
    person = next(f for f in first.findings if f.scope.value == "person" and f.code == "VOL-004")
    waiver = Waiver(
        code=person.code,
        subject=person.subject,
        justification="Reviewed by the protection unit; risk accepted for this case.",
        approved_by="Head of protection",
        granted_on=AS_OF.subtract(days=10),
        expires_on=AS_OF.add(days=20),
        decision_record="MEMO-1",
    )
    policy = Policy(
        severity={"VOL-001": repatguard.Severity.BLOCKER},
        parameters=Parameters(assessment_max_age="P170D"),
    )
    sources = {"assessment_max_age": ParameterSource.COMMAND_LINE}
    options: dict[str, Any] = {
        "policy": policy,
        "waivers": (waiver,),
        "parameter_sources": sources,
        "reference_key": "k",
    }
    reference = _traced_check(full, **options)
    shell = operation_with(operation, [])
    streamed = stream(shell, jsonl(households), chunk_size=8, trace=True, **options)
    assert_same_trace(reference, streamed)
    parameters = streamed.result.report.trace.parameters
    by_name = {p.name: p for p in parameters}
    assert by_name["assessment_max_age"].source is ParameterSource.COMMAND_LINE
    # A parameter whose rules decide cases only is named too, as in the in-memory trace.
    scopes = streamed.result.report.trace.scopes
    above = {f.code for scope in scopes for step in scope.steps for f in step.findings}
    assert [p.name for p in parameters if not above.intersection(p.rules)]


def test_two_jobs_give_the_same_bytes_as_one(
    synthetic: Any, stream: Any, jsonl: Any, operation_with: Any
) -> None:
    operation, households = synthetic(60, 34)
    households[7]["members"][0]["age"] = "3"  # one bad record: INPUT-001 in the trace
    path = jsonl(households)
    shell = operation_with(operation, [])
    one = stream(shell, path, chunk_size=7, jobs=1, trace=True)
    two = stream(shell, path, chunk_size=7, jobs=2, trace=True)
    assert to_json(two.result.report) == to_json(one.result.report)
    assert two.cases == one.cases
    assert two.findings == one.findings
    assert one.result.manifest.failed == 1
    operation_trace = one.result.report.trace.scopes[0]
    listed = {f.code for step in operation_trace.steps for f in step.findings}
    assert "INPUT-001" in listed


def test_without_trace_nothing_of_it_is_written(
    synthetic: Any, stream: Any, jsonl: Any, operation_with: Any
) -> None:
    operation, households = synthetic(30, 35)
    path = jsonl(households)
    shell = operation_with(operation, [])
    plain = stream(shell, path, reference_key="k")
    traced = stream(shell, path, reference_key="k", trace=True)
    assert plain.result.report.trace is None
    assert all("trace" not in line for line in plain.case_verdicts())
    # The trace adds a key to each line and the report's trace; nothing else changes.
    untraced = [{k: v for k, v in line.items() if k != "trace"} for line in traced.case_verdicts()]
    assert untraced == plain.case_verdicts()
    assert plain.findings == traced.findings
    assert attrs.evolve(traced.result.report, trace=None) == plain.result.report


def test_the_case_lines_and_the_report_validate_against_the_report_schema(
    stream: Any, jsonl: Any
) -> None:
    chosen = example("spontaneous-escalation")
    shell = attrs.evolve(chosen.load(), households=())
    streamed = stream(shell, jsonl(_households_of(chosen.name)), as_of=chosen.as_of, trace=True)
    schema = schemas.load("report")
    checker = Draft202012Validator.FORMAT_CHECKER

    def errors(value: Any, definition: str) -> list[str]:
        # A definition of the report schema, with the schema's other definitions in reach.
        part = {**schema, "$ref": f"#/$defs/{definition}"}
        validator = Draft202012Validator(part, format_checker=checker)
        return [e.message for e in validator.iter_errors(value)]

    lines = streamed.case_verdicts()
    assert lines
    for line in lines:
        trace = line.pop("trace")
        assert errors(line, "CaseVerdict") == []
        assert errors(trace, "ScopeTrace") == []
    report = report_to_dict(streamed.result.report)
    assert errors(report, "Report") == []
    assert errors({**lines[0], "surplus": 1}, "CaseVerdict") != []  # the check can fail
