"""The package surface: every public name resolves, and importing it stays cheap."""

from __future__ import annotations

import subprocess
import sys

import pytest

import repatguard


def test_every_public_name_resolves() -> None:
    for name in repatguard.__all__:
        assert getattr(repatguard, name) is not None, name


def test_unknown_names_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = repatguard.no_such_name


def test_import_does_not_load_the_engine_until_needed() -> None:
    code = (
        "import sys, repatguard; "
        "print(sorted(m for m in ('cattrs', 'pendulum', 'repatguard.engine') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"


def test_python_dash_m_repatguard_runs_the_command_line() -> None:
    done = subprocess.run(
        [sys.executable, "-W", "error", "-m", "repatguard", "explain", "VOL-001"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "VOL-001" in done.stdout
    assert done.stderr == ""


def test_the_distribution_carries_its_licence() -> None:
    # Issue 15.8: the wheel had no LICENSE file although pyproject declares Apache-2.0.
    import importlib.metadata

    distribution = importlib.metadata.distribution("repatguard")
    assert distribution.metadata["License-Expression"] == "Apache-2.0"
    assert distribution.metadata.get_all("License-File") == ["LICENSE"]
    licences = [f for f in distribution.files or () if f.name == "LICENSE"]
    assert licences
    assert "Apache License" in licences[0].read_text(encoding="utf-8")
