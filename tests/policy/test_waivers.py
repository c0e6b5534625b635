"""Waivers: accountable exceptions that expire, are refused on non-waivable rules, and say so."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pendulum
import pytest

import repatguard
from repatguard.errors import InputError
from repatguard.model import Operation, Waiver
from repatguard.outcomes import Outcome, Verdict
from repatguard.policy import Policy
from repatguard.policy.waivers import WaiverError, load_waivers
from repatguard.report.finding import WaiverStatus
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_assessment

JUSTIFICATION = "Restitution commission opens in the area next quarter; returnees informed."


def _waiver(**changes: object) -> Waiver:
    waiver = Waiver(
        code="LEGAL-004",
        subject="AREA-1",
        justification=JUSTIFICATION,
        approved_by="Representative, country office",
        granted_on=AS_OF.subtract(days=10),
        expires_on=AS_OF.add(days=60),
        decision_record="MEMO-2026-041",
    )
    return evolve(waiver, **changes)


def _without_restitution(*waivers: Waiver) -> Operation:
    op = with_assessment(sound_operation(), property_restitution=False)
    return evolve(op, waivers=waivers)


def _check(op: Operation, **kwargs: object) -> repatguard.Report:
    return repatguard.check(op, as_of=kwargs.pop("as_of", AS_OF), reveal_references=True, **kwargs)  # type: ignore[arg-type]


def test_a_waived_finding_stays_in_the_report_and_no_longer_counts() -> None:
    assert _check(_without_restitution()).verdict is Verdict.FACILITATE_ONLY
    report = _check(_without_restitution(_waiver()))
    [finding] = report.findings_for("LEGAL-004")
    assert finding.outcome is Outcome.WAIVED
    assert finding.waiver is not None
    assert finding.waiver.status is WaiverStatus.IN_FORCE
    assert finding.waiver.waiver.decision_record == "MEMO-2026-041"
    assert report.verdict is Verdict.PROMOTE
    assert report.summary.by_outcome["waived"] == 1


def test_an_expired_waiver_restores_the_finding_and_says_it_expired() -> None:
    report = _check(_without_restitution(_waiver(expires_on=AS_OF)))
    [finding] = report.findings_for("LEGAL-004")
    assert finding.outcome is Outcome.FAIL
    assert finding.waiver is not None
    assert finding.waiver.status is WaiverStatus.EXPIRED
    assert "expired on 2026-06-01" in finding.waiver.note
    assert report.verdict is Verdict.FACILITATE_ONLY


def test_expiry_is_at_midnight_utc_on_the_expiry_date_whatever_the_offset() -> None:
    op = _without_restitution(_waiver(expires_on=AS_OF.add(days=1)))
    just_before = dt.datetime(2026, 6, 1, 23, 59, 59, tzinfo=dt.UTC)
    at_expiry = dt.datetime(2026, 6, 2, 0, 0, 0, tzinfo=dt.UTC)
    # 21:30 on 1 June at UTC-03:00 is already 00:30 UTC on 2 June.
    west = dt.datetime(2026, 6, 1, 21, 30, tzinfo=dt.timezone(dt.timedelta(hours=-3)))
    outcomes = [
        _check(op, as_of=when).findings_for("LEGAL-004")[0].outcome
        for when in (just_before, at_expiry, west)
    ]
    assert outcomes == [Outcome.WAIVED, Outcome.FAIL, Outcome.FAIL]


def test_a_waiver_not_yet_granted_does_not_apply() -> None:
    report = _check(_without_restitution(_waiver(granted_on=AS_OF.add(days=1))))
    [finding] = report.findings_for("LEGAL-004")
    assert finding.outcome is Outcome.FAIL
    assert finding.waiver is not None
    assert finding.waiver.status is WaiverStatus.NOT_YET_IN_FORCE


def test_a_waiver_expiring_soon_yields_an_info_finding() -> None:
    report = _check(_without_restitution(_waiver(expires_on=AS_OF.add(days=10))))
    [meta] = report.findings_for("META-003")
    assert meta.severity.value == "info"
    assert "in 10 day(s)" in meta.message
    assert report.verdict is Verdict.PROMOTE
    calm = _check(
        _without_restitution(_waiver(expires_on=AS_OF.add(days=10))),
        policy=Policy(waiver_expiry_warning="P7D"),
    )
    assert not calm.findings_for("META-003")


def test_a_waiver_that_matched_nothing_is_reported() -> None:
    report = _check(evolve(sound_operation(), waivers=(_waiver(),)))
    [meta] = report.findings_for("META-001")
    assert meta.path == "$.waivers[0]"
    assert report.verdict is Verdict.PROMOTE


def test_a_waiver_on_a_non_waivable_rule_is_refused() -> None:
    op = evolve(sound_operation(), movement_kind=repatguard.model.MovementKind.FORCED)
    waiver = _waiver(code="VOL-015", subject="OP-SOUND")
    report = _check(evolve(op, waivers=(waiver,)))
    [finding] = report.findings_for("VOL-015")
    assert finding.outcome is Outcome.FAIL
    assert finding.waiver is not None
    assert finding.waiver.status is WaiverStatus.REFUSED
    assert report.findings_for("META-002")
    assert report.verdict is Verdict.BLOCKED


def test_a_waiver_longer_than_the_policy_allows_is_refused() -> None:
    long = _waiver(expires_on=AS_OF.add(days=400))
    report = _check(_without_restitution(long))
    assert report.findings_for("META-004")
    assert report.findings_for("LEGAL-004")[0].outcome is Outcome.FAIL
    allowed = _check(_without_restitution(long), policy=Policy(max_waiver_lifetime="P500D"))
    assert allowed.findings_for("LEGAL-004")[0].outcome is Outcome.WAIVED


def test_a_waiver_for_an_unknown_rule_is_reported() -> None:
    report = _check(_without_restitution(_waiver(code="LEGAL-099")))
    assert report.findings_for("META-005")


def test_malformed_waivers_in_an_operation_are_input_errors() -> None:
    op = _without_restitution(
        _waiver(justification="because", expires_on=AS_OF.subtract(days=20), code="legal4")
    )
    with pytest.raises(InputError) as caught:
        repatguard.check(op, as_of=AS_OF)
    assert {i.path for i in caught.value.issues} == {
        "$.waivers[0].code",
        "$.waivers[0].justification",
        "$.waivers[0].expires_on",
    }


def test_a_separate_register_file_is_read_and_applied(tmp_path: Path) -> None:
    path = tmp_path / "waivers.toml"
    path.write_text(
        "[[waivers]]\n"
        'code = "LEGAL-004"\n'
        'subject = "AREA-1"\n'
        f'justification = "{JUSTIFICATION}"\n'
        'approved_by = "Representative"\n'
        "granted_on = 2026-05-20\n"
        "expires_on = 2026-07-01\n"
        'decision_record = "MEMO-2026-041"\n',
        encoding="utf-8",
    )
    waivers = load_waivers(path)
    report = _check(_without_restitution(), waivers=waivers)
    assert report.findings_for("LEGAL-004")[0].outcome is Outcome.WAIVED


def test_a_malformed_register_lists_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "waivers.toml"
    path.write_text(
        '[[waivers]]\ncode = "LEGAL-004"\nsubject = "AREA-1"\njustification = "short"\n'
        'approved_by = "R"\ngranted_on = 2026-05-20\nexpires_on = "soon"\n',
        encoding="utf-8",
    )
    with pytest.raises(WaiverError) as caught:
        load_waivers(path)
    # The short justification too, though the same waiver has a type error (one round).
    assert {i.path for i in caught.value.issues} == {
        "$.waivers[0].expires_on",
        "$.waivers[0].decision_record",
        "$.waivers[0].justification",
    }
    assert str(caught.value).startswith(f"invalid waiver register in {path}")


def test_the_next_review_is_when_the_waiver_lapses() -> None:
    op = _without_restitution(_waiver(expires_on=pendulum.Date(2026, 6, 5)))
    report = _check(op)
    assert report.next_review is not None
    assert report.next_review.due == "2026-06-05T00:00:00+00:00"
    assert report.next_review.verdict_after is Verdict.FACILITATE_ONLY
    changes = {c.code: (c.before, c.after) for c in report.next_review.changes}
    assert changes == {
        "LEGAL-004": ("waived/major", "fail/major"),
        "META-003": ("fail/info", "absent"),
    }
