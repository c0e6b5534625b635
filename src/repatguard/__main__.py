"""``python -m repatguard``: the command line, as the ``repatguard`` script runs it."""

from __future__ import annotations

import sys

from repatguard.cli import main

if __name__ == "__main__":
    sys.exit(main())
