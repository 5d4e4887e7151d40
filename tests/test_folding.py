"""Folding for search: table-driven per script, and the offset map back to the original."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ceasefire_cli.folding import fold_char, fold_map, fold_text


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
