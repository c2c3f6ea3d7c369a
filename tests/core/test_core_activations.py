"""Activations: analytic derivatives, stability, formulas and the lecture's facts."""

import math

import numpy as np
import pytest

from optlab_gui.core import activations
from optlab_gui.core.activations import ACTIVATIONS

NAMES = list(ACTIVATIONS)
# Points away from the kinks at 0 (ReLU family, maxout with default pieces).
SAMPLES = np.concatenate([np.linspace(-6.0, -0.05, 40), np.linspace(0.05, 6.0, 40)])


def test_registry_order_and_titles():
    assert NAMES == [
        "sigmoid",
        "tanh",
        "relu",
        "leaky_relu",
        "elu",
        "selu",
        "gelu",
        "swish",
        "softplus",
        "softsign",
        "linear",
        "maxout",
    ]
    assert ACTIVATIONS["leaky_relu"].title == "Leaky ReLU"
    assert ACTIVATIONS["leaky_relu"].defaults == {"alpha": 0.01}
    assert ACTIVATIONS["elu"].defaults == {"alpha": 1.0}
    assert set(ACTIVATIONS["maxout"].defaults) == {"w1", "b1", "w2", "b2"}
    assert "tanh approximation" in ACTIVATIONS["gelu"].description
    for act in ACTIVATIONS.values():
        assert act.saturation in ("both", "negative", "none")
        for spec in act.parameters.values():
            assert spec.minimum <= spec.default <= spec.maximum


@pytest.mark.parametrize("name", NAMES)
def test_derivative_matches_central_differences(name):
    act = ACTIVATIONS[name]
    h = 1e-6
    numeric = (act.value(SAMPLES + h) - act.value(SAMPLES - h)) / (2 * h)
    np.testing.assert_allclose(act.derivative(SAMPLES), numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("leaky_relu", {"alpha": 0.3}),
        ("elu", {"alpha": 2.0}),
        ("maxout", {"w1": -0.7, "b1": 0.4, "w2": 1.3, "b2": -0.2}),
    ],
)
def test_derivative_with_parameters(name, params):
    act = ACTIVATIONS[name]
    x = np.array([-3.0, -1.3, 0.9, 2.7])  # away from maxout's crossing at x = 0.3
    h = 1e-6
    numeric = (act.value(x + h, **params) - act.value(x - h, **params)) / (2 * h)
    np.testing.assert_allclose(act.derivative(x, **params), numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", NAMES)
def test_stable_for_huge_inputs(name):
    act = ACTIVATIONS[name]
    x = np.array([-1e4, -1e3, -40.0, -1e-300, 0.0, 1e-300, 40.0, 1e3, 1e4])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        value = act.value(x)
        slope = act.derivative(x)
        act.saturation_mask(x)
    assert np.all(np.isfinite(value))
    assert np.all(np.isfinite(slope))
    assert value.shape == x.shape == slope.shape


@pytest.mark.parametrize("name", NAMES)
def test_shape_and_scalar_input(name):
    act = ACTIVATIONS[name]
    x = np.linspace(-2, 2, 24).reshape(2, 3, 4)
    assert act.value(x).shape == (2, 3, 4)
    assert act.derivative(x).shape == (2, 3, 4)
    assert np.ndim(act.value(0.5)) == 0


@pytest.mark.parametrize("name", NAMES)
def test_output_range_and_max_derivative(name):
    act = ACTIVATIONS[name]
    x = np.linspace(-30, 30, 60_001)
    value = act.value(x)
    low, high = act.output_range
    assert np.all(value >= low - 1e-9)
    assert np.all(value <= high + 1e-9)
    assert np.max(np.abs(act.derivative(x))) <= act.max_derivative() + 1e-9
    # the supremum is approached on the grid (ReLU-like ones reach it for x > 0)
    assert np.max(np.abs(act.derivative(x))) >= act.max_derivative() - 1e-3


@pytest.mark.parametrize(
    ("constant", "function", "extreme"),
    [
        ("_GELU_MAX_DERIVATIVE", "_gelu_derivative", "max_abs"),
        ("_SWISH_MAX_DERIVATIVE", "_swish_derivative", "max_abs"),
        ("_GELU_MINIMUM", "_gelu_value", "min"),
        ("_SWISH_MINIMUM", "_swish_value", "min"),
    ],
)
def test_written_out_gelu_and_swish_extremes_match_their_grid(constant, function, extreme):
    grid = np.linspace(-10.0, 10.0, 200_001)
    values = getattr(activations, function)(grid)
    found = np.max(np.abs(values)) if extreme == "max_abs" else np.min(values)
    assert getattr(activations, constant) == pytest.approx(float(found), rel=1e-12)


def test_sigmoid_derivative_never_exceeds_a_quarter():
    sigmoid = ACTIVATIONS["sigmoid"]
    x = np.linspace(-50, 50, 100_001)
    assert np.max(sigmoid.derivative(x)) <= 0.25
    assert sigmoid.derivative(0.0) == pytest.approx(0.25)
    assert sigmoid.max_derivative() == 0.25


def test_maxout_with_notes_parameters_is_relu():
    x = np.linspace(-5, 5, 1001)
    maxout, relu = ACTIVATIONS["maxout"], ACTIVATIONS["relu"]
    params = {"w1": 0.0, "b1": 0.0, "w2": 1.0, "b2": 0.0}
    np.testing.assert_array_equal(maxout.value(x, **params), relu.value(x))
    np.testing.assert_array_equal(maxout.derivative(x, **params), relu.derivative(x))
    first, second = maxout.pieces(x, **params)
    np.testing.assert_array_equal(np.maximum(first, second), relu.value(x))
    assert maxout.has_pieces and ACTIVATIONS["relu"].pieces(x) == ()


def test_saturation_mask_and_dead_relu():
    relu = ACTIVATIONS["relu"]
    x = np.array([-2.0, -0.1, 0.1, 2.0])
    np.testing.assert_array_equal(relu.saturation_mask(x), [True, True, False, False])
    sigmoid = ACTIVATIONS["sigmoid"]
    # σ'(x) < 0.05 * 0.25 happens for |x| > about 4.37
    np.testing.assert_array_equal(
        sigmoid.saturation_mask([-5.0, 0.0, 4.0, 5.0]), [True, False, False, True]
    )
    flat = ACTIVATIONS["maxout"].saturation_mask(x, w1=0.0, b1=0.0, w2=0.0, b2=1.0)
    assert flat.all()


def test_zero_centred_claims():
    z = np.random.default_rng(0).standard_normal(400_000)
    for act in ACTIVATIONS.values():
        mean = act.value(z).mean()
        if act.zero_centred:
            assert abs(mean) < 0.01, act.name
        else:
            assert abs(mean) > 0.02, act.name


def test_selu_constants_and_gelu_reference_values():
    selu = ACTIVATIONS["selu"]
    assert selu.value(1.0) == pytest.approx(activations.SELU_LAMBDA)
    gelu = ACTIVATIONS["gelu"]
    # tanh approximation, as in torch.nn.functional.gelu(approximate="tanh")
    x = 1.0
    expected = 0.5 * x * (1 + math.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))
    assert gelu.value(x) == pytest.approx(expected, rel=1e-14)
    assert gelu.value(-3.0) == pytest.approx(-0.0036373920817729943, rel=1e-9)


def test_unknown_parameter_is_rejected():
    with pytest.raises(ValueError, match="beta"):
        ACTIVATIONS["leaky_relu"].value(1.0, beta=2.0)


def test_formulas_render_in_mathtext():
    mathtext = pytest.importorskip("matplotlib.mathtext")
    parser = mathtext.MathTextParser("path")
    for act in ACTIVATIONS.values():
        parser.parse(f"${act.formula}$")
        parser.parse(f"${act.derivative_formula}$")
