"""The Hypothesis entry-point hook (``[project.entry-points.hypothesis]``).

Hypothesis calls :func:`_hypothesis_setup_hook` whenever it is imported, in every project where
repatguard is installed, so the hook stays cheap and cannot fail on its own: it imports no
strategy code and registers functions that build the strategies only when a test asks for
them. This module does not import Hypothesis at import time, so it can be imported while
Hypothesis itself is being imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from repatguard.model import Operation

__all__ = ["_hypothesis_setup_hook"]


def _hypothesis_setup_hook() -> None:
    """Register ``st.from_type`` strategies for the model (valid operations only)."""
    from hypothesis import strategies as st  # noqa: PLC0415 - Hypothesis is importing

    from repatguard.model import Operation  # noqa: PLC0415

    st.register_type_strategy(Operation, _operations)


def _operations(_: type[Operation]) -> SearchStrategy[Operation]:
    from repatguard.testing.strategies import operations  # noqa: PLC0415 - built when used

    return operations(safeguards="random")
