"""Deep-network probe: what happens to activations and gradients layer by layer in a deep
stack, with and without BatchNorm — the numbers behind the BatchNorm panel.

:func:`probe` pushes one random batch through ``depth`` square layers ``z = a W`` (no bias),
optionally BatchNorm (γ = 1, β = 0, training mode), then the activation. It records the
distribution of every activation input and the norm of every weight gradient for a fixed
random upstream gradient at the top.

Speed: the panel recomputes while a slider is dragged, so the probe runs in float32 (half the
matmul cost of float64) and falls back to float64 automatically when float32 would overflow
(exploding activations with a large weight_std) or a gradient norm nears its underflow
(vanishing gradients in very deep stacks). The random draws for a seed are cached.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS
from .initialisers import weight_std as initial_std

__all__ = ["SATURATION_THRESHOLD", "ProbeCancelledError", "ProbeResult", "probe"]

SATURATION_THRESHOLD = 0.05
BN_EPS = 1e-5
FLOAT32_FLOOR = 1e-30


@dataclass(frozen=True, eq=False)
class ProbeResult:
    """Per-layer arrays (index 0 = first layer) of one probe, plus the inputs echoed.

    ``pre_activation_*`` describe the activation inputs (after BatchNorm when it is on);
    ``histogram_counts[l]`` counts them on the shared ``bin_edges`` (values outside the
    edges are counted in the first or last bin, so every row sums to batch x width);
    ``saturated_fraction[l]`` is the share with |f'| < 5 % of max |f'| (dead units for
    ReLU); ``weight_gradient_norm[l]`` is the Frobenius norm of dL/dW_l. ``dtype`` is the
    precision actually used. With an exploding configuration even float64 can overflow;
    the affected entries are then inf or nan.
    """

    depth: int
    width: int
    batch: int
    activation: str
    init: str
    weight_std: float
    batch_norm: bool
    seed: int
    pre_activation_mean: np.ndarray
    pre_activation_std: np.ndarray
    histogram_counts: np.ndarray
    bin_edges: np.ndarray
    saturated_fraction: np.ndarray
    weight_gradient_norm: np.ndarray
    dtype: str


class ProbeCancelledError(Exception):
    """Raised by :func:`probe` when its ``should_stop`` callback answers True."""


#: Random draws of the last few seeds and sizes (a slider drag probes the same network again).
_DRAWS_KEPT = 4
_draws: OrderedDict[tuple, tuple[np.ndarray, np.ndarray, np.ndarray]] = OrderedDict()
_draws_lock = threading.Lock()


def _standard_draws(
    seed: int, depth: int, width: int, batch: int, dtype: str, stop: Callable[[], bool] | None
):
    """Input batch, unit-variance weights and upstream gradient for a seed (read-only).

    Drawn in a fixed order that does not depend on activation, init or batch_norm, so
    columns with and without BatchNorm see the very same weights and inputs. The weights are
    drawn layer by layer (the same stream as one draw) so ``stop`` is heard between layers:
    the largest network's draws take most of a second.
    """
    key = (seed, depth, width, batch, dtype)
    with _draws_lock:  # the two columns of a pair ask at once: draw once, share
        if key in _draws:
            _draws.move_to_end(key)
            return _draws[key]
        rng = np.random.default_rng(seed)
        kind = np.dtype(dtype).type
        inputs = rng.standard_normal((batch, width), dtype=np.float64).astype(kind)
        weights = np.empty((depth, width, width), dtype=kind)
        for layer in range(depth):
            if stop is not None and stop():
                raise ProbeCancelledError
            weights[layer] = rng.standard_normal((width, width), dtype=np.float64)
        upstream = rng.standard_normal((batch, width), dtype=np.float64).astype(kind)
        for array in (inputs, weights, upstream):
            array.setflags(write=False)
        _draws[key] = (inputs, weights, upstream)
        if len(_draws) > _DRAWS_KEPT:
            _draws.popitem(last=False)
        return _draws[key]


def _edges(bins, largest: float) -> np.ndarray:
    if np.ndim(bins) == 0:
        count = int(bins)
        if count < 1:
            raise ValueError(f"bins must be >= 1, got {bins}")
        half = largest if math.isfinite(largest) and largest > 0 else 1.0
        return np.linspace(-half, half, count + 1)
    edges = np.asarray(bins, dtype=float)
    if edges.ndim != 1 or edges.size < 2 or np.any(np.diff(edges) <= 0):
        raise ValueError("bins must be a count or increasing bin edges")
    return edges


def _histogram(values: np.ndarray, edges: np.ndarray, uniform: bool, finite: bool) -> np.ndarray:
    """Counts on ``edges`` with outliers in the end bins; one vectorised pass, no Python loop
    over values (faster than np.histogram, which also re-checks the range)."""
    bins = edges.size - 1
    flat = values.ravel()
    if not finite:
        flat = np.nan_to_num(flat, nan=0.0)
    if uniform:
        # Python floats keep float32 data in float32 (a NumPy float64 scalar would not)
        scale = float(bins / (edges[-1] - edges[0]))
        position = flat - float(edges[0])
        position *= scale
        np.clip(position, 0, bins - 1, out=position)
        index = position.astype(np.intp)
    else:
        index = np.clip(np.searchsorted(edges, flat, side="right") - 1, 0, bins - 1)
    return np.bincount(index, minlength=bins)


def _layer_summary(z, slope, threshold: float, edges, uniform: bool):
    """Mean, standard deviation, saturated share and (with edges known) histogram of one
    layer's activation inputs, plus their largest magnitude and whether all are finite."""
    flat = z.ravel()
    n = flat.size
    # one sum and one BLAS dot instead of np.std's extra passes; the mean of a layer's
    # activation inputs is small next to their spread, so E[z²] − E[z]² is accurate
    layer_mean = float(flat.sum()) / n
    mean_square = float(np.dot(flat, flat)) / n
    spread = math.sqrt(max(mean_square - layer_mean * layer_mean, 0.0))
    saturated = np.count_nonzero(slope < threshold) / n
    finite = math.isfinite(mean_square)
    counts = None if edges is None else _histogram(z, edges, uniform, finite)
    largest = max(-float(flat.min()), float(flat.max())) if finite else math.inf
    return layer_mean, spread, saturated, counts, largest, finite


def _weight_gradient_norm(layer_input, dz) -> float:
    """Frobenius norm of dL/dW = aᵀ dz, summed in float64 (float32 squares can overflow)."""
    weight_grad = (layer_input.T @ dz).astype(np.float64).ravel()
    return math.sqrt(float(np.dot(weight_grad, weight_grad)))


def _uniform(edges: np.ndarray) -> bool:
    spacing = np.diff(edges)
    return bool(np.allclose(spacing, spacing[0], rtol=1e-9, atol=0.0))


def _run(depth, width, batch, activation, std, batch_norm, seed, bins, gradients, dtype, stop):
    """One probe in ``dtype``; the probe's second try in float64 calls it again."""
    act = ACTIVATIONS[activation]
    fused = act.bound_fused()
    threshold = SATURATION_THRESHOLD * act.max_derivative()
    inputs, unit_weights, upstream = _standard_draws(seed, depth, width, batch, dtype, stop)
    kind = inputs.dtype.type
    edges = None if np.ndim(bins) == 0 else _edges(bins, 1.0)
    uniform = edges is not None and _uniform(edges)
    weights = unit_weights * kind(std)
    summaries, layer_inputs, slopes, normalised, inv_stds, pres = [], [], [], [], [], []
    a = inputs
    for layer in range(depth):
        if stop is not None and stop():
            raise ProbeCancelledError
        z = a @ weights[layer]
        if batch_norm:
            centred = z - z.mean(axis=0)
            # einsum sums the squares per unit in one pass, without a temporary array
            variance = np.einsum("ij,ij->j", centred, centred) / kind(batch)
            inv_std = 1.0 / np.sqrt(variance + kind(BN_EPS))
            centred *= inv_std
            z = centred
            normalised.append(z)
            inv_stds.append(inv_std)
        h, slope = fused(z)
        if slope.dtype != z.dtype:
            slope = slope.astype(z.dtype)
        summaries.append(_layer_summary(z, slope, threshold, edges, uniform))
        if gradients:
            layer_inputs.append(a)
            slopes.append(slope)
        if edges is None:
            pres.append(z)
        a = h.astype(kind, copy=False)
    mean, spread, saturated, counts, largest, finite_layers = zip(*summaries, strict=True)
    finite = all(finite_layers)
    if edges is None:  # the histograms' edges reach the largest |z| of all layers
        edges = _edges(bins, max(largest))
        uniform = _uniform(edges)
        counts = [
            _histogram(z, edges, uniform, layer_finite)
            for z, layer_finite in zip(pres, finite_layers, strict=True)
        ]
    norms = np.full(depth, np.nan)
    if gradients:
        grad = upstream
        for layer in range(depth - 1, -1, -1):
            if stop is not None and stop():
                raise ProbeCancelledError
            dz = grad * slopes[layer]
            if batch_norm:
                # dx = (dẑ − mean(dẑ) − x̂ · mean(dẑ · x̂)) / σ, in place where it can be
                x_hat = normalised[layer]
                along_x_hat = np.einsum("ij,ij->j", dz, x_hat) / kind(batch)
                corrected = x_hat * along_x_hat
                np.subtract(dz, corrected, out=corrected)
                corrected -= dz.mean(axis=0)
                corrected *= inv_stds[layer]
                dz = corrected
            norms[layer] = _weight_gradient_norm(layer_inputs[layer], dz)
            if layer:
                grad = dz @ weights[layer].T
        # gradients below ~1e-30 are near float32's underflow: recompute them in float64
        finite = finite and bool(np.all(np.isfinite(norms))) and float(norms.min()) > FLOAT32_FLOOR
    summary = (np.array(mean), np.array(spread), np.stack(counts), edges, np.array(saturated))
    return (*summary, norms), finite


def probe(
    depth: int,
    width: int,
    batch: int,
    activation: str = "tanh",
    init: str = "xavier",
    weight_std: float | None = None,
    batch_norm: bool = False,
    seed: int = 0,
    bins: int | np.ndarray = 40,
    gradients: bool = True,
    precision: str = "float32",
    should_stop: Callable[[], bool] | None = None,
) -> ProbeResult:
    """Push a N(0, 1) batch through a deep stack and measure every layer.

    ``init`` chooses the weight standard deviation (``"custom"`` uses ``weight_std``);
    ``bins`` is a number of bins (symmetric around 0 up to the largest |activation input|)
    or explicit increasing edges (pass the same edges to two probes to compare them).
    ``gradients=False`` skips the backward pass (then ``weight_gradient_norm`` is nan),
    about half the time, for previews while a slider moves. ``precision`` is the
    first dtype tried (``"float32"`` or ``"float64"``); float32 falls back to float64 when a
    value overflows or a gradient norm nears float32's underflow. ``should_stop`` is asked
    before every layer; when it answers True the probe raises :class:`ProbeCancelledError`, so
    closing the window never waits for a whole deep probe.
    """
    if precision not in ("float32", "float64"):
        raise ValueError(f"precision must be float32 or float64, got {precision!r}")
    if depth < 1 or width < 1 or batch < 2:
        raise ValueError("depth and width must be >= 1 and batch >= 2")
    if activation not in ACTIVATIONS:
        raise ValueError(f"unknown activation {activation!r}")
    std = initial_std(init, width, width, weight_std)
    arguments = (depth, width, batch, activation, std, batch_norm, seed, bins, gradients)
    dtype = precision
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        results, finite = _run(*arguments, dtype, should_stop)
        if not finite and dtype == "float32":
            dtype = "float64"
            results, _ = _run(*arguments, dtype, should_stop)
    mean, spread, counts, edges, saturated, norms = results
    return ProbeResult(
        depth=depth,
        width=width,
        batch=batch,
        activation=activation,
        init=init,
        weight_std=std,
        batch_norm=bool(batch_norm),
        seed=seed,
        pre_activation_mean=mean,
        pre_activation_std=spread,
        histogram_counts=counts,
        bin_edges=edges,
        saturated_fraction=saturated,
        weight_gradient_norm=norms,
        dtype=dtype,
    )
