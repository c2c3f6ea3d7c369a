"""BatchNorm, MLP and the deep-network probe: backward passes against finite differences and
the facts the lectures show."""

import json
from pathlib import Path

import numpy as np
import pytest

from optlab_gui.core import batchnorm, deepnet
from optlab_gui.core.activations import ACTIVATIONS
from optlab_gui.core.batching import BatchSampler
from optlab_gui.core.datasets import make_dataset
from optlab_gui.core.mlp import MLP
from optlab_gui.core.optimizers import make_optimizer

DATA = Path(__file__).resolve().parent.parent / "data"


def central_difference(function, params, h=1e-6):
    numeric = np.zeros_like(params)
    for i in range(params.size):
        step = np.zeros_like(params)
        step[i] = h
        numeric[i] = (function(params + step) - function(params - step)) / (2 * h)
    return numeric


# ---- batchnorm -------------------------------------------------------------------------------


def test_batchnorm_matches_the_pytorch_reference():
    ref = json.loads((DATA / "batchnorm.json").read_text())
    x, gamma, beta = (np.array(ref[key]) for key in ("x", "gamma", "beta"))
    y, cache = batchnorm.forward(x, gamma, beta, eps=ref["eps"])
    np.testing.assert_allclose(y, ref["y"], rtol=1e-10, atol=1e-12)
    dx, dgamma, dbeta = batchnorm.backward(np.array(ref["dy"]), cache)
    np.testing.assert_allclose(dx, ref["dx"], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(dgamma, ref["dgamma"], rtol=1e-10)
    np.testing.assert_allclose(dbeta, ref["dbeta"], rtol=1e-10)


def test_batchnorm_backward_matches_finite_differences():
    rng = np.random.default_rng(1)
    x = rng.normal(2.0, 3.0, (7, 4))
    gamma, beta = rng.normal(size=4), rng.normal(size=4)
    dy = rng.normal(size=(7, 4))
    _, cache = batchnorm.forward(x, gamma, beta)
    dx, dgamma, dbeta = batchnorm.backward(dy, cache)

    def loss_of_x(flat):
        return np.sum(batchnorm.forward(flat.reshape(x.shape), gamma, beta)[0] * dy)

    np.testing.assert_allclose(dx.ravel(), central_difference(loss_of_x, x.ravel()), atol=1e-7)
    np.testing.assert_allclose(
        dgamma,
        central_difference(lambda g: np.sum(batchnorm.forward(x, g, beta)[0] * dy), gamma),
        atol=1e-7,
    )
    np.testing.assert_allclose(
        dbeta,
        central_difference(lambda b: np.sum(batchnorm.forward(x, gamma, b)[0] * dy), beta),
        atol=1e-7,
    )


def test_batchnorm_running_statistics_follow_pytorch():
    rng = np.random.default_rng(2)
    x = rng.normal(1.0, 2.0, (10, 3))
    _, cache = batchnorm.forward(x, np.ones(3), np.zeros(3))
    mean, var = batchnorm.update_running(
        np.zeros(3), np.ones(3), cache.batch_mean, cache.batch_var, 0.1, n=10
    )
    np.testing.assert_allclose(mean, 0.1 * x.mean(axis=0))
    np.testing.assert_allclose(var, 0.9 + 0.1 * x.var(axis=0, ddof=1))
    y = batchnorm.forward_eval(x, 2.0, 0.5, mean, var, eps=1e-5)
    np.testing.assert_allclose(y, 2.0 * (x - mean) / np.sqrt(var + 1e-5) + 0.5)


# ---- MLP -------------------------------------------------------------------------------------

CONFIGS = [
    {},
    {"batch_norm": True},
    {"dropout": 0.4},
    {"batch_norm": True, "dropout": 0.3, "activation": ["elu", "sigmoid"], "loss": "mse"},
]


@pytest.mark.parametrize("config", CONFIGS)
def test_mlp_backward_matches_finite_differences(config):
    rng = np.random.default_rng(0)
    x = rng.normal(size=(9, 3))
    y = rng.integers(0, 3, 9)
    net = MLP([3, 5, 4, 3], seed=1, **config)
    params = net.initial_parameters() + rng.normal(0, 0.2, net.n_parameters)
    masks = net.make_dropout_masks(9, np.random.default_rng(5)) if net.dropout else None

    def loss(p, training=True):
        if training:
            return net.loss_and_gradient(p, x, y, dropout_masks=masks, update_state=False)[0]
        return net.evaluate_loss(p, x, y)

    _, gradient = net.loss_and_gradient(params, x, y, dropout_masks=masks, update_state=False)
    np.testing.assert_allclose(gradient, central_difference(loss, params), atol=1e-8)
    # evaluation mode (running statistics, no dropout) has its own exact gradient
    _, eval_gradient = net.loss_and_gradient(params, x, y, training=False)
    numeric = central_difference(lambda p: loss(p, training=False), params)
    np.testing.assert_allclose(eval_gradient, numeric, atol=1e-8)


def test_mlp_parameters_are_one_flat_vector_with_named_views():
    net = MLP([2, 8, 3], batch_norm=True, seed=3)
    params = net.initial_parameters()
    assert params.shape == (net.n_parameters,) == (2 * 8 + 8 + 8 + 8 * 3 + 3,)
    assert list(net.parameter_shapes) == ["W1", "gamma1", "beta1", "W2", "b2"]
    np.testing.assert_array_equal(params, net.initial_parameters())
    views = net.views(params)
    views["W1"][0, 0] = 42.0
    assert params[0] == 42.0  # a view, not a copy
    np.testing.assert_array_equal(views["gamma1"], 1.0)
    plain = MLP([2, 8, 3], batch_norm=False, seed=3)
    np.testing.assert_array_equal(
        plain.weights(plain.initial_parameters())[1], net.weights(net.initial_parameters())[1]
    )
    assert net.initial_parameters() is not net.initial_parameters()


@pytest.mark.parametrize(
    ("init", "std"),
    [
        ("xavier", (2 / (400 + 300)) ** 0.5),
        ("he", (2 / 400) ** 0.5),
        ("small_normal", 0.01),
        ("custom", 0.37),
    ],
)
def test_initialisations(init, std):
    net = MLP([400, 300, 2], init=init, weight_std=0.37 if init == "custom" else None)
    w1 = net.weights(net.initial_parameters())[0]
    assert w1.std() == pytest.approx(std, rel=0.02)
    assert abs(w1.mean()) < 0.05 * std


def test_a_stack_of_linear_layers_is_exactly_linear():
    net = MLP([2, 7, 5, 6, 3], activation="linear", seed=2)
    params = net.initial_parameters()
    views = net.views(params)
    for key in views:
        if key.startswith("b"):
            views[key][...] = np.random.default_rng(len(key)).normal(size=views[key].shape)
    x = np.random.default_rng(0).normal(size=(10, 2))
    matrix, offset = np.eye(2), np.zeros(2)
    for layer in net.layers:
        w, b = views[f"W{layer.index}"], views[f"b{layer.index}"]
        matrix, offset = matrix @ w, offset @ w + b
    np.testing.assert_allclose(net.outputs(params, x), x @ matrix + offset, rtol=1e-12)
    a, b = x[:5], x[5:]
    f = lambda z: net.outputs(params, z) - offset  # noqa: E731
    np.testing.assert_allclose(f(2.0 * a - 3.0 * b), 2.0 * f(a) - 3.0 * f(b), atol=1e-12)


def test_batchnorm_state_is_updated_in_training_and_used_in_evaluation():
    data = make_dataset("moons", n_samples=120)
    net = MLP([2, 6, 2], batch_norm=True)
    params = net.initial_parameters()
    before = net.evaluate_loss(params, data.x_test, data.y_test)
    racer = net.new_state()
    net.loss_and_gradient(params, data.x_train, data.y_train, state=racer)
    assert racer.updates == 1 and net.state.updates == 0
    np.testing.assert_array_equal(net.state.running_mean[0], 0.0)
    assert not np.allclose(racer.running_mean[0], 0.0)
    assert net.evaluate_loss(params, data.x_test, data.y_test) == before
    assert net.evaluate_loss(params, data.x_test, data.y_test, state=racer) != before
    probabilities = net.predict_proba(params, data.x_test, state=racer)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0)
    np.testing.assert_array_equal(
        net.predict(params, data.x_test, racer), probabilities.argmax(axis=1)
    )


def test_dropout_is_training_only_and_seeded():
    net = MLP([2, 32, 2], dropout=0.5, seed=0)
    params = net.initial_parameters()
    x = np.random.default_rng(0).normal(size=(20, 2))
    y = np.arange(20) % 2
    first = net.loss_and_gradient(params, x, y, rng=np.random.default_rng(9))
    second = net.loss_and_gradient(params, x, y, rng=np.random.default_rng(9))
    assert first[0] == second[0]
    third = net.loss_and_gradient(params, x, y, rng=np.random.default_rng(10))
    assert third[0] != first[0]
    no_dropout = MLP([2, 32, 2], dropout=0.0, seed=0)
    assert net.evaluate_loss(params, x, y) == no_dropout.evaluate_loss(params, x, y)


def test_adam_learns_moons_with_a_small_tanh_net():
    """Issue 7 relies on this: ≥ 95 % test accuracy within 2000 Adam steps, batch 32."""
    data = make_dataset("moons", noise=0.1)
    net = MLP([2, 16, 16, 2], activation="tanh")
    params = net.initial_parameters()
    adam = make_optimizer("adam", lr=0.01)
    sampler = BatchSampler(len(data.x_train), 32, seed=0)
    for _ in range(2000):
        batch = sampler.next_batch()
        xb, yb = data.x_train[batch], data.y_train[batch]
        params = adam.step(params, lambda p, xb=xb, yb=yb: net.loss_and_gradient(p, xb, yb)[1])
    assert net.accuracy(params, data.x_test, data.y_test) >= 0.95


def test_invalid_networks():
    with pytest.raises(ValueError, match="activation"):
        MLP([2, 4, 2], activation="swishy")
    with pytest.raises(ValueError, match="dropout"):
        MLP([2, 4, 2], dropout=1.0)
    with pytest.raises(ValueError, match="weight_std"):
        MLP([2, 4, 2], init="custom")
    with pytest.raises(ValueError, match="loss"):
        MLP([2, 4, 2], loss="hinge")
    net = MLP([2, 4, 2])
    with pytest.raises(ValueError, match="labels"):
        net.loss_and_gradient(net.initial_parameters(), np.zeros((3, 2)), np.array([0, 1, 2]))


# ---- deep-network probe ----------------------------------------------------------------------


def test_probe_shapes_and_determinism():
    result = deepnet.probe(6, 32, 64, "tanh", "xavier", None, False, seed=3, bins=25)
    assert result.histogram_counts.shape == (6, 25) and result.bin_edges.shape == (26,)
    assert np.all(result.histogram_counts.sum(axis=1) == 32 * 64)
    for key in (
        "pre_activation_mean",
        "pre_activation_std",
        "saturated_fraction",
        "weight_gradient_norm",
    ):
        assert getattr(result, key).shape == (6,)
    again = deepnet.probe(6, 32, 64, "tanh", "xavier", None, False, seed=3, bins=25)
    np.testing.assert_array_equal(result.histogram_counts, again.histogram_counts)
    assert (result.depth, result.width, result.batch, result.seed) == (6, 32, 64, 3)
    edges = np.linspace(-3, 3, 13)
    fixed = deepnet.probe(6, 32, 64, "tanh", "he", None, True, seed=3, bins=edges)
    np.testing.assert_array_equal(fixed.bin_edges, edges)
    no_gradients = deepnet.probe(6, 32, 64, gradients=False)
    assert np.all(np.isnan(no_gradients.weight_gradient_norm))


def test_probe_stops_between_layers_when_asked():
    asked = []

    def stop_at_the_fifth_question():
        asked.append(True)
        return len(asked) >= 5

    with pytest.raises(deepnet.ProbeCancelledError):
        deepnet.probe(30, 16, 32, should_stop=stop_at_the_fifth_question)
    assert len(asked) == 5  # asked before each layer, not after the whole probe
    never = deepnet.probe(4, 16, 32, seed=2, should_stop=lambda: False)
    plain = deepnet.probe(4, 16, 32, seed=2)
    np.testing.assert_array_equal(never.weight_gradient_norm, plain.weight_gradient_norm)


def test_probe_first_layer_is_the_same_with_and_without_batchnorm():
    # same seed: same input and weights, so the first layer's z = x W agree before BN
    plain = deepnet.probe(3, 16, 40, "linear", "custom", 1.0, False, seed=7)
    normed = deepnet.probe(3, 16, 40, "linear", "custom", 1.0, True, seed=7)
    assert plain.pre_activation_std[0] == pytest.approx(4.0, rel=0.15)  # √16 · 1
    assert normed.pre_activation_std[0] == pytest.approx(1.0, rel=1e-3)
    assert normed.pre_activation_mean[0] == pytest.approx(0.0, abs=1e-5)


def test_probe_statistics_against_a_plain_computation():
    result = deepnet.probe(4, 24, 50, "relu", "custom", 0.3, False, seed=1, precision="float64")
    inputs, weights, upstream = deepnet._standard_draws(1, 4, 24, 50, "float64", None)
    relu = ACTIVATIONS["relu"]
    a, caches = inputs, []
    for layer in range(4):
        z = a @ (0.3 * weights[layer])
        assert result.pre_activation_mean[layer] == pytest.approx(z.mean(), abs=1e-12)
        assert result.pre_activation_std[layer] == pytest.approx(z.std(), rel=1e-9)
        assert result.saturated_fraction[layer] == np.mean(relu.saturation_mask(z))
        counts, _ = np.histogram(
            np.clip(z, result.bin_edges[0], result.bin_edges[-1]), result.bin_edges
        )
        np.testing.assert_array_equal(result.histogram_counts[layer], counts)
        caches.append((a, z))
        a = relu.value(z)
    grad = upstream
    for layer in range(3, -1, -1):
        a, z = caches[layer]
        dz = grad * relu.derivative(z)
        assert result.weight_gradient_norm[layer] == pytest.approx(
            np.linalg.norm(a.T @ dz), rel=1e-9
        )
        grad = dz @ (0.3 * weights[layer]).T


def test_probe_batchnorm_gradients_against_the_core_batchnorm():
    """The probe's inlined BatchNorm forward and backward agree with core.batchnorm (whose
    backward is checked against finite differences above)."""
    depth, width, batch = 4, 24, 50
    result = deepnet.probe(
        depth, width, batch, "tanh", "custom", 0.7, True, seed=4, precision="float64"
    )
    inputs, weights, upstream = deepnet._standard_draws(4, depth, width, batch, "float64", None)
    tanh = ACTIVATIONS["tanh"]
    ones, zeros = np.ones(width), np.zeros(width)
    a, caches = inputs, []
    for layer in range(depth):
        y, cache = batchnorm.forward(a @ (0.7 * weights[layer]), ones, zeros, eps=deepnet.BN_EPS)
        assert result.pre_activation_std[layer] == pytest.approx(y.std(), rel=1e-9)
        caches.append((a, y, cache))
        a = tanh.value(y)
    grad = upstream
    for layer in range(depth - 1, -1, -1):
        a, y, cache = caches[layer]
        dz, _, _ = batchnorm.backward(grad * tanh.derivative(y), cache)
        assert result.weight_gradient_norm[layer] == pytest.approx(
            np.linalg.norm(a.T @ dz), rel=1e-9
        )
        grad = dz @ (0.7 * weights[layer]).T


def test_deep_sigmoid_saturates_without_batchnorm_and_not_with_it():
    kwargs = {
        "depth": 20,
        "width": 256,
        "batch": 256,
        "activation": "sigmoid",
        "init": "custom",
        "weight_std": 1.0,
        "seed": 0,
    }
    plain = deepnet.probe(batch_norm=False, **kwargs)
    normed = deepnet.probe(batch_norm=True, **kwargs)
    assert np.all(plain.saturated_fraction[10:] > 0.5)
    assert np.all(normed.saturated_fraction < 0.01)


def test_small_weights_vanish_gradients_without_batchnorm_only():
    kwargs = {
        "depth": 20,
        "width": 128,
        "batch": 256,
        "activation": "sigmoid",
        "init": "custom",
        "weight_std": 0.1,
        "seed": 0,
    }
    plain = deepnet.probe(batch_norm=False, **kwargs).weight_gradient_norm
    normed = deepnet.probe(batch_norm=True, **kwargs).weight_gradient_norm
    assert plain[0] / plain[-1] < 1e-6  # orders of magnitude
    assert 0.1 < normed[0] / normed[-1] < 10.0  # comparable


def test_probe_falls_back_to_float64_when_float32_overflows():
    result = deepnet.probe(20, 64, 32, "relu", "custom", 5.0, False, seed=0)
    assert result.dtype == "float64"
    assert np.all(np.isfinite(result.weight_gradient_norm))
    assert deepnet.probe(4, 16, 32, "relu").dtype == "float32"
    vanishing = deepnet.probe(60, 32, 32, "sigmoid", "custom", 0.1, False, seed=0)
    assert vanishing.dtype == "float64"
    assert 0.0 < vanishing.weight_gradient_norm[0] < 1e-30
