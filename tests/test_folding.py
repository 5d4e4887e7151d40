"""Folding for search: table-driven per script, and the offset map back to the original."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceasefire_cli.folding import (
    Offsets,
    distinct_words,
    fold_char,
    fold_map,
    fold_text,
    fold_words,
    origin_map,
    to_original,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        # Latin and Cyrillic: case folding and accents
        ("Zelenskyy", "zelenskyy"),
        ("Zelénskyy", "zelenskyy"),
        ("Türkiye", "turkiye"),
        ("Genève", "geneve"),
        ("Straße", "strasse"),
        ("ﬁnal", "final"),
        ("Зеленський", "зеленськии"),  # й is и + breve: the accent goes
        ("ПУТИН", "путин"),
        # Arabic: harakat, superscript alef and tatweel dropped
        ("إِسْطَنْبُول", "اسطنبول"),
        ("بُوتِين", "بوتين"),
        ("ســلام", "سلام"),
        ("هٰذا", "هذا"),
        # Arabic letter forms
        ("أإآٱ", "اااا"),
        ("مستشفى", "مستشفي"),
        ("مدينة", "مدينه"),
        ("مؤتمر", "موتمر"),
        ("رئيس", "رييس"),
        # digits and punctuation
        ("١٢ شباط ٢٠٢٥", "12 شباط 2025"),
        ("۱۲۳", "123"),
        ("روسيا، أوكرانيا؛ لماذا؟", "روسيا  اوكرانيا  لماذا "),
    ],
)
def test_fold_text(text: str, folded: str) -> None:
    assert fold_text(text) == folded


def test_smart_case_keeps_case_but_still_folds_accents() -> None:
    assert fold_text("Zelénskyy", casefold=False) == "Zelenskyy"


def test_offsets_round_trip_where_folding_changed_the_length() -> None:
    original = "قال بُوتِين: «إِسْطَنْبُول» Straße"
    folded = fold_map(original)
    for word in ("بوتين", "اسطنبول", "strasse"):
        start = folded.text.index(word)
        first, last = folded.to_original(start, start + len(word))
        assert fold_text(original[first:last]) == word
    start = folded.text.index("اسطنبول")
    assert original[slice(*folded.to_original(start, start + 7))] == "إِسْطَنْبُول"


@given(st.text(max_size=60), st.data())
def test_any_folded_span_maps_back_to_text_that_folds_to_it(text: str, data: st.DataObject) -> None:
    folded = fold_map(text)
    if not folded.text:
        return
    start = data.draw(st.integers(0, len(folded.text) - 1))
    end = data.draw(st.integers(start + 1, len(folded.text)))
    first, last = folded.to_original(start, end)
    # Widened to whole original characters: the original span folds to a superset that
    # contains the span, and exactly to it when the span starts and ends on whole characters.
    refolded = fold_text(text[first:last])
    assert folded.text[start:end] in refolded
    whole_start = folded.origin.index(folded.origin[start])
    whole_end = len(folded.origin) - folded.origin[::-1].index(folded.origin[end - 1])
    assert refolded == folded.text[whole_start:whole_end]


@given(st.characters())
def test_every_character_folds_without_error(char: str) -> None:
    assert isinstance(fold_char(char), str)


# --- the C-speed folding of whole texts against the definition, fold_char -------------------


def _reference(text: str, casefold: bool) -> tuple[str, tuple[int, ...]]:
    pieces: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char, casefold)
        pieces.append(folded)
        origin.extend([index] * len(folded))
    return "".join(pieces), tuple(origin)


# Text mostly from the alphabet folded by table (ASCII, Arabic with harakat, accents), with
# characters outside it (ß ﬁ ½ µ, Greek, Cyrillic, presentation forms, emoji) and anything else.
_TEXTS = st.text(
    st.one_of(
        st.sampled_from("aZ 9_.,-'\n\t\x00ÉéçüıšÇ«»’“–—\u00a0\u200c"),
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.sampled_from("ßﬁ½µ\u0345ΣςЖж\ufe8b\ufe70\ufe71…KſǅİŉﷲẞÅ\U0001d400\U0001f600"),
        st.characters(),
    ),
    max_size=40,
)


@given(_TEXTS, st.booleans())
def test_whole_text_folding_is_folding_each_character(text: str, casefold: bool) -> None:
    folded, origin = _reference(text, casefold)
    assert fold_text(text, casefold=casefold) == folded
    mapped = fold_map(text, casefold=casefold)
    assert (mapped.text, mapped.origin, mapped.original) == (folded, origin, text)
    mapped_origin = origin_map(text, casefold=casefold)  # None: the identity
    assert (tuple(range(len(text))) if mapped_origin is None else mapped_origin) == origin
    assert distinct_words(text) == set(re.findall(r"\w+", text))
    assert distinct_words(folded) == set(re.findall(r"\w+", folded))
    same, words, in_alphabet = fold_words(text, casefold=casefold)
    assert same == folded
    if in_alphabet and len(folded) == len(text):
        assert origin == tuple(range(len(text)))
    assert words == bytes(bool(re.fullmatch(r"\w", char)) for char in folded)


@given(_TEXTS, st.booleans(), st.data())
def test_spans_map_back_alike_with_or_without_the_origin_table(
    text: str, casefold: bool, data: st.DataObject
) -> None:
    folded = fold_map(text, casefold=casefold)
    start = data.draw(st.integers(0, len(folded.text)))
    end = data.draw(st.integers(start, len(folded.text)))
    expected = folded.to_original(start, end)
    assert to_original(text, origin_map(text, casefold=casefold), start, end) == expected
    assert Offsets(text, casefold=casefold).to_original(start, end) == expected
