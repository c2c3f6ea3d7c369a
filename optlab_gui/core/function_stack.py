"""What stacking L layers of one activation does to a function and to its gradient.

Two lessons of the notes, computed here so the activations panel only draws them:

* the best case of backpropagation through L layers of f is a factor (max |f′|)^L, so
  sigmoid (max 0.25) shrinks a gradient to 0.25^L while ReLU keeps 1;
* a deep network without a non-linearity is one affine map: a random 1-D→1-D network of
  width 32 with ``linear`` draws a straight line at every depth, the same weights with a
  real activation draw a curve.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from optlab_gui.core.activations import Activation

__all__ = [
    "BIAS_STD",
    "MAX_DEPTH",
    "WIDTH",
    "RandomDeepNetwork",
    "best_case_gradient",
    "signal_vanished",
]

#: Hidden units per layer of the "why non-linearity" network.
WIDTH = 32
#: The deepest stack the panel offers.
MAX_DEPTH = 50
#: Standard deviation of the random biases: small, so the kinks of ReLU-like units spread
#: over the input range without one bias dominating the signal.
BIAS_STD = 0.1


def best_case_gradient(activation: Activation, depths, **params: float) -> np.ndarray:
    """(max |f′|)^L for each depth L: the largest factor by which backpropagation through L
    layers of ``activation`` can scale a gradient (weights of norm 1, every unit at the peak
    of f′). Below 1 it vanishes geometrically, above 1 it can explode.
    """
    depths = np.asarray(depths, dtype=float)
    if np.any(depths < 0) or not np.all(np.isfinite(depths)):
        raise ValueError("depths must be finite and non-negative")
    return np.power(activation.max_derivative(**params), depths)


def signal_vanished(outputs, relative_tolerance: float = 1e-9) -> bool:
    """True when ``outputs`` (a network's answers over a range of inputs) vary by less than
    ``relative_tolerance`` times their size: the input no longer reaches the output."""
    outputs = np.asarray(outputs, dtype=float)
    if outputs.size == 0 or not np.all(np.isfinite(outputs)):
        return False
    span = float(np.ptp(outputs))
    scale = max(1.0, float(np.max(np.abs(outputs))))
    return span <= relative_tolerance * scale


@dataclass(frozen=True, eq=False)
class RandomDeepNetwork:
    """A random fully connected 1-D→1-D network: x → L hidden layers of ``WIDTH`` units → y.

    Weights are drawn once for ``MAX_DEPTH`` layers with He's standard deviation
    √(2 / fan_in); a network of depth L uses the first L hidden layers and the output layer,
    so moving the depth slider adds or removes layers instead of drawing a new network.
    The same weights serve every activation, so ``linear`` and ``relu`` are the same network.
    """

    seed: int
    input_weights: np.ndarray  # (WIDTH,): the first layer reads the scalar x
    input_biases: np.ndarray  # (WIDTH,)
    hidden_weights: np.ndarray  # (MAX_DEPTH - 1, WIDTH, WIDTH)
    hidden_biases: np.ndarray  # (MAX_DEPTH - 1, WIDTH)
    output_weights: np.ndarray  # (WIDTH,): the output is a linear read-out, no activation

    @classmethod
    def random(cls, seed: int, width: int = WIDTH, max_depth: int = MAX_DEPTH):
        """Draw a network from ``seed`` (the same seed always gives the same network)."""
        if width < 1 or max_depth < 1:
            raise ValueError("width and max_depth must be at least 1")
        rng = np.random.default_rng(seed)
        he_std = math.sqrt(2.0 / width)
        return cls(
            seed=seed,
            input_weights=rng.normal(0.0, math.sqrt(2.0), width),
            input_biases=rng.normal(0.0, BIAS_STD, width),
            hidden_weights=rng.normal(0.0, he_std, (max_depth - 1, width, width)),
            hidden_biases=rng.normal(0.0, BIAS_STD, (max_depth - 1, width)),
            output_weights=rng.normal(0.0, math.sqrt(1.0 / width), width),
        )

    @property
    def max_depth(self) -> int:
        """The deepest network these weights describe."""
        return self.hidden_weights.shape[0] + 1

    def forward(self, x, activation: Activation, depth: int, **params: float) -> np.ndarray:
        """y(x) of the network with ``depth`` hidden layers, each followed by ``activation``.

        Extreme parameters (maxout slopes of 3 through 50 layers) may overflow: those outputs
        come back as inf or NaN, quietly, for the caller to show as "diverged".
        """
        if not 1 <= depth <= self.max_depth:
            raise ValueError(f"depth must be between 1 and {self.max_depth}, got {depth}")
        x = np.asarray(x, dtype=float)
        with np.errstate(over="ignore", invalid="ignore"):
            hidden = activation.value(
                np.multiply.outer(x.ravel(), self.input_weights) + self.input_biases, **params
            )
            for weights, biases in zip(
                self.hidden_weights[: depth - 1], self.hidden_biases[: depth - 1], strict=True
            ):
                hidden = activation.value(hidden @ weights.T + biases, **params)
            return (hidden @ self.output_weights).reshape(x.shape)
