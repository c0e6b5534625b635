"""Functions stay short enough to read, or say why not (issue 13): a function of more than
60 lines has a comment right above it (its decorators included) that starts with ``# Long``
and gives the reason (for a rule, most often that its messages are written out whole)."""

from __future__ import annotations

import ast
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "repatguard"
LIMIT = 60


def _reason_above(lines: list[str], top: int) -> bool:
    """Whether the comment block ending just above line ``top`` (1-based) gives a reason."""
    index = top - 2
    while index >= 0 and lines[index].strip().startswith("#"):
        if lines[index].strip().startswith("# Long"):
            return True
        index -= 1
    return False


def _long_without_reason() -> list[str]:
    found: list[str] = []
    for path in sorted(SOURCE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            assert node.end_lineno is not None
            length = node.end_lineno - node.lineno + 1
            top = node.decorator_list[0].lineno if node.decorator_list else node.lineno
            if length > LIMIT and not _reason_above(lines, top):
                found.append(f"{path.relative_to(SOURCE)}:{node.lineno} {node.name} ({length})")
    return found


def test_every_long_function_says_why() -> None:
    assert _long_without_reason() == []


def test_the_check_finds_a_long_function_without_a_reason(tmp_path: Path) -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(LIMIT + 1))
    text = f"def f() -> None:\n{body}\n"
    lines = text.splitlines()
    assert not _reason_above(lines, 1)
    with_reason = ["# Long on purpose: a test.", *lines]
    assert _reason_above(with_reason, 2)
