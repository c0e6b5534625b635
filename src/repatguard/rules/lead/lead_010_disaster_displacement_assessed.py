"""LEAD-010: people displaced across the border by a disaster have their protection need
assessed with the disaster in view; the cause of flight never narrows their category."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.model import LegalCategory
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

_NOT_CONCERNED = frozenset({LegalCategory.REFUGEE, LegalCategory.IDP})
"""A recognised refugee keeps every refugee safeguard whatever the cause of flight, and an
internally displaced person crossed no border: neither is concerned."""

_PATH = "disaster_nexus_assessed"
_EXPECTED = msg(
    "a protection assessment by a competent authority or UNHCR that considered whether the "
    "disaster intersected with conflict, violence, persecution or a serious disturbance of "
    "public order"
)


_UNKNOWN_OBSERVED = {
    # (displaced by a disaster, assessment recorded as not made); both is a failure
    (True, False): msg("displaced across the border by a disaster; assessment not recorded"),
    (False, False): msg("whether displaced by a disaster not recorded; assessment not recorded"),
    (False, True): msg("whether displaced by a disaster not recorded; assessment not made"),
}
"""What an unknown observed: whether the person was displaced by a disaster (not recorded
when not ``True``) and the assessment (not made or not recorded)."""


@rule(
    code="LEAD-010",
    title="Protection need of people displaced by disasters assessed",
    scope=Scope.PERSON,
    severity=Severity.MAJOR,
    checks=(
        "A person who moves and who was displaced across the border in the context of a "
        "disaster or of the adverse effects of climate change (the person's own record, else "
        "the operation's `disaster_displacement`) has had their need for international "
        "protection assessed with the disaster in view (`disaster_nexus_assessed`): whether "
        "it intersected with conflict, violence, persecution or events seriously disturbing "
        "public order. Not assessed fails; unrecorded is insufficient information, and so is "
        "an assessment not on record when it is not recorded whether the person was displaced "
        "by a disaster. A recognised refugee and an internally displaced person are not "
        "concerned; nor is a person established not to have been displaced by a disaster. The "
        "cause of displacement is never a legal category: it moves nobody out of UNHCR's lead "
        "(LEAD-001, LEAD-003 count people by legal category only)."
    ),
    rationale=(
        "A disaster or the effects of climate change often act together with conflict, "
        "violence, persecution or the breakdown of public order, and people displaced across "
        "a border in that context may be refugees under the 1951 Convention or the regional "
        "definitions. Calling them 'disaster-displaced' or 'climate migrants' and returning "
        "them as migrants without assessing this can send refugees back. Who is a refugee is "
        "decided by a competent authority or UNHCR, with the disaster in view, not presumed "
        "from the cause of flight."
    ),
    references=(
        Reference(
            instrument="UNHCR, Legal considerations regarding claims for international "
            "protection made in the context of the adverse effects of climate change and "
            "disasters (October 2020)",
            locator="paras. 6 and 14 (refugee definitions of the 1951 Convention and of the "
            "OAU Convention and Cartagena Declaration may apply); paragraph numbers as cited "
            "by the Refugee Law Initiative blog, 24 May 2021; the text itself not verified "
            "with the available sources",
        ),
        Reference(
            instrument="UNHCR paper of 12 December 2023 on the protection of people displaced "
            "across borders in the context of climate change and disasters, reproduced in the "
            "International Journal of Refugee Law, vol. 36 no. 4, p. 453 (exact title "
            "not verified with the available sources)",
            locator="introduction: people so displaced will in many situations be entitled "
            "to international protection, which triggers UNHCR's mandate and leadership role",
        ),
        Reference(
            instrument="Joint IOM-UNHCR letter (2019)",
            locator="opening paragraphs: distinct terminologies and categorisations; UNHCR's "
            "supervisory responsibility for defining who is a refugee",
        ),
        Reference(
            instrument="Agenda for the Protection of Cross-Border Displaced Persons in the "
            "Context of Disasters and Climate Change (Nansen Initiative, 2015), vol. I",
            locator="'Protecting Cross-Border Disaster-Displaced Persons' (executive summary); "
            "paragraph numbers not verified with the available sources",
        ),
    ),
    remediation=(
        "Refer the person to the asylum procedure or to UNHCR for an assessment of their "
        "need for international protection that considers how the disaster interacted with "
        "conflict, violence, persecution or public order, and record it before the return."
    ),
)
def disaster_displacement_assessed(ctx: PersonContext) -> Iterator[Found]:
    person = ctx.person
    if person.legal_category in _NOT_CONCERNED:
        yield NOT_APPLICABLE
        return
    assessed = person.disaster_nexus_assessed
    displaced = ctx.disaster_displaced
    if assessed is True:
        return  # assessed with the disaster in view, whatever the cause on record
    if displaced is False:
        yield NOT_APPLICABLE  # established not displaced by a disaster
        return
    if assessed is False and displaced:
        yield Problem.fail(
            _PATH,
            msg(
                "the person was displaced across the border by a disaster, and their need for "
                "international protection was not assessed with the disaster in view"
            ),
            observed=msg("displaced across the border by a disaster; not assessed"),
            expected=_EXPECTED,
        )
        return
    yield Problem.unknown(
        _PATH,
        msg(
            "the person may have been displaced across the border by a disaster, and it is "
            "not established that their need for international protection was assessed with "
            "the disaster in view"
        ),
        observed=_UNKNOWN_OBSERVED[bool(displaced), assessed is False],
        expected=_EXPECTED,
    )
