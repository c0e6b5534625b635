"""Babel extraction methods for the messages that are not ``_("...")`` calls.

The renderers mark their fixed strings with ``_()`` and ``N_()``, which Babel's Python
extractor finds. Two kinds of message live elsewhere:

- each rule's title and remediation, keyword arguments of ``@rule(...)`` in the rule modules,
  and the finding messages the rules and their shared helpers write with ``msg("...")``
  (:func:`extract_rule_metadata` reads them from the source, without importing the module);
- the words of field labels, made from the model's field names at run time
  (:func:`extract_field_labels` adds :func:`~repatguard.render.labels.label_messages` to
  what the Python extractor finds in ``labels.py``).

``babel.cfg`` at the repository's root maps files to these methods; docs/output-formats.md
("Languages") gives the commands. Babel is a tool for working on repatguard (the ``test``
dependency group), never needed to render a report: these functions only run under it.
"""

from __future__ import annotations

import ast
import string
from typing import IO, TYPE_CHECKING, Any

from repatguard.render.labels import label_messages

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator, Mapping

__all__ = [
    "MESSAGE_MARKER",
    "RULE_FIELDS",
    "extract_field_labels",
    "extract_rule_metadata",
    "placeholders",
]

MESSAGE_MARKER = "msg"
"""The function rules mark finding messages with (:func:`repatguard.rules.message.msg`)."""

RULE_FIELDS = ("title", "remediation")
"""The metadata of a rule that a person reads in a report, so the catalogues translate it."""

Extracted = tuple[int, str | None, str, list[str]]
"""What a Babel extraction method yields: line, function name, message, comments."""


def placeholders(message: str) -> set[str]:
    """The named placeholders of ``message`` (``{area}`` gives ``area``); raises
    :class:`ValueError` for a positional one (``{}`` or ``{0}``), which a translator could not
    reorder."""
    names: set[str] = set()
    for _text, field, _spec, _conversion in string.Formatter().parse(message):
        if field is None:
            continue
        name = field.split(".", 1)[0].split("[", 1)[0]
        if not name or name.isdigit():
            raise ValueError(f"positional placeholder in {message!r}: name it")
        names.add(name)
    return names


def _rule_code(call: ast.Call) -> str:
    for keyword in call.keywords:
        if keyword.arg == "code" and isinstance(keyword.value, ast.Constant):
            return str(keyword.value.value)
    return "?"


def _calls_rule(call: ast.Call) -> bool:
    return isinstance(call.func, ast.Name) and call.func.id == "rule"


def _finding_messages(tree: ast.AST) -> Iterator[Extracted]:
    """Every ``msg("...")`` of a module: the finding messages its rules write. A template that
    is not a string literal (an f-string, a name) cannot be extracted and stops the
    extraction with the file's line."""
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == MESSAGE_MARKER
        ):
            continue
        template = node.args[0] if node.args else None
        if not (isinstance(template, ast.Constant) and isinstance(template.value, str)):
            raise ValueError(
                f"line {node.lineno}: a {MESSAGE_MARKER}() template is not a string literal, "
                "so it cannot be extracted for translation (put values in named placeholders)"
            )
        yield node.lineno, None, template.value, ["a finding message"]


TEXT_MARKER = "N_"
"""Marks the fixed title or remediation of a finding the engine writes
(:func:`repatguard.rules.message.N_`)."""


def _engine_texts(tree: ast.AST) -> Iterator[Extracted]:
    """Every ``N_("...")`` of a module: titles and remediations of the engine's own findings."""
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == TEXT_MARKER
        ):
            continue
        text = node.args[0] if node.args else None
        if not (isinstance(text, ast.Constant) and isinstance(text.value, str)):
            raise ValueError(
                f"line {node.lineno}: a {TEXT_MARKER}() text is not a string literal, so it "
                "cannot be extracted for translation"
            )
        yield node.lineno, None, text.value, ["the title or remediation of an engine finding"]


def extract_rule_metadata(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """Babel extraction method: the title and remediation of every ``@rule(...)`` in a rule
    module, each with a comment naming the rule for the translator, the finding messages
    (``msg``) and the engine's fixed finding texts (``N_``). A value that is not a string
    literal cannot be extracted and stops the extraction with the file's line."""
    del keywords, comment_tags, options  # the signature Babel calls
    tree = ast.parse(fileobj.read())
    yield from _finding_messages(tree)
    yield from _engine_texts(tree)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not _calls_rule(node):
            continue
        code = _rule_code(node)
        for keyword in node.keywords:
            if keyword.arg not in RULE_FIELDS:
                continue
            value = keyword.value
            if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
                raise ValueError(
                    f"line {value.lineno}: the {keyword.arg} of {code} is not a string literal, "
                    "so it cannot be extracted for translation"
                )
            yield value.lineno, None, value.value, [f"{code} {keyword.arg}"]


def extract_field_labels(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Any,
) -> Iterator[Any]:
    """Babel extraction method for ``render/labels.py``: its ``_()`` calls, then every word
    a field label can hold (the model's field and list item names)."""
    # Babel is only installed to build catalogues; this runs under it.
    from babel.messages.extract import extract_python  # noqa: PLC0415

    yield from extract_python(fileobj, keywords, comment_tags, options)
    for word in label_messages():
        yield 0, None, word, ["a field of the model, in words (field labels)"]
