"""Parse time of a dataset with the stdlib tomllib, tomli, rtoml and our tomlparse.loads.

Usage: python bench/toml_parsers.py [FILE] [--repeat N]

FILE defaults to the bundled dataset; give a synthetic one (bench/generate.py) to see
large files. Each parser runs with the garbage collector paused, as the loader runs it,
and the median of --repeat runs is printed with its ratio to tomli.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import rtoml
import tomli

from ceasefire_cli import tomlparse

DATA = Path(__file__).resolve().parents[1] / "data" / "events.toml"


def _median_s(loads: Callable[[str], object], text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.disable()
        start = time.perf_counter()
        loads(text)
        times.append(time.perf_counter() - start)
        gc.enable()
        gc.collect()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DATA)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    text = args.file.read_text(encoding="utf-8")
    print(f"{args.file.name}: {len(text.encode()):,} bytes, median of {args.repeat}")
    parsers: dict[str, Callable[[str], object]] = {
        "tomllib (stdlib)": tomllib.loads,
        "tomli": tomli.loads,
        "rtoml, whole text": rtoml.loads,
        "tomlparse.loads (rtoml in slices)": tomlparse.loads,
    }
    medians = {name: _median_s(loads, text, args.repeat) for name, loads in parsers.items()}
    for name, seconds in medians.items():
        ratio = medians["tomli"] / seconds
        print(f"{name:<36} {seconds * 1000:10.2f} ms   tomli / this: {ratio:5.2f}")


if __name__ == "__main__":
    main()
