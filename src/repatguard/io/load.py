"""Loading an operation from a path, text or a mapping, in JSON, TOML or (optionally) YAML."""

from __future__ import annotations

import json
import os
import re
import tomllib
import weakref
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

from repatguard.errors import InputError, InputIssue
from repatguard.io.converter import issues_from_exception, structure
from repatguard.model.operation import Operation
from repatguard.model.validate import validate_operation

__all__ = [
    "MAX_DEPTH",
    "MAX_DOCUMENT_BYTES",
    "MAX_VALUES",
    "Format",
    "duplicate_keys",
    "format_of",
    "load",
    "load_text",
    "parser_message",
    "reject_constant",
    "shape_problem",
    "sniff_format",
    "strict_pairs",
    "too_deep",
    "types_checked",
]
# Besides load and load_text, these names are the package's internal API: the other loaders
# (policies, waiver registers, streamed manifests) share the same bounds and strictness.

MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
"""The largest document accepted, in bytes of UTF-8 (32 MiB: some hundred thousand people)."""

MAX_DEPTH = 32
"""The deepest nesting of objects and lists accepted (an operation nests about eight deep)."""

MAX_VALUES = 4_000_000
"""The most values (objects, lists, strings, numbers...) a document may hold once parsed."""

Format = Literal["json", "toml", "yaml"]

_SUFFIXES: dict[str, Format] = {
    ".json": "json",
    ".toml": "toml",
    ".yaml": "yaml",
    ".yml": "yaml",
}


def load(
    source: str | os.PathLike[str] | Mapping[str, Any], *, format: Format | None = None
) -> Operation:
    """Load and validate an operation.

    ``source`` is a path (``pathlib.Path`` or a string naming a file), the text of a document
    (a string that starts with ``{`` or spans several lines), or an already parsed mapping.
    The format follows the file suffix unless given. Raises :class:`InputError` with every
    problem found.
    """
    if isinstance(source, Mapping):
        return from_mapping(source)
    if isinstance(source, str) and ("\n" in source or source.lstrip().startswith("{")):
        return load_text(source, format=format or sniff_format(source))
    path = Path(source)
    if path.is_dir():
        message = (
            "is a folder, not an operation file: name the files in it (for example folder/*.json)"
        )
        raise InputError([InputIssue(path="$", message=message)], source=str(path))
    chosen = format or format_of(path)
    if chosen is None:
        # The suffix is not repeated: the file name heads the error (escaped) already.
        known = ", ".join(_SUFFIXES)
        message = (
            f"unknown file type (the name does not end in {known}): give its format "
            "(--input-format on the command line, format= in Python)"
        )
        raise InputError([InputIssue(path="$", message=message)], source=str(path))
    try:
        too_large = path.stat().st_size > MAX_DOCUMENT_BYTES
        text = "" if too_large else path.read_text(encoding="utf-8")
    except (OSError, ValueError) as exc:  # ValueError: undecodable bytes, a NUL in the name
        raise InputError(
            [InputIssue(path="$", message=f"cannot read the file ({exc.__class__.__name__})")],
            source=str(path),
        ) from None
    if too_large:
        raise InputError([_too_large()], source=str(path))
    try:
        return load_text(text, format=chosen)
    except InputError as exc:
        raise InputError(exc.issues, source=str(path)) from None


def load_text(text: str, *, format: Format) -> Operation:
    """Parse ``text`` in the given format and load the operation it describes.

    Documents larger than :data:`MAX_DOCUMENT_BYTES` or nested deeper than :data:`MAX_DEPTH`
    are refused with an :class:`InputError` at ``$``.
    """
    if len(text) > MAX_DOCUMENT_BYTES or (
        len(text) * 4 > MAX_DOCUMENT_BYTES
        and len(text.encode("utf-8", "surrogatepass")) > MAX_DOCUMENT_BYTES
    ):
        raise InputError([_too_large()])
    return from_mapping(_parse(text, format))


def from_mapping(data: Mapping[str, Any]) -> Operation:
    """Structure and validate a parsed document."""
    shape = shape_problem(data)
    if shape is not None:
        raise InputError([shape])
    duplicates = list(duplicate_keys(data, "$"))
    if duplicates:
        raise InputError(duplicates)
    plain = dict(data)
    try:
        operation = structure(plain, Operation)
    except Exception as exc:
        raise InputError(issues_from_exception(exc)) from None
    issues = validate_operation(operation, check_types=False)  # the converter checked them
    if issues:
        raise InputError(issues)
    _LOADED[id(operation)] = operation
    return operation


_LOADED: weakref.WeakValueDictionary[int, Operation] = weakref.WeakValueDictionary()
"""Operations made by the loader and still alive, by identity. Their types are exact (the
converter checked them), so a check need not walk them again; an operation changed since
(``attrs.evolve``) is a new object and is checked."""


def types_checked(operation: Operation) -> bool:
    """Whether ``operation`` is an object the loader made (so its value types are exact)."""
    return _LOADED.get(id(operation)) is operation


def _too_large() -> InputIssue:
    limit = MAX_DOCUMENT_BYTES // (1024 * 1024)
    return InputIssue(path="$", message=f"the document is larger than {limit} MiB")


def too_deep() -> InputIssue:
    return InputIssue(
        path="$", message=f"the document nests objects and lists deeper than {MAX_DEPTH} levels"
    )


def shape_problem(data: Any, *, check_text: bool = True) -> InputIssue | None:
    """Nesting past :data:`MAX_DEPTH`, more than :data:`MAX_VALUES` values, keys that are not
    text, or text that is not valid Unicode (a lone surrogate from a ``\\ud800`` escape).

    Iterative, so a pathological document cannot exhaust the stack here; counting values
    stops a YAML alias bomb, which parses small and expands exponentially. ``check_text=False``
    skips the Unicode test, for JSON parsed from valid UTF-8 without ``\\u`` escapes (the
    only way a lone surrogate gets in).
    """
    stack: list[tuple[Any, int, _Trail]] = [(data, 1, None)]
    seen = 0
    while stack:
        value, depth, trail = stack.pop()
        seen += 1
        if seen > MAX_VALUES:
            return InputIssue(path="$", message=f"the document holds more than {MAX_VALUES} values")
        kind = type(value)
        if kind is str:
            if check_text and not value.isascii() and not _valid_unicode(value):
                return InputIssue(path=_path(trail), message="not valid Unicode text")
        elif kind is list:
            if depth > MAX_DEPTH:
                return too_deep()
            stack.extend((child, depth + 1, (trail, i)) for i, child in enumerate(value))
        elif kind is dict or isinstance(value, Mapping):
            if depth > MAX_DEPTH:
                return too_deep()
            for key, child in value.items():
                if type(key) is not str:
                    named = key.kind if isinstance(key, _UnhashableKey) else type(key).__name__
                    message = f"keys must be text, got a {named}"
                    return InputIssue(path=_path(trail), message=message)
                if check_text and not key.isascii() and not _valid_unicode(key):
                    return InputIssue(path=_path(trail), message="a key is not valid Unicode text")
                stack.append((child, depth + 1, (trail, key)))
    return None


_Trail = tuple[Any, str | int] | None
"""The path to a value as a linked list (parent trail, key or index), built into a string
only when an issue is reported."""


def _path(trail: _Trail) -> str:
    parts: list[str] = []
    while trail is not None:
        trail, step = trail
        parts.append(f"[{step}]" if isinstance(step, int) else f".{step}")
    return "$" + "".join(reversed(parts))


def _valid_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def format_of(path: str | os.PathLike[str]) -> Format | None:
    """The format a file's name says (its suffix), or ``None`` when it says none."""
    return _SUFFIXES.get(Path(path).suffix.lower())


def sniff_format(text: str) -> Format:
    """The format of a document given as text: JSON when it starts with ``{``, else TOML."""
    return "json" if text.lstrip().startswith("{") else "toml"


class _KeysSeenTwice(dict[str, Any]):
    """A JSON object that had repeated keys; JSON parsers would silently keep the last one."""

    repeated: tuple[str, ...] = ()


def strict_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    repeated: list[str] = []
    for key, value in pairs:
        if key in result:
            repeated.append(key)
        result[key] = value
    if repeated:
        marked = _KeysSeenTwice(result)
        marked.repeated = tuple(repeated)
        return marked
    return result


def reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a valid number here")


def duplicate_keys(value: Any, path: str) -> Iterator[InputIssue]:
    if isinstance(value, Mapping):
        if isinstance(value, _KeysSeenTwice):
            for key in sorted(set(value.repeated)):
                yield InputIssue(path=f"{path}.{key}", message="key appears more than once")
        for key, child in value.items():
            yield from duplicate_keys(child, f"{path}.{key}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from duplicate_keys(child, f"{path}[{index}]")


_QUOTED = r"'(?:[^'\\\n]|\\.)*'" + "|" + r'"(?:[^"\\\n]|\\.)*"'
_QUOTED_TEXT = re.compile(_QUOTED)
_KEY_TUPLE = re.compile(rf"\((?:{_QUOTED})(?:, (?:{_QUOTED}))*,?\)")
_SYNTAX = re.compile(r"^[^\w\s\\]{1,3}$")
"""Quoted punctuation a parser names as grammar (``Expecting ',' delimiter``): kept."""
NOT_SHOWN = "(not shown)"


def parser_message(text: str) -> str:
    """A JSON, TOML or YAML parser's message without the input it may quote.

    Parsers quote what they stumbled on: a key (``Cannot declare ('name',) twice``), a tag, an
    alias, a character. The place (line and column) stays; a quoted key becomes ``a key`` and
    any other quoted text that is not punctuation becomes ``(not shown)``.
    """
    text = _KEY_TUPLE.sub("a key", text)

    def hidden(found: re.Match[str]) -> str:
        quoted = found.group(0)
        return quoted if _SYNTAX.match(quoted[1:-1]) else NOT_SHOWN

    return _QUOTED_TEXT.sub(hidden, text)


def _parse(text: str, format: Format) -> Mapping[str, Any]:
    try:
        if format == "json":
            data = json.loads(text, object_pairs_hook=strict_pairs, parse_constant=reject_constant)
        elif format == "toml":
            data = tomllib.loads(text)
        else:
            data = _parse_yaml(text)
    except json.JSONDecodeError as exc:
        message = f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        raise InputError([InputIssue(path="$", message=message)]) from None
    except RecursionError:
        # The parsers recurse per nesting level; a document this deep is refused, not a crash.
        raise InputError([too_deep()]) from None
    except tomllib.TOMLDecodeError as exc:
        message = f"not valid TOML: {parser_message(str(exc))}"
        raise InputError([InputIssue(path="$", message=message)]) from None
    except ValueError as exc:
        message = f"not valid {format}: {parser_message(str(exc))}"
        raise InputError([InputIssue(path="$", message=message)]) from None
    if not isinstance(data, dict):
        raise InputError([InputIssue(path="$", message="expected an object at the top level")])
    return data


class _UnhashableKey:
    """Stands for a YAML key that no dictionary can hold (``? [a, b]``, a list or a mapping),
    so that the shape check refuses it with its path like any other key that is not text."""

    __slots__ = ("kind",)

    def __init__(self, kind: str) -> None:
        self.kind = kind


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _parse_yaml(text: str) -> Any:
    try:
        import yaml  # noqa: PLC0415 - optional extra, imported only when YAML is used
    except ImportError:
        raise ValueError("YAML needs the optional extra: pip install 'repatguard[yaml]'") from None

    class _StrictLoader(yaml.SafeLoader):
        """Safe loader that refuses repeated keys instead of keeping the last."""

    def _mapping(loader: Any, node: Any, deep: bool = False) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if not _hashable(key):
                key = _UnhashableKey(type(key).__name__)
            elif key in result:
                # The key is not quoted (it is input); the line says where.
                line = key_node.start_mark.line + 1
                raise ValueError(f"a key appears more than once (line {line})")
            result[key] = loader.construct_object(value_node, deep=deep)
        return result

    _StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        # Only the problem and where: str(exc) quotes the offending line, which may hold
        # personal data.
        mark = exc.problem_mark or exc.context_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise ValueError(f"{exc.problem or exc.context or 'unreadable'}{where}") from None
    except yaml.YAMLError as exc:
        raise ValueError(f"unreadable ({type(exc).__name__})") from None
