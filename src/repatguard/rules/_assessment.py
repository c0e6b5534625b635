"""Helpers for rules that read a yes/no finding of an area's latest conditions assessment."""

from __future__ import annotations

from collections.abc import Iterator

from repatguard.rules.api import AreaContext, Check

__all__ = ["assessment_flag", "no_assessment"]


def no_assessment(ctx: AreaContext, question: str, expected: str) -> Check:
    """Insufficient information: no assessment of the area is on record to answer ``question``."""
    return Check.unknown(
        "$.assessments",
        f"no conditions assessment of return area {ctx.area.reference!r} is on record, so it "
        f"is unknown whether {question}",
        observed="no assessment",
        expected=f"an assessment recording {expected}",
    )


def assessment_flag(
    ctx: AreaContext,
    field: str,
    *,
    safe: bool,
    question: str,
    holds: str,
    breaks: str,
    observed: str,
    expected: str,
) -> Iterator[Check]:
    """Judge one yes/no finding of the latest assessment of the area.

    ``safe`` is the value under which the safeguard holds; the other value fails with
    ``breaks``; an unrecorded value (or no assessment at all) is insufficient information at
    the rule's own severity.
    """
    latest = ctx.facts.latest_assessment(ctx.area.reference)
    if latest is None:
        yield no_assessment(ctx, question, expected)
        return
    index, assessment = latest
    path = f"$.assessments[{index}].{field}"
    value: bool | None = getattr(assessment, field)
    if value is None:
        yield Check.unknown(
            path,
            f"the latest assessment of this area does not record whether {question}",
            observed="not recorded",
            expected=expected,
        )
    elif value is safe:
        yield Check.passed(path, holds)
    else:
        yield Check.failed(path, breaks, observed=observed, expected=expected)
