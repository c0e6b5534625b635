"""SPEC-002: the risk of re-trafficking and reprisal is assessed before a survivor returns."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules.api import Check, PersonContext, Reference, Scope, Severity, rule
from repatguard.rules.examples import Example, NoExample, RuleExamples
from repatguard.testing.factories import AS_OF, with_member


@rule(
    code="SPEC-002",
    title="Re-trafficking and reprisal risk assessed for trafficking survivors",
    scope=Scope.PERSON,
    severity=Severity.MAJOR,
    checks=(
        "For every person flagged as a trafficking survivor, an assessment of the risk of "
        "re-trafficking and reprisal is dated on or before as_of. People not flagged are not "
        "concerned."
    ),
    rationale=(
        "A survivor of trafficking may face the traffickers again on return, through "
        "re-trafficking or reprisals. Before such a person returns, that risk is assessed "
        "individually so that return is reconsidered, or protection arranged, where it is high."
    ),
    references=(
        Reference(
            instrument="UNHCR, Refugee Protection and Mixed Migration: A 10-Point Plan of "
            "Action (2007)",
            locator="point 6 (differentiated processes and procedures, incl. victims of "
            "trafficking)",
        ),
        Reference(
            instrument="IOM, A Framework for Assisted Voluntary Return and Reintegration (2018)",
            locator="objective on addressing migrant vulnerabilities",
        ),
    ),
    remediation=(
        "Carry out and record an individual assessment of the risk of re-trafficking and "
        "reprisal in the area of return before the person moves, and act on its findings "
        "(protection measures, referral, or reconsidering return)."
    ),
)
def retrafficking_risk_assessed(ctx: PersonContext) -> Iterator[Check]:
    person = ctx.person
    if person.trafficking_survivor is not True:
        return  # the flag is the evidence this rule looks for
    path = f"{ctx.path}.retrafficking_risk_assessed_on"
    assessed = person.retrafficking_risk_assessed_on
    expected = f"a risk assessment on or before {ctx.facts.today.isoformat()}"
    if assessed is None:
        yield Check.failed(
            path,
            "no assessment of the risk of re-trafficking or reprisal is recorded for a "
            "trafficking survivor",
            observed="no risk assessment",
            expected=expected,
        )
        return
    if assessed > ctx.facts.today:
        yield Check.failed(
            path,
            "the assessment of the risk of re-trafficking or reprisal is dated after the "
            "reference date, so it has not been made yet",
            observed=f"assessed on {assessed.isoformat()}",
            expected=expected,
        )
        return
    yield Check.passed(path, "the risk of re-trafficking and reprisal was assessed before return")


EXAMPLES = RuleExamples(
    passing=Example(
        description="The spouse P-2 is a trafficking survivor; the risk of re-trafficking and "
        "reprisal was assessed 10 days before as_of.",
        change=lambda op: with_member(
            op,
            0,
            1,
            trafficking_survivor=True,
            retrafficking_risk_assessed_on=AS_OF.subtract(days=10),
        ),
    ),
    failing=Example(
        description="The spouse P-2 is a trafficking survivor and no risk assessment is on record.",
        change=lambda op: with_member(op, 0, 1, trafficking_survivor=True),
    ),
    missing=NoExample(
        reason="The survivor flag is the evidence this rule looks for: without it the rule "
        "does not apply, and for a flagged survivor a missing risk assessment is a failure."
    ),
)
