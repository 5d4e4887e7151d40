"""Selecting events: date-period filters, actor/tag/place matching, id lookup; pure functions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import NamedTuple

from .errors import NotFoundError, UsageError, quote
from .model import Actor, Event, Period, Timeline
from .text import close_matches, fold


def actor_names(actor: Actor) -> tuple[str, ...]:
    """Every spelling an actor answers to: id, names in both languages and aliases."""
    names = (actor.id, actor.name, actor.name_ar, *actor.aliases)
    return tuple(name for name in names if name)


def resolve_actor(timeline: Timeline, name: str) -> str:
    """The id of the actor called `name` in any language or spelling; UsageError if none."""
    wanted = fold(name)
    for actor in timeline.actors:
        if any(fold(known) == wanted for known in actor_names(actor)):
            return actor.id
    spellings = {fold(known): actor.id for actor in timeline.actors for known in actor_names(actor)}
    close = close_matches(wanted, spellings)
    hint = (
        f"did you mean {', '.join(repr(c) for c in close)}?"
        if close
        else f"known actors: {', '.join(sorted(actor.id for actor in timeline.actors))}"
    )
    raise UsageError(f"--actor: no actor is called {quote(name)}", hint)


def _resolve_word(option: str, value: str, known: Iterable[str]) -> str:
    """Match a tag or place case- and accent-insensitively against the dataset's own values."""
    by_fold = {fold(word): word for word in known}
    match = by_fold.get(fold(value))
    if match is not None:
        return match
    close = close_matches(fold(value), by_fold)
    hint = (
        f"did you mean {', '.join(repr(by_fold[c]) for c in close)}?"
        if close
        else f"known values: {', '.join(sorted(by_fold.values()))}"
    )
    raise UsageError(f"{option}: no event has {quote(value)}", hint)


def resolve_place(timeline: Timeline, name: str) -> str:
    """A place as events name it, from any of its spellings (the place alias table)."""
    wanted = fold(name)
    for place in timeline.places:
        spellings = (place.name, place.name_ar, *place.aliases)
        if any(spelling and fold(spelling) == wanted for spelling in spellings):
            return place.name
    return _resolve_word("--place", name, {p for event in timeline.events for p in event.places})


class EventFilter(NamedTuple):
    """What `list` selects.

    Repeating an option widens it (any of); different options narrow (all of).
    """

    since: Period | None = None
    until: Period | None = None
    on: Period | None = None
    actors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    limit: int | None = None
    reverse: bool = False


def _matches_dates(event: Event, spec: EventFilter) -> bool:
    # Each date option is a period and an event is a period: they match when they overlap, so
    # `--since 2025-02` keeps an event dated `2025` and `--on 2025-02` keeps one dated `2025-02-12`.
    period = event.period
    if spec.since and period.end < spec.since.start:
        return False
    if spec.until and period.start > spec.until.end:
        return False
    return not (spec.on and not period.overlaps(spec.on))


def filter_events(timeline: Timeline, spec: EventFilter) -> tuple[Event, ...]:
    """The events `spec` selects, in date order (or reversed), at most `spec.limit` of them."""
    if spec.since and spec.until and spec.since.start > spec.until.end:
        raise UsageError(
            f"--since ({spec.since.start}) is after --until ({spec.until.end})",
            "swap the two dates",
        )
    actor_ids = {resolve_actor(timeline, name) for name in spec.actors}
    all_tags = {tag for event in timeline.events for tag in event.tags}
    tags = {_resolve_word("--tag", tag, all_tags) for tag in spec.tags}
    places = {resolve_place(timeline, place) for place in spec.places}
    selected = [
        event
        for event in timeline.events
        if _matches_dates(event, spec)
        and (not actor_ids or actor_ids.intersection(event.actors))
        and (not tags or tags.intersection(event.tags))
        and (not places or places.intersection(event.places))
    ]
    if spec.reverse:
        selected.reverse()
    if spec.limit is not None:
        selected = selected[: spec.limit]
    return tuple(selected)


def find_event(timeline: Timeline, wanted: str) -> Event:
    """The event whose id is `wanted` or starts with it (a unique prefix), else NotFoundError."""
    exact = [event for event in timeline.events if event.id == wanted]
    if exact:
        return exact[0]
    prefixed = [event for event in timeline.events if event.id.startswith(wanted)]
    if len(prefixed) == 1:
        return prefixed[0]
    if prefixed:
        shown = ", ".join(event.id for event in prefixed[:5])
        more = f" and {len(prefixed) - 5} more" if len(prefixed) > 5 else ""
        raise NotFoundError(
            f"{quote(wanted)} is the start of {len(prefixed)} ids: {shown}{more}",
            "type more of the id",
        )
    raise NotFoundError(f"no event has the id {quote(wanted)}", _suggest_ids(timeline, wanted))


def _suggest_ids(timeline: Timeline, wanted: str) -> str:
    # Ids that contain what was typed, events the article dated that way, then near-misses.
    needle = wanted.casefold()
    ids = [event.id for event in timeline.events]
    found = [event.id for event in timeline.events if event.reported_date == wanted]
    found += [event_id for event_id in ids if needle in event_id]
    found += _longest_shared_start(wanted, ids)  # '2025-02-18-riyad' -> that day's ids
    found += close_matches(wanted, ids)
    unique = list(dict.fromkeys(found))[:3]
    if unique:
        return f"did you mean {', '.join(unique)}?"
    return "list the ids with 'ceasefire list --format plain'"


def _longest_shared_start(wanted: str, ids: Sequence[str]) -> list[str]:
    """The ids that share the most whole words with the start of `wanted`, if at least a day's
    ('2025-02-18-'): an id begins with its event's date, so they are that day's events."""

    def shared(event_id: str) -> int:
        length = 0
        for typed, written in zip(wanted, event_id, strict=False):
            if typed != written:
                break
            length += 1
        return wanted.rfind("-", 0, length) + 1  # whole words: '2025-05-1' shares '2025-05-'

    longest = max(map(shared, ids), default=0)
    if longest < len("2025-02-18-"):
        return []
    return [event_id for event_id in ids if shared(event_id) == longest]


def neighbours(timeline: Timeline, event: Event) -> tuple[Event | None, Event | None]:
    """The events just before and after `event` in date order."""
    events: Sequence[Event] = timeline.events
    index = next(i for i, candidate in enumerate(events) if candidate.id == event.id)
    before = events[index - 1] if index > 0 else None
    after = events[index + 1] if index + 1 < len(events) else None
    return before, after


def as_of(timeline: Timeline, day: dt.date) -> Timeline:
    """The timeline as it stood at the end of `day`: later events and windows are not there yet.

    An event with a partial date counts from its first day (`2025-08` is there on 1 Aug).
    """
    return replace(
        timeline,
        events=tuple(event for event in timeline.events if event.period.start <= day),
        windows=tuple(window for window in timeline.windows if window.issued <= day),
    )
