"""Axis ranges that show all the data with a margin and are never empty."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

#: Margin on each side, as a fraction of the data's span.
MARGIN = 0.08


def padded_range(arrays: Iterable[np.ndarray], minimum_margin: float) -> tuple[float, float]:
    """(low, high) covering every finite value of ``arrays`` plus a margin.

    The margin is ``MARGIN`` of the span but at least ``minimum_margin`` times the size of
    the values (at least 1), so a flat curve still gets a readable range; with no finite
    value at all the range is (−1, 1).
    """
    finite = [np.asarray(a, dtype=float).ravel() for a in arrays]
    values = np.concatenate(finite) if finite else np.empty(0)
    values = values[np.isfinite(values)]
    if values.size == 0:
        return -1.0, 1.0
    low, high = float(values.min()), float(values.max())
    size = max(1.0, abs(low), abs(high))
    margin = max(MARGIN * (high - low), minimum_margin * size)
    return low - margin, high + margin
