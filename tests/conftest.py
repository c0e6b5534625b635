"""Shared test configuration."""

from __future__ import annotations

import os
from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from repatguard.render.i18n import ENVIRONMENT_VARIABLES
from repatguard.report.pseudonyms import KEY_VARIABLE


@pytest.fixture(autouse=True)
def _fixed_reference_key(monkeypatch: pytest.MonkeyPatch) -> None:
    # Reports pseudonymise references with a random key unless one is given; a fixed key keeps
    # test reports comparable across runs. Tests of the random-key case remove it themselves.
    monkeypatch.setenv(KEY_VARIABLE, "repatguard-test-key")


@pytest.fixture(autouse=True)
def _no_locale_language(monkeypatch: pytest.MonkeyPatch) -> None:
    # The command line renders in the language the locale variables name: tests expect
    # English wherever they run. Tests of the languages set these themselves.
    for name in ENVIRONMENT_VARIABLES:
        monkeypatch.delenv(name, raising=False)


# --- Reliability runs: Hypothesis profiles, the `long` marker and the fuzz counter ----------
# (see docs/reliability.md)

PROFILE_VARIABLE = "REPATGUARD_HYPOTHESIS_PROFILE"
"""Names the profile the quick variant of the reliability tests runs with (default: quick)."""

settings.register_profile(
    "repatguard-quick",
    max_examples=50,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "repatguard-long",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(
    params=[
        pytest.param("quick", id="quick"),
        pytest.param("long", id="long", marks=pytest.mark.long),
    ]
)
def profile(request: pytest.FixtureRequest) -> settings:
    """Hypothesis settings for a reliability test: the quick profile in the default run (or the
    one named by ``REPATGUARD_HYPOTHESIS_PROFILE``), the long profile under ``-m long``."""
    if request.param == "long":
        return settings.get_profile("repatguard-long")
    return settings.get_profile(os.environ.get(PROFILE_VARIABLE, "repatguard-quick"))


_RELIABILITY_COUNTS = pytest.StashKey[Counter[str]]()


@pytest.fixture(scope="session")
def reliability_counts(pytestconfig: pytest.Config) -> Counter[str]:
    """Counts fuzz inputs and property comparisons by kind; printed at the end of the run."""
    return pytestconfig.stash.setdefault(_RELIABILITY_COUNTS, Counter())


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    counts = config.stash.get(_RELIABILITY_COUNTS, None)
    if not counts:
        return
    terminalreporter.section("reliability: fuzz inputs and property comparisons")
    for kind, count in sorted(counts.items()):
        terminalreporter.write_line(f"{kind}: {count:,}")
    terminalreporter.write_line(f"total: {sum(counts.values()):,}")
