"""Thinning long recorded series to a bounded number of points before they are drawn.

Painting cost grows with the points handed to the painter, and a frame has ~16 ms; these
functions pick at most a fixed number of points per curve while keeping what the eye needs:
:func:`thin_paths` keeps every sizeable move of 2-D trajectories (a zig-zag stays a zig-zag,
a slow crawl collapses), :func:`peak_decimate` keeps each bin's minimum and maximum of time
series (spikes survive). Both work on all lanes at once (one NumPy pass, not one per lane:
they run every frame). Plain NumPy, no Qt.
"""

from __future__ import annotations

import numpy as np

__all__ = ["peak_decimate", "thin_paths"]


def thin_paths(
    x: np.ndarray, y: np.ndarray, max_points: int, min_spacing: float
) -> list[np.ndarray]:
    """For each lane (column) of the paths ``x``, ``y`` (shape (steps, lanes)), the indices
    of at most ``max_points`` points to draw.

    A point is kept when its path has travelled at least ``min_spacing`` (in data units,
    typically a pixel or two) since the previous kept point, measured along the path; if that
    still leaves too many, the spacing grows until it fits. The first and last finite points
    are always kept; non-finite points (a diverged lane) are left out.
    """
    if max_points < 2:
        raise ValueError("max_points must be at least 2")
    finite = np.isfinite(x) & np.isfinite(y)
    if len(x) <= max_points:
        return [np.flatnonzero(finite[:, lane]) for lane in range(x.shape[1])]
    with np.errstate(invalid="ignore"):
        moves = np.hypot(np.diff(x, axis=0), np.diff(y, axis=0))
    moves[~(finite[1:] & finite[:-1])] = 0.0
    travelled = np.concatenate([np.zeros((1, x.shape[1])), np.cumsum(moves, axis=0)])
    spacing = np.maximum(min_spacing, travelled[-1] / (max_points - 2))
    spacing[spacing <= 0] = 1.0
    stretch = np.floor(travelled / spacing)
    starts = (np.diff(stretch, axis=0, prepend=-1.0) != 0) & finite
    kept = []
    for lane in range(x.shape[1]):
        lane_finite = np.flatnonzero(finite[:, lane])
        if not len(lane_finite):
            kept.append(lane_finite)
            continue
        chosen = np.flatnonzero(starts[:, lane])
        if len(chosen) > max_points - 2:
            chosen = chosen[np.linspace(0, len(chosen) - 1, max_points - 2).astype(np.int64)]
        # The chosen points lie between the first and last finite ones: add those two at the
        # ends if missing (np.union1d would sort, and its first call imports numpy.ma: 50 ms
        # in the first frame of a race).
        first, last = lane_finite[0], lane_finite[-1]
        head = [first] if not len(chosen) or chosen[0] != first else []
        tail = [last] if last != first and (not len(chosen) or chosen[-1] != last) else []
        kept.append(np.concatenate([np.array(head, np.int64), chosen, np.array(tail, np.int64)]))
    return kept


def peak_decimate(x: np.ndarray, y: np.ndarray, max_points: int) -> tuple[np.ndarray, np.ndarray]:
    """At most ``max_points`` + 1 points of the series ``y`` over ``x`` (``y`` of shape (n,) or
    (n, lanes)): each of ``max_points // 2`` bins gives its minimum and its maximum at the
    bin's first x, so the peaks and dips of a noisy loss stay visible; the last point is kept
    as it is. NaNs are ignored; a bin with no number gives NaN (a gap in the curve).
    """
    if max_points < 2:
        raise ValueError("max_points must be at least 2")
    count = len(x)
    if count <= max_points:
        return x, y
    bins = max_points // 2
    starts = np.linspace(0, count, bins + 1).astype(np.int64)[:-1]
    low = np.fmin.reduceat(y, starts, axis=0)
    high = np.fmax.reduceat(y, starts, axis=0)
    out_x = np.append(np.repeat(x[starts], 2), x[-1])
    pairs = np.stack([low, high], axis=1).reshape(2 * bins, *y.shape[1:])
    out_y = np.concatenate([pairs, y[-1:]], axis=0)
    return out_x, out_y
