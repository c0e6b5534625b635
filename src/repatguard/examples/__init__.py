"""Bundled synthetic operations (invented data), usable with ``repatguard check --example``."""

from __future__ import annotations

import tomllib
from importlib import resources

import attrs
import pendulum

from repatguard.model import Operation

__all__ = ["Example", "example", "examples"]


@attrs.frozen(kw_only=True)
class Example:
    name: str
    title: str
    as_of: pendulum.Date
    """The date the example is meant to be checked at (its facts are dated around it)."""
    expected_verdict: str
    file: str

    def load(self) -> Operation:
        from repatguard.io.load import load_text  # noqa: PLC0415 - avoids an import cycle

        text = resources.files(__name__).joinpath(self.file).read_text(encoding="utf-8")
        return load_text(text, format="json")


def examples() -> tuple[Example, ...]:
    index = tomllib.loads(resources.files(__name__).joinpath("index.toml").read_text("utf-8"))
    return tuple(
        Example(
            name=name,
            title=entry["title"],
            as_of=pendulum.Date(entry["as_of"].year, entry["as_of"].month, entry["as_of"].day),
            expected_verdict=entry["expected_verdict"],
            file=entry["file"],
        )
        for name, entry in sorted(index.items())
    )


def example(name: str) -> Example:
    for item in examples():
        if item.name == name:
            return item
    known = ", ".join(item.name for item in examples())
    raise KeyError(f"no example named {name!r}; bundled examples: {known}")
