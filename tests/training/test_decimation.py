"""Thinning for drawing: bounded point counts, kept ends, kept zig-zags and peaks."""

import numpy as np
import pytest

from optlab_gui.training.decimation import peak_decimate, thin_path


def test_short_paths_are_kept_whole():
    x = np.arange(5.0)
    np.testing.assert_array_equal(thin_path(x, x, 10, 0.1), np.arange(5))


def test_thin_path_is_bounded_and_keeps_the_ends():
    t = np.linspace(0, 1, 100_000)
    x, y = np.cos(50 * t) * t, np.sin(50 * t) * t
    kept = thin_path(x, y, 500, 0.001)
    assert len(kept) <= 500
    assert kept[0] == 0 and kept[-1] == len(t) - 1
    assert np.all(np.diff(kept) > 0)


def test_thin_path_keeps_a_zigzag_and_collapses_a_crawl():
    zigzag_y = np.where(np.arange(200) % 2 == 0, 1.0, -1.0)
    zigzag_x = np.linspace(0, 1, 200)
    crawl_x = 1.0 + np.linspace(0, 1e-3, 10_000)
    x = np.concatenate([zigzag_x, crawl_x])
    y = np.concatenate([zigzag_y, np.zeros(10_000)])
    kept = thin_path(x, y, 1000, 0.01)
    assert set(range(200)) <= set(kept.tolist())
    assert len(kept) < 300


def test_thin_path_skips_non_finite_points():
    x = np.array([0.0, 1.0, np.nan, np.nan])
    kept = thin_path(x, x, 10, 0.1)
    np.testing.assert_array_equal(kept, [0, 1])
    with pytest.raises(ValueError):
        thin_path(x, x, 1, 0.1)


def test_peak_decimate_keeps_spikes_in_order():
    x = np.arange(10_000)
    y = np.ones(10_000)
    y[1234] = 50.0
    y[7777] = -3.0
    dx, dy = peak_decimate(x, y, 200)
    assert len(dx) <= 200
    assert dy.max() == 50.0 and dy.min() == -3.0
    assert np.all(np.diff(dx) >= 0)
    assert 1234 in dx and 7777 in dx


def test_peak_decimate_short_and_nan():
    x = np.arange(5)
    y = np.arange(5.0)
    assert peak_decimate(x, y, 10)[0] is x
    y = np.full(1000, np.nan)
    y[:10] = 1.0
    _dx, dy = peak_decimate(np.arange(1000), y, 20)
    assert np.isfinite(dy[:2]).all()
    assert np.isnan(dy[-2:]).all()
