"""The `ceasefire` console script: the command line is imported where a Ctrl-C is caught.

Importing typer, rich and the rest takes a few hundred milliseconds; a Ctrl-C then would
otherwise print a traceback. The package itself imports nothing on import (__init__.py).
"""

from __future__ import annotations

import gc
import sys

INTERRUPTED = 130  # ExitCode.INTERRUPTED, not imported: errors.py may be what is loading


def main() -> int:
    # One command, then the process ends. The cyclic garbage collector would walk every
    # object made so far each time enough new ones pile up: the loaded dataset and the
    # answer being built, again and again, to find next to nothing (7 s of a 23 s search at
    # 100k events, with the same peak memory without it). Reference counting frees the rest.
    was_collecting = gc.isenabled()
    gc.disable()
    try:
        try:
            from .cli import main as run
        except KeyboardInterrupt:
            sys.stderr.write("ceasefire: interrupted\n")
            return INTERRUPTED
        return run()
    finally:
        if was_collecting:
            gc.enable()
