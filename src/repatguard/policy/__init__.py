"""Policies (selection, severities, parameters) and waivers."""

from repatguard.policy.load import DEFAULT_POLICY_FILE, load_policy
from repatguard.policy.policy import FailOn, Policy, PolicyError, policy_problems

__all__ = [
    "DEFAULT_POLICY_FILE",
    "FailOn",
    "Policy",
    "PolicyError",
    "load_policy",
    "policy_problems",
]
