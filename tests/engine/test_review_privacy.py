"""The next review never discloses a date of birth (issue 12, item 1).

With no departure date known, a child's coming of age changes findings on the day the child
turns ``adult_age``: the exact day would give the date of birth away. The report shows the
start of that month instead (never after the change, so the review is never late) and says
why; the findings are still compared at the exact instant.
"""

from __future__ import annotations

import json
from pathlib import Path

import pendulum
import pytest

import repatguard
from repatguard.cli import main
from repatguard.engine.review import Candidates, candidate_instants, next_review_due
from repatguard.io.converter import converter
from repatguard.model import Operation
from repatguard.model.dates import PartialDate
from repatguard.policy import Policy
from repatguard.render.html import to_html
from repatguard.render.json import to_json
from repatguard.render.jsonl import to_jsonl
from repatguard.render.junit import to_junit
from repatguard.render.markdown import to_markdown
from repatguard.render.text import to_text
from repatguard.report.report import Report
from repatguard.testing.factories import AS_OF, evolve, sound_operation, unplanned, with_member

BIRTH = pendulum.Date(2008, 6, 17)
COMES_OF_AGE = "2026-06-17"


def _undated(birth: pendulum.Date, *, window: bool = False) -> Operation:
    """One household, no departure date; the child P-3 born on ``birth``. Without
    ``window`` no movement window either, and the positions' consultation never goes stale,
    so the coming of age is the first change."""
    op = unplanned(sound_operation())
    if not window:
        op = evolve(op, movement_window=None)
    op = evolve(op, positions_consulted_on=None)
    return with_member(op, 0, 2, date_of_birth=birth)


def _first_change(op: Operation, start: pendulum.Date, days: int = 60) -> pendulum.Date | None:
    def signature(report: Report) -> object:
        findings = sorted((f.fingerprint, f.outcome, f.severity) for f in report.findings)
        return report.verdict, findings

    now = signature(repatguard.check(op, as_of=start, next_review=False))
    for offset in range(1, days + 1):
        day = start.add(days=offset)
        if signature(repatguard.check(op, as_of=day, next_review=False)) != now:
            return day
    return None


def test_the_coming_of_age_is_a_change_the_review_finds() -> None:
    # The premise: without the review's care the due date would be the day of coming of age.
    op = _undated(BIRTH)
    assert _first_change(op, AS_OF) == pendulum.Date(2026, 6, 17)


def test_the_due_date_is_the_start_of_the_month_not_the_day() -> None:
    report = repatguard.check(_undated(BIRTH), as_of=AS_OF, reveal_references=True)
    review = report.next_review
    assert review is not None
    assert review.due == "2026-06-01T00:00:00+00:00"
    assert COMES_OF_AGE not in review.due
    # What changes is still said, so the case can be reviewed in time.
    assert {(c.code, c.subject) for c in review.changes} >= {("VOL-001", "P-3")}
    assert review.scheduled == (
        "a change that depends on a date of birth falls in 2026-06; the day is withheld",
    )


RENDERERS = {
    "text": to_text,
    "json": to_json,
    "markdown": to_markdown,
    "html": to_html,
    "jsonl": to_jsonl,
    "junit": to_junit,
}


@pytest.mark.parametrize("reveal", [False, True], ids=["pseudonymous", "revealed"])
@pytest.mark.parametrize("name", RENDERERS)
def test_no_output_shows_the_day_of_coming_of_age(name: str, reveal: bool) -> None:
    report = repatguard.check(_undated(BIRTH), as_of=AS_OF, reveal_references=reveal)
    output = RENDERERS[name](report)
    assert COMES_OF_AGE not in output
    assert "06-17" not in output
    assert BIRTH.isoformat() not in output


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_command_line_does_not_show_it(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "op.json"
    path.write_text(json.dumps(converter().unstructure(_undated(BIRTH))), encoding="utf-8")
    main(["check", str(path), "--as-of", AS_OF.isoformat(), "--format", fmt])
    out = capsys.readouterr().out
    assert "Next review" in out or '"next_review"' in out
    assert COMES_OF_AGE not in out


@pytest.mark.parametrize(
    ("birth", "as_of", "window"),
    [
        (pendulum.Date(2008, 6, 17), AS_OF, False),  # later in as_of's month: due now
        (pendulum.Date(2008, 7, 9), AS_OF, False),  # next month: its first day
        (pendulum.Date(2008, 7, 1), AS_OF, False),  # on the first: exact anyway
        (pendulum.Date(2008, 6, 30), pendulum.Date(2026, 6, 20), False),  # as_of mid-month
        (pendulum.Date(2008, 6, 10), AS_OF, True),  # a movement window, no departure date
        (PartialDate(2008, 7), AS_OF, False),  # known to the month
        (PartialDate(2008), pendulum.Date(2026, 12, 10), False),  # known to the year
    ],
)
def test_the_review_is_never_late_and_never_before_as_of(
    birth: pendulum.Date, as_of: pendulum.Date, window: bool
) -> None:
    op = _undated(birth, window=window)
    report = repatguard.check(op, as_of=as_of)
    change = _first_change(op, as_of, days=80)
    assert change is not None
    assert report.next_review is not None
    due = pendulum.DateTime.fromisoformat(report.next_review.due)
    exact = pendulum.datetime(change.year, change.month, change.day, tz="UTC")
    start = pendulum.datetime(as_of.year, as_of.month, as_of.day, tz="UTC")
    assert start <= due <= exact
    assert due == max(start, exact.start_of("month"))


def test_a_time_zone_keeps_the_month_in_that_zone() -> None:
    as_of = pendulum.datetime(2026, 6, 1, 9, tz=pendulum.FixedTimezone(3 * 3600))
    report = repatguard.check(_undated(pendulum.Date(2008, 7, 9)), as_of=as_of)
    assert report.next_review is not None
    assert report.next_review.due == "2026-07-01T00:00:00+03:00"


def test_an_instant_not_derived_from_personal_data_stays_exact() -> None:
    # A waiver lapsing mid-month is operational: its day is shown as it is.
    op = sound_operation()
    position = evolve(op.positions[0], review_due_on=AS_OF.add(days=3))
    report = repatguard.check(evolve(op, positions=(position,)), as_of=AS_OF)
    assert report.next_review is not None
    assert report.next_review.due == "2026-06-04T00:00:00+00:00"


def test_only_instants_from_personal_fields_are_marked_personal() -> None:
    op = _undated(BIRTH)
    params = Policy().parameters
    as_of = pendulum.datetime(2026, 6, 1, tz="UTC")
    candidates = candidate_instants(op, (), params, as_of)
    coming_of_age = pendulum.datetime(2026, 6, 17, tz="UTC")
    assert coming_of_age in candidates.instants
    assert coming_of_age in candidates.personal
    screened = op.households[0].members[0].coercion_screened_on
    assert screened is not None
    stale = screened.add(days=params.days("coercion_screening_max_age") + 1)
    stale_instant = pendulum.datetime(stale.year, stale.month, stale.day, tz="UTC")
    assert stale_instant in candidates.instants
    assert stale_instant not in candidates.personal


def test_a_plain_list_of_candidates_is_shown_exactly() -> None:
    # next_review_due still takes plain instants: none of them is then taken as personal.
    instant = pendulum.datetime(2026, 6, 17, tz="UTC")
    review = next_review_due(
        lambda _: ((), repatguard.Verdict.BLOCKED), [instant], (), repatguard.Verdict.PROMOTE
    )
    assert review is not None
    assert review.due == instant.isoformat()
    marked = Candidates(instants=(instant,), personal=frozenset({instant}))
    review = next_review_due(
        lambda _: ((), repatguard.Verdict.BLOCKED), marked, (), repatguard.Verdict.PROMOTE
    )
    assert review is not None
    assert review.due == "2026-06-01T00:00:00+00:00"
