"""VOL's finding messages written per branch (issue 14): every case has a whole sentence, each
sentence has exactly the placeholders its case fills (a missing value would make the rule's
result an error finding), the English is the wording the rules gave before they wrote
messages, and every sentence reads in each shipped language."""

from __future__ import annotations

import itertools

import pendulum
import pytest

from repatguard.facts.parameters import Parameters
from repatguard.model import CoercionIndicator, Initiator, SecurityLevel
from repatguard.outcomes import Outcome
from repatguard.render.i18n import LANGUAGES, say, use_language
from repatguard.rules.message import Message
from repatguard.rules.vol import _reassessed as reassessed
from repatguard.rules.vol import vol_004_reconfirmation as vol_004
from repatguard.rules.vol import vol_006_no_coercion_indicators as vol_006
from repatguard.rules.vol import vol_012_return_initiated_by_displaced as vol_012
from repatguard.testing.factories import AS_OF, evolve, sound_assessment, sound_operation
from repatguard.testing.rules import run_rule

_Basis = reassessed._Basis
_Form = vol_004._Form
_WINDOW_TABLES = (
    vol_004._EXPECTED,
    vol_004._NOT_YET_DUE,
    vol_004._REPEAT_NOT_YET_DUE,
    vol_004._TOO_EARLY,
    vol_004._NOT_RECONFIRMED,
)
_REQUEST_TABLES = (
    vol_012._NO_INITIATOR,
    vol_012._INITIATOR_OBSERVED,
    vol_012._INITIATOR_UNRECORDED_OBSERVED,
    vol_012._INITIATED_BY_OBSERVED,
)


def _baseline(basis: reassessed._Basis) -> set[str]:
    return set() if basis is _Basis.NOTHING else {"baseline"}


def test_every_worse_assessment_has_a_sentence_with_the_values_its_case_fills() -> None:
    assert set(reassessed._WORSE) == set(itertools.product(reassessed._When, _Basis))
    for (_when, basis), message in reassessed._WORSE.items():
        assert message.placeholders() == {"area", "on"} | _baseline(basis)
    assert set(reassessed._MAYBE_WORSE) == set(itertools.product(reassessed._Why, _Basis))
    for (_why, basis), message in reassessed._MAYBE_WORSE.items():
        assert message.placeholders() == {"area", "assessment"} | _baseline(basis)


_WINDOW_DATES = {
    _Form.WITHIN: {"length", "first", "last"},
    _Form.BETWEEN: {"opens", "first"},
    _Form.BETWEEN_IN_WINDOW: {"opens", "first", "last"},
}


@pytest.mark.parametrize(
    ("opens", "earliest", "latest", "form"),
    [
        (pendulum.date(2026, 1, 10), pendulum.date(2026, 1, 5), pendulum.date(2026, 2, 20), "W"),
        (pendulum.date(2026, 1, 1), pendulum.date(2026, 1, 5), pendulum.date(2026, 1, 5), "B"),
        (pendulum.date(2026, 1, 1), pendulum.date(2026, 1, 5), pendulum.date(2026, 1, 20), "I"),
    ],
)
def test_every_form_of_the_reconfirmation_window_fills_its_sentences(
    opens: pendulum.Date, earliest: pendulum.Date, latest: pendulum.Date, form: str
) -> None:
    window = vol_004._window(Parameters(), opens, earliest, latest)
    expected_form = {"W": _Form.WITHIN, "B": _Form.BETWEEN, "I": _Form.BETWEEN_IN_WINDOW}[form]
    assert window.form is expected_form
    assert set(window.values) == _WINDOW_DATES[expected_form]
    for table in _WINDOW_TABLES:
        assert set(table) == set(_Form)
        early = {"early"} if table in (vol_004._REPEAT_NOT_YET_DUE, vol_004._TOO_EARLY) else set()
        assert table[window.form].placeholders() == set(window.values) | early


def test_the_reconfirmation_window_reads_as_before() -> None:
    params = Parameters()
    wide = vol_004._window(
        params, pendulum.date(2026, 1, 10), pendulum.date(2026, 1, 5), pendulum.date(2026, 2, 20)
    )
    assert str(wide.say(vol_004._TOO_EARLY, early="2025-12-01")) == (
        "the decision was reconfirmed too early (on 2025-12-01); the reconfirmation must be "
        f"repeated within {params.reconfirmation_window} before a planned departure (none is "
        "recorded; the movement window runs 2026-01-05 to 2026-02-20)"
    )
    span = vol_004._window(
        params, pendulum.date(2026, 1, 1), pendulum.date(2026, 1, 5), pendulum.date(2026, 1, 20)
    )
    assert str(span.say(vol_004._REPEAT_NOT_YET_DUE, early="2025-12-01")) == (
        "the reconfirmation on 2025-12-01 was too early and must be repeated; the repeat is "
        "not yet due; it must happen between 2026-01-01 and 2026-01-05 (the movement window "
        "runs 2026-01-05 to 2026-01-20)"
    )


def test_every_coercion_indicator_has_a_sentence() -> None:
    assert set(vol_006._INDICATED) == set(CoercionIndicator)
    assert all(m.placeholders() == frozenset() for m in vol_006._INDICATED.values())


def test_every_request_case_has_a_sentence_with_its_values() -> None:
    for table in _REQUEST_TABLES:
        assert set(table) == {True, False}
        initiator = {"initiator"} if "{initiator}" in table[True].template else set()
        assert table[True].placeholders() == {"missing", "first"} | initiator
        assert table[False].placeholders() == initiator


def test_an_unrecorded_initiator_reads_as_before() -> None:
    problem = vol_012._not_initiated(None, None, ["$.a", "$.b"], [])
    assert str(problem.message) == (
        "it is not recorded who initiated the return; 2 person(s) on the manifest without a "
        "documented individual request (first: $.a)"
    )
    assert str(problem.observed) == (
        "initiator not recorded; 2 person(s) on the manifest without a documented individual "
        "request (first: $.a)"
    )
    other = vol_012._not_initiated(Initiator.HOST_STATE, False, [], [])
    assert str(other.observed) == (
        "initiated by host_state; no documented individual requests can be shown"
    )


def _every_table_message() -> list[Message]:
    return [
        *reassessed._WORSE.values(),
        *reassessed._MAYBE_WORSE.values(),
        *(m for table in _WINDOW_TABLES for m in table.values()),
        *vol_006._INDICATED.values(),
        *(m for table in _REQUEST_TABLES for m in table.values()),
    ]


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_every_sentence_of_a_branch_reads_in_each_language(lang: str) -> None:
    # Cases the worked examples do not reach are translated too: a missing translation
    # would show English in the middle of a translated report.
    for message in _every_table_message():
        filled = message.with_values(**{name: f"<{name}>" for name in message.placeholders()})
        with use_language(lang):
            shown = say(filled)
        assert shown != str(filled), (lang, message.template)
        assert all(f"<{name}>" in shown for name in message.placeholders())


def test_a_worse_assessment_before_a_session_naming_the_older_one_reads_as_before() -> None:
    # The sessions name ASM-1 (AS_OF - 30 days) and are held at AS_OF - 15 days; ASM-2, made
    # between the two, is worse: the sessions still rested on the older assessment.
    made = AS_OF.subtract(days=29)
    newer = evolve(
        sound_assessment(reference="ASM-2"),
        assessed_on=made,
        security_level=SecurityLevel.UNSAFE,
    )
    op = sound_operation()
    op = evolve(op, assessments=(*op.assessments, newer))
    found = [f for f in run_rule("VOL-003", op).findings if f.message.startswith("return area")]
    assert [f.outcome for f in found] == [Outcome.FAIL, Outcome.FAIL]
    assert found[0].message == (
        f"return area 'AREA-1' was assessed again on {made.isoformat()}, before the "
        "information session, which still rested on the older one, with worse findings than "
        "the assessment the session named (ASM-1); the person must be informed again before "
        "departure"
    )
    assert found[0].wording is not None
    with use_language("fr"):
        assert say(found[0].wording.message) == (
            f"la zone de retour 'AREA-1' a été évaluée à nouveau le {made.isoformat()}, avant "
            "la séance d'information, qui reposait encore sur l'évaluation antérieure, avec "
            "des constats plus défavorables que l'évaluation désignée par la séance (ASM-1) ; "
            "la personne doit être informée à nouveau avant le départ"
        )
