"""The `ceasefire` console script: the command line is imported where a Ctrl-C is caught.

Importing typer, rich and the rest takes a few hundred milliseconds; a Ctrl-C then would
otherwise print a traceback. The package itself imports nothing on import (__init__.py), and
this module imports only `sys` before main() runs: everything else is imported inside it.
"""

from __future__ import annotations

import sys

INTERRUPTED = 130  # ExitCode.INTERRUPTED, not imported: errors.py may be what is loading


def main() -> int:
    try:
        import gc

        from .collector import paused

        # One command, then the process ends: the cyclic garbage collector would walk the
        # loaded dataset and the answer being built again and again (7 s of a 23 s search at
        # 100k events, with the same peak memory without it). See collector.py.
        with paused():
            from .cli import main as run

            code = run()
            # Everything still alive now (mostly the imported modules) lives until the
            # process ends. Frozen, it is skipped by the collection that re-enabling the
            # collector sets off and by the full one at interpreter shutdown: together 45 to
            # 65 ms of a 250 ms run (bench/startup.py). In-process callers (tests) may
            # gc.unfreeze().
            gc.freeze()
            return code
    except KeyboardInterrupt:  # cli.main catches its own; this is while it is imported
        sys.stderr.write("ceasefire: interrupted\n")
        return INTERRUPTED
