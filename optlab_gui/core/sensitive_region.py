"""Where an activation is sensitive: the inputs at which its slope is still a sizeable share
of its maximum, and a plotting window that shows that region with room on both sides.

The BatchNorm panel outlines these intervals on its distribution plots: inputs inside pass
the gradient on, inputs outside sit where the curve is flat (saturated, or dead for ReLU).
The threshold is the one :mod:`optlab_gui.core.deepnet` counts saturation with.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from .activations import Activation
from .deepnet import SATURATION_THRESHOLD

__all__ = ["DEFAULT_HALF_WIDTH", "distribution_window", "sensitive_intervals"]

#: Half-width of the window when the sensitive region has no finite edge (linear) or only
#: the kink at 0 (ReLU): wide enough for a standard-normal layer and its tails.
DEFAULT_HALF_WIDTH = 5.0
#: Grid points per unit of input when locating the edges of the sensitive region.
POINTS_PER_UNIT = 200
#: The edges are searched for in [-SEARCH_LIMIT, SEARCH_LIMIT].
SEARCH_LIMIT = 50.0


def sensitive_intervals(
    activation: Activation, low: float, high: float, threshold: float = SATURATION_THRESHOLD
) -> list[tuple[float, float]]:
    """The intervals of [low, high] where |f'(x)| >= threshold · max |f'|, left to right,
    located on a grid of 1/POINTS_PER_UNIT (the activation's parameters at their defaults).

    Sigmoid gives one interval around 0, ReLU one from 0 to ``high``, GELU two (its slope
    crosses zero just below 0), a linear function the whole range.
    """
    if not (math.isfinite(low) and math.isfinite(high) and low < high):
        raise ValueError(f"need finite low < high, got {low} and {high}")
    count = max(2, math.ceil((high - low) * POINTS_PER_UNIT) + 1)
    grid = np.linspace(low, high, count)
    sensitive = ~activation.saturation_mask(grid, threshold)
    changes = np.flatnonzero(np.diff(sensitive.astype(np.int8))) + 1
    bounds = np.concatenate([[0], changes, [count]])
    return [
        (float(grid[start]), float(grid[stop - 1]))
        for start, stop in itertools.pairwise(bounds)
        if sensitive[start]
    ]


def distribution_window(activation: Activation, threshold: float = SATURATION_THRESHOLD) -> float:
    """Half-width R of a symmetric window [-R, R] for plotting an activation's inputs: twice
    the farthest finite edge of the sensitive region (so the saturated sides show as much as
    the sensitive middle), at least DEFAULT_HALF_WIDTH, rounded up to 1, 2, 2.5 or 5 × 10^k.

    Sigmoid (edges ±4.36) gives 10, tanh (±2.18) 5, ReLU (edge 0) 5.
    """
    intervals = sensitive_intervals(activation, -SEARCH_LIMIT, SEARCH_LIMIT, threshold)
    edges = [abs(edge) for interval in intervals for edge in interval
             if abs(edge) < SEARCH_LIMIT]  # fmt: skip
    half_width = max([DEFAULT_HALF_WIDTH, *(2.0 * edge for edge in edges)])
    return _round_up_nicely(half_width)


def _round_up_nicely(value: float) -> float:
    magnitude = 10.0 ** math.floor(math.log10(value))
    for step in (1.0, 2.0, 2.5, 5.0, 10.0):
        if value <= step * magnitude * (1 + 1e-9):
            return step * magnitude
    raise AssertionError("unreachable: 10 × magnitude exceeds value")
