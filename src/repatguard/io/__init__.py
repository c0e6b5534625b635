"""Input and output: the private converter and the loaders."""

from repatguard.io.load import Format, load, load_text

__all__ = ["Format", "load", "load_text"]
