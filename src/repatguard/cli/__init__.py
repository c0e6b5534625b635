"""The ``repatguard`` command line."""

from repatguard.cli.main import main

__all__ = ["main"]
