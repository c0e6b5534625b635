"""No error about input quotes a value of the input (issue 12, data protection).

An error names the path, says what was expected and describes only the kind of value found
(``got a text of 12 characters``). These tests plant a marker where each kind of loader,
validator or parser would once have quoted it: the operation loader's parsers (repeated keys,
tags, aliases), the validator of objects built in Python, policy files and waiver registers.
``tests/reliability/test_canary.py`` does the same for every field of a loaded operation.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import repatguard
from repatguard.errors import InputError, kind_of
from repatguard.io.converter import converter, describe
from repatguard.io.load import parser_message
from repatguard.model import Operation
from repatguard.model.validate import validate_operation
from repatguard.model.vocab import Relationship
from repatguard.policy import PolicyError, load_policy
from repatguard.policy.waivers import WaiverError, load_waivers
from repatguard.testing.factories import evolve, sound_operation, with_member

MARK = "qmark-5150"
"""Planted in the input: no error may repeat it."""


def _document() -> dict[str, Any]:
    data: dict[str, Any] = converter().unstructure(sound_operation())
    return data


def _error(call: Callable[[], Any]) -> InputError:
    with pytest.raises(InputError) as caught:
        call()
    return caught.value


def _shown(error: InputError) -> str:
    return f"{error}\n{error!r}\n" + "\n".join(repr(issue) for issue in error.issues)


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("", "an empty text"),
        ("x", "a text of 1 character"),
        (MARK, "a text of 10 characters"),
        (None, "null"),
        (True, "true or false"),
        (41, "a whole number"),
        (3.0, "a decimal number"),
        (float("nan"), "a number that is not finite"),
        ({"a": MARK}, "an object"),
        ([MARK], "a list"),
        (dt.date(2026, 1, 1), "a date"),
        (dt.datetime(2026, 1, 1, 10, tzinfo=dt.UTC), "a date and time"),
        (dt.time(10), "a time of day"),
        (b"bytes", "a value of type bytes"),
    ],
)
def test_a_value_is_described_by_its_kind(value: object, kind: str) -> None:
    assert kind_of(value) == kind
    assert describe(value) == kind  # what the converter's messages use


# --- the parsers -------------------------------------------------------------------------


def test_a_repeated_yaml_key_is_not_quoted() -> None:
    pytest.importorskip("yaml")
    error = _error(lambda: repatguard.load_text(f"{MARK}: 1\n{MARK}: 2\n", format="yaml"))
    [issue] = error.issues
    assert issue.message == "not valid yaml: a key appears more than once (line 2)"
    assert MARK not in _shown(error)


@pytest.mark.parametrize(
    "text",
    [
        f"*{MARK}\n",  # an alias never defined
        f"a: !!python/name:{MARK} x\n",  # a tag the safe loader refuses
        f"a: !{MARK} x\n",  # a local tag
    ],
)
def test_yaml_parse_errors_do_not_quote_names_from_the_input(text: str) -> None:
    pytest.importorskip("yaml")
    error = _error(lambda: repatguard.load_text(text, format="yaml"))
    assert error.issues[0].path == "$"
    assert "line" in error.issues[0].message
    assert MARK not in _shown(error)


@pytest.mark.parametrize(
    "text",
    [
        f'reference = "A"\n[{MARK}]\nx = 1\n[{MARK}]\ny = 2\n',  # a table declared twice
        f'reference = "A"\nlead = {{ {MARK} = 1, {MARK} = 2 }}\n',  # an inline table key twice
        f"{MARK} = [1]\n[[{MARK}]]\n",  # an array of tables over a plain array
    ],
)
def test_toml_parse_errors_do_not_quote_keys(text: str) -> None:
    error = _error(lambda: repatguard.load_text(text, format="toml"))
    assert error.issues[0].message.startswith("not valid TOML: ")
    assert "line" in error.issues[0].message
    assert MARK not in _shown(error)


def test_a_parser_message_keeps_the_grammar_and_loses_the_input() -> None:
    assert parser_message("Expecting ',' delimiter") == "Expecting ',' delimiter"
    assert parser_message(f"Cannot declare ('{MARK}', 'b') twice (at line 3, column 1)") == (
        "Cannot declare a key twice (at line 3, column 1)"
    )
    assert parser_message(f'found undefined alias "{MARK}" at line 1') == (
        "found undefined alias (not shown) at line 1"
    )
    assert parser_message("Illegal character '\\x00' (at line 1, column 2)") == (
        "Illegal character (not shown) (at line 1, column 2)"
    )


def test_an_unknown_file_type_names_the_file_once_and_the_known_suffixes(
    tmp_path: Path,
) -> None:
    path = tmp_path / f"op.{MARK}"
    path.write_text("{}", encoding="utf-8")
    error = _error(lambda: repatguard.load(path))
    assert error.source == str(path)  # the user typed the name: it heads the error
    [issue] = error.issues
    # Issue 15.5: it said "use --format", which sets the output format.
    assert issue.message == (
        "unknown file type (the name does not end in .json, .toml, .yaml, .yml): give its "
        "format (--input-format on the command line, format= in Python)"
    )


# --- the validator -------------------------------------------------------------------------


def test_a_repeated_reference_is_named_by_the_paths_of_its_uses() -> None:
    data = _document()
    data["households"] *= 3  # the same household three times, its members too
    first = data["households"][0]["reference"]
    count = len(data["households"])
    error = _error(lambda: repatguard.load(data))
    [issue] = [i for i in error.issues if i.path == "$.households"]
    others = ", ".join(f"$.households[{i}].reference" for i in range(1, count))
    assert issue.message == (
        f"the reference at $.households[0].reference is used {count} times (also at {others})"
    )
    assert first not in issue.message


def test_a_reference_used_many_times_names_the_first_places_and_counts_the_rest() -> None:
    data = _document()
    area = data["return_areas"][0]
    data["return_areas"] = [dict(area) for _ in range(8)]
    error = _error(lambda: repatguard.load(data))
    [issue] = [i for i in error.issues if i.path == "$.return_areas"]
    assert issue.message.endswith("$.return_areas[5].reference and 2 more)")
    assert area["reference"] not in issue.message


def _built(**changes: Any) -> list[str]:
    operation: Operation = evolve(sound_operation(), **changes)
    return [str(issue) for issue in validate_operation(operation)]


def test_objects_built_in_python_are_refused_without_their_values() -> None:
    shown = _built(host_country=MARK)
    assert shown == [
        "$.host_country: expected an ISO 3166-1 alpha-3 country code, got a text of 10 "
        "characters that is not one"
    ]
    operation = sound_operation()
    household = evolve(operation.households[0], intended_return_area=MARK)
    shown = _built(households=(household, *operation.households[1:]))
    assert shown == [
        "$.households[0].intended_return_area: unknown return area (no return area of the "
        "operation has this reference)"
    ]


def test_dates_in_the_wrong_order_are_named_by_their_fields() -> None:
    data = _document()
    window = data["movement_window"]
    window["start"], window["end"] = "2026-07-17", "2026-07-16"
    error = _error(lambda: repatguard.load(data))
    assert [str(issue) for issue in error.issues] == [
        "$.movement_window.end: the date is before the start"
    ]
    assert "2026-07-1" not in _shown(error)


def test_a_child_head_of_household_is_refused_without_the_age() -> None:
    operation = with_member(sound_operation(), 0, 0, age=13, date_of_birth=None)
    head = operation.households[0].members[0]
    assert head.relationship_to_head is Relationship.HEAD
    messages = [issue.message for issue in validate_operation(operation)]
    assert messages == [
        "a child (under 18) is head of household but is not marked unaccompanied or separated"
    ]


# --- policy files and waiver registers ------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "count"),
    [
        ({"severity": {"LEGAL-004": MARK}, "fail_on": MARK}, 2),  # types, checked first
        (
            {
                "select": ["QMARK-001", "QMARKX", "qmark", f"{MARK} !"],
                "ignore": ["VOL"],
                "parameters": {"pressure_lookback": MARK, "assessment_max_age": "P999D"},
                "max_waiver_lifetime": "P9999D",
            },
            8,
        ),
    ],
)
def test_a_policy_never_quotes_its_values(policy: dict[str, Any], count: int) -> None:
    error = _error(lambda: load_policy(policy))
    assert isinstance(error, PolicyError)
    assert len(error.issues) == count
    shown = _shown(error)
    assert "qmark" not in shown.lower()
    assert "999" not in shown
    assert "'VOL'" not in shown


def test_a_policy_file_that_does_not_parse_does_not_quote_it(tmp_path: Path) -> None:
    path = tmp_path / "policy.toml"
    path.write_text(f"[{MARK}]\n[{MARK}]\n", encoding="utf-8")
    error = _error(lambda: load_policy(path))
    assert error.source == str(path)
    assert MARK not in "\n".join(str(issue) for issue in error.issues)


def test_a_waiver_register_never_quotes_its_values(tmp_path: Path) -> None:
    path = tmp_path / "waivers.json"
    waiver = {
        "code": MARK,
        "subject": "AREA-1",
        "justification": "a justification long enough for the minimum length",
        "approved_by": "representative",
        "granted_on": "2026-06-01",
        "expires_on": "2026-05-01",
        "decision_record": "MEMO-1",
    }
    path.write_text(json.dumps({"waivers": [waiver]}), encoding="utf-8")
    error = _error(lambda: load_waivers(path))
    assert isinstance(error, WaiverError)
    assert [str(issue) for issue in error.issues] == [
        "$.waivers[0].code: expected a rule code (like VOL-003), got a text of 10 characters",
        "$.waivers[0].expires_on: the expiry is not after the grant (at $.waivers[0].granted_on)",
    ]
    path.write_text(f"[[waivers]]\n{MARK} = 1\n{MARK} = 2\n", encoding="utf-8")
    path = path.rename(tmp_path / "waivers.toml")
    error = _error(lambda: load_waivers(path))
    assert error.source == str(path)
    assert MARK not in "\n".join(str(issue) for issue in error.issues)
