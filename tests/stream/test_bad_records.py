"""A bad record never stops the run and never disappears: reported, counted, fail closed."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

from repatguard.examples import example
from repatguard.outcomes import Verdict
from repatguard.stream import MANIFEST_CODE, ManifestError, check_manifest
from repatguard.stream.cases import _load
from repatguard.stream.manifest import CaseRecord, Chunk

GOOD = example("organised-promotion")


def _household(number: int) -> dict[str, Any]:
    from importlib import resources

    text = resources.files("repatguard.examples").joinpath(GOOD.file).read_text("utf-8")
    template = json.loads(text)["households"][0]
    household: dict[str, Any] = copy.deepcopy(template)
    household["reference"] = f"HH-{number}"
    for position, person in enumerate(household["members"]):
        person["reference"] = f"HH-{number}-P{position}"
    return household


def _lines(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "cases.jsonl"
    path.write_bytes("".join(line + "\n" for line in lines).encode("utf-8"))
    return path


def _shell(households: int | None = None) -> Any:
    """The good example without its households; with ``households``, its population declares
    that many copies of the first household (all refugees), else no count at all."""
    operation = GOOD.load()
    listed = len(_household(0)["members"])
    refugees = None if households is None else households * listed
    zero = None if households is None else 0
    population = attrs.evolve(
        operation.population,
        refugees=refugees,
        asylum_seekers=zero,
        migrants=zero,
        idps=zero,
        stateless=zero,
        unknown=zero,
    )
    return attrs.evolve(operation, households=(), population=population)


def test_a_manifest_with_no_count_declared_is_not_taken_as_the_whole_population(
    stream: Any, tmp_path: Path
) -> None:
    # Issue 11 items 19 and 23: people declared nowhere may exist beyond the manifest.
    records = [json.dumps(_household(n)) for n in range(3)]
    streamed = stream(_shell(), _lines(tmp_path, records), as_of=GOOD.as_of)
    assert streamed.result.report.verdict is Verdict.INSUFFICIENT_INFORMATION
    assert "PREM-014" in {reason.code for reason in streamed.result.report.reasons}


def test_a_clean_manifest_of_the_promoted_example_is_promoted(stream: Any, tmp_path: Path) -> None:
    records = [json.dumps(_household(n)) for n in range(3)]
    streamed = stream(_shell(3), _lines(tmp_path, records), as_of=GOOD.as_of)
    assert streamed.result.report.verdict is Verdict.PROMOTE
    assert streamed.issues == []


def test_every_bad_line_is_reported_with_its_line_and_path(stream: Any, tmp_path: Path) -> None:
    text_age = _household(2)
    text_age["members"][0]["age"] = "3"
    del text_age["members"][0]["date_of_birth"]
    unknown_field = _household(4)
    unknown_field["members"][1]["favourite_colour"] = "blue"
    unknown_area = _household(5)
    unknown_area["intended_return_area"] = "AREA-X"
    lines = [
        json.dumps(_household(1)),
        json.dumps(text_age),
        "",  # blank lines are not cases
        "{not json",
        json.dumps(unknown_field),
        json.dumps(unknown_area),
        "[1, 2]",
        '{"reference": "HH-9", "reference": "HH-10"}',
        json.dumps(_household(1)),  # the same household again
        json.dumps(_household(11)),
    ]
    # The population declares the three households that load.
    streamed = stream(_shell(3), _lines(tmp_path, lines), as_of=GOOD.as_of)
    shown = [str(issue) for issue in streamed.issues]
    assert (
        shown[0] == "line 2: $.members[0].age: expected a whole number, got a text of 1 character"
    )
    assert shown[1].startswith("line 4: $: not valid JSON: ")
    assert shown[2] == "line 5: $.members[1]: unknown field (its name is not shown)"
    assert shown[3] == (
        "line 6: $.intended_return_area: unknown return area (no return area of the operation "
        "has this reference)"
    )
    assert shown[4] == "line 7: $: expected an object (one household)"
    assert shown[5] == "line 8: $.reference: key appears more than once"
    assert shown[6] == (
        "line 9: $.reference: the household reference is already used by an earlier household"
    )
    assert shown[7] == (
        "line 9: $.members[0].reference: the person reference is already used by an earlier person"
    )
    stats = streamed.result.manifest
    assert (stats.cases, stats.checked, stats.failed) == (9, 3, 6)
    assert stats.duplicates == 5  # the household and its four members
    assert stats.issues == len(shown) == 11
    assert not stats.complete
    report = streamed.result.report
    assert report.verdict is Verdict.INSUFFICIENT_INFORMATION
    assert [reason.code for reason in report.reasons] == [MANIFEST_CODE]
    # The cases that loaded were checked all the same.
    assert len(streamed.case_verdicts()) == 3 * (1 + len(_household(0)["members"]))


def test_failed_cases_hold_every_case_verdict_below_promotion(stream: Any, tmp_path: Path) -> None:
    lines = [json.dumps(_household(1)), "{"]
    streamed = stream(_shell(), _lines(tmp_path, lines), as_of=GOOD.as_of)
    verdicts = {case["verdict"] for case in streamed.case_verdicts()}
    assert verdicts == {"insufficient_information"}


def test_invalid_utf8_and_deep_records_are_issues(stream: Any, tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    deep = "[" * 100 + "]" * 100
    path.write_bytes(
        json.dumps(_household(1)).encode() + b"\n" + b'{"reference": "\xff"}\n' + deep.encode()
    )
    streamed = stream(_shell(), path, as_of=GOOD.as_of)
    shown = [str(issue) for issue in streamed.issues]
    assert shown[0].startswith("line 2: $: not valid UTF-8")
    assert shown[1].startswith("line 3: $: ")
    assert streamed.result.manifest.failed == 2


def test_declared_population_below_the_manifest_is_an_issue(stream: Any, tmp_path: Path) -> None:
    operation = attrs.evolve(
        GOOD.load(), households=(), population=attrs.evolve(GOOD.load().population, refugees=2)
    )
    lines = [json.dumps(_household(n)) for n in range(2)]
    streamed = stream(operation, _lines(tmp_path, lines), as_of=GOOD.as_of)
    assert [str(i) for i in streamed.issues] == [
        "$.population: the declared refugee count is below the 8 the manifest lists; counts "
        "must cover everyone on the manifest"
    ]
    assert streamed.result.report.verdict is Verdict.INSUFFICIENT_INFORMATION


def test_an_unreadable_manifest_raises(tmp_path: Path) -> None:
    with pytest.raises(ManifestError) as raised:
        check_manifest(_shell(), tmp_path / "missing.jsonl", as_of=GOOD.as_of)
    assert "cannot read the file" in str(raised.value)
    with pytest.raises(ManifestError, match="unknown manifest type"):
        check_manifest(_shell(), tmp_path / "cases.xlsx", as_of=GOOD.as_of)


def test_personal_data_in_a_bad_record_is_not_repeated(stream: Any, tmp_path: Path) -> None:
    household = _household(1)
    household["members"][0]["name"] = 12345
    streamed = stream(_shell(), _lines(tmp_path, [json.dumps(household)]), as_of=GOOD.as_of)
    (issue,) = streamed.issues
    assert issue.path == "$.members[0].name"
    assert "12345" not in str(issue)


@pytest.mark.parametrize(
    ("line", "issue"),
    [
        (
            '{"reference":"H1","members":[{"reference":"P1","reference":"P2"}]}',
            ("$.members[0].reference", "key appears more than once"),
        ),
        (
            '{"reference":"H1","members":[{"reference":"P1","notes":"\\ud800"}]}',
            ("$.members[0].notes", "not valid Unicode text"),
        ),
        (
            '{"reference":"H1","members":[{"reference":"P1","notes":"caf\\u00e9"}]}',
            None,
        ),
    ],
)
def test_the_reference_loader_finds_repeated_keys_and_lone_surrogates_in_a_line(
    line: str, issue: tuple[str, str] | None
) -> None:
    # A line without repeated keys or \u escapes skips those two searches; these lines
    # have them, so the searches must still run.
    chunk = Chunk(source="m.jsonl", format="jsonl", records=())
    household, problems = _load(chunk, CaseRecord(index=0, line=1, data=line.encode()))
    found = [(p.path, p.message) for _, p in problems]
    assert found == ([] if issue is None else [issue])
    assert (household is None) == (issue is not None)
