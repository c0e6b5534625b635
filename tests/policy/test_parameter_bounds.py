"""Every parameter within its natural range (issue 12 item 7): a clear error with its path,
never an OverflowError from date arithmetic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import repatguard
from repatguard.cli import main
from repatguard.facts.parameters import PARAMETER_SPECS, Parameters
from repatguard.policy import Policy, PolicyError, load_policy
from repatguard.policy.policy import MAX_DURATION_DAYS, STRICTER
from repatguard.testing.factories import AS_OF, sound_operation

_DURATIONS = sorted(n for n, s in PARAMETER_SPECS.items() if isinstance(s.default, str))
_LONGER = sorted(n for n in _DURATIONS if STRICTER[n] == "higher")
"""The durations a policy may lengthen: before the bound, nothing stopped them."""


def _problems(**parameters: Any) -> dict[str, str]:
    with pytest.raises(PolicyError) as caught:
        repatguard.check(
            sound_operation(), as_of=AS_OF, policy=Policy(parameters=Parameters(**parameters))
        )
    return {issue.path: issue.message for issue in caught.value.issues}


def test_the_bound_is_ten_years() -> None:
    assert MAX_DURATION_DAYS == 3650
    assert _LONGER == ["consolidation_period", "pressure_lookback"]


@pytest.mark.parametrize("name", _LONGER)
@pytest.mark.parametrize("value", ["P99999999999D", "P2932896D", "P3651D", "P522W"])
def test_a_duration_past_ten_years_is_refused(name: str, value: str) -> None:
    # P99999999999D used to raise OverflowError; P2932896D crashed on date arithmetic.
    problems = _problems(**{name: value})
    assert problems == {
        f"$.parameters.{name}": "expected at most P3650D (ten years), got a longer duration"
    }


@pytest.mark.parametrize("name", _DURATIONS)
def test_every_duration_is_bounded_before_the_loosening_rule(name: str) -> None:
    problems = _problems(**{name: "P99999999999D"})
    assert problems[f"$.parameters.{name}"].startswith("expected at most P3650D")


def test_a_number_too_long_to_read_is_out_of_bounds_and_cut_short() -> None:
    value = "P" + "9" * 5000 + "D"
    message = _problems(pressure_lookback=value)["$.parameters.pressure_lookback"]
    assert message.startswith("expected at most P3650D")
    assert len(message) < 120


def test_the_longest_durations_run() -> None:
    longest = f"P{MAX_DURATION_DAYS}D"
    report = repatguard.check(
        sound_operation(),
        as_of=AS_OF,
        policy=Policy(
            parameters=Parameters(pressure_lookback=longest, consolidation_period="P521W"),
            max_waiver_lifetime=longest,
            waiver_expiry_warning=longest,
        ),
    )
    assert report.verdict == "promote"


@pytest.mark.parametrize("key", ["max_waiver_lifetime", "waiver_expiry_warning"])
def test_waiver_durations_are_bounded_too(key: str) -> None:
    with pytest.raises(PolicyError) as caught:
        load_policy({key: "P99999999999D"})
    assert [(i.path, i.message[:26]) for i in caught.value.issues] == [
        (f"$.{key}", "expected at most P3650D (t")
    ]


@pytest.mark.parametrize(
    ("parameters", "path", "message"),
    [
        ({"adult_age": "18"}, "adult_age", "expected a whole number, got a text of 2 char"),
        ({"adult_age": True}, "adult_age", "expected a whole number, got true or false"),
        ({"adult_age": 10**5000}, "adult_age", "expected an age in years from 1 to 120"),
        ({"predominant_share": "x"}, "predominant_share", "expected a number, got a text of"),
        ({"systemic_pressure_min_count": 2.5}, "systemic_pressure_min_count", "expected a whole"),
        ({"systemic_pressure_min_count": 0}, "systemic_pressure_min_count", "expected a count"),
    ],
)
def test_numbers_built_in_python_are_checked_for_type_and_range(
    parameters: dict[str, Any], path: str, message: str
) -> None:
    # A str or a float used to raise TypeError from the range comparison.
    assert _problems(**parameters)[f"$.parameters.{path}"].startswith(message)


def test_a_policy_file_past_the_bound_is_refused_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "repatguard.toml"
    path.write_text('[parameters]\npressure_lookback = "P99999999999D"\n', encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert [i.path for i in caught.value.issues] == ["$.parameters.pressure_lookback"]


@pytest.mark.parametrize(
    "param",
    [
        "assessment_max_age=P99999999999D",
        "pressure_lookback=P99999999999D",
        "consolidation_period=P2932896D",
        "adult_age=99999999999999999999",
        "predominant_share=1e400",
        "predominant_share=nan",
    ],
)
def test_the_command_line_refuses_out_of_range_parameters_with_exit_two(
    param: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["check", "--example", "organised-promotion", "--no-policy-file", "--param", param])
    err = capsys.readouterr().err
    assert code == 2
    assert f"$.parameters.{param.partition('=')[0]}" in err
    assert "Traceback" not in err
