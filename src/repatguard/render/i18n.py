"""The language a report is rendered in: gettext catalogues, English as the source and fallback.

A report is language-neutral data (codes, keys, paths); only rendering puts it into words, so
the language is a parameter of the renderers (``to_text(report, lang="fr")``), never of
``check()``. Inside :func:`use_language` every message the renderers look up with :func:`_`
comes from ``repatguard/locale/<lang>/LC_MESSAGES/repatguard.mo``, read with the standard
library's :mod:`gettext` (Babel only builds the catalogues; it is not needed at run time). A
message a catalogue lacks, or a rule title a rule pack brings, is shown in English.

Without a language the renderers write English, whatever the environment says: the same report
gives the same bytes. The command line reads the usual locale variables itself
(:func:`language_from_environment`) when ``--lang`` is not given.

Messages with values use named placeholders (``{area}``), so a translation may reorder them;
values are inserted after the lookup with :meth:`str.format`, so a value is never read as a
placeholder.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext as _gettext
import re
from importlib import resources
from typing import TYPE_CHECKING

from repatguard.rules.message import Message

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from repatguard.rules.message import Text

__all__ = [
    "DOMAIN",
    "ENVIRONMENT_VARIABLES",
    "LANGUAGES",
    "N_",
    "RIGHT_TO_LEFT",
    "SOURCE_LANGUAGE",
    "_",
    "check_language",
    "current_language",
    "language_from_environment",
    "say",
    "text_direction",
    "use_language",
]

DOMAIN = "repatguard"
SOURCE_LANGUAGE = "en"
LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "ar")
"""The languages repatguard ships: English (the source) and the catalogues under ``locale/``."""
RIGHT_TO_LEFT = frozenset({"ar"})
ENVIRONMENT_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""Read in this order, as :func:`gettext.find` does: the first one set decides."""

_TAG = re.compile(r"[-_.@]")
_current: contextvars.ContextVar[str] = contextvars.ContextVar(
    "repatguard_language", default=SOURCE_LANGUAGE
)


def _base(tag: str) -> str:
    """``fr_FR.UTF-8`` and ``fr-FR`` name French: the language part, lower case."""
    return _TAG.split(tag.strip(), maxsplit=1)[0].lower()


def check_language(lang: str) -> str:
    """The shipped language ``lang`` names (``fr``, ``fr_FR``, ``fr-CA.UTF-8`` all give
    ``fr``); raises :class:`ValueError` for a language repatguard does not ship, rather
    than rendering English without a word."""
    base = _base(lang)
    if base not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: repatguard renders {', '.join(LANGUAGES)}")
    return base


def language_from_environment(environ: Mapping[str, str]) -> str:
    """The language the locale variables ask for, English when none names a shipped one.

    The first of ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set decides;
    ``LANGUAGE`` may list several (``ar:fr``), tried in order. ``C`` and ``POSIX`` mean
    English, as does a language repatguard does not ship.
    """
    for name in ENVIRONMENT_VARIABLES:
        value = environ.get(name, "")
        if not value:
            continue
        for tag in value.split(":"):
            base = _base(tag)
            if base in ("c", "posix"):
                return SOURCE_LANGUAGE
            if base in LANGUAGES:
                return base
        return SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


@functools.cache
def _catalogue(lang: str) -> _gettext.NullTranslations:
    if lang == SOURCE_LANGUAGE:
        return _gettext.NullTranslations()
    # Opened through importlib.resources, so a zipped installation reads it too.
    compiled = resources.files("repatguard").joinpath("locale", lang, "LC_MESSAGES", f"{DOMAIN}.mo")
    with compiled.open("rb") as stream:
        return _gettext.GNUTranslations(stream)


def current_language() -> str:
    """The language messages are looked up in now (English outside :func:`use_language`)."""
    return _current.get()


@contextlib.contextmanager
def use_language(lang: str | None) -> Iterator[str]:
    """Render in ``lang`` inside the block (``None`` keeps the current language); yields the
    language used. The language is a context variable: threads and tasks keep their own."""
    chosen = current_language() if lang is None else check_language(lang)
    token = _current.set(chosen)
    try:
        yield chosen
    finally:
        _current.reset(token)


def _(message: str, /, **values: object) -> str:
    """``message`` in the current language, with ``values`` put into its named placeholders."""
    if not message:  # gettext gives the catalogue's header for ""
        return message
    translated = _catalogue(current_language()).gettext(message)
    return translated.format(**values) if values else translated


def say(text: Text) -> str:
    """A finding's text in the current language: a :class:`Message` looked up in the
    catalogue with its values put into the translation's placeholders; plain text (from a rule
    not converted yet) as it is. In English, exactly ``str(text)``."""
    if type(text) is not Message:
        return str(text)
    lang = current_language()
    if lang == SOURCE_LANGUAGE or not text.template:
        return text.format()
    return text.format(_catalogue(lang).gettext(text.template), render=say)


def N_(message: str) -> str:  # noqa: N802 - the name gettext tools look for
    """Marks ``message`` for extraction where it is defined; it is translated where shown."""
    return message


def text_direction(lang: str | None = None) -> str:
    """``rtl`` for a right-to-left language (Arabic), else ``ltr``."""
    return "rtl" if (current_language() if lang is None else lang) in RIGHT_TO_LEFT else "ltr"
