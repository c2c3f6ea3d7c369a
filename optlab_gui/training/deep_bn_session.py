"""Two deep networks, without and with BatchNorm, trained in lockstep from the same start.

The BatchNorm panel's training mode: both networks have the same depth, width, activation and
initial weights, and every step both see the same mini-batch of a toy data set and take one
step of the same optimizer. After each step the session measures what the panel draws: the
distribution of every layer's activation inputs on a fixed set of training points, the
saturated fraction, mean and spread per layer, the norm of every layer's weight gradient, and
the loss. So the only difference between the two lanes is BatchNorm.

BatchNorm has two modes: in training mode it normalises with the statistics of the batch in
front of it, in evaluation mode with the running averages gathered during training. The
``bn_mode`` of the session chooses which the measurements use for the BatchNorm network (the
network without BatchNorm behaves the same in both); the training steps always use training
mode, as they must.

Plain Python and NumPy: testable without Qt, run by the training worker.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from optlab_gui.core import batchnorm
from optlab_gui.core.activations import ACTIVATIONS
from optlab_gui.core.batching import BatchSampler
from optlab_gui.core.datasets import make_dataset
from optlab_gui.core.deepnet import SATURATION_THRESHOLD
from optlab_gui.core.mlp import MLP, BatchNormState
from optlab_gui.core.optimizers import OPTIMIZERS
from optlab_gui.training.deep_bn_names import (
    BATCH_LOSS,
    BATCHNORM,
    BN_MODES,
    DEFAULT_MEASURE_SIZE,
    HISTOGRAM,
    PLAIN,
    PRE_ACTIVATION_MEAN,
    PRE_ACTIVATION_STD,
    SATURATED_FRACTION,
    TRAIN_MODE,
    WEIGHT_GRADIENT_NORM,
)
from optlab_gui.training.session import DIVERGED, LOSS, Lane, RaceSession, Record

__all__ = [
    "DeepBatchNormRace",
    "LayerTrace",
    "cross_entropy",
    "layer_histograms",
    "trace_forward",
]

DEFAULT_BIN_EDGES = np.linspace(-10.0, 10.0, 61)


class LayerTrace(NamedTuple):
    """One forward pass, layer by layer: the input of every hidden layer's activation (after
    BatchNorm when the net has it), the activation's slope there, and the network output."""

    activation_inputs: list[np.ndarray]
    slopes: list[np.ndarray]
    output: np.ndarray


def trace_forward(
    net: MLP,
    params: np.ndarray,
    x: np.ndarray,
    training: bool,
    state: BatchNormState | None = None,
) -> LayerTrace:
    """Forward ``x`` through ``net`` keeping every hidden layer's activation input and slope;
    no dropout, no state is changed.

    ``training`` picks BatchNorm's batch statistics (True) or the running ones in ``state``
    (default ``net.state``). Built from the MLP's public parts (weights, BatchNorm's forward
    passes, the registry's activations); a test checks it against ``MLP.outputs``.
    """
    state = net.state if state is None else state
    views = net.views(np.asarray(params, dtype=float))
    inputs, slopes = [], []
    a = np.asarray(x, dtype=float)
    bn_index = 0
    for layer in net.layers:
        z = a @ views[f"W{layer.index}"]
        if layer.batch_norm:
            gamma, beta = views[f"gamma{layer.index}"], views[f"beta{layer.index}"]
            if training:
                z, _ = batchnorm.forward(z, gamma, beta, net.bn_eps)
            else:
                mean, var = state.running_mean[bn_index], state.running_var[bn_index]
                z = batchnorm.forward_eval(z, gamma, beta, mean, var, net.bn_eps)
            bn_index += 1
        else:
            z = z + views[f"b{layer.index}"]
        if layer.activation is None:
            return LayerTrace(inputs, slopes, z)
        a, slope = ACTIVATIONS[layer.activation].bound_fused()(z)
        inputs.append(z)
        slopes.append(slope)
    raise AssertionError("unreachable: the last layer is the output layer")


def cross_entropy(logits: np.ndarray, labels: np.ndarray) -> float:
    """Mean softmax cross-entropy of ``logits`` (rows x classes) for integer ``labels``: the
    MLP's training loss, evaluated on outputs the session has already computed."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_total = np.log(np.exp(shifted).sum(axis=1))
    return float(np.mean(log_total - shifted[np.arange(len(labels)), labels]))


def layer_histograms(inputs: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Counts of each layer's values (``inputs`` shaped layers x values) on uniform ``edges``;
    values beyond the edges count in the end bins, NaN in none. One bincount for all layers."""
    layers = inputs.shape[0]
    bins = edges.size - 1
    position = (inputs - edges[0]) * (bins / (edges[-1] - edges[0]))
    finite = np.isfinite(position)
    index = np.clip(np.where(finite, position, 0.0), 0, bins - 1).astype(np.intp)
    index += np.arange(layers)[:, None] * bins
    counts = np.bincount(index[finite], minlength=layers * bins)
    return counts.reshape(layers, bins)


class DeepBatchNormRace(RaceSession):
    """Lanes ``plain`` and ``batchnorm``: the same deep classifier without and with BatchNorm.

    ``depth`` hidden layers of ``width`` units with ``activation``, initialised by ``init``
    (``weight_std`` for ``"custom"``) from ``seed``, trained by ``optimizer`` (registry name,
    ``lr``) on mini-batches of ``batch_size`` from the ``dataset`` toy set. Both lanes start
    from the same weights (the BatchNorm net has γ = 1, β = 0 where the other has zero
    biases) and draw the same batches.

    Every record measures, for each lane, the activation inputs of the first
    ``measure_size`` training points: ``histogram`` (depth x bins on ``bin_edges``, uniform;
    values beyond them count in the end bins), ``saturated_fraction``, ``pre_activation_mean``
    and ``pre_activation_std`` per hidden layer; ``loss`` on those points; the Frobenius norm
    of each hidden layer's weight gradient in ``weight_gradient_norm`` (of the step's
    mini-batch; at step 0 of the measuring points); and ``batch_loss``.
    """

    commands = RaceSession.commands | {"configure", "set_bn_mode"}
    #: A new configuration restarts the race; a new BatchNorm mode re-measures the current
    #: weights at once (the runner republishes the current record and drops measurements
    #: in the old mode still in flight).
    restarting_commands = RaceSession.restarting_commands | {"configure", "set_bn_mode"}

    def __init__(
        self,
        depth: int = 10,
        width: int = 64,
        activation: str = "sigmoid",
        init: str = "xavier",
        weight_std: float | None = None,
        batch_size: int = 64,
        optimizer: str = "momentum",
        lr: float = 0.05,
        seed: int = 0,
        bin_edges: np.ndarray = DEFAULT_BIN_EDGES,
        dataset: str = "moons",
        n_samples: int = 1000,
        measure_size: int = DEFAULT_MEASURE_SIZE,
        bn_mode: str = TRAIN_MODE,
    ) -> None:
        if optimizer not in OPTIMIZERS:
            raise ValueError(f"unknown optimizer {optimizer!r}")
        lanes = [Lane(PLAIN, optimizer), Lane(BATCHNORM, optimizer)]
        super().__init__(lanes, {lane.key: {"lr": lr} for lane in lanes})
        self.data = make_dataset(dataset, n_samples=n_samples, seed=seed)
        measured = min(int(measure_size), len(self.data.x_train))
        self.x_measure = self.data.x_train[:measured]
        self.y_measure = self.data.y_train[:measured]
        self.set_bn_mode(bn_mode)
        self.configure(depth, width, activation, init, weight_std, batch_size, lr, seed, bin_edges)

    def configure(
        self,
        depth: int,
        width: int,
        activation: str,
        init: str,
        weight_std: float | None,
        batch_size: int,
        lr: float,
        seed: int,
        bin_edges: np.ndarray,
    ) -> None:
        """Set up both networks anew (same architecture, initial weights from ``seed``) and
        restart at step 0. The data set stays; nothing changes if a value is invalid."""
        if depth < 1 or width < 1 or batch_size < 1:
            raise ValueError(
                f"depth, width and batch_size must be >= 1, got {depth}, {width}, {batch_size}"
            )
        edges = np.asarray(bin_edges, dtype=float)
        if edges.ndim != 1 or edges.size < 2 or not np.all(np.diff(edges) > 0):
            raise ValueError("bin_edges must be at least two increasing numbers")
        for optimizer in self.optimizers:
            optimizer.validate(lr=lr)
        sizes = [self.data.x_train.shape[1], *[int(width)] * int(depth), self.data.n_classes]
        nets = tuple(
            MLP(sizes, activation, batch_norm=bn, init=init, weight_std=weight_std, seed=seed)
            for bn in (False, True)
        )
        n_train = len(self.data.x_train)
        self.nets = nets
        self.depth, self.width, self.activation = int(depth), int(width), activation
        self._saturation_slope = SATURATION_THRESHOLD * ACTIVATIONS[activation].max_derivative()
        self.bin_edges = edges
        self.sampler = BatchSampler(n_train, min(int(batch_size), n_train), seed=seed)
        for optimizer in self.optimizers:
            optimizer.set_hyperparameters(lr=lr)
        self.reset()

    def optimizer_states(self) -> dict[str, dict[str, np.ndarray]]:
        """Nothing: the panel shows no optimizer state, and a deep net's (a velocity per
        weight) would cost megabytes per update to send from the compute process."""
        return {}

    @property
    def channels(self) -> dict[str, tuple[int, ...]]:
        """Per-lane shapes: loss, batch_loss and diverged are scalars, the others per layer."""
        per_layer = (self.depth,)
        return {
            LOSS: (),
            BATCH_LOSS: (),
            DIVERGED: (),
            HISTOGRAM: (self.depth, self.bin_edges.size - 1),
            SATURATED_FRACTION: per_layer,
            PRE_ACTIVATION_MEAN: per_layer,
            PRE_ACTIVATION_STD: per_layer,
            WEIGHT_GRADIENT_NORM: per_layer,
        }

    def reset(self) -> None:
        """Back to the shared initial weights, fresh running statistics, the first batch."""
        super().reset()
        self.params = [net.initial_parameters() for net in self.nets]
        for net in self.nets:
            net.state.reset()
        self.sampler.reset()
        self._batch_losses = np.full(2, math.nan)
        with np.errstate(all="ignore"):
            self._gradient_norms = np.stack(
                [self._layer_gradient_norms(net, net.loss_and_gradient(
                    params, self.x_measure, self.y_measure, update_state=False)[1])
                 for net, params in zip(self.nets, self.params, strict=True)]
            )  # fmt: skip

    def set_bn_mode(self, mode: str) -> None:
        """Measure the BatchNorm network with batch statistics ("train") or with the running
        statistics ("eval") from the next record on; training itself is unaffected."""
        if mode not in BN_MODES:
            raise ValueError(f"bn_mode must be one of {BN_MODES}, got {mode!r}")
        self.bn_mode = mode

    def current_record(self) -> Record:
        """Measurements of the current weights (the shared start after a reset)."""
        return self._record()

    def _advance(self) -> Record:
        batch = self.sampler.next_batch()
        xb, yb = self.data.x_train[batch], self.data.y_train[batch]
        for index in range(len(self.lanes)):
            if not self.diverged[index]:
                with np.errstate(all="ignore"):
                    self._step_lane(index, xb, yb)
        return self._record()

    def _step_lane(self, index: int, xb: np.ndarray, yb: np.ndarray) -> None:
        net = self.nets[index]
        seen: dict[str, object] = {}

        def gradient(params):
            loss, grad = net.loss_and_gradient(params, xb, yb, training=True)
            seen["loss"], seen["grad"] = loss, grad
            return grad

        new_params = self.optimizers[index].step(self.params[index], gradient)
        loss = float(seen["loss"])
        if not (math.isfinite(loss) and np.all(np.isfinite(new_params))):
            self._mark_diverged(np.arange(len(self.lanes)) == index)
            return
        self.params[index] = new_params
        self._batch_losses[index] = loss
        self._gradient_norms[index] = self._layer_gradient_norms(net, seen["grad"])

    def _layer_gradient_norms(self, net: MLP, grad: np.ndarray) -> np.ndarray:
        return np.array(
            [np.linalg.norm(grad[net.parameter_slices[f"W{layer}"]]) for layer in
             range(1, self.depth + 1)]
        )  # fmt: skip

    def _measure(self, index: int) -> dict[str, np.ndarray | float]:
        net = self.nets[index]
        training = net.batch_norm and self.bn_mode == TRAIN_MODE
        with np.errstate(all="ignore"):
            trace = trace_forward(net, self.params[index], self.x_measure, training)
            stacked = np.stack([z.ravel() for z in trace.activation_inputs])
            slopes = np.abs(np.stack([slope.ravel() for slope in trace.slopes]))
            return {
                LOSS: cross_entropy(trace.output, self.y_measure),
                HISTOGRAM: layer_histograms(stacked, self.bin_edges),
                SATURATED_FRACTION: np.mean(slopes < self._saturation_slope, axis=1),
                PRE_ACTIVATION_MEAN: stacked.mean(axis=1),
                PRE_ACTIVATION_STD: stacked.std(axis=1),
            }

    def _record(self) -> Record:
        measured = [self._measure(index) for index in range(2)]
        values = {name: np.array([m[name] for m in measured], dtype=float) for name in
                  (LOSS, HISTOGRAM, SATURATED_FRACTION, PRE_ACTIVATION_MEAN,
                   PRE_ACTIVATION_STD)}  # fmt: skip
        values[WEIGHT_GRADIENT_NORM] = self._gradient_norms.copy()
        values[BATCH_LOSS] = self._batch_losses.copy()
        values[DIVERGED] = self.diverged.copy()
        for name in (LOSS, BATCH_LOSS, SATURATED_FRACTION, PRE_ACTIVATION_MEAN,
                     PRE_ACTIVATION_STD, WEIGHT_GRADIENT_NORM):  # fmt: skip
            values[name][self.diverged] = math.nan
        return Record(self.step_count, values)
