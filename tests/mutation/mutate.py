"""Mutation testing of the rule logic and the verdict core (docs/reliability.md).

A small AST mutator: each *mutant* is the source of one file with one change to its logic
(never to a message, docstring, example or metadata text). The tests that bear on the file run
against a copy of ``src/`` holding the mutant. A mutant is *killed* when a test fails (or
the run times out, or the mutant cannot even be imported); it *survives* when every test
passes, which means no test would notice that change.

Run from the project root with the virtual environment active::

    python -m tests.mutation.mutate                   # every target
    python -m tests.mutation.mutate verdict cond prem # some targets
    python -m tests.mutation.mutate --list cond       # show the mutants, run nothing

A target is a rule family (``cond``, ``prem``, ...), ``shared`` (the helpers in ``rules/``
that several rules use) or ``verdict`` (``engine/verdict.py``). ``--root`` points at another
checkout (its own ``src/`` and ``tests/`` are used); the source tree is never modified: each
worker mutates its own copy, which ``PYTHONPATH`` puts ahead of the installed package.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = [
    "Mutant",
    "Result",
    "Row",
    "Target",
    "apply",
    "as_json",
    "main",
    "markdown",
    "mutants",
    "run",
    "selection_for",
    "summarise",
    "targets",
]

FAMILIES = ("child", "cond", "data", "idp", "lead", "legal", "mix", "prem", "spec", "vol")
SHARED = (
    "repatguard/rules/_assessment.py",
    "repatguard/rules/_people.py",
    "repatguard/facts/people.py",
    "repatguard/facts/parameters.py",
    "repatguard/rules/prem/_positions.py",
    "repatguard/rules/prem/_pressure.py",
)
"""Helpers that carry rule logic. The rest of ``rules/`` (registry, packs, reference pages,
examples machinery) is infrastructure, covered by its own tests, and left out."""
VERDICT = "repatguard/engine/verdict.py"
ENGINE_TESTS = ("tests/engine", "tests/reliability/test_fail_closed.py")

# --- Mutation operators ------------------------------------------------------------------

RELAXES = "relaxes"
"""The change itself weakens a result (an outcome to pass, a severity down, a verdict up, a
finding dropped): a survivor of this kind is a hole in the tests that lets a fail through."""
CONDITION = "condition"
"""The change alters a test (comparison, boolean, constant, membership): a survivor may
loosen or tighten a rule depending on the branch, and needs reading."""
TIGHTENS = "tightens"
"""The change makes a result stricter (a pass becomes a fail, a verdict goes down)."""

_COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
_NEGATABLE = (ast.Eq, ast.NotEq, ast.Is, ast.IsNot, ast.In, ast.NotIn)
# Enum members: each maps to the member it becomes and whether that relaxes the result.
_ENUM_SWAPS: dict[str, dict[str, tuple[str, str]]] = {
    "Outcome": {
        "FAIL": ("PASS", RELAXES),
        "INSUFFICIENT_INFORMATION": ("PASS", RELAXES),
        "ERROR": ("PASS", RELAXES),
        "PASS": ("FAIL", TIGHTENS),
    },
    "Severity": {
        "BLOCKER": ("MAJOR", RELAXES),
        "MAJOR": ("MINOR", RELAXES),
        "MINOR": ("INFO", RELAXES),
    },
    "Verdict": {
        "BLOCKED": ("INSUFFICIENT_INFORMATION", RELAXES),
        "INSUFFICIENT_INFORMATION": ("FACILITATE_ONLY", RELAXES),
        "FACILITATE_ONLY": ("PROMOTE", RELAXES),
        "PROMOTE": ("FACILITATE_ONLY", TIGHTENS),
    },
}
_CHECK_SWAPS = {"fail": ("unknown",)}
"""A failure read as an unknown (``Problem.fail`` to ``Problem.unknown``). A problem read as a
pass is the ``skip-yield`` operator: a rule that yields nothing passes."""
_RULE_KEYWORDS = frozenset({"severity", "waivable", "facilitation_gate"})
"""The only ``@rule(...)`` metadata that is logic; the rest is text for people."""
_TEXT_KEYWORDS = frozenset({"message", "observed", "expected", "description"})
_SKIPPED_ASSIGNMENTS = frozenset({"EXAMPLES", "__all__"})
_SKIPPED_RETURNS = frozenset({"str", "Operation"})
"""Functions that return text build messages; those that return an operation build
examples. Neither is rule logic."""


@dataclass(frozen=True)
class Mutant:
    file: str
    """Path under ``src/``, with forward slashes."""
    index: int
    """Position among the file's mutants, in source order: identifies the mutant."""
    line: int
    operator: str
    original: str
    mutated: str
    kind: str
    """:data:`RELAXES`, :data:`CONDITION` or :data:`TIGHTENS`."""

    def label(self) -> str:
        return f"{self.file}:{self.line} [{self.operator}] {self.original} -> {self.mutated}"


@dataclass(frozen=True)
class _Site:
    node: ast.AST
    replacement: ast.AST
    operator: str
    kind: str


def _parents(tree: ast.AST) -> dict[int, ast.AST]:
    return {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _sites(tree: ast.Module) -> list[_Site]:
    """Every mutation point of ``tree``, in a deterministic order."""
    found: list[_Site] = []
    parents = _parents(tree)

    def add(node: ast.AST, replacement: ast.AST, operator: str, kind: str = CONDITION) -> None:
        found.append(_Site(node, replacement, operator, kind))

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.JoinedStr | ast.Import | ast.ImportFrom):
            return
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in _SKIPPED_ASSIGNMENTS for t in targets):
                return
            if isinstance(node, ast.AnnAssign):
                if node.value is not None:
                    visit(node.value)
                return
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if node.returns is not None and _name(node.returns) in _SKIPPED_RETURNS:
                return
            for decorator in node.decorator_list:
                _visit_decorator(decorator)
            for default in [*node.args.defaults, *node.args.kw_defaults]:
                if default is not None:
                    visit(default)
            for statement in node.body:
                visit(statement)
            return
        if isinstance(node, ast.ClassDef):
            for statement in node.body:
                visit(statement)
            return
        if isinstance(node, ast.Call) and _is_check_constructor(node):
            assert isinstance(node.func, ast.Attribute)
            for new in _CHECK_SWAPS.get(node.func.attr, ()):
                replacement = copy.deepcopy(node)
                assert isinstance(replacement.func, ast.Attribute)
                replacement.func.attr = new
                add(node, replacement, "check", RELAXES)
            # The path and the message are text; only the keywords that weigh are logic.
            for keyword in node.keywords:
                if keyword.arg not in _TEXT_KEYWORDS:
                    visit(keyword.value)
            return
        if isinstance(node, ast.Call):
            _visit_call(node)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Yield | ast.YieldFrom):
            add(
                node,
                ast.Expr(ast.YieldFrom(ast.Tuple(elts=[], ctx=ast.Load()))),
                "skip-yield",
                _yield_kind(node.value),
            )
        if isinstance(node, ast.If) and not _is_type_checking(node.test):
            negate(node.test)
        if isinstance(node, ast.comprehension):
            for condition in node.ifs:
                negate(condition)
        if isinstance(node, ast.Compare):
            for position, op in enumerate(node.ops):
                swapped = _COMPARE_SWAPS.get(type(op))
                if swapped is not None:
                    compared = copy.deepcopy(node)
                    compared.ops[position] = swapped()
                    add(node, compared, "compare")
        if isinstance(node, ast.BoolOp):
            other = ast.Or() if isinstance(node.op, ast.And) else ast.And()
            add(node, ast.BoolOp(op=other, values=node.values), "boolop")
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            add(node, node.operand, "remove-not")
        if isinstance(node, ast.Constant):
            _constant(node)
        if isinstance(node, ast.Set | ast.Tuple) and _is_literal_set(node):
            for position in range(len(node.elts)):
                smaller = copy.deepcopy(node)
                del smaller.elts[position]
                add(node, smaller, "remove-element")
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            swap = _ENUM_SWAPS.get(node.value.id, {}).get(node.attr)
            if swap is not None:
                new, kind = swap
                in_test = isinstance(parents.get(id(node)), ast.Compare | ast.Tuple | ast.Set)
                add(
                    node,
                    ast.Attribute(node.value, new, ast.Load()),
                    "enum",
                    CONDITION if in_test else kind,
                )
        if not isinstance(node, ast.Call):
            for child in ast.iter_child_nodes(node):
                visit(child)

    def _visit_call(node: ast.Call) -> None:
        # Operators on the call itself come first (all/any), then its parts minus text.
        if isinstance(node.func, ast.Name) and node.func.id in {"all", "any"}:
            replacement = copy.deepcopy(node)
            assert isinstance(replacement.func, ast.Name)
            replacement.func.id = "any" if node.func.id == "all" else "all"
            add(node, replacement, "all-any")
        visit(node.func)
        for argument in node.args:
            visit(argument)
        for keyword in node.keywords:
            if keyword.arg not in _TEXT_KEYWORDS:
                visit(keyword.value)

    def negate(test: ast.expr) -> None:
        # Skip negations that another operator already makes (`not a == b` is `a != b`).
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            return
        if (
            isinstance(test, ast.Compare)
            and len(test.ops) == 1
            and isinstance(test.ops[0], _NEGATABLE)
        ):
            return
        add(test, ast.UnaryOp(ast.Not(), test), "negate-if")

    def _constant(node: ast.Constant) -> None:
        value = node.value
        if value is True or value is False:
            add(node, ast.Constant(not value), "constant")
        elif value is None:
            add(node, ast.Constant(True), "constant")
        elif type(value) is int:
            add(node, ast.Constant(value + 1), "number")
            add(node, ast.Constant(value - 1), "number")

    def _visit_decorator(decorator: ast.expr) -> None:
        if isinstance(decorator, ast.Call) and _name(decorator.func) == "rule":
            for keyword in decorator.keywords:
                if keyword.arg in _RULE_KEYWORDS:
                    visit(keyword.value)

    for statement in tree.body:
        if not _is_docstring(statement):
            visit(statement)
    return found


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _is_check_constructor(node: ast.Call) -> bool:
    return (
        isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "Problem"
    )


def _yield_kind(node: ast.Yield | ast.YieldFrom) -> str:
    # Dropping a problem relaxes the rule (nothing found is a pass); dropping NOT_APPLICABLE
    # turns "does not apply" into a pass, which no verdict reads differently.
    if node.value is not None and _name(node.value) == "NOT_APPLICABLE":
        return TIGHTENS
    return RELAXES


def _is_type_checking(test: ast.expr) -> bool:
    return _name(test) == "TYPE_CHECKING"


def _is_docstring(statement: ast.stmt) -> bool:
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def _is_literal_set(node: ast.Set | ast.Tuple) -> bool:
    # Sets and tuples of names, enum members and constants: the memberships rules test.
    if isinstance(node, ast.Tuple) and not isinstance(node.ctx, ast.Load):
        return False
    return len(node.elts) >= 2 and all(
        isinstance(e, ast.Name | ast.Attribute | ast.Constant) for e in node.elts
    )


def _replace(tree: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for node in ast.walk(tree):
        for name, value in ast.iter_fields(node):
            if value is old:
                setattr(node, name, new)
                return
            if isinstance(value, list):
                for position, item in enumerate(value):
                    if item is old:
                        value[position] = new
                        return
    raise LookupError("mutation site not found")


def mutants(src: Path, file: str) -> list[Mutant]:
    """The mutants of ``src/<file>``, each described by its line and its change."""
    tree = ast.parse((src / file).read_text(encoding="utf-8"))
    return [
        Mutant(
            file=file,
            index=index,
            line=getattr(site.node, "lineno", 0),
            operator=site.operator,
            original=_show(site.node),
            mutated=_show(site.replacement),
            kind=site.kind,
        )
        for index, site in enumerate(_sites(tree))
    ]


def _show(node: ast.AST) -> str:
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= 90 else text[:87] + "..."


def apply(source: str, index: int) -> str:
    """``source`` with mutant ``index`` applied, as Python source (formatting not kept)."""
    tree = ast.parse(source)
    site = _sites(tree)[index]
    _replace(tree, site.node, site.replacement)
    return ast.unparse(ast.fix_missing_locations(tree))


# --- Targets and the tests that bear on them -----------------------------------------------


@dataclass(frozen=True)
class Target:
    name: str
    files: tuple[str, ...]


def targets(src: Path, names: Sequence[str] = ()) -> list[Target]:
    """The named targets (every one when ``names`` is empty), with their files under ``src``."""
    every = [
        *(
            Target(
                family,
                tuple(
                    path.relative_to(src).as_posix()
                    for path in sorted((src / "repatguard/rules" / family).glob("*.py"))
                    if not path.name.startswith("_")
                ),
            )
            for family in FAMILIES
        ),
        Target("shared", tuple(f for f in SHARED if (src / f).exists())),
        Target("verdict", (VERDICT,)),
    ]
    unknown = set(names) - {t.name for t in every}
    if unknown:
        raise SystemExit(f"unknown target(s): {', '.join(sorted(unknown))}")
    return [t for t in every if not names or t.name in names]


def selection_for(root: Path, file: str) -> list[str]:
    """The test selection for a mutant of ``file``, the most likely to fail first."""
    parts = Path(file).parts  # repatguard/rules/<family>/<code>_....py
    if file == VERDICT:
        return ["tests/engine/test_verdict.py", *ENGINE_TESTS, "tests/test_catalogue.py"]
    if len(parts) == 4 and parts[2] in FAMILIES and not parts[3].startswith("_"):
        family, stem = parts[2], parts[3]
        code = "-".join(stem.split("_")[:2]).upper()  # cond_003_x.py -> COND-003
        own = f"tests/rules/{family}/test_{family}_{stem.split('_')[1]}.py"
        siblings = sorted(
            p.relative_to(root).as_posix()
            for p in (root / "tests/rules" / family).glob("test_*.py")
        )
        catalogue = [
            f"tests/test_catalogue.py::{test}[{code}]"
            for test in (
                "test_the_passing_example_passes",
                "test_the_failing_example_fails",
                "test_the_missing_data_example_is_insufficient_information",
            )
        ]
        # The reference pages show the default severity and the gate: they must move too.
        catalogue.append(
            "tests/test_catalogue.py::test_committed_reference_pages_match_the_generator"
        )
        ordered = [own, *catalogue, *(s for s in siblings if s != own), *ENGINE_TESTS]
        return [t for t in ordered if (root / t.split("::")[0]).exists()]
    # Shared helpers; parameters are also read by policies.
    return ["tests/rules", "tests/test_catalogue.py", *ENGINE_TESTS, "tests/policy"]


# --- Running ---------------------------------------------------------------------------------

KILLED, SURVIVED, TIMEOUT, SKIPPED = "killed", "survived", "timeout", "skipped"


@dataclass(frozen=True)
class Result:
    mutant: Mutant
    status: str
    """:data:`KILLED` (a test failed or the mutant broke the import), :data:`SURVIVED` or
    :data:`TIMEOUT` (counted as killed), or :data:`SKIPPED` (not run: the tests of its file
    fail on the unmutated code; not counted)."""
    seconds: float


@dataclass
class _Workspace:
    """A private copy of ``src/`` and a private bytecode cache, one per worker."""

    root: Path
    src: Path = field(init=False)
    cache: Path = field(init=False)

    def __post_init__(self) -> None:
        self.src = self.root / "src"
        self.cache = self.root / "pycache"

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # cache the untouched modules between runs
        env["PYTHONPATH"] = str(self.src)  # ahead of the editable install's .pth
        env["PYTHONPYCACHEPREFIX"] = str(self.cache)  # no bytecode in the project tree
        return env

    def forget_bytecode(self, file: str) -> None:
        # A mutant may keep the size and the mtime second of the file it replaces: never
        # trust cached bytecode (plain or assertion-rewritten) of the file being mutated.
        target = self.src / file
        folder = self.cache / target.parent.relative_to(target.anchor)
        for stale in folder.glob(f"{target.stem}.*.pyc"):
            stale.unlink()


def _pytest(root: Path, workspace: _Workspace, selection: Sequence[str], timeout: float) -> str:
    for attempt in range(2):
        # Test files can come and go while a long run goes on: select those there now.
        present = [s for s in selection if (root / s.split("::")[0]).exists()]
        command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *present]
        try:
            done = subprocess.run(
                command,
                cwd=root,
                env=workspace.env(),
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return TIMEOUT
        if done.returncode == 0:
            return SURVIVED
        if done.returncode not in (4, 5):
            return KILLED
        if attempt == 0 and b"not found" in done.stdout:
            continue  # a file vanished between the check and the run
        # A usage error, or no test selected: the tool is wrong, not the mutant.
        output = done.stdout.decode(errors="replace")[-2000:]
        raise RuntimeError(f"pytest could not run {present}:\n{output}")
    raise AssertionError("unreachable")


def _canary(workspace: _Workspace) -> None:
    """Make sure the workers import the copy, not the installed package."""
    done = subprocess.run(
        [sys.executable, "-c", "import repatguard; print(repatguard.__file__)"],
        env=workspace.env(),
        capture_output=True,
        text=True,
        check=True,
    )
    if not Path(done.stdout.strip()).is_relative_to(workspace.src):
        raise RuntimeError(f"the mutated copy is not the one imported: {done.stdout.strip()}")


def _group(root: Path, file: str) -> str:
    # Files whose selections share their tests: a rule family, or one selection.
    parts = Path(file).parts
    if len(parts) == 4 and parts[2] in FAMILIES and not parts[3].startswith("_"):
        return parts[2]
    return " ".join(selection_for(root, file))


def run(
    root: Path,
    chosen: Sequence[Mutant],
    *,
    workers: int = 2,
    timeout: float | None = None,
    progress: Callable[[Result], None] | None = None,
) -> list[Result]:
    """Run the tests against each mutant in ``chosen``; ``root`` is never modified.

    First, for each group of files (a family), the union of their test selections must pass
    on the unmutated copy: a red tree would count every mutant as killed. A group whose tests
    fail is not run (its mutants are :data:`SKIPPED`). ``timeout`` defaults to ten times that
    baseline run, and at least 60 s.
    """
    groups: dict[str, list[str]] = {}
    for mutant in chosen:
        selection = groups.setdefault(_group(root, mutant.file), [])
        selection.extend(s for s in selection_for(root, mutant.file) if s not in selection)
    with tempfile.TemporaryDirectory(prefix="repatguard-mutation-") as scratch:
        # One snapshot of src/: the tree may change under a long run.
        snapshot = Path(scratch) / "src"
        shutil.copytree(
            root / "src", snapshot, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
        for file in {m.file for m in chosen}:
            listed = {m for m in chosen if m.file == file}
            if not listed <= set(mutants(snapshot, file)):
                raise RuntimeError(f"{file} changed after its mutants were listed: run again")
        spaces: queue.SimpleQueue[_Workspace] = queue.SimpleQueue()
        for number in range(max(1, workers)):
            space = _Workspace(Path(scratch) / f"worker-{number}")
            shutil.copytree(snapshot, space.src)
            _canary(space)
            spaces.put(space)

        def baseline(selection: list[str]) -> float | None:
            space = spaces.get()
            try:
                started = time.monotonic()
                if _pytest(root, space, selection, timeout or 3600) != SURVIVED:
                    return None
                return timeout or max(60.0, 10 * (time.monotonic() - started))
            finally:
                spaces.put(space)

        def one(mutant: Mutant) -> Result:
            limit = limits[_group(root, mutant.file)]
            if limit is None:
                return Result(mutant, SKIPPED, 0.0)
            space = spaces.get()
            try:
                return _one(root, snapshot, space, mutant, limit)
            finally:
                spaces.put(space)

        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            limits = dict(zip(groups, pool.map(baseline, groups.values()), strict=True))
            for group, limit in limits.items():
                if limit is None:
                    print(f"not run: the tests fail on the unmutated code: {groups[group]}")
            results = []
            for result in pool.map(one, chosen):
                results.append(result)
                if progress is not None:
                    progress(result)
        return results


def _one(root: Path, snapshot: Path, space: _Workspace, mutant: Mutant, limit: float) -> Result:
    target = space.src / mutant.file
    original = (snapshot / mutant.file).read_text(encoding="utf-8")
    started = time.monotonic()
    try:
        mutated = apply(original, mutant.index)
        compile(mutated, mutant.file, "exec")  # a mutant that does not compile is a tool bug
        target.write_text(mutated, encoding="utf-8")
        space.forget_bytecode(mutant.file)
        status = _pytest(root, space, selection_for(root, mutant.file), limit)
    finally:
        target.write_text(original, encoding="utf-8")
        space.forget_bytecode(mutant.file)
    return Result(mutant, status, time.monotonic() - started)


# --- Reports ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """The result for one target."""

    target: str
    mutants: int
    killed: int
    survived: int
    skipped: int
    seconds: float
    """Wall-clock seconds spent on its mutants, added up over the workers."""
    survivors: list[Mutant]
    """Relaxing survivors first."""

    @property
    def score(self) -> float:
        """The share of the mutants run that were killed (1.0 when none was run)."""
        run = self.killed + self.survived
        return self.killed / run if run else 1.0

    @property
    def relaxing(self) -> list[Mutant]:
        return [m for m in self.survivors if m.kind == RELAXES]


def summarise(results: Sequence[Result], names: dict[str, str]) -> list[Row]:
    """One row per target; ``names`` maps each file to its target."""
    rows = []
    for name in dict.fromkeys(names.values()):
        mine = [r for r in results if names[r.mutant.file] == name]
        if not mine:
            continue
        survivors = [r.mutant for r in mine if r.status == SURVIVED]
        skipped = sum(1 for r in mine if r.status == SKIPPED)
        rows.append(
            Row(
                target=name,
                mutants=len(mine),
                killed=len(mine) - len(survivors) - skipped,
                survived=len(survivors),
                skipped=skipped,
                seconds=round(sum(r.seconds for r in mine), 1),
                survivors=sorted(survivors, key=lambda m: (m.kind != RELAXES, m.file, m.line)),
            )
        )
    return rows


def as_json(rows: Sequence[Row]) -> str:
    return json.dumps([{**asdict(r), "score": round(r.score, 4)} for r in rows], indent=2)


def markdown(rows: Sequence[Row]) -> str:
    """A table of scores per target, then every survivor (relaxing ones first)."""
    lines = [
        "| target | mutants | killed | survived | not run | score | relaxing survivors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    lines.extend(
        f"| {r.target} | {r.mutants} | {r.killed} | {r.survived} | {r.skipped} "
        f"| {100 * r.score:.1f} % | {len(r.relaxing)} |"
        for r in rows
    )
    killed = sum(r.killed for r in rows)
    survived = sum(r.survived for r in rows)
    if killed + survived:
        lines.append(
            f"| **all** | {sum(r.mutants for r in rows)} | {killed} | {survived} "
            f"| {sum(r.skipped for r in rows)} | {100 * killed / (killed + survived):.1f} % "
            f"| {sum(len(r.relaxing) for r in rows)} |"
        )
    lines.append("")
    lines.extend(
        f"- {r.target}, {m.kind}: `{m.file}:{m.line}` {m.operator}: `{m.original}` → `{m.mutated}`"
        for r in rows
        for m in r.survivors
    )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("targets", nargs="*", help="families, 'shared' or 'verdict' (all)")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the checkout to test")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=None, help="seconds per mutant")
    parser.add_argument("--limit", type=int, default=None, help="at most N mutants per file")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--json", type=Path, default=None, help="write the summary as JSON")
    parser.add_argument("--markdown", type=Path, default=None, help="write it as Markdown")
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()
    src = root / "src"
    chosen: list[Mutant] = []
    names: dict[str, str] = {}
    for target in targets(src, args.targets):
        for file in target.files:
            names[file] = target.name
            chosen.extend(mutants(src, file)[: args.limit])
    if args.list:
        for mutant in chosen:
            print(f"{mutant.index:4} {mutant.kind:9} {mutant.label()}")
        print(f"{len(chosen)} mutants")
        return 0
    started = time.monotonic()

    done: list[Result] = []

    def progress(result: Result) -> None:
        done.append(result)
        if len(done) % 50 == 0:
            print(
                f"{len(done)}/{len(chosen)} mutants, {time.monotonic() - started:.0f} s", flush=True
            )
        if result.status == SURVIVED:
            print(f"survived ({result.mutant.kind}): {result.mutant.label()}", flush=True)

    results = run(root, chosen, workers=args.workers, timeout=args.timeout, progress=progress)
    rows = summarise(results, names)
    report = markdown(rows)
    print(report)
    print(f"{len(results)} mutants in {time.monotonic() - started:.0f} s")
    if args.json is not None:
        args.json.write_text(as_json(rows) + "\n", encoding="utf-8")
    if args.markdown is not None:
        args.markdown.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
