"""Parse time of the bundled dataset with tomli and with the stdlib tomllib (why we use tomli).

Usage: python bench/toml_parsers.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import tomli

DATA = Path(__file__).resolve().parents[1] / "data" / "events.toml"


def _median_ms(loads: Callable[[str], object], text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        loads(text)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    text = DATA.read_text(encoding="utf-8")
    stdlib = _median_ms(tomllib.loads, text, args.repeat)
    fast = _median_ms(tomli.loads, text, args.repeat)
    print(f"{DATA.name}: {len(text.encode()):,} bytes")
    print(f"tomllib (stdlib): median {stdlib:.2f} ms")
    print(f"tomli: median {fast:.2f} ms")
    print(f"tomllib/tomli: {stdlib / fast:.2f}x")


if __name__ == "__main__":
    main()
