"""Time `search` on a large dataset: everything after the timeline is loaded.

    python bench/generate.py 100000 -o /tmp/scale/100k.toml
    python bench/search_scale.py /tmp/scale/100k.toml [--repeat 3] [--dump results.json]

The timeline is loaded once (not timed: that is the TOML parser's cost); each query is then
timed from the filter to the rendered JSON, as `ceasefire search ... --json` does it: select
the events, search and rank them, build the listing and render it (wall-clock time, and the
process's CPU time, in all and for the search alone: steadier on a busy machine). --dump
writes every query's hits (ids, scores, matches) so that two versions of the code can be
compared result for result.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any

from ceasefire_cli import EventFilter, UsageError, filter_events, load_timeline
from ceasefire_cli.present import search_listing
from ceasefire_cli.render import render
from ceasefire_cli.search import SearchOptions, SearchResult, search_events

# (label, query words, options): the typical queries of the brief.
QUERIES: tuple[tuple[str, list[str], SearchOptions], ...] = (
    ("two terms (AND)", ["ceasefire", "بوتين"], SearchOptions()),
    ("--any", ["ceasefire", "بوتين"], SearchOptions(any_term=True)),
    ("phrase", ['"ceasefire proposal"'], SearchOptions()),
    ("qualifier", ["actor:putin"], SearchOptions()),
    ("-E regex", [r"\d+-(day|hour)"], SearchOptions(regex=True)),
    ("-E alternation", [r"cease\w*|truce"], SearchOptions(regex=True)),
    ("-w word", ["Putin"], SearchOptions(word=True)),
    ("no match", ["ceasfire"], SearchOptions()),
)


def _dump(result: SearchResult) -> dict[str, Any]:
    return {
        "hits": [
            [
                hit.event.id,
                hit.score,
                [[m.field, m.item, m.start, m.end, m.text, m.value] for m in hit.matches],
            ]
            for hit in result.hits
        ],
        "suggestions": list(result.suggestions),
        "unmatched": list(result.unmatched),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="a dataset file, e.g. /tmp/scale/100k.toml")
    parser.add_argument("--repeat", type=int, default=1, help="runs per query (median shown)")
    parser.add_argument("--only", help="run only the queries whose label contains this")
    parser.add_argument("--dump", type=Path, help="write every query's results to this file")
    args = parser.parse_args()
    began = time.perf_counter()
    timeline = load_timeline([args.data], bundled=False)
    loaded = time.perf_counter() - began
    print(f"{args.data.name}: {len(timeline.events)} events, loaded in {loaded:.2f} s")
    dumped: dict[str, Any] = {}
    for label, words, options in QUERIES:
        if args.only and args.only not in label:
            continue
        times: list[tuple[float, float, float, float, float, float]] = []
        for _ in range(args.repeat):
            cpu = time.process_time()
            start = time.perf_counter()
            events = filter_events(timeline, EventFilter())
            try:
                result = search_events(timeline, events, words, options)
            except UsageError as error:  # -E: a pattern that needs more than its budget
                print(
                    f"  {label:16} {' '.join(words)!r:24} refused after "
                    f"{time.perf_counter() - start:.3f} s: {error}"
                )
                break
            searched = time.perf_counter()
            search_cpu = time.process_time() - cpu
            listing = search_listing(result.hits, for_table=False, caption=None)
            listed = time.perf_counter()
            text = render(listing, "json")
            end = time.perf_counter()
            cpu = time.process_time() - cpu
            times.append(
                (end - start, searched - start, listed - searched, end - listed, cpu, search_cpu)
            )
        if not times:
            dumped[label] = {"refused": True}
            continue
        dumped[label] = _dump(result)
        total, search, listing_s, json_s, cpu_s, search_cpu_s = (
            statistics.median(t) for t in zip(*times, strict=True)
        )
        print(
            f"  {label:16} {' '.join(words)!r:24} {len(result.hits):6} hits "
            f"{len(text) / 1e6:7.2f} MB  total {total:7.3f} s = search {search:7.3f}"
            f" + listing {listing_s:6.3f} + json {json_s:6.3f}  (cpu {cpu_s:7.3f} s,"
            f" search cpu {search_cpu_s:7.3f} s)"
        )
    if args.dump:
        args.dump.write_text(json.dumps(dumped, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
