"""pytest plugin for the test suites of systems that embed repatguard.

Registered through the ``pytest11`` entry point as ``repatguard``, so pytest loads it in every
run where repatguard is installed (``-p no:repatguard`` turns it off). It therefore does no
work at import: the library is imported inside the fixtures.

Fixtures:

- ``repatguard_check``: ``repatguard_check(operation, *, as_of, **kwargs) -> Report``, the
  library's :func:`repatguard.check` with subject references revealed unless
  ``reveal_references`` is given (test data is synthetic; readable subjects make readable
  failures);
- ``sound_operation``: a fresh copy of the synthetic operation of
  :mod:`repatguard.testing.factories`, whose verdict is ``promote`` at its ``AS_OF``.

The assertion helpers are in :mod:`repatguard.testing.assertions`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

import pytest

pytest.register_assert_rewrite("repatguard.testing.assertions")

if TYPE_CHECKING:
    import datetime as dt

    from repatguard.model import Operation
    from repatguard.report.report import Report

__all__ = ["CheckFunction", "repatguard_check", "sound_operation"]


class CheckFunction(Protocol):
    """The type of the ``repatguard_check`` fixture."""

    def __call__(
        self, operation: Operation, *, as_of: dt.date | dt.datetime, **kwargs: Any
    ) -> Report: ...


@pytest.fixture
def repatguard_check() -> CheckFunction:
    """Check an operation: ``repatguard_check(operation, as_of=..., **kwargs)``."""
    from repatguard.engine.check import check  # noqa: PLC0415 - keep the plugin light

    def run(operation: Operation, *, as_of: dt.date | dt.datetime, **kwargs: Any) -> Report:
        kwargs.setdefault("reveal_references", True)
        return check(operation, as_of=as_of, **kwargs)

    return run


@pytest.fixture
def sound_operation() -> Operation:
    """The synthetic operation in which every safeguard holds (``promote`` at ``AS_OF``)."""
    from repatguard.testing.factories import sound_operation as build  # noqa: PLC0415

    return build()
