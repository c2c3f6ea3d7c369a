"""What an activation costs to evaluate on this machine, in nanoseconds per element.

The notes say sigmoid and tanh are slow because of their exponentials and ReLU is fast
because it is only a max; this measures it on the lecturer's own computer instead of
quoting a number. Plain Python, no Qt: the panel runs it on a worker thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator

import numpy as np

from optlab_gui.core.activations import Activation

__all__ = [
    "DEFAULT_REPEATS",
    "DEFAULT_SIZE",
    "evaluation_cost_ns",
    "measure_costs",
    "sample_inputs",
]

#: Elements per timed call: large enough that NumPy's per-call overhead (~1 µs) is noise.
DEFAULT_SIZE = 1_000_000
#: Timed calls per activation; the fastest counts (the others met a busy machine).
DEFAULT_REPEATS = 3


def sample_inputs(size: int = DEFAULT_SIZE, seed: int = 0) -> np.ndarray:
    """Inputs spread over both sides of 0 and into the saturated tails (N(0, 3²))."""
    if size < 1:
        raise ValueError("size must be at least 1")
    return np.random.default_rng(seed).normal(0.0, 3.0, size)


def evaluation_cost_ns(
    activation: Activation, inputs: np.ndarray, repeats: int = DEFAULT_REPEATS
) -> float:
    """Nanoseconds per element of ``activation.value(inputs)`` at default parameters.

    One untimed call warms caches and the allocator; the fastest of ``repeats`` timed calls
    is reported.
    """
    if repeats < 1:
        raise ValueError("repeats must be at least 1")
    activation.value(inputs)
    fastest = float("inf")
    for _ in range(repeats):
        start = time.perf_counter_ns()
        activation.value(inputs)
        fastest = min(fastest, time.perf_counter_ns() - start)
    return fastest / inputs.size


def measure_costs(
    activations: Iterable[Activation],
    size: int = DEFAULT_SIZE,
    repeats: int = DEFAULT_REPEATS,
    should_stop: Callable[[], bool] = lambda: False,
) -> Iterator[tuple[str, float]]:
    """Yield (name, ns per element) for each activation in turn; stops early when
    ``should_stop()`` turns true (checked between activations)."""
    inputs = sample_inputs(size)
    for activation in activations:
        if should_stop():
            return
        yield activation.name, evaluation_cost_ns(activation, inputs, repeats)
