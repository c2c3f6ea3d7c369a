"""Bounded history: full resolution at the start and the end, flat memory, lookups by step."""

import numpy as np
import pytest

from optlab_gui.training.history import History
from optlab_gui.training.session import LOSS, POSITION, RecordBatch, SurfaceRace


def batch(first, count, lanes=2):
    steps = np.arange(first, first + count)
    return RecordBatch(
        steps,
        {
            LOSS: np.repeat(steps[:, None].astype(float), lanes, axis=1),
            POSITION: np.zeros((count, lanes, 2)),
        },
    )


def test_append_and_read_back():
    history = History(capacity=100, head=10, tail=20)
    history.append(batch(0, 30))
    history.append(batch(30, 5))
    assert len(history) == 35
    np.testing.assert_array_equal(history.steps, np.arange(35))
    assert history.channel(LOSS).shape == (35, 2)
    assert history.last_step == 34
    step, values = history.entry(-1)
    assert step == 34 and values[LOSS][0] == 34.0
    with pytest.raises(ValueError):
        history.steps[0] = 5


def test_memory_is_bounded_and_both_ends_stay_complete():
    history = History(capacity=200, head=20, tail=50)
    for first in range(0, 100_000, 137):
        history.append(batch(first, 137))
    nbytes = history.nbytes
    history.append(batch(history.last_step + 1, 10_000))
    assert history.nbytes == nbytes
    assert len(history) <= 200
    steps = history.steps
    np.testing.assert_array_equal(steps[:20], np.arange(20))
    last = history.last_step
    np.testing.assert_array_equal(steps[-50:], np.arange(last - 49, last + 1))
    assert np.all(np.diff(steps) > 0)
    # The values travel with their steps through every thinning.
    np.testing.assert_array_equal(history.channel(LOSS)[:, 0], steps)


def test_index_at_finds_the_entry_at_or_before_a_step():
    history = History(capacity=100, head=10, tail=20)
    history.append(RecordBatch(np.array([0, 5, 10]), {LOSS: np.zeros((3, 1))}))
    assert history.index_at(0) == 0
    assert history.index_at(7) == 1
    assert history.index_at(10) == 2
    assert history.index_at(1000) == 2
    assert history.index_at(-3) == 0


def test_clear_and_order_checks():
    history = History(capacity=100, head=10, tail=20)
    with pytest.raises(IndexError):
        history.index_at(0)
    history.append(batch(0, 10))
    with pytest.raises(ValueError, match="does not follow"):
        history.append(batch(5, 3))
    with pytest.raises(ValueError, match="channels"):
        history.append(RecordBatch(np.array([50]), {LOSS: np.zeros((1, 2))}))
    history.clear()
    assert len(history) == 0 and history.last_step is None
    history.append(batch(0, 3))
    assert len(history) == 3
    with pytest.raises(ValueError):
        History(capacity=10, head=5, tail=5)


def test_history_of_a_real_race():
    race = SurfaceRace("ravine")
    history = History(capacity=300, head=50, tail=100)
    records = [race.current_record(), *race.records(999)]
    for start in range(0, 1000, 100):
        history.append(RecordBatch.from_records(records[start : start + 100]))
    index = history.index_at(500)
    step, values = history.entry(index)
    assert step <= 500
    np.testing.assert_array_equal(values[POSITION], records[step].values[POSITION])
