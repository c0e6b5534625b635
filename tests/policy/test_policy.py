"""Policies: selection, severity overrides, parameters, guard rails, errors with paths."""

from __future__ import annotations

from pathlib import Path

import pytest

import repatguard
from repatguard.facts.parameters import Parameters
from repatguard.outcomes import Severity, Verdict
from repatguard.policy import FailOn, Policy, PolicyError, load_policy
from repatguard.testing.factories import AS_OF, evolve, sound_operation, with_assessment


def _issues(source: object) -> dict[str, str]:
    with pytest.raises(PolicyError) as caught:
        load_policy(source)  # type: ignore[arg-type]
    return {issue.path: issue.message for issue in caught.value.issues}


def test_a_toml_policy_loads_with_every_kind_of_setting(tmp_path: Path) -> None:
    path = tmp_path / "repatguard.toml"
    path.write_text(
        'select = ["VOL", "COND-001", "pressure"]\n'
        'ignore = ["LEGAL-007"]\n'
        'fail_on = "major"\n'
        'max_waiver_lifetime = "P90D"\n'
        "[severity]\n"
        '"LEAD-006" = "info"\n'
        "[parameters]\n"
        'assessment_max_age = "P120D"\n'
        "predominant_share = 0.75\n",
        encoding="utf-8",
    )
    policy = load_policy(path)
    assert policy.select == ("VOL", "COND-001", "pressure")
    assert policy.fail_on is FailOn.MAJOR
    assert policy.severity == {"LEAD-006": Severity.INFO}
    assert policy.parameters.assessment_max_age == "P120D"
    assert policy.parameters.predominant_share == 0.75


def test_selection_by_code_family_and_tag_keeps_non_waivable_rules() -> None:
    registry = repatguard.builtin_registry()
    selected = {rule.code for rule in Policy(select=("COND-001", "pressure")).apply(registry)}
    assert {"COND-001", "PREM-003", "VOL-009"} <= selected
    assert "COND-002" not in selected
    non_waivable = {rule.code for rule in registry if not rule.meta.waivable}
    assert non_waivable <= selected


def test_ignore_removes_waivable_rules() -> None:
    registry = repatguard.builtin_registry()
    selected = {rule.code for rule in Policy(ignore=("LEGAL", "IDP-002")).apply(registry)}
    assert not any(code.startswith("LEGAL-") for code in selected)
    assert "IDP-002" not in selected
    assert "IDP-001" in selected


@pytest.mark.parametrize(
    ("data", "path", "needle"),
    [
        ({"ignore": ["VOL-006"]}, "$.ignore[0]", "VOL-006, which cannot be waived"),
        ({"ignore": ["child-protection"]}, "$.ignore[0]", "CHILD-001"),
        ({"ignore": ["PREM"]}, "$.ignore[0]", "PREM-006"),
        ({"severity": {"LEAD-001": "major"}}, "$.severity.LEAD-001", "cannot be downgraded"),
    ],
)
def test_non_waivable_rules_cannot_be_silenced_or_downgraded(
    data: dict[str, object], path: str, needle: str
) -> None:
    issues = _issues(data)
    assert needle in issues[path]


def test_upgrading_a_non_waivable_rule_is_allowed() -> None:
    policy = load_policy({"severity": {"VOL-012": "blocker", "LEAD-001": "blocker"}})
    assert policy.severity["VOL-012"] is Severity.BLOCKER


def test_every_problem_in_a_policy_is_reported_with_its_path() -> None:
    issues = _issues(
        {
            "select": ["VOL-999", "NOPE", "no-such-tag", "bad selector!"],
            "ignore": ["MIX-003"],
            "severity": {"XYZ-001": "major", "VOL-012": "urgent"},
            "fail_on": "sometimes",
            "parameters": {"pressure_lookback": "P6M", "colour": "blue"},
            "colour": 1,
        }
    )
    # Issue 15.5: every problem in one round, the type errors and the unknown codes and
    # selectors alike (the codes used to wait until the types were fixed).
    assert set(issues) == {
        "$.severity.VOL-012",
        "$.fail_on",
        "$.parameters.colour",
        "$.colour",
        "$.select[0]",
        "$.select[1]",
        "$.select[2]",
        "$.select[3]",
        "$.ignore[0]",
        "$.severity.XYZ-001",
    }
    issues = _issues(
        {
            "select": ["VOL-999", "NOPE", "no-such-tag", "bad selector!"],
            "ignore": ["MIX-003"],
            "severity": {"XYZ-001": "major"},
            "parameters": {"pressure_lookback": "P6M", "systemic_pressure_share": -0.1},
        }
    )
    # The words offered instead come from the catalogue; the selectors are not repeated.
    tag = issues.pop("$.select[2]")
    assert tag.startswith("unknown tag (the tags are ")
    assert " child-protection, " in tag
    assert issues == {
        "$.select[0]": "unknown rule code (no rule of the catalogue has this code)",
        "$.select[1]": (
            "unknown rule family (the families are CHILD, COND, DATA, IDP, LEAD, LEGAL, MIX, "
            "PREM, SPEC, VOL)"
        ),
        "$.select[3]": (
            "expected a rule code (VOL-003), a family prefix (VOL) or a tag (pressure), got a "
            "text of 13 characters"
        ),
        "$.ignore[0]": (
            "MIX-003 is not an active rule: AVRR voluntariness test: covered by VOL-003 and VOL-006"
        ),
        "$.severity.XYZ-001": "unknown rule code (no rule of the catalogue has this code)",
        "$.parameters.pressure_lookback": (
            "expected an ISO 8601 duration in days or weeks (e.g. 'P90D'), got a text of 3 "
            "characters; months and years have no fixed length"
        ),
        "$.parameters.systemic_pressure_share": (
            "expected a share from 0 to 1, got a number outside that range"
        ),
    }


def test_policy_errors_name_the_file_and_say_policy(tmp_path: Path) -> None:
    path = tmp_path / "repatguard.toml"
    path.write_text('ignore = ["VOL-001"]\n', encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert str(caught.value).splitlines()[0] == f"invalid policy in {path}: 1 issue"


def test_check_rejects_an_unsound_policy_built_in_python() -> None:
    with pytest.raises(PolicyError):
        repatguard.check(sound_operation(), as_of=AS_OF, policy=Policy(ignore=("VOL-006",)))
    with pytest.raises(ValueError, match="not both"):
        repatguard.check(sound_operation(), as_of=AS_OF, policy=Policy(), parameters=Parameters())


def test_parameters_change_the_outcome() -> None:
    op = with_assessment(sound_operation(), assessed_on=AS_OF.subtract(days=150))
    assert repatguard.check(op, as_of=AS_OF).verdict is Verdict.PROMOTE
    strict = Policy(parameters=Parameters(assessment_max_age="P120D"))
    report = repatguard.check(op, as_of=AS_OF, policy=strict)
    assert report.verdict is Verdict.BLOCKED
    assert report.parameters.assessment_max_age == "P120D"


def test_report_records_the_policy_its_digest_and_both_severities() -> None:
    op = with_assessment(sound_operation(), property_restitution=False)
    policy = Policy(severity={"LEGAL-004": Severity.BLOCKER})
    report = repatguard.check(op, as_of=AS_OF, policy=policy)
    [finding] = report.findings_for("LEGAL-004")
    assert finding.default_severity is Severity.MAJOR
    assert finding.severity is Severity.BLOCKER
    assert report.verdict is Verdict.BLOCKED
    assert report.policy == policy
    assert report.policy_digest == policy.digest
    assert report.policy_digest != Policy().digest


def test_a_policy_cannot_lower_a_rule_the_gates_read() -> None:
    # Issue 11 item 1: a major or blocker rule lowered below major would buy a kinder verdict.
    issues = _issues({"severity": {"LEGAL-004": "minor", "PREM-004": "info"}})
    assert "LEGAL-004 cannot be lowered from major to minor" in issues["$.severity.LEGAL-004"]
    assert "PREM-004 cannot be lowered from major to info" in issues["$.severity.PREM-004"]
    # Rules below major weight may still be lowered, and any rule raised.
    policy = load_policy({"severity": {"LEAD-006": "info", "LEGAL-004": "blocker"}})
    assert policy.severity == {"LEAD-006": Severity.INFO, "LEGAL-004": Severity.BLOCKER}


def test_an_override_to_the_default_keeps_a_severity_raised_for_cause() -> None:
    # Issue 11 item 1: PREM-004 raises an aid cut tied to refusing return to a blocker; an
    # override of PREM-004 to its own default must not lower that finding back.
    from repatguard.model import PressureKind

    op = repatguard.examples.example("coerced-return-blocked").load()
    kept = tuple(s for s in op.pressure_signals if s.kind is not PressureKind.DEPORTATION_THREAT)
    op = evolve(op, pressure_signals=kept)
    as_of = repatguard.examples.example("coerced-return-blocked").as_of
    plain = repatguard.check(op, as_of=as_of)
    overridden = repatguard.check(op, as_of=as_of, policy=Policy(severity={"PREM-004": "major"}))
    raised = [f for f in plain.findings_for("PREM-004") if f.severity is Severity.BLOCKER]
    assert raised, "the example's aid cut tied to refusing return is a blocker"
    assert [f.severity for f in overridden.findings_for("PREM-004")] == [
        f.severity for f in plain.findings_for("PREM-004")
    ]
    assert overridden.verdict is plain.verdict is Verdict.BLOCKED


def test_a_policy_built_in_python_with_plain_strings_is_converted() -> None:
    # Issue 11 item 1: used to crash inside check() with AttributeError.
    policy = Policy(severity={"LEGAL-004": "blocker"}, fail_on="major")
    assert policy.severity == {"LEGAL-004": Severity.BLOCKER}
    assert policy.fail_on is FailOn.MAJOR
    report = repatguard.check(sound_operation(), as_of=AS_OF, policy=policy)
    assert report.policy.severity == {"LEGAL-004": Severity.BLOCKER}


def test_a_policy_built_in_python_with_bad_values_is_refused_with_paths() -> None:
    policy = Policy(severity={"LEGAL-004": "huge"}, fail_on="sometimes")
    with pytest.raises(PolicyError) as caught:
        repatguard.check(sound_operation(), as_of=AS_OF, policy=policy)
    paths = {issue.path: issue.message for issue in caught.value.issues}
    assert paths["$.severity.LEGAL-004"] == (
        "expected one of info, minor, major, blocker, got a text of 4 characters"
    )
    assert paths["$.fail_on"].endswith("got a text of 9 characters")


def test_leaving_out_a_rule_of_major_weight_cannot_clear() -> None:
    # Issue 11 item 1 (ignores): ignoring a rule the gates read weighs as its worst finding.
    op = with_assessment(sound_operation(), property_restitution=False)
    assert repatguard.check(op, as_of=AS_OF).verdict is Verdict.FACILITATE_ONLY
    report = repatguard.check(op, as_of=AS_OF, policy=Policy(ignore=("LEGAL-004",)))
    assert report.verdict is Verdict.INSUFFICIENT_INFORMATION
    [finding] = report.findings_for("LEGAL-004")
    assert finding.severity is Severity.BLOCKER
    assert finding.message.endswith("so its safeguard is unknown")


def test_leaving_out_an_escalating_rule_escalates() -> None:
    report = repatguard.check(sound_operation(), as_of=AS_OF, policy=Policy(ignore=("LEAD-007",)))
    assert report.escalate
    assert report.verdict is Verdict.INSUFFICIENT_INFORMATION


def test_deselecting_a_required_rule_cannot_clear() -> None:
    report = repatguard.check(sound_operation(), as_of=AS_OF, policy=Policy(ignore=("COND-002",)))
    assert report.verdict is Verdict.INSUFFICIENT_INFORMATION
    assert [f.code for f in report.reasons] == ["COND-002"]


def test_an_ignored_rule_does_not_run() -> None:
    op = evolve(sound_operation(), exit_barriers=True)
    assert repatguard.check(op, as_of=AS_OF).findings_for("VOL-010")
    quiet = repatguard.check(op, as_of=AS_OF, policy=Policy(ignore=("VOL-010",)))
    assert not quiet.findings_for("VOL-010")
    assert "VOL-010" not in {t.code for t in quiet.rule_tallies}


def test_a_policy_may_tighten_parameters_but_never_loosen_them() -> None:
    # Review hole 3: adult_age=16 took an unaccompanied 16-year-old out of CHILD-001 (which
    # cannot be waived), and a limit of P9999D made a 700-day-old assessment current (P999D
    # here: P9999D is now past the ten-year bound on durations, reported as such).
    issues = _issues(
        {
            "parameters": {
                "adult_age": 16,
                "assessment_max_age": "P999D",
                "systemic_pressure_share": 1.0,
                "systemic_pressure_min_count": 1000,
                "pressure_lookback": "P30D",
                "consolidation_period": "P30D",
            }
        }
    )
    for name in (
        "adult_age",
        "assessment_max_age",
        "systemic_pressure_share",
        "systemic_pressure_min_count",
        "pressure_lookback",
        "consolidation_period",
    ):
        assert "a policy may only tighten it" in issues[f"$.parameters.{name}"]
    tight = load_policy(
        {
            "parameters": {
                "adult_age": 21,
                "assessment_max_age": "P90D",
                "pressure_lookback": "P365D",
                "predominant_share": 0.9,
            }
        }
    )
    assert tight.parameters.adult_age == 21
    with pytest.raises(PolicyError):
        repatguard.check(
            sound_operation(), as_of=AS_OF, parameters=Parameters(assessment_max_age="P9999D")
        )


def test_every_parameter_says_which_way_is_stricter() -> None:
    from repatguard.facts.parameters import PARAMETER_SPECS
    from repatguard.policy.policy import STRICTER

    assert set(PARAMETER_SPECS) <= set(STRICTER)
    assert set(STRICTER.values()) <= {"higher", "lower", "either"}
