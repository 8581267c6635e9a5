"""Timing shared by the benchmarks: p95 of repeated runs."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def p95_ms(run: Callable[[int], Any], runs: int = 20) -> float:
    """The 95th percentile, in ms, of ``runs`` calls ``run(i)``, after one call
    ``run(-1)`` to warm up (connections, the engine's caches)."""
    run(-1)
    times = []
    for i in range(runs):
        t = time.perf_counter()
        run(i)
        times.append((time.perf_counter() - t) * 1000)
    return round(statistics.quantiles(times, n=20)[-1], 1)
