"""The search as it was first written, event by event and character by character: the
reference the fast search (ceasefire_cli.search) must agree with, result for result.

Kept as written but for its imports and the folding, which is fold_char for each character.

Full-text search over events: Arabic-aware matching and BM25F ranking. Pure.

Matching is done on folded text (folding.py) and reported as spans of the original text.
A term matches where a word starts (in Arabic also after the clitics و ف ب ل ك and ال, so
'اسطنبول' finds 'واسطنبول'; a query word with a clitic that finds nothing is tried without
it); with `word=True` it must also end where a word ends. A term that is a spelling of an
actor or a place (any language) also finds that one's other spellings, as whole words.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ceasefire_cli.errors import UsageError, quote
from ceasefire_cli.folding import Folded, fold_char
from ceasefire_cli.model import Event, Timeline
from ceasefire_cli.query import actor_names
from ceasefire_cli.search import Hit, Match, SearchOptions, SearchResult
from ceasefire_cli.searchquery import (
    ARABIC_CLITICS,
    FIELDS,
    Term,
    article_variants,
    clitic_variants,
    is_case_sensitive,
    parse_query,
    phrase_gap,
    phrase_words,
    regex_is_case_sensitive,
)

# Field weights for ranking: title above summary above the quote (and the rest).
WEIGHTS = {
    "title": 4.0,
    "summary": 2.0,
    "actors": 1.0,
    "places": 1.0,
    "tags": 1.0,
    "text_ar": 1.0,
    "note": 0.5,
}
LIST_FIELDS = frozenset({"actors", "places", "tags"})
REGEX_SECONDS = 2.0  # the whole -E search: a pattern that needs longer is refused
_K1, _B = 1.2, 0.75
_TOKEN = re.compile(r"\w+")


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


# --- the searchable text of an event ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Value:
    field: str
    item: str
    folded: Folded


def _field_texts(event: Event, timeline: Timeline) -> Iterator[tuple[str, str, str]]:
    """(field, item, text) for every searchable text, every spelling of every list item."""
    for text_field in ("title", "summary", "text_ar", "note"):
        value = getattr(event, text_field)
        if value:
            yield text_field, text_field, value
    for actor_id in event.actors:
        actor = timeline.actor(actor_id)
        for spelling in actor_names(actor) if actor else (actor_id,):
            yield "actors", actor_id, spelling
    places = {place.name: place for place in timeline.places}
    for place_name in event.places:
        place = places.get(place_name)
        spellings: tuple[str | None, ...] = (
            (place_name, place.name_ar, *place.aliases) if place else (place_name,)
        )
        for written in spellings:
            if written:
                yield "places", place_name, written
    for tag in event.tags:
        yield "tags", tag, tag


@dataclass
class _Index:
    """Folded values of every event and the field lengths BM25F needs, built once a search."""

    casefold: bool
    values: dict[str, list[_Value]] = field(default_factory=dict)
    lengths: dict[str, dict[str, int]] = field(default_factory=dict)  # event -> field -> length

    def add(self, event: Event, timeline: Timeline) -> None:
        values = [
            _Value(name, item, fold_map(text, casefold=self.casefold))
            for name, item, text in _field_texts(event, timeline)
        ]
        self.values[event.id] = values
        lengths: dict[str, int] = {}
        for value in values:
            if value.field not in LIST_FIELDS:
                lengths[value.field] = len(_TOKEN.findall(value.folded.text))
        for name in LIST_FIELDS:  # an actor, place or tag counts once, however it is spelled
            lengths[name] = len({v.item for v in values if v.field == name})
        self.lengths[event.id] = lengths

    def average(self, name: str) -> float:
        total = sum(lengths.get(name, 0) for lengths in self.lengths.values())
        return total / len(self.lengths) if self.lengths else 0.0


# --- matching ------------------------------------------------------------------------------------


def _alias_groups(timeline: Timeline, casefold: bool) -> list[set[str]]:
    groups = [set(actor_names(actor)) for actor in timeline.actors]
    for place in timeline.places:
        groups.append({place.name, *place.aliases, *((place.name_ar,) if place.name_ar else ())})
    return [{" ".join(fold_text(n, casefold=casefold).split()) for n in group} for group in groups]


def _compile(spellings: set[str]) -> re.Pattern[str] | None:
    if not spellings:
        return None
    # Words of a phrase may be separated by any run of space or dashes; longest first.
    parts = [
        re.escape(words[0]) + "".join(phrase_gap(word) + re.escape(word) for word in words[1:])
        for words in (phrase_words(s) for s in spellings)
        if words
    ]
    return re.compile("|".join(sorted(parts, key=len, reverse=True))) if parts else None


def _word_char(char: str) -> bool:
    # A mark that folds away (harakat, accents) belongs to the word it sits on.
    return char.isalnum() or fold_char(char) == ""


def _starts_word(folded: str, start: int) -> bool:
    if start == 0 or not folded[start - 1].isalnum():
        return True
    if not ("\u0600" <= folded[start] <= "\u06ff"):  # clitics attach to Arabic words only
        return False
    word_start = start
    while word_start > 0 and folded[word_start - 1].isalnum():
        word_start -= 1
    return folded[word_start:start] in ARABIC_CLITICS


def _ends_word(folded: str, end: int) -> bool:
    return end == len(folded) or not folded[end].isalnum()


@dataclass(frozen=True, slots=True)
class _Finder:
    """Finds one query term (or the -E pattern) in the values of the fields it may search."""

    label: str
    fields: tuple[str, ...]
    word: bool
    typed: re.Pattern[str] | None = None  # the query's own spellings: a word start suffices
    aliases: re.Pattern[str] | None = None  # other spellings of the same one: whole words
    regex: Any = None  # a `regex` module pattern, for -E
    clock: list[float] = field(default_factory=list)  # -E: the seconds still allowed

    def find(self, value: _Value) -> Iterator[Match]:
        if value.field not in self.fields:
            return
        if self.regex is not None:
            yield from self._find_regex(value)
            return
        text = value.folded.text
        spans = []
        for pattern, whole in ((self.typed, self.word), (self.aliases, True)):
            if pattern is None:
                continue
            for found in pattern.finditer(text):
                start, end = found.span()
                if start == end or not _starts_word(text, start):
                    continue
                if whole and not _ends_word(text, end):
                    continue
                spans.append((start, end))
        # A spelling inside a longer one ('لافروف' in 'سيرغي لافروف') is one match, not two.
        last_end = -1
        for start, end in sorted(spans, key=lambda span: (span[0], -span[1])):
            if start >= last_end:
                last_end = end
                yield _match(value, *value.folded.to_original(start, end))

    def _find_regex(self, value: _Value) -> Iterator[Match]:
        import time

        original = value.folded.original
        began = time.monotonic()
        try:
            found = list(self.regex.finditer(original, timeout=max(self.clock[0], 0.001)))
        except TimeoutError:
            raise UsageError(
                f"-E/--regex: {quote(self.label)} took more than {REGEX_SECONDS:g} s to match",
                "simplify the pattern (nested repeats like (a+)+ backtrack without end)",
            ) from None
        finally:
            self.clock[0] -= time.monotonic() - began
        for hit in found:
            start, end = hit.span()
            if start == end:
                continue
            if self.word and not (
                (start == 0 or not _word_char(original[start - 1]))
                and (end == len(original) or not _word_char(original[end]))
            ):
                continue
            yield _match(value, start, end)


def _match(value: _Value, start: int, end: int) -> Match:
    original = value.folded.original
    return Match(value.field, start, end, original[start:end], original, value.item)


def compile_regex(words: Sequence[str], ignore_case: bool) -> Any:
    import regex  # the `regex` module: like re, but a match can be given a time limit

    text = " ".join(words)
    if not text:
        raise UsageError("-E/--regex: the pattern is empty", "give a pattern, e.g. -E '1[0-2]-day'")
    flags = 0 if regex_is_case_sensitive(text, ignore_case) else regex.IGNORECASE
    try:
        return regex.compile(text, flags)
    except regex.error as err:
        raise UsageError(
            f"-E/--regex: {quote(text)} is not a valid regular expression: {err}",
            "fix the pattern, or search for plain words without -E",
        ) from None


def _allowed(term_field: str | None, fields: tuple[str, ...]) -> tuple[str, ...]:
    return (term_field,) if term_field else (fields or FIELDS)


def _term_finder(
    term: Term,
    groups: list[set[str]],
    options: SearchOptions,
    casefold: bool,
    *,
    strip_clitics: bool,
) -> _Finder:
    folded = " ".join(fold_text(term.text, casefold=casefold).split())
    spelled = clitic_variants(folded) if strip_clitics else (folded,)
    typed = {variant for spelling in spelled for variant in article_variants(spelling)}
    aliases: set[str] = set()
    for group in groups:
        if typed & group:
            aliases |= group
    return _Finder(
        term.text,
        _allowed(term.field, options.fields),
        options.word,
        typed=_compile(typed),
        aliases=_compile(aliases - typed),
    )


# --- ranking ---------------------------------------------------------------------------------


def _weighted_frequency(matches: Sequence[Match], index: _Index, event_id: str) -> float:
    """BM25F: each field's count, normalised by that field's length, weighted, summed.

    A match counts once per place in a text field, and once per actor, place or tag."""
    counts: dict[str, int] = {}
    for name in {m.field for m in matches}:
        in_field = [m for m in matches if m.field == name]
        counts[name] = len({m.item for m in in_field}) if name in LIST_FIELDS else len(in_field)
    total = 0.0
    for name, count in counts.items():
        average = index.average(name)
        length = index.lengths[event_id].get(name, 0)
        norm = (1 - _B + _B * length / average) if average else 1.0
        total += WEIGHTS[name] * count / norm
    return total


def _score(frequencies: list[float], dfs: list[int], total: int) -> float:
    score = 0.0
    for tf, df in zip(frequencies, dfs, strict=True):
        if tf > 0:
            idf = math.log(1 + (total - df + 0.5) / (df + 0.5))
            score += idf * tf * (_K1 + 1) / (tf + _K1)
    return score


def search_events(
    timeline: Timeline, events: Sequence[Event], words: Sequence[str], options: SearchOptions
) -> SearchResult:
    """Rank `events` (already filtered) against the query `words`."""
    for name in options.fields:
        if name not in FIELDS:
            close = difflib.get_close_matches(name, FIELDS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"choose from {', '.join(FIELDS)}"
            raise UsageError(f"--in: '{name}' is not a searchable field", hint)
    if options.regex:
        pattern = compile_regex(words, options.ignore_case)
        casefold = not regex_is_case_sensitive(" ".join(words), options.ignore_case)
        finders = [
            _Finder(
                " ".join(words),
                _allowed(None, options.fields),
                options.word,
                regex=pattern,
                clock=[REGEX_SECONDS],
            )
        ]
        terms: tuple[Term, ...] = ()
    else:
        terms = parse_query(words)
        casefold = not is_case_sensitive(terms, options.ignore_case)
    index = _Index(casefold)
    for event in events:
        index.add(event, timeline)
    if not options.regex:
        groups = _alias_groups(timeline, casefold)
        finders = [_term_finder(t, groups, options, casefold, strip_clitics=False) for t in terms]
    found = _find_all(index, events, finders)
    for position, term in enumerate(terms):
        if not any(matches[position] for matches in found.values()):
            # Nothing as typed: try the Arabic word without a clitic (واسطنبول -> اسطنبول).
            finders[position] = _term_finder(term, groups, options, casefold, strip_clitics=True)
            found = _find_all(index, events, finders)
    return _rank(index, events, found, finders, options, casefold)


def _find_all(
    index: _Index, events: Sequence[Event], finders: Sequence[_Finder]
) -> dict[str, list[list[Match]]]:
    return {
        event.id: [
            [match for value in index.values[event.id] for match in finder.find(value)]
            for finder in finders
        ]
        for event in events
    }


def _rank(
    index: _Index,
    events: Sequence[Event],
    found: dict[str, list[list[Match]]],
    finders: Sequence[_Finder],
    options: SearchOptions,
    casefold: bool,
) -> SearchResult:
    dfs = [sum(1 for matches in found.values() if matches[i]) for i in range(len(finders))]
    hits = []
    for event in events:
        per_term = found[event.id]
        matched = [bool(matches) for matches in per_term]
        if not (any(matched) if options.any_term else all(matched)):
            continue
        frequencies = [_weighted_frequency(m, index, event.id) for m in per_term]
        unique = {(m.field, m.value, m.start, m.end): m for matches in per_term for m in matches}
        ordered = sorted(unique.values(), key=lambda m: (FIELDS.index(m.field), m.value, m.start))
        score = round(_score(frequencies, dfs, len(events)), 4)
        hits.append(Hit(event, score, tuple(ordered)))
    if options.sort == "date":
        hits.sort(key=lambda hit: hit.event.sort_key)
    else:
        hits.sort(key=lambda hit: (-hit.score, hit.event.sort_key))
    labels = [finder.label for finder in finders]
    unmatched = tuple(label for label, df in zip(labels, dfs, strict=True) if df == 0)
    suggestions: tuple[str, ...] = ()
    if not hits and unmatched and not options.regex:
        suggestions = _suggest(unmatched, index, casefold)
    return SearchResult(tuple(hits), suggestions, unmatched)


def _suggest(labels: Sequence[str], index: _Index, casefold: bool) -> tuple[str, ...]:
    """The dataset's closest words to each term that found nothing (typo tolerance)."""
    vocabulary: dict[str, str] = {}
    for values in index.values.values():
        for value in values:
            for token in _TOKEN.finditer(value.folded.text):
                first, last = value.folded.to_original(token.start(), token.end())
                vocabulary.setdefault(token.group(), value.folded.original[first:last])
    suggestions: list[str] = []
    for label in labels:
        folded = " ".join(fold_text(label, casefold=casefold).split())
        for close in difflib.get_close_matches(folded, list(vocabulary), n=2, cutoff=0.75):
            suggestions.append(vocabulary[close])
    return tuple(dict.fromkeys(suggestions))
