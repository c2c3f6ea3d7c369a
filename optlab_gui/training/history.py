"""The recorded run, bounded: every channel of every step, old steps thinned out.

A run of a million steps must not grow memory without end, yet the lecturer scrubs back to
its beginning. :class:`History` keeps a fixed number of entries: the first ``head`` steps
always (the start of a race is where the optimizers differ most), the most recent ``tail``
steps at full resolution, and in between every other entry is dropped each time the store
fills up, so older parts of the run become progressively sparser while memory stays flat.
"""

from __future__ import annotations

import numpy as np

from optlab_gui.training.records import RecordBatch

__all__ = ["History"]

DEFAULT_CAPACITY = 16384
DEFAULT_HEAD = 2048
DEFAULT_TAIL = 4096


class History:
    """Columnar store of (step, channels) entries with bounded memory.

    Channels are created from the first batch appended (any names and per-step shapes), so a
    surface race and a network race use the same class. Entries stay in step order; appended
    steps must be larger than the last one stored (call :meth:`clear` on a reset).
    """

    def __init__(
        self, capacity: int = DEFAULT_CAPACITY, head: int = DEFAULT_HEAD, tail: int = DEFAULT_TAIL
    ) -> None:
        if not (head >= 0 and tail >= 1 and capacity >= head + tail + 2):
            raise ValueError(
                f"capacity {capacity} must exceed head {head} + tail {tail} by at least 2"
            )
        self.capacity = capacity
        self.head = head
        self.tail = tail
        self._steps = np.empty(capacity, dtype=np.int64)
        self._channels: dict[str, np.ndarray] = {}
        self._size = 0

    def __len__(self) -> int:
        return self._size

    @property
    def steps(self) -> np.ndarray:
        """The recorded step numbers, increasing (a read-only view)."""
        view = self._steps[: self._size]
        view.flags.writeable = False
        return view

    @property
    def channel_names(self) -> tuple[str, ...]:
        """Names of the recorded channels (empty before the first append)."""
        return tuple(self._channels)

    @property
    def last_step(self) -> int | None:
        """The newest recorded step, or None when empty."""
        return int(self._steps[self._size - 1]) if self._size else None

    @property
    def nbytes(self) -> int:
        """Memory held by the store (fixed once the first batch has arrived)."""
        return self._steps.nbytes + sum(array.nbytes for array in self._channels.values())

    def channel(self, name: str) -> np.ndarray:
        """Channel ``name`` for every recorded entry, shape (entries, lanes, …) (read-only)."""
        view = self._channels[name][: self._size]
        view.flags.writeable = False
        return view

    def clear(self) -> None:
        """Forget everything (a reset); the buffers are kept for reuse."""
        self._size = 0

    def append(self, batch: RecordBatch) -> None:
        """Add a batch of consecutive steps, thinning the middle of the run when full."""
        if not len(batch):
            return
        if not self._channels:
            self._allocate(batch)
        elif set(batch.values) != set(self._channels):
            raise ValueError(
                f"batch channels {sorted(batch.values)} differ from {sorted(self._channels)}"
            )
        if self._size and batch.steps[0] <= self._steps[self._size - 1]:
            raise ValueError(
                f"step {int(batch.steps[0])} does not follow step "
                f"{int(self._steps[self._size - 1])}; clear the history after a reset"
            )
        start = 0
        while start < len(batch):
            if self._size == self.capacity:
                self._thin_middle()
            count = min(len(batch) - start, self.capacity - self._size)
            end = self._size + count
            self._steps[self._size : end] = batch.steps[start : start + count]
            for name, array in self._channels.items():
                array[self._size : end] = batch.values[name][start : start + count]
            self._size = end
            start += count

    def index_at(self, step: int) -> int:
        """Index of the last entry recorded at or before ``step`` (0 if ``step`` precedes
        them all). Raises IndexError when empty."""
        if not self._size:
            raise IndexError("the history is empty")
        index = int(np.searchsorted(self._steps[: self._size], step, side="right")) - 1
        return max(0, index)

    def entry(self, index: int) -> tuple[int, dict[str, np.ndarray]]:
        """(step, channel values) of entry ``index`` (copies)."""
        if not -self._size <= index < self._size:
            raise IndexError(f"entry {index} of {self._size}")
        index %= self._size
        values = {name: array[index].copy() for name, array in self._channels.items()}
        return int(self._steps[index]), values

    def _allocate(self, batch: RecordBatch) -> None:
        for name, values in batch.values.items():
            self._channels[name] = np.empty((self.capacity, *values.shape[1:]), values.dtype)

    def _thin_middle(self) -> None:
        """Drop every other entry between the protected head and tail (the odd ones, so the
        first entry after the head survives and the spacing stays regular)."""
        middle_end = self._size - self.tail
        keep = np.concatenate(
            [
                np.arange(self.head),
                np.arange(self.head, middle_end, 2),
                np.arange(middle_end, self._size),
            ]
        )
        kept = len(keep)
        self._steps[:kept] = self._steps[keep]
        for array in self._channels.values():
            array[:kept] = array[keep]
        self._size = kept
