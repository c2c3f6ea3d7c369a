"""Depth: the best-case gradient factor (max |f′|)^L and the random deep 1-D→1-D network."""

import numpy as np
import pytest

from optlab_gui.core.activations import ACTIVATIONS
from optlab_gui.core.function_stack import (
    MAX_DEPTH,
    WIDTH,
    RandomDeepNetwork,
    best_case_gradient,
    signal_vanished,
)

X = np.linspace(-3.0, 3.0, 301)


def test_best_case_gradient_sigmoid_collapses_relu_stays_one():
    depths = np.arange(1, MAX_DEPTH + 1)
    assert best_case_gradient(ACTIVATIONS["sigmoid"], 10) == 0.25**10
    np.testing.assert_allclose(best_case_gradient(ACTIVATIONS["sigmoid"], depths), 0.25**depths)
    np.testing.assert_array_equal(best_case_gradient(ACTIVATIONS["relu"], depths), 1.0)


def test_best_case_gradient_uses_parameters():
    maxout = ACTIVATIONS["maxout"]
    assert best_case_gradient(maxout, 3, w1=0.0, b1=0.0, w2=2.0, b2=0.0) == 8.0
    assert best_case_gradient(ACTIVATIONS["elu"], 2, alpha=3.0) == 9.0


@pytest.mark.parametrize("depth", [-1, np.nan])
def test_best_case_gradient_rejects_bad_depths(depth):
    with pytest.raises(ValueError):
        best_case_gradient(ACTIVATIONS["relu"], depth)


@pytest.mark.parametrize("depth", [1, 2, 10, MAX_DEPTH])
def test_linear_stack_is_a_straight_line_at_every_depth(depth):
    network = RandomDeepNetwork.random(seed=3)
    y = network.forward(X, ACTIVATIONS["linear"], depth)
    slope, intercept = np.polyfit(X, y, 1)
    residual = np.max(np.abs(y - (slope * X + intercept)))
    assert residual <= 1e-9 * max(1.0, float(np.ptp(y)))
    assert abs(slope) > 0


@pytest.mark.parametrize("name", ["relu", "tanh", "sigmoid", "maxout"])
def test_nonlinear_stack_is_not_a_line(name):
    network = RandomDeepNetwork.random(seed=3)
    y = network.forward(X, ACTIVATIONS[name], 3)
    slope, intercept = np.polyfit(X, y, 1)
    residual = np.max(np.abs(y - (slope * X + intercept)))
    assert residual > 0.05 * np.ptp(y)


def test_network_matches_a_hand_written_forward_pass():
    network = RandomDeepNetwork.random(seed=7, width=4, max_depth=3)
    relu = ACTIVATIONS["relu"]
    x = np.array([-1.5, 0.2, 2.0])
    expected = []
    for xi in x:
        h = np.maximum(network.input_weights * xi + network.input_biases, 0.0)
        for weights, biases in zip(network.hidden_weights, network.hidden_biases, strict=True):
            h = np.maximum(weights @ h + biases, 0.0)
        expected.append(network.output_weights @ h)
    np.testing.assert_allclose(network.forward(x, relu, 3), expected, rtol=1e-12)


def test_seed_decides_the_weights_and_depth_reuses_them():
    first, again, other = (RandomDeepNetwork.random(seed) for seed in (1, 1, 2))
    tanh = ACTIVATIONS["tanh"]
    np.testing.assert_array_equal(first.forward(X, tanh, 5), again.forward(X, tanh, 5))
    assert not np.allclose(first.forward(X, tanh, 5), other.forward(X, tanh, 5))
    assert first.hidden_weights.shape == (MAX_DEPTH - 1, WIDTH, WIDTH)
    # A deeper network shares its first layers with the shallower one.
    shallow = RandomDeepNetwork.random(seed=1, max_depth=5)
    np.testing.assert_array_equal(shallow.hidden_weights, first.hidden_weights[:4])


def test_forward_uses_activation_parameters_and_keeps_shape():
    network = RandomDeepNetwork.random(seed=0)
    leaky = ACTIVATIONS["leaky_relu"]
    grid = X.reshape(7, 43)
    assert network.forward(grid, leaky, 4).shape == grid.shape
    assert not np.allclose(
        network.forward(X, leaky, 4, alpha=0.01), network.forward(X, leaky, 4, alpha=0.4)
    )


@pytest.mark.parametrize("depth", [0, MAX_DEPTH + 1])
def test_forward_rejects_depths_out_of_range(depth):
    with pytest.raises(ValueError):
        RandomDeepNetwork.random(seed=0).forward(X, ACTIVATIONS["relu"], depth)


def test_deep_sigmoid_stack_forgets_its_input():
    network = RandomDeepNetwork.random(seed=0)
    sigmoid = ACTIVATIONS["sigmoid"]
    assert not signal_vanished(network.forward(X, sigmoid, 1))
    assert signal_vanished(network.forward(X, sigmoid, MAX_DEPTH))


def test_signal_vanished_edge_cases():
    assert signal_vanished(np.full(5, 3.0))
    assert not signal_vanished([0.0, 1e-6])
    assert not signal_vanished([])
    assert not signal_vanished([np.inf, np.inf])


def test_overflow_comes_back_as_non_finite_without_warnings():
    network = RandomDeepNetwork.random(seed=0)
    steep = dict(w1=-3.0, b1=0.0, w2=3.0, b2=0.0)
    x = np.array([-1e300, 0.0, 1e300])
    y = network.forward(x, ACTIVATIONS["maxout"], MAX_DEPTH, **steep)
    assert not np.all(np.isfinite(y))
