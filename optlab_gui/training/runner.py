"""The race loop of the compute process: commands in, paced steps, throttled batched updates out.

:class:`RaceRunner` is plain Python (tested without Qt or processes): it takes commands
(run, pause, single step, speed, quit, and the session's own commands such as a
hyper-parameter edit or a reset), steps its :class:`RaceSession` as fast as allowed, and sends
the records in batches at most :data:`MAX_UPDATES_PER_SECOND` times a second, each with the
optimizers' state at the batch's last step. :func:`serve` is the compute process's main
loop around it (see :mod:`optlab_gui.training.worker` for why a process).
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

import numpy as np

from optlab_gui.training.records import Command, Record, RecordBatch

if TYPE_CHECKING:  # the GUI imports the command names without the sessions' modules
    from optlab_gui.training.session import RaceSession

__all__ = [
    "PAUSE",
    "QUIT",
    "RUN",
    "SET_SPEED",
    "STEP",
    "RaceRunner",
    "RaceUpdate",
    "compute_process_main",
    "serve",
]

RUN = "run"
PAUSE = "pause"
STEP = "step"
SET_SPEED = "set_speed"
QUIT = "quit"

#: Updates sent per second at most: about one per frame the GUI draws while a race runs (a
#: frame starts 16 ms after the previous one ended and costs ~8-12 ms) is all it can use; each
#: costs a read of the optimizers' state here and an unpickling in the GUI process.
MAX_UPDATES_PER_SECOND = 40
#: Longest stretch of computing between two looks at the command pipe (stop latency).
SLICE_SECONDS = 0.005
#: How much lower than the GUI's the compute process's scheduling priority is (Unix nice).
COMPUTE_NICENESS = 5
#: A paced run that fell behind (e.g. the machine was busy) skips ahead rather than bursting.
MAX_BACKLOG_SECONDS = 0.25


@dataclass(frozen=True)
class RaceUpdate:
    """What the compute process tells the GUI.

    ``generation`` counts restarts (reset, new start point, new surface): the GUI drops
    updates of an older generation still in flight. ``batch`` holds the records since the
    last update (None when only the state changed), ``states`` each lane's optimizer state
    at ``step``, ``running`` whether the race goes on, ``error`` a command's failure message.
    ``commands_handled`` counts the commands received so far: the GUI trusts ``running`` only
    from an update that has seen every command it sent. ``sampled_states`` maps earlier steps
    of the batch to the optimizers' state after them, where the session asked to keep it
    (:meth:`RaceSession.keeps_state_at`), for time travel.
    """

    generation: int
    step: int
    running: bool
    commands_handled: int
    batch: RecordBatch | None = None
    states: dict[str, dict[str, np.ndarray]] | None = None
    error: str | None = None
    sampled_states: dict[int, dict[str, dict[str, np.ndarray]]] | None = None


class RaceRunner:
    """Drives a :class:`RaceSession` from commands and sends :class:`RaceUpdate` s.

    ``speed`` is in steps per second (None = as fast as possible). ``clock`` is injectable so
    tests control time.
    """

    def __init__(
        self,
        session: RaceSession,
        send: Callable[[RaceUpdate], None],
        max_updates_per_second: float = MAX_UPDATES_PER_SECOND,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.session = session
        self._send = send
        self._clock = clock
        self._update_interval = 1.0 / max_updates_per_second
        self.running = False
        self.speed: float | None = None
        self.generation = 0
        self.commands_handled = 0
        self._pending: list[Record] = []
        self._sampled_states: dict[int, dict[str, dict[str, np.ndarray]]] = {}
        self._last_sent = -math.inf
        self._pace_origin = 0.0
        self._paced_steps = 0

    # Commands ---------------------------------------------------------------------------

    def handle(self, command: Command) -> bool:
        """Apply one command; False when it was :data:`QUIT` (the loop should end).

        A session command that fails (e.g. an invalid value) changes nothing and is reported
        in an update's ``error``.
        """
        self.commands_handled += 1
        if command.name == QUIT:
            self.flush()
            return False
        try:
            self._dispatch(command)
        except (ValueError, TypeError) as error:  # an invalid value: nothing changed
            self._send(self._update(error=str(error)))
        except Exception:  # a bug must not kill the process silently
            self.running = False
            self._send(self._update(error=traceback.format_exc()))
        return True

    def _dispatch(self, command: Command) -> None:
        name = command.name
        if name == RUN:
            self.running = not self.session.diverged.all()
            self._restart_pacing()
        elif name == PAUSE:
            self.running = False
            self.flush(announce=True)
        elif name == STEP:
            self.running = False
            self._take_steps(int(command.arguments.get("count", 1)))
            self.flush(announce=True)
        elif name == SET_SPEED:
            self.speed = _checked_speed(command.arguments.get("steps_per_second"))
            self._restart_pacing()
        else:
            self.session.apply(command)
            if name in self.session.restarting_commands:
                self.generation += 1
                self._pending.clear()
                self._sampled_states.clear()
                if name == "reset":
                    self.running = False
                self.publish_current()

    def publish_current(self) -> None:
        """Send the current record alone (the start of a run), with the optimizers' state."""
        self._pending = [self.session.current_record()]
        self.flush(announce=True)

    # Computing ------------------------------------------------------------------------

    def work(self, budget_seconds: float = SLICE_SECONDS) -> None:
        """Compute for at most ``budget_seconds`` (fewer steps if the speed says so), then
        send an update if one is due."""
        if self.running:
            try:
                due = self._steps_due()
                deadline = self._clock() + budget_seconds
                taken = 0
                while (due is None or taken < due) and self._clock() < deadline:
                    self._take_steps(1)
                    taken += 1
                    if self.session.diverged.all():
                        self.running = False
                        break
                self._paced_steps += taken
            except Exception:  # a bug in a session must not kill the process silently
                self.running = False
                self.flush()  # the steps taken before the failure, then the failure
                self._send(self._update(error=traceback.format_exc()))
        if self._pending and self._clock() - self._last_sent >= self._update_interval:
            self.flush(announce=not self.running)

    def wait_time(self) -> float | None:
        """How long the loop may sleep waiting for a command before :meth:`work` has
        something to do (None = until a command arrives)."""
        now = self._clock()
        waits = []
        if self._pending:
            waits.append(self._last_sent + self._update_interval - now)
        if self.running:
            if self.speed is None:
                return 0.0
            waits.append(self._pace_origin + (self._paced_steps + 1) / self.speed - now)
        return max(0.0, min(waits)) if waits else None

    def flush(self, announce: bool = False) -> None:
        """Send the records not sent yet (with the optimizers' state); with ``announce``,
        send an update even without records, so the GUI learns that the race stopped."""
        if not self._pending and not announce:
            return
        batch = RecordBatch.from_records(self._pending) if self._pending else None
        sampled, self._sampled_states = self._sampled_states, {}
        self._pending = []
        self._last_sent = self._clock()
        self._send(
            self._update(
                batch=batch,
                states=self.session.optimizer_states(),
                sampled_states=sampled or None,
            )
        )

    def _take_steps(self, count: int) -> None:
        session = self.session
        for _ in range(count):
            record = session.step()
            self._pending.append(record)
            if session.keeps_state_at(record.step):
                self._sampled_states[record.step] = session.optimizer_states()

    def _steps_due(self) -> int | None:
        if self.speed is None:
            return None
        now = self._clock()
        due = math.floor((now - self._pace_origin) * self.speed) - self._paced_steps
        if due > self.speed * MAX_BACKLOG_SECONDS:
            self._restart_pacing()
            due = 1
        return max(0, due)

    def _restart_pacing(self) -> None:
        # The first step is due at once, the next one 1/speed later.
        speed = self.speed or 1.0
        self._pace_origin = self._clock() - 1.0 / speed
        self._paced_steps = 0

    def _update(self, **fields) -> RaceUpdate:
        return RaceUpdate(
            self.generation, self.session.step_count, self.running, self.commands_handled, **fields
        )


def _checked_speed(value: float | None) -> float | None:
    if value is None or value == math.inf:
        return None
    speed = float(value)
    if not (math.isfinite(speed) and speed > 0.0):
        raise ValueError(f"the speed must be a positive number of steps per second, got {value}")
    return speed


def serve(session: RaceSession, commands: Connection, updates: Connection) -> None:
    """The race loop: wait for commands or compute, until :data:`QUIT` or until the GUI's
    end of a pipe closes (the GUI exited: nothing is left behind)."""
    runner = RaceRunner(session, updates.send)
    try:
        runner.publish_current()
        while True:
            if commands.poll(runner.wait_time()):
                if not runner.handle(commands.recv()):
                    return
                while commands.poll():
                    if not runner.handle(commands.recv()):
                        return
            runner.work()
    except (EOFError, OSError):
        return
    finally:
        commands.close()
        updates.close()


def compute_process_main(
    session: RaceSession | Callable[[], RaceSession], commands: Connection, updates: Connection
) -> None:
    """Entry point of the compute process: :func:`serve`, deaf to Ctrl+C (which is for the
    GUI process; it then stops this one cleanly), and a little nicer than the GUI: when the
    cores are busy the window is served first (a race at full speed would otherwise take the
    CPU time the painting needs). ``session`` may be a picklable callable that builds the
    session here, so a heavy set-up (a deep network's weights) never runs in the GUI."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(COMPUTE_NICENESS)
    from optlab_gui.training.session import RaceSession  # in the compute process only

    serve(session if isinstance(session, RaceSession) else session(), commands, updates)
