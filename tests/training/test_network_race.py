"""The network race: a controlled experiment (same weights, same batches), it learns, the
batch-size lesson, divergence, the bounded decision boundary, and the CSV loader's errors."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

from optlab_gui.core.activations import ACTIVATIONS
from optlab_gui.core.datasets import DatasetError, load_csv
from optlab_gui.training.network_race import (
    ACCURACY,
    BOUNDARY,
    EPOCH,
    GRID_SIZE,
    LOSS,
    TEST_ACCURACY,
    LaneSpec,
    NetworkRace,
    NetworkSetup,
    batch_lesson_lanes,
)
from optlab_gui.training.session import DIVERGED, Command


def _record_batches(race: NetworkRace) -> list[list[np.ndarray]]:
    """Wrap the race's lane step so every batch each lane trains on is kept."""
    seen: list[list[np.ndarray]] = [[] for _ in race.lanes]
    original = race._step_lane

    def spy(index, batch):
        seen[index].append(batch.copy())
        original(index, batch)

    race._step_lane = spy
    return seen


def test_every_optimizer_starts_from_the_same_weights_and_sees_the_same_batches():
    race = NetworkRace(NetworkSetup(dropout=0.2))
    assert len(race.lanes) == 7
    first = race.params[0]
    for params in race.params[1:]:
        np.testing.assert_array_equal(params, first)
    seen = _record_batches(race)
    for _ in range(30):
        race.step()
    for lane_batches in seen[1:]:
        assert len(lane_batches) == len(seen[0]) == 30
        for mine, reference in zip(lane_batches, seen[0], strict=True):
            np.testing.assert_array_equal(mine, reference)
    # ...and the optimizers did move the copies apart: the optimizer is the difference.
    assert not np.allclose(race.params[0], race.params[-1])
    # The same after a reset: one seed.
    race.reset()
    np.testing.assert_array_equal(race.params[3], first)


def test_adam_reaches_95_percent_test_accuracy_on_moons_within_2000_steps():
    setup = NetworkSetup(dataset="moons", noise=0.1, hidden=(16, 16), activation="tanh")
    race = NetworkRace(setup, [LaneSpec("adam", None, {"lr": 0.01})])
    best = 0.0
    for record in race.records(2000):
        best = max(best, float(record.values[TEST_ACCURACY][0]))
        if best >= 0.95:
            break
    assert best >= 0.95, best
    assert record.step <= 2000


def test_batch_lesson_lanes_differ_only_in_batch_size_and_count_epochs():
    race = NetworkRace(NetworkSetup(n_samples=200), batch_lesson_lanes("gd"))
    assert [race.batch_size_of(key) for key in race.lane_keys] == [150, 1, 32]
    for _ in range(10):
        record = race.step()
    # 150 training examples: BGD 1 epoch per step, SGD 1/150, mini-batch 32 five steps.
    np.testing.assert_allclose(record.values[EPOCH], [10.0, 10 / 150, 2.0])
    np.testing.assert_array_equal(race.params[0].shape, race.params[1].shape)


def test_configure_restarts_with_new_lanes_and_leaves_everything_on_error():
    race = NetworkRace()
    race.step()
    with pytest.raises(ValueError):
        race.apply(Command("configure", {"setup": NetworkSetup(hidden=(0,))}))
    with pytest.raises(DatasetError):
        race.configure(NetworkSetup(dataset="nothing"))
    assert race.step_count == 1 and len(race.lanes) == 7
    race.configure(NetworkSetup(), batch_lesson_lanes("adam"))
    assert race.lane_keys == ("adam@full", "adam@sgd", "adam@mini_32")
    assert race.step_count == 0
    assert race.current_record().values[LOSS].shape == (3,)


def test_a_huge_learning_rate_diverges_one_lane_only():
    race = NetworkRace(
        NetworkSetup(activation="relu"),
        [LaneSpec("gd", None, {"lr": 1e6}), LaneSpec("adam", None, {"lr": 0.01})],
    )
    for _ in range(20):
        record = race.step()
    assert record.values[DIVERGED].tolist() == [True, False]
    assert np.isnan(record.values[LOSS][0]) and np.isfinite(record.values[ACCURACY][1])


def test_the_decision_boundary_is_bounded_in_rate_and_size():
    now = [0.0]
    race = NetworkRace(clock=lambda: now[0])
    first = race.optimizer_states()[BOUNDARY]
    assert first["classes"].shape == (GRID_SIZE, GRID_SIZE)
    assert first["confidence"].dtype == np.uint8
    race.step()
    assert race.optimizer_states()[BOUNDARY] is first  # not due yet: the cached one
    now[0] += 1.0
    assert race.optimizer_states()[BOUNDARY] is not first
    race.set_boundary_lane("adam")
    assert int(race.optimizer_states()[BOUNDARY]["lane"]) == race.lane_index("adam")


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_the_race_crosses_into_a_process_with_every_activation(activation):
    race = NetworkRace(NetworkSetup(activation=activation, dropout=0.1))
    race.step()
    clone = pickle.loads(pickle.dumps(race))
    np.testing.assert_array_equal(clone.step().values[LOSS], race.step().values[LOSS])


MALFORMED_CSV = {
    "columns": ("1,2,0\n3,4\n", "Line {line}: expected 3 columns"),
    "not a number": ("1,2,0\nx,4,1\n", "is not a number"),
    "not finite": ("1,2,0\ninf,4,1\n", "is not a finite number"),
    "empty label": ("1,2,0\n3,4, \n", "the label is empty"),
    "one class": ("1,2,a\n3,4,a\n", "only one class"),
    "no rows": ("x1,x2,label\n", "contains no data rows"),
    "too many classes": ("".join(f"{i},{i},{i}\n" for i in range(25)), "at most {limit}"),
}


@pytest.mark.parametrize("kind", sorted(MALFORMED_CSV))
def test_every_malformed_csv_gives_its_clear_error(tmp_path, kind):
    text, template_part = MALFORMED_CSV[kind]
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        load_csv(path)
    assert template_part in caught.value.template
    message = caught.value.template.format(**caught.value.params)
    assert "{" not in message


def test_missing_csv_file_and_a_folder_give_their_errors(tmp_path):
    with pytest.raises(DatasetError, match="not found"):
        load_csv(tmp_path / "absent.csv")
    with pytest.raises(DatasetError, match="folder"):
        load_csv(tmp_path)


def test_a_loaded_csv_trains(tmp_path):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(60, 2))
    rows = [f"{a},{b},{'yes' if a > 0 else 'no'}" for a, b in x]
    path = tmp_path / "mine.csv"
    path.write_text("x1,x2,label\n" + "\n".join(rows), encoding="utf-8")
    race = NetworkRace(data=load_csv(path), lanes=[LaneSpec("adam", None, {"lr": 0.05})])
    *_, record = race.records(300)
    assert record.values[ACCURACY][0] > 0.9
