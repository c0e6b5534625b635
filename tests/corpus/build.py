"""A saved corpus of reports, to show that a change of the engine changes no output.

Each entry runs the command line in this process, as a user runs it, and keeps its exit code,
what it printed and every file it wrote: the bundled examples in every format and under a few
policies; generated manifests (JSON Lines and CSV, clean and spoiled, one process and two, one
chunk and several, under waiver registers and raised severities) with their findings and case
verdicts; and each example streamed (its first household in the operation, the others in a
manifest) under waivers drawn from its findings. Where the households can also be given
inline, the in-memory check of the same input is kept too. The references are pseudonymised
under a fixed key.

The entries were made with the code before issue 13's pipeline change (commit 3f80d0d), the
later ones by running this script against that tree (``PYTHONPATH`` set to its ``src``).
Changed since, on purpose, each checked line by line against the saved text: the catalogue
digest (three rules declare ``adult_age``; PREM-014's description), PREM-014's counts of
who decides (one definition with the person rules, ``repatguard.facts.people``), and the pass
tallies of VOL-009 and PREM-014 once rules yield only problems (a subject with no problem is
one pass: VOL-009 counted two per operation, and PREM-014 counted a pass beside a problem).
The catalogue digest again when MIX-006 came to read assessments through the age limits.
Issue 16 and 14 additions: two new rules (COND-010, DATA-009: catalogue digest, rules run,
their tallies, three COND-010 findings in generated manifests), DATA-006's reference to the
2022 data protection policy, and the report's ``trace`` key (``null`` unless asked for).
Then LEAD-008 and LEAD-009 (escalations as a record: catalogue digest, tallies, the new
``escalation_decision_max_age`` parameter and so the policy digests) and the HTML page made
ready for right-to-left languages (``dir``, logical CSS properties, the chart drawn
left to right).
Then LEGAL-008 (statelessness risk: new findings on birth registration in the generated
manifests, a few case verdicts stricter), VOL-016 and VOL-003's session coverage (new
findings where a session left out the right to stay or its coverage is not recorded; VOL-003's
references and remediation), and COND-012 (the ``monitoring_report_max_age`` parameter). No
headline verdict or exit code changed; no case verdict became more permissive.
The catalogue digest once more for the review fixes of DATA-009 and LEAD-007.
Then VOL-017 (separate interviews: new findings and stricter case verdicts in the generated
manifests, the ``adolescent_age`` parameter), CHILD-005 (family links: the ``family_links``
CSV column, a few findings on cases already blocked) and the per-area initiative and region
assessments (no output change). No headline verdict or exit code changed; no case verdict
became more permissive.
Then VOL-017 counting a man as a pass (tallies never tell the sex recorded): pass and
not-applicable tallies, and the catalogue digest.
Then every JSON Lines line naming its operation (issue 15): each finding and case verdict line
of ``--format jsonl``, ``--findings-out`` and ``--cases-out`` gains ``operation`` as its first
key; nothing else on those lines changed (checked line by line).
Then the references checked against the primary texts (issue 16): the references listed in
findings and the catalogue digest, nothing else (checked entry by entry with the references
and the digest set aside).
Then LEAD-010 and PREM-016 (disaster displacement, issue 16): the catalogue digest, rules run,
their not-applicable tallies (the examples now record ``disaster_displacement: false``, and the
synthetic people's new facts never say they were displaced by a disaster), and PREM-016 as a
required blocker left out of the narrowed selections; no verdict, escalation or exit code
changed.
Then CHILD-005 reading a family link against the record of the household it names (issue
16): the catalogue digest only (the generated manifests hold no parent link to another
household).
Then LEAD-010's and PREM-016's unverified locators in the one wording: the catalogue digest
and the references of PREM-016's findings. Finding messages from the catalogues (issue 14)
changed no English byte.
Then issue 15's streamed next review: every streamed entry's ``next_review`` is now computed
(``next_review_computed`` true), equal to the inline entry's where there is one; nothing else.
Then CHILD-005 taking a link to another household as confirmed only by the parent's own link
back (review of issue 16): the catalogue digest only.
Then the remediation of a required rule left out of a check, which no longer repeats the rule's
code (so that it is translated like every remediation): that line only.
Then LEGAL-009 (housing, land and property claims per person, minor, issue 16): the catalogue
digest, rules run, its tallies, and its minor findings (a few failed, more unknown) in the
generated manifests and in the examples' next review; no verdict, escalation or exit code
changed.
Then LEGAL-009 reporting a missing record at the same path as an unknown ``left_behind``
(so that CSV and JSON input give the same finding): those findings' paths and fingerprints.
Then the next review's list in text, Markdown and HTML showing the heaviest changes first
(a blocker is no longer hidden behind minor changes in "and N more"): the order of those
lines only; JSON keeps every change in code order.

``python -m tests.corpus.build`` rewrites ``reports.json.gz``. Rewrite it only for a change
that is meant to change what users see, and say so in the CHANGELOG; the corpus exists to
catch every other change.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pendulum

import repatguard
from repatguard import __version__
from repatguard.cli.main import main
from repatguard.examples import examples
from repatguard.testing.synthetic import (
    declared_population,
    synthetic_households,
    synthetic_operation,
    write_csv,
    write_jsonl,
)

CORPUS = Path(__file__).with_name("reports.json.gz")
KEY = "corpus-key"
FORMATS = ("text", "json", "markdown", "html", "jsonl", "junit")
POLICIES: dict[str, list[str]] = {
    "strict": ["--severity", "VOL-013=major", "--param", "assessment_max_age=P90D"],
    "narrow": ["--select", "VOL,COND,LEAD"],
    "quiet": ["--ignore", "DATA-005,VOL-013", "--fail-on", "never"],
}
MANIFESTS = (
    # (name, seed, households, share spoiled, layout, jobs, with the waiver register)
    ("clean-jsonl", 3, 70, 0.0, "jsonl", 1, False),
    ("clean-csv", 5, 60, 0.0, "csv", 1, False),
    ("spoiled-jsonl", 7, 80, 0.08, "jsonl", 1, False),
    ("clean-jsonl-two-jobs", 11, 90, 0.0, "jsonl", 2, False),
    ("waived-jsonl", 3, 70, 0.0, "jsonl", 1, True),
    ("waived-csv-two-jobs", 3, 70, 0.0, "csv", 2, True),
    # Several chunks of 200 households: results merged across chunks and processes.
    ("chunks-waived-raised-two-jobs", 3, 460, 0.0, "jsonl", 2, True),
    ("chunks-spoiled-csv", 19, 430, 0.05, "csv", 1, False),
)
RAISED = ["--severity", "VOL-014=blocker", "--severity", "MIX-007=blocker"]
"""Raised severities for the manifests whose name says ``raised``."""


def _waiver(
    code: str, subject: str, granted: str = "2026-05-01", expires: str = "2026-08-01"
) -> dict[str, str]:
    return {
        "code": code,
        "subject": subject,
        "justification": "synthetic waiver for the corpus",
        "approved_by": "ROLE-PROTECTION-LEAD",
        "granted_on": granted,
        "expires_on": expires,
        "decision_record": "DEC-CORPUS-1",
    }


# Waivers that match case findings (one soon to expire), match nothing, name a rule that
# cannot be waived or does not exist, run too long, or are not yet granted: every way the
# case and the operation pass share the waiver register.
WAIVERS = {
    "waivers": [
        _waiver("VOL-004", "H0000000-P2"),
        _waiver("VOL-004", "H0000001-P2", expires="2026-06-05"),
        _waiver("VOL-014", "H0000002"),
        _waiver("VOL-003", "H0000099-P1"),
        _waiver("LEAD-001", "OP-2026-ORG-01"),
        _waiver("VOL-999", "H0000000-P1"),
        _waiver("VOL-004", "H0000003-P1", granted="2025-01-01", expires="2027-12-31"),
        _waiver("VOL-004", "H0000004-P1", granted="2026-07-01"),
    ]
}
AS_OF = "2026-06-01"


def _run(argv: list[str]) -> dict[str, Any]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return {"exit": code, "stdout": out.getvalue(), "stderr": err.getvalue()}


@contextlib.contextmanager
def _environment() -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in ("REPATGUARD_REFERENCE_KEY", "NO_COLOR")}
    os.environ["REPATGUARD_REFERENCE_KEY"] = KEY
    os.environ["NO_COLOR"] = "1"
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _example_entries() -> Iterator[tuple[str, dict[str, Any]]]:
    for item in examples():
        base = ["check", "--example", item.name, "--no-policy-file"]
        for fmt in FORMATS:
            yield f"example/{item.name}/{fmt}", _run([*base, "--format", fmt])
        yield (
            f"example/{item.name}/json-revealed",
            _run([*base, "--format", "json", "--reveal-references"]),
        )
        for policy, flags in POLICIES.items():
            yield f"example/{item.name}/json-{policy}", _run([*base, "--format", "json", *flags])


def _manifest_entries(folder: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    register = folder / "waivers.json"
    register.write_text(json.dumps(WAIVERS), encoding="utf-8")
    for name, seed, count, spoiled, layout, jobs, waived in MANIFESTS:
        operation = synthetic_operation()
        households = list(
            synthetic_households(count, seed=seed, operation=operation, bad_share=spoiled)
        )
        operation["population"] = declared_population(households)
        extra = ["--waivers", str(register)] if waived else []
        if waived and "chunks" in name:
            # Waivers that match findings in every chunk, besides the fixed register.
            spread = folder / f"{name}-waivers.json"
            whole = repatguard.load({**operation, "households": households})
            drawn = _drawn_waivers(whole, pendulum.Date.fromisoformat(AS_OF))
            spread.write_text(json.dumps({"waivers": WAIVERS["waivers"] + drawn}), "utf-8")
            extra = ["--waivers", str(spread)]
        if "raised" in name:
            extra += RAISED
        op_file = folder / f"{name}.json"
        op_file.write_text(json.dumps(operation), encoding="utf-8")
        cases = folder / f"{name}.{layout}"
        (write_csv if layout == "csv" else write_jsonl)(cases, households)
        findings, verdicts = folder / f"{name}.findings", folder / f"{name}.cases"
        entry = _run(
            [
                "check",
                str(op_file),
                "--no-policy-file",
                "--as-of",
                AS_OF,
                "--format",
                "json",
                "--cases",
                str(cases),
                "--jobs",
                str(jobs),
                "--findings-out",
                str(findings),
                "--cases-out",
                str(verdicts),
                *extra,
            ]
        )
        entry["findings"] = findings.read_text(encoding="utf-8")
        entry["cases"] = verdicts.read_text(encoding="utf-8")
        yield f"manifest/{name}", entry
        if not spoiled:
            # The same households inside the operation: the in-memory check.
            inline = folder / f"{name}-inline.json"
            inline.write_text(json.dumps({**operation, "households": households}), "utf-8")
            inline_run = ["check", "--no-policy-file", "--as-of", AS_OF, "--format", "json"]
            yield (
                f"inline/{name}",
                _run([*inline_run, str(inline), *extra]),
            )


def _drawn_waivers(operation: Any, as_of: Any) -> list[dict[str, str]]:
    """Waivers for every seventh waivable case finding (at most eight) and the first one
    above the cases."""
    report = repatguard.check(operation, as_of=as_of, reveal_references=True, next_review=False)
    catalogue = repatguard.builtin_registry()
    waivable = [
        f for f in report.findings if f.code in catalogue and catalogue.get(f.code).meta.waivable
    ]
    case = [f for f in waivable if f.scope.value in ("person", "household")][::7][:8]
    above = [f for f in waivable if f.scope.value in ("area", "operation")][:1]
    return [_waiver(f.code, f.subject) for f in case + above]


def _example_register(item: Any) -> dict[str, Any]:
    """Waivers drawn from the example's own findings: two for the same case finding (the
    second matches nothing left), one that has expired, one for a finding above the cases."""
    report = repatguard.check(
        item.load(), as_of=item.as_of, reveal_references=True, next_review=False
    )
    catalogue = repatguard.builtin_registry()
    waivable = [
        f for f in report.findings if f.code in catalogue and catalogue.get(f.code).meta.waivable
    ]
    case = [f for f in waivable if f.scope.value in ("person", "household")]
    above = [f for f in waivable if f.scope.value in ("area", "operation")]
    waivers = []
    for finding in case[:1]:
        waivers += [
            _waiver(finding.code, finding.subject),
            _waiver(finding.code, finding.subject),
            _waiver(finding.code, finding.subject, granted="2026-01-01", expires="2026-02-01"),
        ]
    for finding in above[:1]:
        waivers.append(_waiver(finding.code, finding.subject, granted="2025-06-01"))
    return {"waivers": waivers}


def _example_manifest_entries(folder: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each bundled example with its first household in the operation and the others in a
    manifest, under waivers drawn from its findings and raised severities; and the same
    example checked whole, for comparison."""
    for item in examples():
        document = json.loads(
            resources.files("repatguard.examples").joinpath(item.file).read_text("utf-8")
        )
        households = document["households"]
        shell = folder / f"{item.name}-shell.json"
        shell.write_text(json.dumps({**document, "households": households[:1]}), "utf-8")
        whole = folder / f"{item.name}-whole.json"
        whole.write_text(json.dumps(document), "utf-8")
        cases = folder / f"{item.name}-cases.jsonl"
        write_jsonl(cases, households[1:])
        register = folder / f"{item.name}-waivers.json"
        register.write_text(json.dumps(_example_register(item)), "utf-8")
        common = [
            "--no-policy-file",
            "--as-of",
            item.as_of.isoformat(),
            "--format",
            "json",
            "--waivers",
            str(register),
            *RAISED,
        ]
        findings, verdicts = folder / f"{item.name}.findings", folder / f"{item.name}.cases"
        entry = _run(
            [
                "check",
                str(shell),
                *common,
                "--cases",
                str(cases),
                "--findings-out",
                str(findings),
                "--cases-out",
                str(verdicts),
            ]
        )
        entry["findings"] = findings.read_text(encoding="utf-8")
        entry["cases"] = verdicts.read_text(encoding="utf-8")
        yield f"manifest/example-{item.name}", entry
        yield f"inline/example-{item.name}", _run(["check", str(whole), *common])


def _neutral(entry: dict[str, Any], folder: Path) -> dict[str, Any]:
    """The entry without what may differ between runs for reasons of no interest: the
    library version and the temporary folder."""

    def clean(text: str) -> str:
        return text.replace(__version__, "<version>").replace(str(folder), "<folder>")

    return {k: clean(v) if isinstance(v, str) else v for k, v in entry.items()}


def build() -> dict[str, dict[str, Any]]:
    """Every entry of the corpus, made now."""
    entries: dict[str, dict[str, Any]] = {}
    with _environment(), tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        made = [
            *_example_entries(),
            *_manifest_entries(folder),
            *_example_manifest_entries(folder),
        ]
        for key, entry in made:
            entries[key] = _neutral(entry, folder)
    return entries


def load() -> dict[str, dict[str, Any]]:
    """The saved corpus."""
    with gzip.open(CORPUS, "rt", encoding="utf-8") as stream:
        saved: dict[str, dict[str, Any]] = json.load(stream)
    return saved


def write(entries: dict[str, dict[str, Any]]) -> None:
    text = json.dumps(entries, sort_keys=True, indent=0, ensure_ascii=False)
    # mtime=0: the same corpus gives the same bytes.
    with open(CORPUS, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as stream:
        stream.write(text.encode("utf-8"))


if __name__ == "__main__":
    made = build()
    write(made)
    print(f"{len(made)} entries written to {CORPUS}", file=sys.stderr)
