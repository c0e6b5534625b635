"""The references of the catalogue say plainly what was not checked against the primary text,
and docs/references.md lists every rule that has such a reference (issue 16)."""

from __future__ import annotations

import re
from pathlib import Path

from repatguard.rules.registry import builtin_registry

ROOT = Path(__file__).resolve().parents[1]
CAVEAT = "not verified with the available sources"
SECTION = "## Not verified with the available sources"
# Older ways of saying a locator was not checked; one wording keeps them easy to find.
VAGUE = re.compile(r"unverified|title seen|title only|recalled|wording not read", re.IGNORECASE)


def _locators() -> list[tuple[str, str]]:
    return [(rule.code, ref.locator) for rule in builtin_registry() for ref in rule.meta.references]


def _codes_with_the_caveat() -> set[str]:
    return {code for code, locator in _locators() if CAVEAT in locator}


def _codes_listed_as_not_verified() -> set[str]:
    page = (ROOT / "docs" / "references.md").read_text(encoding="utf-8")
    section = page.split(SECTION, 1)[1].split("\n## ", 1)[0]
    table = section.split("\n\n")[1]  # the table right under the heading
    codes: set[str] = set()
    for row in table.splitlines()[2:]:
        first_cell = row.split("|")[1]
        codes.update(re.findall(r"\b[A-Z]+-\d{3}\b", first_cell))
    return codes


def test_a_locator_not_checked_says_so_in_one_wording() -> None:
    loose = [
        (code, locator)
        for code, locator in _locators()
        if ("not verified" in locator and CAVEAT not in locator) or VAGUE.search(locator)
    ]
    assert loose == []


def test_every_rule_with_an_unverified_reference_is_listed_in_the_references_page() -> None:
    assert _codes_with_the_caveat() <= _codes_listed_as_not_verified()


def test_the_references_page_lists_no_rule_whose_references_are_all_verified() -> None:
    assert _codes_listed_as_not_verified() <= _codes_with_the_caveat()


def test_the_page_lists_at_least_the_references_known_to_be_unverified() -> None:
    # ExCom Conclusion No. 101's letters beyond para. (b) and No. 111 were not found.
    assert {"COND-010", "LEGAL-001", "LEGAL-003", "LEGAL-008"} <= _codes_listed_as_not_verified()
