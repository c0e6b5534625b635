"""DATA-002: nothing about protection claims flows to the country of origin without a basis."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import attrs

from repatguard.model import DataRecipient, DataTransfer, Operation
from repatguard.rules.api import Check, OperationContext, Reference, Scope, Severity, rule
from repatguard.rules.examples import Example, RuleExamples


def _transfer_checks(path: str, transfer: DataTransfer) -> Iterator[Check]:
    if transfer.includes_claim_content is True:
        yield Check.failed(
            f"{path}.includes_claim_content",
            "asylum-claim content would be shared with the authorities of the country of "
            "origin, which can endanger the person and their family",
            observed="claim content included",
            expected="no asylum-claim content",
            severity=Severity.BLOCKER,
        )
    elif transfer.includes_claim_content is None:
        yield Check.unknown(
            f"{path}.includes_claim_content",
            "it is not recorded whether the transfer to the country of origin includes "
            "asylum-claim content",
            observed="not recorded",
            expected="no asylum-claim content",
            severity=Severity.BLOCKER,
        )
    if transfer.legal_basis is None or not transfer.legal_basis.strip():
        yield Check.failed(
            f"{path}.legal_basis",
            "the transfer to the country of origin has no recorded legal basis",
            observed="no legal basis",
            expected="the legal basis of the transfer (e.g. the agreement clause)",
            severity=Severity.MAJOR,
        )
    if transfer.disclosed_to_persons is False:
        yield Check.failed(
            f"{path}.disclosed_to_persons",
            "the people concerned were not told that their data goes to the country of origin",
            observed="not disclosed",
            expected="the transfer disclosed to the people concerned",
            severity=Severity.MAJOR,
        )
    elif transfer.disclosed_to_persons is None:
        yield Check.unknown(
            f"{path}.disclosed_to_persons",
            "it is not recorded whether the transfer was disclosed to the people concerned",
            observed="not recorded",
            expected="the transfer disclosed to the people concerned",
            severity=Severity.MAJOR,
        )
    if transfer.consent_recorded is False:
        yield Check.failed(
            f"{path}.consent_recorded",
            "the people concerned did not consent to the transfer to the country of origin",
            observed="no consent",
            expected="recorded consent of the people concerned",
            severity=Severity.MAJOR,
        )
    elif transfer.consent_recorded is None:
        yield Check.unknown(
            f"{path}.consent_recorded",
            "it is not recorded whether the people concerned consented to the transfer",
            observed="not recorded",
            expected="recorded consent of the people concerned",
            severity=Severity.MAJOR,
        )


@rule(
    code="DATA-002",
    title="Nothing about protection claims flows to the country of origin without a basis",
    scope=Scope.OPERATION,
    severity=Severity.BLOCKER,
    checks=(
        "For each planned data transfer to the authorities of the country of origin: it "
        "includes no asylum-claim content (blocker; unrecorded is insufficient information at "
        "blocker weight), has a non-blank legal basis, was disclosed to the people concerned "
        "and their consent is recorded (each major; unrecorded disclosure or consent is "
        "insufficient information). Without any transfer to the origin the rule does not "
        "apply."
    ),
    rationale=(
        "The authorities a refugee fled must never learn what the asylum claim says, and "
        "personal data reaches them only as far as the return procedure needs it. Every such "
        "transfer needs a legal basis, must be disclosed to the people concerned and have "
        "their consent."
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
                "UNHCR Policy on the Protection of Personal Data of Persons of Concern (2015)"
            ),
            locator="§6 (transfers to third parties)",
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
def no_claim_data_to_origin(ctx: OperationContext) -> Iterator[Check]:
    for index, transfer in enumerate(ctx.facts.operation.data_transfers):
        if transfer.recipient is not DataRecipient.ORIGIN_AUTHORITIES:
            continue
        path = f"$.data_transfers[{index}]"
        problems = list(_transfer_checks(path, transfer))
        if problems:
            yield from problems
            continue
        yield Check.passed(
            path,
            "the transfer to the country of origin excludes claim content, has a legal basis, "
            "and was disclosed and consented to",
        )


def _transfer(operation: Operation, **changes: Any) -> Operation:
    """``operation`` with its first data transfer changed."""
    first = attrs.evolve(operation.data_transfers[0], **changes)
    return attrs.evolve(operation, data_transfers=(first, *operation.data_transfers[1:]))


EXAMPLES = RuleExamples(
    passing=Example(
        description=(
            "Identity data goes to the origin authorities for readmission under the "
            "tripartite agreement, without claim content, disclosed and consented to."
        ),
        change=lambda op: op,
    ),
    failing=Example(
        description="The transfer to the origin authorities includes asylum-claim content.",
        change=lambda op: _transfer(op, includes_claim_content=True),
    ),
    missing=Example(
        description="Whether the transfer includes asylum-claim content is not recorded.",
        change=lambda op: _transfer(op, includes_claim_content=None),
    ),
)
