"""The messages of a streamed check's incomplete-manifest finding (``INPUT-001``).

What went wrong with the manifest is listed part by part (``observed`` holds one message per
part); the finding's message names the same parts in one sentence, so it is written whole for
each combination of them (docs/writing-rules.md, "Whole sentences per branch").
"""

from __future__ import annotations

from repatguard.rules.message import N_, Message, msg

__all__ = ["EXPECTED", "REMEDIATION", "TITLE", "incomplete"]

TITLE = N_("Manifest not completely loaded")
REMEDIATION = N_(
    "Correct the records named in the input issues and check again; until then no verdict "
    "better than insufficient information is possible."
)

EXPECTED = msg("every case loaded, each reference used once, counts that cover everyone listed")


_INCOMPLETE: dict[tuple[bool, bool, bool, bool], Message] = {
    (True, True, True, True): msg(
        "{failed} of {read} case(s) could not be loaded; {duplicates} reference(s) are "
        "used more than once; {unresolved} family link(s) name a household the manifest "
        "lacks; the declared population is smaller than the manifest, so the safeguards "
        "of the whole operation cannot be established (see the input issues, each with "
        "its line)"
    ),
    (True, True, True, False): msg(
        "{failed} of {read} case(s) could not be loaded; {duplicates} reference(s) are "
        "used more than once; {unresolved} family link(s) name a household the manifest "
        "lacks, so the safeguards of the whole operation cannot be established (see the "
        "input issues, each with its line)"
    ),
    (True, True, False, True): msg(
        "{failed} of {read} case(s) could not be loaded; {duplicates} reference(s) are "
        "used more than once; the declared population is smaller than the manifest, so "
        "the safeguards of the whole operation cannot be established (see the input "
        "issues, each with its line)"
    ),
    (True, True, False, False): msg(
        "{failed} of {read} case(s) could not be loaded; {duplicates} reference(s) are "
        "used more than once, so the safeguards of the whole operation cannot be "
        "established (see the input issues, each with its line)"
    ),
    (True, False, True, True): msg(
        "{failed} of {read} case(s) could not be loaded; {unresolved} family link(s) name"
        " a household the manifest lacks; the declared population is smaller than the "
        "manifest, so the safeguards of the whole operation cannot be established (see "
        "the input issues, each with its line)"
    ),
    (True, False, True, False): msg(
        "{failed} of {read} case(s) could not be loaded; {unresolved} family link(s) name"
        " a household the manifest lacks, so the safeguards of the whole operation cannot"
        " be established (see the input issues, each with its line)"
    ),
    (True, False, False, True): msg(
        "{failed} of {read} case(s) could not be loaded; the declared population is "
        "smaller than the manifest, so the safeguards of the whole operation cannot be "
        "established (see the input issues, each with its line)"
    ),
    (True, False, False, False): msg(
        "{failed} of {read} case(s) could not be loaded, so the safeguards of the whole "
        "operation cannot be established (see the input issues, each with its line)"
    ),
    (False, True, True, True): msg(
        "{duplicates} reference(s) are used more than once; {unresolved} family link(s) "
        "name a household the manifest lacks; the declared population is smaller than the"
        " manifest, so the safeguards of the whole operation cannot be established (see "
        "the input issues, each with its line)"
    ),
    (False, True, True, False): msg(
        "{duplicates} reference(s) are used more than once; {unresolved} family link(s) "
        "name a household the manifest lacks, so the safeguards of the whole operation "
        "cannot be established (see the input issues, each with its line)"
    ),
    (False, True, False, True): msg(
        "{duplicates} reference(s) are used more than once; the declared population is "
        "smaller than the manifest, so the safeguards of the whole operation cannot be "
        "established (see the input issues, each with its line)"
    ),
    (False, True, False, False): msg(
        "{duplicates} reference(s) are used more than once, so the safeguards of the "
        "whole operation cannot be established (see the input issues, each with its line)"
    ),
    (False, False, True, True): msg(
        "{unresolved} family link(s) name a household the manifest lacks; the declared "
        "population is smaller than the manifest, so the safeguards of the whole "
        "operation cannot be established (see the input issues, each with its line)"
    ),
    (False, False, True, False): msg(
        "{unresolved} family link(s) name a household the manifest lacks, so the "
        "safeguards of the whole operation cannot be established (see the input issues, "
        "each with its line)"
    ),
    (False, False, False, True): msg(
        "the declared population is smaller than the manifest, so the safeguards of the "
        "whole operation cannot be established (see the input issues, each with its line)"
    ),
}
"""The finding's message, by which parts are present: cases that failed to load, duplicate
references, unresolved family links, a declared population smaller than the manifest."""


def incomplete(
    *, failed: int, read: int, duplicates: int, unresolved: int, population_short: bool
) -> tuple[Message, tuple[Message, ...]]:
    """The finding's message and its observed parts, for the parts that are present (at least
    one is)."""
    parts: list[Message] = []
    values: dict[str, int] = {}
    if failed:
        parts.append(
            msg("{failed} of {read} case(s) could not be loaded", failed=failed, read=read)
        )
        values.update(failed=failed, read=read)
    if duplicates:
        parts.append(
            msg("{duplicates} reference(s) are used more than once", duplicates=duplicates)
        )
        values.update(duplicates=duplicates)
    if unresolved:
        parts.append(
            msg(
                "{unresolved} family link(s) name a household the manifest lacks",
                unresolved=unresolved,
            )
        )
        values.update(unresolved=unresolved)
    if population_short:
        parts.append(msg("the declared population is smaller than the manifest"))
    key = (bool(failed), bool(duplicates), bool(unresolved), population_short)
    return _INCOMPLETE[key].with_values(**values), tuple(parts)
