"""The case-level check: a pure, picklable function of (context, cases).

:func:`check_cases` loads a chunk of household records, checks the invariants that concern
one household, runs every household- and person-scope rule of the policy over them, applies
severity overrides and waivers, and returns compact results: counters, rule tallies, the
findings as JSON Lines (pseudonymised like a report), the input issues with their lines, and
a compressed "spill" from which the case verdicts are computed once the operation-level
findings are known. Nothing in it reads the clock, a file or global state, so it runs the same
in this process, in a process pool or on a Dask worker.
"""

from __future__ import annotations

import functools
import json
import pickle
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal, NamedTuple

import attrs
import pendulum

from repatguard._printable import json_printable
from repatguard.engine.cases import case_verdicts, provisional_counts
from repatguard.engine.evaluate import evaluate, household_kins
from repatguard.engine.headline import FindingCounts
from repatguard.engine.review import household_instants
from repatguard.engine.settle import Settlement
from repatguard.errors import InputIssue
from repatguard.facts.facts import ManifestCounts, build_facts, count_people, dependants
from repatguard.facts.links import LinkedHousehold, linked_household, named_households
from repatguard.model import Household, Operation, Waiver
from repatguard.model.validate import validate_operation
from repatguard.outcomes import Outcome, Scope, Severity
from repatguard.policy.policy import Policy
from repatguard.render.i18n import SOURCE_LANGUAGE, use_language
from repatguard.render.json import data_converter
from repatguard.render.wording import expected_of, message_of, observed_of, reason_message
from repatguard.report.finding import Evidence, Finding, RuleTally, fingerprint
from repatguard.report.pseudonyms import pseudonym
from repatguard.report.report import CaseVerdict
from repatguard.report.trace import ScopeTrace
from repatguard.rules.registry import Registry, builtin_registry
from repatguard.stream._engine import (
    household_from_data,
    parse_json_record,
    rename_finding,
    rename_scope_trace,
)
from repatguard.stream.csv_layout import household_from_rows
from repatguard.stream.manifest import CaseRecord, Chunk
from repatguard.stream.manifest_messages import value_free
from repatguard.stream.prepass import claimed_references, csv_columns, glance
from repatguard.stream.review import Probe, probe_households

__all__ = [
    "CASE_SCOPES",
    "PROVISIONAL_PREFIX",
    "CaseContext",
    "CasesResult",
    "CheckedCase",
    "ChunkLinks",
    "ManifestIssue",
    "Summaries",
    "VerdictLines",
    "check_cases",
    "chunk_links",
    "chunk_summaries",
    "finding_line",
    "plain_finding_line",
    "probe_cases",
    "resolve_catalogue",
    "verdict_data",
    "verdict_lines",
]

CASE_SCOPES = (Scope.HOUSEHOLD, Scope.PERSON)
"""The scopes checked while the manifest streams; the others run once at the end."""

CatalogueRef = Registry | Literal["builtin", "full"]


def resolve_catalogue(ref: CatalogueRef) -> Registry:
    """The registry a context names: the built-in catalogue, the full one (with installed rule
    packs), or a registry given as is (which only works in the same process)."""
    if ref == "builtin":
        return builtin_registry()
    if ref == "full":
        from repatguard.rules.packs import full_registry  # noqa: PLC0415 - packs are rare

        return full_registry()
    assert isinstance(ref, Registry)
    return ref


def catalogue_ref(registry: Registry | None) -> CatalogueRef:
    """A picklable name for ``registry`` when it is a catalogue every process can rebuild.

    Rules are functions replaced by :class:`~repatguard.rules.registry.Rule` objects under the
    same name, so a registry cannot be pickled; the built-in and the full catalogue are named
    instead and rebuilt where the check runs.
    """
    if registry is None or registry is builtin_registry():
        return "builtin"
    from repatguard.rules.packs import full_registry  # noqa: PLC0415 - packs are rare

    try:
        if registry == full_registry():
            return "full"
    except Exception:  # noqa: S110 - a broken pack just means: keep the object
        pass
    return registry


@attrs.frozen(kw_only=True)
class ManifestIssue:
    """A problem in one case of a manifest, with where it is."""

    source: str
    line: int | None
    """Line in ``source`` (``None`` for households held in the operation file)."""
    path: str
    """JSONPath-style, relative to the household record (``$.members[0].age``)."""
    message: str
    index: int = -1
    """Index of the case among all cases (``$.households[index]``)."""

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line is not None else ""
        return f"{where}{self.path}: {self.message}"


class CheckedCase(NamedTuple):
    """What the merge step needs to know about a case that loaded: its references.

    A named tuple rather than an attrs class: one goes from a worker to the parent for every
    household, and tuples pickle several times faster."""

    position: int
    """Index of the case among all cases (``$.households[position]``)."""
    line: int | None
    household: str
    members: tuple[str, ...]
    member_lines: tuple[int, ...] = ()
    """Line of each member's row (CSV); empty when every member is on ``line``."""
    links: tuple[tuple[int, int, str], ...] = ()
    """Family links to other households: (member, link, household reference), resolved
    against every household of the manifest when the chunks are merged."""


@attrs.frozen(kw_only=True)
class CaseContext:
    """Everything the case-level check needs besides the cases themselves. Picklable.

    ``operation`` holds no households. ``key`` is the pseudonym key (``None`` when references
    are revealed). ``catalogue`` is ``"builtin"``, ``"full"`` or a registry (same process only).
    """

    operation: Operation
    instant: pendulum.DateTime
    policy: Policy
    catalogue: CatalogueRef = "builtin"
    waivers: tuple[tuple[str, Waiver], ...] = ()
    key: bytes | None = None
    fast: bool = False
    """Decode JSON lines with msgspec when that is certain to be exact (the ``fast`` extra);
    see :mod:`repatguard.stream.fast`."""
    trace: bool = False
    """Record the steps of every case verdict and write each case's decision trace on its
    verdict line (:func:`verdict_lines`); off, nothing of it is computed."""
    lang: str = SOURCE_LANGUAGE
    """The language of the finding messages on the finding and verdict lines (as ``--format
    jsonl`` writes them with ``--lang``); codes, keys and fingerprints do not depend on it."""
    review: bool = False
    """Collect the candidate instants of the next review (:mod:`repatguard.stream.review`)."""

    def settlement(self) -> Settlement:
        """How this check settles its findings (every rule the policy runs)."""
        catalogue = resolve_catalogue(self.catalogue)
        return Settlement(
            policy=self.policy,
            rules=self.policy.apply(catalogue),
            catalogue=catalogue,
            waivers=self.waivers,
            operation=self.operation.reference,
        )


@attrs.frozen(kw_only=True)
class CasesResult:
    """The compact result of checking one chunk of cases."""

    source: str
    read: int
    """Records read (cases that loaded and cases that did not)."""
    checked: tuple[CheckedCase, ...]
    issues: tuple[ManifestIssue, ...]
    failed: int
    """Records that did not load (each has at least one issue)."""
    counts: ManifestCounts
    tallies: tuple[RuleTally, ...]
    findings: FindingCounts
    waivers_matched: frozenset[int]
    """Positions of the waivers that matched a finding here: the operation-level pass reports
    the waivers that matched nothing anywhere."""
    records: str
    """The findings, pseudonymised, as JSON Lines, household by household."""
    spill: bytes
    """Compressed households (references and areas only) and findings (as plain tuples), for
    the verdicts."""
    end_offset: int = 0
    instants: tuple[tuple[pendulum.DateTime, bool], ...] = ()
    """With ``context.review``: the candidate instants of the next review these households
    draw, each with whether it derives from personal data."""


_HOUSEHOLD_PATH = re.compile(r"^\$\.households\[(\d+)\]")


_LINE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
"""What ``json.dumps(..., ensure_ascii=False, separators=(",", ":"))`` uses, made once: the
streamed check writes a line per finding and per case."""


def finding_line(
    finding: Finding, operation: str, rename: Callable[[str], str] | None = None
) -> str:
    """One finding of ``operation`` as a JSON line, exactly as in ``--format jsonl``; with
    ``rename``, its references renamed as in a pseudonymous report (and the fingerprint with
    them)."""
    if finding.waiver is None:
        return _line_in_parts(finding, operation, rename)
    return plain_finding_line(finding, operation, rename)


def plain_finding_line(
    finding: Finding, operation: str, rename: Callable[[str], str] | None = None
) -> str:
    """:func:`finding_line` through the report's converter, for any finding (the reference
    :func:`finding_line` is tested against)."""
    if rename is not None and finding.waiver is not None:
        finding = rename_finding(finding, rename)  # a waiver holds references too
        rename = None
    data = {"operation": operation} | data_converter().unstructure(finding)
    if rename is not None:
        # The same as rename_finding, on the dictionary: no second Finding to build.
        data["subject"] = subject = rename(finding.subject)
        if finding.household is not None:
            data["household"] = rename(finding.household)
        data["fingerprint"] = fingerprint(finding.code, subject, finding.path)
    return json_printable(_LINE.encode(data)) + "\n"


def _encode(value: str | None) -> str:
    """``value`` as JSON (``_LINE.encode`` of a string goes straight to the string encoder)."""
    return "null" if value is None else _LINE.encode(value)


_RuleFixed = tuple[str, str, Severity, Severity, Outcome, Scope]
"""What starts every line of one rule's findings: code, title, severity, default severity,
outcome and scope."""


@functools.lru_cache(maxsize=1024)
def _line_head(operation: str, fixed: _RuleFixed) -> str:
    """The start of a finding's line up to its subject: the same for every finding one rule
    gives with one severity and outcome, so it is encoded once (bounded: a rule pack could
    make codes and titles at run time)."""
    code, title, severity, default_severity, outcome, scope = fixed
    head = {
        "operation": operation,
        "code": code,
        "title": title,
        "severity": severity.value,
        "default_severity": default_severity.value,
        "outcome": outcome.value,
        "scope": scope.value,
    }
    return _LINE.encode(head)[:-1] + ',"subject":'


@functools.lru_cache(maxsize=1024)
def _line_middle(references: tuple[str, ...], remediation: str) -> str:
    """The part of a finding's line from its references to its area, the same for every
    finding of a rule (encoded once, as :func:`_line_head`)."""
    fixed = {"references": list(references), "remediation": remediation}
    return "," + _LINE.encode(fixed)[1:-1] + ',"area":'


def _line_in_parts(finding: Finding, operation: str, rename: Callable[[str], str] | None) -> str:
    """:func:`plain_finding_line` for a finding without a waiver, from the fixed parts of its
    rule's lines (:func:`_line_head`, :func:`_line_middle`) and its own values, each encoded
    as the converter's dictionary would be: the same bytes, without encoding the rule's
    title, references and remediation again for every finding."""
    subject, household, print_ = finding.subject, finding.household, finding.fingerprint
    if rename is not None:
        subject = rename(subject)
        household = rename(household) if household is not None else None
        print_ = fingerprint(finding.code, subject, finding.path)
    if finding.wording is None:
        message, observed, expected = (
            finding.message,
            finding.evidence.observed,
            finding.evidence.expected,
        )
    else:  # what the translating converter writes (in English, the finding's own text)
        message, observed, expected = (
            message_of(finding),
            observed_of(finding),
            expected_of(finding),
        )
    line = "".join(
        (
            _line_head(
                operation,
                (
                    finding.code,
                    finding.title,
                    finding.severity,
                    finding.default_severity,
                    finding.outcome,
                    finding.scope,
                ),
            ),
            _encode(subject),
            ',"path":',
            _encode(finding.path),
            ',"message":',
            _encode(message),
            ',"evidence":{"observed":',
            _encode(observed),
            ',"expected":',
            _encode(expected),
            "}",
            _line_middle(finding.references, finding.remediation),
            _encode(finding.area),
            ',"household":',
            _encode(household),
            ',"escalate":',
            "true" if finding.escalate else "false",
            ',"waiver":null,"fingerprint":',
            _encode(print_),
            "}",
        )
    )
    return json_printable(line) + "\n"


_FAST: list[Any] = []
"""The fast loader of this process, made on first use."""

_PREPARED: list[tuple[CaseContext, Registry, Settlement]] = []
"""The case-level rules and the settlement of the last context seen in this process (a
worker sees one context for all its chunks), kept beside the context they were made for."""


def _prepared(context: CaseContext) -> tuple[Registry, Settlement]:
    if _PREPARED and _PREPARED[0][0] is context:
        return _PREPARED[0][1], _PREPARED[0][2]
    settlement = context.settlement()
    rules = Registry([rule for rule in settlement.rules if rule.meta.scope in CASE_SCOPES])
    _PREPARED[:] = [(context, rules, settlement)]
    return rules, settlement


def _fast_loader() -> Any:
    if not _FAST:
        from repatguard.stream.fast import FastLoader  # noqa: PLC0415 - optional extra

        _FAST.append(FastLoader())
    return _FAST[0]


def _load(
    chunk: Chunk, record: CaseRecord, fast: bool = False
) -> tuple[Household | None, list[tuple[int, InputIssue]]]:
    line = record.line
    if record.problem is not None or record.data is None:
        return None, [(line, InputIssue(path="$", message=record.problem or "unreadable"))]
    if isinstance(record.data, Household):
        return record.data, []
    if chunk.format == "csv":
        assert isinstance(record.data, tuple)
        rows = record.data
        data, row_issues = household_from_rows(chunk.header, rows)
        if data is None:
            return None, row_issues
        household, issues = household_from_data(data)
        lines = [row_line for row_line, _ in rows]
        return household, [(_member_line(issue.path, lines, line), issue) for issue in issues]
    assert isinstance(record.data, bytes)
    if fast:
        found = _fast_loader().load(record.data)
        if found is not None:
            return found, []
    try:
        text = record.data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [(line, InputIssue(path="$", message=f"not valid UTF-8 (byte {exc.start})"))]
    parsed, problems = parse_json_record(text)
    if parsed is None:
        return None, [(line, issue) for issue in problems]
    household, issues = household_from_data(parsed.data, plain=parsed.plain)
    return household, [(line, issue) for issue in issues]


_MEMBER = re.compile(r"^\$\.members\[(\d+)\]")


def _member_line(path: str, lines: list[int], default: int) -> int:
    found = _MEMBER.match(path)
    if found is not None and int(found.group(1)) < len(lines):
        return lines[int(found.group(1))]
    return default


class _SpilledMember(NamedTuple):
    reference: str
    intended_return_area: str | None
    stays_behind: bool | None


class _SpilledHousehold(NamedTuple):
    """What the verdict pass needs of a household (see ``HouseholdShape``): plain tuples
    pickle several times faster than the attrs model and take less room."""

    reference: str
    intended_return_area: str | None
    members: tuple[_SpilledMember, ...]


def _minimal(household: Household) -> _SpilledHousehold:
    """The household with references, areas and who stays behind: what verdicts need."""
    return _SpilledHousehold(
        household.reference,
        household.intended_return_area,
        tuple(
            _SpilledMember(p.reference, p.intended_return_area, p.stays_behind)
            for p in household.members
        ),
    )


_SpilledFinding = tuple[Any, ...]
"""A finding as the spill holds it (:func:`_spilled`): its fields in a plain tuple, which
pickles and loads several times faster than the attrs classes (most of the spill's cost)."""


def _spilled(finding: Finding, *, wording: bool) -> _SpilledFinding:
    """``finding`` for the spill; with ``wording=False`` without what its texts were made from
    (rendering-only: in English every renderer shows the finding's own text instead)."""
    evidence = finding.evidence
    return (
        finding.code,
        finding.title,
        finding.severity,
        finding.default_severity,
        finding.outcome,
        finding.scope,
        finding.subject,
        finding.path,
        finding.message,
        evidence.observed,
        evidence.expected,
        finding.references,
        finding.remediation,
        finding.area,
        finding.household,
        finding.escalate,
        finding.waiver,
        finding.wording if wording else None,
    )


def _unspilled(spilled: _SpilledFinding) -> Finding:
    """The finding :func:`_spilled` put into the spill (its fingerprint computed again)."""
    (code, title, severity, default_severity, outcome, scope, subject, path, message) = spilled[:9]
    observed, expected, references, remediation, area, household, escalate, waiver, wording = (
        spilled[9:]
    )
    return Finding(
        code=code,
        title=title,
        severity=severity,
        default_severity=default_severity,
        outcome=outcome,
        scope=scope,
        subject=subject,
        path=path,
        message=message,
        evidence=Evidence(observed=observed, expected=expected),
        references=references,
        remediation=remediation,
        area=area,
        household=household,
        escalate=escalate,
        waiver=waiver,
        wording=wording,
    )


def _pseudonyms(households: Iterable[Household], key: bytes | None) -> dict[str, str] | None:
    """Each reference of ``households`` and its pseudonym; ``None`` when references show."""
    if key is None:
        return None
    table: dict[str, str] = {}
    for household in households:
        table[household.reference] = pseudonym(household.reference, key)
        for person in household.members:
            table[person.reference] = pseudonym(person.reference, key)
    return table


def _renamer(table: dict[str, str] | None) -> Callable[[str], str] | None:
    if table is None:
        return None
    return lambda reference: table.get(reference, reference)


def _loaded(
    context: CaseContext, chunk: Chunk
) -> tuple[list[tuple[CaseRecord, Household]], list[ManifestIssue], int]:
    """The cases of ``chunk`` that load and keep the invariants; the issues of the others."""
    loaded: list[tuple[CaseRecord, Household]] = []
    issues: list[ManifestIssue] = []
    failed = 0
    from_operation = chunk.format == "operation"

    def report(record: CaseRecord, line: int, issue: InputIssue) -> None:
        path = issue.path
        if from_operation:
            path = f"$.households[{record.index}]" + path[1:]
        # A manifest holds personal data: its issues say where and what, never the values,
        # for the library's callers as for the command line.
        found = ManifestIssue(
            source=chunk.source,
            line=None if from_operation else line,
            path=path,
            message=issue.message,
            index=record.index,
        )
        issues.append(value_free(found))

    for record in chunk.records:
        household, problems = _load(chunk, record, context.fast)
        if household is None:
            failed += 1
            for line, issue in problems:
                report(record, line, issue)
            continue
        loaded.append((record, household))

    # The invariants of validate_operation, on a shell operation holding these households:
    # those of one household (references to areas and assessments, contradictions, empty
    # references) are kept; duplicates across households and the population counts are
    # checked over the whole manifest when the chunks are merged.
    shell = attrs.evolve(context.operation, households=tuple(h for _, h in loaded))
    invalid: dict[int, list[InputIssue]] = {}
    # A family link to another household is resolved over the whole manifest, at the merge.
    checked = validate_operation(shell, check_types=False, households_elsewhere=True)
    for issue in checked:  # loaders checked the types
        found = _HOUSEHOLD_PATH.match(issue.path)
        if found is None:
            continue
        local = int(found.group(1))
        relative = "$" + issue.path[found.end() :]
        invalid.setdefault(local, []).append(InputIssue(path=relative, message=issue.message))
    good: list[tuple[CaseRecord, Household]] = []
    for local, (record, household) in enumerate(loaded):
        broken = invalid.get(local)
        if broken:
            failed += 1
            lines = _row_lines(chunk, record)
            for problem in broken:
                report(record, _member_line(problem.path, lines, record.line), problem)
            continue
        good.append((record, household))
    issues.sort(key=lambda item: (item.line or 0, item.index))
    return good, issues, failed


def _household_links(household: Household) -> tuple[tuple[int, int, str], ...]:
    return tuple(
        (m, index, link.household)
        for m, person in enumerate(household.members)
        for index, link in enumerate(person.family_links)
        if link.household is not None
    )


Summaries = tuple[tuple[str, LinkedHousehold | None], ...]
"""Households summed up by the pre-pass, by reference. ``None`` stands for a record that
claims the reference but does not load: a link to that reference cannot be told to mean the
copy that loads, so the household is not once on record (as when it is held twice)."""


class ChunkLinks(NamedTuple):
    """What the pre-pass of a streamed check keeps of one chunk: a summary of each household
    it loaded that keeps the invariants (what a family link to it is checked against), the
    households the chunk's own family links name, and the records it did not load."""

    households: Summaries
    named: frozenset[str]
    skipped: tuple[str | None, ...] = ()
    """For each record of the chunk, in order, the reference it has if it loads when the
    pre-pass left it unloaded (it holds no link to another household and no link of the
    chunk names it), else ``None``. One a link elsewhere names is loaded afterwards
    (:func:`chunk_summaries`)."""


def _households(
    context: CaseContext, chunk: Chunk, records: Iterable[CaseRecord]
) -> tuple[list[tuple[CaseRecord, Household]], Summaries]:
    """The ``records`` of ``chunk`` that load exactly as :func:`check_cases` loads them, and
    the references the others claim (each with ``None``, see :data:`Summaries`): one record's
    fate does not depend on the others of its chunk (the invariants of several households,
    repeated references, are checked at the merge)."""
    some = tuple(records)
    if not some:
        return [], ()
    good, _, _ = _loaded(context, attrs.evolve(chunk, records=some))
    loaded = {record.index for record, _ in good}
    unloaded = tuple(
        (reference, None)
        for record in some
        if record.index not in loaded
        for reference in claimed_references(chunk, record)
    )
    return good, unloaded


def _summed(context: CaseContext, households: Iterable[Household]) -> Summaries:
    adult_age = context.policy.parameters.adult_age
    return tuple(
        (household.reference, linked_household(household, context.instant, adult_age))
        for household in households
    )


def chunk_links(context: CaseContext, chunk: Chunk) -> ChunkLinks:
    """The pre-pass over ``chunk``: the households the chunk's links name, and a summary
    (:func:`~repatguard.facts.links.linked_household`) of each household that holds a link to
    another household or that such a link of the chunk names, loaded exactly as
    :func:`check_cases` loads them (a record of these that does not load is kept as a
    reference it claims, see :data:`Summaries`). Every other record is only glanced at
    (:func:`~repatguard.stream.prepass.glance`) and left in ``skipped``. Pure."""
    columns = csv_columns(chunk.header) if chunk.format == "csv" else None
    glanced = [(record, glance(chunk, record, columns)) for record in chunk.records]
    # Every household that may hold a link is loaded, so the households named are exact.
    linking, broken = _households(
        context, chunk, (r for r, reference in glanced if reference is None)
    )
    named = frozenset(named_households(household for _, household in linking))
    here, broken_here = _households(
        context, chunk, (r for r, reference in glanced if reference in named)
    )
    return ChunkLinks(
        households=(
            *_summed(context, (household for _, household in [*linking, *here])),
            *broken,
            *broken_here,
        ),
        named=named,
        skipped=tuple(None if reference in named else reference for _, reference in glanced),
    )


def chunk_summaries(context: CaseContext, chunk: Chunk, wanted: Mapping[int, str]) -> Summaries:
    """The second step of the pre-pass over ``chunk``: a summary of each record ``wanted``
    names (by its place in the chunk, with the reference the pre-pass saw) that loads with
    that reference, and that reference with ``None`` for one that does not load. Pure."""
    records = chunk.records
    expected = {records[place].index: ref for place, ref in wanted.items() if place < len(records)}
    good, broken = _households(context, chunk, (r for r in records if r.index in expected))
    loaded = {record.index for record, _ in good}
    return (
        *_summed(
            context,
            (
                household
                for record, household in good
                # A record read otherwise than the first time (the file replaced meanwhile) is
                # left out rather than summed up under a reference no link asked for.
                if expected[record.index] == household.reference
            ),
        ),
        # A copy that does not load leaves the household not once on record: the reference
        # the first step saw, and any other the record claims.
        *((expected[index], None) for index in expected if index not in loaded),
        *broken,
    )


# Long on purpose: load, derive, evaluate, settle and write one chunk, in that order; the
# pieces share the chunk's pseudonym table and would only pass it around.
def check_cases(
    context: CaseContext, chunk: Chunk, linked: Mapping[str, LinkedHousehold] | None = None
) -> CasesResult:
    """Load and check the cases of ``chunk`` under ``context``. Pure; never raises on data.

    ``linked`` holds the households the chunk's family links name, from the pre-pass over
    the whole manifest; a named household it lacks is not on record (fail closed)."""
    good, issues, failed = _loaded(context, chunk)
    from_operation = chunk.format == "operation"
    households = [h for _, h in good]
    operation = attrs.evolve(context.operation, households=tuple(households))
    facts = build_facts(operation, context.instant, context.policy.parameters, linked=linked or {})
    rules, settlement = _prepared(context)
    # Paths point at each household's place among all cases, not in this chunk.
    # One Kin per household: the rules, the counts and the dependent children read the same
    # age facts.
    kins = household_kins(facts)
    evaluation = evaluate(
        rules, facts, household_indexes=[record.index for record, _ in good], kins=kins
    )
    # The waiver meta-findings come from the operation-level pass, once for the whole check.
    settled = settlement.settle(evaluation.findings, context.instant)
    findings = sorted(settled.findings, key=Finding.sort_key)

    by_household: dict[str, list[Finding]] = {}
    for finding in findings:
        by_household.setdefault(finding.household or "", []).append(finding)
    table = _pseudonyms(households, context.key)
    rename = _renamer(table)
    lines_out: list[str] = []
    with use_language(context.lang):
        for household in households:
            own = by_household.get(household.reference, ())
            lines_out.extend(finding_line(f, context.operation.reference, rename) for f in own)

    spill = zlib.compress(
        pickle.dumps(
            # The pseudonyms go along so that the verdict pass need not compute them again.
            (
                tuple(_minimal(h) for h in households),
                # Verdict lines are rendered in the context's language: in English nothing
                # reads a finding's wording there.
                tuple(_spilled(f, wording=context.lang != SOURCE_LANGUAGE) for f in findings),
                table,
                dependants(facts, households, kins),
            ),
            protocol=pickle.HIGHEST_PROTOCOL,
        ),
        1,
    )
    return CasesResult(
        source=chunk.source,
        read=len(chunk.records),
        checked=tuple(
            CheckedCase(
                position=record.index,
                line=None if from_operation else record.line,
                household=household.reference,
                members=tuple(p.reference for p in household.members),
                member_lines=tuple(_row_lines(chunk, record)) if chunk.format == "csv" else (),
                links=_household_links(household),
            )
            for record, household in good
        ),
        issues=tuple(issues),
        failed=failed,
        counts=count_people(facts, households, kins),
        tallies=evaluation.tallies,
        findings=FindingCounts.of(findings),
        waivers_matched=settled.matched,
        records="".join(lines_out),
        spill=spill,
        end_offset=chunk.end_offset,
        instants=(
            tuple(
                household_instants(households, context.policy.parameters, context.instant).items()
            )
            if context.review
            else ()
        ),
    )


def probe_cases(
    context: CaseContext,
    chunk: Chunk,
    instants: tuple[pendulum.DateTime, ...],
    above: tuple[Finding, ...],
    gates: frozenset[str],
    *,
    linked: Mapping[str, LinkedHousehold] | None = None,
) -> Probe:
    """The cases of ``chunk`` checked at each of ``instants`` in turn, for the next review
    (see :func:`repatguard.stream.review.probe_households`), with ``linked`` as in
    :func:`check_cases` (summed up at as_of: the caller makes sure none changes later).
    Pure; never raises on data."""
    good, _, _ = _loaded(context, chunk)
    households = [h for _, h in good]
    operation = attrs.evolve(context.operation, households=tuple(households))
    rules, settlement = _prepared(context)
    return probe_households(
        households,
        [record.index for record, _ in good],
        operation_facts=lambda at: build_facts(
            operation, at, context.policy.parameters, linked=linked or {}
        ),
        rules=rules,
        settlement=settlement,
        as_of=context.instant,
        instants=instants,
        above=above,
        gates=gates,
    )


def _row_lines(chunk: Chunk, record: CaseRecord) -> list[int]:
    if chunk.format == "csv" and isinstance(record.data, tuple):
        return [line for line, _ in record.data]
    return []


PROVISIONAL_PREFIX = "provisional:"
"""Prefix of the person counts once escalations are resolved, in :func:`verdict_lines`."""


class VerdictLines(NamedTuple):
    """The case verdicts of one spilled chunk (see :func:`verdict_lines`)."""

    text: str
    """Every verdict as a JSON line, in manifest order."""
    people: dict[str, int]
    """Person verdicts by value, and once escalations are resolved (:data:`PROVISIONAL_PREFIX`)."""
    households: int
    trace_codes: frozenset[str] = frozenset()
    """With a trace: the codes of the findings the case traces list, so that the report's
    trace names the parameters their rules read, as the in-memory trace does."""


def verdict_lines(
    context: CaseContext,
    operation_findings: tuple[Finding, ...],
    gate_codes: frozenset[str],
    spill: bytes,
) -> VerdictLines:
    """The case verdicts of one chunk, decided as :func:`repatguard.check` decides them.

    ``spill`` comes from :attr:`CasesResult.spill`; ``operation_findings`` are the operation-
    and area-level findings. Returns the verdicts as JSON Lines (references pseudonymised
    under the context's key), the person verdict counts and the number of households. With
    ``context.trace`` each line also carries the case's decision trace (``trace``), as the
    in-memory report's trace holds it.
    """
    households, spilled, table, dependent = pickle.loads(zlib.decompress(spill))  # noqa: S301 - ours
    findings = tuple(_unspilled(item) for item in spilled)
    traces: list[ScopeTrace] | None = [] if context.trace else None
    verdicts = case_verdicts(
        households, findings, list(operation_findings), gate_codes, dependent, trace=traces
    )
    people = Counter(c.verdict.value for c in verdicts if c.scope is Scope.PERSON)
    # Verdicts once escalations are resolved, under their own keys: they bound the
    # provisional headline as in the in-memory check.
    people.update({PROVISIONAL_PREFIX + v: n for v, n in provisional_counts(verdicts).items()})
    rename = _renamer(table)
    with use_language(context.lang):
        if traces is not None:
            text, codes = _traced_lines(context.operation.reference, verdicts, traces, rename)
            return VerdictLines(text, dict(people), len(households), codes)
        operation = context.operation.reference
        lines = [
            json_printable(_LINE.encode(verdict_data(case, operation, rename))) + "\n"
            for case in verdicts
        ]
    return VerdictLines("".join(lines), dict(people), len(households))


def _unchanged(reference: str) -> str:
    return reference


def verdict_data(
    case: CaseVerdict, operation: str, rename: Callable[[str], str] | None = None
) -> dict[str, Any]:
    """A case verdict of ``operation`` as the data of its verdict line: what the report's
    converter gives in the current language (with ``operation`` first, and references renamed
    as ``rename_case_verdict`` renames them), made directly, which costs a fraction of the
    converter's generic walk. Tested against the converter's data."""
    same = _unchanged if rename is None else rename
    return {
        "operation": operation,
        "scope": case.scope.value,
        "subject": same(case.subject),
        "household": same(case.household),
        "area": case.area,
        "verdict": case.verdict.value,
        "reasons": [
            {
                "code": reason.code,
                "severity": reason.severity.value,
                "outcome": reason.outcome.value,
                "subject": same(reason.subject),
                "path": reason.path,
                "message": reason_message(reason),
                "escalate": reason.escalate,
            }
            for reason in case.reasons
        ],
        "provisional": None if case.provisional is None else case.provisional.value,
        "reasons_total": case.reasons_total,
        "reasons_by_code": dict(case.reasons_by_code),
    }


def _traced_lines(
    operation: str,
    verdicts: list[CaseVerdict],
    traces: list[ScopeTrace],
    rename: Callable[[str], str] | None,
) -> tuple[str, frozenset[str]]:
    """The verdict lines with each case's trace under ``trace`` (references renamed as a
    pseudonymous report renames its trace), and the codes of the findings the traces list."""
    lines: list[str] = []
    codes: set[str] = set()
    unstructure = data_converter().unstructure
    for case, trace in zip(verdicts, traces, strict=True):
        data = verdict_data(case, operation, rename)
        traced = unstructure(trace)
        if rename is not None:
            traced = rename_scope_trace(traced, rename)
        data["trace"] = traced
        codes.update(f.code for step in trace.steps for f in step.findings)
        lines.append(json_printable(_LINE.encode(data)) + "\n")
    return "".join(lines), frozenset(codes)
