"""DATA-002: personal data goes to no recipient without a basis, and claim content to none."""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from repatguard.model import DataRecipient, DataTransfer
from repatguard.rules.api import (
    Message,
    OperationContext,
    Problem,
    Reference,
    Scope,
    Severity,
    ladder,
    msg,
    rule,
)


@attrs.frozen(kw_only=True)
class _Said:
    """The messages about a transfer that name its recipient: one whole sentence for each
    recipient (a translation names each in its own words)."""

    claim_shared: Message
    claim_unrecorded: Message
    purpose_unrecorded: Message
    basis_unrecorded: Message
    no_basis: Message
    not_disclosed: Message
    no_consent: Message


_SAID = {
    DataRecipient.ORIGIN_AUTHORITIES: _Said(
        claim_shared=msg(
            "asylum-claim content would be shared with the authorities of the country of origin; "
            "it can reach the authorities the person fled and endanger the person and their family"
        ),
        claim_unrecorded=msg(
            "it is not recorded whether the transfer to the authorities of the country of origin "
            "includes asylum-claim content"
        ),
        purpose_unrecorded=msg(
            "the purpose of the transfer to the authorities of the country of origin is not "
            "recorded, so it cannot be told whether the data is limited to what the return needs"
        ),
        basis_unrecorded=msg(
            "the legal basis of the transfer to the authorities of the country of origin is not "
            "recorded"
        ),
        no_basis=msg("the transfer to the authorities of the country of origin has no legal basis"),
        not_disclosed=msg(
            "the people concerned were not told that their data goes to the authorities of the "
            "country of origin"
        ),
        no_consent=msg(
            "the people concerned did not consent to the transfer to the authorities of the "
            "country of origin"
        ),
    ),
    DataRecipient.HOST_AUTHORITIES: _Said(
        claim_shared=msg(
            "asylum-claim content would be shared with the host authorities; it can reach the "
            "authorities the person fled and endanger the person and their family"
        ),
        claim_unrecorded=msg(
            "it is not recorded whether the transfer to the host authorities includes asylum-claim "
            "content"
        ),
        purpose_unrecorded=msg(
            "the purpose of the transfer to the host authorities is not recorded, so it cannot be "
            "told whether the data is limited to what the return needs"
        ),
        basis_unrecorded=msg(
            "the legal basis of the transfer to the host authorities is not recorded"
        ),
        no_basis=msg("the transfer to the host authorities has no legal basis"),
        not_disclosed=msg(
            "the people concerned were not told that their data goes to the host authorities"
        ),
        no_consent=msg(
            "the people concerned did not consent to the transfer to the host authorities"
        ),
    ),
    DataRecipient.HOST_SECURITY: _Said(
        claim_shared=msg(
            "asylum-claim content would be shared with the host state's security services; it can "
            "reach the authorities the person fled and endanger the person and their family"
        ),
        claim_unrecorded=msg(
            "it is not recorded whether the transfer to the host state's security services "
            "includes asylum-claim content"
        ),
        purpose_unrecorded=msg(
            "the purpose of the transfer to the host state's security services is not recorded, so "
            "it cannot be told whether the data is limited to what the return needs"
        ),
        basis_unrecorded=msg(
            "the legal basis of the transfer to the host state's security services is not recorded"
        ),
        no_basis=msg("the transfer to the host state's security services has no legal basis"),
        not_disclosed=msg(
            "the people concerned were not told that their data goes to the host state's security "
            "services"
        ),
        no_consent=msg(
            "the people concerned did not consent to the transfer to the host state's security "
            "services"
        ),
    ),
    DataRecipient.PARTNER_AGENCY: _Said(
        claim_shared=msg(
            "asylum-claim content would be shared with a partner agency; it can reach the "
            "authorities the person fled and endanger the person and their family"
        ),
        claim_unrecorded=msg(
            "it is not recorded whether the transfer to a partner agency includes asylum-claim "
            "content"
        ),
        purpose_unrecorded=msg(
            "the purpose of the transfer to a partner agency is not recorded, so it cannot be told "
            "whether the data is limited to what the return needs"
        ),
        basis_unrecorded=msg("the legal basis of the transfer to a partner agency is not recorded"),
        no_basis=msg("the transfer to a partner agency has no legal basis"),
        not_disclosed=msg(
            "the people concerned were not told that their data goes to a partner agency"
        ),
        no_consent=msg("the people concerned did not consent to the transfer to a partner agency"),
    ),
    DataRecipient.OTHER: _Said(
        claim_shared=msg(
            "asylum-claim content would be shared with another recipient; it can reach the "
            "authorities the person fled and endanger the person and their family"
        ),
        claim_unrecorded=msg(
            "it is not recorded whether the transfer to another recipient includes asylum-claim "
            "content"
        ),
        purpose_unrecorded=msg(
            "the purpose of the transfer to another recipient is not recorded, so it cannot be "
            "told whether the data is limited to what the return needs"
        ),
        basis_unrecorded=msg(
            "the legal basis of the transfer to another recipient is not recorded"
        ),
        no_basis=msg("the transfer to another recipient has no legal basis"),
        not_disclosed=msg(
            "the people concerned were not told that their data goes to another recipient"
        ),
        no_consent=msg("the people concerned did not consent to the transfer to another recipient"),
    ),
}
"""What the messages say of each recipient."""
_UNRECORDED_RECIPIENT = _Said(
    claim_shared=msg(
        "asylum-claim content would be shared with an unrecorded recipient; it can reach the "
        "authorities the person fled and endanger the person and their family"
    ),
    claim_unrecorded=msg(
        "it is not recorded whether the transfer to an unrecorded recipient includes asylum-claim "
        "content"
    ),
    purpose_unrecorded=msg(
        "the purpose of the transfer to an unrecorded recipient is not recorded, so it cannot be "
        "told whether the data is limited to what the return needs"
    ),
    basis_unrecorded=msg(
        "the legal basis of the transfer to an unrecorded recipient is not recorded"
    ),
    no_basis=msg("the transfer to an unrecorded recipient has no legal basis"),
    not_disclosed=msg(
        "the people concerned were not told that their data goes to an unrecorded recipient"
    ),
    no_consent=msg(
        "the people concerned did not consent to the transfer to an unrecorded recipient"
    ),
)


def _said(transfer: DataTransfer) -> _Said:
    return _SAID.get(transfer.recipient, _UNRECORDED_RECIPIENT)


_BASIS = msg("the legal basis of the transfer (e.g. the agreement clause)")


# Long in lines, not in logic: each finding's message is written out whole for the
# catalogues (docs/writing-rules.md), one per branch.
def _transfer_problems(path: str, transfer: DataTransfer) -> Iterator[Problem]:
    """Every problem of one planned transfer (``path`` relative to the operation)."""
    said = _said(transfer)
    # Claim content must reach no recipient: a blocker, and so is not knowing.
    yield from ladder(
        transfer.includes_claim_content,
        holds=False,
        path=f"{path}.includes_claim_content",
        fails=said.claim_shared,
        unknown=said.claim_unrecorded,
        observed=msg("claim content included"),
        expected=msg("no asylum-claim content"),
        severity=Severity.BLOCKER,
    )
    if transfer.purpose is None or not transfer.purpose.strip():
        yield Problem.unknown(
            f"{path}.purpose",
            said.purpose_unrecorded,
            observed=msg("no purpose recorded"),
            expected=msg("the specified purpose of the transfer"),
            severity=Severity.MAJOR,
        )
    # An unrecorded legal basis is unknown; a blank one is recorded as none.
    if transfer.legal_basis is None:
        yield Problem.unknown(
            f"{path}.legal_basis",
            said.basis_unrecorded,
            observed=msg("not recorded"),
            expected=_BASIS,
            severity=Severity.MAJOR,
        )
    elif not transfer.legal_basis.strip():
        yield Problem.fail(
            f"{path}.legal_basis",
            said.no_basis,
            observed=msg("blank legal basis"),
            expected=_BASIS,
            severity=Severity.MAJOR,
        )
    yield from ladder(
        transfer.disclosed_to_persons,
        holds=True,
        path=f"{path}.disclosed_to_persons",
        fails=said.not_disclosed,
        unknown=msg(
            "it is not recorded whether the transfer was disclosed to the people concerned"
        ),
        observed=msg("not disclosed"),
        expected=msg("the transfer disclosed to the people concerned"),
        severity=Severity.MAJOR,
    )
    yield from ladder(
        transfer.consent_recorded,
        holds=True,
        path=f"{path}.consent_recorded",
        fails=said.no_consent,
        unknown=msg("it is not recorded whether the people concerned consented to the transfer"),
        observed=msg("no consent"),
        expected=msg("recorded consent of the people concerned"),
        severity=Severity.MAJOR,
    )


@rule(
    code="DATA-002",
    title="No personal data is shared without a basis, and no claim content at all",
    scope=Scope.OPERATION,
    severity=Severity.BLOCKER,
    checks=(
        "For each planned transfer of personal data, whatever the recipient (authorities of "
        "the country of origin, host authorities or security services, a partner agency or "
        "another): it includes "
        "no asylum-claim content (blocker; unrecorded is insufficient information at blocker "
        "weight); its purpose is recorded; it has a legal basis; it was disclosed to the "
        "people concerned and their consent is recorded (each major: a blank legal basis, no "
        "disclosure or no consent fails, an unrecorded purpose, legal basis, disclosure or "
        "consent is insufficient information). Transfers not recorded at all (left out, "
        "unlike an empty list, which means none are planned) are insufficient information at "
        "blocker weight: lists may have been shared with the country of origin. Whether a "
        "data-sharing agreement in force covers a transfer to the country of origin or host "
        "security is DATA-009."
    ),
    rationale=(
        "The authorities a refugee fled must never learn what the asylum claim says, and no "
        "recipient needs it for a return: data given to host authorities or partners can "
        "travel on. Personal data goes to anyone only for a specified purpose and as far as "
        "the return procedure needs it; every transfer needs a legal basis, must be "
        "disclosed to the people concerned and have their consent. A record that does not "
        "say which transfers are planned cannot show that none reaches the country of origin."
    ),
    references=(
        Reference(
            instrument=(
                "UNHCR Advisory Opinion on the Rules of Confidentiality Regarding Asylum "
                "Information (2005)"
            ),
            locator="no sharing of asylum information with the country of origin",
        ),
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
            locator="§6.1 (transfer of personal data to third parties: general conditions; body "
            "text not verified with the available sources)",
        ),
        Reference(
            instrument="IOM Data Protection Principles (2009)",
            locator="principle 5 (transfer to third parties)",
        ),
    ),
    remediation=(
        "Remove any asylum-claim content from transfers to the country of origin; limit them "
        "to what the return procedure needs, record their legal basis, tell the people "
        "concerned and record their consent before any data is sent."
    ),
    waivable=False,
)
def no_claim_data_to_origin(ctx: OperationContext) -> Iterator[Problem]:
    transfers = ctx.facts.operation.data_transfers
    if transfers is None:
        # Left out is not "none planned" (an empty list is): lists may have gone to the origin.
        yield Problem.unknown(
            "data_transfers",
            msg(
                "the planned transfers of personal data are not recorded, so it is unknown "
                "whether data, or asylum-claim content, goes to the country of origin"
            ),
            observed=msg("data transfers not recorded"),
            expected=msg("the planned transfers (an empty list when none is planned)"),
            severity=Severity.BLOCKER,
        )
        return
    for index, transfer in enumerate(transfers):
        yield from _transfer_problems(f"data_transfers[{index}]", transfer)
