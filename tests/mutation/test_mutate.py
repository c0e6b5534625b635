"""The mutation tool itself (quick): which changes it makes, and which it never makes.

The mutation run is in ``test_mutation_score.py`` (marked ``long``).
"""

from __future__ import annotations

import ast
import shutil
import textwrap
from pathlib import Path

import pytest

from .mutate import (
    CONDITION,
    RELAXES,
    TIGHTENS,
    VERDICT,
    Mutant,
    _canary,
    _Workspace,
    apply,
    mutants,
    selection_for,
    targets,
)

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"

RULE = '''\
"""A docstring with True, 1 and == in it."""

from __future__ import annotations

__all__ = ("physical", "other")


@rule(code="X-001", title="A title", severity=Severity.BLOCKER, waivable=True, since="0.1.0")
def physical(ctx: AreaContext) -> Iterator[Found]:
    """Another docstring."""
    level = ctx.level
    if level is None:
        yield Problem.unknown("a", f"{ctx.area!r} has no level", observed="none", expected="a")
        return
    if level >= 2 and ctx.flags in {UNHCR, IOM}:
        yield Problem.fail("a", "too high", severity=Severity.MAJOR, escalate=True)
    if not all(x.ok for x in ctx.items if x.seen):
        yield NOT_APPLICABLE


EXAMPLES = RuleExamples(passing=Example(description="True", change=lambda op: op if 1 else op))
'''


def _mutants(tmp_path: Path, text: str) -> list[Mutant]:
    (tmp_path / "rule.py").write_text(text, encoding="utf-8")
    return mutants(tmp_path, "rule.py")


def test_every_operator_makes_its_mutants(tmp_path: Path) -> None:
    made = {(m.operator, m.original, m.mutated) for m in _mutants(tmp_path, RULE)}
    assert made >= {
        ("enum", "Severity.BLOCKER", "Severity.MAJOR"),
        ("enum", "Severity.MAJOR", "Severity.MINOR"),
        ("constant", "True", "False"),
        ("compare", "level is None", "level is not None"),
        ("compare", "level >= 2", "level > 2"),
        ("compare", "ctx.flags in {UNHCR, IOM}", "ctx.flags not in {UNHCR, IOM}"),
        ("number", "2", "3"),
        ("number", "2", "1"),
        (
            "boolop",
            "level >= 2 and ctx.flags in {UNHCR, IOM}",
            "level >= 2 or ctx.flags in {UNHCR, IOM}",
        ),
        ("remove-element", "{UNHCR, IOM}", "{IOM}"),
        ("remove-element", "{UNHCR, IOM}", "{UNHCR}"),
        ("negate-if", "x.seen", "not x.seen"),
        (
            "remove-not",
            "not all((x.ok for x in ctx.items if x.seen))",
            "all((x.ok for x in ctx.items if x.seen))",
        ),
        (
            "all-any",
            "all((x.ok for x in ctx.items if x.seen))",
            "any((x.ok for x in ctx.items if x.seen))",
        ),
        ("skip-yield", "yield NOT_APPLICABLE", "yield from ()"),
    }
    checks = {
        (m.original.split("(")[0], m.mutated.split("(")[0])
        for m in _mutants(tmp_path, RULE)
        if m.operator == "check"
    }
    assert checks == {("Problem.fail", "Problem.unknown")}


def test_text_docstrings_examples_and_metadata_are_never_mutated(tmp_path: Path) -> None:
    made = _mutants(tmp_path, RULE)
    lines = {m.line for m in made}
    # The docstrings (1, 11), __all__ (5) and EXAMPLES (23) hold no mutant.
    assert lines.isdisjoint({1, 5, 11, 23})
    # In @rule(...), only the weight is logic: not the code, the title or `since`.
    assert {m.original for m in made if m.line == 8} == {"Severity.BLOCKER", "True"}
    # No mutant touches a string, a message, `observed` or `expected`.
    for mutant in made:
        assert "'" not in mutant.original or mutant.operator in {"check", "skip-yield"}


def test_text_builders_and_example_builders_are_left_alone(tmp_path: Path) -> None:
    text = (
        "def _side(stays: bool | None) -> str:\n    return 'stays' if stays is True else 'moves'\n"
        "def _example(op: Operation) -> Operation:\n    return op.areas[0]\n"
        "def _logic(stays: bool | None) -> bool:\n    return stays is True\n"
    )
    assert {m.line for m in _mutants(tmp_path, text)} == {6}


def test_a_negation_is_made_once(tmp_path: Path) -> None:
    # `if level is None` is negated by the comparison swap; no second, identical mutant.
    made = _mutants(tmp_path, RULE)
    assert not [m for m in made if m.operator == "negate-if" and m.original == "level is None"]
    assert not [m for m in made if m.operator == "negate-if" and m.original.startswith("not ")]


def test_each_mutant_changes_exactly_its_site(tmp_path: Path) -> None:
    made = _mutants(tmp_path, RULE)
    original = ast.dump(ast.parse(RULE))
    for mutant in made:
        changed = apply(RULE, mutant.index)
        assert ast.dump(ast.parse(changed)) != original, mutant.label()
        compile(changed, "rule.py", "exec")
    # The relaxing change of the weight, and nothing else, lands in the decorator.
    first = next(m for m in made if m.original == "Severity.BLOCKER")
    assert first.kind == RELAXES
    assert "severity=Severity.MAJOR, waivable=True" in apply(RULE, first.index)


def test_kinds_say_whether_a_change_relaxes_a_result(tmp_path: Path) -> None:
    made = _mutants(tmp_path, RULE)
    kind = {(m.operator, m.original.split("(")[0], m.mutated.split("(")[0]): m.kind for m in made}
    assert kind[("check", "Problem.fail", "Problem.unknown")] == RELAXES
    assert kind[("skip-yield", "yield Problem.fail", "yield from ")] == RELAXES
    assert kind[("skip-yield", "yield Problem.unknown", "yield from ")] == RELAXES
    assert kind[("skip-yield", "yield NOT_APPLICABLE", "yield from ")] == TIGHTENS
    assert kind[("compare", "level is None", "level is not None")] == CONDITION


def test_an_enum_member_compared_against_is_a_condition(tmp_path: Path) -> None:
    text = "def f(x):\n    return x is Outcome.FAIL or x in (Outcome.ERROR, Outcome.PASS)\n"
    enums = [m for m in _mutants(tmp_path, text) if m.operator == "enum"]
    assert {m.original for m in enums} == {"Outcome.FAIL", "Outcome.ERROR", "Outcome.PASS"}
    assert {m.kind for m in enums} == {CONDITION}


def test_every_rule_file_has_mutants_and_a_test_selection() -> None:
    chosen = targets(SRC)
    assert {t.name for t in chosen} >= {"cond", "prem", "vol", "shared", "verdict"}
    for target in chosen:
        assert target.files, target.name
        for file in target.files:
            assert mutants(SRC, file), file
            selection = selection_for(ROOT, file)
            assert all((ROOT / test.split("::")[0]).exists() for test in selection), selection
    assert selection_for(ROOT, VERDICT)[0] == "tests/engine/test_verdict.py"


def test_a_rule_runs_its_own_tests_first() -> None:
    file = "repatguard/rules/cond/cond_003_physical_security.py"
    selection = selection_for(ROOT, file)
    assert selection[0] == "tests/rules/cond/test_cond_003.py"
    assert "tests/test_catalogue.py::test_the_failing_example_fails[COND-003]" in selection
    assert "tests/reliability/test_fail_closed.py" in selection


def test_the_workers_import_the_mutated_copy(tmp_path: Path) -> None:
    # PYTHONPATH must win over the editable install, or every mutant would "survive".
    space = _Workspace(tmp_path)
    shutil.copytree(SRC / "repatguard", space.src / "repatguard")
    _canary(space)


def test_the_canary_notices_the_installed_package(tmp_path: Path) -> None:
    space = _Workspace(tmp_path)
    space.src.mkdir()  # an empty copy: the import falls through to the installed package
    with pytest.raises(RuntimeError, match="not the one imported"):
        _canary(space)


def test_the_source_is_valid_after_every_mutant_of_a_real_rule() -> None:
    file = "repatguard/rules/cond/cond_003_physical_security.py"
    source = (SRC / file).read_text(encoding="utf-8")
    made = mutants(SRC, file)
    assert len(made) > 20
    for mutant in made[::4]:  # a sample: the long run compiles every mutant before running it
        compile(apply(source, mutant.index), file, "exec")


@pytest.mark.parametrize(
    "source",
    [
        textwrap.dedent("""
    if TYPE_CHECKING:
        import x
""")
    ],
)
def test_type_checking_blocks_are_left_alone(tmp_path: Path, source: str) -> None:
    assert _mutants(tmp_path, source) == []
