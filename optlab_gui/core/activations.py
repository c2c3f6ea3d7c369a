"""Activation functions of the lecture: values, derivatives, formulas and where they saturate.

Every function is evaluated in a form that stays finite and warning-free for |x| up to 1e4
(and beyond): sigmoid-like terms go through ``exp(-|x|)``, never through ``exp(x)`` of a large
positive ``x``.

Formulas are LaTeX strings without surrounding ``$``; they use only what matplotlib's mathtext
renders (no ``\\begin{cases}``), so the UI can write ``f"${act.formula}$"``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from types import MappingProxyType

import numpy as np

__all__ = [
    "ACTIVATIONS",
    "SELU_ALPHA",
    "SELU_LAMBDA",
    "Activation",
    "ParameterSpec",
    "sigmoid",
]

SELU_ALPHA = 1.6732632423543772
SELU_LAMBDA = 1.0507009873554805
GELU_C = math.sqrt(2.0 / math.pi)
GELU_CUBIC = 0.044715

Saturation = str  # one of "both", "negative", "none"
SATURATION_KINDS = ("both", "negative", "none")


@dataclass(frozen=True)
class ParameterSpec:
    """Slider description of one activation parameter: default, bounds, step and symbol."""

    default: float
    minimum: float
    maximum: float
    step: float
    symbol: str


def _sigmoid_parts(x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    # e = exp(-|x|) never overflows; σ(|x|) = r and σ(-|x|) = e·r with r = 1/(1 + e), both
    # without cancellation, so tiny values keep their relative precision.
    e = np.exp(-np.abs(x))
    r = 1.0 / (1.0 + e)
    return e, r, e * r


def sigmoid(x: np.ndarray) -> np.ndarray:
    """Logistic sigmoid 1 / (1 + e^-x) from exp(-|x|): no overflow, full relative precision."""
    _, r, er = _sigmoid_parts(x)
    return np.where(x >= 0, r, er)


def _sigmoid_derivative_from(x: np.ndarray) -> np.ndarray:
    # σ'(x) = σ(x) σ(-x) = e / (1 + e)^2 with e = exp(-|x|) (σ' is even).
    _, r, er = _sigmoid_parts(x)
    return er * r


# ---- elementwise kernels: (x, **params) -> array ------------------------------------------


def _sigmoid_value(x):
    return sigmoid(x)


def _sigmoid_derivative(x):
    return _sigmoid_derivative_from(x)


def _sigmoid_fused(x):
    # σ(x) = (1 + tanh(x/2))/2 and σ' = (1 − tanh²(x/2))/4: no branchy np.where (slow on
    # random signs), at the price of absolute rather than relative precision for σ < 1e-16,
    # which a network's forward and backward pass never notice.
    half_tanh = np.tanh(0.5 * x)
    value = half_tanh * 0.5
    value += 0.5
    slope = half_tanh * half_tanh
    slope -= 1.0
    slope *= -0.25
    return value, slope


def _tanh_fused(x):
    t = np.tanh(x)
    return t, 1.0 - t * t


def _relu_fused(x):
    positive = x > 0
    return np.maximum(x, 0.0), positive.astype(x.dtype)


def _tanh_value(x):
    return np.tanh(x)


def _tanh_derivative(x):
    t = np.tanh(x)
    return 1.0 - t * t


def _relu_value(x):
    return np.maximum(x, 0.0)


def _relu_derivative(x):
    # PyTorch's convention: the derivative at the kink x = 0 is 0.
    return (x > 0).astype(x.dtype)


def _leaky_relu_value(x, alpha):
    return np.where(x > 0, x, alpha * x)


def _leaky_relu_derivative(x, alpha):
    return np.where(x > 0, 1.0, alpha)


def _elu_value(x, alpha):
    # expm1 only ever sees non-positive arguments, so it cannot overflow.
    return np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))


def _elu_derivative(x, alpha):
    return np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))


def _selu_value(x):
    return SELU_LAMBDA * _elu_value(x, SELU_ALPHA)


def _selu_derivative(x):
    return SELU_LAMBDA * _elu_derivative(x, SELU_ALPHA)


def _gelu_inner(x):
    return GELU_C * (x + GELU_CUBIC * x * x * x)


def _gelu_value(x):
    # 0.5 x (1 + tanh u) = x * sigmoid(2u): the sigmoid form keeps precision for negative x.
    return x * sigmoid(2.0 * _gelu_inner(x))


def _gelu_derivative(x):
    u2 = 2.0 * _gelu_inner(x)
    s = sigmoid(u2)
    # d/dx [x s(2u)] = s(2u) + x * 2 s(2u) s(-2u) * du/dx
    du = GELU_C * (1.0 + 3.0 * GELU_CUBIC * x * x)
    return s + x * 2.0 * s * sigmoid(-u2) * du


def _swish_value(x):
    return x * sigmoid(x)


def _swish_derivative(x):
    s = sigmoid(x)
    return s + x * s * sigmoid(-x)


def _softplus_value(x):
    # ln(1 + e^x) = max(x, 0) + ln(1 + e^-|x|): no overflow, and faster than np.logaddexp
    return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))


def _softplus_derivative(x):
    return sigmoid(x)


def _softsign_value(x):
    return x / (1.0 + np.abs(x))


def _softsign_derivative(x):
    d = 1.0 + np.abs(x)
    return 1.0 / (d * d)


def _linear_value(x):
    return np.array(x, copy=True)


def _linear_derivative(x):
    return np.ones_like(x)


def _maxout_pieces(x, w1, b1, w2, b2):
    return w1 * x + b1, w2 * x + b2


def _maxout_value(x, w1, b1, w2, b2):
    first, second = _maxout_pieces(x, w1, b1, w2, b2)
    return np.maximum(first, second)


def _maxout_derivative(x, w1, b1, w2, b2):
    # Ties go to the first piece, so with w1 = b1 = 0 the derivative at 0 is 0 as for ReLU.
    first, second = _maxout_pieces(x, w1, b1, w2, b2)
    return np.where(first >= second, float(w1), float(w2))


# ---- the Activation record -----------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Activation:
    """One activation function as the lecture presents it.

    ``value`` and ``derivative`` are analytic and elementwise; keyword parameters default to
    ``defaults``. ``output_range``, ``zero_centred`` and ``saturation`` describe the function
    with its parameters at their defaults:

    * ``zero_centred`` is true when a zero-mean symmetric input gives a zero-mean output
      (odd functions, and SELU whose constants are chosen for exactly that);
    * ``saturation`` says where f' tends to 0 for large |x|: ``"both"`` (sigmoid, tanh,
      softsign), ``"negative"`` (ReLU, ELU, ...) or ``"none"``. Leaky ReLU is ``"none"``:
      its slope tends to alpha, not 0, although with alpha = 0.01 its negative side is below
      the 5 % threshold that :meth:`saturation_mask` uses.
    """

    name: str
    title: str
    description: str
    formula: str
    derivative_formula: str
    output_range: tuple[float, float]
    zero_centred: bool
    saturation: Saturation
    _value: Callable[..., np.ndarray] = field(repr=False)
    _derivative: Callable[..., np.ndarray] = field(repr=False)
    _max_derivative: Callable[..., float] = field(repr=False)
    parameters: Mapping[str, ParameterSpec] = field(default_factory=dict)
    _pieces: Callable[..., tuple[np.ndarray, np.ndarray]] | None = field(default=None, repr=False)
    _fused: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]] | None = field(
        default=None, repr=False
    )

    def __post_init__(self) -> None:
        if self.saturation not in SATURATION_KINDS:
            raise ValueError(f"saturation must be one of {SATURATION_KINDS}, not {self.saturation}")
        object.__setattr__(self, "parameters", MappingProxyType(dict(self.parameters)))

    @property
    def defaults(self) -> dict[str, float]:
        """Parameter name -> default value (a fresh dict, e.g. ``{"alpha": 0.01}``)."""
        return {key: spec.default for key, spec in self.parameters.items()}

    def _resolve(self, params: Mapping[str, float]) -> dict[str, float]:
        unknown = set(params) - set(self.parameters)
        if unknown:
            known = ", ".join(self.parameters) or "none"
            raise ValueError(
                f"{self.name} has no parameter {', '.join(sorted(unknown))} (parameters: {known})"
            )
        resolved = self.defaults
        resolved.update(params)
        return resolved

    def value(self, x, **params: float) -> np.ndarray:
        """f(x) elementwise, same shape as ``x``, as float64."""
        return self._value(np.asarray(x, dtype=float), **self._resolve(params))

    def derivative(self, x, **params: float) -> np.ndarray:
        """f'(x) elementwise (analytic), same shape as ``x``; at kinks the right-hand convention
        of PyTorch (ReLU'(0) = 0)."""
        return self._derivative(np.asarray(x, dtype=float), **self._resolve(params))

    def max_derivative(self, **params: float) -> float:
        """sup |f'(x)| over all x: the reference the saturation threshold is a fraction of."""
        return float(self._max_derivative(**self._resolve(params)))

    def saturation_mask(self, x, threshold: float = 0.05, **params: float) -> np.ndarray:
        """Boolean array: True where |f'(x)| < threshold * max |f'| (saturated, or dead for
        ReLU). A function that is flat everywhere (max |f'| = 0) is saturated everywhere."""
        resolved = self._resolve(params)
        peak = float(self._max_derivative(**resolved))
        slope = np.abs(self._derivative(np.asarray(x, dtype=float), **resolved))
        if peak == 0.0:
            return np.ones(slope.shape, dtype=bool)
        return slope < threshold * peak

    def bound(self, **params: float) -> tuple[Callable[..., np.ndarray], Callable[..., np.ndarray]]:
        """(f, f') with the parameters fixed, for hot loops (MLP, deep-net probe): the returned
        functions skip parameter checks and ``asarray``, so pass float arrays."""
        resolved = self._resolve(params)
        return partial(self._value, **resolved), partial(self._derivative, **resolved)

    def bound_fused(self, **params: float) -> Callable[..., tuple[np.ndarray, np.ndarray]]:
        """x -> (f(x), f'(x)) with the parameters fixed, sharing work between the two where
        the function allows (sigmoid, tanh, ReLU); dtype-preserving for float32 input."""
        if self._fused is not None and not self.parameters:
            return self._fused
        value, derivative = self.bound(**params)

        def fused(x):
            return value(x), derivative(x)

        return fused

    @property
    def has_pieces(self) -> bool:
        """True for piecewise-affine families the UI draws piece by piece (maxout)."""
        return self._pieces is not None

    def pieces(self, x, **params: float) -> tuple[np.ndarray, ...]:
        """The affine pieces whose maximum is f (maxout: w1 x + b1 and w2 x + b2); an empty
        tuple for functions that are not built from pieces."""
        if self._pieces is None:
            return ()
        return self._pieces(np.asarray(x, dtype=float), **self._resolve(params))


def _constant(number: float) -> Callable[..., float]:
    def peak(**_params: float) -> float:
        return number

    return peak


_ALPHA_LEAKY = ParameterSpec(default=0.01, minimum=0.0, maximum=0.5, step=0.01, symbol="α")
_ALPHA_ELU = ParameterSpec(default=1.0, minimum=0.0, maximum=3.0, step=0.05, symbol="α")
_MAXOUT_PARAMETERS = {
    "w1": ParameterSpec(default=0.0, minimum=-3.0, maximum=3.0, step=0.05, symbol="w₁"),
    "b1": ParameterSpec(default=0.0, minimum=-3.0, maximum=3.0, step=0.05, symbol="b₁"),
    "w2": ParameterSpec(default=1.0, minimum=-3.0, maximum=3.0, step=0.05, symbol="w₂"),
    "b2": ParameterSpec(default=0.0, minimum=-3.0, maximum=3.0, step=0.05, symbol="b₂"),
}

# GELU and Swish have no closed form for their largest slope and their minimum: these are
# max |f'| and min f on a grid of step 1e-4 over [-10, 10], where both lie (written out so
# importing costs nothing; tests/core/test_core_activations.py recomputes them).
_GELU_MAX_DERIVATIVE = 1.1289930686554808
_SWISH_MAX_DERIVATIVE = 1.0998393200453493
_GELU_MINIMUM = -0.17004075025098853
_SWISH_MINIMUM = -0.2784645426241578

_INF = math.inf

ACTIVATIONS: dict[str, Activation] = {
    act.name: act
    for act in (
        Activation(
            name="sigmoid",
            title="Sigmoid",
            description="Squashes to (0, 1); its slope is at most 1/4, so deep stacks of it "
            "shrink gradients, and its output is not zero-centred.",
            formula=r"f(x) = \sigma(x) = \frac{1}{1 + e^{-x}}",
            derivative_formula=r"f^{\prime}(x) = \sigma(x)\,(1 - \sigma(x))",
            output_range=(0.0, 1.0),
            zero_centred=False,
            saturation="both",
            _value=_sigmoid_value,
            _derivative=_sigmoid_derivative,
            _max_derivative=_constant(0.25),
            _fused=_sigmoid_fused,
        ),
        Activation(
            name="tanh",
            title="Tanh",
            description="Zero-centred version of the sigmoid (tanh x = 2σ(2x) − 1); "
            "it still saturates on both sides.",
            formula=r"f(x) = \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
            derivative_formula=r"f^{\prime}(x) = 1 - \tanh^{2}(x)",
            output_range=(-1.0, 1.0),
            zero_centred=True,
            saturation="both",
            _value=_tanh_value,
            _derivative=_tanh_derivative,
            _max_derivative=_constant(1.0),
            _fused=_tanh_fused,
        ),
        Activation(
            name="relu",
            title="ReLU",
            description="Constant slope 1 for positive inputs, 0 for negative ones: fast, "
            "but units stuck on the negative side are dead.",
            formula=r"f(x) = \max(0, x)",
            derivative_formula=r"f^{\prime}(x) = 1 \;\mathrm{if}\; x > 0,\; 0 \;\mathrm{otherwise}",
            output_range=(0.0, _INF),
            zero_centred=False,
            saturation="negative",
            _value=_relu_value,
            _derivative=_relu_derivative,
            _max_derivative=_constant(1.0),
            _fused=_relu_fused,
        ),
        Activation(
            name="leaky_relu",
            title="Leaky ReLU",
            description="ReLU with a small slope α for negative inputs, so no unit dies.",
            formula=r"f(x) = x \;\mathrm{if}\; x > 0,\; \alpha x \;\mathrm{otherwise}",
            derivative_formula=r"f^{\prime}(x) = 1 \;\mathrm{if}\; x > 0,"
            r"\; \alpha \;\mathrm{otherwise}",
            output_range=(-_INF, _INF),
            zero_centred=False,
            saturation="none",
            _value=_leaky_relu_value,
            _derivative=_leaky_relu_derivative,
            _max_derivative=lambda alpha: max(1.0, abs(alpha)),
            parameters={"alpha": _ALPHA_LEAKY},
        ),
        Activation(
            name="elu",
            title="ELU",
            description="Identity for positive inputs, a smooth exponential floor at −α "
            "for negative ones.",
            formula=r"f(x) = x \;\mathrm{if}\; x > 0,\; \alpha\,(e^{x} - 1) \;\mathrm{otherwise}",
            derivative_formula=r"f^{\prime}(x) = 1 \;\mathrm{if}\; x > 0,"
            r"\; \alpha\, e^{x} \;\mathrm{otherwise}",
            output_range=(-1.0, _INF),
            zero_centred=False,
            saturation="negative",
            _value=_elu_value,
            _derivative=_elu_derivative,
            _max_derivative=lambda alpha: max(1.0, abs(alpha)),
            parameters={"alpha": _ALPHA_ELU},
        ),
        Activation(
            name="selu",
            title="SELU",
            description="Scaled ELU with fixed λ ≈ 1.0507 and α ≈ 1.6733, chosen so that "
            "activations keep zero mean and unit variance layer after layer.",
            formula=r"f(x) = \lambda x \;\mathrm{if}\; x > 0,"
            r"\; \lambda \alpha\,(e^{x} - 1) \;\mathrm{otherwise}",
            derivative_formula=r"f^{\prime}(x) = \lambda \;\mathrm{if}\; x > 0,"
            r"\; \lambda \alpha\, e^{x} \;\mathrm{otherwise}",
            output_range=(-SELU_LAMBDA * SELU_ALPHA, _INF),
            zero_centred=True,
            saturation="negative",
            _value=_selu_value,
            _derivative=_selu_derivative,
            _max_derivative=_constant(SELU_LAMBDA * SELU_ALPHA),
        ),
        Activation(
            name="gelu",
            title="GELU",
            description="Gaussian error linear unit, in its tanh approximation "
            "0.5 x (1 + tanh(√(2/π)(x + 0.044715 x³))) as used by BERT and GPT-2.",
            formula=r"f(x) = \frac{x}{2}\left(1 + \tanh\left(\sqrt{2/\pi}\,"
            r"(x + 0.044715\,x^{3})\right)\right)",
            derivative_formula=r"f^{\prime}(x) = \frac{1 + t}{2} + \frac{x}{2}(1 - t^{2})"
            r"\sqrt{2/\pi}\,(1 + 0.134145\,x^{2}),\quad t = \tanh\left(\sqrt{2/\pi}\,"
            r"(x + 0.044715\,x^{3})\right)",
            output_range=(_GELU_MINIMUM, _INF),
            zero_centred=False,
            saturation="negative",
            _value=_gelu_value,
            _derivative=_gelu_derivative,
            _max_derivative=_constant(_GELU_MAX_DERIVATIVE),
        ),
        Activation(
            name="swish",
            title="Swish",
            description="x · σ(x) (also called SiLU): smooth, non-monotonic just below zero.",
            formula=r"f(x) = x\,\sigma(x) = \frac{x}{1 + e^{-x}}",
            derivative_formula=r"f^{\prime}(x) = \sigma(x) + x\,\sigma(x)\,(1 - \sigma(x))",
            output_range=(_SWISH_MINIMUM, _INF),
            zero_centred=False,
            saturation="negative",
            _value=_swish_value,
            _derivative=_swish_derivative,
            _max_derivative=_constant(_SWISH_MAX_DERIVATIVE),
        ),
        Activation(
            name="softplus",
            title="Softplus",
            description="ln(1 + eˣ), a smooth ReLU whose derivative is the sigmoid.",
            formula=r"f(x) = \ln(1 + e^{x})",
            derivative_formula=r"f^{\prime}(x) = \sigma(x) = \frac{1}{1 + e^{-x}}",
            output_range=(0.0, _INF),
            zero_centred=False,
            saturation="negative",
            _value=_softplus_value,
            _derivative=_softplus_derivative,
            _max_derivative=_constant(1.0),
        ),
        Activation(
            name="softsign",
            title="Softsign",
            description="x / (1 + |x|): like tanh but approaches ±1 polynomially, "
            "so it saturates more slowly.",
            formula=r"f(x) = \frac{x}{1 + |x|}",
            derivative_formula=r"f^{\prime}(x) = \frac{1}{(1 + |x|)^{2}}",
            output_range=(-1.0, 1.0),
            zero_centred=True,
            saturation="both",
            _value=_softsign_value,
            _derivative=_softsign_derivative,
            _max_derivative=_constant(1.0),
        ),
        Activation(
            name="linear",
            title="Linear",
            description="No activation at all: a stack of linear layers is one linear map.",
            formula=r"f(x) = x",
            derivative_formula=r"f^{\prime}(x) = 1",
            output_range=(-_INF, _INF),
            zero_centred=True,
            saturation="none",
            _value=_linear_value,
            _derivative=_linear_derivative,
            _max_derivative=_constant(1.0),
        ),
        Activation(
            name="maxout",
            title="Maxout",
            description="The larger of two affine pieces; with w₁ = b₁ = 0, w₂ = 1, b₂ = 0 "
            "(the defaults) it is exactly ReLU.",
            formula=r"f(x) = \max(w_1 x + b_1,\; w_2 x + b_2)",
            derivative_formula=r"f^{\prime}(x) = w_1 \;\mathrm{if}\; w_1 x + b_1 \geq "
            r"w_2 x + b_2,\; w_2 \;\mathrm{otherwise}",
            output_range=(0.0, _INF),
            zero_centred=False,
            saturation="negative",
            _value=_maxout_value,
            _derivative=_maxout_derivative,
            _max_derivative=lambda w1, b1, w2, b2: max(abs(w1), abs(w2)),
            parameters=_MAXOUT_PARAMETERS,
            _pieces=_maxout_pieces,
        ),
    )
}
