"""LEGAL-008: nobody returns at risk of statelessness (birth registration, proof of nationality)."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import LegalCategory
from repatguard.rules._assessment import AGE_LIMITS, CURRENT_EVIDENCE, latest
from repatguard.rules.api import (
    NOT_APPLICABLE,
    Found,
    PersonContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)

_REGISTERED = msg("a registered birth (a birth record or certificate)")
_NATIONAL = msg(
    "proof of nationality of the country of origin, or that country's recognition of "
    "returnees to the area as its nationals"
)


def _birth_problems(ctx: PersonContext) -> Iterator[Problem]:
    """A person born in exile (or who may have been) needs a registered birth."""
    person = ctx.person
    registered = person.birth_registered
    if registered is True or person.born_in_exile is False:
        return  # registered wherever born, or born at home (nationality is read below)
    if person.born_in_exile is None:
        expected = msg(
            "born in the country of origin, or a registered birth (a birth record or certificate)"
        )
        if registered is False:
            yield Problem.unknown(
                "born_in_exile",
                msg(
                    "it is not recorded whether the person was born in exile, and their birth "
                    "is not registered, so a risk of statelessness cannot be ruled out"
                ),
                observed=msg("birthplace not recorded; birth not registered"),
                expected=expected,
            )
        else:
            yield Problem.unknown(
                "born_in_exile",
                msg(
                    "it is not recorded whether the person was born in exile, and their birth "
                    "is not recorded as registered, so a risk of statelessness cannot be ruled "
                    "out"
                ),
                observed=msg("birthplace not recorded; birth not recorded as registered"),
                expected=expected,
            )
        return
    if registered is False:
        yield Problem.fail(
            "birth_registered",
            msg(
                "the person was born in exile and their birth is not registered: without a "
                "birth record they may be unable to prove their parentage and nationality on "
                "return"
            ),
            observed=msg("born in exile; birth not registered"),
            expected=_REGISTERED,
        )
        return
    yield Problem.unknown(
        "birth_registered",
        msg(
            "the person was born in exile and it is not recorded whether their birth is registered"
        ),
        observed=msg("born in exile; birth registration not recorded"),
        expected=_REGISTERED,
    )


def _recognition_problems(ctx: PersonContext, held: bool | None) -> Iterator[Problem]:
    """Without proof of their own, the area's assessment must record that the country of
    origin recognises returnees as its nationals. Each message comes in two whole sentences:
    for a person who holds no proof, and for one not recorded as holding any."""
    none = held is False
    area = ctx.area
    if area is None:
        yield Problem.unknown(
            f"{ctx.household_path}.intended_return_area",  # the household's field: absolute
            _NO_AREA[none],
            observed=_NO_AREA_OBSERVED[none],
            expected=_NATIONAL,
        )
        return
    found = latest(ctx.facts, area)
    if found is None:
        yield Problem.unknown(
            "$.assessments",
            _NO_ASSESSMENT[none].with_values(area=repr(area)),
            observed=msg("no assessment of the area"),
            expected=_NATIONAL,
        )
        return
    path = found.field("nationality_recognised")
    recognised = found.assessment.nationality_recognised
    if recognised is True:
        yield from found.holds_current(path, undated=_UNDATED_AS[none], too_old=_TOO_OLD_AS[none])
    elif recognised is None:
        yield Problem.unknown(
            path,
            _RECOGNITION_UNRECORDED[none],
            observed=msg("recognition not recorded"),
            expected=_NATIONAL,
        )
    elif held is None:
        yield Problem.unknown(
            "proof_of_nationality",
            msg(
                "it is not recorded whether the person holds proof of nationality, and the "
                "country of origin does not recognise returnees to this area as its nationals "
                "without it"
            ),
            observed=msg(
                "proof of nationality not recorded; {field} records no recognition", field=path
            ),
            expected=_NATIONAL,
        )
    else:
        yield Problem.fail(
            "proof_of_nationality",
            msg(
                "the person holds no proof of nationality of the country of origin, and that "
                "country does not recognise returnees to this area as its nationals without "
                "it: they may return without any nationality"
            ),
            observed=msg("no proof of nationality; {field} records no recognition", field=path),
            expected=_NATIONAL,
        )


# Keyed by whether the person holds no proof (True) or is not recorded as holding any (False).
_NO_AREA = {
    True: msg(
        "the person holds no proof of nationality and the intended return area is unknown, so "
        "it cannot be told whether the country of origin recognises them as a national"
    ),
    False: msg(
        "the person is not recorded as holding proof of nationality and the intended return "
        "area is unknown, so it cannot be told whether the country of origin recognises them "
        "as a national"
    ),
}
_NO_AREA_OBSERVED = {
    True: msg("proof of nationality: none; no intended return area"),
    False: msg("proof of nationality: not recorded; no intended return area"),
}
_NO_ASSESSMENT = {
    True: msg(
        "the person holds no proof of nationality and no conditions assessment of return area "
        "{area} is on record, so it is unknown whether returnees there are recognised as "
        "nationals"
    ),
    False: msg(
        "the person is not recorded as holding proof of nationality and no conditions "
        "assessment of return area {area} is on record, so it is unknown whether returnees "
        "there are recognised as nationals"
    ),
}
_UNDATED_AS = {
    True: msg(
        "the person holds no proof of nationality, but the country of origin recognises "
        "returnees to this area as its nationals, but only according to an assessment that is "
        "undated, so it may be older than its age limit; evidence older than its age limit may "
        "show a failure but never a pass"
    ),
    False: msg(
        "the person is not recorded as holding proof of nationality, but the country of origin "
        "recognises returnees to this area as its nationals, but only according to an "
        "assessment that is undated, so it may be older than its age limit; evidence older "
        "than its age limit may show a failure but never a pass"
    ),
}
_TOO_OLD_AS = {
    True: msg(
        "the person holds no proof of nationality, but the country of origin recognises "
        "returnees to this area as its nationals, but only according to an assessment that is "
        "older than its age limit ({limit}, `{parameter}`); evidence older than its age limit "
        "may show a failure but never a pass"
    ),
    False: msg(
        "the person is not recorded as holding proof of nationality, but the country of origin "
        "recognises returnees to this area as its nationals, but only according to an "
        "assessment that is older than its age limit ({limit}, `{parameter}`); evidence older "
        "than its age limit may show a failure but never a pass"
    ),
}
_RECOGNITION_UNRECORDED = {
    True: msg(
        "the person holds no proof of nationality and the assessment of the area does not "
        "record whether the country of origin recognises returnees there as its nationals"
    ),
    False: msg(
        "the person is not recorded as holding proof of nationality and the assessment of the "
        "area does not record whether the country of origin recognises returnees there as its "
        "nationals"
    ),
}


def _nationality_problems(ctx: PersonContext) -> Iterator[Problem]:
    """Proof of nationality held, or the country of origin's recognition."""
    held = ctx.person.proof_of_nationality
    if held is not True:
        yield from _recognition_problems(ctx, held)
    elif ctx.person.legal_category is LegalCategory.STATELESS:
        # Two records that cannot both be right: the worse one may be the true one.
        yield Problem.unknown(
            "proof_of_nationality",
            msg(
                "the person is recorded both as stateless and as holding proof of nationality "
                "of the country of origin; the records disagree, so a risk of statelessness "
                "cannot be ruled out"
            ),
            observed=msg("legal category stateless; proof of nationality recorded"),
            expected=msg(
                "records that agree: a confirmed nationality, and a legal category that is no "
                "longer stateless"
            ),
        )


@rule(
    code="LEGAL-008",
    title="No return at risk of statelessness",
    scope=Scope.PERSON,
    severity=Severity.MAJOR,
    checks=(
        "Every person who moves, dependent children included (birth registration and "
        "nationality are each person's own), except internally displaced persons: (1) a "
        "person born in exile (`born_in_exile`) has a registered birth (`birth_registered`); "
        "when the birthplace is not recorded, a registered birth is needed all the same. "
        "(2) The person holds proof of nationality of the country of origin, or that country "
        "has confirmed it (`proof_of_nationality`); otherwise the latest assessment of the "
        "person's intended return area must record that the country of origin recognises "
        "returnees there as its nationals (`nationality_recognised`). A person recorded as "
        "stateless who is also recorded as holding proof of nationality is insufficient "
        "information: the records disagree. Whatever is not recorded is insufficient "
        "information." + CURRENT_EVIDENCE
    ),
    rationale=(
        "A child born in exile whose birth was never registered, or a returnee who cannot "
        "prove their nationality and whom the country of origin does not recognise, may "
        "arrive without any nationality: unable to obtain documents, go to school, own "
        "property or move freely, and at risk of being expelled again. Birth registration is "
        "each child's own right, so a parent's documents do not cover it."
    ),
    references=(
        Reference(
            instrument="UNHCR ExCom Conclusion No. 111 (LXIV), 2013, on civil registration",
            locator="preamble (birth registration documents the link with the country of "
            "origin; without civil registration and documents people risk statelessness; wording "
            "not verified with the available sources); operative paragraph letters not given",
        ),
        Reference(
            instrument="Convention on the Rights of the Child (1989)",
            locator="Art. 7 (registration immediately after birth; the right to acquire a "
            "nationality, in particular where the child would otherwise be stateless)",
        ),
        Reference(
            instrument="UNHCR Global Action Plan to End Statelessness 2014-2024",
            locator="Actions 7 (birth registration) and 8 (nationality documentation)",
        ),
        Reference(
            instrument="UNHCR ExCom Conclusion No. 101 (LV), 2004",
            locator="para. (b) (States have the obligation to receive back their own nationals; "
            "travel documents issued to facilitate return)",
        ),
    ),
    remediation=(
        "Before departure, register the birth of every child born in exile (late "
        "registration where needed), and obtain proof of nationality of the country of origin "
        "for each returnee, or that country's recognition of returnees as its nationals (for "
        "instance a nationality clause in the tripartite agreement), recorded in the area's "
        "assessment."
    ),
    parameters=AGE_LIMITS,
)
def statelessness_risk(ctx: PersonContext) -> Iterator[Found]:
    # Internally displaced people never left their country: their documentation is not a
    # question of return from exile.
    if ctx.person.legal_category is LegalCategory.IDP:
        yield NOT_APPLICABLE
        return
    yield from _birth_problems(ctx)
    yield from _nationality_problems(ctx)
