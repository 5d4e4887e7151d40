"""Folding names for comparison and escaping untrusted text for terminals."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ceasefire_cli.text import fold, safe_text


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Zelenskyy", "ZELENSKYY"),
        ("Zelénskyy", "zelenskyy"),
        ("إسطنبول", "اسطنبول"),
        ("إِسْطَنْبُول", "اسطنبول"),
        ("آذار", "اذار"),
        ("مدينة", "مدينه"),
        ("مستشفى", "مستشفي"),
        ("ســلام", "سلام"),  # tatweel
        ("master  of the\tKremlin", "master of the kremlin"),
    ],
)
def test_fold_equates_spellings(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain", "plain"),
        ("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
        ("\x1b]52;c;aGk=\x07", "\\x1b]52;c;aGk=\\x07"),  # OSC 52 clipboard write
        ("\x1b]8;;http://x\x1b\\link", "\\x1b]8;;http://x\\x1b\\link"),  # OSC 8 hyperlink
        ("a\u202eb", "a\\u202eb"),  # right-to-left override
        ("a\u2066b\u2069", "a\\u2066b\\u2069"),
        ("nul\x00", "nul\\x00"),
        ("c1\x9b", "c1\\x9b"),
        ("[bold]x[/]", "[bold]x[/]"),  # markup is not our concern here: renderers never parse it
        ("سطر\nثان", "سطر\nثان"),
    ],
)
def test_safe_text(raw: str, shown: str) -> None:
    assert safe_text(raw) == shown


def test_safe_text_one_line_mode_escapes_breaks() -> None:
    assert safe_text("a\tb\nc", keep_newlines=False) == "a\\x09b\\x0ac"
    assert safe_text("a\u2028b\u2029c", keep_newlines=False) == "a\\u2028b\\u2029c"
    assert safe_text("a\u2028b") == "a\u2028b"  # kept where line breaks are


@given(st.text())
@example("a\u2028b\u2029c\x85d\x1ce\rf")
def test_one_line_mode_gives_one_line_whatever_the_text(text: str) -> None:
    assert len(safe_text(text, keep_newlines=False).splitlines()) <= 1


@given(st.text())
def test_safe_text_never_lets_a_control_character_through(text: str) -> None:
    shown = safe_text(text, keep_newlines=False)
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown)
    assert not any(c in shown for c in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
