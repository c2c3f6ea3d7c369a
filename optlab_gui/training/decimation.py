"""Thinning long recorded series to a bounded number of points before they are drawn.

Painting cost grows with the points handed to the painter, and a frame has ~16 ms; these
functions pick at most a fixed number of points per curve while keeping what the eye needs:
:func:`thin_path` keeps every sizeable move of a 2-D trajectory (a zig-zag stays a zig-zag,
a slow crawl collapses), :func:`peak_decimate` keeps each bin's minimum and maximum of a time
series (spikes survive). Plain NumPy, no Qt.
"""

from __future__ import annotations

import numpy as np

__all__ = ["peak_decimate", "thin_path"]


def thin_path(x: np.ndarray, y: np.ndarray, max_points: int, min_spacing: float) -> np.ndarray:
    """Indices of at most ``max_points`` points of the path (x, y) to draw.

    A point is kept when the path has travelled at least ``min_spacing`` (in data units,
    typically a couple of pixels) since the previous kept point, measured along the path; if
    that still leaves too many, the spacing grows until it fits. The first and last points
    are always kept. Non-finite points (a diverged lane) are skipped.
    """
    if max_points < 2:
        raise ValueError("max_points must be at least 2")
    finite = np.flatnonzero(np.isfinite(x) & np.isfinite(y))
    if len(finite) <= max_points:
        return finite
    fx, fy = x[finite], y[finite]
    travelled = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(fx), np.diff(fy)))])
    total = travelled[-1]
    spacing = max(float(min_spacing), total / (max_points - 2)) if total > 0 else 1.0
    # The first point of each spacing-long stretch of path.
    bins = np.floor(travelled / spacing).astype(np.int64)
    first_of_bin = np.flatnonzero(np.diff(bins, prepend=-1))
    if len(first_of_bin) > max_points - 1:
        first_of_bin = first_of_bin[
            np.linspace(0, len(first_of_bin) - 1, max_points - 1).astype(np.int64)
        ]
    chosen = np.union1d(first_of_bin, [0, len(finite) - 1])
    return finite[chosen]


def peak_decimate(x: np.ndarray, y: np.ndarray, max_points: int) -> tuple[np.ndarray, np.ndarray]:
    """At most ``max_points`` points of the series (x, y): each of ``max_points // 2`` bins
    contributes its minimum and its maximum (in order of occurrence), so peaks and dips of a
    noisy loss remain visible. NaNs are ignored; a bin with no finite value gives NaN (a gap).
    """
    if max_points < 2:
        raise ValueError("max_points must be at least 2")
    count = len(x)
    if count <= max_points:
        return x, y
    bins = max_points // 2
    edges = np.linspace(0, count, bins + 1).astype(np.int64)
    starts = edges[:-1]
    filled = np.where(np.isfinite(y), y, np.nan)
    high = np.fmax.reduceat(np.where(np.isnan(filled), -np.inf, filled), starts)
    low = np.fmin.reduceat(np.where(np.isnan(filled), np.inf, filled), starts)
    empty = ~np.isfinite(high) | ~np.isfinite(low)
    # Position of the extreme values inside each bin, to keep them in time order.
    lengths = np.diff(edges)
    bin_of = np.repeat(np.arange(bins), lengths)
    is_high = filled == high[bin_of]
    is_low = filled == low[bin_of]
    high_at = _first_true_per_bin(is_high, starts, lengths)
    low_at = _first_true_per_bin(is_low, starts, lengths)
    first = np.minimum(high_at, low_at)
    second = np.maximum(high_at, low_at)
    order = np.stack([first, second], axis=1).reshape(-1)
    out_x = x[order].astype(float)
    out_y = y[order].astype(float)
    out_y[np.repeat(empty, 2)] = np.nan
    return out_x, out_y


def _first_true_per_bin(mask: np.ndarray, starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Index of the first True of ``mask`` in each bin (the bin's start if there is none)."""
    positions = np.where(mask, np.arange(len(mask)), len(mask))
    first = np.minimum.reduceat(positions, starts)
    return np.where(first < starts + lengths, first, starts)
