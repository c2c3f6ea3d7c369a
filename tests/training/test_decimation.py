"""Thinning for drawing: bounded point counts, kept ends, kept zig-zags and peaks."""

import numpy as np
import pytest

from optlab_gui.training.decimation import peak_decimate, thin_paths


def one_lane(x, y, max_points, spacing):
    (kept,) = thin_paths(x[:, None], y[:, None], max_points, spacing)
    return kept


def test_short_paths_are_kept_whole():
    x = np.arange(5.0)
    np.testing.assert_array_equal(one_lane(x, x, 10, 0.1), np.arange(5))


def test_thin_paths_are_bounded_and_keep_the_ends():
    t = np.linspace(0, 1, 100_000)
    x = np.stack([np.cos(50 * t) * t, t], axis=1)
    y = np.stack([np.sin(50 * t) * t, t * t], axis=1)
    for kept in thin_paths(x, y, 500, 0.001):
        assert len(kept) <= 500
        assert kept[0] == 0 and kept[-1] == len(t) - 1
        assert np.all(np.diff(kept) > 0)


def test_thin_paths_keep_a_zigzag_and_collapse_a_crawl():
    zigzag_y = np.where(np.arange(200) % 2 == 0, 1.0, -1.0)
    zigzag_x = np.linspace(0, 1, 200)
    crawl_x = 1.0 + np.linspace(0, 1e-3, 10_000)
    x = np.concatenate([zigzag_x, crawl_x])
    y = np.concatenate([zigzag_y, np.zeros(10_000)])
    kept = one_lane(x, y, 1000, 0.01)
    assert set(range(200)) <= set(kept.tolist())
    assert len(kept) < 300


def test_thin_paths_skip_non_finite_points():
    x = np.concatenate([np.linspace(0, 1, 600), np.full(400, np.nan)])
    kept = one_lane(x, x, 100, 0.001)
    assert kept[-1] == 599 and len(kept) <= 100
    short = np.array([0.0, 1.0, np.nan, np.nan])
    np.testing.assert_array_equal(one_lane(short, short, 10, 0.1), [0, 1])
    assert len(one_lane(np.full(500, np.nan), np.full(500, np.nan), 10, 0.1)) == 0
    with pytest.raises(ValueError):
        one_lane(short, short, 1, 0.1)


def test_peak_decimate_keeps_spikes_and_the_last_point():
    x = np.arange(10_000)
    y = np.ones((10_000, 2))
    y[1234, 0] = 50.0
    y[7777, 1] = -3.0
    dx, dy = peak_decimate(x, y, 200)
    assert len(dx) <= 201 and dy.shape == (len(dx), 2)
    assert dy[:, 0].max() == 50.0 and dy[:, 1].min() == -3.0
    assert np.all(np.diff(dx) >= 0)
    assert dx[-1] == 9999


def test_peak_decimate_short_and_nan():
    x = np.arange(5)
    y = np.arange(5.0)
    assert peak_decimate(x, y, 10)[0] is x
    y = np.full(1000, np.nan)
    y[:10] = 1.0
    with np.errstate(all="raise"):
        _x, dy = peak_decimate(np.arange(1000), y, 20)
    assert np.isfinite(dy[:2]).all()
    assert np.isnan(dy[-3:]).all()
