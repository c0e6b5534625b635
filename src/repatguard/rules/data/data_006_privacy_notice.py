"""DATA-006: people were told how their personal data is used and what their rights are."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules._people import for_those_who_decide
from repatguard.rules.api import (
    Found,
    PersonContext,
    Problem,
    Reference,
    Scope,
    Severity,
    ladder,
    msg,
    rule,
)


def _own_notice(ctx: PersonContext) -> Iterator[Problem]:
    yield from ladder(
        ctx.person.privacy_notice_given,
        holds=True,
        path="privacy_notice_given",
        fails=msg(
            "the person was not told what data is processed and how to access, correct or "
            "object to it"
        ),
        unknown=msg("it is not recorded whether the person was told how their data is used"),
        observed=msg("no privacy notice"),
        expected=msg("a privacy notice given to the person"),
    )


@rule(
    code="DATA-006",
    title="People were told how their data is used",
    scope=Scope.PERSON,
    severity=Severity.MINOR,
    checks=(
        "Every adult (age on the planned departure date at or above `adult_age`) and every "
        "unaccompanied or separated child was given a privacy notice. A dependent child is "
        "not concerned; when the age is unknown and no notice is recorded, the result is "
        "insufficient information."
    ),
    rationale=(
        "People whose data is processed for their return have rights over it: to know what "
        "is held and why, and to access, correct or object to it. They can only use those "
        "rights if they were told."
    ),
    references=(
        Reference(
            instrument=(
                "UNHCR General Policy on Personal Data Protection and Privacy "
                "(UNHCR/HCP/2022/02, 2022)"
            ),
            locator="rights of data subjects (paragraph not verified with the available sources)",
        ),
        Reference(
            instrument=(
                "UNHCR Policy on the Protection of Personal Data of Persons of Concern to "
                "UNHCR (May 2015)"
            ),
            locator="§3.1 (rights of the data subject: information; body text not verified with "
            "the available sources)",
        ),
        Reference(
            instrument="IOM Data Protection Principles (2009)",
            locator="principle 7 (access and transparency)",
        ),
    ),
    remediation=(
        "Give the person a privacy notice, in a language they understand, on what data is "
        "processed, for which purpose, who receives it and how to access, correct or object, "
        "and record that it was given."
    ),
    parameters=("adult_age",),
)
def privacy_notice(ctx: PersonContext) -> Iterator[Found]:
    # A dependent child is not concerned: not applicable.
    yield from for_those_who_decide(ctx, lambda: _own_notice(ctx))
