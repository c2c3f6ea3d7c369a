"""The loss surface's contour lines (marching squares) and band levels."""

from __future__ import annotations

import numpy as np
import pytest

from optlab_gui.ui.panels.training.contours import contour_segments
from optlab_gui.ui.panels.training.surface_view import quantile


def test_contour_points_lie_on_their_circles():
    x = np.linspace(-2.0, 2.0, 81)
    y = np.linspace(-1.5, 2.5, 71)
    values = x[:, None] ** 2 + y[None, :] ** 2
    for level in (0.25, 1.0, 2.0):
        xs, ys = contour_segments(x, y, values, np.array([level]))
        assert len(xs) > 40 and len(xs) % 2 == 0  # pairs of segment ends
        radius = np.hypot(xs, ys)
        # linear interpolation on a 0.05 grid: within a few thousandths of the true circle
        np.testing.assert_allclose(radius, np.sqrt(level), atol=5e-3)


def test_cells_with_a_non_finite_corner_are_skipped():
    x = y = np.linspace(-1.0, 1.0, 21)
    values = x[:, None] + 0.0 * y[None, :]
    values[10, :] = np.nan  # the column at x = 0, where the level-0 contour would run
    xs, _ys = contour_segments(x, y, values, np.array([0.0]))
    assert len(xs) == 0
    values[10, :] = 0.0
    xs, _ys = contour_segments(x, y, values, np.array([0.05]))
    np.testing.assert_allclose(xs, 0.05)


def test_band_quantile_is_numpys_linear_quantile():
    rng = np.random.default_rng(0)
    for size in (1, 2, 3, 10, 57, 1000):
        values = rng.standard_normal(size)
        for q in (0.0, 0.01, 0.5, 0.9, 0.98, 1.0):
            assert quantile(values, q) == pytest.approx(np.quantile(values, q), rel=1e-12)
