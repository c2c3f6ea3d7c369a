"""A race: several optimizers step in lockstep on one problem, one record per step.

:class:`RaceSession` is the contract the worker, the history and the views rely on: named
lanes (one optimizer each), records whose values are named channels with a leading lane axis,
commands applied between two steps, reset and divergence. :class:`SurfaceRace` races the
optimizers on a 2-D loss surface of the core. Another kind of race (networks trained on a
dataset) subclasses the same contract with its own channels.

Everything here is plain Python and NumPy, testable without Qt.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import ClassVar

import numpy as np

from optlab_gui.core.optimizers import OPTIMIZERS, Optimizer, make_optimizer
from optlab_gui.core.surfaces import SURFACES, Surface
from optlab_gui.training.records import DIVERGED, LOSS, Command, Record, RecordBatch

__all__ = [
    "DIVERGED",
    "LOSS",
    "POSITION",
    "Command",
    "Lane",
    "RaceSession",
    "Record",
    "RecordBatch",
    "SurfaceRace",
    "surface_preset",
]

#: The surface race also records where each optimizer is.
POSITION = "position"

#: An optimizer "diverged" once it leaves the surface's view box by more than this many box
#: sizes on any side (or its loss stops being finite): far enough that no surface in the
#: registry brings it back, near enough that its numbers are still finite.
ESCAPE_MARGIN = 5.0

#: The surface race keeps the optimizers' state after every one of the first steps, then after
#: every 2nd, 4th, 8th... step as the run doubles in length (time travel shows the values).
DENSE_STATE_STEPS = 512

#: Gradient noise used by the "noisy gradient" toggle, in units of the surface's typical
#: gradient (see :meth:`Surface.noisy_gradient`): clearly SGD-like without hiding the valley.
DEFAULT_NOISE = 0.5

# Learning rates that give a readable race on each surface (the core's defaults suit the
# quadratic reference bowl). Missing entries keep the optimizer's own default.
_PRESETS: dict[str, dict[str, dict[str, float]]] = {
    "rosenbrock": {
        "gd": {"lr": 0.001},
        "momentum": {"lr": 0.0003},
        "nesterov": {"lr": 0.0003},
        "adagrad": {"lr": 0.2},
        "rmsprop": {"lr": 0.003},
        "adam": {"lr": 0.03},
    },
    "beale": {
        "gd": {"lr": 0.001},
        "momentum": {"lr": 0.0003},
        "nesterov": {"lr": 0.0003},
        "adagrad": {"lr": 0.5},
        "rmsprop": {"lr": 0.003},
        "adam": {"lr": 0.03},
    },
    "himmelblau": {
        "gd": {"lr": 0.005},
        "momentum": {"lr": 0.001},
        "nesterov": {"lr": 0.001},
        "adagrad": {"lr": 0.5},
        "rmsprop": {"lr": 0.02},
        "adam": {"lr": 0.05},
    },
    "saddle": {
        "gd": {"lr": 0.02},
        "momentum": {"lr": 0.005},
        "nesterov": {"lr": 0.005},
        "adagrad": {"lr": 0.3},
        "rmsprop": {"lr": 0.01},
        "adam": {"lr": 0.03},
    },
    "ravine": {
        "gd": {"lr": 0.035},
        "momentum": {"lr": 0.005},
        "nesterov": {"lr": 0.005},
        "adagrad": {"lr": 1.0},
        "rmsprop": {"lr": 0.05},
        "adam": {"lr": 0.1},
    },
    "six_hump_camel": {
        "gd": {"lr": 0.01},
        "momentum": {"lr": 0.002},
        "nesterov": {"lr": 0.002},
        "adagrad": {"lr": 0.3},
        "rmsprop": {"lr": 0.01},
        "adam": {"lr": 0.03},
    },
}


def surface_preset(surface: str, optimizer: str) -> dict[str, float]:
    """Hyper-parameters of ``optimizer`` that make a readable race on ``surface``: its
    defaults, with the learning rate tuned per surface (a value good on one surface diverges
    or crawls on another)."""
    defaults = {key: spec.default for key, spec in OPTIMIZERS[optimizer].hyperparameters.items()}
    defaults.update(_PRESETS.get(surface, {}).get(optimizer, {}))
    return defaults


@dataclass(frozen=True)
class Lane:
    """One contestant: a unique key in the race and the registered optimizer it runs."""

    key: str
    optimizer_name: str


class RaceSession(ABC):
    """Several optimizers trained in lockstep on one problem.

    Subclasses say which channels a record has (:attr:`channels`), how one step is taken
    (:meth:`_advance`), and what the state before the first step looks like
    (:meth:`current_record`). Divergence is per lane: a diverged lane stops and records NaN,
    the others go on.
    """

    #: Names of the methods :meth:`apply` may call (commands sent while running).
    commands: ClassVar[frozenset[str]] = frozenset({"reset", "set_hyperparameters"})
    #: The commands after which the run starts again from step 0 (recorded history is void).
    restarting_commands: ClassVar[frozenset[str]] = frozenset({"reset"})

    def __init__(
        self, lanes: Sequence[Lane], hyper: Mapping[str, Mapping[str, float]] | None = None
    ) -> None:
        keys = [lane.key for lane in lanes]
        if not keys:
            raise ValueError("a race needs at least one lane")
        if len(set(keys)) != len(keys):
            raise ValueError(f"lane keys must be unique, got {keys}")
        hyper = hyper or {}
        self.lanes: tuple[Lane, ...] = tuple(lanes)
        self.optimizers: list[Optimizer] = [
            make_optimizer(lane.optimizer_name, **hyper.get(lane.key, {})) for lane in lanes
        ]
        self.step_count = 0
        self.diverged = np.zeros(len(lanes), dtype=bool)
        #: Step at which each lane diverged (-1 while it has not).
        self.diverged_at = np.full(len(lanes), -1, dtype=np.int64)

    @property
    def lane_keys(self) -> tuple[str, ...]:
        """The lanes' keys in order."""
        return tuple(lane.key for lane in self.lanes)

    @property
    @abstractmethod
    def channels(self) -> dict[str, tuple[int, ...]]:
        """Channel name -> shape of one lane's value in a record (e.g. ``{"loss": ()}``)."""

    @abstractmethod
    def current_record(self) -> Record:
        """The record of the current state (step 0 after a reset), without stepping."""

    @abstractmethod
    def _advance(self) -> Record:
        """Take one step of every running lane and return its record (step_count is already
        incremented)."""

    def step(self) -> Record:
        """Advance every lane that has not diverged by one step and return the record."""
        self.step_count += 1
        return self._advance()

    def records(self, count: int | None = None) -> Iterator[Record]:
        """Step ``count`` times (forever if None), yielding each record."""
        taken = 0
        while count is None or taken < count:
            yield self.step()
            taken += 1

    def reset(self) -> None:
        """Back to step 0: every optimizer forgets its state, divergence is cleared."""
        self.step_count = 0
        for optimizer in self.optimizers:
            optimizer.reset()
        self.diverged[:] = False
        self.diverged_at[:] = -1

    def lane_index(self, key: str) -> int:
        """Position of lane ``key`` (ValueError naming the lanes if unknown)."""
        try:
            return self.lane_keys.index(key)
        except ValueError:
            raise ValueError(f"no lane {key!r}; lanes are {', '.join(self.lane_keys)}") from None

    def set_hyperparameters(self, lane: str, **hyper: float) -> None:
        """Change a lane's hyper-parameters (validated by the core; nothing changes on error).
        The optimizer keeps its state, so the change takes effect from the next step."""
        self.optimizers[self.lane_index(lane)].set_hyperparameters(**hyper)

    def hyperparameters(self, lane: str) -> dict[str, float]:
        """The current hyper-parameters of ``lane``."""
        return self.optimizers[self.lane_index(lane)].hyper

    def optimizer_states(self) -> dict[str, dict[str, np.ndarray]]:
        """Each lane's optimizer state (copies), for display. Built on demand: reading it
        costs more than a step, so the worker reads it only when it sends something."""
        return {lane.key: opt.state for lane, opt in zip(self.lanes, self.optimizers, strict=True)}

    def keeps_state_at(self, step: int) -> bool:
        """True if the optimizers' state after ``step`` should be sent along for time travel
        (besides the state at the end of every update, which is always sent). None by
        default: reading the state costs more than a step."""
        return False

    def apply(self, command: Command) -> None:
        """Run ``command`` (one of :attr:`commands`); ValueError for anything else or for
        invalid arguments, with the session unchanged."""
        if command.name not in self.commands:
            raise ValueError(f"unknown command {command.name!r}")
        getattr(self, command.name)(**command.arguments)

    def _mark_diverged(self, escaped: np.ndarray) -> None:
        newly = escaped & ~self.diverged
        self.diverged |= newly
        self.diverged_at[newly] = self.step_count


class SurfaceRace(RaceSession):
    """The optimizers of the notes racing from one start point on a 2-D loss surface.

    Channels: ``position`` (lanes, 2), ``loss`` (lanes,), ``diverged`` (lanes,). A lane that
    diverges (loss not finite, or further than :data:`ESCAPE_MARGIN` box sizes outside the
    surface's view) records NaN from that step on. With gradient noise each lane draws from
    its own generator seeded from ``seed``, so a reset replays the same run and one lane's
    settings never change another lane's noise.
    """

    commands = RaceSession.commands | {"set_noise", "set_start", "set_surface"}
    restarting_commands = RaceSession.restarting_commands | {"set_start", "set_surface"}

    def __init__(
        self,
        surface: str | Surface = "rosenbrock",
        optimizers: Sequence[str] | None = None,
        hyper: Mapping[str, Mapping[str, float]] | None = None,
        start: Sequence[float] | None = None,
        noise: float = 0.0,
        seed: int = 0,
    ) -> None:
        names = list(OPTIMIZERS) if optimizers is None else list(optimizers)
        self.surface = _surface(surface)
        presets = {name: surface_preset(self.surface.name, name) for name in names}
        for name, values in (hyper or {}).items():
            presets.setdefault(name, {}).update(values)
        super().__init__([Lane(name, name) for name in names], presets)
        self.seed = seed
        self.noise = _checked_noise(noise)
        self.start = self._checked_start(self.surface.start if start is None else start)
        self.reset()

    @property
    def channels(self) -> dict[str, tuple[int, ...]]:
        """``position`` (2,), ``loss`` () and ``diverged`` () per lane."""
        return {POSITION: (2,), LOSS: (), DIVERGED: ()}

    @property
    def escape_box(self) -> tuple[float, float, float, float]:
        """(xmin, xmax, ymin, ymax) beyond which a lane counts as diverged."""
        xmin, xmax, ymin, ymax = self.surface.view
        dx, dy = ESCAPE_MARGIN * (xmax - xmin), ESCAPE_MARGIN * (ymax - ymin)
        return xmin - dx, xmax + dx, ymin - dy, ymax + dy

    def reset(self) -> None:
        """Back to the start point at step 0, with the noise generators re-seeded."""
        super().reset()
        self._positions = np.tile(self.start, (len(self.lanes), 1))
        self._losses = self._loss_at(self._positions)
        self._gradient_functions = self._make_gradient_functions()

    def set_noise(self, noise: float) -> None:
        """Gradient noise in units of the surface's typical gradient (0 = exact gradient).
        Takes effect from the next step; the optimizers keep their state and the noise
        generators restart from the seed."""
        self.noise = _checked_noise(noise)
        self._gradient_functions = self._make_gradient_functions()

    def set_start(self, start: Sequence[float]) -> None:
        """Move the start point (it must lie inside the view box) and restart every lane."""
        self.start = self._checked_start(start)
        self.reset()

    def set_surface(
        self, surface: str, hyper: Mapping[str, Mapping[str, float]] | None = None
    ) -> None:
        """Race on another surface from its default start with its preset hyper-parameters
        (overridden by ``hyper``: lane key -> values), and restart. Nothing changes if a value
        is invalid."""
        new_surface = _surface(surface)
        hyper = hyper or {}
        values = {}
        for lane, optimizer in zip(self.lanes, self.optimizers, strict=True):
            preset = surface_preset(new_surface.name, lane.optimizer_name)
            preset.update(hyper.get(lane.key, {}))
            values[lane.key] = optimizer.validate(**preset)
        for lane, optimizer in zip(self.lanes, self.optimizers, strict=True):
            optimizer.set_hyperparameters(**values[lane.key])
        self.surface = new_surface
        self.start = np.array(new_surface.start, dtype=float)
        self.reset()

    def keeps_state_at(self, step: int) -> bool:
        """Every step up to DENSE_STATE_STEPS, then ever sparser: ~256 per doubling."""
        if step <= DENSE_STATE_STEPS:
            return True
        stride = 2 ** (int(math.log2(step / DENSE_STATE_STEPS)) + 1)
        return step % stride == 0

    def current_record(self) -> Record:
        """Where every lane is now (all at the start point after a reset)."""
        return self._record()

    def _advance(self) -> Record:
        positions = self._positions
        with np.errstate(all="ignore"):
            for index, optimizer in enumerate(self.optimizers):
                if self.diverged[index]:
                    continue
                try:
                    positions[index] = optimizer.step(
                        positions[index], self._gradient_functions[index]
                    )
                except (OverflowError, FloatingPointError, ZeroDivisionError):
                    positions[index] = math.nan
            losses = self._loss_at(positions)
            xmin, xmax, ymin, ymax = self.escape_box
            x, y = positions[:, 0], positions[:, 1]
            inside = (x >= xmin) & (x <= xmax) & (y >= ymin) & (y <= ymax)
        self._mark_diverged(~(inside & np.isfinite(losses)))
        positions[self.diverged] = math.nan
        losses[self.diverged] = math.nan
        self._losses = losses
        return self._record()

    def _record(self) -> Record:
        return Record(
            self.step_count,
            {
                POSITION: self._positions.copy(),
                LOSS: self._losses.copy(),
                DIVERGED: self.diverged.copy(),
            },
        )

    def _make_gradient_functions(self) -> list:
        if self.noise == 0.0:
            return [self.surface.gradient] * len(self.lanes)
        seeds = np.random.SeedSequence(self.seed).spawn(len(self.lanes))
        return [
            partial(self.surface.noisy_gradient, rng=np.random.default_rng(seed), noise=self.noise)
            for seed in seeds
        ]

    def _loss_at(self, positions: np.ndarray) -> np.ndarray:
        with np.errstate(all="ignore"):
            return np.asarray(self.surface.value(positions[:, 0], positions[:, 1]), dtype=float)

    def _checked_start(self, start: Sequence[float]) -> np.ndarray:
        point = np.array(start, dtype=float)
        xmin, xmax, ymin, ymax = self.surface.view
        if point.shape != (2,) or not np.all(np.isfinite(point)):
            raise ValueError(f"the start point must be two finite numbers, got {start!r}")
        if not (xmin <= point[0] <= xmax and ymin <= point[1] <= ymax):
            raise ValueError(
                f"the start point ({point[0]:g}, {point[1]:g}) lies outside the surface's "
                f"view [{xmin:g}, {xmax:g}] × [{ymin:g}, {ymax:g}]"
            )
        return point


def _surface(surface: str | Surface) -> Surface:
    if isinstance(surface, Surface):
        return surface
    try:
        return SURFACES[surface]
    except KeyError:
        raise ValueError(
            f"unknown surface {surface!r}; choose one of {', '.join(SURFACES)}"
        ) from None


def _checked_noise(noise: float) -> float:
    value = float(noise)
    if not (math.isfinite(value) and value >= 0.0):
        raise ValueError(f"the gradient noise must be a finite number >= 0, got {noise!r}")
    return value
