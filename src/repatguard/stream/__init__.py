"""Streaming checks of large operations: case manifests of millions of persons.

The persons and households of an operation can come from a separate manifest, JSON Lines (one
household per line, shaped like the ``households`` items of an operation) or CSV (one person
per row; see :mod:`repatguard.stream.csv_layout`). Household- and person-level rules run while
the manifest streams; memory stays flat; findings and case verdicts stream out as JSON Lines;
the result equals :func:`repatguard.check` with the households inline. See
``docs/streaming.md``.

Typical use::

    import repatguard
    from repatguard.stream import check_manifest

    operation = repatguard.load("operation.toml")
    with open("findings.jsonl", "w") as out:
        result = check_manifest(operation, "cases.jsonl", as_of=date(2026, 6, 1),
                                findings_out=out, jobs=2)

A manifest the operation names itself (``cases_manifest``) is found with
:func:`operation_manifest`, which keeps it inside the operation file's folder::

    cases = operation_manifest("operation.toml", operation)
    print(result.report.verdict, result.manifest.failed)
"""

from repatguard.stream.cases import CaseContext, CasesResult, ManifestIssue, check_cases
from repatguard.stream.manifest import (
    CaseRecord,
    Chunk,
    ManifestError,
    operation_manifest,
    read_manifest,
)
from repatguard.stream.merge import MANIFEST_CODE, Merge
from repatguard.stream.progress import Progress, ProgressCallback, progress_bar
from repatguard.stream.result import ManifestStats, StreamResult
from repatguard.stream.run import case_context, check_manifest

__all__ = [
    "MANIFEST_CODE",
    "CaseContext",
    "CaseRecord",
    "CasesResult",
    "Chunk",
    "ManifestError",
    "ManifestIssue",
    "ManifestStats",
    "Merge",
    "Progress",
    "ProgressCallback",
    "StreamResult",
    "case_context",
    "check_cases",
    "check_manifest",
    "operation_manifest",
    "progress_bar",
    "read_manifest",
]
