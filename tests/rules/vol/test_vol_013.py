"""VOL-013: communications do not encourage return unless UNHCR promotes."""

from __future__ import annotations

from repatguard.model import ReturnArea
from repatguard.outcomes import Outcome, Severity
from repatguard.rules.registry import builtin_registry
from repatguard.testing.factories import evolve, sound_operation
from repatguard.testing.rules import run_rule


def test_passes_when_communications_do_not_encourage_return() -> None:
    assert run_rule("VOL-013", sound_operation()).clean


def test_promotional_messaging_fails_as_minor() -> None:
    op = evolve(sound_operation(), promotional_messaging=True)
    finding = run_rule("VOL-013", op).only()
    assert finding.outcome is Outcome.FAIL
    assert finding.severity is Severity.MINOR
    assert finding.path == "$.promotional_messaging"


def test_unknown_messaging_is_insufficient_information() -> None:
    op = evolve(sound_operation(), promotional_messaging=None)
    finding = run_rule("VOL-013", op).only()
    assert finding.outcome is Outcome.INSUFFICIENT_INFORMATION
    assert finding.path == "$.promotional_messaging"


def test_is_a_condition_of_facilitation() -> None:
    assert builtin_registry().get("VOL-013").meta.facilitation_gate


def test_messaging_recorded_per_area_is_judged_per_area() -> None:
    op = sound_operation()
    area = ReturnArea(reference="AREA-2", name="Border hills", promotional_messaging=True)
    finding = run_rule("VOL-013", evolve(op, return_areas=(*op.return_areas, area))).only()
    assert finding.outcome is Outcome.FAIL
    assert (finding.area, finding.path) == ("AREA-2", "$.return_areas[1].promotional_messaging")


def test_an_area_without_promotional_messages_passes_where_the_operation_has_them() -> None:
    op = evolve(sound_operation(), promotional_messaging=True)
    area = ReturnArea(reference="AREA-2", name="Border hills", promotional_messaging=False)
    finding = run_rule("VOL-013", evolve(op, return_areas=(*op.return_areas, area))).only()
    assert (finding.area, finding.path) == ("AREA-1", "$.promotional_messaging")
