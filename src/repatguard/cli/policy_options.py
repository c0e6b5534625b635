"""Policy options shared by the subcommands, and their precedence.

Precedence, lowest first: the built-in defaults; the policy file (``--policy FILE``, else
``repatguard.toml`` in the working directory when it exists); then each command-line flag,
which replaces that setting (``--severity`` and ``--param`` replace single entries).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from repatguard.errors import InputIssue
from repatguard.facts.parameters import PARAMETER_SPECS
from repatguard.io.converter import issues_from_exception, structure
from repatguard.policy import DEFAULT_POLICY_FILE, Policy, PolicyError, load_policy
from repatguard.policy.policy import policy_problems
from repatguard.report.trace import ParameterSource
from repatguard.rules.registry import Registry

__all__ = ["add_policy_arguments", "parameter_sources", "policy_from_args"]


def add_policy_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("policy (precedence: defaults < policy file < flags)")
    group.add_argument(
        "--policy",
        metavar="FILE",
        help=f"policy file (TOML); default: ./{DEFAULT_POLICY_FILE} when it exists",
    )
    group.add_argument(
        "--no-policy-file", action="store_true", help=f"ignore ./{DEFAULT_POLICY_FILE}"
    )
    group.add_argument(
        "--select",
        metavar="SELECTORS",
        help="comma-separated codes, prefixes or tags to run (non-waivable rules always run)",
    )
    group.add_argument(
        "--ignore", metavar="SELECTORS", help="comma-separated codes, prefixes or tags to skip"
    )
    group.add_argument(
        "--severity",
        metavar="CODE=LEVEL",
        action="append",
        default=[],
        help="override a rule's severity (repeatable)",
    )
    group.add_argument(
        "--param",
        metavar="NAME=VALUE",
        action="append",
        default=[],
        help="set a rule parameter, e.g. assessment_max_age=P120D (repeatable)",
    )


def _split(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def _pairs(items: list[str], flag: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise PolicyError([InputIssue(path=flag, message=f"expected NAME=VALUE, got {item!r}")])
        found[name.strip()] = value.strip()
    return found


def _number(value: str) -> Any:
    for kind in (int, float):
        try:
            return kind(value)
        except ValueError:
            continue
    return value


def _policy_file(args: argparse.Namespace) -> str | None:
    """The policy file this run reads, if any."""
    if args.policy:
        return str(args.policy)
    if not args.no_policy_file and Path(DEFAULT_POLICY_FILE).is_file():
        return DEFAULT_POLICY_FILE
    return None


def parameter_sources(args: argparse.Namespace, policy: Policy) -> dict[str, ParameterSource]:
    """Where each parameter of ``policy`` (made by :func:`policy_from_args`) was set, for
    the decision trace: ``--param`` wins; a value other than the default comes from the
    policy file; the rest is the default (a file that repeats a default is not told apart)."""
    flags = _pairs(args.param, "--param")
    from_file = _policy_file(args) is not None
    sources: dict[str, ParameterSource] = {}
    for name, spec in PARAMETER_SPECS.items():
        if name in flags:
            sources[name] = ParameterSource.COMMAND_LINE
        elif from_file and getattr(policy.parameters, name) != spec.default:
            sources[name] = ParameterSource.POLICY_FILE
        else:
            sources[name] = ParameterSource.DEFAULT
    return sources


def policy_from_args(args: argparse.Namespace, registry: Registry) -> Policy:
    """The effective policy; raises :class:`PolicyError` with paths on any problem."""
    path = _policy_file(args)
    policy = Policy() if path is None else load_policy(path, registry=registry)
    from repatguard.io.converter import converter  # noqa: PLC0415

    data: dict[str, Any] = converter().unstructure(policy)
    if args.select is not None:
        data["select"] = _split(args.select)
    if args.ignore is not None:
        data["ignore"] = _split(args.ignore)
    if getattr(args, "fail_on", None) is not None:
        data["fail_on"] = args.fail_on
    data["severity"] = {**data["severity"], **_pairs(args.severity, "--severity")}
    data["parameters"] = {
        **data["parameters"],
        **{k: _number(v) for k, v in _pairs(args.param, "--param").items()},
    }
    try:
        merged = structure(data, Policy)
    except Exception as exc:
        raise PolicyError(issues_from_exception(exc)) from None
    problems = policy_problems(merged, registry)
    if problems:
        raise PolicyError(problems)
    return merged
