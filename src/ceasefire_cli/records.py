"""The machine-readable shape of events and problems: the JSON contract, as plain dicts.

Key names and order here are a documented contract (README, tests/test_contract.py):
change them only with a version bump.
"""

from __future__ import annotations

from typing import Any

from .errors import Problem
from .model import Actor, Event, Timeline

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
