"""The sensitive region of an activation and the window the BatchNorm panel plots."""

from __future__ import annotations

import math

import numpy as np
import pytest

from optlab_gui.core.activations import ACTIVATIONS
from optlab_gui.core.sensitive_region import distribution_window, sensitive_intervals


def test_sigmoid_is_sensitive_where_its_slope_is_above_five_percent_of_a_quarter():
    ((low, high),) = sensitive_intervals(ACTIVATIONS["sigmoid"], -10.0, 10.0)
    # σ'(x) = 0.05 · 0.25 at |x| = ln((1 + √(1 − 4c)) / (1 − √(1 − 4c)) ), c = 0.0125
    root = math.sqrt(1 - 4 * 0.0125)
    edge = math.log((1 + root) / (1 - root))
    assert low == pytest.approx(-edge, abs=0.01)
    assert high == pytest.approx(edge, abs=0.01)


def test_relu_is_sensitive_on_the_positive_side_only():
    ((low, high),) = sensitive_intervals(ACTIVATIONS["relu"], -5.0, 5.0)
    assert low == pytest.approx(0.0, abs=0.01)
    assert high == 5.0


def test_gelu_has_two_sensitive_intervals_and_linear_is_sensitive_everywhere():
    assert len(sensitive_intervals(ACTIVATIONS["gelu"], -10.0, 10.0)) == 2
    assert sensitive_intervals(ACTIVATIONS["linear"], -3.0, 3.0) == [(-3.0, 3.0)]


def test_intervals_agree_with_the_saturation_mask():
    activation = ACTIVATIONS["tanh"]
    intervals = sensitive_intervals(activation, -6.0, 6.0)
    points = np.linspace(-6.0, 6.0, 997)
    inside = np.zeros(points.shape, dtype=bool)
    for low, high in intervals:
        inside |= (points >= low) & (points <= high)
    disagree = inside == activation.saturation_mask(points)
    # only points within one grid step of an edge may disagree
    assert np.all(np.abs(np.abs(points[disagree]) - 2.18) < 0.01)


@pytest.mark.parametrize(
    ("name", "half_width"), [("sigmoid", 10.0), ("tanh", 5.0), ("relu", 5.0), ("linear", 5.0)]
)
def test_the_window_shows_the_sensitive_region_with_room_around_it(name, half_width):
    assert distribution_window(ACTIVATIONS[name]) == half_width


def test_every_registered_activation_gets_a_finite_window():
    for activation in ACTIVATIONS.values():
        assert 5.0 <= distribution_window(activation) <= 50.0


def test_an_empty_range_is_refused():
    with pytest.raises(ValueError, match="low < high"):
        sensitive_intervals(ACTIVATIONS["tanh"], 1.0, 1.0)
