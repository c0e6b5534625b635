"""Fuzzing the policy and waiver-register loaders the same way as the operation loader: the
only outcomes are a value or an InputError (PolicyError, WaiverError) whose every issue has a
path starting with ``$``.

This suite found that both loaders let a ``RecursionError`` escape on deeply nested input; they
now turn it into an InputError at ``$``, as the operation loader does (pinned below).
"""

from __future__ import annotations

import functools
import json
import random
import tomllib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from repatguard.errors import InputError
from repatguard.policy import Policy, load_policy
from repatguard.policy.waivers import load_waivers

POLICY_TOML = """\
select = ["VOL", "COND", "pressure"]
ignore = ["LEGAL-007"]
fail_on = "major"
max_waiver_lifetime = "P180D"
waiver_expiry_warning = "P30D"

[severity]
"LEGAL-004" = "blocker"

[parameters]
assessment_max_age = "P120D"
predominant_share = 0.75
"""

WAIVERS_TOML = """\
[[waivers]]
code = "LEGAL-004"
subject = "AREA-S"
justification = "Restitution commission opens in the area next quarter; returnees informed."
approved_by = "Representative, country office"
granted_on = 2026-05-20
expires_on = 2026-08-01
decision_record = "MEMO-2026-041"
"""


def _policy_document() -> dict[str, Any]:
    return tomllib.loads(POLICY_TOML)


def _waiver_document() -> dict[str, Any]:
    data = tomllib.loads(WAIVERS_TOML)
    for waiver in data["waivers"]:
        waiver["granted_on"] = waiver["granted_on"].isoformat()
        waiver["expires_on"] = waiver["expires_on"].isoformat()
    return data


def acceptable(call: Callable[[], Any]) -> Any:
    """The value ``call`` returns, or ``None`` after an InputError with rooted paths."""
    error: InputError | None = None
    value: Any = None
    try:
        value = call()
    except InputError as exc:
        error = exc
    if error is not None:
        assert error.issues
        assert all(issue.path.startswith("$") for issue in error.issues), error.issues
        assert str(error)
        return None
    return value


def test_the_seed_documents_load(tmp_path: Path) -> None:
    assert isinstance(load_policy(POLICY_TOML), Policy)
    assert isinstance(load_policy(_policy_document()), Policy)
    path = tmp_path / "waivers.json"
    path.write_text(json.dumps(_waiver_document()), encoding="utf-8")
    assert len(load_waivers(path)) == 1
    assert len(load_waivers(_waiver_document())) == 1


SHALLOW_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


def _quick(profile: settings, examples: int) -> settings:
    return profile if profile.max_examples >= 1_000 else settings(profile, max_examples=examples)


def test_policies_from_arbitrary_mappings(
    profile: settings, reliability_counts: Counter[str]
) -> None:
    keys = st.sampled_from([*sorted(_policy_document()), "colour"])

    @_quick(profile, 40)
    @given(value=st.dictionaries(keys, SHALLOW_VALUES, max_size=4))
    def prop(value: dict[str, Any]) -> None:
        acceptable(lambda: load_policy({**_policy_document(), **value}))
        reliability_counts["policy: arbitrary mapping"] += 1

    prop()


def test_policies_from_arbitrary_text(profile: settings, reliability_counts: Counter[str]) -> None:
    @_quick(profile, 40)
    @given(text=st.text(max_size=200).map(lambda t: t + "\n"))
    def prop(text: str) -> None:
        acceptable(lambda: load_policy(text))
        reliability_counts["policy: arbitrary text"] += 1

    prop()


def test_policies_with_mutated_lines(profile: settings, reliability_counts: Counter[str]) -> None:
    lines = POLICY_TOML.splitlines()
    junk = ['"x"', "1e999", "nan", "inf", "-1", "[]", "{}", "2026-02-30", '"P1M"', '"\\ud800"']

    @_quick(profile, 40)
    @given(rng=st.randoms(use_true_random=False))
    def prop(rng: random.Random) -> None:
        changed = list(lines)
        for _ in range(rng.randint(1, 3)):
            index = rng.randrange(len(changed))
            if "=" in changed[index] and rng.random() < 0.7:
                key = changed[index].split("=", 1)[0]
                changed[index] = f"{key}= {rng.choice(junk)}"
            else:
                del changed[index]
        acceptable(lambda: load_policy("\n".join(changed) + "\n"))
        reliability_counts["policy: mutated document"] += 1

    prop()


def test_waiver_registers_from_arbitrary_mappings(
    profile: settings, reliability_counts: Counter[str]
) -> None:
    waiver_keys = st.sampled_from([*sorted(_waiver_document()["waivers"][0]), "colour"])

    @_quick(profile, 40)
    @given(value=st.dictionaries(waiver_keys, SHALLOW_VALUES, max_size=4))
    def prop(value: dict[str, Any]) -> None:
        waiver = {**_waiver_document()["waivers"][0], **value}
        acceptable(lambda: load_waivers({"waivers": [waiver]}))
        reliability_counts["waivers: arbitrary mapping"] += 1

    prop()


def test_waiver_registers_from_arbitrary_files(
    profile: settings, reliability_counts: Counter[str], tmp_path: Path
) -> None:
    @_quick(profile, 40)
    @given(data=st.binary(max_size=200), suffix=st.sampled_from([".json", ".toml"]))
    def prop(data: bytes, suffix: str) -> None:
        path = tmp_path / f"waivers{suffix}"
        path.write_bytes(data)
        acceptable(lambda: load_waivers(path))
        reliability_counts["waivers: arbitrary bytes"] += 1

    prop()


def test_a_deeply_nested_policy_is_a_policy_error() -> None:
    # Found by this suite: the RecursionError of tomllib used to escape the loader.
    with pytest.raises(InputError) as caught:
        load_policy("select = " + "[" * 5_000 + "]" * 5_000 + "\n")
    assert [issue.path for issue in caught.value.issues] == ["$"]


@pytest.mark.parametrize(
    ("suffix", "text"),
    [
        (".json", "[" * 100_000 + "]" * 100_000),
        (".toml", "waivers = " + "[" * 5_000 + "]" * 5_000 + "\n"),
    ],
)
def test_a_deeply_nested_waiver_register_is_a_waiver_error(
    suffix: str, text: str, tmp_path: Path
) -> None:
    # Found by this suite: the RecursionError of json and tomllib used to escape the loader.
    path = tmp_path / f"waivers{suffix}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_waivers(path)
    assert [issue.path for issue in caught.value.issues] == ["$"]


# ---------------------------------------------------------------------------------------------
# Issue #12: what loads must also be usable, and the waiver register mutated as a document
#
# A policy or a register that loads is applied to a check: a parameter or a date that the
# loader lets through must not make the check's date arithmetic fail (issue #12 items 4 and 7:
# ``P2932896D`` loaded and then crashed the check).

WAIVER_JUNK = [
    '"x"',
    '""',
    '"   "',
    "1e999",
    "nan",
    "-1",
    "[]",
    "{}",
    "2026-02-30",
    "9999-12-31",
    "0001-01-01",
    "1900-01-01",
    "2199-12-31",
    '"2026-06-01"',
    '"VOL-001"',
    '"NOPE-999"',
    '"\\u001b[31m"',
    '"\\ud800"',
    '"' + "j" * 10_000 + '"',
]
POLICY_JUNK = [
    '"P99999999999D"',
    '"P2932896D"',
    '"P3650D"',
    '"P1D"',
    '"P0D"',
    '"P-1D"',
    '"PT1H"',
    '"P1Y"',
    "1e308",
    "-0.0",
    "9" * 5000,
    '"never"',
]


@functools.cache
def _checked_operation() -> Any:
    from repatguard.testing.factories import sound_operation

    return sound_operation()


def usable(value: Any, *, waivers: tuple[Any, ...] = ()) -> None:
    """A loaded policy (or register) applied to a check: a report or an InputError."""
    import repatguard
    from repatguard.testing.factories import AS_OF

    policy = value if isinstance(value, Policy) else None
    acceptable(
        lambda: repatguard.check(_checked_operation(), as_of=AS_OF, policy=policy, waivers=waivers)
    )


def _mutated_lines(text: str, junk: list[str], rng: random.Random) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 3)):
        index = rng.randrange(len(lines))
        if "=" in lines[index] and rng.random() < 0.8:
            key = lines[index].split("=", 1)[0]
            lines[index] = f"{key}= {rng.choice(junk)}"
        elif rng.random() < 0.5:
            del lines[index]
        else:
            lines.insert(index, lines[index])  # a key repeated, or a table twice
    return "\n".join(lines) + "\n"


def waiver_round(rng: random.Random, path: Path, counts: Counter[str]) -> None:
    """A mutated register, as TOML text or a JSON file, loaded and (when it loads) applied."""
    text = _mutated_lines(WAIVERS_TOML * rng.randint(1, 2), WAIVER_JUNK, rng)
    if rng.random() < 0.5:
        path = path.with_suffix(".toml")
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    else:
        try:
            document = tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            document = {"waivers": [{"code": text}]}
        path = path.with_suffix(".json")
        path.write_text(json.dumps(document, default=str), encoding="utf-8")
    waivers = acceptable(lambda: load_waivers(path))
    counts["waivers: mutated register"] += 1
    if waivers is not None and rng.random() < 0.3:
        usable(None, waivers=waivers)
        counts["waivers: mutated register, applied"] += 1


def policy_round(rng: random.Random, counts: Counter[str]) -> None:
    """A mutated policy, loaded and (when it loads) applied."""
    text = _mutated_lines(POLICY_TOML, [*POLICY_JUNK, '"x"', "[]", "{}", "nan"], rng)
    policy = acceptable(lambda: load_policy(text))
    counts["policy: mutated document, parameters"] += 1
    if policy is not None and rng.random() < 0.3:
        usable(policy)
        counts["policy: mutated document, applied"] += 1


def test_mutated_waiver_registers(
    profile: settings, reliability_counts: Counter[str], tmp_path: Path
) -> None:
    @_quick(profile, 40)
    @given(rng=st.randoms(use_true_random=False))
    def prop(rng: random.Random) -> None:
        waiver_round(rng, tmp_path / "waivers", reliability_counts)

    prop()


def test_mutated_policies_are_usable(profile: settings, reliability_counts: Counter[str]) -> None:
    @_quick(profile, 40)
    @given(rng=st.randoms(use_true_random=False))
    def prop(rng: random.Random) -> None:
        policy_round(rng, reliability_counts)

    prop()


def test_policy_files_of_arbitrary_bytes(
    profile: settings, reliability_counts: Counter[str], tmp_path: Path
) -> None:
    @_quick(profile, 20)
    @given(data=st.binary(max_size=200))
    def prop(data: bytes) -> None:
        path = tmp_path / "policy.toml"
        path.write_bytes(data)
        acceptable(lambda: load_policy(path))
        reliability_counts["policy: arbitrary bytes"] += 1

    prop()


LONG_SWEEP_ROUNDS = 20_000
"""Rounds of the long sweep; each loads a mutated policy and a mutated register."""


@pytest.mark.long
def test_long_sweep_of_policies_and_waiver_registers(
    reliability_counts: Counter[str], tmp_path: Path
) -> None:
    rng = random.Random(20261214)
    for number in range(LONG_SWEEP_ROUNDS):
        state = rng.getstate()
        try:
            policy_round(rng, reliability_counts)
            waiver_round(rng, tmp_path / "waivers", reliability_counts)
        except BaseException as exc:
            rng.setstate(state)
            raise AssertionError(
                f"round {number} failed; replay from random.Random(20261214) at that round: "
                f"{type(exc).__name__}: {exc}"
            ) from exc


@pytest.mark.parametrize(
    "parameter",
    [
        "assessment_max_age",
        "pressure_lookback",
        "reconfirmation_window",
        "consolidation_period",
        "bid_max_age",
    ],
)
@pytest.mark.parametrize("value", ["P99999999999D", "P2932896D"])
def test_a_huge_duration_in_a_policy_is_refused_or_checked(parameter: str, value: str) -> None:
    # Issue #12 item 7: such a duration loaded, then raised OverflowError in the check.
    policy = acceptable(lambda: load_policy({"parameters": {parameter: value}}))
    if policy is not None:
        usable(policy)


@pytest.mark.parametrize("edge", ["9999-12-31", "0001-01-01"])
def test_waiver_dates_at_the_edge_of_the_calendar_are_refused_or_applied(edge: str) -> None:
    waiver = {**_waiver_document()["waivers"][0], "expires_on": edge}
    if edge.startswith("0001"):
        waiver["granted_on"] = edge
        waiver["expires_on"] = "0001-01-02"
    waivers = acceptable(lambda: load_waivers({"waivers": [waiver]}))
    if waivers is not None:
        usable(None, waivers=waivers)


@pytest.mark.parametrize("where", ["text", "file"])
def test_a_number_of_thousands_of_digits_in_a_policy_is_a_policy_error(
    where: str, tmp_path: Path
) -> None:
    # Found by this suite: tomllib refuses an integer of more than 4,300 digits with a
    # ValueError, which load_policy let escape (it caught only TOMLDecodeError).
    text = "[parameters]\npredominant_share = " + "9" * 5000 + "\n"
    source: Any = text
    if where == "file":
        source = tmp_path / "policy.toml"
        source.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_policy(source)
    assert [issue.path for issue in caught.value.issues] == ["$"]
