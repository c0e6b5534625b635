"""Markdown and HTML say when the result next changes by itself, with a warning when it gets
worse, and how references are shown (issue 14)."""

from __future__ import annotations

import attrs
import pytest

import repatguard
from repatguard.examples import example
from repatguard.render.html import to_html
from repatguard.render.markdown import to_markdown
from repatguard.render.text import to_text
from repatguard.report.review import ReviewChange


def _promotion(**options: object) -> repatguard.Report:
    chosen = example("organised-promotion")
    return repatguard.check(chosen.load(), as_of=chosen.as_of, **options)  # type: ignore[arg-type]


def test_a_verdict_that_gets_worse_in_six_days_is_a_warning_in_markdown_and_html() -> None:
    report = _promotion(reference_key="k")
    assert report.next_review is not None
    assert report.next_review.verdict_after is repatguard.Verdict.INSUFFICIENT_INFORMATION
    due = report.next_review.due
    markdown = to_markdown(report)
    assert f"**Warning.** Next review: {due}: the verdict will be INSUFFICIENT INFORMATION" in (
        markdown
    )
    html = to_html(report)
    assert '<p class="rg-warning"><strong>Warning.</strong> Next review:' in html
    assert 'data-section="next-review"' in html
    assert "PREM-001" in html[html.index('data-section="next-review"') :]


def test_no_change_due_is_said_without_a_warning() -> None:
    # As a check says it when it looked two years ahead and found nothing.
    report = attrs.evolve(_promotion(reference_key="k"), next_review=None)
    assert report.next_review_computed
    for output in (to_markdown(report), to_html(report), to_text(report)):
        assert "Next review: no change due within two years." in output
        assert "Warning." not in output


def test_a_next_review_not_computed_is_never_read_as_no_change() -> None:
    # Issue 15.3: a streamed check, or next_review=False, used to print "no change due within
    # two years" although nobody had looked.
    report = _promotion(reference_key="k", next_review=False)
    assert report.next_review is None
    assert not report.next_review_computed
    for output in (to_markdown(report), to_html(report), to_text(report)):
        flat = " ".join(output.split())
        assert "no change due" not in flat
        assert "Next review: not computed for this report" in flat


def test_markdown_and_html_say_the_references_are_pseudonymous_with_a_random_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("REPATGUARD_REFERENCE_KEY", raising=False)
    report = _promotion(next_review=False)
    note = "References: pseudonymous, random key: not linkable to other reports."
    assert note in to_markdown(report)
    assert note in to_html(report)
    assert note in to_text(report)
    keyed = _promotion(next_review=False, reference_key="k")
    assert "References: pseudonymous, keyed (argument)." in to_html(keyed)
    revealed = _promotion(next_review=False, reveal_references=True)
    assert "References: input references (revealed on request)." in to_markdown(revealed)


def _with_changes(report: repatguard.Report, changes: list[ReviewChange]) -> repatguard.Report:
    assert report.next_review is not None
    return attrs.evolve(
        report, next_review=attrs.evolve(report.next_review, changes=tuple(changes))
    )


def _change(code: str, subject: str, before: str, after: str) -> ReviewChange:
    return ReviewChange(code=code, subject=subject, path=f"$.{subject}", before=before, after=after)


def test_blocker_changes_are_listed_before_minor_ones_that_would_hide_them() -> None:
    # Review of issue 14: the list showed the first ten changes in code order, so a dozen
    # minor LEGAL-009 changes pushed a VOL-003 blocker into "and N more".
    minor = "insufficient_information/minor"
    minors = [_change("LEGAL-009", f"ref-{n:02d}", "absent", minor) for n in range(12)]
    blocker = _change("VOL-003", "ref-blocker", "absent", "insufficient_information/blocker")
    gone = _change("VOL-004", "ref-gone", "fail/major", "absent")
    report = _with_changes(_promotion(reference_key="k"), [*minors, blocker, gone])
    for output in (to_text(report), to_markdown(report), to_html(report)):
        assert "ref-blocker" in output
        assert "ref-gone" in output
        assert output.index("ref-blocker") < output.index("ref-gone") < output.index("ref-00")
        assert "and 4 more" in output
        assert "ref-11" not in output
    # The data keeps every change, in the order the check gave them.
    assert report.next_review is not None
    assert [c.subject for c in report.next_review.changes][-2:] == ["ref-blocker", "ref-gone"]


def test_of_equal_weight_a_change_that_gets_worse_is_listed_first() -> None:
    # Review: children coming of age can take a dozen CHILD blockers away at once; a VOL
    # blocker appearing at the same instant must not fall into "and N more".
    going = [_change("CHILD-001", f"ref-{n:02d}", "fail/blocker", "absent") for n in range(12)]
    appearing = _change("VOL-003", "ref-appears", "absent", "insufficient_information/blocker")
    report = _with_changes(_promotion(reference_key="k"), [*going, appearing])
    for output in (to_text(report), to_markdown(report), to_html(report)):
        assert "ref-appears" in output
        assert output.index("ref-appears") < output.index("ref-00")
        assert "and 3 more" in output
