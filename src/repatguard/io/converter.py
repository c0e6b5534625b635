"""The library's one private cattrs converter.

The global converter is never touched. Every hook here is strict: nothing is coerced (no
``"3"`` to ``3``, no ``"false"`` to ``True``), a datetime without a UTC offset is rejected, and
every problem is collected with its path rather than stopping at the first.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable, Iterable
from enum import Enum, StrEnum
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
import pendulum
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from repatguard.errors import InputIssue, kind_of
from repatguard.model._plan import ClassPlan, class_plan
from repatguard.model.dates import (
    SUPPORTED_RANGE,
    PartialDate,
    in_supported_range,
    parse_partial,
)
from repatguard.model.validate import constraint_problem

__all__ = [
    "InvalidValueError",
    "converter",
    "describe",
    "did_you_mean",
    "issues_from_exception",
    "new_converter",
    "structure",
    "structure_value",
    "unknown_field",
]

T = TypeVar("T")
_D = TypeVar("_D", bound=dt.date)

_DATE_SHAPE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME_SHAPE = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$"
)
_OFFSET = re.compile(r"(Z|[+-]\d{2}:\d{2})$")


class InvalidValueError(ValueError):
    """Raised by the hooks; the message is already written for the user."""


def describe(value: object) -> str:
    """The kind of a bad value for an error message (``a text of 14 characters``), never the
    value itself: see :func:`repatguard.errors.kind_of`."""
    return kind_of(value)


def _structure_str(value: Any, _: type) -> str:
    if type(value) is not str:
        raise InvalidValueError(f"expected a string, got {describe(value)}")
    return value


def _structure_int(value: Any, _: type) -> int:
    if type(value) is not int:
        raise InvalidValueError(f"expected a whole number, got {describe(value)}")
    return value


def _structure_float(value: Any, _: type) -> float:
    if type(value) not in (int, float):
        raise InvalidValueError(f"expected a number, got {describe(value)}")
    if not math.isfinite(value):
        raise InvalidValueError(f"expected a finite number, got {describe(value)}")
    return float(value)


def _structure_bool(value: Any, _: type) -> bool:
    if type(value) is not bool:
        raise InvalidValueError(f"expected true or false, got {describe(value)}")
    return value


@attrs.frozen
class _PartialText:
    """The text of a field that also accepts a month or a year (see ``_attrs_hook_factory``);
    private, so no input can hand the date hook a ready-made partial date."""

    text: object


_PARTIAL_FORMS = "(YYYY-MM-DD, or YYYY-MM or YYYY when only the month or the year is known)"


def _in_range(value: _D, what: str = "a date") -> _D:
    """``value`` if it lies in the supported range.

    Outside it, later date arithmetic (a parameter added, a window opened before) could run
    off the calendar, so the value is refused here with its path (and not shown: it may be a
    date of birth).
    """
    if not in_supported_range(value):
        message = f"expected {what} from {SUPPORTED_RANGE} (the supported range)"
        raise InvalidValueError(f"{message}, got {what} outside it")
    return value


_NO_SUCH_DAY = "got a date that is not on the calendar"


def _structure_partial(value: _PartialText) -> pendulum.Date:
    expected = f"expected an ISO 8601 date {_PARTIAL_FORMS}"
    text = value.text
    if type(text) is not str:
        raise InvalidValueError(f"{expected}, got {describe(text)}")
    try:
        parsed = pendulum.Date.fromisoformat(text) if _DATE_SHAPE.match(text) else None
        partial = parse_partial(text) if parsed is None else None
    except ValueError:
        message = f"expected an existing calendar date {_PARTIAL_FORMS}, {_NO_SUCH_DAY}"
        raise InvalidValueError(message) from None
    if parsed is not None:
        return _in_range(parsed)
    if partial is None:
        raise InvalidValueError(f"{expected}, got {describe(text)}")
    return _in_range(partial)


def _structure_date(value: Any, _: type) -> pendulum.Date:
    if type(value) is _PartialText:
        return _structure_partial(value)
    # TOML and YAML give date objects; JSON gives strings.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return _in_range(pendulum.Date(value.year, value.month, value.day))
    if type(value) is not str or not _DATE_SHAPE.match(value):
        raise InvalidValueError(f"expected an ISO 8601 date (YYYY-MM-DD), got {describe(value)}")
    try:
        parsed = pendulum.Date.fromisoformat(value)
    except ValueError:
        raise InvalidValueError(f"expected an existing calendar date, {_NO_SUCH_DAY}") from None
    return _in_range(parsed)


def _structure_datetime(value: Any, _: type) -> pendulum.DateTime:
    expected = "expected an ISO 8601 datetime with offset"
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidValueError(f"{expected}, got a datetime without a UTC offset")
        return pendulum.instance(_in_range(value, "an instant"))
    if type(value) is not str or not _DATETIME_SHAPE.match(value):
        raise InvalidValueError(f"{expected}, got {describe(value)}")
    if not _OFFSET.search(value):
        message = f"{expected}, got a datetime without a UTC offset (never assumed)"
        raise InvalidValueError(message)
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        message = f"{expected}, got a datetime that is not on the calendar (no such instant)"
        raise InvalidValueError(message) from None
    return pendulum.instance(_in_range(parsed, "an instant"))


_ENUM_VALUES: dict[type[Enum], dict[Any, Enum]] = {}
"""Per enumeration, its members by value, built once (loading reads millions of them)."""


def _structure_enum(value: Any, cls: type[Enum]) -> Enum:
    by_value = _ENUM_VALUES.get(cls)
    if by_value is None:
        by_value = _ENUM_VALUES[cls] = {member.value: member for member in cls}
    if type(value) is str and value in by_value:
        return by_value[value]
    choices = ", ".join(repr(v) for v in by_value)
    raise InvalidValueError(f"expected one of {choices}, got {describe(value)}")


def _is_homogeneous_tuple(cls: Any) -> bool:
    args = get_args(cls)
    return get_origin(cls) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook_factory(cls: Any) -> Callable[[Any, type], tuple[Any, ...]]:
    element_type = get_args(cls)[0]

    def hook(value: Any, _: type) -> tuple[Any, ...]:
        # Only a JSON array is a list; a string is not a list of characters.
        if type(value) is not list:
            raise InvalidValueError(f"expected a list, got {describe(value)}")
        element_hook = _converter.get_structure_hook(element_type)
        result: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                result.append(element_hook(item, element_type))
            except Exception as exc:
                exc.add_note(IterableValidationNote(f"@ index {index}", index, element_type))
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {cls!r}", errors, cls)
        return tuple(result)

    return hook


def _is_mapping(cls: Any) -> bool:
    return get_origin(cls) is dict and len(get_args(cls)) == 2


def _mapping_hook_factory(cls: Any) -> Callable[[Any, type], dict[Any, Any]]:
    key_type, value_type = get_args(cls)

    def hook(value: Any, _: type) -> dict[Any, Any]:
        # Only a JSON object or TOML table is a mapping; a list is not read as its pairs.
        if not isinstance(value, dict):
            raise InvalidValueError(f"expected a table of keys and values, got {describe(value)}")
        key_hook = _converter.get_structure_hook(key_type)
        value_hook = _converter.get_structure_hook(value_type)
        result: dict[Any, Any] = {}
        errors: list[Exception] = []
        for key, item in value.items():
            try:
                result[key_hook(key, key_type)] = value_hook(item, value_type)
            except Exception as exc:
                exc.add_note(IterableValidationNote(f"@ key {key!r}", str(key), value_type))
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {cls!r}", errors, cls)
        return result

    return hook


def _constraint_errors(plan: ClassPlan, value: dict[str, Any]) -> list[Exception]:
    """Constraint problems of the raw values, so they are reported with the type errors."""
    errors: list[Exception] = []
    for name, constraint, declared in plan.constrained:
        message = constraint_problem(constraint, value.get(name))
        if message is not None:
            error = InvalidValueError(message)
            error.add_note(AttributeValidationNote(f"@ attribute {name}", name, declared))
            errors.append(error)
    return errors


def _redacted(error: Exception, personal: frozenset[str]) -> Exception:
    """``error`` without even the kind of the value found when it is about a field holding
    personal data (the length of a text says something about a name).

    The message keeps what was expected ("expected a string") and drops what was given.
    """
    notes = getattr(error, "__notes__", [])
    names = {note.name for note in notes if isinstance(note, AttributeValidationNote)}
    if not names & personal or isinstance(error, KeyError):
        return error
    expected = "invalid value"
    if isinstance(error, InvalidValueError):
        expected = str(error).split(", got ", 1)[0]
    redacted = InvalidValueError(f"{expected}, got a value not shown here (personal data)")
    for note in notes:
        redacted.add_note(note)
    return redacted


def _attrs_hook_factory(cls: Any) -> Callable[[Any, type], Any]:
    generated = make_dict_structure_fn(
        cls, _converter, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
    )
    plan = class_plan(cls)
    assert plan is not None, cls  # the factory is registered for attrs classes only
    constrained = bool(plan.constrained)
    personal = plan.personal
    partial = plan.partial_dates

    def hook(value: Any, _: type) -> Any:
        if type(value) is not dict:
            raise InvalidValueError(f"expected an object, got {describe(value)}")
        # Only these fields take a month or a year: mark their text for the date hook.
        for name in partial:
            given = value.get(name)
            if given is not None and not isinstance(given, dt.date):
                value = {**value, name: _PartialText(given)}
        early = _constraint_errors(plan, value) if constrained else []
        try:
            result = generated(value, cls)
        except ClassValidationError as exc:
            if not early and not personal:
                raise
            errors = [_redacted(e, personal) for e in [*exc.exceptions, *early]]
            raise ClassValidationError(exc.message, errors, cls) from None
        if early:
            raise ClassValidationError(f"While structuring {cls.__name__}", early, cls)
        return result

    return hook


def _rendering_only(cls: type) -> dict[str, Any]:
    """Overrides that leave out the fields marked ``rendering_only`` (see
    ``repatguard.report.finding.RENDERING_ONLY``): they are not part of the data."""
    return {
        field.name: override(omit=True)
        for field in attrs.fields(cls)
        if field.metadata.get("rendering_only")
    }


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    conv.register_structure_hook_factory(attrs.has, _attrs_hook_factory)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(bool, _structure_bool)
    # StrEnum comes before str in the MRO of our enums, so this registration wins over the
    # str hook above and the value is checked against the members.
    conv.register_structure_hook(StrEnum, _structure_enum)
    conv.register_structure_hook(Enum, _structure_enum)
    conv.register_structure_hook(pendulum.Date, _structure_date)
    conv.register_structure_hook(pendulum.DateTime, _structure_datetime)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook_factory)
    conv.register_structure_hook_factory(_is_mapping, _mapping_hook_factory)
    # Derived fields (init=False, such as a finding's fingerprint) belong in the output too;
    # fields only renderers read (a finding's wording) do not.
    conv.register_unstructure_hook_factory(
        attrs.has,
        lambda cls: make_dict_unstructure_fn(
            cls, conv, _cattrs_include_init_false=True, **_rendering_only(cls)
        ),
    )
    # ``_value_`` is what ``value`` reads, without the descriptor (slow on Python 3.11, and
    # every finding and case verdict of a streamed check holds several members).
    conv.register_unstructure_hook(StrEnum, lambda member: member._value_)
    conv.register_unstructure_hook(Enum, lambda member: member._value_)
    conv.register_unstructure_hook(pendulum.Date, lambda d: d.isoformat())
    conv.register_unstructure_hook(PartialDate, lambda d: d.isoformat())
    conv.register_unstructure_hook(pendulum.DateTime, lambda d: d.isoformat())
    return conv


_converter = _make_converter()


def new_converter() -> cattrs.Converter:
    """A converter of its own, with the same hooks as :func:`converter`, for a module that
    adds hooks of its own (the renderers' translating one): hooks made before those are
    added would not see them, so it is not a copy."""
    return _make_converter()


def converter() -> cattrs.Converter:
    """The private converter (for the library's own modules only)."""
    return _converter


def structure(data: Any, cls: type[T]) -> T:
    """Structure ``data`` into ``cls``; raises the cattrs exception group on failure."""
    return _converter.structure(data, cls)


_LOOK_ALIKES = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1"})


def structure_value(value: Any, kind: Any) -> Any:
    """``value`` read as the type ``kind`` (a field's type) with the loader's strictness."""
    return _converter.structure(value, kind)


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`` (did you mean `x`?)`` for the closest of ``known`` to ``name``, or nothing."""
    found = difflib.get_close_matches(name, list(known), n=5, cutoff=0.75)
    if not found:
        return ""
    # Letters typed for look-alike digits count as those digits (VOL-0O1 is VOL-001), then
    # the closest name, then the one that differs in fewer places.
    plain = name.translate(_LOOK_ALIKES)
    best = max(
        found,
        key=lambda known_name: (
            sum(a == b for a, b in zip(plain, known_name, strict=False)),
            difflib.SequenceMatcher(None, name, known_name).ratio(),
        ),
    )
    return f"; did you mean `{best}`?"


def unknown_field(name: str, cls: type) -> str:
    """The message for a key ``cls`` does not have, with the closest field it has."""
    fields = [field.name for field in attrs.fields(cls)] if attrs.has(cls) else []
    return "unknown field" + did_you_mean(name, fields)


def issues_from_exception(exc: BaseException, path: str = "$") -> list[InputIssue]:
    """Flatten a cattrs exception tree into issues with JSONPath-style paths."""
    issues: list[InputIssue] = []
    _collect(exc, path, issues)
    return issues


def _collect(exc: BaseException, path: str, out: list[InputIssue]) -> None:
    if isinstance(exc, IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for inner, note in with_notes:
            # Mapping keys read as fields ($.severity.VOL-012), list positions as indexes.
            step = f".{note.index}" if isinstance(note.index, str) else f"[{note.index}]"
            _collect(inner, f"{path}{step}", out)
        for inner in without:
            _collect(inner, path, out)
    elif isinstance(exc, ClassValidationError):
        class_notes, class_without = exc.group_exceptions()
        for inner, attribute_note in class_notes:
            child = f"{path}.{attribute_note.name}"
            if isinstance(inner, KeyError):
                out.append(InputIssue(path=child, message="required field missing"))
            else:
                _collect(inner, child, out)
        for inner in class_without:
            _collect(inner, path, out)
    elif isinstance(exc, ForbiddenExtraKeysError):
        out.extend(
            InputIssue(path=f"{path}.{name}", message=unknown_field(name, exc.cl))
            for name in sorted(exc.extra_fields)
        )
    elif isinstance(exc, InvalidValueError):
        out.append(InputIssue(path=path, message=str(exc)))
    else:
        # Only the kind of error: the text of an exception raised on a value may quote it.
        out.append(InputIssue(path=path, message=f"invalid value ({type(exc).__name__})"))
