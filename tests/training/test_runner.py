"""The race loop: run/pause/step/reset/speed semantics, throttling, errors, and serving a pipe."""

import contextlib
import multiprocessing
import threading
import time
from functools import partial

import numpy as np
import pytest

from optlab_gui.training.runner import (
    PAUSE,
    QUIT,
    RUN,
    SET_SPEED,
    STEP,
    RaceRunner,
    RaceUpdate,
    compute_process_main,
    serve,
)
from optlab_gui.training.session import LOSS, POSITION, Command, SurfaceRace


class FakeClock:
    """A clock that moves only a little each time it is read (so loops end), or on demand."""

    def __init__(self, tick=1e-4):
        self.now = 100.0
        self.tick = tick

    def __call__(self):
        self.now += self.tick
        return self.now


@pytest.fixture
def sent():
    return []


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def runner(sent, clock):
    race = SurfaceRace("ravine", optimizers=["gd", "momentum"])
    return RaceRunner(race, sent.append, clock=clock)


def steps_sent(updates):
    return [int(s) for u in updates if u.batch is not None for s in u.batch.steps]


def test_publish_current_sends_step_zero_with_states(runner, sent):
    runner.publish_current()
    (update,) = sent
    assert isinstance(update, RaceUpdate)
    assert update.step == 0 and not update.running and update.generation == 0
    np.testing.assert_array_equal(update.batch.steps, [0])
    assert update.states == {"gd": {}, "momentum": {}}


def test_nothing_runs_before_run(runner, sent):
    runner.work()
    assert runner.session.step_count == 0 and sent == []
    assert runner.wait_time() is None


def test_run_steps_and_sends_consecutive_batches(runner, sent, clock):
    runner.handle(Command(RUN))
    assert runner.running and runner.wait_time() == 0.0
    for _ in range(20):
        runner.work(budget_seconds=0.01)
        clock.now += 0.02  # a frame later
    assert runner.session.step_count > 100
    steps = steps_sent(sent)
    assert steps == list(range(1, len(steps) + 1))
    assert all(update.running for update in sent)
    last = sent[-1]
    assert last.states["momentum"].keys() >= {"velocity"}
    assert last.step == last.batch.steps[-1]


def test_updates_are_throttled(runner, sent, clock):
    runner.handle(Command(RUN))
    start = clock.now
    while clock.now - start < 1.0:
        runner.work(budget_seconds=0.001)
    assert 30 <= len(sent) <= 61


def test_pause_sends_the_rest_and_stops(runner, sent):
    runner.handle(Command(RUN))
    runner.work(budget_seconds=0.002)
    runner.handle(Command(PAUSE))
    stopped_at = runner.session.step_count
    assert sent[-1].running is False
    assert steps_sent(sent)[-1] == stopped_at
    runner.work()
    assert runner.session.step_count == stopped_at


def test_single_step(runner, sent):
    runner.handle(Command(STEP))
    assert runner.session.step_count == 1
    assert steps_sent(sent) == [1] and not sent[-1].running
    runner.handle(Command(STEP, {"count": 3}))
    assert steps_sent(sent) == [1, 2, 3, 4]
    runner.handle(Command(RUN))
    runner.handle(Command(STEP))  # a step while running pauses first
    assert not runner.running


def test_reset_pauses_starts_a_new_generation_and_sends_step_zero(runner, sent):
    runner.handle(Command(RUN))
    runner.work(budget_seconds=0.002)
    runner.handle(Command("reset"))
    assert not runner.running and runner.session.step_count == 0
    update = sent[-1]
    assert update.generation == 1
    np.testing.assert_array_equal(update.batch.steps, [0])


def test_new_start_point_keeps_running(runner, sent):
    runner.handle(Command(RUN))
    runner.work(budget_seconds=0.002)
    runner.handle(Command("set_start", {"start": (5.0, -1.0)}))
    assert runner.running and sent[-1].generation == 1
    np.testing.assert_array_equal(sent[-1].batch.values[POSITION][0, 0], [5.0, -1.0])


def test_hyperparameter_edit_while_running(runner, sent):
    runner.handle(Command(RUN))
    runner.work(budget_seconds=0.002)
    runner.handle(Command("set_hyperparameters", {"lane": "gd", "lr": 0.0}))
    runner.flush()
    frozen = runner.session.current_record().values[POSITION][0].copy()
    runner.work(budget_seconds=0.002)
    np.testing.assert_array_equal(runner.session.current_record().values[POSITION][0], frozen)
    assert runner.running


def test_invalid_commands_are_reported_not_raised(runner, sent):
    runner.handle(Command("set_hyperparameters", {"lane": "gd", "lr": float("nan")}))
    runner.handle(Command(SET_SPEED, {"steps_per_second": -3}))
    runner.handle(Command("no_such_command"))
    assert [bool(u.error) for u in sent] == [True, True, True]
    assert "lr" in sent[0].error
    assert runner.session.hyperparameters("gd")["lr"] > 0


def test_speed_paces_the_steps(runner, clock):
    clock.tick = 0.0  # time moves only when the test says so
    runner.handle(Command(SET_SPEED, {"steps_per_second": 10}))
    runner.handle(Command(RUN))
    for _ in range(20):  # two simulated seconds in 0.1 s frames
        runner.work(budget_seconds=0.01)
        clock.now += 0.1
    assert 19 <= runner.session.step_count <= 21
    wait = runner.wait_time()
    assert 0.0 <= wait <= 0.1
    runner.handle(Command(SET_SPEED, {"steps_per_second": None}))
    assert runner.speed is None and runner.wait_time() == 0.0


def test_all_diverged_pauses(sent, clock):
    race = SurfaceRace("rosenbrock", optimizers=["gd"], hyper={"gd": {"lr": 1e6}})
    runner = RaceRunner(race, sent.append, clock=clock)
    runner.handle(Command(RUN))
    runner.work()
    assert not runner.running
    assert sent[-1].running is False and sent[-1].batch.values["diverged"][-1, 0]
    runner.handle(Command(RUN))
    assert not runner.running


def test_a_bug_in_the_session_is_reported_and_pauses(sent, clock, monkeypatch):
    race = SurfaceRace("ravine", optimizers=["gd"])
    runner = RaceRunner(race, sent.append, clock=clock)

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(race, "step", broken)
    runner.handle(Command(RUN))
    runner.work()
    assert not runner.running
    assert "RuntimeError: boom" in sent[-1].error


def test_steps_before_a_bug_are_sent_before_the_error(sent, clock, monkeypatch):
    """The GUI learns of every step taken before the failure, and only then that it stopped
    (an error sent first let it settle one batch short)."""
    race = SurfaceRace("ravine", optimizers=["gd"])
    runner = RaceRunner(race, sent.append, clock=clock)
    step = race.step

    def fails_at_step_five():
        if race.step_count == 4:
            raise RuntimeError("boom")
        return step()

    monkeypatch.setattr(race, "step", fails_at_step_five)
    runner.handle(Command(RUN))
    runner.work(budget_seconds=1.0)
    assert steps_sent(sent) == [1, 2, 3, 4]
    assert "RuntimeError: boom" in sent[-1].error and not sent[-1].running


def receive_until(connection, predicate, limit=5.0):
    """Updates from ``connection`` until one satisfies ``predicate``."""
    received = []
    while connection.poll(limit):
        update = connection.recv()
        received.append(update)
        if predicate(update):
            return received
    raise AssertionError(f"no matching update; got {received}")


def drain_until_closed(connection, limit):
    """Read and drop updates until the sender closes its end, so a sender still running
    flat out is never stuck writing into a full pipe and can read its QUIT."""
    deadline = time.monotonic() + limit
    with contextlib.suppress(EOFError, OSError):
        while time.monotonic() < deadline:
            if connection.poll(0.1):
                connection.recv()


def test_serve_over_pipes_in_a_thread():
    race = SurfaceRace("ravine", optimizers=["gd", "adam"])
    commands_inbox, commands = multiprocessing.Pipe(duplex=False)
    updates, updates_outbox = multiprocessing.Pipe(duplex=False)
    loop = threading.Thread(target=serve, args=(race, commands_inbox, updates_outbox))
    loop.start()
    try:
        first = receive_until(updates, lambda u: True)[0]
        assert first.step == 0
        commands.send(Command(RUN))
        receive_until(updates, lambda u: u.step >= 200)
        commands.send(Command(PAUSE))
        paused = receive_until(updates, lambda u: not u.running)[-1]
        commands.send(Command(STEP))
        stepped = receive_until(updates, lambda u: u.batch is not None)[-1]
        assert stepped.batch.steps.tolist() == [paused.step + 1]
    finally:
        commands.send(Command(QUIT))
        loop.join(2.0)
    assert not loop.is_alive()


def test_serve_ends_when_the_gui_end_closes():
    race = SurfaceRace("ravine", optimizers=["gd"])
    commands_inbox, commands = multiprocessing.Pipe(duplex=False)
    _updates, updates_outbox = multiprocessing.Pipe(duplex=False)
    loop = threading.Thread(target=serve, args=(race, commands_inbox, updates_outbox))
    loop.start()
    commands.close()
    loop.join(2.0)
    assert not loop.is_alive()


@pytest.mark.parametrize("built_where", ["gui", "compute process"])
def test_serve_in_a_spawned_process(built_where):
    """The session (or a partial that builds it there) pickles, and the loop runs where the
    panel runs it: another process."""
    context = multiprocessing.get_context("spawn")
    commands_inbox, commands = context.Pipe(duplex=False)
    updates, updates_outbox = context.Pipe(duplex=False)
    race = partial(SurfaceRace, "rosenbrock", hyper={"gd": {"lr": 1e6}})
    if built_where == "gui":
        race = race()
    process = context.Process(
        target=compute_process_main, args=(race, commands_inbox, updates_outbox)
    )
    process.start()
    commands_inbox.close()
    updates_outbox.close()
    try:
        commands.send(Command(RUN))
        got = receive_until(updates, lambda u: u.step >= 100, limit=30.0)
        last = got[-1].batch.values
        assert last["diverged"][-1].tolist() == [True] + [False] * 6
        assert np.isnan(last[LOSS][-1, 0]) and np.isfinite(last[LOSS][-1, 1:]).all()
    finally:
        commands.send(Command(QUIT))
        drain_until_closed(updates, limit=10.0)
        process.join(5.0)
    assert process.exitcode == 0


def test_states_are_sampled_for_time_travel(runner, sent):
    runner.handle(Command(STEP, {"count": 600}))
    (update,) = [u for u in sent if u.batch is not None]
    sampled = sorted(update.sampled_states)
    assert sampled[:512] == list(range(1, 513))
    assert all(step % 2 == 0 for step in sampled[512:])
    assert len(sampled) == 512 + 44
    assert update.states["momentum"]["velocity"].shape == (2,)
    np.testing.assert_array_equal(
        update.sampled_states[600]["momentum"]["velocity"], update.states["momentum"]["velocity"]
    )
