"""The package's layers, read from its imports: nothing imports a layer above its own, and no
module imports itself through others (docs/architecture.md, "Layers").

Every import statement that can run counts, at the top of a module or inside a function, and
so does ``importlib.import_module`` or ``__import__`` of a literal name; the body of
``if TYPE_CHECKING:`` does not (it never runs; its ``else:`` does count). ``from package import
name`` counts as an import of ``package.name`` when that is a module, else of ``package``.

Not seen: an import of a name computed when the code runs (the rule discovery of
``rules.registry`` and ``testing.rule_examples`` import their own subpackages that way), and
the ``__init__`` of a parent package, which Python runs before any of its modules (a package
that re-exports its modules would otherwise read as a cycle with each of them).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src"

LAYERS: tuple[tuple[str, ...], ...] = (
    ("_printable", "_version", "outcomes", "errors"),
    ("model",),
    ("io",),
    ("facts",),
    ("rules",),
    ("policy",),
    ("report",),
    ("engine",),
    ("render",),
    ("stream", "schema", "schemas", "examples", "testing"),
    ("cli", "pytest_plugin", "__main__", ""),
)
"""Bottom to top; the first part of a module's name under ``repatguard`` names its layer
(``""`` is the package itself, whose lazy exports reach everything)."""

ALLOWED_UPWARD: dict[tuple[str, str], str] = {
    ("report", "render"): (
        "Report._repr_html_, _repr_markdown_, to_records, to_dataframe and compare render "
        "the report they are called on, inside the method: notebooks display an object "
        "through its own methods"
    ),
}
"""Upward imports the design accepts for now, by (importing layer's package, imported
layer's package), each with why. A test fails when an entry is no longer needed."""


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in (SOURCE / "repatguard").rglob("*.py"):
        parts = path.relative_to(SOURCE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _type_checking_nodes(tree: ast.Module) -> set[int]:
    """The nodes under ``if TYPE_CHECKING:`` (or ``typing.TYPE_CHECKING``), not its ``else``."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in (
            "TYPE_CHECKING",
            "typing.TYPE_CHECKING",
        ):
            for statement in node.body:
                skipped.update(id(inner) for inner in ast.walk(statement))
    return skipped


def _dynamic_import(node: ast.Call) -> str | None:
    """The module named by ``importlib.import_module("...")`` or ``__import__("...")``."""
    name = ast.unparse(node.func)
    if name not in ("importlib.import_module", "import_module", "__import__"):
        return None
    if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
        return node.args[0].value
    return None


def imports_of(module: str) -> Iterator[str]:
    """The repatguard modules ``module`` imports when it runs."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = _type_checking_nodes(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Call):
            dynamic = _dynamic_import(node)
            if dynamic in MODULES:
                yield dynamic
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name in MODULES)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                source = ".".join([*base, *([node.module] if node.module else [])])
            else:
                source = node.module or ""
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in MODULES:
                    yield submodule
                elif source in MODULES:
                    yield source


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def layer_of(module: str) -> int:
    package = _package(module)
    for number, names in enumerate(LAYERS):
        if package in names:
            return number
    raise AssertionError(f"{module} is in no layer: add its package to LAYERS")


def _upward() -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = {}
    for module in sorted(MODULES):
        for imported in imports_of(module):
            if layer_of(imported) > layer_of(module):
                key = (_package(module), _package(imported))
                found.setdefault(key, []).append(f"{module} -> {imported}")
    return found


def test_every_module_is_in_a_layer() -> None:
    for module in MODULES:
        layer_of(module)


def test_no_module_imports_a_layer_above_its_own() -> None:
    unexpected = {key: found for key, found in _upward().items() if key not in ALLOWED_UPWARD}
    assert not unexpected, "\n".join(line for lines in unexpected.values() for line in lines)


def test_every_accepted_upward_import_is_still_needed() -> None:
    found = _upward()
    assert [key for key in ALLOWED_UPWARD if key not in found] == []


def _cycles() -> list[list[str]]:
    graph = {module: sorted(set(imports_of(module))) for module in MODULES}
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:  # Tarjan's strongly connected components
        order[module] = low[module] = len(order)
        stack.append(module)
        on_stack.add(module)
        for imported in graph[module]:
            if imported not in order:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], order[imported])
        if low[module] == order[module]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == module:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(graph):
        if module not in order:
            visit(module)
    return cycles


def test_no_import_cycles() -> None:
    assert _cycles() == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from repatguard.engine import check\n", {"repatguard.engine.check"}),
        ("from repatguard.model import Operation\n", {"repatguard.model"}),
        ("def f():\n    import repatguard.render.json\n", {"repatguard.render.json"}),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    from repatguard.report.report import Report\n",
            set(),
        ),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    pass\nelse:\n"
            "    from repatguard.report.report import Report\n",
            {"repatguard.report.report"},
        ),
        (
            "from typing import TYPE_CHECKING\nif not TYPE_CHECKING:\n"
            "    from repatguard.report.report import Report\n",
            {"repatguard.report.report"},
        ),
        (
            "import importlib\nimportlib.import_module('repatguard.render.json')\n"
            "__import__('repatguard.render.text')\n",
            {"repatguard.render.json", "repatguard.render.text"},
        ),
        ("from . import main\n", {"repatguard.cli.main"}),
    ],
)
def test_the_import_reader_reads_imports_as_described(
    source: str, expected: set[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(source, encoding="utf-8")
    monkeypatch.setitem(MODULES, "repatguard.cli.probe", probe)
    assert set(imports_of("repatguard.cli.probe")) == expected


TESTING_USERS: dict[str, str] = {
    "repatguard.pytest_plugin": "the pytest plugin offers the testing helpers to pytest",
    "repatguard.cli.explain_command": (
        "`repatguard explain CODE` prints the rule's page, with the finding each worked "
        "example produces on the sound operation of the factories"
    ),
}
"""The modules outside ``repatguard.testing`` that may import it, each with why."""


def test_no_production_module_imports_the_testing_helpers() -> None:
    users = {
        module
        for module in MODULES
        if not module.startswith("repatguard.testing")
        and any(name.startswith("repatguard.testing") for name in imports_of(module))
    }
    assert users == set(TESTING_USERS)
