"""The streaming check: an operation plus a manifest of cases, in flat memory.

Three steps, each reusing the engine of :func:`repatguard.check`:

1. **Cases.** The manifest is read in chunks; :func:`~repatguard.stream.cases.check_cases`
   checks each chunk (in this process or in a pool of ``jobs`` processes). Findings stream out
   as JSON Lines; only counters, tallies and the references seen stay in memory; a compressed
   spill of references and findings goes to a temporary file.
2. **Operation.** The operation- and area-scope rules run once, with the counters standing
   in for the households (population mix, PREM-014), then the area and operation verdicts.
3. **Verdicts.** The spill is read back and every person and household verdict is decided
   exactly as the in-memory check decides it, and streamed out.

The result equals :func:`repatguard.check` on the same operation with the households inline:
same verdicts, reasons, case verdicts, findings and tallies. A record that cannot be loaded is
reported with its line and path and counted, and the verdict is then at best
``insufficient_information``.

This module holds the public entry, :func:`check_manifest`, and :func:`case_context`; the
parts it puts together are :mod:`~repatguard.stream.executor` (where the case-level steps
run), :mod:`~repatguard.stream.link_index` (the family-links pre-pass),
:mod:`~repatguard.stream.merge` (:func:`~repatguard.stream.merge.run_check` and the in-order
merge), :mod:`~repatguard.stream.rerun` (the next review's passes) and
:mod:`~repatguard.stream.result` (what the check returns).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO

import attrs

from repatguard.engine.check import effective_policy, require_valid, to_instant
from repatguard.engine.settle import located_waivers
from repatguard.facts.parameters import Parameters
from repatguard.model import Operation, Waiver
from repatguard.policy.policy import Policy
from repatguard.render.i18n import SOURCE_LANGUAGE, check_language
from repatguard.report.pseudonyms import ReferenceKey, key_id, resolve_key
from repatguard.report.report import References
from repatguard.report.trace import ParameterSource
from repatguard.rules.registry import Registry
from repatguard.stream.cases import CaseContext, ManifestIssue, catalogue_ref, resolve_catalogue
from repatguard.stream.executor import Executor, all_chunks
from repatguard.stream.fast import fast_available
from repatguard.stream.manifest import Chunk, ManifestFormat, manifest_format
from repatguard.stream.merge import MANIFEST_CODE, run_check
from repatguard.stream.progress import ProgressCallback
from repatguard.stream.rerun import Rerun
from repatguard.stream.result import ManifestStats, StreamResult

# MANIFEST_CODE, ManifestStats and StreamResult live in merge.py and result.py; they stay
# importable from here, where check_manifest returns them and where callers found them.
__all__ = [
    "MANIFEST_CODE",
    "MAX_JOBS",
    "ManifestStats",
    "StreamResult",
    "case_context",
    "check_manifest",
]

MAX_JOBS = 256
"""The most worker processes a streamed check may ask for (``jobs``, ``--jobs``)."""


def case_context(
    operation: Operation,
    *,
    as_of: dt.date | dt.datetime,
    policy: Policy | None = None,
    parameters: Parameters | None = None,
    registry: Registry | None = None,
    waivers: Iterable[Waiver] = (),
    reveal_references: bool = False,
    reference_key: str | bytes | ReferenceKey | None = None,
    fast: bool = False,
    trace: bool = False,
    lang: str = SOURCE_LANGUAGE,
    review: bool = False,
) -> tuple[CaseContext, References]:
    """The picklable context of the case-level check, and how references will appear.

    The operation's own households are left out of the context (they are checked as cases).
    ``trace`` records the decision trace of every verdict (see :func:`check_manifest`);
    ``review`` collects the candidate instants of the next review.
    Raises :class:`~repatguard.InputError` when the operation breaks an invariant.
    """
    require_valid(operation)
    catalogue = registry if registry is not None else resolve_catalogue("builtin")
    chosen = effective_policy(policy, parameters, catalogue)
    if reveal_references:
        key: bytes | None = None
        references = References(mode="revealed")
    else:
        key, source, linkable = resolve_key(reference_key)
        references = References(
            mode="pseudonymous", linkable=linkable, key_source=source, key_id=key_id(key)
        )
    context = CaseContext(
        operation=attrs.evolve(operation, households=()),
        instant=to_instant(as_of),
        policy=chosen,
        catalogue=catalogue_ref(catalogue),
        waivers=located_waivers(operation, waivers),
        key=key,
        fast=fast,
        trace=trace,
        lang=check_language(lang),
        review=review,
    )
    return context, references


# Long in lines, not in logic: the public signature with every option of repatguard.check,
# and its documentation.
def check_manifest(
    operation: Operation,
    cases: str | os.PathLike[str] | None = None,
    *,
    as_of: dt.date | dt.datetime,
    format: ManifestFormat | None = None,
    policy: Policy | None = None,
    parameters: Parameters | None = None,
    registry: Registry | None = None,
    waivers: Iterable[Waiver] = (),
    reveal_references: bool = False,
    reference_key: str | bytes | ReferenceKey | None = None,
    jobs: int = 1,
    chunk_size: int = 200,
    findings_out: IO[str] | None = None,
    cases_out: IO[str] | None = None,
    on_issue: Callable[[ManifestIssue], None] | None = None,
    progress: ProgressCallback | None = None,
    fast: bool | None = None,
    trace: bool = False,
    parameter_sources: Mapping[str, ParameterSource] | None = None,
    lang: str = SOURCE_LANGUAGE,
    next_review: bool = True,
) -> StreamResult:
    """Check ``operation`` with the households of the manifest ``cases`` (JSON Lines or CSV).

    The operation's own households, if any, come first. Case findings are written to
    ``findings_out`` and case verdicts to ``cases_out`` as JSON Lines (each line as in the
    JSON report); every input issue is passed to ``on_issue``; ``progress`` is called as the
    check advances. ``jobs`` > 1 checks chunks of ``chunk_size`` households in that many
    processes; the output is the same byte for byte. ``fast`` decodes JSON lines with
    msgspec where that is exact (default: when the ``fast`` extra is installed); the output
    is the same again. With ``trace`` every case verdict line carries the case's decision
    trace (``trace``, as in the in-memory report's trace) and ``report.trace`` holds the
    operation's and the areas'; without it nothing of the trace is computed. The other
    arguments are those of :func:`repatguard.check`; with ``next_review`` (the default) the
    manifest is read again to find when the result next changes by itself, as the in-memory
    check finds it (:mod:`repatguard.stream.review`). ``lang`` is the language of the finding
    messages written to ``findings_out`` and ``cases_out`` (English unless given; codes and
    keys do not change).

    Raises :class:`~repatguard.InputError` when the operation itself is invalid and
    :class:`~repatguard.stream.ManifestError` when the manifest cannot be read at all.
    """
    if cases is None and operation.cases_manifest is not None:
        # Never check an operation while silently leaving its cases out.
        raise ValueError(
            "the operation refers to a case manifest (cases_manifest); pass "
            "repatguard.stream.operation_manifest(operation_file, operation) as cases"
        )
    given: object = jobs  # typed as int, but a caller's bool or float must not get through
    if isinstance(given, bool) or not isinstance(given, int) or not 1 <= given <= MAX_JOBS:
        raise ValueError(f"jobs must be a whole number from 1 to {MAX_JOBS}")
    context, references = case_context(
        operation,
        as_of=as_of,
        policy=policy,
        parameters=parameters,
        registry=registry,
        waivers=waivers,
        reveal_references=reveal_references,
        reference_key=reference_key,
        fast=fast_available() if fast is None else fast,
        trace=trace,
        lang=lang,
        review=next_review,
    )
    chosen = None if cases is None else (format or manifest_format(cases))
    total = os.path.getsize(cases) if cases is not None and os.path.isfile(cases) else None

    def chunks() -> Iterator[Chunk]:
        return all_chunks(operation, cases, chosen, chunk_size)

    with Executor(context, jobs, chunks) as executor:
        rerun = Rerun(context, executor, chunks, references) if next_review else None
        return run_check(
            context,
            executor,
            references=references,
            source=None if cases is None else str(cases),
            format=chosen,
            total=total,
            on_issue=on_issue,
            findings_out=findings_out,
            cases_out=cases_out,
            progress=progress,
            parameter_sources=parameter_sources,
            review=rerun,
        )
