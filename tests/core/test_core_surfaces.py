"""Loss surfaces: gradients against finite differences, minima, views and gradient noise."""

import numpy as np
import pytest

from optlab_gui.core.surfaces import SURFACES

NAMES = list(SURFACES)


def test_registry():
    assert NAMES[:6] == ["rosenbrock", "beale", "himmelblau", "saddle", "ravine", "six_hump_camel"]
    assert SURFACES["rosenbrock"].log_contours and SURFACES["beale"].log_contours


@pytest.mark.parametrize("name", NAMES)
def test_gradient_matches_central_differences(name):
    surface = SURFACES[name]
    xmin, xmax, ymin, ymax = surface.view
    rng = np.random.default_rng(3)
    h = 1e-6
    for theta in rng.uniform([xmin, ymin], [xmax, ymax], size=(25, 2)):
        x, y = theta
        numeric = np.array(
            [
                (surface.value(x + h, y) - surface.value(x - h, y)) / (2 * h),
                (surface.value(x, y + h) - surface.value(x, y - h)) / (2 * h),
            ]
        )
        gradient = surface.gradient(theta)
        scale = 1.0 + np.max(np.abs(gradient))
        np.testing.assert_allclose(gradient, numeric, atol=1e-6 * scale)


@pytest.mark.parametrize("name", NAMES)
def test_minima_start_and_view(name):
    surface = SURFACES[name]
    xmin, xmax, ymin, ymax = surface.view
    assert xmin < surface.start[0] < xmax and ymin < surface.start[1] < ymax
    assert surface.start.shape == (2,)
    values_at_minima = [surface.value(*point) for point in surface.minima]
    for point in surface.minima:
        assert np.max(np.abs(surface.gradient(point))) < 1e-7
        assert xmin <= point[0] <= xmax and ymin <= point[1] <= ymax
    if values_at_minima:
        xs, ys = np.meshgrid(np.linspace(xmin, xmax, 301), np.linspace(ymin, ymax, 301))
        assert np.min(surface.value(xs, ys)) >= min(values_at_minima) - 1e-9


def test_value_is_vectorised():
    xs, ys = np.meshgrid(np.linspace(-2, 2, 7), np.linspace(-1, 3, 5))
    for surface in SURFACES.values():
        grid = surface.value(xs, ys)
        assert grid.shape == (5, 7)
        assert grid[2, 3] == pytest.approx(surface.value(xs[2, 3], ys[2, 3]))


def test_saddle_is_a_saddle_at_the_origin():
    saddle = SURFACES["saddle"]
    np.testing.assert_array_equal(saddle.gradient([0.0, 0.0]), [0.0, 0.0])
    assert saddle.value(0.1, 0.0) > 0 > saddle.value(0.0, 0.1)


def test_noisy_gradient():
    surface = SURFACES["rosenbrock"]
    theta = np.array([1.0, 1.0])  # at the minimum the noise is all there is
    np.testing.assert_array_equal(
        surface.noisy_gradient(theta, np.random.default_rng(0), 0.0), surface.gradient(theta)
    )
    samples = np.array(
        [surface.noisy_gradient(theta, np.random.default_rng(seed), 0.1) for seed in range(2000)]
    )
    assert samples.std(axis=0) == pytest.approx([0.1 * surface.gradient_scale] * 2, rel=0.1)
    first = surface.noisy_gradient(theta, np.random.default_rng(7), 0.5)
    again = surface.noisy_gradient(theta, np.random.default_rng(7), 0.5)
    np.testing.assert_array_equal(first, again)
    with pytest.raises(ValueError, match="noise"):
        surface.noisy_gradient(theta, np.random.default_rng(0), -1.0)
