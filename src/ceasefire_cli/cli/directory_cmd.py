"""`ceasefire actors`, `tags` and `stats`: what the dataset holds, and how much of it."""

from __future__ import annotations

import enum
from typing import Annotated

import typer

from ceasefire_cli import directory, present

from .common import app, handle_errors, load, make_environment, write_view
from .options import CommonOptions, FieldsOpt, Format, common_options

ACTORS_EXAMPLES = """Examples:

  ceasefire actors                       names in both languages, roles, aliases, event counts

  ceasefire actors --json | jq '.[] | select(.kind == "person") | .name'"""

TAGS_EXAMPLES = """Examples:

  ceasefire tags

  ceasefire tags --as-of 2025-01-01 --format csv"""

STATS_EXAMPLES = """Examples:

  ceasefire stats                        events per year

  ceasefire stats --by month --as-of 2025-08-08

  ceasefire stats --by actor --json"""


class StatKey(enum.StrEnum):
    year = "year"
    month = "month"
    actor = "actor"
    tag = "tag"
    place = "place"
    provenance = "provenance"


@app.command("actors", epilog=ACTORS_EXAMPLES)
@common_options()
def actors_command(fields: FieldsOpt = None, *, options: CommonOptions) -> None:
    """The actors: names in English and Arabic, roles, aliases, and how many events each has."""
    with handle_errors():
        env = make_environment(options)
        chosen = present.parse_fields(fields, present.ACTOR_DIRECTORY_FIELDS)
        listing = present.actor_listing(
            directory.actor_counts(load(env)), for_table=env.fmt is Format.table, as_of=env.as_of
        )
        write_view(present.select_fields(listing, chosen), env)


@app.command("tags", epilog=TAGS_EXAMPLES)
@common_options()
def tags_command(*, options: CommonOptions) -> None:
    """The tags, with how many events carry each."""
    with handle_errors():
        env = make_environment(options)
        rows = directory.tag_counts(load(env))
        write_view(present.count_listing(rows, "tag", as_of=env.as_of), env)


@app.command("stats", epilog=STATS_EXAMPLES)
@common_options()
def stats_command(
    by: Annotated[StatKey, typer.Option("--by", help="What to count events by.")] = StatKey.year,
    *,
    options: CommonOptions,
) -> None:
    """Counts of events per year, month, actor, tag, place or provenance."""
    with handle_errors():
        env = make_environment(options)
        rows = directory.stats(load(env), by.value)
        write_view(present.count_listing(rows, by.value, as_of=env.as_of), env)
