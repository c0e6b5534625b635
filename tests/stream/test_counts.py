"""Counters stand in for households: the population mix and PREM-014 see everyone."""

from __future__ import annotations

from repatguard.engine.check import to_instant
from repatguard.engine.evaluate import evaluate
from repatguard.facts.facts import ManifestCounts, build_facts, count_people
from repatguard.facts.parameters import Parameters
from repatguard.model import CoercionIndicator, LegalCategory, Operation
from repatguard.outcomes import Outcome
from repatguard.report.finding import Finding
from repatguard.rules.registry import builtin_registry
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_member


def _prem_014(operation: Operation, manifest: ManifestCounts | None) -> tuple[Finding, ...]:
    facts = build_facts(operation, to_instant(AS_OF), Parameters(), manifest)
    return evaluate(builtin_registry().select(["PREM-014"]), facts).findings


def test_counts_add_up() -> None:
    first = ManifestCounts(
        households=1, persons=3, listed={LegalCategory.REFUGEE: 3}, coercion_flagged=1
    )
    second = ManifestCounts(
        households=2,
        persons=4,
        listed={LegalCategory.REFUGEE: 1, LegalCategory.IDP: 3},
        coercion_unscreened=2,
    )
    total = first.merge(second)
    assert total == ManifestCounts(
        households=3,
        persons=7,
        listed={LegalCategory.REFUGEE: 4, LegalCategory.IDP: 3},
        coercion_flagged=1,
        coercion_unscreened=2,
    )
    assert ManifestCounts().merge(ManifestCounts()) == ManifestCounts()


def test_counters_give_the_same_result_as_the_households() -> None:
    flagged = with_member(
        sound_operation(), 0, 0, coercion_indicators=(CoercionIndicator.THREATS_OR_PRESSURE,)
    )
    inline = _prem_014(flagged, None)
    facts = build_facts(flagged, to_instant(AS_OF), Parameters())
    counted = count_people(facts, flagged.households)
    assert counted.coercion_flagged == 1
    assert counted.persons == sum(len(h.members) for h in flagged.households)
    streamed = _prem_014(evolve(flagged, households=()), counted)
    assert streamed == inline
    assert [f.outcome for f in streamed] == [Outcome.FAIL]


def test_the_population_mix_counts_streamed_people() -> None:
    operation = sound_operation()
    unknown = evolve(
        operation.population,
        refugees=None,
        asylum_seekers=None,
        migrants=None,
        idps=None,
        stateless=None,
        unknown=None,
    )
    shell = evolve(operation, households=(), population=unknown)
    counts = ManifestCounts(households=1, persons=5, listed={LegalCategory.MIGRANT: 5})
    mix = build_facts(shell, to_instant(AS_OF), Parameters(), counts).population
    assert mix.source == "manifest"
    assert mix.counts[LegalCategory.MIGRANT] == 5
    assert mix.counts[LegalCategory.REFUGEE] == 0
    assert build_facts(shell, to_instant(AS_OF), Parameters()).population.source == "declared"
