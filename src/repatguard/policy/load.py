"""Reading policies from TOML files, text or mappings; the same strictness as operations."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from repatguard.errors import InputIssue
from repatguard.io.converter import issues_from_exception, structure
from repatguard.io.load import MAX_DOCUMENT_BYTES, parser_message, shape_problem, too_deep
from repatguard.policy.policy import Policy, PolicyError, code_problems, policy_problems
from repatguard.rules.registry import Registry, builtin_registry

__all__ = ["DEFAULT_POLICY_FILE", "load_policy"]

DEFAULT_POLICY_FILE = "repatguard.toml"


def load_policy(
    source: str | os.PathLike[str] | Mapping[str, Any], *, registry: Registry | None = None
) -> Policy:
    """Load and validate a policy; raises :class:`PolicyError` listing every problem.

    ``source`` is a path to a TOML file, TOML text (several lines) or a mapping.
    """
    registry = registry or builtin_registry()
    where: str | None = None
    if isinstance(source, Mapping):
        data: Any = dict(source)
    else:
        text = source if isinstance(source, str) and "\n" in source else None
        if text is None:
            where = str(source)
            try:
                text = Path(source).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                issue = InputIssue(path="$", message=f"cannot read the file ({type(exc).__name__})")
                raise PolicyError([issue], source=where) from None
        if len(text) > MAX_DOCUMENT_BYTES:
            raise PolicyError(
                [InputIssue(path="$", message="the policy is too large")], source=where
            )
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            issue = InputIssue(path="$", message=f"not valid TOML: {parser_message(str(exc))}")
            raise PolicyError([issue], source=where) from None
        except ValueError:  # tomllib refuses an integer of more than 4,300 digits this way
            issue = InputIssue(path="$", message="not valid TOML: a number is too long to read")
            raise PolicyError([issue], source=where) from None
        except RecursionError:  # the parser recurses per nesting level
            raise PolicyError([too_deep()], source=where) from None
    problem = shape_problem(data)
    if problem is not None:
        raise PolicyError([problem], source=where)
    try:
        policy = structure(data, Policy)
    except Exception as exc:
        # Unknown codes and selectors are reported with the type errors: one round of fixes.
        found = issues_from_exception(exc)
        found += [issue for issue in code_problems(data, registry) if issue not in found]
        raise PolicyError(found, source=where) from None
    problems = policy_problems(policy, registry)
    if problems:
        raise PolicyError(problems, source=where)
    return policy
