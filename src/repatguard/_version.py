"""The library version, kept in one place for the build backend and the reports."""

__version__ = "0.2.0"
