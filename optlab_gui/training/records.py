"""What crosses between a race session, its runner and the GUI: records of steps and commands.

Plain data (NumPy arrays, strings), so it can cross threads and processes; apart from the
sessions themselves so the GUI can name and store it without importing the optimizers and
surfaces a session runs (the BatchNorm panel imports it at start-up).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["DIVERGED", "LOSS", "Command", "Record", "RecordBatch"]

#: Channel names every race records: the loss of each lane and whether it diverged.
LOSS = "loss"
DIVERGED = "diverged"


@dataclass(frozen=True)
class Record:
    """What one step produced: the step number and named channels, each an array whose first
    axis runs over the lanes (e.g. ``loss`` has shape (lanes,), ``position`` (lanes, 2))."""

    step: int
    values: Mapping[str, np.ndarray]


@dataclass(frozen=True)
class RecordBatch:
    """Consecutive records stacked into arrays: ``steps`` (n,) and each channel (n, lanes, …).

    The worker sends batches, not records, so that a signal carries a few arrays however many
    steps it covers.
    """

    steps: np.ndarray
    values: dict[str, np.ndarray]

    @classmethod
    def from_records(cls, records: Sequence[Record]) -> RecordBatch:
        """Stack ``records`` (at least one, all with the same channels)."""
        if not records:
            raise ValueError("a batch needs at least one record")
        steps = np.fromiter((record.step for record in records), dtype=np.int64)
        names = records[0].values.keys()
        values = {name: np.stack([record.values[name] for record in records]) for name in names}
        return cls(steps, values)

    @classmethod
    def concatenate(cls, batches: Sequence[RecordBatch]) -> RecordBatch:
        """One batch of consecutive batches (at least one, all with the same channels)."""
        if len(batches) == 1:
            return batches[0]
        steps = np.concatenate([batch.steps for batch in batches])
        names = batches[0].values.keys()
        values = {name: np.concatenate([b.values[name] for b in batches]) for name in names}
        return cls(steps, values)

    def __len__(self) -> int:
        return len(self.steps)


@dataclass(frozen=True)
class Command:
    """A change requested while a race may be running; the session applies it between two
    steps (see :meth:`RaceSession.apply`). Plain data, so it can cross threads or processes."""

    name: str
    arguments: dict[str, Any] = field(default_factory=dict)
