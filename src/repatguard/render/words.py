"""The words the renderers share, so every format explains a verdict the same way."""

from __future__ import annotations

from repatguard.outcomes import Outcome, Verdict

__all__ = ["OUTCOME_LABEL", "VERDICT_LABEL", "VERDICT_MEANING"]

VERDICT_LABEL = {
    Verdict.PROMOTE: "PROMOTE",
    Verdict.FACILITATE_ONLY: "FACILITATE ONLY",
    Verdict.INSUFFICIENT_INFORMATION: "INSUFFICIENT INFORMATION",
    Verdict.BLOCKED: "BLOCKED",
}

VERDICT_MEANING = {
    Verdict.PROMOTE: (
        "The preconditions for promoting return are established: conditions are conducive and "
        "every safeguard checked holds. Each person's own decision still governs."
    ),
    Verdict.FACILITATE_ONLY: (
        "Return cannot be promoted. UNHCR may at most facilitate returns that people decide on "
        "themselves, under the facilitation safeguards."
    ),
    Verdict.INSUFFICIENT_INFORMATION: (
        "Facts that a safeguard depends on are unknown. This is not a clearance: movements must "
        "not proceed on this basis until the missing facts are established."
    ),
    Verdict.BLOCKED: (
        "A safeguard failed on established facts. Movements must not proceed for the scope "
        "concerned."
    ),
}

OUTCOME_LABEL = {
    Outcome.FAIL: "failed",
    Outcome.INSUFFICIENT_INFORMATION: "unknown",
    Outcome.ERROR: "rule error",
    Outcome.PASS: "passed",
    Outcome.NOT_APPLICABLE: "not applicable",
    Outcome.WAIVED: "waived",
}
