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
    rule,
)

_REGISTERED = "a registered birth (a birth record or certificate)"
_NATIONAL = (
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
        state = "not registered" if registered is False else "not recorded as registered"
        yield Problem.unknown(
            "born_in_exile",
            f"it is not recorded whether the person was born in exile, and their birth is "
            f"{state}, so a risk of statelessness cannot be ruled out",
            observed=f"birthplace not recorded; birth {state}",
            expected=f"born in the country of origin, or {_REGISTERED}",
        )
        return
    if registered is False:
        yield Problem.fail(
            "birth_registered",
            "the person was born in exile and their birth is not registered: without a birth "
            "record they may be unable to prove their parentage and nationality on return",
            observed="born in exile; birth not registered",
            expected=_REGISTERED,
        )
        return
    yield Problem.unknown(
        "birth_registered",
        "the person was born in exile and it is not recorded whether their birth is registered",
        observed="born in exile; birth registration not recorded",
        expected=_REGISTERED,
    )


def _recognition_problems(ctx: PersonContext, held: bool | None) -> Iterator[Problem]:
    """Without proof of their own, the area's assessment must record that the country of
    origin recognises returnees as its nationals."""
    state = "holds no proof" if held is False else "is not recorded as holding proof"
    area = ctx.area
    if area is None:
        yield Problem.unknown(
            f"{ctx.household_path}.intended_return_area",  # the household's field: absolute
            f"the person {state} of nationality and the intended return area is unknown, so it "
            "cannot be told whether the country of origin recognises them as a national",
            observed=f"proof of nationality: {'none' if held is False else 'not recorded'}; "
            "no intended return area",
            expected=_NATIONAL,
        )
        return
    found = latest(ctx.facts, area)
    if found is None:
        yield Problem.unknown(
            "$.assessments",
            f"the person {state} of nationality and no conditions assessment of return area "
            f"{area!r} is on record, so it is unknown whether returnees there are recognised "
            "as nationals",
            observed="no assessment of the area",
            expected=_NATIONAL,
        )
        return
    path = found.field("nationality_recognised")
    recognised = found.assessment.nationality_recognised
    if recognised is True:
        yield from found.holds(
            path,
            f"the person {state} of nationality, but the country of origin recognises "
            "returnees to this area as its nationals",
        )
    elif recognised is None:
        yield Problem.unknown(
            path,
            f"the person {state} of nationality and the assessment of the area does not record "
            "whether the country of origin recognises returnees there as its nationals",
            observed="recognition not recorded",
            expected=_NATIONAL,
        )
    elif held is None:
        yield Problem.unknown(
            "proof_of_nationality",
            "it is not recorded whether the person holds proof of nationality, and the country "
            "of origin does not recognise returnees to this area as its nationals without it",
            observed=f"proof of nationality not recorded; {path} records no recognition",
            expected=_NATIONAL,
        )
    else:
        yield Problem.fail(
            "proof_of_nationality",
            "the person holds no proof of nationality of the country of origin, and that "
            "country does not recognise returnees to this area as its nationals without it: "
            "they may return without any nationality",
            observed=f"no proof of nationality; {path} records no recognition",
            expected=_NATIONAL,
        )


def _nationality_problems(ctx: PersonContext) -> Iterator[Problem]:
    """Proof of nationality held, or the country of origin's recognition."""
    held = ctx.person.proof_of_nationality
    if held is not True:
        yield from _recognition_problems(ctx, held)
    elif ctx.person.legal_category is LegalCategory.STATELESS:
        # Two records that cannot both be right: the worse one may be the true one.
        yield Problem.unknown(
            "proof_of_nationality",
            "the person is recorded both as stateless and as holding proof of nationality of "
            "the country of origin; the records disagree, so a risk of statelessness cannot "
            "be ruled out",
            observed="legal category stateless; proof of nationality recorded",
            expected="records that agree: a confirmed nationality, and a legal category that "
            "is no longer stateless",
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
