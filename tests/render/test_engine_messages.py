"""The engine's own findings in the chosen language (issue 14): a rule that crashed or was not
run, no return areas, the waivers' meta-findings and notes, and a streamed manifest that is
not completely loaded. Their English is what it was before they were written as messages."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator

import pytest

import repatguard
from repatguard.model import Operation, Waiver
from repatguard.outcomes import Outcome, Scope, Severity
from repatguard.render.i18n import _, say, use_language
from repatguard.render.json import to_json
from repatguard.render.text import to_text
from repatguard.render.wording import message_of, observed_of, waiver_note
from repatguard.report.finding import Finding
from repatguard.rules.api import OperationContext, Problem, Reference, rule
from repatguard.rules.message import Message
from repatguard.rules.registry import Registry, builtin_registry
from repatguard.stream._manifest_messages import incomplete
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_assessment

TRANSLATED = ("fr", "es", "ar")


def _waiver(**changes: object) -> Waiver:
    waiver = Waiver(
        code="LEGAL-004",
        subject="AREA-1",
        justification="Restitution commission opens in the area next quarter.",
        approved_by="Representative, country office",
        granted_on=AS_OF.subtract(days=10),
        expires_on=AS_OF.add(days=60),
        decision_record="MEMO-2026-041",
    )
    return evolve(waiver, **changes)


def _with_waivers(*waivers: Waiver) -> Operation:
    op = with_assessment(sound_operation(), property_restitution=False)
    return evolve(op, waivers=waivers)


def _check(op: Operation, registry: Registry | None = None) -> repatguard.Report:
    return repatguard.check(op, as_of=AS_OF, reveal_references=True, registry=registry)


def _only(report: repatguard.Report, code: str) -> Finding:
    [finding] = report.findings_for(code)
    return finding


def _reads_in_every_language(finding: Finding) -> None:
    """The finding's message and evidence are messages; each language shows a translation
    with the same values, and English shows the finding's own text."""
    wording = finding.wording
    assert wording is not None
    assert isinstance(wording.message, Message)
    assert all(type(part) is Message for part in wording.observed)
    assert message_of(finding) == finding.message
    for lang in TRANSLATED:
        with use_language(lang):
            shown = message_of(finding)
            title = _(finding.title)
        assert shown != finding.message, (lang, finding.message)
        assert title != finding.title, (lang, finding.title)
        assert all(str(value) in shown for _name, value in wording.message.values)


@pytest.mark.parametrize(
    ("waivers", "code", "message"),
    [
        (
            (_waiver(code="LEGAL-099"),),
            "META-005",
            "the waiver names LEGAL-099, not a rule of this catalogue",
        ),
        (
            (_waiver(expires_on=AS_OF.add(days=10)),),
            "META-003",
            "the waiver of LEGAL-004 expires on 2026-06-11, in 10 day(s)",
        ),
        (
            (_waiver(expires_on=AS_OF.add(days=400)),),
            "META-004",
            "waiver of LEGAL-004 refused: the waiver runs longer than the policy's limit of P365D",
        ),
        (
            (_waiver(), _waiver(subject="AREA-9")),
            "META-001",
            "the waiver of LEGAL-004 matched no open finding for its subject",
        ),
    ],
)
def test_the_waivers_meta_findings_read_in_every_language(
    waivers: tuple[Waiver, ...], code: str, message: str
) -> None:
    finding = _only(_check(_with_waivers(*waivers)), code)
    assert finding.message == message  # the English of before the conversion
    assert finding.evidence.observed == "waiver for LEGAL-004" or code == "META-005"
    _reads_in_every_language(finding)


def test_a_refused_waiver_of_a_rule_that_cannot_be_waived_reads_in_every_language() -> None:
    op = evolve(sound_operation(), movement_kind=repatguard.model.MovementKind.FORCED)
    report = _check(evolve(op, waivers=(_waiver(code="VOL-015", subject="OP-SOUND"),)))
    meta = _only(report, "META-002")
    assert meta.message == (
        "waiver of VOL-015 refused: VOL-015 protects a safeguard that cannot be waived"
    )
    _reads_in_every_language(meta)
    refused = _only(report, "VOL-015").waiver
    assert refused is not None
    assert refused.note == "VOL-015 protects a safeguard that cannot be waived"
    with use_language("fr"):
        assert waiver_note(refused) == (
            "VOL-015 protège une garantie qui ne peut faire l'objet d'aucune dérogation"
        )


def test_a_waivers_note_reads_in_the_chosen_language_in_text_and_json() -> None:
    report = _check(_with_waivers(_waiver(expires_on=AS_OF.add(days=400))))
    finding = _only(report, "LEGAL-004")
    assert finding.waiver is not None
    english = "the waiver runs longer than the policy's limit of P365D"
    assert finding.waiver.note == english
    french = "la durée de la dérogation dépasse la limite de P365D fixée par la politique"
    assert french in " ".join(to_text(report, lang="fr").split())
    assert english in " ".join(to_text(report).split())
    index = report.findings.index(finding)
    with use_language("fr"):
        localised = json.loads(to_json(report))
    assert localised["findings"][index]["waiver"]["note"] == french
    data = json.loads(to_json(report))
    assert data["findings"][index]["waiver"]["note"] == english
    assert "wording" not in data["findings"][index]["waiver"]


@pytest.mark.parametrize(
    ("waiver", "note"),
    [
        (_waiver(expires_on=AS_OF), "the waiver expired on 2026-06-01"),
        (_waiver(granted_on=AS_OF.add(days=1)), "the waiver is granted only from 2026-06-02"),
    ],
)
def test_an_expired_or_future_waiver_says_so_in_every_language(waiver: Waiver, note: str) -> None:
    applied = _only(_check(_with_waivers(waiver)), "LEGAL-004").waiver
    assert applied is not None
    assert applied.note == note
    for lang in TRANSLATED:
        with use_language(lang):
            shown = waiver_note(applied)
        assert shown != note
        assert note[-10:] in shown  # the date


@rule(
    code="PREM-998",
    title="Deliberately broken",
    scope=Scope.OPERATION,
    severity=Severity.MINOR,
    rationale="Exists to prove that a crash reads in every language.",
    references=(Reference(instrument="test", locator="n/a"),),
    remediation="None.",
)
def _broken(ctx: OperationContext) -> Iterator[Problem]:
    yield from ()  # a generator, as rules are
    raise LookupError(ctx.facts.operation.reference)


def test_a_crashed_rule_reads_in_every_language() -> None:
    report = _check(sound_operation(), Registry([*builtin_registry(), _broken]))
    finding = _only(report, "PREM-998")
    assert finding.outcome is Outcome.ERROR
    assert finding.message == "the rule raised LookupError; its safeguard was not checked"
    assert (finding.evidence.observed, finding.evidence.expected) == (
        "LookupError",
        "the rule completes",
    )
    wording = finding.wording
    assert wording is not None
    assert message_of(finding) == finding.message
    for lang in TRANSLATED:
        with use_language(lang):
            assert "LookupError" in message_of(finding) != finding.message
            assert observed_of(finding) == "LookupError"
            assert _(finding.remediation) != finding.remediation


def test_a_rule_left_out_reads_in_every_language() -> None:
    report = _check(sound_operation(), builtin_registry().select(["VOL-001"]))
    finding = _only(report, "VOL-015")
    assert finding.message == "rule VOL-015 was not part of this check, so its safeguard is unknown"
    _reads_in_every_language(finding)


def test_no_return_areas_reads_in_every_language() -> None:
    empty = {"reference": "EMPTY", "host_country": "ZMB", "origin_country": "AGO"}
    report = repatguard.check(repatguard.load({**empty, "movement_kind": "organised"}), as_of=AS_OF)
    finding = _only(report, "COND-001")
    assert finding.message == "no return areas are recorded, so this safeguard cannot be checked"
    assert finding.wording is not None
    for lang in TRANSLATED:
        with use_language(lang):
            assert message_of(finding) != finding.message
            assert observed_of(finding) != finding.evidence.observed


def _legacy_manifest_texts(
    failed: int, read: int, duplicates: int, unresolved: int, population: bool
) -> tuple[str, str]:
    """The streamed manifest finding's message and observed as the f-strings wrote them."""
    parts = []
    if failed:
        parts.append(f"{failed} of {read} case(s) could not be loaded")
    if duplicates:
        parts.append(f"{duplicates} reference(s) are used more than once")
    if unresolved:
        parts.append(f"{unresolved} family link(s) name a household the manifest lacks")
    if population:
        parts.append("the declared population is smaller than the manifest")
    observed = "; ".join(parts)
    message = (
        f"{observed}, so the safeguards of the whole operation cannot be established "
        "(see the input issues, each with its line)"
    )
    return message, observed


@pytest.mark.parametrize("present", [p for p in itertools.product((0, 1), repeat=4) if any(p)])
def test_each_shape_of_an_incomplete_manifest_reads_in_every_language(
    present: tuple[int, int, int, int],
) -> None:
    failed, duplicates, unresolved, population = (2 * p for p in present)
    message, parts = incomplete(
        failed=failed,
        read=7,
        duplicates=duplicates + 1 if duplicates else 0,
        unresolved=unresolved + 2 if unresolved else 0,
        population_short=bool(population),
    )
    legacy = _legacy_manifest_texts(
        failed,
        7,
        duplicates + 1 if duplicates else 0,
        unresolved + 2 if unresolved else 0,
        bool(population),
    )
    assert (str(message), "; ".join(str(p) for p in parts)) == legacy
    for lang in TRANSLATED:
        with use_language(lang):
            shown = say(message)
        assert shown != str(message)
        assert all(str(value) in shown for _name, value in message.values)
