"""Write a realistic synthetic dataset of N events for the scale benchmark.

    python bench/generate.py 100000 -o /tmp/ceasefire-100k.toml

The file is shaped like data/events.toml: bilingual text (English sentences and Arabic
sentences built from the bundled dataset's own vocabulary), actors with Arabic names and
aliases, places, tags, sources with URLs, and one window per 50 events (some carrying a
supersession chain). Dates run from 2014 to 2026 at day, month and year precision. The output
depends only on N and --seed, so every run of the benchmark measures the same bytes.

The events are synthetic and must never be mistaken for the reviewed timeline: every title
starts with "Synthetic", and the dataset's name says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import tomllib
from pathlib import Path

BUNDLED = Path(__file__).resolve().parents[1] / "data" / "events.toml"

WINDOW_EVERY = 50  # one window per this many events
KINDS = ("ultimatum", "ceasefire", "truce", "moratorium", "agreement", "talks", "proposal")
UNITS = ("hours", "days", "days", "days", "weeks", "months")
OUTCOMES = (None, None, None, "expired", "rejected", "violated", "ended")
FIRST = dt.date(2014, 1, 1).toordinal()
LAST = dt.date(2026, 11, 30).toordinal()


def _vocabulary(bundled: Path) -> tuple[list[str], list[str], list[dict[str, object]], list[str]]:
    """English words, Arabic words, the actors and the tags of the bundled dataset."""
    doc = tomllib.loads(bundled.read_text(encoding="utf-8"))
    english: list[str] = []
    arabic: list[str] = []
    tags: set[str] = set()
    for event in doc["events"]:
        prose = event.get("summary", "") + " " + event["title"]
        english += re.findall(r"[A-Za-z][A-Za-z'-]+", prose)
        arabic += re.findall(r"[\u0600-\u06FF]+", event.get("text_ar", ""))
        tags.update(event.get("tags", []))
    return english, arabic, doc["actors"], sorted(tags)


def _quote(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _sentence(rng: random.Random, words: list[str], count: int) -> str:
    text = " ".join(rng.choice(words) for _ in range(count))
    return text[0].upper() + text[1:] + "."


def _date(rng: random.Random, ordinal: int) -> str:
    day = dt.date.fromordinal(ordinal)
    roll = rng.random()
    if roll < 0.03:
        return f"{day.year:04d}"
    if roll < 0.12:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _actors(
    rng: random.Random, bundled_actors: list[dict[str, object]], arabic: list[str]
) -> list[str]:
    """The bundled actors plus 500 synthetic ones, as TOML [[actors]] tables."""
    blocks = []
    for actor in bundled_actors:
        lines = ["[[actors]]"]
        for key, value in actor.items():
            if isinstance(value, list):
                lines.append(f"{key} = [{', '.join(_quote(v) for v in value)}]")
            else:
                lines.append(f"{key} = {_quote(str(value))}")
        blocks.append("\n".join(lines))
    for number in range(500):
        name_ar = " ".join(rng.choice(arabic) for _ in range(2))
        blocks.append(
            "\n".join(
                [
                    "[[actors]]",
                    f'id = "envoy-{number:04d}"',
                    f'name = "Envoy {number:04d}"',
                    f"name_ar = {_quote(name_ar)}",
                    'kind = "person"',
                    f'aliases = ["Envoy No. {number}", {_quote(name_ar.split()[0])}]',
                ]
            )
        )
    return blocks


def generate(count: int, seed: int = 2025) -> str:
    rng = random.Random(seed)
    english, arabic, bundled_actors, tags = _vocabulary(BUNDLED)
    actor_ids = [str(a["id"]) for a in bundled_actors] + [f"envoy-{n:04d}" for n in range(500)]
    places = ["Istanbul", "Riyadh", "Jeddah", "Geneva", "Minsk", "Alaska", "Moscow", "Kyiv"]
    out = [
        "[dataset]",
        'name = "synthetic"',
        f'description = "Synthetic benchmark dataset of {count} events (not real events)"',
        "",
    ]
    out += _actors(rng, bundled_actors, arabic)
    ordinals = sorted(rng.randint(FIRST, LAST) for _ in range(count))
    windows: list[str] = []
    previous_window: str | None = None
    for number, ordinal in enumerate(ordinals):
        date = _date(rng, ordinal)
        event_id = f"{date}-synthetic-{number:07d}"
        actors = rng.sample(actor_ids, rng.randint(1, 4))
        summary = " ".join(_sentence(rng, english, rng.randint(12, 24)) for _ in range(3))
        text_ar = " ".join(_sentence(rng, arabic, rng.randint(14, 28)) for _ in range(3))
        event = [
            "",
            "[[events]]",
            f'id = "{event_id}"',
            f'date = "{date}"',
            f"title = {_quote('Synthetic: ' + _sentence(rng, english, rng.randint(6, 12)))}",
            f"summary = {_quote(summary)}",
            f"text_ar = {_quote(text_ar)}",
            f"actors = [{', '.join(_quote(a) for a in actors)}]",
            f"places = [{_quote(rng.choice(places))}]",
            f"tags = [{', '.join(_quote(t) for t in rng.sample(tags, rng.randint(1, 3)))}]",
            'provenance = "user"',
            f"note = {_quote(_sentence(rng, english, rng.randint(10, 30)))}",
            "[[events.sources]]",
            f'name = "Wire {rng.randint(1, 40)}"',
            f'url = "https://example.org/wire/{number}"',
        ]
        out += event
        if number % WINDOW_EVERY == 0 and len(date) == 10:
            window_id = f"window-{number:07d}"
            unit = rng.choice(UNITS)
            window = [
                "",
                "[[windows]]",
                f'id = "{window_id}"',
                f'kind = "{rng.choice(KINDS)}"',
                f"title = {_quote('Synthetic window ' + str(number))}",
                f'event = "{event_id}"',
                f'issued = "{date}"',
                f'start = "{date}T18:00+03:00"' if unit == "hours" else f'start = "{date}"',
                f"duration = {rng.randint(1, 60)}",
                f'unit = "{unit}"',
            ]
            outcome = rng.choice(OUTCOMES)
            if outcome:
                window.append(f'outcome = "{outcome}"')
            # About one window in four replaces the one before it, making supersession chains.
            if previous_window and rng.random() < 0.25:
                window.append(f'supersedes = "{previous_window}"')
            windows += window
            previous_window = window_id
    out += windows
    out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int, help="number of events, e.g. 100000")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args(argv)
    text = generate(args.count, args.seed)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
