"""The library version, kept in one place for the build backend and the reports."""

__version__ = "0.1.0"
