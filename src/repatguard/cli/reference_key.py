"""The project's key for pseudonymous references, kept in a file beside the policy.

A random key per run makes two runs unlinkable, which is right for a report handed out once
and wrong for the everyday workflows: a rerun must give the same bytes, a baseline and a diff
must compare the same pseudonyms. So the command line keys pseudonyms with a key file of the
project, ``repatguard.key`` in the folder of the policy file (the current folder by default),
made on first use from 32 random bytes and readable by its owner only. Each project has its
own key, so references stay unlinkable across projects and organisations.
``REPATGUARD_REFERENCE_KEY`` takes precedence; ``--reveal-references`` uses no key.
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
from pathlib import Path

from repatguard.errors import InputError, InputIssue
from repatguard.report.pseudonyms import KEY_VARIABLE, ReferenceKey

__all__ = ["KEY_FILE", "key_mismatch", "project_key"]

KEY_FILE = "repatguard.key"
_SOURCE = "project key file"
_BYTES = 32


def _folder(args: argparse.Namespace) -> Path:
    policy = getattr(args, "policy", None)
    return Path(policy).parent if policy else Path(".")


def project_key(args: argparse.Namespace) -> ReferenceKey | None:
    """The key of this project's pseudonyms, or ``None`` when the library decides (the
    environment variable is set, or references are revealed). Raises :class:`InputError`
    when the key file exists but is not a key."""
    if os.environ.get(KEY_VARIABLE) or getattr(args, "reveal_references", False):
        return None
    path = _folder(args) / KEY_FILE
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # made by a run beside this one
        return _read(path)
    except OSError as exc:
        print(
            f"repatguard: cannot create the reference key file {KEY_FILE} "
            f"({type(exc).__name__}); references use a random key in this run",
            file=sys.stderr,
        )
        return None
    secret = secrets.token_bytes(_BYTES)
    with os.fdopen(descriptor, "w", encoding="ascii") as stream:
        stream.write(secret.hex() + "\n")
    print(
        f"repatguard: created {path}, the key of this project's pseudonymous references; "
        "keep it private (out of version control) and give it only to who may link reports",
        file=sys.stderr,
    )
    return ReferenceKey(secret, _SOURCE)


def _read(path: Path) -> ReferenceKey:
    text = path.read_text(encoding="ascii", errors="replace").strip()
    try:
        secret = bytes.fromhex(text)
    except ValueError:
        secret = b""
    if len(secret) != _BYTES:
        issue = InputIssue(
            path="$",
            message=f"not a reference key ({2 * _BYTES} hexadecimal digits); remove the file "
            "to make a new key, which changes every pseudonym",
        )
        raise InputError([issue], source=str(path))
    return ReferenceKey(secret, _SOURCE)


def key_mismatch(current: object, other: object, what: str) -> str | None:
    """Why a report whose ``references.key_id`` is ``other`` cannot be compared with one made
    under ``current``, if it cannot."""
    if other == current:
        return None
    return (
        f"{what} was made with another reference key, so its pseudonyms cannot be compared "
        f"with this run's; check both under the same key (the project's {KEY_FILE}, or "
        f"${KEY_VARIABLE}), or both with --reveal-references"
    )
