"""The network race: every selected optimizer trains a copy of one network on one data set.

A controlled experiment: all lanes start from the same initial weights (one seed) and lanes
with the same batch regime see the same mini-batches in the same order (each lane draws from
its own sampler with the shared seed, and its own dropout generator with the shared seed), so
the optimizer is the only difference. The batch-size lesson races one optimizer under several
batch regimes instead (:func:`batch_lesson_lanes`); then the regime is the only difference.

Every record measures each lane's loss and accuracy on the training and test sets (evaluation
mode: no dropout, BatchNorm's running statistics), the loss of the mini-batch the step used,
and the epochs completed. The decision boundary of one chosen lane (its predicted class and
confidence on a :data:`GRID_SIZE` × :data:`GRID_SIZE` grid over the data) is computed at most
:data:`BOUNDARY_PER_SECOND` times a second and sent with the worker's updates (as the
"optimizer state" of the update, see :meth:`NetworkRace.optimizer_states`), so the GUI never
runs the network.

Plain Python and NumPy: testable without Qt, run by the training worker's compute process.
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from optlab_gui.core.batching import BATCH_REGIMES, BatchSampler
from optlab_gui.core.datasets import Dataset, make_dataset
from optlab_gui.core.mlp import MLP, BatchNormState
from optlab_gui.core.optimizers import OPTIMIZERS, make_optimizer
from optlab_gui.training.session import DIVERGED, LOSS, Lane, RaceSession, Record

__all__ = [
    "ACCURACY",
    "BATCH_LOSS",
    "BOUNDARY",
    "EPOCH",
    "GRID_SIZE",
    "TEST_ACCURACY",
    "TEST_LOSS",
    "LaneSpec",
    "NetworkRace",
    "NetworkSetup",
    "batch_lesson_lanes",
    "network_preset",
    "optimizer_lanes",
]

#: Channels besides ``loss`` (the training-set loss) and ``diverged``.
TEST_LOSS = "test_loss"
ACCURACY = "accuracy"
TEST_ACCURACY = "test_accuracy"
BATCH_LOSS = "batch_loss"
EPOCH = "epoch"
#: Key of the decision boundary in :meth:`NetworkRace.optimizer_states`.
BOUNDARY = "boundary"

#: The decision boundary is sampled on a grid of this many points per side.
GRID_SIZE = 64
#: ...and recomputed at most this often (a 64×64 forward pass costs about a step, and each
#: new boundary repaints its whole plot in the GUI): still live to the eye.
BOUNDARY_PER_SECOND = 20.0
#: The grid covers the data's bounding box widened by this fraction on each side.
GRID_MARGIN = 0.15

#: A lane whose mini-batch loss exceeds this has diverged: no sensible cross-entropy or MSE of
#: a toy classifier comes near it, while a too-large learning rate reaches it within a few
#: steps (the loss need not overflow: the softmax's cross-entropy grows only linearly).
DIVERGED_LOSS = 1e3

#: Regimes of the batch-size lesson: the notes' three kinds of gradient descent.
LESSON_REGIMES = ("full", "sgd", "mini_32")

# Learning rates that train the default 2×16 tanh network on moons in a few hundred steps.
_NETWORK_LR = {
    "gd": 0.1,
    "momentum": 0.05,
    "nesterov": 0.05,
    "adagrad": 0.05,
    "rmsprop": 0.005,
    "adam": 0.01,
}


def network_preset(optimizer: str) -> dict[str, float]:
    """Hyper-parameters of ``optimizer`` that train the default network readably: its
    defaults with a learning rate tuned for a small network on a toy set."""
    values = {key: spec.default for key, spec in OPTIMIZERS[optimizer].hyperparameters.items()}
    if optimizer in _NETWORK_LR:
        values["lr"] = _NETWORK_LR[optimizer]
    return values


@dataclass(frozen=True)
class NetworkSetup:
    """The problem every lane trains on: data set, network and the default batch regime.

    ``dataset`` names a registered generator (``noise``, ``n_samples``); ``hidden`` is the
    width of each hidden layer; ``regime`` a key of BATCH_REGIMES used by lanes that do not
    name their own. Plain data, so it crosses into the compute process.
    """

    dataset: str = "moons"
    noise: float = 0.1
    n_samples: int = 400
    test_fraction: float = 0.25
    hidden: tuple[int, ...] = (16, 16)
    activation: str = "tanh"
    batch_norm: bool = False
    dropout: float = 0.0
    loss: str = "cross_entropy"
    init: str = "xavier"
    regime: str = "mini_32"
    seed: int = 0

    def with_changes(self, **changes) -> NetworkSetup:
        """A copy with ``changes``."""
        return replace(self, **changes)


@dataclass(frozen=True)
class LaneSpec:
    """One lane of a network race: its optimizer and batch regime (None = the setup's)."""

    optimizer: str
    regime: str | None = None
    hyper: dict[str, float] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """Unique key: the optimizer, or optimizer@regime when the lane names its regime."""
        return self.optimizer if self.regime is None else f"{self.optimizer}@{self.regime}"


def optimizer_lanes(optimizers: Sequence[str] | None = None) -> list[LaneSpec]:
    """One lane per optimizer (all registered ones by default), all on the setup's regime."""
    names = list(OPTIMIZERS) if optimizers is None else list(optimizers)
    return [LaneSpec(name, None, network_preset(name)) for name in names]


def batch_lesson_lanes(optimizer: str, hyper: dict[str, float] | None = None) -> list[LaneSpec]:
    """The batch-size lesson: ``optimizer`` under BGD, SGD and mini-batch 32."""
    values = network_preset(optimizer) | dict(hyper or {})
    return [LaneSpec(optimizer, regime, values) for regime in LESSON_REGIMES]


def _softmax_cross_entropy(outputs: np.ndarray, labels: np.ndarray) -> float:
    shifted = outputs - outputs.max(axis=1, keepdims=True)
    log_total = np.log(np.exp(shifted).sum(axis=1))
    return float(np.mean(log_total - shifted[np.arange(len(labels)), labels]))


def _mse(outputs: np.ndarray, labels: np.ndarray) -> float:
    targets = np.zeros_like(outputs)
    targets[np.arange(len(labels)), labels] = 1.0
    return float(np.mean((outputs - targets) ** 2))


class NetworkRace(RaceSession):
    """Lanes (see :class:`LaneSpec`) training copies of one MLP on one data set.

    ``data`` replaces the generated data set (e.g. one loaded from a CSV file). Channels per
    lane: ``loss`` and ``test_loss``, ``accuracy`` and ``test_accuracy`` (evaluation mode),
    ``batch_loss`` (the step's mini-batch, training mode), ``epoch`` (passes over the
    training set so far) and ``diverged``.
    """

    commands = RaceSession.commands | {"configure", "set_boundary_lane"}
    restarting_commands = RaceSession.restarting_commands | {"configure"}

    def __init__(
        self,
        setup: NetworkSetup | None = None,
        lanes: Sequence[LaneSpec] | None = None,
        data: Dataset | None = None,
        clock=time.monotonic,
    ) -> None:
        lanes = optimizer_lanes() if lanes is None else list(lanes)
        super().__init__(
            [Lane(spec.key, spec.optimizer) for spec in lanes],
            {spec.key: spec.hyper for spec in lanes},
        )
        self._clock = clock
        self.boundary_lane = self.lanes[0].key
        self._boundary: dict[str, np.ndarray] | None = None
        self._boundary_at = (-1, -math.inf)  # (step, clock)
        self._configure(setup or NetworkSetup(), lanes, data)

    # Set-up -----------------------------------------------------------------------------

    def configure(
        self,
        setup: NetworkSetup,
        lanes: Sequence[LaneSpec] | None = None,
        data: Dataset | None = None,
    ) -> None:
        """A new problem (and lane set, if given) from step 0; with ``data`` the given data
        set is used instead of generating ``setup.dataset``. Nothing changes if a value is
        invalid (the core's ValueError names it)."""
        if lanes is None:
            self._configure(setup, self.specs, data)
            return
        specs = list(lanes)
        keys = [spec.key for spec in specs]
        if not keys or len(set(keys)) != len(keys):
            raise ValueError(f"lane keys must be unique and at least one, got {keys}")
        optimizers = [make_optimizer(spec.optimizer, **spec.hyper) for spec in specs]
        self._configure(setup, specs, data, optimizers)

    def _configure(self, setup, specs, data, optimizers=None) -> None:
        if not setup.hidden or min(setup.hidden) < 1:
            raise ValueError(f"hidden layers need at least one unit each, got {setup.hidden}")
        for spec in specs:
            if (spec.regime or setup.regime) not in BATCH_REGIMES:
                raise ValueError(f"unknown batch regime {spec.regime or setup.regime!r}")
        if data is None:
            data = make_dataset(
                setup.dataset, setup.n_samples, setup.noise, setup.test_fraction, setup.seed
            )
        net = self._make_net(setup, data)
        # Validated: from here on nothing can fail.
        if optimizers is not None:
            self.lanes = tuple(Lane(spec.key, spec.optimizer) for spec in specs)
            self.optimizers = optimizers
            self.diverged = np.zeros(len(specs), dtype=bool)
            self.diverged_at = np.full(len(specs), -1, dtype=np.int64)
        self.specs = list(specs)
        self.setup, self.data, self.net = setup, data, net
        self.grid_extent = self._grid_extent(data)
        self.grid_points = self._grid_points(self.grid_extent)
        if self.boundary_lane not in self.lane_keys:
            self.boundary_lane = self.lane_keys[0]
        self.reset()

    @staticmethod
    def _make_net(setup: NetworkSetup, data: Dataset) -> MLP:
        return MLP(
            [data.x_train.shape[1], *setup.hidden, data.n_classes],
            setup.activation,
            batch_norm=setup.batch_norm,
            dropout=setup.dropout,
            loss=setup.loss,
            init=setup.init,
            seed=setup.seed,
        )

    def __getstate__(self) -> dict:
        # The network holds its activations' bound functions, closures for the activations
        # with a parameter (they cannot be pickled): it is rebuilt from the set-up instead.
        state = self.__dict__.copy()
        del state["net"]
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self.net = self._make_net(self.setup, self.data)

    def regime_of(self, lane: str) -> str:
        """The batch regime lane ``lane`` trains with."""
        return self.specs[self.lane_index(lane)].regime or self.setup.regime

    def batch_size_of(self, lane: str) -> int:
        """The number of training examples per step of ``lane``."""
        return BATCH_REGIMES[self.regime_of(lane)].size_for(len(self.data.x_train))

    def set_boundary_lane(self, lane: str) -> None:
        """Compute the decision boundary of ``lane`` from now on."""
        self.lane_index(lane)
        self.boundary_lane = lane
        self._boundary_at = (-1, -math.inf)

    # RaceSession ------------------------------------------------------------------------

    @property
    def channels(self) -> dict[str, tuple[int, ...]]:
        """Every channel is one number per lane."""
        return {
            name: ()
            for name in (LOSS, TEST_LOSS, ACCURACY, TEST_ACCURACY, BATCH_LOSS, EPOCH, DIVERGED)
        }

    def reset(self) -> None:
        """Every lane back to the shared initial weights, fresh BatchNorm statistics, its
        sampler and dropout generator at the seed's start."""
        super().reset()
        n_train = len(self.data.x_train)
        initial = self.net.initial_parameters()
        self.params = [initial.copy() for _ in self.lanes]
        self.states: list[BatchNormState] = [self.net.new_state() for _ in self.lanes]
        self.samplers = [
            BatchSampler.for_regime(self.regime_of(key), n_train, self.setup.seed)
            for key in self.lane_keys
        ]
        self.dropout_rngs = [np.random.default_rng([self.setup.seed, 1]) for _ in self.lanes]
        self._batch_losses = np.full(len(self.lanes), math.nan)
        self._examples_seen = np.zeros(len(self.lanes))
        self._boundary = None
        self._boundary_at = (-1, -math.inf)

    def current_record(self) -> Record:
        """The measurements of the current weights (the shared start after a reset)."""
        return self._record()

    def _advance(self) -> Record:
        for index in range(len(self.lanes)):
            if not self.diverged[index]:
                batch = self.samplers[index].next_batch()
                with np.errstate(all="ignore"):
                    self._step_lane(index, batch)
        return self._record()

    def _step_lane(self, index: int, batch: np.ndarray) -> None:
        xb, yb = self.data.x_train[batch], self.data.y_train[batch]
        seen: dict[str, float] = {}

        def gradient(params):
            loss, grad = self.net.loss_and_gradient(
                params, xb, yb, training=True, rng=self.dropout_rngs[index],
                state=self.states[index],
            )  # fmt: skip
            seen["loss"] = loss
            return grad

        new_params = self.optimizers[index].step(self.params[index], gradient)
        loss = float(seen["loss"])
        self._examples_seen[index] += len(batch)
        if not (loss < DIVERGED_LOSS and np.all(np.isfinite(new_params))):
            self._mark_diverged(np.arange(len(self.lanes)) == index)
            return
        self.params[index] = new_params
        self._batch_losses[index] = loss

    def _loss_and_accuracy(self, index: int, x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
        outputs = self.net.outputs(self.params[index], x, self.states[index])
        measure = _mse if self.net.loss == "mse" else _softmax_cross_entropy
        loss = measure(outputs, y)
        return loss, float(np.mean(np.argmax(outputs, axis=1) == y))

    def _record(self) -> Record:
        measured = np.full((len(self.lanes), 4), math.nan)
        data = self.data
        with np.errstate(all="ignore"):
            for index in range(len(self.lanes)):
                if self.diverged[index]:
                    continue
                train = self._loss_and_accuracy(index, data.x_train, data.y_train)
                test = self._loss_and_accuracy(index, data.x_test, data.y_test)
                measured[index] = (*train, *test)
        batch_losses = self._batch_losses.copy()
        batch_losses[self.diverged] = math.nan
        values = {
            LOSS: measured[:, 0],
            ACCURACY: measured[:, 1],
            TEST_LOSS: measured[:, 2],
            TEST_ACCURACY: measured[:, 3],
            BATCH_LOSS: batch_losses,
            EPOCH: self._examples_seen / len(data.x_train),
            DIVERGED: self.diverged.copy(),
        }
        return Record(self.step_count, values)

    # The decision boundary --------------------------------------------------------------

    @staticmethod
    def _grid_extent(data: Dataset) -> tuple[float, float, float, float]:
        x = data.x_all
        low, high = x.min(axis=0), x.max(axis=0)
        span = np.maximum(high - low, 1e-9)
        low, high = low - GRID_MARGIN * span, high + GRID_MARGIN * span
        return float(low[0]), float(high[0]), float(low[1]), float(high[1])

    @staticmethod
    def _grid_points(extent: tuple[float, float, float, float]) -> np.ndarray:
        xs = np.linspace(extent[0], extent[1], GRID_SIZE)
        ys = np.linspace(extent[2], extent[3], GRID_SIZE)
        grid_x, grid_y = np.meshgrid(xs, ys)  # row = y, column = x
        return np.column_stack([grid_x.ravel(), grid_y.ravel()])

    def boundary(self) -> dict[str, np.ndarray]:
        """The boundary lane's decision on the grid: ``classes`` (GRID_SIZE², rows = y) the
        predicted class, ``confidence`` its probability scaled to 0..255, both uint8, and
        ``lane`` its index (-1 values when it diverged)."""
        index = self.lane_index(self.boundary_lane)
        if self.diverged[index]:
            classes = np.zeros((GRID_SIZE, GRID_SIZE), dtype=np.uint8)
            confidence = np.zeros((GRID_SIZE, GRID_SIZE), dtype=np.uint8)
        else:
            with np.errstate(all="ignore"):
                proba = self.net.predict_proba(
                    self.params[index], self.grid_points, self.states[index]
                )
            proba = np.nan_to_num(proba, nan=0.0)
            classes = np.argmax(proba, axis=1).astype(np.uint8).reshape(GRID_SIZE, GRID_SIZE)
            top = np.clip(np.max(proba, axis=1), 0.0, 1.0)
            confidence = np.round(top * 255).astype(np.uint8).reshape(GRID_SIZE, GRID_SIZE)
        return {"classes": classes, "confidence": confidence, "lane": np.array(index)}

    def optimizer_states(self) -> dict[str, dict[str, np.ndarray]]:
        """Only the decision boundary (under :data:`BOUNDARY`), recomputed at most
        :data:`BOUNDARY_PER_SECOND` times a second; a network's optimizer state (a velocity
        per weight) is not drawn and would cost far more to send."""
        now = self._clock()
        step, when = self._boundary_at
        due = self._boundary is None or (
            step != self.step_count and now - when >= 1.0 / BOUNDARY_PER_SECOND
        )
        if due:
            self._boundary = self.boundary()
            self._boundary_at = (self.step_count, now)
        return {BOUNDARY: self._boundary}
