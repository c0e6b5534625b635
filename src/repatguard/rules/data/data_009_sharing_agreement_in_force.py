"""DATA-009: refugee data reaches the country of origin or host security only under an
agreement in force that covers the recipient, the purpose and the data."""

from __future__ import annotations

from collections.abc import Iterator

import attrs
import pendulum

from repatguard.model import DataRecipient, DataSharingAgreement, DataTransfer, Operation
from repatguard.rules.api import (
    NOT_APPLICABLE,
    Found,
    Message,
    OperationContext,
    Problem,
    Reference,
    Scope,
    Severity,
    msg,
    rule,
)


@attrs.frozen(kw_only=True)
class _Said:
    """The messages about a transfer that name its recipient, one whole sentence for each
    guarded recipient; ``{agreement}`` (the agreement's reference) and ``{state}`` are
    filled where they are used."""

    ended: Message
    undated: Message
    not_yet: Message
    no_end: Message
    recipients_unrecorded: Message
    recipient_not_allowed: Message
    parties_unrecorded: Message
    not_binding: Message
    own_purpose_unrecorded: Message
    agreed_purposes_unrecorded: Message
    purposes_unrecorded: Message
    purpose_not_covered: Message
    own_categories_unrecorded: Message
    agreed_categories_unrecorded: Message
    categories_unrecorded: Message
    categories_not_covered: Message
    no_agreement: Message


_GUARDED = {
    DataRecipient.ORIGIN_AUTHORITIES: _Said(
        ended=msg(
            "the agreement the transfer to the authorities of the country of origin relies on is "
            "no longer in force"
        ),
        undated=msg(
            "the agreement the transfer to the authorities of the country of origin relies on is "
            "undated, so it cannot be told whether it is in force"
        ),
        not_yet=msg(
            "the agreement the transfer to the authorities of the country of origin relies on is "
            "not yet in force"
        ),
        no_end=msg(
            "the agreement the transfer to the authorities of the country of origin relies on has "
            "no recorded end, so it cannot be told whether it is still in force"
        ),
        recipients_unrecorded=msg(
            "agreement {agreement} does not record who may receive data, so it cannot be told "
            "whether it covers the authorities of the country of origin"
        ),
        recipient_not_allowed=msg(
            "agreement {agreement} does not allow data to go to the authorities of the country of "
            "origin"
        ),
        parties_unrecorded=msg(
            "agreement {agreement} does not record its parties, so it cannot be told whether it "
            "binds the authorities of the country of origin"
        ),
        not_binding=msg(
            "agreement {agreement} is not signed by {state}, so it does not bind the authorities "
            "of the country of origin"
        ),
        own_purpose_unrecorded=msg(
            "it cannot be told whether agreement {agreement} covers the purpose of the transfer to "
            "the authorities of the country of origin: the transfer's purpose not recorded"
        ),
        agreed_purposes_unrecorded=msg(
            "it cannot be told whether agreement {agreement} covers the purpose of the transfer to "
            "the authorities of the country of origin: the purposes of agreement {agreement} not "
            "recorded"
        ),
        purposes_unrecorded=msg(
            "it cannot be told whether agreement {agreement} covers the purpose of the transfer to "
            "the authorities of the country of origin: the transfer's purpose and the purposes of "
            "agreement {agreement} not recorded"
        ),
        purpose_not_covered=msg(
            "agreement {agreement} does not cover the purpose of the transfer to the authorities "
            "of the country of origin"
        ),
        own_categories_unrecorded=msg(
            "it cannot be told whether agreement {agreement} covers the data sent to the "
            "authorities of the country of origin: the transfer's categories of data not recorded"
        ),
        agreed_categories_unrecorded=msg(
            "it cannot be told whether agreement {agreement} covers the data sent to the "
            "authorities of the country of origin: the categories of agreement {agreement} not "
            "recorded"
        ),
        categories_unrecorded=msg(
            "it cannot be told whether agreement {agreement} covers the data sent to the "
            "authorities of the country of origin: the transfer's categories of data and the "
            "categories of agreement {agreement} not recorded"
        ),
        categories_not_covered=msg(
            "the transfer to the authorities of the country of origin sends data that agreement "
            "{agreement} does not cover"
        ),
        no_agreement=msg(
            "the transfer to the authorities of the country of origin does not name a data-sharing "
            "agreement on record, so it cannot be told whether one in force covers it"
        ),
    ),
    DataRecipient.HOST_SECURITY: _Said(
        ended=msg(
            "the agreement the transfer to the host state's security services relies on is no "
            "longer in force"
        ),
        undated=msg(
            "the agreement the transfer to the host state's security services relies on is "
            "undated, so it cannot be told whether it is in force"
        ),
        not_yet=msg(
            "the agreement the transfer to the host state's security services relies on is not yet "
            "in force"
        ),
        no_end=msg(
            "the agreement the transfer to the host state's security services relies on has no "
            "recorded end, so it cannot be told whether it is still in force"
        ),
        recipients_unrecorded=msg(
            "agreement {agreement} does not record who may receive data, so it cannot be told "
            "whether it covers the host state's security services"
        ),
        recipient_not_allowed=msg(
            "agreement {agreement} does not allow data to go to the host state's security services"
        ),
        parties_unrecorded=msg(
            "agreement {agreement} does not record its parties, so it cannot be told whether it "
            "binds the host state's security services"
        ),
        not_binding=msg(
            "agreement {agreement} is not signed by {state}, so it does not bind the host state's "
            "security services"
        ),
        own_purpose_unrecorded=msg(
            "it cannot be told whether agreement {agreement} covers the purpose of the transfer to "
            "the host state's security services: the transfer's purpose not recorded"
        ),
        agreed_purposes_unrecorded=msg(
            "it cannot be told whether agreement {agreement} covers the purpose of the transfer to "
            "the host state's security services: the purposes of agreement {agreement} not recorded"
        ),
        purposes_unrecorded=msg(
            "it cannot be told whether agreement {agreement} covers the purpose of the transfer to "
            "the host state's security services: the transfer's purpose and the purposes of "
            "agreement {agreement} not recorded"
        ),
        purpose_not_covered=msg(
            "agreement {agreement} does not cover the purpose of the transfer to the host state's "
            "security services"
        ),
        own_categories_unrecorded=msg(
            "it cannot be told whether agreement {agreement} covers the data sent to the host "
            "state's security services: the transfer's categories of data not recorded"
        ),
        agreed_categories_unrecorded=msg(
            "it cannot be told whether agreement {agreement} covers the data sent to the host "
            "state's security services: the categories of agreement {agreement} not recorded"
        ),
        categories_unrecorded=msg(
            "it cannot be told whether agreement {agreement} covers the data sent to the host "
            "state's security services: the transfer's categories of data and the categories of "
            "agreement {agreement} not recorded"
        ),
        categories_not_covered=msg(
            "the transfer to the host state's security services sends data that agreement "
            "{agreement} does not cover"
        ),
        no_agreement=msg(
            "the transfer to the host state's security services does not name a data-sharing "
            "agreement on record, so it cannot be told whether one in force covers it"
        ),
    ),
}
"""The recipients this rule guards, and what the messages say of each."""

_EXPECTED = msg("a data-sharing agreement in force that covers the recipient, purpose and data")


@attrs.frozen(kw_only=True)
class _Transfer:
    """One guarded transfer and what the messages about it say."""

    path: str
    transfer: DataTransfer
    said: _Said
    state: str
    """The country whose authorities receive the data (a party the agreement must bind)."""


def _words(text: str) -> str:
    """A purpose as compared: case and spacing do not matter."""
    return " ".join(text.casefold().split())


def _in_force(
    item: _Transfer, agreement: DataSharingAgreement, today: pendulum.Date
) -> Problem | None:
    ref = agreement.reference
    said = item.said
    # A known end in the past settles it whatever else is missing.
    if agreement.ends_on is not None and agreement.ends_on <= today:
        return Problem.fail(
            f"{item.path}.agreement",
            said.ended,
            observed=msg(
                "agreement {agreement} ended on {date}",
                agreement=ref,
                date=agreement.ends_on.isoformat(),
            ),
            expected=msg(
                "a data-sharing agreement in force that covers the recipient, purpose and data "
                "on {date}",
                date=today.isoformat(),
            ),
        )
    if agreement.signed_on is None:
        return Problem.unknown(
            f"{item.path}.agreement",
            said.undated,
            observed=msg("agreement {agreement} has no signing date", agreement=ref),
            expected=_EXPECTED,
        )
    if agreement.signed_on > today:
        return Problem.fail(
            f"{item.path}.agreement",
            said.not_yet,
            observed=msg(
                "agreement {agreement} signed on {date}",
                agreement=ref,
                date=agreement.signed_on.isoformat(),
            ),
            expected=msg(
                "a data-sharing agreement in force that covers the recipient, purpose and "
                "data, signed on or before {date}",
                date=today.isoformat(),
            ),
        )
    if agreement.ends_on is None:
        # Unlike a tripartite agreement, a data-sharing agreement states its term; an end
        # that is not recorded may have passed, so it is never read as "still in force".
        return Problem.unknown(
            f"{item.path}.agreement",
            said.no_end,
            observed=msg("agreement {agreement} has no end date", agreement=ref),
            expected=msg(
                "a data-sharing agreement in force that covers the recipient, purpose and "
                "data, with its term (ends_on) recorded"
            ),
        )
    return None


def _recipient(item: _Transfer, agreement: DataSharingAgreement) -> Iterator[Problem]:
    ref = agreement.reference
    path = f"{item.path}.agreement"
    said = item.said
    if agreement.recipients is None:
        yield Problem.unknown(
            path,
            said.recipients_unrecorded.with_values(agreement=ref),
            observed=msg("agreement {agreement}: recipients not recorded", agreement=ref),
            expected=_EXPECTED,
        )
    elif item.transfer.recipient not in agreement.recipients:
        yield Problem.fail(
            path,
            said.recipient_not_allowed.with_values(agreement=ref),
            observed=(
                msg(
                    "agreement {agreement} recipients: {recipients}",
                    agreement=ref,
                    recipients=", ".join(str(r) for r in agreement.recipients),
                )
                if agreement.recipients
                else msg("agreement {agreement} recipients: none", agreement=ref)
            ),
            expected=msg(
                "{recipient} among the agreement's recipients",
                recipient=str(item.transfer.recipient),
            ),
        )
    parties_expected = msg("{state} among the agreement's parties", state=item.state)
    if agreement.parties is None:
        yield Problem.unknown(
            path,
            said.parties_unrecorded.with_values(agreement=ref),
            observed=msg("agreement {agreement}: parties not recorded", agreement=ref),
            expected=parties_expected,
        )
    elif item.state not in agreement.parties:
        yield Problem.fail(
            path,
            said.not_binding.with_values(agreement=ref, state=item.state),
            # The parties are not quoted: free text from the file (count only).
            observed=msg(
                "{state} not among the {count} parties of agreement {agreement}",
                state=item.state,
                count=len(agreement.parties),
                agreement=ref,
            ),
            expected=parties_expected,
        )


def _missing(own: bool, agreed: bool) -> int | None:
    """Which record is missing, as an index into a rule's three messages: ``0`` the
    transfer's own, ``1`` the agreement's, ``2`` both; ``None`` when both are recorded."""
    if own:
        return 2 if agreed else 0
    return 1 if agreed else None


_PURPOSES_OBSERVED = (
    msg("the transfer's purpose not recorded"),
    msg("the purposes of agreement {agreement} not recorded"),
    msg("the transfer's purpose and the purposes of agreement {agreement} not recorded"),
)
_CATEGORIES_OBSERVED = (
    msg("the transfer's categories of data not recorded"),
    msg("the categories of agreement {agreement} not recorded"),
    msg(
        "the transfer's categories of data and the categories of agreement {agreement} not recorded"
    ),
)


def _purpose(item: _Transfer, agreement: DataSharingAgreement) -> Iterator[Problem]:
    ref = agreement.reference
    purpose = item.transfer.purpose
    path = f"{item.path}.purpose"
    said = item.said
    expected = msg("the transfer's purpose among the agreement's purposes")
    missing = _missing(purpose is None or not purpose.strip(), agreement.purposes is None)
    if missing is not None:
        messages = (
            said.own_purpose_unrecorded,
            said.agreed_purposes_unrecorded,
            said.purposes_unrecorded,
        )
        yield Problem.unknown(
            path,
            messages[missing].with_values(agreement=ref),
            observed=_PURPOSES_OBSERVED[missing].with_values(agreement=ref),
            expected=expected,
        )
    elif (
        purpose is not None  # both are recorded here (missing is None); this tells mypy
        and agreement.purposes is not None
        and _words(purpose) not in {_words(allowed) for allowed in agreement.purposes}
    ):
        yield Problem.fail(
            path,
            said.purpose_not_covered.with_values(agreement=ref),
            observed=msg(
                "the purpose is not one of the {count} listed in agreement {agreement}",
                count=len(agreement.purposes),
                agreement=ref,
            ),
            expected=expected,
        )


def _categories(item: _Transfer, agreement: DataSharingAgreement) -> Iterator[Problem]:
    ref = agreement.reference
    sent = item.transfer.categories
    path = f"{item.path}.categories"
    said = item.said
    expected = msg("every category of data sent among the agreement's categories")
    missing = _missing(sent is None, agreement.categories is None)
    if missing is not None or sent is None or agreement.categories is None:
        messages = (
            said.own_categories_unrecorded,
            said.agreed_categories_unrecorded,
            said.categories_unrecorded,
        )
        index = 2 if missing is None else missing  # never None here: None is not recorded
        yield Problem.unknown(
            path,
            messages[index].with_values(agreement=ref),
            observed=_CATEGORIES_OBSERVED[index].with_values(agreement=ref),
            expected=expected,
        )
        return
    beyond = [category for category in sent if category not in agreement.categories]
    if beyond:
        yield Problem.fail(
            path,
            said.categories_not_covered.with_values(agreement=ref),
            observed=msg("not covered: {categories}", categories=", ".join(str(c) for c in beyond)),
            expected=expected,
        )


def _transfer_problems(
    item: _Transfer, agreements: dict[str, DataSharingAgreement], today: pendulum.Date
) -> Iterator[Problem]:
    reference = item.transfer.agreement
    agreement = agreements.get(reference) if reference is not None else None
    if agreement is None:
        # Not named, or (in an operation not validated) not on record: unknown, never "none".
        yield Problem.unknown(
            f"{item.path}.agreement",
            item.said.no_agreement,
            observed=(
                msg("no agreement named") if reference is None else msg("agreement not on record")
            ),
            expected=_EXPECTED,
        )
        return
    lapsed = _in_force(item, agreement, today)
    if lapsed is not None:
        yield lapsed
    yield from _recipient(item, agreement)
    yield from _purpose(item, agreement)
    yield from _categories(item, agreement)


def _guarded(operation: Operation) -> Iterator[_Transfer]:
    states = {
        DataRecipient.ORIGIN_AUTHORITIES: operation.origin_country,
        DataRecipient.HOST_SECURITY: operation.host_country,
    }
    for index, transfer in enumerate(operation.data_transfers or ()):
        said = _GUARDED.get(transfer.recipient)
        if said is not None:
            yield _Transfer(
                path=f"data_transfers[{index}]",
                transfer=transfer,
                said=said,
                state=states[transfer.recipient],
            )


@rule(
    code="DATA-009",
    title="Refugee data goes to the origin state or host security only under a data-sharing "
    "agreement",
    scope=Scope.OPERATION,
    severity=Severity.BLOCKER,
    checks=(
        "Unless the population counts show no one under UNHCR's mandate (refugees, "
        "asylum-seekers, stateless people or people not yet assessed), every planned transfer "
        "of personal data to the authorities of the country of origin or to the host state's "
        "security services names a data-sharing agreement on record that, at as_of, is in "
        "force (signed on or before as_of, not ended), lists the recipient among those who "
        "may receive data, is signed by the recipient's state, lists the transfer's purpose "
        "(compared without regard to case or spacing) and every category of data the transfer "
        "sends. An agreement not yet signed or ended, or one that leaves out the recipient, "
        "the recipient's state, the purpose or a category, fails. Transfers not recorded, a "
        "transfer that names no agreement, an agreement with no signing date or no recorded end "
        "(its term), and recipients, parties, "
        "purposes or categories not recorded on either side are insufficient information. "
        "What the transfer contains and whether it is disclosed and consented to is DATA-002."
    ),
    rationale=(
        "The authorities a refugee fled, and the security services of the host state, can use "
        "a name, a photograph or a return address to arrest, harass or pursue the person or "
        "their family. Data goes to them only under a written agreement that binds the "
        "recipient to a stated purpose, to stated data and to safeguards on its use, and only "
        "while that agreement is in force. Without one, nothing limits what the recipient may "
        "do with it."
    ),
    references=(
        Reference(
            instrument=(
                "UNHCR General Policy on Personal Data Protection and Privacy "
                "(UNHCR/HCP/2022/02, 2022)"
            ),
            locator="transfers of personal data to third parties (paragraph not verified with the "
            "available sources)",
        ),
        Reference(
            instrument=(
                "UNHCR Policy on the Protection of Personal Data of Persons of Concern to "
                "UNHCR (May 2015)"
            ),
            locator="§6.2 (data transfer agreements; body text not verified with the available "
            "sources)",
        ),
        Reference(
            instrument="IOM Data Protection Principles (2009)",
            locator="principle 5 (transfer to third parties)",
        ),
    ),
    remediation=(
        "Stop the transfer until a data-sharing agreement signed by the receiving state is in "
        "force that names the recipient, the purpose and the categories of data; record it "
        "under data_sharing_agreements and name it on the transfer (agreement)."
    ),
    waivable=False,
)
def sharing_agreement_in_force(ctx: OperationContext) -> Iterator[Found]:
    facts = ctx.facts
    if facts.population.involves_mandate() is False:
        yield NOT_APPLICABLE  # no one in scope is under UNHCR's mandate
        return
    operation = facts.operation
    if operation.data_transfers is None:
        # Left out is not "none planned": data may go to the origin without an agreement.
        yield Problem.unknown(
            "data_transfers",
            msg(
                "the planned transfers of personal data are not recorded, so it is unknown "
                "whether data goes to the country of origin or host security without an "
                "agreement"
            ),
            observed=msg("data transfers not recorded"),
            expected=msg("the planned transfers (an empty list when none is planned)"),
        )
        return
    agreements = {a.reference: a for a in operation.data_sharing_agreements or ()}
    for item in _guarded(operation):
        yield from _transfer_problems(item, agreements, facts.today)
