"""The catalogue self-test: complete metadata, sound codes, and working examples for every rule."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from repatguard.outcomes import Outcome
from repatguard.rules.examples import NoExample
from repatguard.rules.registry import CODE_PATTERN, RESERVED_CODES, Rule, builtin_registry
from repatguard.testing.reference import pages, run_example
from repatguard.testing.rule_examples import examples_for

ROOT = Path(__file__).resolve().parents[1]
RULES = list(builtin_registry())


def _id(rule: Rule[Any]) -> str:
    return rule.code


def test_the_catalogue_has_at_least_45_rules() -> None:
    assert len(RULES) >= 45


@pytest.mark.parametrize("rule", RULES, ids=_id)
def test_metadata_is_complete(rule: Rule[Any]) -> None:
    assert rule.meta.problems() == []
    assert CODE_PATTERN.match(rule.code)
    for reference in rule.meta.references:
        assert reference.instrument.strip()
        assert reference.locator.strip()


def test_codes_are_unique_and_never_reuse_a_reserved_code() -> None:
    codes = [rule.code for rule in RULES]
    assert len(codes) == len(set(codes))
    assert not set(codes) & set(RESERVED_CODES)
    assert all(CODE_PATTERN.match(code) for code in RESERVED_CODES)


@pytest.mark.parametrize("rule", RULES, ids=_id)
def test_every_rule_has_its_own_test_module(rule: Rule[Any]) -> None:
    family, number = rule.code.lower().split("-")
    assert (ROOT / "tests" / "rules" / family / f"test_{family}_{number}.py").is_file()


@pytest.mark.parametrize("rule", RULES, ids=_id)
def test_the_passing_example_passes(rule: Rule[Any]) -> None:
    examples = examples_for(rule)
    assert examples is not None, f"{rule.code} has no EXAMPLES"
    run = run_example(rule, examples.passing)
    assert Outcome.PASS in run.outcomes
    assert not run.findings


@pytest.mark.parametrize("rule", RULES, ids=_id)
def test_the_failing_example_fails(rule: Rule[Any]) -> None:
    examples = examples_for(rule)
    assert examples is not None, f"{rule.code} has no EXAMPLES"
    run = run_example(rule, examples.failing)
    assert any(f.outcome is Outcome.FAIL for f in run.findings)


@pytest.mark.parametrize("rule", RULES, ids=_id)
def test_the_missing_data_example_is_insufficient_information(rule: Rule[Any]) -> None:
    examples = examples_for(rule)
    assert examples is not None, f"{rule.code} has no EXAMPLES"
    missing = examples.missing
    if isinstance(missing, NoExample):
        assert len(missing.reason) > 20
        return
    run = run_example(rule, missing)
    assert any(f.outcome is Outcome.INSUFFICIENT_INFORMATION for f in run.findings)


def test_committed_reference_pages_match_the_generator() -> None:
    directory = ROOT / "docs" / "rules"
    expected = pages()
    committed = {path.name: path.read_text(encoding="utf-8") for path in directory.glob("*.md")}
    assert sorted(committed) == sorted(expected), "run: python -m repatguard.testing.reference"
    for name, text in expected.items():
        assert committed[name] == text, f"docs/rules/{name} is out of date"
