"""YAML keys that no dictionary can hold (issue 12 item 5): an input error with a path."""

from __future__ import annotations

import pytest

import repatguard
from repatguard import InputError

pytest.importorskip("yaml")


@pytest.mark.parametrize(
    ("text", "path", "kind"),
    [
        ("? [a, b]\n: 1\n", "$", "list"),  # used to raise TypeError: unhashable type: 'list'
        ("reference: OP\nlead:\n  ? {x: 1}\n  : 2\n", "$.lead", "dict"),
        ("? !!set {a}\n: 1\n", "$", "set"),
        ("? [a]\n: 1\n? [a]\n: 2\n", "$", "list"),
        ("households:\n  - ? [x]\n    : 1\n", "$.households[0]", "list"),
    ],
)
def test_an_unhashable_key_is_an_input_error_with_its_path(text: str, path: str, kind: str) -> None:
    with pytest.raises(InputError) as caught:
        repatguard.load_text(text, format="yaml")
    assert [(i.path, i.message) for i in caught.value.issues] == [
        (path, f"keys must be text, got a {kind}")
    ]


def test_repeated_text_keys_are_still_refused() -> None:
    with pytest.raises(InputError) as caught:
        repatguard.load_text("a: 1\na: 2\n", format="yaml")
    assert "appears more than once" in caught.value.issues[0].message
