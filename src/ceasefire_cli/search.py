"""Full-text search over events: query parsing, Arabic-aware matching, BM25 ranking. Pure.

Matching is done on folded text (folding.py) and reported as spans of the original text.
A term matches where a word starts (in Arabic also after the clitics و ف ب ل ك and ال, so
'اسطنبول' finds 'واسطنبول'); with `word=True` it must also end where a word ends. A term that
is a spelling of an actor or a place (any language) matches all of that one's spellings.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from .errors import UsageError
from .folding import fold_map, fold_text
from .model import Event, Timeline
from .query import actor_names

# Field weights for ranking: title above summary above the quote (and the rest).
WEIGHTS = {
    "title": 3.0,
    "summary": 2.0,
    "actors": 2.0,
    "places": 2.0,
    "tags": 2.0,
    "text_ar": 1.0,
    "note": 1.0,
}
FIELDS = tuple(WEIGHTS)
LIST_FIELDS = frozenset({"actors", "places", "tags"})
QUALIFIERS = {"actor": "actors", "place": "places", "tag": "tags"} | {name: name for name in FIELDS}
_K1, _B = 1.2, 0.75
_ARABIC_CLITICS = re.compile("^[وف]?[بلك]?(?:ال)?$|^[وف]?لل$")
_TOKEN = re.compile(r"\w+")
_QUERY_TOKEN = re.compile(r'(?:(\w+):)?(?:"([^"]*)"?|(\S+))')


@dataclass(frozen=True, slots=True)
class Term:
    """One query term: the words as typed, the field it is limited to, and its spellings."""

    text: str
    field: str | None = None
    phrase: bool = False


@dataclass(frozen=True, slots=True)
class SearchOptions:
    any_term: bool = False
    regex: bool = False
    word: bool = False
    ignore_case: bool = False
    fields: tuple[str, ...] = ()  # --in; empty = all
    sort: str = "relevance"  # or "date"


@dataclass(frozen=True, slots=True)
class Match:
    field: str
    start: int
    end: int
    text: str
    value: str  # the whole text the offsets index into (the field's text, or one list item)
    item: str = ""  # what the match counts for in ranking (see _Value.item)


@dataclass(frozen=True, slots=True)
class Hit:
    event: Event
    score: float
    matches: tuple[Match, ...]


@dataclass(frozen=True, slots=True)
class SearchResult:
    hits: tuple[Hit, ...]
    suggestions: tuple[str, ...] = ()  # closest dataset words, when nothing matched
    unmatched: tuple[str, ...] = ()  # terms that matched no event at all


def parse_query(words: Sequence[str]) -> tuple[Term, ...]:
    """`lavrov "black sea" actor:putin place:"saudi arabia"` -> terms; quotes make a phrase."""
    terms = []
    for match in _QUERY_TOKEN.finditer(" ".join(words)):
        qualifier, quoted, bare = match.groups()
        if qualifier and qualifier.casefold() not in QUALIFIERS:
            # Not a field name ("http:" or "10:30"): the whole thing is text.
            terms.append(Term(match.group(0).strip('"')))
            continue
        text = quoted if quoted is not None else bare
        if not text or not text.strip():
            continue
        field_name = QUALIFIERS[qualifier.casefold()] if qualifier else None
        terms.append(Term(text.strip(), field_name, phrase=quoted is not None))
    if not terms:
        raise UsageError("the query is empty", "give at least one word: ceasefire search istanbul")
    return tuple(terms)


def _smart_case(words: Sequence[str], ignore_case: bool) -> bool:
    """Case-sensitive only when the query has an uppercase letter and -i was not given."""
    return not ignore_case and any(char.isupper() for char in " ".join(words))


# --- the searchable text of an event ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Value:
    field: str
    item: str  # what a match counts for: the field, or one actor, place or tag of a list field
    text: str
    folded: str
    origin: tuple[int, ...]


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
    """Folded values of every event, built once per search."""

    casefold: bool
    values: dict[str, list[_Value]] = field(default_factory=dict)
    lengths: dict[str, int] = field(default_factory=dict)

    def add(self, event: Event, timeline: Timeline) -> None:
        values = []
        for name, item, text in _field_texts(event, timeline):
            folded = fold_map(text, casefold=self.casefold)
            values.append(_Value(name, item, text, folded.text, folded.origin))
        self.values[event.id] = values
        # Length for BM25: the words of the text fields, and one per actor, place or tag,
        # however many spellings it has.
        texts = sum(len(_TOKEN.findall(v.folded)) for v in values if v.field not in LIST_FIELDS)
        items = {(v.field, v.item) for v in values if v.field in LIST_FIELDS}
        self.lengths[event.id] = texts + len(items)


# --- matching ------------------------------------------------------------------------------------


def _alias_groups(timeline: Timeline, casefold: bool) -> list[set[str]]:
    groups = [set(actor_names(actor)) for actor in timeline.actors]
    for place in timeline.places:
        groups.append({place.name, *place.aliases, *((place.name_ar,) if place.name_ar else ())})
    return [{fold_text(name, casefold=casefold).strip() for name in group} for group in groups]


def _spellings(term: Term, groups: list[set[str]], casefold: bool) -> tuple[str, ...]:
    folded = " ".join(fold_text(term.text, casefold=casefold).split())
    found = {folded}
    for group in groups:
        if folded in group:
            found |= group
    return tuple(sorted(found))


def _pattern(spellings: Iterable[str]) -> re.Pattern[str]:
    # Words of a phrase may be separated by any run of space in the text.
    parts = [r"\s+".join(re.escape(word) for word in spelling.split()) for spelling in spellings]
    return re.compile("|".join(f"(?:{part})" for part in sorted(parts, key=len, reverse=True)))


def _starts_word(folded: str, start: int) -> bool:
    if start == 0 or not folded[start - 1].isalnum():
        return True
    if not _is_arabic(folded[start]):  # clitics attach to Arabic words only
        return False
    word_start = start
    while word_start > 0 and folded[word_start - 1].isalnum():
        word_start -= 1
    return bool(_ARABIC_CLITICS.match(folded[word_start:start]))


def _ends_word(folded: str, end: int) -> bool:
    return end == len(folded) or not folded[end].isalnum()


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" for char in text)


def _find(value: _Value, pattern: re.Pattern[str], word: bool) -> Iterator[Match]:
    for found in pattern.finditer(value.folded):
        start, end = found.span()
        if start == end or not _starts_word(value.folded, start):
            continue
        if word and not _ends_word(value.folded, end):
            continue
        first, last = value.origin[start], value.origin[end - 1] + 1
        yield Match(value.field, first, last, value.text[first:last], value.text, value.item)


def _find_regex(value: _Value, pattern: re.Pattern[str], word: bool) -> Iterator[Match]:
    for found in pattern.finditer(value.text):
        start, end = found.span()
        if start == end:
            continue
        if word and not (
            (start == 0 or not value.text[start - 1].isalnum()) and _ends_word(value.text, end)
        ):
            continue
        yield Match(value.field, start, end, value.text[start:end], value.text, value.item)


def compile_regex(words: Sequence[str], ignore_case: bool) -> re.Pattern[str]:
    text = " ".join(words)
    flags = 0 if _smart_case(words, ignore_case) else re.IGNORECASE
    try:
        return re.compile(text, flags)
    except re.error as err:
        raise UsageError(
            f"-E/--regex: '{text}' is not a valid regular expression: {err}",
            "fix the pattern, or search for plain words without -E",
        ) from None


# --- ranking ---------------------------------------------------------------------------------


def _bm25(
    term_freqs: list[float], dfs: list[int], total: int, length: int, average: float
) -> float:
    score = 0.0
    for tf, df in zip(term_freqs, dfs, strict=True):
        if tf <= 0:
            continue
        idf = math.log(1 + (total - df + 0.5) / (df + 0.5))
        norm = _K1 * (1 - _B + _B * length / average) if average else _K1
        score += idf * tf * (_K1 + 1) / (tf + norm)
    return score


@dataclass(frozen=True, slots=True)
class _Finder:
    """Finds one query term (or the whole regex) in the values of the fields it may search."""

    label: str
    pattern: re.Pattern[str]
    fields: tuple[str, ...]
    word: bool
    regex: bool = False

    def find(self, value: _Value) -> Iterator[Match]:
        if value.field not in self.fields:
            return iter(())
        if self.regex:
            return _find_regex(value, self.pattern, self.word)
        return _find(value, self.pattern, self.word)


def _finders(
    timeline: Timeline, words: Sequence[str], options: SearchOptions, casefold: bool
) -> list[_Finder]:
    if options.regex:
        pattern = compile_regex(words, options.ignore_case)
        fields = _allowed(None, options.fields)
        return [_Finder(" ".join(words), pattern, fields, options.word, regex=True)]
    groups = _alias_groups(timeline, casefold)
    return [
        _Finder(
            term.text,
            _pattern(_spellings(term, groups, casefold)),
            _allowed(term.field, options.fields),
            options.word,
        )
        for term in parse_query(words)
    ]


def _term_frequency(matches: Sequence[Match]) -> float:
    """Weighted count: each match in a text field, each matched actor, place or tag once."""
    text_matches = sum(WEIGHTS[m.field] for m in matches if m.field not in LIST_FIELDS)
    items = {(m.field, m.item) for m in matches if m.field in LIST_FIELDS}
    return text_matches + sum(WEIGHTS[field_name] for field_name, _ in items)


def _allowed(term_field: str | None, fields: tuple[str, ...]) -> tuple[str, ...]:
    if term_field:
        return (term_field,)
    return fields or FIELDS


def search_events(
    timeline: Timeline, events: Sequence[Event], words: Sequence[str], options: SearchOptions
) -> SearchResult:
    """Rank `events` (already filtered) against the query `words`."""
    for name in options.fields:
        if name not in FIELDS:
            close = difflib.get_close_matches(name, FIELDS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"choose from {', '.join(FIELDS)}"
            raise UsageError(f"--in: '{name}' is not a searchable field", hint)
    casefold = not _smart_case(words, options.ignore_case)
    index = _Index(casefold)
    for event in events:
        index.add(event, timeline)
    finders = _finders(timeline, words, options, casefold)
    per_event = {
        event.id: [
            [match for value in index.values[event.id] for match in finder.find(value)]
            for finder in finders
        ]
        for event in events
    }
    dfs = [sum(1 for found in per_event.values() if found[i]) for i in range(len(finders))]
    total = len(events)
    average = sum(index.lengths.values()) / total if total else 0.0
    hits = []
    for event in events:
        found = per_event[event.id]
        matched = [bool(matches) for matches in found]
        if not (any(matched) if options.any_term else all(matched)):
            continue
        tfs = [_term_frequency(matches) for matches in found]
        score = _bm25(tfs, dfs, total, index.lengths[event.id], average)
        unique = {(m.field, m.value, m.start, m.end): m for matches in found for m in matches}
        ordered = sorted(unique.values(), key=lambda m: (FIELDS.index(m.field), m.value, m.start))
        hits.append(Hit(event, round(score, 4), tuple(ordered)))
    if options.sort == "date":
        hits.sort(key=lambda hit: hit.event.sort_key)
    else:
        hits.sort(key=lambda hit: (-hit.score, hit.event.sort_key))
    labels = [finder.label for finder in finders]
    unmatched = tuple(label for label, df in zip(labels, dfs, strict=True) if df == 0)
    suggestions: tuple[str, ...] = ()
    if not hits and not options.regex:
        suggestions = _suggest(unmatched or tuple(labels), index, casefold)
    return SearchResult(tuple(hits), suggestions, unmatched)


def _suggest(labels: Sequence[str], index: _Index, casefold: bool) -> tuple[str, ...]:
    """The dataset's closest words to each term that found nothing (typo tolerance)."""
    vocabulary: dict[str, str] = {}
    for values in index.values.values():
        for value in values:
            for token in _TOKEN.finditer(value.folded):
                first = value.origin[token.start()]
                last = value.origin[token.end() - 1] + 1
                vocabulary.setdefault(token.group(), value.text[first:last])
    suggestions: list[str] = []
    for label in labels:
        folded = " ".join(fold_text(label, casefold=casefold).split())
        for close in difflib.get_close_matches(folded, list(vocabulary), n=2, cutoff=0.75):
            suggestions.append(vocabulary[close])
    return tuple(dict.fromkeys(suggestions))
