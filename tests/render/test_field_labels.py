"""Fields in words for field staff, with the JSON path on demand (issue 14)."""

from __future__ import annotations

import contextlib
import io

import pendulum
import pytest

import repatguard
from repatguard.cli.main import main
from repatguard.examples import example
from repatguard.render.html import to_html
from repatguard.render.json import to_json
from repatguard.render.labels import field_label
from repatguard.render.markdown import to_markdown
from repatguard.render.text import to_text


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("$", "the operation"),
        ("$.assessments[1].assessed_on", "conditions assessment 2: assessed on"),
        ("$.households[0].members[2].consent[1]", "household 1, member 3, consent event 2"),
        ("$.households[342].members[1]", "household 343, member 2"),
        ("$.positions[0].issued_on", "UNHCR position 1: issued on"),
        ("$.pressure_review.reviewed_on", "pressure review: reviewed on"),
        ("$.positions_consulted_on", "positions consulted on"),
        ("$.idp_consultations[0]", "IDP consultation 1"),
        ("$.households[0]", "household 1"),
        (
            "$.households[*].members[*].coercion_indicators",
            "every household, every member: coercion indicators",
        ),
    ],
)
def test_a_path_reads_as_the_field_it_points_at(path: str, label: str) -> None:
    assert field_label(path) == label


@pytest.mark.parametrize(
    "path",
    [
        "register:$.waivers[0]",  # a waiver register's, not the operation's
        "$.no_such_field",
        "$.households[0].no_such_field",
        "$.households.members",  # a list read as a record
        "$.pressure_review[0]",  # a record read as a list
        "$.assessments[0]junk",
        "",
    ],
)
def test_a_path_the_model_does_not_know_is_shown_as_it_is(path: str) -> None:
    assert field_label(path) == path


def _late() -> repatguard.Report:
    chosen = example("organised-promotion")
    return repatguard.check(chosen.load(), as_of=pendulum.Date(2026, 12, 7), next_review=False)


def test_text_and_markdown_name_fields_in_words_and_give_paths_on_demand() -> None:
    report = _late()
    label = "conditions assessment 2: assessed on"
    path = "$.assessments[1].assessed_on"
    for render in (to_text, to_markdown):
        plain = " ".join(render(report).split())
        assert label in plain
        assert path not in plain.replace("\\", "")
        with_paths = " ".join(render(report, paths=True).split())
        assert f"{label} ({path})" in with_paths.replace("\\_", "_").replace("`", "")


def test_html_names_fields_in_words_with_the_path_on_hover_and_json_keeps_paths() -> None:
    report = _late()
    html = to_html(report)
    assert (
        '<span class="rg-field" title="$.assessments[1].assessed_on" tabindex="0">'
        "conditions assessment 2: assessed on</span>"
    ) in html
    assert '"path": "$.assessments[1].assessed_on"' in to_json(report)


def test_the_command_line_gives_paths_with_a_flag() -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["check", "--example", "organised-promotion", "--as-of", "2026-12-07", "--paths"])
    assert "($.assessments[1].assessed_on)" in " ".join(out.getvalue().split())
