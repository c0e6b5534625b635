"""Renderers: one module per output format; they never re-run rules."""

from repatguard.render.json import report_to_dict, to_json
from repatguard.render.text import to_text

__all__ = ["report_to_dict", "to_json", "to_text"]
