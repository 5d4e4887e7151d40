"""Full-text search over events: Arabic-aware matching and BM25F ranking. Pure.

Matching is done on folded text (folding.py) and reported as spans of the original text.
A term matches where a word starts (in Arabic also after the clitics و ف ب ل ك and ال, so
'اسطنبول' finds 'واسطنبول'; a query word with a clitic that finds nothing is tried without
it); with `word=True` it must also end where a word ends. A term that is a spelling of an
actor or a place (any language) also finds that one's other spellings, as whole words.

How it stays fast on a large dataset (the results are those of matching each text on its own,
tests/reference_search.py): each text field of every event is joined into one string (by a
control character the query does not hold) and folded at C speed, so a pattern runs once over
all events and words are counted with bytes.count; actors, places and tags are matched once per
spelling, not once per event; in text fields (without -E), offsets are mapped back to the
original, and Match objects made, only for the events that are returned.
"""

from __future__ import annotations

import bisect
import collections
import functools
import itertools
import math
import operator
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from .errors import UsageError, quote
from .folding import Offsets, distinct_words, fold_char, fold_text, fold_words, to_original
from .model import Event, Place, Timeline
from .query import actor_names
from .searchquery import (
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
from .text import close_matches

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
TEXT_FIELDS = ("title", "summary", "text_ar", "note")  # in the order an event's texts are read
REGEX_SECONDS = 2.0  # the whole -E search: a pattern that needs longer is refused
_K1, _B = 1.2, 0.75
_LONGEST_CLITIC = max(map(len, ARABIC_CLITICS))
# Characters that may join the texts of a field: neither letters, digits nor space, so that a
# word (or a phrase, which spans space) cannot run from one text into the next.
_JOINERS = tuple(map(chr, range(9)))
_START = operator.itemgetter(0)  # of a span

__all__ = ["FIELDS", "Hit", "Match", "SearchOptions", "SearchResult", "Term", "parse_query"]


@dataclass(frozen=True, slots=True)
class SearchOptions:
    any_term: bool = False
    regex: bool = False
    word: bool = False
    ignore_case: bool = False
    fields: tuple[str, ...] = ()  # --in; empty = all
    sort: str = "relevance"  # or "date"


# Match and Hit are NamedTuples, not frozen dataclasses: a big search makes hundreds of
# thousands of them, and a frozen dataclass's __init__ (object.__setattr__ per field) cost
# about 13.5k instructions each.
class Match(NamedTuple):
    field: str
    start: int
    end: int
    text: str
    value: str  # the whole text the offsets index into (the field's text, or one list item)
    item: str = ""  # what the match counts for in ranking: the field, or one actor/place/tag


class Hit(NamedTuple):
    event: Event
    score: float
    matches: tuple[Match, ...]


@dataclass(frozen=True, slots=True)
class SearchResult:
    hits: tuple[Hit, ...]
    suggestions: tuple[str, ...] = ()  # closest dataset words, when a term matched nothing
    unmatched: tuple[str, ...] = ()  # terms that matched no event at all


# --- the searchable text of the events ----------------------------------------------------------


class _Column:
    """Texts searched as one: a text field of every event that has it, or every spelling of
    every actor, place or tag. They are joined by a control character the query does not hold,
    neither a letter, a digit nor space, so no match or word runs from one text into the next
    (it is like the end of a text); folded as one string (each text alone if one holds the
    joiner); where each text starts in it is kept."""

    def __init__(
        self, name: str, texts: list[str], owners: list[int], casefold: bool, avoid: str
    ) -> None:
        self.name = name
        self.originals = texts
        self.owners = owners  # for each text: its event's position, or its item's (in order)
        self.items: list[str] | None = None  # a list field's: what each text is a spelling of
        self.casefold = casefold
        self._offsets: dict[int, Offsets | None] = {}
        self._original_starts: list[int] | None = None
        self._texts: dict[int, int] | None = None
        self.joiner = next((j for j in _JOINERS if j not in avoid), "\x00")
        # A pattern that holds the joiner could match across texts: run it on each alone.
        self.separate = self.joiner in avoid
        self.joined = self.joiner + self.joiner.join(texts)

    @functools.cached_property
    def _folding(self) -> tuple[str, bytes, bool, list[int] | None]:
        """Folded when first needed (-E matches the original texts, and needs the folded ones
        only to count the words of fields it matched in)."""
        folded, words, in_alphabet = fold_words(self.joined, casefold=self.casefold)
        if folded.count(self.joiner) != len(self.originals):
            # A text holds the joiner: fold each alone, to know where each starts.
            each = [fold_words(text, casefold=self.casefold) for text in self.originals]
            folded = self.joiner + self.joiner.join(text for text, _, _ in each)
            words = b"\x00" + b"\x00".join(text_words for _, text_words, _ in each)
            in_alphabet = all(known for _, _, known in each)
            return folded, words, in_alphabet, _starts(len(text) for text, _, _ in each)
        return folded, words, in_alphabet, None

    @functools.cached_property
    def folded(self) -> str:
        """The texts folded and joined."""
        return self._folding[0]

    @functools.cached_property
    def words(self) -> bytes:
        """For each character of `folded`, 1 if it is a word character (\\w), else 0."""
        return self._folding[1]

    @functools.cached_property
    def in_alphabet(self) -> bool:
        """Whether every character folded to at most one (see folding.fold_words)."""
        return self._folding[2]

    @functools.cached_property
    def starts(self) -> list[int]:
        """Where each text starts in `folded` (found when first needed)."""
        folded, _, _, starts = self._folding
        if starts is not None:
            return starts
        if self.same_offsets:
            return self.original_starts()  # nothing dropped: the same places
        return _starts(map(len, folded.split(self.joiner)[1:]))

    def end(self, k: int) -> int:
        """Where text k ends in `folded`."""
        return self.ends[k]

    @functools.cached_property
    def ends(self) -> list[int]:
        """Where each text ends in `folded` (where the joiner after it is, or the end)."""
        return [*map(operator.sub, self.starts[1:], itertools.repeat(1)), len(self.folded)]

    def value_at(self, position: int) -> int:
        """The text that position `position` of `folded` is in (or the one before a joiner)."""
        return bisect.bisect_right(self.starts, position) - 1

    def text_of(self, event: int) -> int | None:
        """The text of the event at position `event` (a text field's column), if it has one."""
        if self._texts is None:
            self._texts = dict(zip(self.owners, range(len(self.owners)), strict=True))
        return self._texts.get(event)

    def texts_of(self, owner: int) -> range:
        """The texts of an event, or of an actor, place or tag (its spellings)."""
        owners = self.owners  # in order
        return range(bisect.bisect_left(owners, owner), bisect.bisect_right(owners, owner))

    def words_in(self, k: int) -> int:
        """The number of words (\\w+) in folded text k."""
        return self.words.count(b"\x00\x01", self.starts[k] - 1, self.end(k))

    def total_words(self) -> int:
        return self.words.count(b"\x00\x01")

    @functools.cached_property
    def same_offsets(self) -> bool:
        """Whether every text folded to as many characters (each character to one)."""
        return self.in_alphabet and len(self.folded) == len(self.joined)

    def offsets(self, k: int) -> Offsets | None:
        """Maps spans of folded text k back to the original; None: the same offsets."""
        if self.same_offsets:
            return None
        if k not in self._offsets:
            original = self.originals[k]
            if self.in_alphabet and self.end(k) - self.starts[k] == len(original):
                self._offsets[k] = None  # each character folded to one: nothing dropped
            else:
                self._offsets[k] = Offsets(
                    original, casefold=self.casefold, in_alphabet=self.in_alphabet
                )
        return self._offsets[k]

    def to_original(self, k: int, start: int, end: int) -> tuple[int, int]:
        """A span of folded text k -> the span of the original text k."""
        offsets = self.offsets(k)
        if offsets is None:
            return to_original(self.originals[k], None, start, end)
        return offsets.to_original(start, end)

    def matches(self, k: int, spans: list[tuple[int, int]]) -> list[Match]:
        """The Matches for folded spans of `folded` inside text k."""
        base = self.starts[k]
        original = self.originals[k]
        name = self.name
        item = name if self.items is None else self.items[self.owners[k]]
        offsets = self.offsets(k)
        if offsets is None:
            return [
                Match(
                    name,
                    start - base,
                    end - base,
                    original[start - base : end - base],
                    original,
                    item,
                )
                for start, end in spans
            ]
        spans = [offsets.to_original(start - base, end - base) for start, end in spans]
        return [
            Match(name, first, last, original[first:last], original, item) for first, last in spans
        ]

    def original_starts(self) -> list[int]:
        """Where each original text starts in `joined`."""
        if self._original_starts is None:
            self._original_starts = _starts(map(len, self.originals))
        return self._original_starts


def _starts(lengths: Iterable[int]) -> list[int]:
    """Where each text starts in joiner + text + joiner + text ..., from their lengths."""
    starts = list(itertools.accumulate(map(operator.add, lengths, itertools.repeat(1)), initial=1))
    starts.pop()
    return starts


class _Index:
    """The searchable text of the events, built as the search needs it: a column for each text
    field and one of the spellings of the actors, places or tags of a list field; and the
    field lengths BM25F needs."""

    def __init__(
        self, timeline: Timeline, events: Sequence[Event], casefold: bool, avoid: str = ""
    ) -> None:
        self.events = events
        self.casefold = casefold
        self.avoid = avoid  # characters the query holds (no joiner may be one of them)
        self._columns: dict[str, _Column] = {}
        self._timeline = timeline
        self._places: dict[str, Place] = {place.name: place for place in timeline.places}
        self._spelled: dict[str, dict[str, range]] = {}  # list field -> item -> its texts
        self._averages: dict[str, float] = {}
        self._norms: dict[str, dict[int, float]] = {name: {} for name in FIELDS}

    def column(self, name: str) -> _Column:
        if name not in self._columns:
            if name in LIST_FIELDS:
                self._columns[name] = self._list_column(name)
            else:
                values = list(map(operator.attrgetter(name), self.events))
                owners = list(itertools.compress(range(len(values)), values))
                texts = list(filter(None, values))
                self._columns[name] = _Column(name, texts, owners, self.casefold, self.avoid)
        return self._columns[name]

    def _list_column(self, name: str) -> _Column:
        """Every spelling of every actor, place or tag the events name, item after item."""
        listed = map(operator.attrgetter(name), self.events)
        items = list(dict.fromkeys(itertools.chain.from_iterable(listed)))
        texts: list[str] = []
        owners: list[int] = []
        spelled: dict[str, range] = {}
        for number, item in enumerate(items):
            spellings = self._spellings_of(name, item)
            spelled[item] = range(len(texts), len(texts) + len(spellings))
            texts += spellings
            owners += [number] * len(spellings)
        self._spelled[name] = spelled
        column = _Column(name, texts, owners, self.casefold, self.avoid)
        column.items = items
        return column

    def _spellings_of(self, name: str, item: str) -> tuple[str, ...]:
        """The texts an actor, place or tag of an event is searched in: its every spelling."""
        if name == "actors":
            actor = self._timeline.actor(item)
            return actor_names(actor) if actor else (item,)
        if name == "places":
            place = self._places.get(item)
            spellings = (item, place.name_ar, *place.aliases) if place else (item,)
            return tuple(spelling for spelling in spellings if spelling)
        return (item,)

    def spelled(self, name: str) -> dict[str, range]:
        """For each actor, place or tag the events name: its texts in the list column."""
        self.column(name)
        return self._spelled[name]

    def list_length(self, name: str, items: tuple[str, ...]) -> int:
        """An actor, place or tag counts once, however it is spelled (and if it is spelled)."""
        spelled = self.spelled(name)
        return len({item for item in items if spelled[item]})

    def average(self, name: str) -> float:
        if name not in self._averages:
            total = 0
            if name in LIST_FIELDS:
                lists = list(map(operator.attrgetter(name), self.events))
                if all(self.spelled(name).values()):
                    total = sum(map(len, map(set, lists)))
                else:
                    total = sum(self.list_length(name, items) for items in lists)
            else:
                total = self.column(name).total_words()
            count = len(self.events)
            self._averages[name] = total / count if count else 0.0
        return self._averages[name]

    def norm(self, name: str, event: int) -> float:
        """BM25F's length normalisation of a field of the event at position `event` (kept:
        every term that matched in the field asks for it)."""
        norms = self._norms[name]
        if event not in norms:
            average = self.average(name)
            length = self.length(event, name)
            norms[event] = (1 - _B + _B * length / average) if average else 1.0
        return norms[event]

    def length(self, event: int, name: str) -> int:
        """The length of a field of the event at position `event`: its words in a text field
        (0 without the text), its actors, places or tags in a list field."""
        if name in LIST_FIELDS:
            return self.list_length(name, getattr(self.events[event], name))
        column = self.column(name)
        k = column.text_of(event)
        return 0 if k is None else column.words_in(k)


# --- matching ------------------------------------------------------------------------------------


def _alias_groups(timeline: Timeline, casefold: bool) -> list[set[str]]:
    groups = [list(actor_names(actor)) for actor in timeline.actors]
    for place in timeline.places:
        groups.append([place.name, *place.aliases, *((place.name_ar,) if place.name_ar else ())])
    names = [name for group in groups for name in group]
    folded = fold_text("\x00".join(names), casefold=casefold).split("\x00")  # all at once
    if len(folded) != len(names):  # a name holds the separator
        folded = [fold_text(name, casefold=casefold) for name in names]
    spellings = iter(" ".join(name.split()) for name in folded)
    return [{next(spellings) for _ in group} for group in groups]


class _Pattern:
    """The spellings of a term, matched as re.finditer would match them as one alternation,
    longest first, the words of a phrase separated by any run of space or dashes.

    The alternation is written as a trie ('envoy(?:-0222|\\s+no\\.\\s+222)'): at any place in a
    text at most one branch can go on, and where one spelling extends another the longer is
    tried first, so it matches as the plain alternation, without trying every spelling at every
    character. A single word is found with str.find, and a few spellings by trying the trie
    only where one of their first words is (found with str.find), when no such word can overlap
    itself (so none is missed)."""

    def __init__(self, spellings: set[str]) -> None:
        words = [words for words in map(phrase_words, spellings) if words]
        self.literal = words[0][0] if len(words) == 1 and len(words[0]) == 1 else None
        try:
            self.regex = re.compile(_trie(words))
        except RecursionError:
            # A trie nested deeper than re's parser can go (a thousand aliases, each the start
            # of the next): the plain alternation, slower, matches the same.
            self.regex = re.compile(_alternation(words))
        # The words spellings start with, less those that start with another ('envoy-0222'
        # starts with 'envoy'): a match starts where one of them is.
        firsts: list[str] = []
        for first in sorted({spelling[0] for spelling in words}, key=len):
            if not any(first.startswith(shorter) for shorter in firsts):
                firsts.append(first)
        overlapping = any(map(_overlaps_itself, firsts))
        self.firsts = None if overlapping or len(firsts) > 24 else firsts
        self.ascii = any(first.isascii() for first in firsts)  # else not in ASCII text
        # A first word that is a whole spelling, and the start of no other, is a match by itself
        # wherever it is found ('putin'): the trie need not be tried there.
        spelled = [" ".join(spelling) for spelling in words]
        self.whole = {
            first
            for first in firsts
            if first in spelled and sum(s.startswith(first) for s in spelled) == 1
        }

    def spans(self, text: str) -> list[tuple[int, int]]:
        ascii_text = text.isascii()  # a word with other letters is not in it
        if not self.ascii and ascii_text:
            return []
        if self.literal is not None:
            return [(start, start + len(self.literal)) for start in _find_all(text, self.literal)]
        if self.firsts is None:
            return [found.span() for found in self.regex.finditer(text)]
        # Where each first word is, and its length if it is a match by itself (else 0).
        lengths = {
            start: len(first) if first in self.whole else 0
            for first in self.firsts
            if first.isascii() or not ascii_text
            for start in _find_all(text, first)
        }
        spans = []
        resume = 0
        match = self.regex.match
        for start in sorted(lengths):
            if start < resume:
                continue
            if length := lengths[start]:
                resume = start + length
                spans.append((start, resume))
            elif (found := match(text, start)) is not None:
                spans.append(found.span())
                resume = found.end()
        return spans


def _find_all(text: str, word: str) -> list[int]:
    """Where `word` is in `text`, left to right, not overlapping (as re.finditer finds it)."""
    found = []
    find = text.find
    position = find(word)
    while position >= 0:
        found.append(position)
        position = find(word, position + len(word))
    return found


def _trie(spellings: list[list[str]]) -> str:
    """The regular expression of the spellings (lists of words) as a trie: the branches of a
    node begin with different letters (or with the space between words), so at most one can
    go on; a spelling that ends where others go on comes last (the longer first)."""
    root: dict[str, Any] = {}
    for words in spellings:
        node = root
        for number, word in enumerate(words):
            for token in ([phrase_gap(word)] if number else []) + [re.escape(c) for c in word]:
                node = node.setdefault(token, {})
        node[""] = {}  # a spelling ends here

    # Each node's pattern from its children's, deepest first, without recursion: a trie is
    # as deep as its longest spelling (an alias 500 characters long stopped Python).
    patterns: dict[int, str] = {}
    stack: list[tuple[dict[str, Any], bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if not children_done:
            stack.append((node, True))
            stack.extend((child, False) for token, child in node.items() if token)
            continue
        options = [token + patterns.pop(id(child)) for token, child in node.items() if token]
        if "" in node and options:
            options.append("")
        if len(options) == 1:
            patterns[id(node)] = options[0]
        else:
            patterns[id(node)] = "(?:" + "|".join(options) + ")" if options else ""
    return patterns[id(root)]


def _alternation(spellings: list[list[str]]) -> str:
    """The spellings as one flat alternation, longest first (what _trie matches as)."""
    parts = [
        re.escape(words[0]) + "".join(phrase_gap(word) + re.escape(word) for word in words[1:])
        for words in spellings
    ]
    return "|".join(sorted(parts, key=len, reverse=True))


def _overlaps_itself(word: str) -> bool:
    """Whether two occurrences of the word can overlap ('ana' in 'banana')."""
    return any(word[:size] == word[-size:] for size in range(1, len(word)))


def _compile(spellings: set[str]) -> _Pattern | None:
    return _Pattern(spellings) if any(map(phrase_words, spellings)) else None


def _word_char(char: str) -> bool:
    # A mark that folds away (harakat, accents) belongs to the word it sits on.
    return char.isalnum() or fold_char(char) == ""


def _after_clitic(folded: str, start: int) -> bool:
    """Whether a word starts at `start`, after a letter: only an Arabic one after clitics."""
    if not ("\u0600" <= folded[start] <= "\u06ff"):  # clitics attach to Arabic words only
        return False
    # The letters before `start` must be a clitic, and the word must start there; a clitic is
    # short, so look no further back than the longest one.
    word_start = start
    limit = max(start - _LONGEST_CLITIC - 1, 0)
    while word_start > limit and folded[word_start - 1].isalnum():
        word_start -= 1
    if word_start > 0 and folded[word_start - 1].isalnum():
        return False  # a longer run of letters than any clitic
    return folded[word_start:start] in ARABIC_CLITICS


class _Budget:
    """-E: the seconds of matching the whole search may take before the pattern is refused."""

    def __init__(self, label: str, seconds: float) -> None:
        self.label = label
        self.left = seconds

    def finditer(self, pattern: Any, text: str) -> list[Any]:
        if self.left <= 0:
            raise self._refusal()
        began = time.monotonic()
        try:
            return list(pattern.finditer(text, timeout=self.left))
        except TimeoutError:
            raise self._refusal() from None
        finally:
            self.left -= time.monotonic() - began

    def _refusal(self) -> UsageError:
        return UsageError(
            f"-E/--regex: {quote(self.label)} took more than {REGEX_SECONDS:g} s to match",
            "simplify the pattern (nested repeats like (a+)+ backtrack without end)",
        )


# A pattern whose matches in a text alone can be told from its matches in the texts joined: no
# anchors, lookaround, atomic or possessive groups, fuzzy matching or inline flags (word
# boundaries are fine: the joiner is not a word character, like the ends of a text). Matched
# over the joined texts, it touches every text it matches alone (and perhaps others), so only
# those are matched alone. Anything that looks otherwise is matched text by text.
_CONTEXTUAL = r"[$^]|\\[AZzGKXpPN]|\(\?|[*+?}]\+|\{(?![\d,]*\})"  # compiled when used


@dataclass(frozen=True, slots=True)
class _Finder:
    """Finds one query term (or the -E pattern) in the values of the fields it may search."""

    label: str
    fields: tuple[str, ...]
    word: bool
    typed: _Pattern | None = None  # the query's own spellings: a word start suffices
    aliases: _Pattern | None = None  # other spellings of the same one: whole words
    regex: Any = None  # a `regex` module pattern, for -E
    budget: _Budget | None = None  # -E: the seconds still allowed

    def spans(self, text: str) -> list[tuple[int, int]]:
        """The folded spans [start, end) where the term matches in folded `text`."""
        typed = self._kept(self.typed, text, whole=self.word)
        aliases = self._kept(self.aliases, text, whole=True)
        if not typed or not aliases:
            return typed or aliases  # one pattern: its matches are in order and do not overlap
        # A spelling inside a longer one ('لافروف' in 'سيرغي لافروف') is one match, not two.
        kept = []
        last_end = -1
        for start, end in sorted([(start, -end) for start, end in typed + aliases]):
            if start >= last_end:
                last_end = -end
                kept.append((start, -end))
        return kept

    @staticmethod
    def _kept(pattern: _Pattern | None, text: str, *, whole: bool) -> list[tuple[int, int]]:
        """The spans of a pattern that start a word (and end one, if `whole`). Most follow a
        space or punctuation, tested inline: only those after a letter (a clitic?) need more."""
        if pattern is None:
            return []
        spans = [
            (start, end)
            for start, end in pattern.spans(text)
            if start != end
            and (start == 0 or not text[start - 1].isalnum() or _after_clitic(text, start))
        ]
        if whole:
            last = len(text)
            spans = [(start, end) for start, end in spans if end == last or not text[end].isalnum()]
        return spans

    def _find_regex(self, name: str, item: str, original: str) -> list[Match]:
        assert self.budget is not None
        matches = []
        for hit in self.budget.finditer(self.regex, original):
            start, end = hit.span()
            if start == end:
                continue
            if self.word and not (
                (start == 0 or not _word_char(original[start - 1]))
                and (end == len(original) or not _word_char(original[end]))
            ):
                continue
            matches.append(Match(name, start, end, original[start:end], original, item))
        return matches

    def find_in_column(self, column: _Column) -> _Found:
        """Where the term matches in the texts of a column."""
        if self.regex is not None:
            by_owner: dict[int, list[Match]] = {}
            for k in self._regex_candidates(column):
                owner = column.owners[k]
                item = column.name if column.items is None else column.items[owner]
                matches = self._find_regex(column.name, item, column.originals[k])
                if matches:
                    by_owner.setdefault(owner, []).extend(matches)
            return _MatchesFound(column.name, by_owner)
        patterns = [pattern for pattern in (self.typed, self.aliases) if pattern is not None]
        if column.joined.isascii() and not any(pattern.ascii for pattern in patterns):
            # No spelling is in ASCII text: no need to fold it.
            return _MatchesFound(column.name, {})
        if column.separate:
            spans = []
            for k in range(len(column.owners)):
                base = column.starts[k]
                text = column.folded[base : column.end(k)]
                spans += [(start + base, end + base) for start, end in self.spans(text)]
        else:
            spans = self.spans(column.folded)
        return _SpansFound(column, spans)

    def _regex_candidates(self, column: _Column) -> Iterable[int]:
        """The texts the -E pattern may match in: those a match over the joined texts touches,
        when the pattern allows it (see _CONTEXTUAL); else all."""
        assert self.budget is not None
        if re.search(_CONTEXTUAL, self.regex.pattern):
            return range(len(column.owners))
        starts = column.original_starts()
        touched: set[int] = set()
        for hit in self.budget.finditer(self.regex, column.joined):
            first = bisect.bisect_right(starts, hit.start()) - 1
            last = bisect.bisect_right(starts, max(hit.start(), hit.end() - 1)) - 1
            touched.update(range(max(first, 0), last + 1))
        return sorted(touched)


class _Found:
    """Where a term matched in one field: the events (or items) it matched, and for each of
    them its matches in the field, made on demand."""

    name: str  # the field
    owners: set[int]

    def matches(self, owner: int) -> list[Match]:
        raise NotImplementedError

    def count(self, owner: int) -> int:
        """What BM25F counts of the owner's matches: each place in a text field."""
        raise NotImplementedError


class _MatchesFound(_Found):
    """Matches made as they were found (-E); or none, when no spelling can be in the
    column's ASCII text."""

    def __init__(self, name: str, by_owner: dict[int, list[Match]]) -> None:
        self.name = name
        self.by_owner = by_owner
        self.owners = set(by_owner)

    def matches(self, owner: int) -> list[Match]:
        return self.by_owner.get(owner, [])

    def count(self, owner: int) -> int:
        return len(self.by_owner[owner])


class _SpansFound(_Found):
    """Folded spans of a column, in order: a Match is made (and its offsets mapped back to the
    original) only for an event that is returned.

    The text of every span is found at once, and the spans of each text counted, at C speed
    (bisect, Counter): a search that matches half the events has tens of thousands of spans."""

    def __init__(self, column: _Column, spans: list[tuple[int, int]]) -> None:
        self.name = column.name
        self.column = column
        self.spans = spans
        # No span starts on a joiner (no pattern holds it), so its text is the one whose end
        # (the joiner after it) comes first after its start.
        text_at = functools.partial(bisect.bisect_right, column.ends)
        self.per_text = collections.Counter(map(text_at, map(_START, spans)))  # in order
        # Where each text's spans are in `spans`: they come text after text.
        bounds = itertools.pairwise(itertools.accumulate(self.per_text.values(), initial=0))
        self.in_text: dict[int, tuple[int, int]] = dict(zip(self.per_text, bounds, strict=True))
        self.owners = set(map(column.owners.__getitem__, self.per_text))

    def matches(self, owner: int) -> list[Match]:
        matches = []
        for k in self.column.texts_of(owner):
            if k in self.in_text:
                matches += self.column.matches(k, self.spans_in(k))
        return matches

    def count(self, owner: int) -> int:
        return self.per_text[self.text_of(owner)]  # a text field's column: one text an event

    def text_of(self, owner: int) -> int:
        """The owner's text (of a text field's column: an event has one)."""
        k = self.column.text_of(owner)
        assert k is not None
        return k

    def spans_in(self, k: int) -> list[tuple[int, int]]:
        """The spans in text k."""
        first, last = self.in_text.get(k, (0, 0))
        return self.spans[first:last]


class _ListFound(_Found):
    """Matches in the spellings of actors, places or tags, for each event that lists one."""

    def __init__(self, name: str, events: Sequence[Event], by_item: dict[str, list[Match]]) -> None:
        self.name = name
        self.events = events
        self.by_item = by_item
        lists = map(operator.attrgetter(name), events)
        matched = by_item.keys()
        self.owners = {n for n, items in enumerate(lists) if not matched.isdisjoint(items)}

    def matches(self, owner: int) -> list[Match]:
        items = getattr(self.events[owner], self.name)
        return [match for item in items for match in self.by_item.get(item, ())]

    def count(self, owner: int) -> int:
        """An actor, place or tag counts once, however often it is listed or matched."""
        return len(self.by_item.keys() & getattr(self.events[owner], self.name))


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
    except RecursionError:  # the regex module parses nested groups recursively
        raise UsageError(
            "-E/--regex: the pattern nests groups too deeply to compile",
            "use fewer nested groups",
        ) from None


def _allowed(term_field: str | None, fields: tuple[str, ...]) -> tuple[str, ...]:
    return (term_field,) if term_field else (fields or FIELDS)


def _spellings(term: Term, casefold: bool, *, strip_clitics: bool) -> set[str]:
    folded = " ".join(fold_text(term.text, casefold=casefold).split())
    typed = clitic_variants(folded) if strip_clitics else (folded,)
    return {variant for spelling in typed for variant in article_variants(spelling)}


def _term_finder(
    term: Term,
    groups: list[set[str]],
    options: SearchOptions,
    casefold: bool,
    *,
    strip_clitics: bool,
) -> _Finder:
    typed = _spellings(term, casefold, strip_clitics=strip_clitics)
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


def _find(index: _Index, finder: _Finder) -> list[_Found]:
    """Where a finder matches, field by field in the order of an event's values (title,
    summary, text_ar, note, then each actor, place and tag as listed)."""
    found: list[_Found] = []
    for name in TEXT_FIELDS:
        if name in finder.fields:
            found.append(finder.find_in_column(index.column(name)))
    for name in ("actors", "places", "tags"):
        if name in finder.fields:
            column = index.column(name)
            assert column.items is not None
            in_items = finder.find_in_column(column)
            by_item = {column.items[n]: in_items.matches(n) for n in sorted(in_items.owners)}
            if by_item:
                found.append(_ListFound(name, index.events, by_item))
    return found


# --- ranking ---------------------------------------------------------------------------------


def _frequencies(
    index: _Index, found: list[list[_Found]], chosen: set[int]
) -> list[dict[int, float]]:
    """For each term, the BM25F frequency of each event returned: each field's count,
    normalised by that field's length, weighted, summed (in the order of `found`).

    A match counts once per place in a text field, and once per actor, place or tag. Counted
    from what was found, without making the matches; field after field, each field's owners
    read once (rather than every field asked about every event). Numbers in a dict a term, not
    a list an event: fewer objects for the garbage collector to walk."""
    frequencies = [dict.fromkeys(chosen, 0.0) for _ in found]
    for in_term, fields in zip(frequencies, found, strict=True):
        for field in fields:
            weight = WEIGHTS[field.name]
            for n in field.owners & chosen:
                in_term[n] += weight * field.count(n) / index.norm(field.name, n)
    return frequencies


def _idf(df: int, total: int) -> float:
    return math.log(1 + (total - df + 0.5) / (df + 0.5))


def _score(frequencies: list[float], idfs: list[float]) -> float:
    score = 0.0
    for tf, idf in zip(frequencies, idfs, strict=True):
        if tf > 0:
            score += idf * tf * (_K1 + 1) / (tf + _K1)
    return score


def search_events(
    timeline: Timeline, events: Sequence[Event], words: Sequence[str], options: SearchOptions
) -> SearchResult:
    """Rank `events` (already filtered) against the query `words`."""
    for name in options.fields:
        if name not in FIELDS:
            close = close_matches(name, FIELDS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"choose from {', '.join(FIELDS)}"
            raise UsageError(f"--in: '{name}' is not a searchable field", hint)
    # Events are told apart by id: of two with one id, the last is searched, in the first's place.
    distinct = list({event.id: event for event in events}.values())
    if options.regex:
        pattern = compile_regex(words, options.ignore_case)
        casefold = not regex_is_case_sensitive(" ".join(words), options.ignore_case)
        label = " ".join(words)
        finders = [
            _Finder(
                label,
                _allowed(None, options.fields),
                options.word,
                regex=pattern,
                budget=_Budget(label, REGEX_SECONDS),
            )
        ]
        terms: tuple[Term, ...] = ()
        index = _Index(timeline, distinct, casefold)
    else:
        terms = parse_query(words)
        casefold = not is_case_sensitive(terms, options.ignore_case)
        groups = _alias_groups(timeline, casefold)
        finders = [_term_finder(t, groups, options, casefold, strip_clitics=False) for t in terms]
        # The joiner of a column must not be in any pattern, even one tried without a clitic.
        avoid = "".join(
            "".join(_spellings(term, casefold, strip_clitics=True)) for term in terms
        ) + "".join("".join(group) for group in groups)
        index = _Index(timeline, distinct, casefold, avoid)
    found = [_find(index, finder) for finder in finders]
    for position, term in enumerate(terms):
        if not any(field.owners for field in found[position]):
            # Nothing as typed: try the Arabic word without a clitic (واسطنبول -> اسطنبول).
            finders[position] = _term_finder(term, groups, options, casefold, strip_clitics=True)
            found[position] = _find(index, finders[position])
    return _rank(index, events, found, finders, options)


def _rank(
    index: _Index,
    events: Sequence[Event],
    found: list[list[_Found]],
    finders: Sequence[_Finder],
    options: SearchOptions,
) -> SearchResult:
    matched = [set().union(*(field.owners for field in fields)) for fields in found]
    dfs = [len(events) for events in matched]
    chosen = set.union(*matched) if options.any_term else set.intersection(*matched)
    if len(events) == len(index.events):  # no two events share an id: the same events
        returned = [(n, index.events[n]) for n in sorted(chosen)]
    else:
        position = {event.id: n for n, event in enumerate(index.events)}
        returned = [(position[e.id], e) for e in events if position[e.id] in chosen]
    frequencies = _frequencies(index, found, chosen)
    matches = _matches(found, chosen)
    idfs = [_idf(df, len(events)) for df in dfs]
    hits = [
        Hit(event, round(_score([tf[n] for tf in frequencies], idfs), 4), tuple(matches[n]))
        for n, event in returned
    ]
    if options.sort == "date":
        hits.sort(key=lambda hit: hit.event.sort_key)
    else:
        hits.sort(key=lambda hit: (-hit.score, hit.event.sort_key))
    labels = [finder.label for finder in finders]
    unmatched = tuple(label for label, df in zip(labels, dfs, strict=True) if df == 0)
    suggestions: tuple[str, ...] = ()
    if not hits and unmatched and not options.regex:
        suggestions = _suggest(unmatched, index)
    return SearchResult(tuple(hits), suggestions, unmatched)


def _matches(found: list[list[_Found]], chosen: set[int]) -> dict[int, list[Match]]:
    """For each event returned, its matches for every term, each once, in the order of the
    fields (FIELDS), then of the values (an actor's spellings, say), then of where they start.
    Made field after field."""
    by_field: dict[str, list[_Found]] = {}
    for fields in found:
        for field in fields:
            if field.owners:
                by_field.setdefault(field.name, []).append(field)  # term after term
    matches: dict[int, list[Match]] = {n: [] for n in chosen}
    for name in FIELDS:
        terms = by_field.get(name, [])
        in_spans = [term for term in terms if isinstance(term, _SpansFound)]  # a text field's
        if in_spans and len(in_spans) == len(terms) and in_spans[0].column.in_alphabet:
            _text_matches(in_spans, chosen, matches)
        elif terms:
            for n in set().union(*(term.owners for term in terms)) & chosen:
                matches[n] += _unique_matches([term for term in terms if n in term.owners], n)
    return matches


def _text_matches(
    terms: list[_SpansFound], chosen: set[int], matches: dict[int, list[Match]]
) -> None:
    """Adds the matches of the terms in a text field whose every character folded to at most
    one. There, two spans of the folded text are two of the original, in the same order (of
    two that start together, the same one first): so one term's spans (in order, apart) are
    its matches as they are, and several terms' are merged before any match is made."""
    column = terms[0].column
    if len(terms) == 1:
        (term,) = terms
        for n in term.owners & chosen:
            k = term.text_of(n)
            matches[n] += column.matches(k, term.spans_in(k))
        return
    for n in set().union(*(term.owners for term in terms)) & chosen:
        k = terms[0].text_of(n)
        spans = [span for term in terms for span in term.spans_in(k)]
        # Each span once (where first seen), by where it starts (a stable sort).
        matches[n] += column.matches(k, sorted(dict.fromkeys(spans), key=_START))


def _unique_matches(terms: list[_Found], event: int) -> list[Match]:
    """The matches of the terms in a field of an event (an actor listed twice, say, or two
    terms in one text): each span of a value once (the last made, where the first was, as a
    dict keeps them), by value then start (a stable sort). Two spans of the folded text may
    be one of the original ('stras' and 'strass' in 'Straße'), so the matches are made first."""
    unique = {(m.value, m.start, m.end): m for term in terms for m in term.matches(event)}
    return sorted(unique.values(), key=_value_start)


def _value_start(match: Match) -> tuple[str, int]:
    return match.value, match.start


# --- suggestions ---------------------------------------------------------------------------------


def _suggest(labels: Sequence[str], index: _Index) -> tuple[str, ...]:
    """The dataset's closest words to each term that found nothing (typo tolerance): each as
    first written, reading the events in order and each event's values in order."""
    vocabulary: set[str] = set()
    for name in FIELDS:
        vocabulary |= distinct_words(index.column(name).folded)
    words = list(vocabulary)
    suggestions: list[str] = []
    for label in labels:
        folded = " ".join(fold_text(label, casefold=index.casefold).split())
        for close in close_matches(folded, words, n=2, cutoff=0.75):
            suggestions.append(_first_written(index, close))
    return tuple(dict.fromkeys(suggestions))


def _first_written(index: _Index, token: str) -> str:
    """The original text of the first place the folded word `token` is written."""
    pattern = re.compile(r"(?<!\w)" + re.escape(token) + r"(?!\w)")
    best: tuple[int, int, str] | None = None  # event position, field order, as written
    for order, name in enumerate(TEXT_FIELDS):
        column = index.column(name)
        found = pattern.search(column.folded)
        if found is not None:
            k = column.value_at(found.start())
            if best is None or (column.owners[k], order) < best[:2]:
                base = column.starts[k]
                first, last = column.to_original(k, found.start() - base, found.end() - base)
                best = (column.owners[k], order, column.originals[k][first:last])
    # Actors, places and tags come after an event's texts: look only at the events before.
    for event in range(best[0] if best is not None else len(index.events)):
        for name in ("actors", "places", "tags"):
            column = index.column(name)
            spelled = index.spelled(name)
            for item in getattr(index.events[event], name):
                for k in spelled[item]:
                    base = column.starts[k]
                    found = pattern.search(column.folded, base, column.end(k))
                    if found is not None:
                        first, last = column.to_original(
                            k, found.start() - base, found.end() - base
                        )
                        return column.originals[k][first:last]
    assert best is not None
    return best[2]
