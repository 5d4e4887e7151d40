"""The fast search agrees with the reference (tests/reference_search.py), result for result.

The fast search folds whole fields at once, joins every event's text, matches once and maps
offsets back only for the events it returns; the reference reads each event alone, character by
character. On random events (English and Arabic words with harakat, clitics, accents and letter
forms; the bundled actors and places; ids that repeat) and random queries and options, both
return the same events in the same order, the same scores, matches, suggestions and unmatched
terms, or the same error.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import reference_search
from ceasefire_cli import UsageError, load_timeline
from ceasefire_cli.model import Event, Period, Precision, Timeline
from ceasefire_cli.search import SearchOptions, SearchResult, _Pattern, search_events

BUNDLED = load_timeline()

WORDS = (
    # English, with capitals, accents, ligatures and what folds to several letters
    "ceasefire", "Ceasefire", "CEASEFIRE", "truce", "talks", "Putin", "putin", "Kyiv", "Kyiv's",
    "black", "sea", "Black Sea", "grain", "Istanbul", "Zelénskyy", "Zelenskyy", "Türkiye",
    "Straße", "strasse", "ﬁnal", "final", "U.S.", "US", "10-day", "30-day", "snake_case",
    "Genève", "Geneva", "Moscow", "Lavrov", "Sergey Lavrov", "master of the Kremlin", "½",
    # Arabic: harakat, tatweel, letter forms, clitics, digits and punctuation
    "بوتين", "بُوتِين", "وبوتين", "لبوتين", "بوتينن", "لافروف", "سيرغي لافروف", "وسيرغي",
    "إسطنبول", "اسطنبول", "إِسْطَنْبُولُ", "واسطنبول", "بإسطنبول", "قائلاً", "قائلا", "مدينة",
    "مدينه", "الهدنة", "هدنة", "وقف", "ســلام", "مؤتمر", "رئيس", "١٢", "۱۲۳", "12", "،", "؟",
    "ﺑﻮﺗﻴﻦ", "البحر الأسود", "كييف", "الكرملين", "والكرملين", "ـ", "كرملين", "وبالكرملين",
    "فبالكرملين", "فللهدنة", "هدنه", "اوبالكرملين",
)  # fmt: skip
GLUE = (" ", " ", " ", "  ", "\n", ", ", ". ", "،", "-", "_", "\u00a0", "", "«", "»")
ACTORS = ("putin", "lavrov", "zelensky", "us", "kremlin", "ukraine", "ghost", "")
PLACES = ("Istanbul", "Black Sea", "Kyiv", "Geneva", "Nowhere", "")
TAGS = ("truce", "ceasefire", "talks", "Grain Deal", "")


@st.composite
def texts(draw: st.DrawFn) -> str | None:
    words = draw(st.lists(st.sampled_from(WORDS), max_size=12))
    if not words and draw(st.booleans()):
        return None
    glue = [draw(st.sampled_from(GLUE)) for _ in words]
    return "".join(g + w for g, w in zip(glue, words, strict=True))


@st.composite
def events(draw: st.DrawFn) -> tuple[Event, ...]:
    made = []
    for number in range(draw(st.integers(0, 8))):
        day = dt.date(2025, 1, 1) + dt.timedelta(days=draw(st.integers(0, 5)))
        # Some ids repeat: of two events with one id, the search reads the last.
        event_id = f"e{draw(st.integers(0, 9)) if draw(st.booleans()) else number + 10}"
        made.append(
            Event(
                id=event_id,
                date=day.isoformat(),
                precision=Precision.DAY,
                period=Period(day, day),
                title=draw(texts()) or "Untitled",
                summary=draw(texts()),
                text_ar=draw(texts()),
                note=draw(texts()),
                actors=tuple(draw(st.lists(st.sampled_from(ACTORS), max_size=3))),
                places=tuple(draw(st.lists(st.sampled_from(PLACES), max_size=2))),
                tags=tuple(draw(st.lists(st.sampled_from(TAGS), max_size=2))),
            )
        )
    return tuple(made)


QUALIFIERS = ("", "", "", "actor:", "place:", "tag:", "title:", "text_ar:", "summary:", "note:")
TYPOS = ("ceasfire", "ceasefir", "bootin", "بوتن", "istambul", "lavrof", "nothing")


@st.composite
def queries(draw: st.DrawFn, made: tuple[Event, ...]) -> list[str]:
    """Words of the events (often), or their ends (a word start, or a clitic, before them), or
    any word or typo; some quoted, some qualified."""
    written = [
        word
        for event in made
        for text in (event.title, event.summary, event.text_ar, event.note)
        for word in (text or "").split()
    ]
    words: list[str] = []
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.booleans()) and written:
            word = draw(st.sampled_from(written))
            word = word[draw(st.integers(0, max(len(word) - 2, 0))) :]
        else:
            word = draw(st.sampled_from(WORDS + TYPOS))
        if " " in word or draw(st.integers(0, 5)) == 0:
            word = f'"{word}"'
        words.append(draw(st.sampled_from(QUALIFIERS)) + word)
    return words


PATTERNS = (
    r"cease\w*", "truce|ceasefire", "^Putin", r"\bkyiv\b", "(?i)SEA", "[^ ]+fire", "a.b",
    "بوت", r"\d+-day", "ين$", r"(?:bl)?ack", "e+", "x*", r"\w+ \w+", "S", r"\s", ".",
    "(a|aa)+", r"ـ|\u064f", r"\Bfire", r"\mkyiv\M", r"s\b", r"\W+", r"\bبوتين",
)  # fmt: skip
OPTIONS = st.builds(
    SearchOptions,
    any_term=st.booleans(),
    word=st.booleans(),
    ignore_case=st.booleans(),
    fields=st.sampled_from(((), (), ("title",), ("text_ar", "actors"), ("places", "tags", "note"))),
    sort=st.sampled_from(("relevance", "date")),
)


def _outcome(search: Any, timeline: Timeline, words: list[str], options: SearchOptions) -> Any:
    try:
        result: SearchResult = search(timeline, timeline.events, words, options)
    except UsageError as error:
        return ("error", str(error))
    return (
        [(hit.event.id, hit.event.title, hit.matches) for hit in result.hits],
        [hit.score for hit in result.hits],
        result.suggestions,
        result.unmatched,
    )


def _agree(timeline: Timeline, words: list[str], options: SearchOptions) -> None:
    fast = _outcome(search_events, timeline, words, options)
    reference = _outcome(reference_search.search_events, timeline, words, options)
    if fast[0] == "error" or reference[0] == "error":
        assert fast == reference
        return
    assert fast[0] == reference[0]
    assert all(abs(a - b) <= 1e-9 for a, b in zip(fast[1], reference[1], strict=True))
    assert fast[2:] == reference[2:]


@given(events(), st.data(), OPTIONS)
def test_the_fast_search_finds_and_ranks_as_the_reference(
    made: tuple[Event, ...], data: st.DataObject, options: SearchOptions
) -> None:
    timeline = Timeline(made, BUNDLED.actors, places=BUNDLED.places)
    _agree(timeline, data.draw(queries(made)), options)


@given(events(), st.sampled_from(PATTERNS), OPTIONS)
def test_the_fast_regex_search_agrees_with_the_reference(
    made: tuple[Event, ...], pattern: str, options: SearchOptions
) -> None:
    timeline = Timeline(made, BUNDLED.actors, places=BUNDLED.places)
    _agree(timeline, [pattern], SearchOptions(**{**_fields(options), "regex": True}))


def _fields(options: SearchOptions) -> dict[str, Any]:
    return {name: getattr(options, name) for name in SearchOptions.__dataclass_fields__}


def _event(number: int, title: str, **fields: Any) -> Event:
    day = dt.date(2025, 1, 1) + dt.timedelta(days=number % 3)
    return Event(f"t{number}", day.isoformat(), Precision.DAY, Period(day, day), title, **fields)


# Texts where a word starts, or does not, after each kind of clitic, harakat, tatweel and
# presentation forms; phrases across lines; spellings inside longer ones; joiner characters.
TRICKY = Timeline(
    (
        _event(0, "x وبالكرملين y فللهدنة، وكرملين بكرملين الكرملين"),
        _event(1, "اوبالكرملين سيرغي\nلافروف، لافروف", text_ar="بُوتِين وبُوتِينُ بـوتـين ﺑﻮﺗﻴﻦ قائلاً"),
        _event(2, "Black\n Sea black-sea blacksea", summary="U.S. US-led USA", note="a\x00b \x01c"),
        _event(3, "Ceasefire CEASEFIRE ceasefires Straße ﬁnal ½", actors=("putin", "putin")),
        _event(3, "same id: the last is searched", places=("Black Sea", "Nowhere", "")),
        _event(4, "snake_case _case case_", text_ar="١٢-يوماً 12-day ۱۲", tags=("", "truce")),
        _event(5, "x", text_ar="قائلاً\x00بُوتِين و\x01بوتين ﺑﻮﺗﻴﻦ"),  # joiners, harakat
        _event(6, "y", text_ar="بُوتِين قائلاً"),
    ),
    BUNDLED.actors,
    places=BUNDLED.places,
)
TRICKY_QUERIES = (
    "كرملين", "الكرملين", "وكرملين", "هدنة", "لافروف", "سيرغي لافروف", '"سيرغي لافروف"', "بوتين",
    "وبوتين", "قائلا", "black", '"black sea"', "sea", "us", "U.S.", "ceasefire", "Ceasefire",
    "strasse", "final", "1", "case", "_case", "12", "يوما", "putin", "place:sea", "b", "c",
    "tag:truce", "actor:lavrov",
)  # fmt: skip


def test_tricky_texts_search_as_the_reference() -> None:
    for query in TRICKY_QUERIES:
        for options in (SearchOptions(), SearchOptions(word=True), SearchOptions(ignore_case=True)):
            _agree(TRICKY, [query], options)
    for pattern in (*PATTERNS, r"\x00", "b.c", r"a\W+b", "كرملين$"):
        _agree(TRICKY, [pattern], SearchOptions(regex=True))
        _agree(TRICKY, [pattern], SearchOptions(regex=True, word=True))


def test_terms_whose_folded_spans_are_one_span_of_the_original_match_once() -> None:
    # 'ß' folds to 'ss': 'stras' and 'strass' end at different places of the folded 'strasse'
    # but both at the end of 'Straß', so they are one match, in either order of the terms.
    timeline = Timeline(
        (_event(0, "Straße strasse", summary="Straße ½"), _event(1, "strasse", note="Straße")),
        BUNDLED.actors,
        places=BUNDLED.places,
    )
    for words in (["stras", "strass"], ["strass", "stras"], ["stras", "Straße"], ["1", "2"]):
        for options in (SearchOptions(), SearchOptions(any_term=True)):
            _agree(timeline, words, options)


def test_the_bundled_dataset_searches_as_the_reference() -> None:
    for words in (["istanbul"], ["لافروف"], ["ceasefire", "بوتين"], ["actor:putin"], ["truse"]):
        for options in (SearchOptions(), SearchOptions(any_term=True), SearchOptions(word=True)):
            _agree(BUNDLED, words, options)
    _agree(BUNDLED, [r"\d+-(day|hour)"], SearchOptions(regex=True))


# Spellings and texts over a few letters, so that spellings extend, contain and overlap each
# other (and themselves) and recur in the text.
_SPELLINGS = st.sets(
    st.lists(st.text("abا.", min_size=1, max_size=4), min_size=1, max_size=3).map(" ".join),
    min_size=1,
    max_size=6,
)


@given(_SPELLINGS, st.text("abا. \n", max_size=40))
def test_a_terms_spellings_match_as_the_plain_alternation(spellings: set[str], text: str) -> None:
    plain = reference_search._compile(spellings)
    assert plain is not None
    assert _Pattern(spellings).spans(text) == [found.span() for found in plain.finditer(text)]
