"""Scale benchmark: commands on synthetic datasets of growing size, against the parse floor.

    python bench/scale.py                     # 10k and 100k events
    python bench/scale.py --sizes 10000 100000 1000000 --runs 1

For each size it writes a dataset with bench/generate.py (once; kept in --dir), then
measures, each in a fresh process with output to /dev/null:

- the floor: a process that only parses the file with tomli (`tomli.load`);
- for reference, the same with the garbage collector paused, as ceasefire loads;
- each command cold (its cache entry removed first, so it parses and checks the file; a
  child process writes the cache after the answer is out, and the benchmark waits for it)
  and warm (the same command again, read from the cache);
- peak memory (max RSS) of every process, from os.wait4.

It prints one table per size (seconds, ratio to the floor, MiB) and then the growth ratio
of time and memory between consecutive sizes (10x the events should cost about 10x).
The issue's target: at 100k events, each command within 1.5x the floor.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
COMMANDS = {
    "list --since": ["list", "--since", "2025-02", "--json"],
    "search (2 terms, 1 Arabic)": ["search", "ceasefire", "بوتين", "--json"],
    "deadlines": ["deadlines", "--json"],
    "diff": ["diff", "2025-01-01", "2025-06-30", "--json"],
}
FLOOR = [sys.executable, "-c", "import sys, tomli; tomli.load(open(sys.argv[1], 'rb'))"]
# For reference, not the target: the same parse with the garbage collector paused, as
# ceasefire loads (about a quarter of the floor is the collector walking the growing heap).
FLOOR_NO_GC = [
    sys.executable,
    "-c",
    "import gc, sys, tomli; gc.disable(); tomli.load(open(sys.argv[1], 'rb'))",
]


def run(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB and exit status of one process."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)} failed ({process.returncode}): {stderr.strip()}")
    return elapsed, usage.ru_maxrss / 1024, process.returncode


def _wait_for_cache(cache: Path, timeout: float = 3600) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(cache.glob("timeline-*")) and not any(cache.glob(".tmp-*")):
            return
        time.sleep(0.1)
    sys.exit(f"no cache entry appeared in {cache}")


def dataset(size: int, directory: Path) -> Path:
    path = directory / f"synthetic-{size}.toml"
    if not path.exists():
        print(f"writing {path} ...", file=sys.stderr, flush=True)
        subprocess.run(
            [sys.executable, str(HERE / "generate.py"), str(size), "-o", str(path)], check=True
        )
    return path


def measure(
    path: Path, runs: int, cache: Path, commands: list[str]
) -> dict[str, tuple[float, float]]:
    env = {**os.environ, "CEASEFIRE_CACHE_DIR": str(cache), "CEASEFIRE_TODAY": "2026-11-30"}
    base = [sys.executable, "-m", "ceasefire_cli"]
    data = ["--no-bundled", "--data", str(path)]
    results: dict[str, tuple[float, float]] = {}
    floor = [run([*FLOOR, str(path)], env) for _ in range(runs)]
    results["parse floor (tomli)"] = (
        statistics.median(t for t, _, _ in floor),
        max(m for _, m, _ in floor),
    )
    paused = [run([*FLOOR_NO_GC, str(path)], env) for _ in range(runs)]
    results["tomli, collector paused (reference)"] = (
        statistics.median(t for t, _, _ in paused),
        max(m for _, m, _ in paused),
    )
    for name in commands:
        argv = COMMANDS[name]
        cold, warm = [], []
        for _ in range(runs):
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(run([*base, *argv, *data], env))
            _wait_for_cache(cache)  # a child writes it after the cold run has answered
            warm.append(run([*base, *argv, *data], env))
        results[f"{name} · cold"] = (
            statistics.median(t for t, _, _ in cold),
            max(m for _, m, _ in cold),
        )
        results[f"{name} · warm"] = (
            statistics.median(t for t, _, _ in warm),
            max(m for _, m, _ in warm),
        )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3, help="runs of each (median; default 3)")
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()) / "ceasefire")
    parser.add_argument(
        "--commands",
        nargs="+",
        choices=list(COMMANDS),
        default=list(COMMANDS),
        metavar="NAME",
        help=f"which to run (default: all of {', '.join(map(repr, COMMANDS))})",
    )
    args = parser.parse_args(argv)
    args.dir.mkdir(parents=True, exist_ok=True)
    by_size = {}
    for size in args.sizes:
        path = dataset(size, args.dir)
        megabytes = path.stat().st_size / 2**20
        results = measure(path, args.runs, args.dir / f"cache-{size}", args.commands)
        by_size[size] = results
        floor = results["parse floor (tomli)"][0]
        print(f"\n{size:,} events ({megabytes:,.0f} MiB), median of {args.runs}:")
        print(f"| {'what':<36} | {'seconds':>8} | {'× floor':>7} | {'peak MiB':>8} |")
        print(f"|{'-' * 38}|{'-' * 9}:|{'-' * 8}:|{'-' * 9}:|")
        for name, (seconds, memory) in results.items():
            print(f"| {name:<36} | {seconds:8.2f} | {seconds / floor:7.2f} | {memory:8.0f} |")
    sizes = list(by_size)
    for small, large in itertools.pairwise(sizes):
        print(f"\ngrowth {small:,} -> {large:,} events ({large / small:.0f}x):")
        print(f"| {'what':<36} | {'time ×':>7} | {'memory ×':>8} |")
        print(f"|{'-' * 38}|{'-' * 8}:|{'-' * 9}:|")
        for name, (seconds, memory) in by_size[large].items():
            before_seconds, before_memory = by_size[small][name]
            print(
                f"| {name:<36} | {seconds / before_seconds:7.1f} | {memory / before_memory:8.1f} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
