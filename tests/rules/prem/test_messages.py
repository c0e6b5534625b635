"""PREM's shared helpers write messages (issue 14): whole sentences in every language, the
English unchanged, and a misuse that errors instead of passing."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.engine.check import check
from repatguard.model import PressureKind, PressureSignal, Stance, UnhcrPosition
from repatguard.outcomes import Outcome, Scope, Severity
from repatguard.render.i18n import say, use_language
from repatguard.rules.api import OperationContext, Problem, Reference, msg
from repatguard.rules.message import Message
from repatguard.rules.prem._positions import described
from repatguard.rules.prem._pressure import pressure_problems
from repatguard.rules.registry import Registry, Rule, RuleMeta
from repatguard.testing.factories import AS_OF, evolve, sound_operation
from repatguard.testing.rules import run_rule


def _tied(kind: PressureKind) -> PressureSignal:
    return PressureSignal(
        kind=kind, started_on=AS_OF.subtract(days=40), tied_to_refusing_return=True
    )


def test_a_measure_tied_to_refusing_return_reads_as_one_sentence_in_each_language() -> None:
    op = evolve(sound_operation(), pressure_signals=(_tied(PressureKind.AID_CUT),))
    finding = run_rule("PREM-004", op).only()
    assert finding.message == (
        "a cut in aid or essential services, expressly tied to refusing return: coercion"
    )
    assert finding.wording is not None
    with use_language("fr"):
        french = say(finding.wording.message)
    assert french == (
        "une réduction de l'aide ou des services essentiels, expressément liée au refus du "
        "retour : contrainte"
    )


def test_a_rule_that_still_passes_plain_text_keeps_its_english_sentence() -> None:
    # VOL-009 (not converted yet) passes `what` as plain text and no `coercion` message.
    op = evolve(sound_operation(), pressure_signals=(_tied(PressureKind.STATUS_REVOCATION),))
    finding = run_rule("VOL-009", op).only()
    assert finding.message == (
        "a host measure that ends or lets lapse the legal status of refugees, expressly tied "
        "to refusing return: coercion"
    )
    assert finding.severity is Severity.BLOCKER


def _pressure_rule_without_its_coercion_sentence() -> Registry:
    def check_function(ctx: OperationContext) -> Iterator[Problem]:
        # A message `what` without the whole sentence for a measure tied to refusing return.
        return pressure_problems(
            ctx, frozenset({PressureKind.AID_CUT}), what=msg("x"), severity=Severity.MAJOR
        )

    meta = RuleMeta(
        code="PREM-099",
        title="test",
        scope=Scope.OPERATION,
        severity=Severity.MAJOR,
        rationale="test",
        references=(Reference(instrument="test", locator="test"),),
        remediation="test",
        checks="test",
    )
    return Registry([Rule(meta=meta, check=check_function)])


def test_a_message_without_its_coercion_sentence_is_an_error_never_a_pass() -> None:
    # Even with no signal at all: the misuse is refused before anything is read.
    report = check(
        sound_operation(), as_of=AS_OF, registry=_pressure_rule_without_its_coercion_sentence()
    )
    assert [f.outcome for f in report.findings if f.code == "PREM-099"] == [Outcome.ERROR]


def test_a_position_is_described_in_the_english_it_always_had() -> None:
    stated = UnhcrPosition(
        reference="POS-9",
        stances=(Stance.NOT_PROMOTING, Stance.FACILITATING_ONLY),
        country="AGO",
        issued_on=AS_OF.subtract(days=5),
    )
    issued = AS_OF.subtract(days=5).isoformat()
    assert str(described(stated)) == f"POS-9 (not_promoting, facilitating_only), issued {issued}"
    unstated = evolve(stated, stances=())
    assert str(described(unstated)) == f"POS-9 (no stance recorded), issued {issued}"
    around = described(
        stated, stated=msg("{position} ({stances}), issued {issued_on}; movement: {kind}", kind="x")
    )
    assert type(around) is Message
    assert str(around).endswith("; movement: x")
