"""Optimizers: reference trajectories, the notes' rules, state, validation and properties."""

import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from optlab_gui.core.optimizers import OPTIMIZERS, HyperParameter, make_optimizer
from optlab_gui.core.surfaces import SURFACES

DATA = Path(__file__).resolve().parent.parent / "data"
QUADRATIC = SURFACES["quadratic"]
NAMES = list(OPTIMIZERS)


def run(optimizer, theta, grad_fn, steps):
    path = []
    for _ in range(steps):
        theta = optimizer.step(theta, grad_fn)
        path.append(theta)
    return np.array(path)


def test_registry():
    assert NAMES == ["gd", "momentum", "nesterov", "adagrad", "adadelta", "rmsprop", "adam"]
    titles = [OPTIMIZERS[name].title for name in NAMES]
    assert titles == [
        "Gradient descent",
        "Momentum",
        "Nesterov (NAG)",
        "Adagrad",
        "Adadelta",
        "RMSprop",
        "Adam",
    ]
    for cls in OPTIMIZERS.values():
        assert cls.formula and all(isinstance(line, str) for line in cls.formula)
        for spec in cls.hyperparameters.values():
            assert isinstance(spec, HyperParameter)
            assert spec.minimum <= spec.default <= spec.maximum
    assert "lr" not in OPTIMIZERS["adadelta"].hyperparameters
    assert OPTIMIZERS["momentum"].hyperparameters["momentum"].default == 0.9
    assert OPTIMIZERS["momentum"].hyperparameters["momentum"].symbol == "γ"
    assert OPTIMIZERS["adadelta"].hyperparameters["rho"].default == 0.9
    assert OPTIMIZERS["adadelta"].hyperparameters["eps"].default == 1e-6


@pytest.mark.parametrize("name", ["gd", "momentum", "adam"])
def test_reference_trajectories(name):
    reference = json.loads((DATA / "optimizers_quadratic.json").read_text())
    entry = reference["trajectories"][name]
    optimizer = make_optimizer(name, **entry["hyperparameters"])
    path = run(optimizer, np.array(reference["theta0"]), QUADRATIC.gradient, reference["steps"])
    np.testing.assert_allclose(path, np.array(entry["theta"]), rtol=1e-10, atol=1e-12)


def test_hand_checked_first_steps():
    g = lambda theta: np.array([2.0, -4.0])  # noqa: E731
    theta0 = np.zeros(2)
    # Nesterov: the second gradient is taken at θ − γv.
    seen = []

    def recording(theta):
        seen.append(theta.copy())
        return np.array([theta[0] - 1.0, 2.0])

    nesterov = make_optimizer("nesterov", lr=0.1, momentum=0.5)
    theta1 = nesterov.step(theta0, recording)  # v = 0.1*(-1, 2) → θ = (0.1, -0.2)
    np.testing.assert_allclose(theta1, [0.1, -0.2])
    theta2 = nesterov.step(theta1, recording)
    np.testing.assert_allclose(seen[1], theta1 - 0.5 * np.array([-0.1, 0.2]))
    np.testing.assert_allclose(nesterov.state["lookahead"], seen[1])
    # v2 = 0.5 v1 + 0.1 g(lookahead) = (-0.05, 0.1) + 0.1 (0.15 - 1, 2)
    v2 = np.array([-0.05, 0.1]) + 0.1 * np.array([0.15 - 1.0, 2.0])
    np.testing.assert_allclose(theta2, theta1 - v2)
    # Adagrad: G = g², θ = −η g / √(g² + ε)
    adagrad = make_optimizer("adagrad", lr=0.5, eps=1e-8)
    np.testing.assert_allclose(
        adagrad.step(theta0, g), -0.5 * np.array([2, -4]) / np.sqrt(np.array([4.0, 16.0]) + 1e-8)
    )
    # RMSprop: E = 0.1 g², θ = −η g / √(0.1 g² + ε)
    rmsprop = make_optimizer("rmsprop", lr=0.01, rho=0.9, eps=1e-8)
    expected = -0.01 * np.array([2, -4]) / np.sqrt(0.1 * np.array([4.0, 16.0]) + 1e-8)
    np.testing.assert_allclose(rmsprop.step(theta0, g), expected)
    # Adadelta: Δθ₁ = −√ε / √((1−ρ) g² + ε) · g
    adadelta = make_optimizer("adadelta", rho=0.9, eps=1e-6)
    expected = -math.sqrt(1e-6) / np.sqrt(0.1 * np.array([4.0, 16.0]) + 1e-6) * np.array([2, -4])
    np.testing.assert_allclose(adadelta.step(theta0, g), expected)
    state = adadelta.state
    np.testing.assert_allclose(state["squared_update_avg"], 0.1 * expected**2)
    np.testing.assert_allclose(state["update"], expected)


def test_adadelta_against_a_plain_loop():
    rho, eps = 0.95, 1e-6
    theta = np.array([-4.0, 1.0])
    eg2 = np.zeros(2)
    edx2 = np.zeros(2)
    expected = []
    for _ in range(25):
        g = QUADRATIC.gradient(theta)
        eg2 = rho * eg2 + (1 - rho) * g * g
        dx = -np.sqrt(edx2 + eps) / np.sqrt(eg2 + eps) * g
        edx2 = rho * edx2 + (1 - rho) * dx * dx
        theta = theta + dx
        expected.append(theta)
    path = run(
        make_optimizer("adadelta", rho=rho, eps=eps), np.array([-4.0, 1.0]), QUADRATIC.gradient, 25
    )
    np.testing.assert_allclose(path, np.array(expected), rtol=1e-13)


def test_adam_first_steps_move_about_lr_per_coordinate():
    lr = 0.01
    adam = make_optimizer("adam", lr=lr)
    theta = np.array([-4.0, 1.0, 300.0, -2.0])
    bowl = lambda t: t * np.array([1.0, 10.0, 0.001, 1000.0])  # noqa: E731
    for _ in range(3):
        new = adam.step(theta, bowl)
        np.testing.assert_allclose(np.abs(new - theta), lr, rtol=1e-3)
        theta = new
    # Without bias correction the first step would be (1 − β₁)/√(1 − β₂) ≈ 3.16 lr.


def test_state_keys_and_values():
    expected_keys = {
        "gd": {"gradient", "update"},
        "momentum": {"velocity", "gradient", "update"},
        "nesterov": {"velocity", "lookahead", "gradient", "update"},
        "adagrad": {"grad_squared_sum", "effective_lr", "gradient", "update"},
        "adadelta": {
            "squared_grad_avg",
            "squared_update_avg",
            "effective_lr",
            "gradient",
            "update",
        },
        "rmsprop": {"squared_grad_avg", "effective_lr", "gradient", "update"},
        "adam": {"m", "v", "m_hat", "v_hat", "effective_lr", "gradient", "update"},
    }
    for name in NAMES:
        optimizer = make_optimizer(name)
        assert optimizer.state == {}
        theta = np.array([-4.0, 1.0])
        new = optimizer.step(theta, QUADRATIC.gradient)
        state = optimizer.state
        assert set(state) == expected_keys[name] == set(optimizer.state_keys)
        # at the first step Nesterov's look-ahead point is θ itself (v = 0)
        np.testing.assert_allclose(state["gradient"], QUADRATIC.gradient(theta))
        np.testing.assert_allclose(new, theta + state["update"])
        state["update"][:] = 99.0  # copies: editing them changes nothing
        assert not np.any(optimizer.state["update"] == 99.0)
        assert optimizer.step_count == 1
    momentum = make_optimizer("momentum", lr=0.1)
    momentum.step(np.array([1.0]), lambda t: np.array([2.0]))
    np.testing.assert_allclose(momentum.state["velocity"], [0.2])


def test_effective_lr_is_the_step_per_unit_gradient():
    theta = np.array([-4.0, 1.0])
    for name in ["adagrad", "rmsprop", "adadelta"]:
        optimizer = make_optimizer(name)
        for _ in range(3):
            theta_next = optimizer.step(theta, QUADRATIC.gradient)
            state = optimizer.state
            np.testing.assert_allclose(state["update"], -state["effective_lr"] * state["gradient"])
            theta = theta_next
    adam = make_optimizer("adam")
    adam.step(theta, QUADRATIC.gradient)
    state = adam.state
    np.testing.assert_allclose(state["update"], -state["effective_lr"] * state["m_hat"])


@pytest.mark.parametrize(
    ("name", "hyper", "word"),
    [
        ("gd", {"lr": -0.1}, "lr"),
        ("adam", {"eps": -1e-8}, "eps"),
        ("momentum", {"momentum": 1.0}, "momentum"),
        ("momentum", {"momentum": -0.1}, "momentum"),
        ("adam", {"beta1": 1.0}, "beta1"),
        ("adam", {"beta2": 1.5}, "beta2"),
        ("rmsprop", {"rho": 1.0}, "rho"),
        ("adadelta", {"rho": -0.5}, "rho"),
        ("adam", {"lr": float("nan")}, "lr"),
        ("adam", {"lr": float("inf")}, "lr"),
        ("adagrad", {"eps": float("nan")}, "eps"),
        ("adam", {"lr": "fast"}, "lr"),
        ("adadelta", {"lr": 0.1}, "lr"),
        ("gd", {"momentum": 0.9}, "momentum"),
    ],
)
def test_invalid_hyperparameters(name, hyper, word):
    with pytest.raises(ValueError, match=word):
        make_optimizer(name, **hyper)
    optimizer = make_optimizer(name)
    before = optimizer.hyper
    with pytest.raises(ValueError, match=word):
        optimizer.set_hyperparameters(**hyper)
    assert optimizer.hyper == before


def test_huge_lr_and_zero_eps_are_valid():
    make_optimizer("gd", lr=1e6)
    make_optimizer("adam", beta1=0.0, beta2=0.0, eps=0.0)
    with pytest.raises(ValueError, match="unknown optimizer"):
        make_optimizer("sgd")
    # eps = 0 with a zero gradient gives a zero step, not 0/0
    for name in ["adagrad", "rmsprop", "adadelta", "adam"]:
        optimizer = make_optimizer(name, eps=0.0)
        new = optimizer.step(np.array([1.0, 2.0]), lambda t: np.array([0.0, 1.0]))
        assert np.all(np.isfinite(new)) and new[0] == 1.0
        assert set(optimizer.state)


def test_live_hyperparameter_change_keeps_state():
    optimizer = make_optimizer("momentum", lr=0.1, momentum=0.9)
    theta = optimizer.step(np.array([1.0]), lambda t: np.array([1.0]))
    optimizer.set_hyperparameters(lr=0.0)
    assert optimizer.hyper == {"lr": 0.0, "momentum": 0.9}
    theta2 = optimizer.step(theta, lambda t: np.array([1.0]))
    np.testing.assert_allclose(theta - theta2, 0.9 * 0.1)  # v decays, no new push


def test_shape_change_needs_reset():
    optimizer = make_optimizer("adam")
    optimizer.step(np.zeros(2), lambda t: t + 1)
    with pytest.raises(ValueError, match="reset"):
        optimizer.step(np.zeros(3), lambda t: t + 1)
    optimizer.reset()
    optimizer.step(np.zeros(3), lambda t: t + 1)


def test_every_optimizer_descends_the_quadratic():
    for name in NAMES:
        hyper = {} if name == "adadelta" else {"lr": 0.05}
        optimizer = make_optimizer(name, **hyper)
        theta = np.array([-4.0, 1.0])
        for _ in range(300):
            theta = optimizer.step(theta, QUADRATIC.gradient)
        start = QUADRATIC.value(-4.0, 1.0)
        assert QUADRATIC.value(*theta) < start, name


# ---- properties ------------------------------------------------------------------------------

arrays = hnp.arrays(
    dtype=np.float64,
    shape=hnp.array_shapes(min_dims=0, max_dims=3, max_side=4),
    elements=st.floats(-100, 100),
)
names = st.sampled_from(NAMES)


def bowl_gradient(theta):
    return 2.0 * theta + 0.5 * np.sin(theta)


@settings(max_examples=40, deadline=None)
@given(name=names, theta=arrays)
def test_step_never_mutates_input_and_keeps_shape(name, theta):
    optimizer = make_optimizer(name)
    original = theta.copy()
    seen = []

    def gradient(point):
        seen.append(point)
        return bowl_gradient(point)

    new = theta
    for _ in range(3):
        previous = new.copy()
        stepped = optimizer.step(new, gradient)
        np.testing.assert_array_equal(new, previous)
        assert stepped.shape == theta.shape
        assert stepped is not new
        new = stepped
    np.testing.assert_array_equal(theta, original)
    for name_state, value in optimizer.state.items():
        assert np.shape(value) == theta.shape, name_state


@settings(max_examples=30, deadline=None)
@given(name=names, theta=arrays)
def test_reset_reproduces_the_trajectory(name, theta):
    optimizer = make_optimizer(name)
    first = run(optimizer, theta, bowl_gradient, 5)
    optimizer.reset()
    assert optimizer.step_count == 0 and optimizer.state == {}
    second = run(optimizer, theta, bowl_gradient, 5)
    np.testing.assert_array_equal(first, second)


@settings(max_examples=20, deadline=None)
@given(name=names, seed=st.integers(0, 2**32 - 1), noise=st.floats(0.0, 2.0))
def test_same_seed_same_noisy_run(name, seed, noise):
    surface = SURFACES["rosenbrock"]

    def race():
        rng = np.random.default_rng(seed)
        optimizer = make_optimizer(name, **({} if name == "adadelta" else {"lr": 1e-4}))
        return run(optimizer, surface.start, lambda t: surface.noisy_gradient(t, rng, noise), 10)

    np.testing.assert_array_equal(race(), race())
