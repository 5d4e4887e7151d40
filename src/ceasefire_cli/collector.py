"""Pausing Python's cyclic garbage collector, for work that makes many objects and frees few.

Loading a dataset, or a whole one-command run, creates millions of objects that live on; the
collector would walk the growing heap again and again to find next to nothing (a quarter of
tomli's own parse time at 100k events). Reference counting still frees everything that is not
a cycle.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector off inside the block, and afterwards as it was before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
