"""The lines the streamed check prints after its text report: what the manifest held.

``repatguard check OP --cases FILE`` writes the report of the operation and its areas, then
these lines about the manifest (households read and checked, the person verdicts, whether
anything could not be loaded), in the language of the report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from repatguard._printable import printable
from repatguard.render.i18n import _
from repatguard.render.words import code_word

if TYPE_CHECKING:
    from repatguard.report.report import Report
    from repatguard.stream.result import ManifestStats

__all__ = ["manifest_text"]


def manifest_text(stats: ManifestStats, report: Report) -> str:
    """The manifest's summary lines, each ended by a newline, after an empty line."""
    people = ", ".join(
        f"{code_word(verdict)} {count:,}" for verdict, count in report.summary.cases.items()
    )
    if report.trace is None:
        verdicts = _(
            "  Person verdicts: {people} (each case verdict is in --cases-out).", people=people
        )
    else:
        verdicts = _(
            "  Person verdicts: {people} (each case verdict and its decision trace is in "
            "--cases-out).",
            people=people,
        )
    lines = [
        "",
        _(
            "Manifest {source} ({format}): {cases} household(s) read, {checked} checked, "
            "{persons} person(s).",
            source=printable(stats.source),
            format=stats.format,
            cases=f"{stats.cases:,}",
            checked=f"{stats.checked:,}",
            persons=f"{stats.persons:,}",
        ),
        verdicts,
    ]
    if not stats.complete:
        lines.append(
            _(
                "  INCOMPLETE: {failed} household(s) could not be loaded, {duplicates} "
                "duplicate reference(s), {issues} input issue(s) (listed on standard error, "
                "each with its line).",
                failed=f"{stats.failed:,}",
                duplicates=f"{stats.duplicates:,}",
                issues=f"{stats.issues:,}",
            )
        )
    return "\n".join(lines) + "\n"
