"""ACME-001: an invented organisation's own policy, written as a repatguard rule.

The organisation and its policy are made up; the rule shows what a pack needs: a family prefix
of its own (ACME, not a built-in family), complete metadata, and a check that fails closed.
"""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules.api import OperationContext, Problem, Reference, Scope, Severity, rule


@rule(
    code="ACME-001",
    title="Returns are monitored along the route",
    scope=Scope.OPERATION,
    severity=Severity.MAJOR,
    checks=(
        "The operation records that movements are monitored along the route. Not monitored "
        "fails; not recorded is insufficient information."
    ),
    rationale=(
        "ACME's field policy asks for route monitoring on every return it supports, because "
        "incidents on the way are otherwise never seen."
    ),
    references=(
        Reference(instrument="ACME Relief, Field Protection Policy (invented)", locator="§4.2"),
    ),
    remediation="Arrange monitoring along the route before the first movement.",
)
def route_monitored(ctx: OperationContext) -> Iterator[Problem]:
    monitored = ctx.facts.operation.route_monitoring
    path = "route_monitoring"
    if monitored is False:
        yield Problem.fail(
            path,
            "movements are not monitored along the route",
            observed="no route monitoring",
            expected="monitoring along the route",
        )
    elif monitored is None:
        yield Problem.unknown(
            path,
            "it is not recorded whether movements are monitored along the route",
            observed="not recorded",
            expected="whether the route is monitored",
        )


RULES = (route_monitored,)
"""What the pack's entry point names: an iterable of rules."""
