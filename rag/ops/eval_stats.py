"""The two statistics `faro eval` reports its scores in: the mean, to four places, and the
nearest-rank percentile.
"""

from __future__ import annotations

import math
import statistics


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, math.ceil(p / 100 * len(ordered)) - 1))
    return ordered[index]


def mean(values: list[float]) -> float | None:
    return round(statistics.fmean(values), 4) if values else None
