"""Which files a case manifest may be, and what errors about it may say (issue 12, item 2).

A ``cases_manifest`` named by an operation is confined to the operation file's folder once
symbolic links are resolved; an explicit ``--cases`` (or ``check_manifest(op, path)``) is the
user's choice and may be anywhere. Only regular files are read, and a FIFO or a device is
refused without being opened. Errors about a manifest never quote what it holds.
"""

from __future__ import annotations

import copy
import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs
import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import repatguard
from repatguard.cli import main
from repatguard.errors import InputError, InputIssue
from repatguard.io.converter import describe
from repatguard.stream import ManifestError, check_manifest
from repatguard.stream import manifest as manifest_module
from repatguard.stream.manifest_messages import (
    HIDDEN,
    value_free,
    value_free_message,
    value_free_path,
)
from repatguard.testing.synthetic import AS_OF, synthetic_households, synthetic_operation

CANARY = "zqx-canary-7"
"""Planted in manifests: it must never come back in any error."""

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
needs_symlinks = pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges")


def _manifest(path: Path, count: int = 3) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(h) for h in synthetic_households(count, seed=5)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _operation(folder: Path, cases_manifest: str | None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data = synthetic_operation()
    if cases_manifest is not None:
        data["cases_manifest"] = cases_manifest
    path = folder / "operation.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _check(*args: str) -> list[str]:
    return ["check", *args, "--as-of", AS_OF, "--no-policy-file", "--format", "json"]


def _refused(capsys: pytest.CaptureFixture[str], operation: Path, words: str) -> str:
    """Run the check of ``operation``; it must stop at ``$.cases_manifest`` with ``words``."""
    assert main(_check(str(operation))) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert f"$.cases_manifest: {words}" in captured.err
    assert "Traceback" not in captured.err
    return captured.err


# --- A manifest named by the operation stays in the operation's folder ----------------------


def test_an_absolute_cases_manifest_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = _manifest(tmp_path / "elsewhere" / f"{CANARY}.jsonl")
    operation = _operation(tmp_path / "op", str(elsewhere))
    err = _refused(capsys, operation, "an absolute path is refused")
    assert CANARY not in err  # the name the operation gave is not repeated either


def test_a_cases_manifest_that_climbs_out_with_dot_dot_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _manifest(tmp_path / "elsewhere" / "cases.jsonl")
    operation = _operation(tmp_path / "op", "../elsewhere/cases.jsonl")
    _refused(capsys, operation, "leads out of the operation file's folder")


@needs_symlinks
def test_a_symbolic_link_out_of_the_folder_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = _manifest(tmp_path / "elsewhere" / "cases.jsonl")
    operation = _operation(tmp_path / "op", "cases.jsonl")
    (tmp_path / "op" / "cases.jsonl").symlink_to(outside)
    _refused(capsys, operation, "leads out of the operation file's folder")


@needs_symlinks
def test_a_symbolic_link_to_a_folder_outside_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _manifest(tmp_path / "elsewhere" / "cases.jsonl")
    operation = _operation(tmp_path / "op", "data/cases.jsonl")
    (tmp_path / "op" / "data").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    _refused(capsys, operation, "leads out of the operation file's folder")


def test_a_missing_manifest_is_an_input_error_at_its_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    operation = _operation(tmp_path / "op", "missing.jsonl")
    _refused(capsys, operation, "names no file")


def test_a_folder_named_as_the_manifest_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    operation = _operation(tmp_path / "op", "cases.jsonl")
    (tmp_path / "op" / "cases.jsonl").mkdir()
    _refused(capsys, operation, "names a directory, not a regular file")


@needs_fifo
def test_a_fifo_named_by_the_operation_is_refused_without_blocking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    operation = _operation(tmp_path / "op", "cases.jsonl")
    fifo = tmp_path / "op" / "cases.jsonl"
    os.mkfifo(fifo)
    with _eof_writer(fifo):  # lets the code before the fix read it rather than hang
        _refused(capsys, operation, "names a FIFO (named pipe), not a regular file")


def test_the_python_api_resolves_a_named_manifest_by_the_same_rule(tmp_path: Path) -> None:
    _manifest(tmp_path / "elsewhere" / "cases.jsonl")
    path = _operation(tmp_path / "op", "../elsewhere/cases.jsonl")
    with pytest.raises(InputError) as raised:
        manifest_module.operation_manifest(path, repatguard.load(path))
    assert [issue.path for issue in raised.value.issues] == ["$.cases_manifest"]


# What stays allowed: these are guards against refusing too much, not regressions.


@needs_symlinks
def test_a_manifest_below_the_folder_or_linked_inside_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inner = _manifest(tmp_path / "op" / "data" / "cases.jsonl")
    (tmp_path / "op" / "link.jsonl").symlink_to(inner)
    for name in ("data/cases.jsonl", "link.jsonl", "data/../data/cases.jsonl"):
        operation = _operation(tmp_path / "op", name)
        assert main(_check(str(operation))) in (0, 1)
        report = json.loads(capsys.readouterr().out)
        assert report["manifest"]["cases"] == 3


@needs_symlinks
def test_the_folder_is_the_real_folder_of_the_operation_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _manifest(tmp_path / "real" / "cases.jsonl")
    _operation(tmp_path / "real", "cases.jsonl")
    (tmp_path / "linked").symlink_to(tmp_path / "real", target_is_directory=True)
    assert main(_check(str(tmp_path / "linked" / "operation.json"))) in (0, 1)
    assert json.loads(capsys.readouterr().out)["manifest"]["cases"] == 3


def test_an_explicit_cases_option_may_point_anywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = _manifest(tmp_path / "elsewhere" / "cases.jsonl")
    operation = _operation(tmp_path / "op", None)
    assert main(_check(str(operation), "--cases", str(elsewhere))) in (0, 1)
    assert json.loads(capsys.readouterr().out)["manifest"]["cases"] == 3


# --- Only regular files, and never a blocking open ------------------------------------------


@needs_fifo
def test_a_fifo_given_with_cases_is_refused_without_blocking(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    operation = _operation(tmp_path / "op", None)
    fifo = tmp_path / "cases.jsonl"
    os.mkfifo(fifo)
    with _eof_writer(fifo):
        assert main(_check(str(operation), "--cases", str(fifo))) == 2
    err = capsys.readouterr().err
    assert f"invalid manifest in {fifo}" in err
    assert "$: is a FIFO (named pipe), not a regular file" in err


@needs_symlinks
def test_a_device_is_refused_by_the_command_line_and_the_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not Path(os.devnull).exists() or os.name == "nt":
        pytest.skip("no character device to link to")
    device = tmp_path / "cases.jsonl"
    device.symlink_to(os.devnull)
    operation = _operation(tmp_path / "op", None)
    assert main(_check(str(operation), "--cases", str(device))) == 2
    assert "$: is a character device, not a regular file" in capsys.readouterr().err
    with pytest.raises(ManifestError, match="is a character device"):
        check_manifest(repatguard.load(operation), device, as_of=pendulum.Date.fromisoformat(AS_OF))
    with pytest.raises(ManifestError, match="is a character device"):
        manifest_module.partitions(device)


def test_a_directory_given_with_cases_is_refused_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    operation = _operation(tmp_path / "op", None)
    folder = tmp_path / "cases.jsonl"
    folder.mkdir()
    assert main(_check(str(operation), "--cases", str(folder))) == 2
    assert "$: is a directory, not a regular file" in capsys.readouterr().err


@contextmanager
def _eof_writer(fifo: Path) -> Iterator[None]:
    """Open and close ``fifo`` for writing, again and again, while the block runs: a reader
    that opens it (as the code before the fix did) then reads an empty file instead of
    waiting for ever."""
    stop = threading.Event()

    def feed() -> None:
        while not stop.is_set():
            with open(fifo, "wb"):
                pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    try:
        yield
    finally:
        stop.set()
        while writer.is_alive():  # release a writer waiting for a reader
            descriptor = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
            os.close(descriptor)
            writer.join(0.05)


# --- Errors about a manifest never quote it -------------------------------------------------


def test_csv_header_cells_are_never_echoed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    operation = _operation(tmp_path / "op", "cases.csv")
    (tmp_path / "op" / "cases.csv").write_text(
        f"household,reference,{CANARY},{CANARY}-2\nH-1,P-1,a,b\n", encoding="utf-8"
    )
    assert main(_check(str(operation))) == 2
    err = capsys.readouterr().err
    assert "column 3: not a column of the layout (the header cell is not shown)" in err
    assert "column 4: not a column of the layout" in err
    assert CANARY not in err


def _planted_records() -> list[dict[str, Any]]:
    """Households whose bad values and keys carry the canary, in fields of every kind."""
    records = list(synthetic_households(5, seed=8))
    records[0]["members"][0]["legal_category"] = CANARY  # a vocabulary
    records[1]["intended_return_area"] = CANARY  # a reference to an area
    records[2]["members"][0][CANARY] = "x"  # an unknown key
    records[3]["members"][0]["age"] = CANARY  # a number written as text
    records[4]["reference"] = f"{CANARY}-1"  # a reference, used twice
    return [*records, copy.deepcopy(records[4])]


@pytest.mark.parametrize("named_by", ["operation", "option"])
def test_values_and_keys_of_a_manifest_are_never_echoed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], named_by: str
) -> None:
    lines = [json.dumps(record) for record in _planted_records()]
    (tmp_path / "op").mkdir()
    (tmp_path / "op" / "cases.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    if named_by == "operation":
        args = [str(_operation(tmp_path / "op", "cases.jsonl"))]
    else:
        args = [
            str(_operation(tmp_path / "op", None)),
            "--cases",
            str(tmp_path / "op" / "cases.jsonl"),
        ]
    assert main(_check(*args)) == 2
    captured = capsys.readouterr()
    issues = json.loads(captured.out)["manifest"]["first_issues"]
    assert len(issues) >= 5
    assert CANARY not in captured.err
    assert CANARY not in json.dumps(issues)
    assert "line 3: $.members[0]: unknown field (its name is not shown)" in captured.err
    assert "line 4: $.members[0].age: expected a whole number, got a text of 12 characters" in (
        captured.err
    )
    assert "line 6: $.reference: the household reference is already used" in captured.err


# --- The redaction itself --------------------------------------------------------------------

_TEMPLATES = [
    "expected a whole number, got {}",
    "expected one of 'refugee', 'migrant', got {}",
    "expected an ISO 8601 datetime with offset, got {} (no UTC offset; never assumed)",
    "unknown return area {}",
    "not valid JSON: key {} appears more than once (line 3)",
]
_values = st.text(max_size=60).map(lambda text: "~" + text)
"""Values that cannot be words of the model (none starts with ``~``)."""


@given(value=_values, template=st.sampled_from(_TEMPLATES))
def test_a_quoted_value_never_survives(value: str, template: str) -> None:
    # The loaders no longer quote values; the redaction stays as a safety net for a message
    # that would (repr is how a value was quoted).
    message = template.format(repr(value))
    assert value_free_message(message) == template.format(HIDDEN)


@given(value=st.one_of(_values, st.integers(), st.floats(), st.booleans(), st.none()))
def test_the_loaders_descriptions_of_a_value_need_no_redaction(value: object) -> None:
    message = f"expected a whole number, got {describe(value)}"
    assert value_free_message(message) == message


def test_the_loaders_messages_need_no_redaction() -> None:
    # The planted households inline: the loader's own issues, before any redaction. Types
    # first (the references are checked once every type is right), then the references.
    records = _planted_records()
    issues: list[InputIssue] = []
    for households in (records, [records[1], *records[4:]]):
        document = synthetic_operation()
        document["households"] = households
        document["population"] = {}
        with pytest.raises(InputError) as caught:
            repatguard.load(document)
        issues += caught.value.issues
    # An unknown key is named in the path of an operation's issue (a manifest's cuts it).
    issues = [issue for issue in issues if issue.message != "unknown field"]
    assert len(issues) >= 6
    assert all(CANARY not in f"{issue} {issue!r}" for issue in issues)
    # The safety net finds nothing to hide in the messages.
    assert [value_free_message(i.message) for i in issues] == [i.message for i in issues]


@given(message=st.text(max_size=200))
def test_redaction_is_idempotent(message: str) -> None:
    once = value_free_message(message)
    assert value_free_message(once) == once


@given(key=st.text(min_size=1, max_size=30))
def test_a_path_keeps_only_words_of_the_model(key: str) -> None:
    original = f"$.members[0].{key}"
    path, cut = value_free_path(original)
    assert original.startswith(path)
    assert value_free_path(path) == (path, False)
    assert cut == (path != original)
    if set(key) - set("abcdefghijklmnopqrstuvwxyz_.[]0123456789"):
        assert cut  # no field of the model is named so


def test_an_issue_keeps_its_place_and_kind() -> None:
    issue = InputIssue(path=f"$.members[1].{CANARY}", message="unknown field")
    assert value_free(issue) == InputIssue(
        path="$.members[1]", message="unknown field (its name is not shown)"
    )
    assert value_free(value_free(issue)) == value_free(issue)
    odd = InputIssue(path="$", message=f"invalid value (TypeError: {CANARY})")
    assert value_free(odd).message == "invalid value (TypeError)"
    unforeseen = InputIssue(path="$", message=f"x {CANARY}' y")
    assert CANARY not in value_free(unforeseen).message


# --- The file examined is the file read (#12's left-open race, closed in #13) ---------------


def _confined(tmp_path: Path) -> tuple[Path, Any, Any]:
    operation_file = _operation(tmp_path / "op", "cases.jsonl")
    _manifest(tmp_path / "op" / "cases.jsonl")
    operation = repatguard.load(operation_file)
    cases = manifest_module.operation_manifest(operation_file, operation)
    assert isinstance(cases, manifest_module.ConfinedManifest)
    return operation_file, operation, cases


def test_the_confined_manifest_reads_the_file_it_examined(tmp_path: Path) -> None:
    _, operation, cases = _confined(tmp_path)
    result = check_manifest(operation, cases, as_of=pendulum.Date.fromisoformat(AS_OF))
    assert result.manifest.checked == 3


def test_a_manifest_replaced_after_the_check_is_refused(tmp_path: Path) -> None:
    _, operation, cases = _confined(tmp_path)
    # A writer in the folder renames another file over the manifest between check and read.
    other = _manifest(tmp_path / "op" / "other.jsonl", count=5)
    os.replace(other, tmp_path / "op" / "cases.jsonl")
    with pytest.raises(ManifestError) as raised:
        check_manifest(operation, cases, as_of=pendulum.Date.fromisoformat(AS_OF))
    assert "replaced after the check" in str(raised.value)


@needs_symlinks
def test_a_link_put_in_place_of_the_manifest_after_the_check_is_refused(tmp_path: Path) -> None:
    _, operation, cases = _confined(tmp_path)
    outside = _manifest(tmp_path / "elsewhere" / "secret.jsonl")
    (tmp_path / "op" / "cases.jsonl").unlink()
    (tmp_path / "op" / "cases.jsonl").symlink_to(outside)
    with pytest.raises(ManifestError):
        check_manifest(operation, cases, as_of=pendulum.Date.fromisoformat(AS_OF))


def test_a_path_given_explicitly_is_read_as_it_is(tmp_path: Path) -> None:
    # --cases and check_manifest(path) are the user's choice: no identity to keep.
    _, operation, _ = _confined(tmp_path)
    other = _manifest(tmp_path / "op" / "other.jsonl", count=5)
    operation = attrs.evolve(operation, cases_manifest=None)
    result = check_manifest(operation, other, as_of=pendulum.Date.fromisoformat(AS_OF))
    assert result.manifest.checked == 5


def test_a_manifest_error_never_suggests_a_name() -> None:
    # Review of #15: a key that is itself a model word kept its "did you mean" in manifest
    # errors.
    issue = InputIssue(
        path="$.household_planned_departure",
        message="unknown field; did you mean `planned_departure`?",
    )
    assert value_free(issue).message == "unknown field"
