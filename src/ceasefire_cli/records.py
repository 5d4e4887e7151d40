"""The machine-readable shape of events and problems: the JSON contract, as plain dicts.

Key names and order here are a documented contract (README, tests/test_contract.py):
change them only with a version bump.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from .errors import Problem
from .model import Actor, Event, Moment, Timeline, moment_text
from .windows import explain

if TYPE_CHECKING:  # for annotations only: list and show must not import search or diff
    from .diff import Diff
    from .search import Hit
    from .windows import WindowState

Record = dict[str, Any]

# The keys of an event record, in order (also the CSV header of `list`).
EVENT_FIELDS = (
    "id",
    "date",
    "precision",
    "start",
    "end",
    "title",
    "summary",
    "text_ar",
    "actors",
    "places",
    "tags",
    "sources",
    "provenance",
    "dating",
    "reported_date",
    "note",
)
PROBLEM_FIELDS = ("file", "line", "column", "record", "field", "message")
ACTOR_FIELDS = ("id", "name", "name_ar", "role", "role_ar", "kind", "aliases")


def event_record(event: Event) -> Record:
    return {
        "id": event.id,
        "date": event.date,
        "precision": event.precision.value,
        "start": event.period.start.isoformat(),
        "end": event.period.end.isoformat(),
        "title": event.title,
        "summary": event.summary,
        "text_ar": event.text_ar,
        "actors": list(event.actors),
        "places": list(event.places),
        "tags": list(event.tags),
        "sources": [{"name": source.name, "url": source.url} for source in event.sources],
        "provenance": event.provenance,
        "dating": event.dating,
        "reported_date": event.reported_date,
        "note": event.note,
    }


def actor_record(actor: Actor) -> Record:
    return {
        "id": actor.id,
        "name": actor.name,
        "name_ar": actor.name_ar,
        "role": actor.role,
        "role_ar": actor.role_ar,
        "kind": actor.kind,
        "aliases": list(actor.aliases),
    }


def _brief(event: Event | None) -> Record | None:
    if event is None:
        return None
    return {"id": event.id, "date": event.date, "title": event.title}


def event_detail_record(
    timeline: Timeline, event: Event, previous: Event | None, following: Event | None
) -> Record:
    """`show`: the event with its actors expanded, and its neighbours in date order."""
    record = event_record(event)
    actors = [timeline.actor(actor_id) for actor_id in event.actors]
    record["actors"] = [actor_record(actor) for actor in actors if actor is not None]
    record["previous"] = _brief(previous)
    record["next"] = _brief(following)
    return record


def problem_record(problem: Problem) -> Record:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "record": problem.record,
        "field": problem.field,
        "message": problem.message,
    }


def _moment(value: Moment | None) -> str | None:
    return moment_text(value) if value is not None else None


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


WINDOW_FIELDS = (
    "id",
    "kind",
    "title",
    "event_id",
    "issued",
    "start",
    "duration",
    "end",
    "due_earliest",
    "due_latest",
    "end_instant",
    "status",
    "days_left_min",
    "days_left_max",
    "supersedes",
    "superseded_by",
    "outcome",
    "outcome_date",
    "explanation",
    "quote_ar",
    "note",
    "sources",
    "as_of",
)


def window_record(state: WindowState) -> Record:
    """A window as it stood on `state.day` (the `deadlines` contract)."""
    window, plan = state.window, state.schedule
    duration = window.duration
    instants = [i for i in (plan.end_instant_min, plan.end_instant_max) if i is not None]
    record: Record = {
        "id": window.id,
        "kind": window.kind,
        "title": window.title,
        "event_id": window.event_id,
        "issued": window.issued.isoformat(),
        "start": _moment(window.start),
        "duration": (
            {"min": duration.min, "max": duration.max, "unit": duration.unit, "text": duration.text}
            if duration
            else None
        ),
        "end": _moment(window.end),
        "due_earliest": _day(plan.due_earliest),
        "due_latest": _day(plan.due_latest),
        # An hour-based window ends at an instant; a range of instants is given as its latest.
        "end_instant": _moment(max(instants)) if instants else None,
        "status": state.status,
        "days_left_min": state.days_left_min,
        "days_left_max": state.days_left_max,
        "supersedes": window.supersedes,
        "superseded_by": state.superseded_by,
        "outcome": window.outcome,
        "outcome_date": _day(window.outcome_date),
        "explanation": explain(window),
        "quote_ar": window.quote_ar,
        "note": window.note,
        "sources": [{"name": source.name, "url": source.url} for source in window.sources],
        "as_of": state.day.isoformat(),
    }
    return record


def diff_record(diff: Diff, *, stat: bool = False) -> Record:
    """`diff`: one object; with stat=True the lists are replaced by their counts."""
    record: Record = {
        "from": diff.start.day.isoformat(),
        "to": diff.end.day.isoformat(),
        "from_event": diff.start.event.id if diff.start.event else None,
        "to_event": diff.end.event.id if diff.end.event else None,
        "days": diff.days,
        "elapsed": {
            "years": diff.elapsed.years,
            "months": diff.elapsed.months,
            "days": diff.elapsed.days,
        },
    }
    lists: Record = {
        "events": [event_record(event) for event in diff.events],
        "changes": [
            {
                "window_id": change.window.id,
                "change": change.change,
                "date": change.date.isoformat(),
                "status": change.status,
                "projected": change.projected,
            }
            for change in diff.changes
        ],
        "active_at_from": [window.id for window in diff.active_at_from],
        "active_at_to": [window.id for window in diff.active_at_to],
        "added": [window.id for window in diff.added],
        "removed": [window.id for window in diff.removed],
    }
    if stat:
        record.update({f"{key}_count": len(value) for key, value in lists.items()})
    else:
        record.update(lists)
    record["as_of"] = diff.as_of.isoformat()
    return record


SEARCH_FIELDS = (*EVENT_FIELDS, "score", "matches")


def hit_record(hit: Hit) -> Record:
    """`search`: the event object of `list`, plus its score and where it matched.

    `start`/`end` are code-point offsets into the original text of `field` (for actors,
    places and tags: into `value`, the spelling that matched), so `text == field[start:end]`.
    """
    from .search import LIST_FIELDS  # only search results have matches

    record = event_record(hit.event)
    record["score"] = hit.score
    record["matches"] = [
        {
            "field": match.field,
            "start": match.start,
            "end": match.end,
            "text": match.text,
            "value": match.value if match.field in LIST_FIELDS else None,
        }
        for match in hit.matches
    ]
    return record
