"""The surface race: lockstep trajectories equal the core optimizers' own, divergence, commands."""

import math

import numpy as np
import pytest

from optlab_gui.core.optimizers import OPTIMIZERS, make_optimizer
from optlab_gui.core.surfaces import SURFACES
from optlab_gui.training.session import (
    DIVERGED,
    LOSS,
    POSITION,
    Command,
    RecordBatch,
    SurfaceRace,
    surface_preset,
)


def reference_path(surface, name, hyper, start, steps):
    """The trajectory the core optimizer produces on its own."""
    optimizer = make_optimizer(name, **hyper)
    theta = np.array(start, dtype=float)
    path = []
    for _ in range(steps):
        theta = optimizer.step(theta, surface.gradient)
        path.append(theta)
    return np.array(path)


@pytest.mark.parametrize("surface_name", ["rosenbrock", "ravine", "himmelblau"])
def test_trajectories_equal_the_core_optimizers_own(surface_name):
    race = SurfaceRace(surface_name)
    records = list(race.records(300))
    positions = np.stack([record.values[POSITION] for record in records])
    surface = SURFACES[surface_name]
    for lane, name in enumerate(race.lane_keys):
        expected = reference_path(
            surface, name, surface_preset(surface_name, name), surface.start, 300
        )
        np.testing.assert_array_equal(positions[:, lane], expected)
        x, y = expected.T
        np.testing.assert_allclose(
            [record.values[LOSS][lane] for record in records], surface.value(x, y)
        )
    assert [record.step for record in records] == list(range(1, 301))


def test_record_shapes_and_batches():
    race = SurfaceRace("quadratic", optimizers=["gd", "adam"])
    assert race.channels == {POSITION: (2,), LOSS: (), DIVERGED: ()}
    first = race.current_record()
    assert first.step == 0
    np.testing.assert_array_equal(first.values[POSITION], [[-4.0, 1.0], [-4.0, 1.0]])
    batch = RecordBatch.from_records([first, *race.records(4)])
    assert len(batch) == 5
    np.testing.assert_array_equal(batch.steps, [0, 1, 2, 3, 4])
    assert batch.values[POSITION].shape == (5, 2, 2)
    assert batch.values[LOSS].shape == (5, 2)
    assert batch.values[DIVERGED].dtype == bool
    with pytest.raises(ValueError):
        RecordBatch.from_records([])


def test_records_are_copies():
    race = SurfaceRace("quadratic", optimizers=["gd"])
    record = race.step()
    record.values[POSITION][0] = 99.0
    assert race.current_record().values[POSITION][0, 0] != 99.0


def test_reset_replays_the_same_run_with_noise():
    race = SurfaceRace("ravine", noise=0.5, seed=3)
    first = np.stack([r.values[POSITION] for r in race.records(50)])
    race.reset()
    assert race.step_count == 0
    np.testing.assert_array_equal(race.current_record().values[POSITION][0], race.start)
    second = np.stack([r.values[POSITION] for r in race.records(50)])
    np.testing.assert_array_equal(first, second)
    exact = SurfaceRace("ravine")
    third = np.stack([r.values[POSITION] for r in exact.records(50)])
    assert not np.allclose(first, third)


def test_noise_of_one_lane_does_not_depend_on_the_others():
    both = SurfaceRace("ravine", optimizers=["gd", "adam"], noise=0.5, seed=7)
    alone = SurfaceRace("ravine", optimizers=["gd", "adam"], noise=0.5, seed=7)
    alone.set_hyperparameters("gd", lr=0.001)
    path_both = np.stack([r.values[POSITION][1] for r in both.records(30)])
    path_alone = np.stack([r.values[POSITION][1] for r in alone.records(30)])
    np.testing.assert_array_equal(path_both, path_alone)


def test_divergence_with_a_huge_learning_rate_stops_only_that_lane():
    race = SurfaceRace("rosenbrock", optimizers=["gd", "adam"], hyper={"gd": {"lr": 1e6}})
    with np.errstate(all="raise"):  # the session itself must not warn or raise
        records = list(race.records(200))
    assert race.diverged.tolist() == [True, False]
    assert race.diverged_at[0] == 1
    assert race.diverged_at[1] == -1
    last = records[-1].values
    assert np.isnan(last[POSITION][0]).all() and math.isnan(last[LOSS][0])
    assert np.isfinite(last[POSITION][1]).all() and np.isfinite(last[LOSS][1])
    assert last[DIVERGED].tolist() == [True, False]
    race.reset()
    assert not race.diverged.any()
    assert (race.diverged_at == -1).all()


@pytest.mark.parametrize("name", list(OPTIMIZERS))
@pytest.mark.parametrize("surface_name", list(SURFACES))
def test_every_optimizer_survives_lr_1e6_on_every_surface(name, surface_name):
    spec = OPTIMIZERS[name].hyperparameters
    hyper = {"lr": 1e6} if "lr" in spec else {"eps": 1e6}
    race = SurfaceRace(surface_name, optimizers=[name], hyper={name: hyper})
    with np.errstate(all="raise"):
        for record in race.records(100):
            values = record.values
            finite = np.isfinite(values[POSITION]).all() and np.isfinite(values[LOSS]).all()
            assert finite or values[DIVERGED][0]


def test_leaving_the_box_far_counts_as_diverged():
    race = SurfaceRace("quadratic", optimizers=["gd"], hyper={"gd": {"lr": 2.5}})
    # lr 2.5 on curvature 1 and 10: |1 - 2.5·10| = 24 per step, out of the box in 2-3 steps.
    for _record in race.records(10):
        pass
    assert race.diverged[0]
    xmin, xmax, _ymin, _ymax = race.escape_box
    assert xmax - xmin > 10 * (SURFACES["quadratic"].view[1] - SURFACES["quadratic"].view[0])


def test_commands():
    race = SurfaceRace("quadratic", optimizers=["gd", "momentum"])
    race.apply(Command("set_hyperparameters", {"lane": "gd", "lr": 0.2}))
    assert race.hyperparameters("gd")["lr"] == 0.2
    list(race.records(3))
    race.apply(Command("set_start", {"start": (1.0, 1.0)}))
    assert race.step_count == 0
    np.testing.assert_array_equal(race.current_record().values[POSITION][1], [1.0, 1.0])
    race.apply(Command("set_surface", {"surface": "rosenbrock"}))
    assert race.surface.name == "rosenbrock"
    np.testing.assert_array_equal(race.start, SURFACES["rosenbrock"].start)
    assert race.hyperparameters("gd") == surface_preset("rosenbrock", "gd")
    race.apply(Command("set_noise", {"noise": 0.3}))
    assert race.noise == 0.3
    with pytest.raises(ValueError, match="unknown command"):
        race.apply(Command("step_count"))
    with pytest.raises(ValueError):
        race.apply(Command("set_hyperparameters", {"lane": "gd", "lr": math.nan}))
    assert race.hyperparameters("gd")["lr"] == surface_preset("rosenbrock", "gd")["lr"]
    with pytest.raises(ValueError, match="outside"):
        race.set_start((50.0, 0.0))
    with pytest.raises(ValueError):
        race.set_noise(-1.0)
    with pytest.raises(ValueError, match="no lane"):
        race.set_hyperparameters("sgd", lr=0.1)
    with pytest.raises(ValueError, match="unknown surface"):
        race.set_surface("banana")
    with pytest.raises(ValueError):  # an invalid override leaves the race unchanged
        race.set_surface("ravine", hyper={"gd": {"lr": -1.0}})
    assert race.surface.name == "rosenbrock"


def test_hyperparameter_edit_takes_effect_from_the_next_step():
    race = SurfaceRace("quadratic", optimizers=["gd"], hyper={"gd": {"lr": 0.1}})
    before = race.step().values[POSITION][0]
    race.set_hyperparameters("gd", lr=0.0)
    after = race.step().values[POSITION][0]
    np.testing.assert_array_equal(before, after)


def test_optimizer_states_are_read_on_demand():
    race = SurfaceRace("quadratic", optimizers=["momentum", "adam"])
    assert race.optimizer_states() == {"momentum": {}, "adam": {}}
    race.step()
    states = race.optimizer_states()
    assert set(states["momentum"]) == {"velocity", "gradient", "update"}
    assert set(states["adam"]) >= {"m", "m_hat", "v", "v_hat", "effective_lr"}
