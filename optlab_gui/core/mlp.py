"""A small multilayer perceptron with BatchNorm and dropout, parameters in one flat vector.

Because all parameters live in one float64 vector, any optimizer of
:mod:`optlab_gui.core.optimizers` can step the network:
``theta = opt.step(theta, lambda p: net.loss_and_gradient(p, xb, yb)[1])``.

Layer l (1-based) is ``z = a W_l + b_l``; a hidden layer then applies BatchNorm (optional,
on the activation's input as in the original paper), the activation, and inverted dropout
(training only). The output layer is linear. Hidden layers with BatchNorm have no bias b_l:
BatchNorm's β takes its place (a bias before BatchNorm is subtracted out again and would only
carry a zero gradient).

BatchNorm's running statistics are not parameters (no optimizer touches them); they live in
a :class:`BatchNormState`. Every MLP owns one (``net.state``) that is used when no other is
passed; a race of several optimizers on one architecture gives each racer its own
``net.new_state()``. Training-mode calls of :meth:`MLP.loss_and_gradient` update the state
(momentum 0.1, unbiased variance, as PyTorch); evaluation-mode calls only read it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from . import batchnorm
from .activations import ACTIVATIONS
from .initialisers import INITIALISERS, weight_std

__all__ = ["LOSSES", "MLP", "BatchNormState", "LayerSpec"]

LOSSES = ("cross_entropy", "mse")


@dataclass(frozen=True)
class LayerSpec:
    """Shape of one linear layer and what follows it."""

    index: int  # 1-based
    fan_in: int
    fan_out: int
    activation: str | None  # None for the output layer
    batch_norm: bool


class BatchNormState:
    """Running mean and variance of every BatchNorm layer (PyTorch's defaults: mean 0,
    var 1, momentum 0.1)."""

    def __init__(self, widths: Sequence[int], momentum: float = 0.1) -> None:
        self.widths = tuple(widths)
        self.momentum = momentum
        self.reset()

    def reset(self) -> None:
        """Back to the initial statistics (mean 0, variance 1)."""
        self.running_mean = [np.zeros(width) for width in self.widths]
        self.running_var = [np.ones(width) for width in self.widths]
        self.updates = 0

    def copy(self) -> BatchNormState:
        """An independent copy."""
        twin = BatchNormState(self.widths, self.momentum)
        twin.running_mean = [mean.copy() for mean in self.running_mean]
        twin.running_var = [var.copy() for var in self.running_var]
        twin.updates = self.updates
        return twin


class MLP:
    """Fully connected network for classification (``layer_sizes[-1]`` = number of classes).

    ``activation`` is one name of :data:`~optlab_gui.core.activations.ACTIVATIONS` for all
    hidden layers or one name per hidden layer. ``init`` picks the weight standard deviation
    (``"xavier"``, ``"he"``, ``"small_normal"`` = 0.01, or ``"custom"`` with ``weight_std``);
    biases and β start at 0, γ at 1. ``loss`` is ``"cross_entropy"`` (softmax, mean over the
    batch) or ``"mse"`` (on one-hot targets, mean over all outputs, as ``torch.nn.MSELoss``).
    ``dropout`` is the probability of dropping a hidden unit during training (inverted
    dropout: kept units are scaled by 1/(1 − p)).
    """

    def __init__(
        self,
        layer_sizes: Sequence[int],
        activation: str | Sequence[str] = "tanh",
        batch_norm: bool = False,
        dropout: float = 0.0,
        loss: str = "cross_entropy",
        init: str = "xavier",
        weight_std: float | None = None,
        seed: int = 0,
        bn_eps: float = 1e-5,
        bn_momentum: float = 0.1,
    ) -> None:
        sizes = [int(size) for size in layer_sizes]
        if len(sizes) < 2 or min(sizes) < 1:
            raise ValueError(f"layer_sizes needs at least two positive sizes, got {sizes}")
        if sizes[-1] < 2:
            raise ValueError("the output layer needs one unit per class, at least 2")
        n_hidden = len(sizes) - 2
        names = [activation] * n_hidden if isinstance(activation, str) else list(activation)
        if len(names) != n_hidden:
            raise ValueError(f"{n_hidden} hidden layers need {n_hidden} activations")
        for name in names:
            if name not in ACTIVATIONS:
                raise ValueError(f"unknown activation {name!r}")
        if not 0.0 <= dropout < 1.0:
            raise ValueError(f"dropout must lie in [0, 1), got {dropout}")
        if loss not in LOSSES:
            raise ValueError(f"loss must be one of {LOSSES}, got {loss!r}")
        if init not in INITIALISERS:
            raise ValueError(f"unknown init {init!r}; choose one of {', '.join(INITIALISERS)}")
        self.layer_sizes = tuple(sizes)
        self.activations = tuple(names)
        self.batch_norm = bool(batch_norm)
        self.dropout = float(dropout)
        self.loss = loss
        self.init = init
        self.weight_std = weight_std
        self.seed = seed
        self.bn_eps = bn_eps
        self.layers = tuple(
            LayerSpec(
                index=k + 1,
                fan_in=sizes[k],
                fan_out=sizes[k + 1],
                activation=names[k] if k < n_hidden else None,
                batch_norm=self.batch_norm and k < n_hidden,
            )
            for k in range(len(sizes) - 1)
        )
        self._stds = [weight_std_for(layer, init, weight_std) for layer in self.layers]
        self._functions = self._bind_activations()
        self.parameter_shapes: dict[str, tuple[int, ...]] = {}
        for layer in self.layers:
            idx = layer.index
            self.parameter_shapes[f"W{idx}"] = (layer.fan_in, layer.fan_out)
            if layer.batch_norm:
                self.parameter_shapes[f"gamma{idx}"] = (layer.fan_out,)
                self.parameter_shapes[f"beta{idx}"] = (layer.fan_out,)
            else:
                self.parameter_shapes[f"b{idx}"] = (layer.fan_out,)
        self.parameter_slices: dict[str, slice] = {}
        offset = 0
        for key, shape in self.parameter_shapes.items():
            size = math.prod(shape)
            self.parameter_slices[key] = slice(offset, offset + size)
            offset += size
        self.n_parameters = offset
        self.bn_widths = tuple(layer.fan_out for layer in self.layers if layer.batch_norm)
        self.bn_momentum = bn_momentum
        self.state = self.new_state()
        self._dropout_rng = np.random.default_rng([seed, 1])

    def _bind_activations(self) -> list:
        return [
            ACTIVATIONS[layer.activation].bound_fused() if layer.activation else None
            for layer in self.layers
        ]

    def __getstate__(self) -> dict:
        """Pickle without the bound activation closures (a network crosses to the training
        process); they are rebuilt from the registry on the other side."""
        state = self.__dict__.copy()
        del state["_functions"]
        return state

    def __setstate__(self, state: dict) -> None:
        """Restore a pickled network and rebind its activations."""
        self.__dict__.update(state)
        self._functions = self._bind_activations()

    # ---- parameters --------------------------------------------------------------------

    def initial_parameters(self) -> np.ndarray:
        """A fresh flat parameter vector, the same for the same seed; the weights drawn do not
        depend on ``batch_norm`` (same seed, same weights with or without it)."""
        rng = np.random.default_rng(self.seed)
        params = np.zeros(self.n_parameters)
        views = self.views(params)
        for layer, std in zip(self.layers, self._stds, strict=True):
            views[f"W{layer.index}"][...] = rng.normal(0.0, 1.0, (layer.fan_in, layer.fan_out))
            views[f"W{layer.index}"] *= std
            if layer.batch_norm:
                views[f"gamma{layer.index}"][...] = 1.0
        return params

    def views(self, params: np.ndarray) -> dict[str, np.ndarray]:
        """Named views (no copies) into a flat vector: ``W1``, ``b1`` or ``gamma1``/``beta1``,
        ..., shaped as in ``parameter_shapes``; writing to a view writes to ``params``."""
        return {
            key: params[part].reshape(self.parameter_shapes[key])
            for key, part in self.parameter_slices.items()
        }

    def weights(self, params: np.ndarray) -> list[np.ndarray]:
        """Weight matrix views W1, W2, ... (fan_in x fan_out)."""
        return [
            params[self.parameter_slices[f"W{layer.index}"]].reshape(layer.fan_in, layer.fan_out)
            for layer in self.layers
        ]

    def new_state(self) -> BatchNormState:
        """Fresh running statistics for one training run (one per racing optimizer)."""
        return BatchNormState(self.bn_widths, self.bn_momentum)

    def make_dropout_masks(self, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
        """Boolean keep-masks, one (batch_size x width) array per hidden layer."""
        return [
            rng.random((batch_size, layer.fan_out)) >= self.dropout for layer in self.layers[:-1]
        ]

    # ---- forward and backward -----------------------------------------------------------

    def _check(self, params: np.ndarray, x: np.ndarray, y: np.ndarray | None):
        params = np.asarray(params, dtype=float)
        if params.shape != (self.n_parameters,):
            raise ValueError(f"expected {self.n_parameters} parameters, got {params.shape}")
        x = np.asarray(x, dtype=float)
        if x.ndim != 2 or x.shape[1] != self.layer_sizes[0]:
            raise ValueError(f"x must have shape (n, {self.layer_sizes[0]}), got {x.shape}")
        if y is not None:
            y = np.asarray(y)
            if y.shape != (x.shape[0],):
                raise ValueError(f"y must have shape ({x.shape[0]},), got {y.shape}")
        return params, x, y

    def _forward(self, params, x, training, masks, state):
        """Output and per-layer caches: (input a, f'(activation input), BN cache, scaled
        mask)."""
        views = self.views(params)
        caches = []
        a = x
        bn_index = 0
        keep_scale = 1.0 / (1.0 - self.dropout)
        for layer, functions in zip(self.layers, self._functions, strict=True):
            idx = layer.index
            z = a @ views[f"W{idx}"]
            bn_cache = None
            if layer.batch_norm:
                gamma, beta = views[f"gamma{idx}"], views[f"beta{idx}"]
                if training:
                    z, bn_cache = batchnorm.forward(z, gamma, beta, self.bn_eps)
                else:
                    mean = state.running_mean[bn_index]
                    var = state.running_var[bn_index]
                    x_hat = (z - mean) / np.sqrt(var + self.bn_eps)
                    z = gamma * x_hat + beta
                    bn_cache = x_hat
                bn_index += 1
            else:
                z = z + views[f"b{idx}"]
            if functions is None:
                caches.append((a, None, bn_cache, None))
                return z, caches
            h, slope = functions(z)
            mask = None
            if masks is not None:
                mask = masks[idx - 1] * keep_scale
                h = h * mask
            caches.append((a, slope, bn_cache, mask))
            a = h
        raise AssertionError("unreachable: the last layer is the output layer")

    def _loss(self, out: np.ndarray, y: np.ndarray) -> tuple[float, np.ndarray]:
        """Loss and its gradient with respect to the network output."""
        n, k = out.shape
        if y.size and (y.min() < 0 or y.max() >= k):
            raise ValueError(f"labels must lie in 0..{k - 1}")
        rows = np.arange(n)
        if self.loss == "cross_entropy":
            shifted = out - out.max(axis=1, keepdims=True)
            exp = np.exp(shifted)
            total = exp.sum(axis=1, keepdims=True)
            log_total = np.log(total)
            loss = float(np.mean(log_total[:, 0] - shifted[rows, y]))
            d_out = exp / total
            d_out[rows, y] -= 1.0
            return loss, d_out / n
        diff = out.copy()
        diff[rows, y] -= 1.0
        return float(np.mean(diff * diff)), diff * (2.0 / (n * k))

    def loss_and_gradient(
        self,
        params,
        x,
        y,
        training: bool = True,
        rng: np.random.Generator | None = None,
        dropout_masks: Sequence[np.ndarray] | None = None,
        state: BatchNormState | None = None,
        update_state: bool = True,
    ) -> tuple[float, np.ndarray]:
        """Loss on (x, y) and its gradient as a flat vector (hand-written backward pass).

        Training mode: BatchNorm uses the batch statistics (and, if ``update_state``, updates
        the running ones in ``state``, default ``self.state``); dropout uses
        ``dropout_masks`` (boolean keep-masks, see :meth:`make_dropout_masks`) or draws them
        from ``rng`` (default: the network's own generator seeded from ``seed``).
        Evaluation mode (``training=False``): running statistics, no dropout.
        """
        params, x, y = self._check(params, x, y)
        state = self.state if state is None else state
        masks = None
        if training and self.dropout > 0.0:
            if dropout_masks is None:
                masks = self.make_dropout_masks(x.shape[0], rng or self._dropout_rng)
            else:
                masks = list(dropout_masks)
        out, caches = self._forward(params, x, training, masks, state)
        loss, d_out = self._loss(out, y)
        grad = np.zeros(self.n_parameters)
        grad_views = self.views(grad)
        views = self.views(params)
        bn_index = len(self.bn_widths)
        dz = d_out
        for layer, functions, cache in zip(
            reversed(self.layers), reversed(self._functions), reversed(caches), strict=True
        ):
            idx = layer.index
            a, slope, bn_cache, mask = cache
            if functions is not None:
                # dz holds dL/dh here: go through dropout and the activation
                if mask is not None:
                    dz = dz * mask
                dz = dz * slope
            if layer.batch_norm:
                bn_index -= 1
                if training:
                    dz, grad_views[f"gamma{idx}"][...], grad_views[f"beta{idx}"][...] = (
                        batchnorm.backward(dz, bn_cache)
                    )
                    if update_state:
                        mean, var = batchnorm.update_running(
                            state.running_mean[bn_index],
                            state.running_var[bn_index],
                            bn_cache.batch_mean,
                            bn_cache.batch_var,
                            state.momentum,
                            n=x.shape[0],
                        )
                        state.running_mean[bn_index], state.running_var[bn_index] = mean, var
                else:
                    grad_views[f"gamma{idx}"][...] = np.sum(dz * bn_cache, axis=0)
                    grad_views[f"beta{idx}"][...] = dz.sum(axis=0)
                    var = state.running_var[bn_index]
                    dz = dz * (views[f"gamma{idx}"] / np.sqrt(var + self.bn_eps))
            else:
                grad_views[f"b{idx}"][...] = dz.sum(axis=0)
            grad_views[f"W{idx}"][...] = a.T @ dz
            if idx > 1:
                dz = dz @ views[f"W{idx}"].T
        if training and update_state and self.bn_widths:
            state.updates += 1
        return loss, grad

    # ---- evaluation mode ----------------------------------------------------------------

    def outputs(self, params, x, state: BatchNormState | None = None) -> np.ndarray:
        """Raw network outputs (logits for cross-entropy) in evaluation mode."""
        params, x, _ = self._check(params, x, None)
        state = self.state if state is None else state
        out, _ = self._forward(params, x, False, None, state)
        return out

    def predict_proba(self, params, x, state: BatchNormState | None = None) -> np.ndarray:
        """Class scores per row in evaluation mode: softmax probabilities for cross-entropy;
        for MSE the raw outputs clipped to [0, 1] (they estimate the one-hot targets)."""
        out = self.outputs(params, x, state)
        if self.loss == "mse":
            return np.clip(out, 0.0, 1.0)
        shifted = out - out.max(axis=1, keepdims=True)
        exp = np.exp(shifted)
        return exp / exp.sum(axis=1, keepdims=True)

    def predict(self, params, x, state: BatchNormState | None = None) -> np.ndarray:
        """Predicted class per row (evaluation mode)."""
        return np.argmax(self.outputs(params, x, state), axis=1)

    def accuracy(self, params, x, y, state: BatchNormState | None = None) -> float:
        """Share of rows whose predicted class is y (evaluation mode)."""
        return float(np.mean(self.predict(params, x, state) == np.asarray(y)))

    def evaluate_loss(self, params, x, y, state: BatchNormState | None = None) -> float:
        """Loss in evaluation mode (running statistics, no dropout); changes no state."""
        params, x, y = self._check(params, x, y)
        state = self.state if state is None else state
        out, _ = self._forward(params, x, False, None, state)
        return self._loss(out, y)[0]


def weight_std_for(layer: LayerSpec, init: str, custom_std: float | None) -> float:
    """The weight standard deviation of one layer under an initialisation scheme."""
    return weight_std(init, layer.fan_in, layer.fan_out, custom_std)
