"""The BatchNorm panel's training session: two deep nets, one difference (BatchNorm)."""

from __future__ import annotations

import numpy as np
import pytest

from optlab_gui.core.batching import BatchSampler
from optlab_gui.core.mlp import MLP
from optlab_gui.core.optimizers import make_optimizer
from optlab_gui.training.deep_bn_names import (
    BATCH_LOSS,
    BATCHNORM,
    EVAL_MODE,
    HISTOGRAM,
    PLAIN,
    PRE_ACTIVATION_STD,
    SATURATED_FRACTION,
    WEIGHT_GRADIENT_NORM,
)
from optlab_gui.training.deep_bn_session import (
    DeepBatchNormRace,
    cross_entropy,
    layer_histograms,
    trace_forward,
)
from optlab_gui.training.session import DIVERGED, LOSS, Command, RecordBatch

SMALL = {"depth": 4, "width": 16, "batch_size": 32, "n_samples": 200, "measure_size": 64}


def test_both_lanes_start_from_the_same_weights():
    race = DeepBatchNormRace(**SMALL, seed=3)
    plain, normed = race.nets
    for layer in range(1, SMALL["depth"] + 2):
        key = f"W{layer}"
        np.testing.assert_array_equal(
            plain.views(race.params[0])[key], normed.views(race.params[1])[key]
        )
    assert race.lane_keys == (PLAIN, BATCHNORM)
    assert not plain.batch_norm and normed.batch_norm


@pytest.mark.parametrize("lane", [0, 1])
def test_each_lane_is_the_plain_training_loop_on_the_shared_batches(lane):
    """Lane by lane, the race equals a hand-written loop over one seeded batch stream: so
    both lanes see the very same mini-batches and take the optimizer's own steps."""
    race = DeepBatchNormRace(**SMALL, optimizer="momentum", lr=0.1, seed=5)
    for _ in range(7):
        race.step()
    net = MLP(race.nets[lane].layer_sizes, "sigmoid", batch_norm=bool(lane), seed=5)
    params = net.initial_parameters()
    sampler = BatchSampler(len(race.data.x_train), SMALL["batch_size"], seed=5)
    optimizer = make_optimizer("momentum", lr=0.1)
    for _ in range(7):
        batch = sampler.next_batch()
        xb, yb = race.data.x_train[batch], race.data.y_train[batch]
        params = optimizer.step(params, lambda p, xb=xb, yb=yb: net.loss_and_gradient(p, xb, yb)[1])
    np.testing.assert_allclose(race.params[lane], params, rtol=1e-12, atol=1e-14)
    if lane:
        np.testing.assert_allclose(race.nets[1].state.running_var[0], net.state.running_var[0])


@pytest.mark.parametrize("batch_norm", [False, True])
def test_trace_forward_matches_the_mlp(batch_norm):
    net = MLP([2, 8, 8, 3], "tanh", batch_norm=batch_norm, seed=1)
    rng = np.random.default_rng(0)
    params = net.initial_parameters() + 0.1 * rng.standard_normal(net.n_parameters)
    x, y = rng.standard_normal((20, 2)), rng.integers(0, 3, 20)
    net.loss_and_gradient(params, x, y)  # moves the running statistics away from (0, 1)
    evaluation = trace_forward(net, params, x, training=False)
    np.testing.assert_allclose(evaluation.output, net.outputs(params, x), rtol=1e-12)
    training = trace_forward(net, params, x, training=True)
    loss, _ = net.loss_and_gradient(params, x, y, update_state=False)
    assert cross_entropy(training.output, y) == pytest.approx(loss, rel=1e-12)
    assert len(training.activation_inputs) == len(training.slopes) == 2
    np.testing.assert_allclose(training.slopes[0], 1 - np.tanh(training.activation_inputs[0]) ** 2)


def test_layer_histograms_count_every_value_with_outliers_in_the_end_bins():
    rng = np.random.default_rng(2)
    values = rng.normal(0.0, 3.0, (3, 500))
    values[1, :5] = [np.nan, -1e9, 1e9, -4.0, 4.0]
    edges = np.linspace(-4.0, 4.0, 17)
    counts = layer_histograms(values, edges)
    assert counts.shape == (3, 16)
    for row, layer in zip(counts, values, strict=True):
        finite = layer[np.isfinite(layer)]
        reference, _ = np.histogram(np.clip(finite, -4.0, 4.0), edges)
        np.testing.assert_array_equal(row, reference)


def test_records_have_the_declared_channels_and_stack_into_batches():
    race = DeepBatchNormRace(**SMALL)
    records = [race.current_record(), *race.records(3)]
    assert [record.step for record in records] == [0, 1, 2, 3]
    for record in records:
        assert set(record.values) == set(race.channels)
        for name, shape in race.channels.items():
            assert record.values[name].shape == (2, *shape), name
        np.testing.assert_array_equal(
            record.values[HISTOGRAM].sum(axis=2), SMALL["measure_size"] * SMALL["width"]
        )
    batch = RecordBatch.from_records(records)
    assert batch.values[WEIGHT_GRADIENT_NORM].shape == (4, 2, SMALL["depth"])
    assert np.all(np.isnan(records[0].values[BATCH_LOSS]))
    assert np.all(np.isfinite(records[1].values[BATCH_LOSS]))


def test_batchnorm_learns_faster_on_a_deep_sigmoid_net():
    """The lecture's claim, with the session's default optimizer: after 150 steps the net
    with BatchNorm has nearly learnt the moons, the one without still sits near chance
    (ln 2 ≈ 0.69)."""
    race = DeepBatchNormRace(
        depth=10, width=32, activation="sigmoid", init="xavier", n_samples=400, measure_size=128
    )
    *_, last = race.records(150)
    plain, normed = last.values[LOSS]
    assert plain > 0.6
    assert normed < 0.1


def test_evaluation_mode_uses_the_running_statistics():
    """Before any training the running statistics are mean 0, variance 1, so in evaluation
    mode BatchNorm does (almost) nothing and the BN net measures like the plain one; after
    training they approach the batch statistics."""
    race = DeepBatchNormRace(**SMALL, activation="tanh", init="custom", weight_std=1.0)
    np.testing.assert_allclose(race.current_record().values[PRE_ACTIVATION_STD][1], 1.0, rtol=1e-3)
    race.apply(Command("set_bn_mode", {"mode": EVAL_MODE}))
    start = race.current_record().values[PRE_ACTIVATION_STD]
    np.testing.assert_allclose(start[1], start[0], rtol=1e-4)
    assert start[0, -1] > 2.0
    *_, trained = race.records(60)
    eval_std = trained.values[PRE_ACTIVATION_STD][1]
    race.set_bn_mode("train")
    train_std = race.current_record().values[PRE_ACTIVATION_STD][1]
    assert eval_std[-1] < 0.5 * start[1, -1]
    np.testing.assert_allclose(eval_std, train_std, rtol=0.3)
    with pytest.raises(ValueError, match="bn_mode"):
        race.set_bn_mode("inference")


def test_reset_replays_the_same_run():
    race = DeepBatchNormRace(**SMALL)
    first = [record.values[LOSS] for record in race.records(5)]
    race.reset()
    assert race.step_count == 0
    second = [record.values[LOSS] for record in race.records(5)]
    np.testing.assert_array_equal(first, second)


def test_a_diverging_lane_records_nan_without_warnings():
    race = DeepBatchNormRace(
        **SMALL, activation="linear", init="custom", weight_std=3.0, optimizer="gd", lr=1e3
    )
    records = list(race.records(10))
    last = records[-1].values
    assert last[DIVERGED][0]
    assert np.all(np.isnan(last[SATURATED_FRACTION][0]))
    assert np.isnan(last[LOSS][0])
    assert not last[DIVERGED][1] and np.all(np.isfinite(last[SATURATED_FRACTION][1]))
    assert race.diverged_at[0] > 0


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="depth"):
        DeepBatchNormRace(depth=0)
    with pytest.raises(ValueError, match="optimizer"):
        DeepBatchNormRace(optimizer="lbfgs")
    with pytest.raises(ValueError, match="bin_edges"):
        DeepBatchNormRace(**SMALL, bin_edges=[1.0, 0.0])


def test_configure_restarts_with_a_new_network_and_refuses_bad_values():
    race = DeepBatchNormRace(**SMALL)
    list(race.records(3))
    edges = np.linspace(-5.0, 5.0, 11)
    race.apply(
        Command(
            "configure",
            {"depth": 3, "width": 8, "activation": "tanh", "init": "he", "weight_std": None,
             "batch_size": 16, "lr": 0.01, "seed": 9, "bin_edges": edges},
        )
    )  # fmt: skip
    assert race.step_count == 0
    record = race.current_record()
    assert record.values[HISTOGRAM].shape == (2, 3, 10)
    assert race.hyperparameters(PLAIN)["lr"] == 0.01
    assert "configure" in race.restarting_commands
    with pytest.raises(ValueError):
        race.configure(3, 8, "tanh", "custom", -1.0, 16, 0.01, 9, edges)
    with pytest.raises(ValueError):
        race.configure(3, 8, "tanh", "he", None, 16, -0.5, 9, edges)
    assert race.current_record().values[HISTOGRAM].shape == (2, 3, 10)


def test_the_session_crosses_a_process_boundary_and_sends_no_optimizer_state():
    import pickle

    race = DeepBatchNormRace(**SMALL)
    twin = pickle.loads(pickle.dumps(race))
    np.testing.assert_array_equal(twin.step().values[LOSS], race.step().values[LOSS])
    assert race.optimizer_states() == {}
