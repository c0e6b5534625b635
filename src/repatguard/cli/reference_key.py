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
import stat
import sys
import tempfile
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
    secret = secrets.token_bytes(_BYTES)
    try:
        made = _publish(path, secret)
    except OSError as exc:
        print(
            f"repatguard: cannot create the reference key file {KEY_FILE} "
            f"({type(exc).__name__}); references use a random key in this run",
            file=sys.stderr,
        )
        return None
    if not made:  # a run beside this one made it first: use that one
        return _read(path)
    print(
        f"repatguard: created {path}, the key of this project's pseudonymous references; "
        "keep it private (out of version control) and give it only to who may link reports",
        file=sys.stderr,
    )
    return ReferenceKey(secret, _SOURCE)


def _publish(path: Path, secret: bytes) -> bool:
    """Put a key file holding ``secret`` at ``path`` whole or not at all: written to a
    temporary file beside it, then linked into place, which fails if the name is taken.
    Returns whether this run made it."""
    with tempfile.NamedTemporaryFile(
        "w", encoding="ascii", dir=path.parent, prefix=".repatguard-key-", delete=False
    ) as stream:  # made readable by its owner only
        stream.write(secret.hex() + "\n")
    written = Path(stream.name)
    try:
        os.link(written, path)
    except FileExistsError:
        return False
    finally:
        written.unlink(missing_ok=True)
    return True


_MOST = 256
"""The most bytes a key file is read for: a key is 64 digits and a line end."""


def _read(path: Path) -> ReferenceKey:
    """The key in the file at ``path``, which must be a regular file (a link, a FIFO or a
    device is never followed or opened for long: it could hang the run or feed it forever)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise _not_a_key(path, f"cannot be read ({type(exc).__name__})") from None
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise _not_a_key(path, "is not a regular file")
        raw = stream.read(_MOST + 1)
    text = raw.decode("ascii", errors="replace").strip() if len(raw) <= _MOST else ""
    try:
        secret = bytes.fromhex(text)
    except ValueError:
        secret = b""
    if len(secret) != _BYTES:
        raise _not_a_key(path, f"is not a reference key ({2 * _BYTES} hexadecimal digits)")
    return ReferenceKey(secret, _SOURCE)


def _not_a_key(path: Path, why: str) -> InputError:
    issue = InputIssue(
        path="$",
        message=f"the key file {why}; remove it to make a new key, which changes every pseudonym",
    )
    return InputError([issue], source=str(path))


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
