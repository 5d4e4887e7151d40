"""Folding text for matching, with a map from every folded character back to the original.

Folding is per character and context-free, so a span of folded text maps back to a span of
the original whose folding is exactly that span (once widened to whole original characters).
Pure: no I/O.

- Latin, Cyrillic and other scripts: Unicode case folding (optional, for smart case) and
  compatibility decomposition with accents dropped: 'É' -> 'e', 'ß' -> 'ss', 'ﬁ' -> 'fi'.
- Arabic: harakat/tashkeel (U+064B-U+065F, U+0670) and tatweel (U+0640) dropped;
  أ إ آ ٱ -> ا, ى -> ي, ة -> ه, ؤ -> و, ئ -> ي; Arabic-Indic and Eastern Arabic-Indic digits
  -> 0-9; Arabic comma, semicolon and question mark -> a space (they separate words).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_DROPPED = frozenset(chr(code) for code in (*range(0x064B, 0x0660), 0x0670, 0x0640))
_LETTERS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}
_SEPARATORS = frozenset("،؛؟")


@lru_cache(maxsize=8192)
def fold_char(char: str, casefold: bool = True) -> str:
    """The folded form of one character: '', one character, or several ('ß' -> 'ss')."""
    if char in _DROPPED:
        return ""
    if char in _LETTERS:
        return _LETTERS[char]
    code = ord(char)
    if 0x0660 <= code <= 0x0669:
        return chr(ord("0") + code - 0x0660)
    if 0x06F0 <= code <= 0x06F9:
        return chr(ord("0") + code - 0x06F0)
    if char in _SEPARATORS:
        return " "
    if 0xFE70 <= code <= 0xFE7F and all(
        part == " " or part in _DROPPED for part in unicodedata.normalize("NFKD", char)
    ):
        return ""  # presentation forms of harakat and tatweel (they decompose to space + mark)
    text = char.casefold() if casefold else char
    if text.isascii():
        return text
    # Compatibility forms (ﻣ, ﺔ, ﬁ) decompose to ordinary letters, which fold like any other.
    parts = unicodedata.normalize("NFKD", text)
    if parts == char:
        return "" if unicodedata.combining(char) else char
    return "".join(fold_char(part, casefold) for part in parts)


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text, and for each of its characters the index of the original it came from."""

    text: str
    origin: tuple[int, ...]
    original: str

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span [start, end) of the folded span, widened to whole characters and
        to the marks that follow its last one (a match on قائلا includes the tanween of قائلاً)."""
        if start >= end:
            position = self.origin[start] if start < len(self.origin) else len(self.original)
            return position, position
        last = self.origin[end - 1] + 1
        while last < len(self.original) and fold_char(self.original[last]) == "":
            last += 1
        return self.origin[start], last


def fold_map(text: str, *, casefold: bool = True) -> Folded:
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char, casefold)
        pieces.append(folded)
        origin.extend([index] * len(folded))
    return Folded("".join(pieces), tuple(origin), text)


def fold_text(text: str, *, casefold: bool = True) -> str:
    return "".join(fold_char(char, casefold) for char in text)
