"""What a verdict asks of agencies depends on the movement: a blocked spontaneous return is
not "movements must not proceed" (people move by themselves) but "do not organise or assist;
monitor and inform" (issue 14)."""

from __future__ import annotations

import attrs
import pytest

import repatguard
from repatguard.examples import example
from repatguard.model import MovementKind
from repatguard.outcomes import Verdict
from repatguard.render.html import to_html
from repatguard.render.json import report_to_dict
from repatguard.render.markdown import to_markdown
from repatguard.render.text import to_text
from repatguard.render.words import VERDICT_MEANING, verdict_meaning

GENERAL = "Movements must not proceed"
SPONTANEOUS = "agencies must not organise or assist returns"


def _blocked(kind: MovementKind) -> repatguard.Report:
    chosen = example("spontaneous-escalation")
    operation = attrs.evolve(chosen.load(), movement_kind=kind)
    return repatguard.check(operation, as_of=chosen.as_of, next_review=False)


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("render", [to_text, to_markdown, to_html], ids=["text", "md", "html"])
def test_a_blocked_spontaneous_return_is_not_organised_or_assisted_but_monitored(
    render: object,
) -> None:
    report = _blocked(MovementKind.SPONTANEOUS)
    assert report.verdict is Verdict.BLOCKED
    assert callable(render)
    shown = _flat(render(report))
    assert SPONTANEOUS in shown
    assert "monitor" in shown
    assert GENERAL not in shown


def test_each_movement_kind_gets_its_own_words_for_the_verdicts_that_hold_it() -> None:
    for verdict in Verdict:
        assert verdict_meaning(verdict, None) == VERDICT_MEANING[verdict]
        assert verdict_meaning(verdict, MovementKind.ORGANISED) == VERDICT_MEANING[verdict]
    for verdict in (Verdict.BLOCKED, Verdict.INSUFFICIENT_INFORMATION):
        assert SPONTANEOUS in verdict_meaning(verdict, MovementKind.SPONTANEOUS)
        mixed = verdict_meaning(verdict, MovementKind.MIXED)
        assert mixed.startswith(VERDICT_MEANING[verdict])
        assert "spontaneous parts" in mixed
    for verdict in (Verdict.PROMOTE, Verdict.FACILITATE_ONLY):
        assert verdict_meaning(verdict, MovementKind.SPONTANEOUS) == VERDICT_MEANING[verdict]


def test_the_json_report_names_the_movement_kind() -> None:
    report = _blocked(MovementKind.SPONTANEOUS)
    assert report.movement_kind is MovementKind.SPONTANEOUS
    assert report_to_dict(report)["movement_kind"] == "spontaneous"
    # An assisted movement is organised with agencies' help: the general words hold.
    assisted = _blocked(MovementKind.ASSISTED_SPONTANEOUS)
    assert assisted.verdict is Verdict.BLOCKED
    assert GENERAL in _flat(to_text(assisted))
    mixed = _flat(to_text(_blocked(MovementKind.MIXED)))
    assert GENERAL in mixed
    assert "spontaneous parts too" in mixed
