"""Text folding for matching names, and escaping untrusted text for display; pure functions."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .folding import fold_text

_SPACES = re.compile(r"[\s\u00a0]+")


def close_matches(
    word: str, possibilities: Iterable[str], *, n: int = 3, cutoff: float = 0.6
) -> list[str]:
    """difflib's close matches, for "did you mean" hints."""
    import difflib  # only a message with a hint pays for importing it (~5 ms)

    return difflib.get_close_matches(word, list(possibilities), n=n, cutoff=cutoff)


def fold(text: str) -> str:
    """Fold a name for comparison: case, accents, Arabic letter forms and spacing.

    'Zelenskyy', 'ZELENSKYY' and 'Zelénskyy' fold alike; so do 'إسطنبول' and 'اسطنبول'.
    The same per-character folding as search (folding.py), with runs of space collapsed.
    """
    return _SPACES.sub(" ", fold_text(text)).strip()


# Characters that can move the cursor, recolour, retitle or rewrite a terminal or reorder text:
# C0/C1 controls (ESC starts CSI/OSC sequences, incl. OSC 52 clipboard writes and OSC 8 links),
# DEL, and the bidi embedding/override/isolate controls (U+202A-202E, U+2066-2069).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# One-record-a-line formats also escape tab, newline and the Unicode line and paragraph
# separators, at which str.splitlines and some viewers break a line.
_UNSAFE_WITH_BREAKS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def is_plain(text: str) -> bool:
    """Whether `text` holds none of the characters safe_text(keep_newlines=False) escapes."""
    return _UNSAFE_WITH_BREAKS.search(text) is None


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(text: str, *, keep_newlines: bool = True) -> str:
    """Show control characters as visible escapes (ESC → '\\x1b') so data cannot drive the terminal.

    With keep_newlines=False, tab and line breaks (LF, U+2028, U+2029) are escaped too, for
    one-record-a-line formats.
    """
    pattern = _UNSAFE if keep_newlines else _UNSAFE_WITH_BREAKS
    return pattern.sub(_escape, text)


_UNSAFE_EXCEPT_LINES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """Escape what could drive a terminal but keep tab, CR and LF (for CSV and JSON on a screen)."""
    return _UNSAFE_EXCEPT_LINES.sub(_escape, text)
