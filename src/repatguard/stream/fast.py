"""The optional fast loader: msgspec decodes a JSON line straight into the model's classes.

Installed with the ``fast`` extra (``pip install 'repatguard[fast]'``). It is a shortcut, not a
second loader: a line takes it only when it is certain to give exactly what the reference
loader (the strict cattrs converter) gives. Everything else (any decoding error, an unknown or
repeated key, a constraint broken, escapes, whitespace before a colon, very long lines, nesting
too deep for msgspec) goes the reference way, which reports every problem with its path. So
results and error reports are the same with and without it; ``tests/stream/test_fast.py``
checks that they are.

msgspec on its own would differ: it ignores unknown keys of attrs classes, keeps the last of
repeated keys and stops at the first error. The checks below close those gaps before a result
is trusted.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

import pendulum

from repatguard.io.converter import converter
from repatguard.model import Household
from repatguard.model._plan import plans_under
from repatguard.model.validate import constraint_problem

__all__ = ["FAST_LIMIT", "FastLoader", "fast_available"]

FAST_LIMIT = 1 << 20
"""Lines longer than this (1 MiB) go the reference way (its limits on values apply)."""

_SPACE_BEFORE_COLON = re.compile(rb'"\s+:')


def fast_available() -> bool:
    """Whether msgspec (the ``fast`` extra) is installed."""
    try:
        import msgspec  # noqa: F401, PLC0415 - optional extra
    except ImportError:
        return False
    return True


class FastLoader:
    """Decodes household lines with msgspec when that is certain to be exact."""

    def __init__(self) -> None:
        import msgspec  # noqa: PLC0415 - optional extra

        structure = converter()
        date_hook = structure.get_structure_hook(pendulum.Date)
        datetime_hook = structure.get_structure_hook(pendulum.DateTime)

        # The converter's own hooks, so dates are read exactly as the reference loader reads
        # them; pendulum values are immutable, so repeated texts can share one value.
        @functools.lru_cache(maxsize=1 << 16)
        def date(text: str) -> pendulum.Date:
            value: pendulum.Date = date_hook(text, pendulum.Date)
            return value

        @functools.lru_cache(maxsize=1 << 16)
        def instant(text: str) -> pendulum.DateTime:
            value: pendulum.DateTime = datetime_hook(text, pendulum.DateTime)
            return value

        def hook(tp: type, value: Any) -> Any:
            if type(value) is str:
                if tp is pendulum.Date:
                    return date(value)
                if tp is pendulum.DateTime:
                    return instant(value)
            # msgspec turns a TypeError into a ValidationError (the line goes the reference
            # way); a NotImplementedError would escape it.
            raise TypeError(f"no fast path for {tp!r}")

        self._msgspec = msgspec
        self._untyped = msgspec.json.Decoder()
        self._typed: Callable[[bytes], Household] = msgspec.json.Decoder(
            Household, dec_hook=hook
        ).decode
        # The model's plans of a household and its records (what each object may hold).
        self._plans = plans_under(Household)

    def load(self, raw: bytes) -> Household | None:
        """The household of ``raw``, or ``None`` when the line must go the reference way."""
        if len(raw) > FAST_LIMIT or b"\\u" in raw or b'\\"' in raw:
            return None
        if _SPACE_BEFORE_COLON.search(raw) is not None:
            return None
        try:
            data = self._untyped.decode(raw)
        except (self._msgspec.DecodeError, ValueError, RecursionError):
            # RecursionError: msgspec recurses per nesting level. The reference way refuses
            # a line nested that deep with its path, as the operation loader does.
            return None
        keys = self._keys(data, Household)
        # Without escaped quotes every '":' ends a key, and without space before a colon
        # every key ends so: equal counts mean that no key was repeated.
        if keys is None or keys != raw.count(b'":'):
            return None
        try:
            return self._typed(raw)
        except (
            self._msgspec.ValidationError,
            self._msgspec.DecodeError,
            ValueError,
            RecursionError,
        ):
            return None

    def _keys(self, value: Any, cls: type) -> int | None:
        """Keys in ``value`` (an object for ``cls``), or ``None`` if anything is unknown or
        breaks a constraint."""
        if type(value) is not dict:
            return None
        plan = self._plans[cls]
        if not value.keys() <= plan.allowed:
            return None
        count = len(value)
        for name, constraint, _ in plan.constrained:
            if constraint_problem(constraint, value.get(name)) is not None:
                return None
        for name, sub, many in plan.records:
            item = value.get(name)
            if item is None:
                continue
            if many:
                if type(item) is not list:
                    return None
                for element in item:
                    inner = self._keys(element, sub)
                    if inner is None:
                        return None
                    count += inner
            else:
                inner = self._keys(item, sub)
                if inner is None:
                    return None
                count += inner
        return count
