"""Shared test configuration."""

from __future__ import annotations

import pytest

from repatguard.report.pseudonyms import KEY_VARIABLE


@pytest.fixture(autouse=True)
def _fixed_reference_key(monkeypatch: pytest.MonkeyPatch) -> None:
    # Reports pseudonymise references with a random key unless one is given; a fixed key keeps
    # test reports comparable across runs. Tests of the random-key case remove it themselves.
    monkeypatch.setenv(KEY_VARIABLE, "repatguard-test-key")
