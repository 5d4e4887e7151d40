"""`ceasefire search`: bilingual, Arabic-aware, ranked full-text search with grep-like exits."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from ceasefire_cli import present
from ceasefire_cli.errors import ExitCode, UsageError, quote
from ceasefire_cli.query import filter_events
from ceasefire_cli.records import SEARCH_FIELDS
from ceasefire_cli.search import FIELDS, SearchOptions, SearchResult, search_events

from .common import (
    PROG,
    app,
    err_line,
    event_filter,
    handle_errors,
    load,
    make_environment,
    write_view,
)
from .options import CommonOptions, FieldsOpt, FilterOptions, Format, common_options, filter_options

SEARCH_EXAMPLES = r"""Examples:

  ceasefire search istanbul                 the same events as إسطنبول, اسطنبول or إِسْطَنْبُول

  ceasefire search لافروف                   Lavrov, in either language

  ceasefire search '"black sea"' grain      a phrase and a word (all must match)

  ceasefire search truce ceasefire --any    either word

  ceasefire search actor:putin tag:truce    qualifiers limit one term to a field

  ceasefire search -E '\d+-(day|hour)' --in title

  ceasefire search kyiv --since 2025 --json | jq '.[].matches'

Matching folds case (unless the query has a capital letter; -i to ignore case), accents,
Arabic diacritics, tatweel and letter forms (أ إ آ ٱ ى ة ؤ ئ), Arabic-Indic digits, and accepts
the prefixes و ف ب ل ك ال before an Arabic word. Exit 0 when something matched, 1 when nothing
did, 2 for a bad query."""


class SortOrder(enum.StrEnum):
    relevance = "relevance"
    date = "date"


@app.command("search", epilog=SEARCH_EXAMPLES)
@common_options()
@filter_options()
def search_command(
    query: Annotated[
        list[str],
        typer.Argument(metavar="QUERY...", help='Words, "phrases" and field:word qualifiers.'),
    ],
    any_term: Annotated[bool, typer.Option("--any", help="Match any term, not all.")] = False,
    regex: Annotated[
        bool, typer.Option("--regex", "-E", help="Treat the query as a Python regular expression.")
    ] = False,
    word: Annotated[bool, typer.Option("--word", "-w", help="Match whole words only.")] = False,
    ignore_case: Annotated[
        bool, typer.Option("--ignore-case", "-i", help="Ignore case even with capitals.")
    ] = False,
    in_fields: Annotated[
        str | None,
        typer.Option(
            "--in", metavar="FIELDS", help=f"Search only these fields: {','.join(FIELDS)}."
        ),
    ] = None,
    sort: Annotated[
        SortOrder, typer.Option("--sort", help="Order by relevance (score) or date.")
    ] = SortOrder.relevance,
    fields: FieldsOpt = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print nothing; only set the exit code.")
    ] = False,
    *,
    filters: FilterOptions,
    options: CommonOptions,
) -> None:
    """Search titles, summaries, the Arabic source text, notes, actors, places and tags."""
    with handle_errors():
        env = make_environment(options)
        chosen = present.parse_fields(fields, SEARCH_FIELDS)
        timeline = load(env)
        # The limit applies to the ranked hits, not to the events searched.
        candidates = filter_events(timeline, event_filter(env, filters)._replace(limit=None))
        wanted = tuple(name.strip() for name in (in_fields or "").split(",") if name.strip())
        if in_fields is not None and not wanted:
            raise UsageError(
                "--in: no field given", f"e.g. --in title,summary ({', '.join(FIELDS)})"
            )
        settings = SearchOptions(any_term, regex, word, ignore_case, wanted, sort.value)
        result = search_events(timeline, candidates, query, settings)
        limit = filters.limit
        hits = result.hits[:limit] if limit is not None else result.hits
        if quiet:
            raise typer.Exit(ExitCode.OK if result.hits else ExitCode.NO_MATCH)
        if not result.hits:
            if env.fmt in (Format.json, Format.csv):  # an empty answer scripts can still parse
                listing = present.search_listing((), for_table=False, caption=None)
                write_view(present.select_fields(listing, chosen), env)
            err_line(f"{PROG}: {_no_match(query, result, len(candidates), env.as_of)}")
            raise typer.Exit(ExitCode.NO_MATCH)
        noun = "event" if len(hits) == 1 else "events"
        caption = f"{len(hits)} {noun} match · as of {env.as_of}"
        listing = present.search_listing(
            hits, for_table=env.fmt is Format.table, caption=caption, lang=env.lang
        )
        write_view(present.select_fields(listing, chosen), env)


def _no_match(query: list[str], result: SearchResult, searched: int, as_of: object) -> str:
    scope = f"({searched} events searched, as of {as_of})"
    shown = quote(" ".join(query))  # as typed: repr() doubled every backslash
    if not result.unmatched:  # every term matches somewhere, just not together
        return f"no event matches all of {shown} {scope}; each term matches some: try --any"
    hint = ""
    if result.suggestions:
        hint = f"; did you mean {', '.join(map(quote, result.suggestions))}?"
    return f"no events match {shown} {scope}{hint}"
