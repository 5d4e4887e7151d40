"""Parsing a search query: terms, "phrases", field:qualifiers, smart case. Pure.

Everything a user can get wrong here is a UsageError (exit 2) naming the problem.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .errors import UsageError, quote
from .folding import fold_text
from .text import close_matches

# Searchable fields, and the qualifiers that limit one term to one of them.
FIELDS = ("title", "summary", "actors", "places", "tags", "text_ar", "note")
QUALIFIERS = {"actor": "actors", "place": "places", "tag": "tags"} | {name: name for name in FIELDS}
MAX_QUERY_CHARS = 1000  # a query is a few words; anything longer is a mistake (or an attack)
MAX_TERMS = 32
_QUERY_TOKEN = re.compile(r'(?:([^\s":]+):)?(?:"([^"]*)"|(\S+))')
# Clitics that may stand before an Arabic word, as they fold: و or ف, then ب ل or ك, then ال
# (and ل + ال written لل). Longest first, so a query word loses the most it can.
ARABIC_CLITICS = tuple(
    sorted(
        {
            conj + prep + article
            for conj in ("", "و", "ف")
            for prep in ("", "ب", "ل", "ك")
            for article in ("", "ال")
            if conj + prep + article
        }
        | {conj + "لل" for conj in ("", "و", "ف")},
        key=len,
        reverse=True,
    )
)


@dataclass(frozen=True, slots=True)
class Term:
    """One query term: the words as typed, and the field it is limited to (if any)."""

    text: str
    field: str | None = None
    phrase: bool = False


def parse_query(words: Sequence[str]) -> tuple[Term, ...]:
    """`lavrov "black sea" actor:putin place:"saudi arabia"` -> terms; quotes make a phrase."""
    query = " ".join(words)
    if len(query) > MAX_QUERY_CHARS:
        raise UsageError(
            f"the query is {len(query)} characters long", f"keep it under {MAX_QUERY_CHARS}"
        )
    if query.count('"') % 2:
        raise UsageError(f"unbalanced quote in {quote(query)}", 'close the phrase: "black sea"')
    terms = [term for match in _QUERY_TOKEN.finditer(query) if (term := _term(match)).text]
    if len(terms) > MAX_TERMS:
        raise UsageError(f"the query has {len(terms)} terms", f"use at most {MAX_TERMS}")
    if not terms:
        raise UsageError("the query is empty", "give at least one word: ceasefire search istanbul")
    for term in terms:
        if not fold_text(term.text).strip(" \t\n.,;:!?'\"()[]{}-–—/\\"):
            raise UsageError(
                f"{quote(term.text)} has no letters or digits to search for",
                "search for a word, e.g. ceasefire search truce",
            )
    return tuple(terms)


def _term(match: re.Match[str]) -> Term:
    qualifier, quoted, bare = match.groups()
    text = quoted if quoted is not None else bare
    if qualifier is None:
        if quoted is None and text.endswith(":") and text[:-1].casefold() in QUALIFIERS:
            raise UsageError(f"{quote(text)} needs a value", f"e.g. {text}istanbul")
        return Term(text.strip(), phrase=quoted is not None)
    field = QUALIFIERS.get(qualifier.casefold())
    if field is None:
        close = close_matches(qualifier.casefold(), QUALIFIERS, n=1, cutoff=0.75)
        if close:
            raise UsageError(
                f"unknown field {quote(qualifier + ':')}",
                f"did you mean {quote(close[0] + ':')}? "
                f'(to search for the text, quote it: "{match.group(0)}")',
            )
        return Term(match.group(0))  # not a field ("http://x", "10:30"): plain text
    if not text or not text.strip():
        raise UsageError(f"{quote(qualifier + ':')} needs a value", f"e.g. {qualifier}:istanbul")
    return Term(text.strip(), field, phrase=quoted is not None)


def is_case_sensitive(terms: Sequence[Term], ignore_case: bool) -> bool:
    """Smart case: a capital letter in what is searched for (not in a qualifier) makes the
    search case-sensitive, unless -i."""
    return not ignore_case and any(char.isupper() for term in terms for char in term.text)


def regex_is_case_sensitive(pattern: str, ignore_case: bool) -> bool:
    """Smart case for -E: escapes such as \\S, \\W or \\B are not capital letters."""
    literal = re.sub(r"\\.", "", pattern)
    return not ignore_case and any(char.isupper() for char in literal)


# Between the words of a phrase: any run of space or dashes ("russia ukraine" finds
# 'Russia–Ukraine'), and before an Arabic word any clitic (the و of 'ترامب وبوتين' is written
# joined to the word it stands before).
_ANY_CLITIC = "(?:" + "|".join(map(re.escape, ARABIC_CLITICS)) + ")?"


def phrase_words(spelling: str) -> list[str]:
    """The words of a folded spelling, split at spaces and dashes alike: the gap between them
    (phrase_gap) matches either, so a dash is never a letter of a pattern as well."""
    return [word for word in re.split(r"[\s-]+", spelling) if word]


def phrase_gap(next_word: str) -> str:
    """The regular expression between two words of a phrase, before `next_word`."""
    return r"[\s-]+" + (_ANY_CLITIC if next_word and "\u0600" <= next_word[0] <= "\u06ff" else "")


def article_variants(folded: str) -> tuple[str, ...]:
    """A word with the article ال as typed, and as Arabic writes it after the preposition ل:
    ل + ال = لل (السلام -> للسلام, 'for the peace'), which no clitic before ال can spell."""
    if folded.startswith("ال") and len(folded.split(" ", maxsplit=1)[0]) >= 4:
        return (folded, "لل" + folded[2:])
    return (folded,)


def clitic_variants(folded: str) -> tuple[str, ...]:
    """An Arabic word as typed, and without its longest leading clitic (واسطنبول -> اسطنبول),
    so that a query with a prefix finds the word without one; at least three letters must
    remain. Only the longest: a shorter strip (للرييس -> لرييس) would match inside the word
    with the article (الرييس) where it does not start a word, and hide the right match."""
    if folded and "\u0600" <= folded[0] <= "\u06ff" and " " not in folded:
        for clitic in ARABIC_CLITICS:  # longest first
            rest = folded[len(clitic) :]
            if folded.startswith(clitic) and len(rest) >= 3:
                return (folded, rest)
    return (folded,)
