"""Fewer garbage collections while the pipeline runs.

The stages allocate millions of small containers (rows, profiles, sets of terms) that live
until the stage ends, and almost none of them are in reference cycles. With the default
thresholds the cyclic collector walks that growing heap again and again: on a 1,000-article
archive that was a quarter of the run. Raising the first threshold to `ALLOCATIONS` makes
collections rare without turning the collector off; the previous thresholds come back when
the block ends, so a notebook calling the library keeps its own settings.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

#: Allocations (minus deallocations) between two youngest-generation collections.
ALLOCATIONS = 100_000
#: Youngest collections per middle one, middle collections per full one.
LATER_GENERATIONS = (50, 100)


@contextmanager
def fewer_collections() -> Iterator[None]:
    previous = gc.get_threshold()
    gc.set_threshold(max(previous[0], ALLOCATIONS), *(max(p, n) for p, n in
                                                      zip(previous[1:], LATER_GENERATIONS, strict=True)))
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def tune_worker() -> None:
    """For a worker process that only runs pipeline stages: the same thresholds for good."""
    gc.set_threshold(ALLOCATIONS, *LATER_GENERATIONS)
