"""Rule packs: discovery through entry points, namespacing, metadata, duplicates, CLI.

The example pack in tests/rule_pack is a separate distribution. It is not pip-installed here:
its entry point is built in-process from its own pyproject.toml, either as an EntryPoint object
passed to full_registry() or as a minimal *.dist-info directory on sys.path, which
importlib.metadata discovers exactly as it discovers an installed distribution.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any

import pytest

import repatguard
from repatguard.cli.main import main
from repatguard.outcomes import Outcome, Scope, Severity, Verdict
from repatguard.rules.api import OperationContext, Problem, Reference, rule
from repatguard.rules.packs import (
    ENTRY_POINT_GROUP,
    RulePackError,
    full_registry,
    installed_entry_points,
    pack_rules,
)
from repatguard.rules.registry import (
    DuplicateRuleError,
    Registry,
    Rule,
    builtin_registry,
)
from repatguard.testing.factories import AS_OF, evolve, sound_operation

PACK = Path(__file__).resolve().parents[1] / "rule_pack"
GROUP = ENTRY_POINT_GROUP


def _declared() -> dict[str, str]:
    """The example pack's entry points, as its pyproject.toml declares them."""
    project = tomllib.loads((PACK / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared: dict[str, str] = project["entry-points"][GROUP]
    return declared


@pytest.fixture
def example_pack(monkeypatch: pytest.MonkeyPatch) -> list[EntryPoint]:
    """The example pack importable, and its entry points as EntryPoint objects."""
    monkeypatch.syspath_prepend(str(PACK / "src"))
    return [EntryPoint(name, value, GROUP) for name, value in _declared().items()]


@pytest.fixture
def installed_pack(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The example pack discoverable by importlib.metadata, as if pip had installed it."""
    dist_info = tmp_path / "repatguard_example_pack-0.1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: repatguard-example-pack\nVersion: 0.1.0\n",
        encoding="utf-8",
    )
    lines = [f"[{GROUP}]", *(f"{name} = {value}" for name, value in _declared().items())]
    (dist_info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(PACK / "src"))
    monkeypatch.syspath_prepend(str(tmp_path))


def _meta(code: str, **changes: Any) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "code": code,
        "title": "A pack rule",
        "scope": Scope.OPERATION,
        "severity": Severity.MINOR,
        "checks": "Passes always.",
        "rationale": "Exists for the tests.",
        "references": (Reference(instrument="test", locator="n/a"),),
        "remediation": "None.",
    }
    return {**meta, **changes}


def _pack_rule(code: str, **changes: Any) -> Rule[Any]:
    @rule(**_meta(code, **changes))
    def passes(ctx: OperationContext) -> Iterator[Problem]:
        yield from ()

    return passes


class _Loaded(EntryPoint):
    """An entry point whose object is given, as if importing its module returned it."""

    _object: object

    def load(self) -> Any:
        return self._object


def _entry(name: str, value: object) -> EntryPoint:
    entry = _Loaded(name, f"{name}_pack:RULES", GROUP)
    object.__setattr__(entry, "_object", value)
    return entry


# --- the example pack ----------------------------------------------------------------------------


def test_the_example_pack_adds_its_rule_with_its_source(example_pack: list[EntryPoint]) -> None:
    registry = full_registry(example_pack)
    assert len(registry) == len(builtin_registry()) + 1
    added = registry.get("ACME-001")
    assert added.source == "acme"  # no distribution behind an in-process entry point
    assert added.meta.problems(families={"ACME"}) == []
    assert {r.source for r in registry if r.code != "ACME-001"} == {"repatguard"}


def test_pack_rules_take_part_in_the_check_and_fail_closed(
    example_pack: list[EntryPoint],
) -> None:
    registry = full_registry(example_pack)
    sound = repatguard.check(sound_operation(), as_of=AS_OF, registry=registry)
    assert sound.verdict is Verdict.PROMOTE
    assert not sound.findings_for("ACME-001")
    unmonitored = evolve(sound_operation(), route_monitoring=False)
    report = repatguard.check(unmonitored, as_of=AS_OF, registry=registry)
    [finding] = report.findings_for("ACME-001")
    assert (finding.outcome, finding.severity) == (Outcome.FAIL, Severity.MAJOR)
    assert report.verdict is Verdict.FACILITATE_ONLY
    unknown = evolve(sound_operation(), route_monitoring=None)
    [missing] = repatguard.check(unknown, as_of=AS_OF, registry=registry).findings_for("ACME-001")
    assert missing.outcome is Outcome.INSUFFICIENT_INFORMATION


def test_a_pack_changes_the_catalogue_version(example_pack: list[EntryPoint]) -> None:
    assert full_registry(example_pack).version != builtin_registry().version


def test_discovery_finds_an_installed_pack_and_names_its_distribution(
    installed_pack: None,
) -> None:
    assert [ep.name for ep in installed_entry_points()] == ["acme"]
    assert full_registry().get("ACME-001").source == "repatguard-example-pack"


def test_without_packs_the_full_registry_is_the_builtin_one() -> None:
    assert full_registry([]) is builtin_registry()


# --- what an entry point may name --------------------------------------------------------------


def test_an_entry_point_may_name_a_rule_an_iterable_or_a_callable() -> None:
    one, two, three = _pack_rule("ONE-001"), _pack_rule("TWO-001"), _pack_rule("TRE-001")
    entries = [
        _entry("one", one),
        _entry("two", [two]),
        _entry("three", lambda: (three,)),
    ]
    assert {r.code: r.source for r in pack_rules(entries)} == {
        "ONE-001": "one",
        "TWO-001": "two",
        "TRE-001": "three",
    }


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("ACME-001", "names a str"),
        ({"ACME-001": None}, "names a dict"),
        (42, "names a int"),
        ([object()], "item 0 is a object, not a Rule"),
        ((), "provides no rules"),
    ],
)
def test_anything_else_fails_fast(value: object, message: str) -> None:
    with pytest.raises(RulePackError, match=message):
        pack_rules([_entry("acme", value)])


def test_a_pack_that_cannot_be_imported_fails_fast_and_says_which() -> None:
    broken = EntryPoint("broken", "no_such_module_for_repatguard:RULES", GROUP)
    with pytest.raises(RulePackError, match=r"cannot load rule pack entry point 'broken = "):
        full_registry([broken])


def test_a_pack_whose_callable_raises_fails_fast() -> None:
    def explode() -> list[Rule[Any]]:
        raise RuntimeError("boom")

    with pytest.raises(RulePackError, match="raised RuntimeError: boom"):
        pack_rules([_entry("acme", explode)])


# --- namespacing, metadata and duplicates -------------------------------------------------------


def test_a_pack_cannot_use_a_builtin_family() -> None:
    with pytest.raises(RulePackError, match="uses the built-in family VOL"):
        pack_rules([_entry("acme", _pack_rule("VOL-099"))])


def test_pack_rules_meet_the_metadata_requirements_of_builtin_rules() -> None:
    incomplete = _pack_rule("ACME-002", rationale=" ", references=())
    with pytest.raises(RulePackError, match="rationale is empty; no references"):
        pack_rules([_entry("acme", incomplete)])
    with pytest.raises(RulePackError, match="unknown parameter 'not_a_parameter'"):
        pack_rules([_entry("acme", _pack_rule("ACME-003", parameters=("not_a_parameter",)))])
    with pytest.raises(RulePackError, match="is not FAMILY-NNN"):
        pack_rules([_entry("acme", _pack_rule("acme-1"))])


def test_problems_accepts_the_families_it_is_given() -> None:
    meta = _pack_rule("ACME-001").meta
    assert meta.problems() == ["unknown family 'ACME'"]
    assert meta.problems(families={"ACME"}) == []
    assert builtin_registry().get("VOL-001").meta.problems() == []


def test_a_code_provided_twice_fails_naming_both_sources() -> None:
    first, second = (
        _entry("first", _pack_rule("ACME-001")),
        _entry("second", _pack_rule("ACME-001")),
    )
    with pytest.raises(DuplicateRuleError) as raised:
        pack_rules([first, second])
    message = str(raised.value)
    assert "ACME-001" in message
    assert "'first = first_pack:RULES'" in message
    assert "'second = second_pack:RULES'" in message


def test_two_sources_cannot_share_a_family() -> None:
    entries = [_entry("first", _pack_rule("ACME-001")), _entry("second", _pack_rule("ACME-002"))]
    with pytest.raises(RulePackError, match="family ACME is used by two distributions"):
        pack_rules(entries)


def test_a_registry_built_by_hand_names_both_sources_of_a_duplicate() -> None:
    pack = evolve(builtin_registry().get("VOL-001"), source="acme-pack")
    with pytest.raises(DuplicateRuleError, match=r"VOL-001 .*'repatguard' and by 'acme-pack'"):
        Registry([*builtin_registry(), pack])


# --- the command line --------------------------------------------------------------------------


def test_rules_lists_pack_rules_with_their_source(
    installed_pack: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rules", "--family", "acme"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert line.split()[:4] == ["ACME-001", "major", "operation", "repatguard-example-pack"]
    assert main(["rules", "--family", "VOL"]) == 0
    assert all(" repatguard " in line for line in capsys.readouterr().out.splitlines())


def test_rules_refuses_an_unknown_family(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--family", "ACME"]) == 2
    assert "unknown family 'ACME'" in capsys.readouterr().err


def test_check_runs_pack_rules(
    installed_pack: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from repatguard.io.converter import converter

    path = tmp_path / "op.json"
    document = converter().unstructure(evolve(sound_operation(), route_monitoring=False))
    path.write_text(json.dumps(document), encoding="utf-8")
    code = main(["check", str(path), "--as-of", AS_OF.isoformat(), "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0  # a major finding, below the default --fail-on blocker
    assert [f["code"] for f in report["findings"]] == ["ACME-001"]
    assert report["verdict"] == "facilitate_only"


def test_check_reports_a_broken_pack_as_a_usage_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = EntryPoint("broken", "no_such_module_for_repatguard:RULES", GROUP)
    monkeypatch.setattr("repatguard.rules.packs.installed_entry_points", lambda: (broken,))
    assert main(["check", "--example", "organised-promotion"]) == 2
    assert "cannot load rule pack entry point 'broken" in capsys.readouterr().err


def test_explain_shows_a_pack_rule_s_page(
    installed_pack: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["explain", "ACME-001"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("# ACME-001: Returns are monitored along the route")
    assert "| Source | repatguard-example-pack |" in page
