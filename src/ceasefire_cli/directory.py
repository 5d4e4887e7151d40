"""Directories and counts over a timeline: actors, tags, events per year/month/actor/tag. Pure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .errors import UsageError
from .model import Actor, Timeline

STAT_KEYS = ("year", "month", "actor", "tag", "place", "provenance")


def actor_counts(timeline: Timeline) -> list[tuple[Actor, int]]:
    """Every actor with the number of events it takes part in, most involved first."""
    counts = Counter(actor_id for event in timeline.events for actor_id in event.actors)
    actors = sorted(timeline.actors, key=lambda actor: (-counts[actor.id], actor.id))
    return [(actor, counts[actor.id]) for actor in actors]


def tag_counts(timeline: Timeline) -> list[tuple[str, int]]:
    counts = Counter(tag for event in timeline.events for tag in event.tags)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _keys(timeline: Timeline, by: str) -> Iterable[str]:
    for event in timeline.events:
        if by == "year":
            yield event.date[:4]
        elif by == "month":
            # A year-precision event has no month: it is counted under its year alone.
            yield event.date[:7] if len(event.date) >= 7 else f"{event.date[:4]} (year only)"
        elif by == "actor":
            yield from event.actors
        elif by == "tag":
            yield from event.tags
        elif by == "place":
            yield from event.places
        else:
            yield event.provenance


def stats(timeline: Timeline, by: str) -> list[tuple[str, int]]:
    """Events counted per year, month, actor, tag, place or provenance."""
    if by not in STAT_KEYS:
        raise UsageError(f"--by: '{by}' is not one of {', '.join(STAT_KEYS)}", "e.g. --by month")
    counts = Counter(_keys(timeline, by))
    if by in ("year", "month"):
        return sorted(counts.items())  # in time order
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
