"""Finding messages that can be read in every shipped language.

A rule writes what it found as a :class:`Message`: an English template with named
placeholders (``"the person withdrew on {on}"``) and the values that fill them, kept apart so
that the renderers can look the template up in the gettext catalogues and put the same values
into the translation (docs/output-formats.md, "Languages"). :func:`msg` makes one, and is the
keyword ``pybabel extract`` looks for in the rule modules (``babel.cfg``).

Values are language-neutral: ISO dates, counts, codes and references, never an English word
or clause (a translation could not agree with it). Where a rule would have composed a sentence
from fragments, it writes one whole sentence per branch instead. A value may also be a whole
:class:`Message` of its own (a finding cited by the decision that settles it, one item of a
list): it is rendered in the same language before it fills its placeholder.

``str(message)`` is the English text, exactly what an f-string gave before: reports in English
and everything derived from a finding (fingerprints, baselines, waivers) do not depend on the
language a report is read in.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence

import attrs

__all__ = ["N_", "Message", "MessageValue", "Text", "listed", "msg"]


def _sorted_values(
    values: tuple[tuple[str, MessageValue], ...],
) -> tuple[tuple[str, MessageValue], ...]:
    return tuple(sorted(values))


@attrs.frozen
class Message:
    """An English ``template`` with named placeholders and the ``values`` that fill them."""

    template: str
    values: tuple[tuple[str, MessageValue], ...] = attrs.field(default=(), converter=_sorted_values)

    def with_values(self, **values: MessageValue) -> Message:
        """This message with more values: a shared helper fills the placeholders only it
        knows (the age limit of an assessment, the return area)."""
        return Message(self.template, (*self.values, *values.items()))

    def format(
        self, template: str | None = None, render: Callable[[Message], str] | None = None
    ) -> str:
        """``template`` (a translation of this message; the English one when ``None``) with
        the values in its placeholders, a value that is a message rendered by ``render`` (in
        English when ``None``). Raises ``KeyError`` when a placeholder has no value."""
        values = {
            name: (value.format() if render is None else render(value))
            if type(value) is Message
            else value
            for name, value in self.values
        }
        return (self.template if template is None else template).format(**values)

    def placeholders(self) -> frozenset[str]:
        """The names of the template's placeholders."""
        return frozenset(
            field
            for _text, field, _spec, _conversion in string.Formatter().parse(self.template)
            if field is not None
        )

    def __str__(self) -> str:
        return self.format()


MessageValue = str | int | Message
"""What a placeholder may hold: text that reads the same in every language, a count, or a
whole message rendered in the same language as the one it fills."""

Text = str | Message
"""A problem's message, observed or expected: a :class:`Message`, or plain English text (the
form rules not yet converted still use; shown as it is in every language)."""


def N_(text: str) -> str:  # noqa: N802 - the name gettext tools look for
    """Marks a fixed text the engine writes into a finding (the title and remediation of a
    finding no rule wrote, such as a waiver's meta-finding) for the catalogues; renderers
    translate it where they show it, as they do a rule's title and remediation. The text is
    returned as it is."""
    return text


_SHARED: dict[str, Message] = {}
"""The message of each template used with no values, made once: a rule writes the same fixed
messages for every person it checks (often only to pass them to :func:`ladder`, which reads
them only when the safeguard does not hold). Messages are frozen values, so one is as good as
another equal to it."""

_SHARED_LIMIT = 4096
"""How many templates :data:`_SHARED` keeps: a rule pack may make its templates at run time,
and the cache must not grow with the data checked."""


def msg(template: str, /, **values: MessageValue) -> Message:
    """A finding message for the catalogues: ``template`` is extracted by ``pybabel``, so it
    must be a string literal (adjacent literals are joined), never an f-string."""
    if values or type(template) is not str:
        return Message(template, tuple(values.items()))
    shared = _SHARED.get(template)
    if shared is None:
        shared = Message(template)
        if len(_SHARED) < _SHARED_LIMIT:
            _SHARED[template] = shared
    return shared


def listed(items: Sequence[Message]) -> Message:
    """``items`` (at least one) as one message, each rendered in the report's language and
    separated by semicolons: the English reads exactly as ``"; ".join`` of their texts."""
    if not items:
        raise ValueError("listed() needs at least one message")
    if len(items) == 1:
        return items[0]
    # Halves, not head and tail: the nesting stays about log2(n) deep, so a long list (dozens
    # of positions) stays far within what a message may nest (engine.evaluate).
    middle = len(items) // 2
    return msg("{first}; {rest}", first=listed(items[:middle]), rest=listed(items[middle:]))
