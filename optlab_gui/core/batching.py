"""Batch regimes: how BGD, SGD and mini-batch GD differ — by the batch, not by the optimizer.

A training run draws its batches from a :class:`BatchSampler`: the full data set (batch
gradient descent), one example (stochastic gradient descent) or a mini-batch of 16, 32, 64,
128 or 256 (the sizes the notes list). Each epoch visits every example once in an order
shuffled by the sampler's own seeded generator, so a run is reproducible from its seed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

__all__ = [
    "BATCH_REGIMES",
    "MINI_BATCH_SIZES",
    "BatchRegime",
    "BatchSampler",
    "epoch_batches",
]

MINI_BATCH_SIZES = (16, 32, 64, 128, 256)


@dataclass(frozen=True)
class BatchRegime:
    """A named batch size: ``batch_size`` None means the whole training set."""

    name: str
    title: str
    batch_size: int | None
    description: str

    def size_for(self, n_samples: int) -> int:
        """The batch size used on a training set of ``n_samples`` examples."""
        if self.batch_size is None:
            return n_samples
        return min(self.batch_size, n_samples)


BATCH_REGIMES: dict[str, BatchRegime] = {
    regime.name: regime
    for regime in (
        BatchRegime("full", "Batch GD (BGD)", None, "All training data for every gradient step."),
        BatchRegime("sgd", "Stochastic GD (SGD)", 1, "One example per gradient step."),
        *(
            BatchRegime(
                f"mini_{size}",
                f"Mini-batch GD ({size})",
                size,
                f"{size} examples per gradient step.",
            )
            for size in MINI_BATCH_SIZES
        ),
    )
}


def epoch_batches(n_samples: int, batch_size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Index arrays of one epoch: a permutation drawn from ``rng`` cut into batches of
    ``batch_size`` (the last one smaller if it does not divide, as PyTorch's default)."""
    if n_samples < 1:
        raise ValueError(f"n_samples must be >= 1, got {n_samples}")
    if batch_size < 1:
        raise ValueError(f"batch_size must be >= 1, got {batch_size}")
    order = rng.permutation(n_samples)
    return [order[start : start + batch_size] for start in range(0, n_samples, batch_size)]


class BatchSampler:
    """Endless stream of batch indices, reshuffled every epoch from a seeded generator.

    ``batch_size`` None (or >= n_samples) gives full-batch steps; ``epoch`` counts completed
    passes and ``step_in_epoch`` the batches drawn in the current one.
    """

    def __init__(self, n_samples: int, batch_size: int | None, seed: int = 0) -> None:
        if n_samples < 1:
            raise ValueError(f"n_samples must be >= 1, got {n_samples}")
        if batch_size is not None and batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, got {batch_size}")
        self.n_samples = n_samples
        self.batch_size = n_samples if batch_size is None else min(batch_size, n_samples)
        self.seed = seed
        self.reset()

    @classmethod
    def for_regime(cls, regime: str, n_samples: int, seed: int = 0) -> BatchSampler:
        """Sampler for a registered regime name such as ``"mini_32"``."""
        return cls(n_samples, BATCH_REGIMES[regime].size_for(n_samples), seed)

    @property
    def batches_per_epoch(self) -> int:
        """Number of gradient steps in one pass over the data."""
        return -(-self.n_samples // self.batch_size)

    def reset(self) -> None:
        """Start again from epoch 0 with the seed's first permutation."""
        self._rng = np.random.default_rng(self.seed)
        self._pending: list[np.ndarray] = []
        self.epoch = 0
        self.step_in_epoch = 0

    def next_batch(self) -> np.ndarray:
        """Indices of the next batch (full batch: all indices in order)."""
        if self.batch_size == self.n_samples:
            self.epoch += 1
            self.step_in_epoch = 1
            return np.arange(self.n_samples)
        if not self._pending:
            self._pending = epoch_batches(self.n_samples, self.batch_size, self._rng)[::-1]
            self.step_in_epoch = 0
        batch = self._pending.pop()
        self.step_in_epoch += 1
        if not self._pending:
            self.epoch += 1
        return batch

    def __iter__(self) -> Iterator[np.ndarray]:
        while True:
            yield self.next_batch()
