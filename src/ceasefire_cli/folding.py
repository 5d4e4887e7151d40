"""Folding text for matching, with a map from every folded character back to the original.

Folding is per character and context-free, so a span of folded text maps back to a span of
the original whose folding is exactly that span (once widened to whole original characters).
Pure: no I/O.

- Latin, Cyrillic and other scripts: Unicode case folding (optional, for smart case) and
  compatibility decomposition with accents dropped: 'É' -> 'e', 'ß' -> 'ss', 'ﬁ' -> 'fi'.
- Arabic: harakat/tashkeel (U+064B-U+065F, U+0670) and tatweel (U+0640) dropped;
  أ إ آ ٱ -> ا, ى -> ي, ة -> ه, ؤ -> و, ئ -> ي; Arabic-Indic and Eastern Arabic-Indic digits
  -> 0-9; Arabic comma, semicolon and question mark -> a space (they separate words).
- Dashes and hyphens (‐ ‑ ‒ – — ― −) -> '-'.

`fold_char` is the definition. Whole texts are folded at C speed (search folds every event for
every query): ASCII text is `str.lower`, and text in a 256-character alphabet (ASCII, the
Arabic letters, harakat and digits, common punctuation and accented letters) goes through a
charmap codec, `bytes.translate` and back; only characters outside it are folded one by one.
The tables are built on first use, not on import.
"""

from __future__ import annotations

import bisect
import codecs
import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

_DROPPED = frozenset(chr(code) for code in (*range(0x064B, 0x0660), 0x0670, 0x0640))
_LETTERS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}
_SEPARATORS = frozenset("،؛؟")
# Hyphen, non-breaking hyphen, figure, en and em dashes, horizontal bar, minus: one '-', so that
# a typed 'russia-ukraine' or '10-12' finds the data's 'Russia–Ukraine' and '10–12'.
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212")


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
    if char in _DASHES:
        return "-"
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


def is_word(char: str) -> bool:
    """Whether `re`'s \\w matches the character (a letter, digit or number, or '_')."""
    return char.isalnum() or char == "_"


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text, and for each of its characters the index of the original it came from."""

    text: str
    origin: tuple[int, ...]
    original: str

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span [start, end) of the folded span, widened to whole characters and
        to the marks that follow its last one (a match on قائلا includes the tanween of قائلاً)."""
        return to_original(self.original, self.origin, start, end)


def to_original(
    original: str, origin: tuple[int, ...] | None, start: int, end: int
) -> tuple[int, int]:
    """Folded span -> original span, as Folded.to_original; `origin` None is the identity
    (what origin_map returns when nothing was dropped or expanded)."""
    if origin is None:  # no character folds to nothing, so there is nothing to widen over
        if start >= end:
            position = min(start, len(original))
            return position, position
        return start, end
    if start >= end:
        position = origin[start] if start < len(origin) else len(original)
        return position, position
    last = origin[end - 1] + 1
    while last < len(original) and fold_char(original[last]) == "":
        last += 1
    return origin[start], last


class Offsets:
    """Maps spans of fold_text(text) back to `text` as Folded.to_original does, but from where
    the characters that fold to nothing are (text in the alphabet folds every other character
    to exactly one), not from a table of every character."""

    __slots__ = ("_dropped", "_origin", "_shifts", "_text")

    def __init__(self, text: str, *, casefold: bool = True, in_alphabet: bool = False) -> None:
        """`in_alphabet`: fold_words said every character of `text` is in its alphabet."""
        self._text = text
        self._origin: tuple[int, ...] | None = None
        self._dropped: list[int] = []
        self._shifts: list[int] = []
        if text.isascii():
            return
        alphabet = _alphabet()
        if not in_alphabet and alphabet.outside.search(text) is not None:
            self._origin = _origin_by_char(text, casefold)
            return
        self._dropped = [found.start() for found in alphabet.nothing.finditer(text)]
        # The folded offset each dropped character stands before: the characters kept before it.
        self._shifts = [position - number for number, position in enumerate(self._dropped)]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        if self._origin is not None:
            return to_original(self._text, self._origin, start, end)
        dropped, shifts = self._dropped, self._shifts
        if start >= end:
            if start >= len(self._text) - len(dropped):
                return len(self._text), len(self._text)
            position = start + bisect.bisect_right(shifts, start)
            return position, position
        first = start + bisect.bisect_right(shifts, start)
        last = end + bisect.bisect_right(shifts, end - 1)
        # Widened over the marks after the last character (they fold to nothing).
        number = bisect.bisect_left(dropped, last)
        while number < len(dropped) and dropped[number] == last:
            last += 1
            number += 1
        return first, last


def fold_map(text: str, *, casefold: bool = True) -> Folded:
    origin = origin_map(text, casefold=casefold)
    folded = fold_text(text, casefold=casefold)
    return Folded(folded, tuple(range(len(text))) if origin is None else origin, text)


def origin_map(text: str, *, casefold: bool = True) -> tuple[int, ...] | None:
    """For each character of fold_text(text), the index of the character of `text` it came
    from; None when that is the identity (every character folded to exactly one)."""
    if text.isascii():
        return None
    alphabet = _alphabet()
    try:
        codes = codecs.charmap_encode(text, "strict", alphabet.encoding)[0]
    except UnicodeEncodeError:
        return _origin_by_char(text, casefold)
    kept = codes.translate(alphabet.kept)
    if b"\x00" not in kept:
        return None
    return tuple(itertools.compress(range(len(text)), kept))


def _origin_by_char(text: str, casefold: bool) -> tuple[int, ...]:
    origin: list[int] = []
    for index, char in enumerate(text):
        origin.extend([index] * len(fold_char(char, casefold)))
    return tuple(origin)


def fold_text(text: str, *, casefold: bool = True) -> str:
    if text.isascii():
        return text.lower() if casefold else text  # fold_char of an ASCII character
    return fold_words(text, casefold=casefold)[0]


def fold_words(text: str, *, casefold: bool = True) -> tuple[str, bytes, bool]:
    """fold_text(text); for each of its characters 1 if it is a word character (is_word), else
    0, as bytes (a search counts the words of every event from these); and whether every
    character of `text` is in the alphabet folded by table, so folds to at most one character
    (the same length then means nothing was dropped: offsets are the same)."""
    alphabet = _alphabet()
    if text.isascii():
        folded = text.lower() if casefold else text
        return folded, folded.encode("ascii").translate(alphabet.words), True
    try:
        codes = codecs.charmap_encode(text, "strict", alphabet.encoding)[0]
    except UnicodeEncodeError:
        return _fold_mixed(text, casefold)
    folded, words = _decode(codes.translate(alphabet.folds[casefold], alphabet.dropped))
    return folded, words, True


def distinct_words(text: str) -> set[str]:
    """The distinct words of a text, as set(re.findall(r'\\w+', text)): at C speed but for
    the making of each word, when the text is in the alphabet (as folded text mostly is)."""
    alphabet = _alphabet()
    try:
        codes = codecs.charmap_encode(text, "strict", alphabet.encoding)[0]
    except UnicodeEncodeError:
        return set(re.findall(r"\w+", text))
    words = set(codes.translate(alphabet.spaced).split())  # every other character a space
    return {codecs.charmap_decode(word, "strict", alphabet.decoding)[0] for word in words}


def _decode(codes: bytes) -> tuple[str, bytes]:
    alphabet = _alphabet()
    text = codecs.charmap_decode(codes, "strict", alphabet.decoding)[0]
    return text, codes.translate(alphabet.words)


def _fold_mixed(text: str, casefold: bool) -> tuple[str, bytes, bool]:
    """Text with characters outside the alphabet: the runs inside it at C speed, the others
    character by character."""
    alphabet = _alphabet()
    texts: list[str] = []
    words: list[bytes] = []
    position = 0
    for run in (*alphabet.outside.finditer(text), None):
        end = len(text) if run is None else run.start()
        if end > position:
            codes = codecs.charmap_encode(text[position:end], "strict", alphabet.encoding)[0]
            folded, classes = _decode(codes.translate(alphabet.folds[casefold], alphabet.dropped))
            texts.append(folded)
            words.append(classes)
        if run is not None:
            folded = "".join(fold_char(char, casefold) for char in run.group())
            texts.append(folded)
            words.append(bytes(is_word(char) for char in folded))
            position = run.end()
    return "".join(texts), b"".join(words), False


# --- the alphabet folded at C speed -----------------------------------------------------------


def _preferred() -> str:
    """The candidates, in order of preference; a character is taken when it and its foldings
    (with and without case folding) are each at most one character of the alphabet, up to
    256 characters in all."""
    return (
        "".join(map(chr, range(128)))
        + "،؛؟"  # Arabic letters, tatweel, harakat, digits and punctuation; then Persian letters
        + "".join(
            map(chr, (*range(0x0621, 0x063B), *range(0x0640, 0x0656), *range(0x0660, 0x066D)))
        )
        + "\u0670\u0671"
        + "".join(map(chr, range(0x06F0, 0x06FA)))
        + "پچژکگی"
        + "\u00a0\u200c\u200d\u200e\u200f«»–—‘’“”•·°§"
        + "éèêëàâäáãçíîïıñóôöõúûüğşšžčćřýÉÇÖÜŞŠŽČ"
        + "".join(map(chr, range(0x0656, 0x0660)))
    )


class _Alphabet:
    """The tables that fold text in the alphabet at C speed (a plain class: cheap to import)."""

    __slots__ = (
        "decoding", "dropped", "encoding", "folds", "kept", "nothing", "outside", "spaced", "words"
    )  # fmt: skip

    def __init__(self, chars: list[str]) -> None:
        index = {char: code for code, char in enumerate(chars)}
        # code -> character; U+FFFE: no character
        self.decoding = "".join(chars) + "\ufffe" * (256 - len(chars))
        # character -> code (its position in `decoding`)
        self.encoding: Any = codecs.charmap_build(self.decoding)
        # casefold -> translate table: code -> code of its folding
        self.folds = {
            mode: bytes(
                index[fold_char(char, mode)] if fold_char(char, mode) else code
                for code, char in enumerate(chars)
            )
            + bytes(range(len(chars), 256))
            for mode in (True, False)
        }
        # codes of the characters that fold to nothing (the same without casefold)
        self.dropped = bytes(code for code, char in enumerate(chars) if fold_char(char) == "")
        # translate table: code -> 0 for a character that folds to nothing, else 1
        self.kept = bytes(0 if code in self.dropped else 1 for code in range(256))
        # translate table: code -> 1 for a word character (is_word), else 0
        self.words = bytes(code < len(chars) and is_word(chars[code]) for code in range(256))
        # translate table: a word character's code -> itself, else a space
        self.spaced = bytes(code if self.words[code] else ord(" ") for code in range(256))
        # a run of characters outside the alphabet; a character that folds to nothing
        self.outside = re.compile("[^" + "".join(map(re.escape, chars)) + "]+")
        self.nothing = re.compile("[" + "".join(re.escape(chars[c]) for c in self.dropped) + "]")


@cache
def _alphabet() -> _Alphabet:
    chars: list[str] = []
    for char in dict.fromkeys(_preferred()):
        foldings = {fold_char(char, True), fold_char(char, False)}
        # At most one character each; and nothing folds to nothing in one mode only, so that
        # `dropped` (and origin_map) serve both.
        if all(len(folded) <= 1 for folded in foldings) and (
            "" not in foldings or foldings == {""}
        ):
            chars.append(char)
    chars = chars[:256]
    while True:  # every folding must be a character of the alphabet
        known = set(chars) | {""}
        kept = [char for char in chars if {fold_char(char, True), fold_char(char, False)} <= known]
        if kept == chars:
            break
        chars = kept
    assert chars[:128] == [chr(code) for code in range(128)]  # ASCII is its own code
    return _Alphabet(chars)
