"""DATA-009: refugee data reaches the country of origin or host security only under an
agreement in force that covers the recipient, the purpose and the data."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs
import pendulum

from repatguard.model import DataRecipient, DataSharingAgreement, DataTransfer, Operation
from repatguard.rules.api import (
    NOT_APPLICABLE,
    Found,
    OperationContext,
    Problem,
    Reference,
    Scope,
    Severity,
    rule,
)

_GUARDED = {
    DataRecipient.ORIGIN_AUTHORITIES: "the authorities of the country of origin",
    DataRecipient.HOST_SECURITY: "the host state's security services",
}
"""The recipients this rule guards, and how a message names them."""

_EXPECTED = "a data-sharing agreement in force that covers the recipient, purpose and data"


@attrs.frozen(kw_only=True)
class _Transfer:
    """One guarded transfer and what the messages about it say."""

    path: str
    transfer: DataTransfer
    to: str
    state: str
    """The country whose authorities receive the data (a party the agreement must bind)."""


def _words(text: str) -> str:
    """A purpose as compared: case and spacing do not matter."""
    return " ".join(text.casefold().split())


def _in_force(
    item: _Transfer, agreement: DataSharingAgreement, today: pendulum.Date
) -> Problem | None:
    ref = agreement.reference
    # A known end in the past settles it whatever else is missing.
    if agreement.ends_on is not None and agreement.ends_on <= today:
        return Problem.fail(
            f"{item.path}.agreement",
            f"the agreement the transfer to {item.to} relies on is no longer in force",
            observed=f"agreement {ref} ended on {agreement.ends_on.isoformat()}",
            expected=f"{_EXPECTED} on {today.isoformat()}",
        )
    if agreement.signed_on is None:
        return Problem.unknown(
            f"{item.path}.agreement",
            f"the agreement the transfer to {item.to} relies on is undated, so it cannot be "
            "told whether it is in force",
            observed=f"agreement {ref} has no signing date",
            expected=_EXPECTED,
        )
    if agreement.signed_on > today:
        return Problem.fail(
            f"{item.path}.agreement",
            f"the agreement the transfer to {item.to} relies on is not yet in force",
            observed=f"agreement {ref} signed on {agreement.signed_on.isoformat()}",
            expected=f"{_EXPECTED}, signed on or before {today.isoformat()}",
        )
    if agreement.ends_on is None:
        # Unlike a tripartite agreement, a data-sharing agreement states its term; an end
        # that is not recorded may have passed, so it is never read as "still in force".
        return Problem.unknown(
            f"{item.path}.agreement",
            f"the agreement the transfer to {item.to} relies on has no recorded end, so it "
            "cannot be told whether it is still in force",
            observed=f"agreement {ref} has no end date",
            expected=f"{_EXPECTED}, with its term (ends_on) recorded",
        )
    return None


def _recipient(item: _Transfer, agreement: DataSharingAgreement) -> Iterator[Problem]:
    ref = agreement.reference
    path = f"{item.path}.agreement"
    if agreement.recipients is None:
        yield Problem.unknown(
            path,
            f"agreement {ref} does not record who may receive data, so it cannot be told "
            f"whether it covers {item.to}",
            observed=f"agreement {ref}: recipients not recorded",
            expected=_EXPECTED,
        )
    elif item.transfer.recipient not in agreement.recipients:
        yield Problem.fail(
            path,
            f"agreement {ref} does not allow data to go to {item.to}",
            observed=f"agreement {ref} recipients: {_listing(agreement.recipients)}",
            expected=f"{item.transfer.recipient} among the agreement's recipients",
        )
    if agreement.parties is None:
        yield Problem.unknown(
            path,
            f"agreement {ref} does not record its parties, so it cannot be told whether "
            f"it binds {item.to}",
            observed=f"agreement {ref}: parties not recorded",
            expected=f"{item.state} among the agreement's parties",
        )
    elif item.state not in agreement.parties:
        yield Problem.fail(
            path,
            f"agreement {ref} is not signed by {item.state}, so it does not bind {item.to}",
            # The parties are not quoted: free text from the file (count only).
            observed=f"{item.state} not among the {len(agreement.parties)} parties of "
            f"agreement {ref}",
            expected=f"{item.state} among the agreement's parties",
        )


def _purpose(item: _Transfer, agreement: DataSharingAgreement) -> Iterator[Problem]:
    ref = agreement.reference
    purpose = item.transfer.purpose
    path = f"{item.path}.purpose"
    expected = "the transfer's purpose among the agreement's purposes"
    missing = []
    if purpose is None or not purpose.strip():
        missing.append("the transfer's purpose")
    if agreement.purposes is None:
        missing.append(f"the purposes of agreement {ref}")
    if missing or purpose is None or agreement.purposes is None:
        what = " and ".join(missing)
        yield Problem.unknown(
            path,
            f"it cannot be told whether agreement {ref} covers the purpose of the transfer "
            f"to {item.to}: {what} not recorded",
            observed=f"{what} not recorded",
            expected=expected,
        )
    elif _words(purpose) not in {_words(allowed) for allowed in agreement.purposes}:
        yield Problem.fail(
            path,
            f"agreement {ref} does not cover the purpose of the transfer to {item.to}",
            observed=f"the purpose is not one of the {len(agreement.purposes)} listed in "
            f"agreement {ref}",
            expected=expected,
        )


def _categories(item: _Transfer, agreement: DataSharingAgreement) -> Iterator[Problem]:
    ref = agreement.reference
    sent = item.transfer.categories
    path = f"{item.path}.categories"
    expected = "every category of data sent among the agreement's categories"
    missing = []
    if sent is None:
        missing.append("the transfer's categories of data")
    if agreement.categories is None:
        missing.append(f"the categories of agreement {ref}")
    if missing or sent is None or agreement.categories is None:
        what = " and ".join(missing)
        yield Problem.unknown(
            path,
            f"it cannot be told whether agreement {ref} covers the data sent to {item.to}: "
            f"{what} not recorded",
            observed=f"{what} not recorded",
            expected=expected,
        )
        return
    beyond = [category for category in sent if category not in agreement.categories]
    if beyond:
        yield Problem.fail(
            path,
            f"the transfer to {item.to} sends data that agreement {ref} does not cover",
            observed=f"not covered: {_listing(beyond)}",
            expected=expected,
        )


def _listing(values: Iterable[object]) -> str:
    listed = [str(value) for value in values]
    return ", ".join(listed) if listed else "none"


def _transfer_problems(
    item: _Transfer, agreements: dict[str, DataSharingAgreement], today: pendulum.Date
) -> Iterator[Problem]:
    reference = item.transfer.agreement
    agreement = agreements.get(reference) if reference is not None else None
    if agreement is None:
        # Not named, or (in an operation not validated) not on record: unknown, never "none".
        yield Problem.unknown(
            f"{item.path}.agreement",
            f"the transfer to {item.to} does not name a data-sharing agreement on record, so "
            "it cannot be told whether one in force covers it",
            observed="no agreement named" if reference is None else "agreement not on record",
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
        to = _GUARDED.get(transfer.recipient)
        if to is not None:
            yield _Transfer(
                path=f"data_transfers[{index}]",
                transfer=transfer,
                to=to,
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
            "the planned transfers of personal data are not recorded, so it is unknown whether "
            "data goes to the country of origin or host security without an agreement",
            observed="data transfers not recorded",
            expected="the planned transfers (an empty list when none is planned)",
        )
        return
    agreements = {a.reference: a for a in operation.data_sharing_agreements or ()}
    for item in _guarded(operation):
        yield from _transfer_problems(item, agreements, facts.today)
