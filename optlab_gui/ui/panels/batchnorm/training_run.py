"""The BatchNorm panel's training run: the two-network session on the training worker.

The session (:class:`~optlab_gui.training.deep_bn_session.DeepBatchNormRace`) runs in the
worker's compute process, started on the first Train or Step and kept for the panel's
life; a new configuration is a ``configure`` command, not a new process. Updates arrive in
the GUI thread; this object keeps the loss history and the latest measurements, and says
when there is something new to draw (the panel draws at most once per frame).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QObject, Signal, Slot

from optlab_gui.training.deep_bn_names import BATCHNORM, PLAIN
from optlab_gui.training.history import History
from optlab_gui.training.records import LOSS, Command, RecordBatch
from optlab_gui.training.runner import PAUSE, RUN, SET_SPEED, STEP, RaceUpdate

if TYPE_CHECKING:
    from optlab_gui.training.worker import RaceProcess

#: One press of Train runs this many steps, then pauses (Train again continues).
TRAINING_STEPS = 300
#: Pace of the run: slow enough to watch the distributions move, 300 steps in 15 s.
STEPS_PER_SECOND = 20
#: The loss history keeps this many points (older ones thinned); plenty for a lecture.
LOSS_HISTORY_CAPACITY = 4096


class TrainingRun(QObject):
    """Drives the two-network session and keeps what the panel draws from it.

    ``updated`` fires when new measurements or losses arrived, ``running_changed(bool)``
    when the run starts or stops, ``failed(str)`` when the session reported an error or the
    compute process was lost.
    """

    updated = Signal()
    running_changed = Signal(bool)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._process: RaceProcess | None = None
        self._commands_sent = 0
        self._generation = 0
        self._running = False
        self._confirmed_stopped = True
        self._active = False
        self._stop_at = TRAINING_STEPS
        self.step = 0
        self.latest: dict[str, np.ndarray] | None = None
        self.bin_edges: np.ndarray | None = None
        self._losses = History(capacity=LOSS_HISTORY_CAPACITY, head=512, tail=1024)

    # State ------------------------------------------------------------------------------

    def is_active(self) -> bool:
        """True from the first Train or Step until Reset: the panel shows the training."""
        return self._active

    def is_running(self) -> bool:
        """True while the networks train."""
        return self._running

    def is_confirmed_stopped(self) -> bool:
        """True when the compute process has confirmed, after every command sent, that it
        is not training (no further measurements will arrive until the next command)."""
        return self._confirmed_stopped

    def has_measurements(self) -> bool:
        """True once the first measurements of the current run have arrived."""
        return self.latest is not None

    def losses(self) -> tuple[np.ndarray, np.ndarray]:
        """Steps and losses (steps x 2: without, with BatchNorm) recorded so far."""
        if not len(self._losses):
            return np.zeros(0), np.zeros((0, 2))
        return self._losses.steps, self._losses.channel(LOSS)

    # Commands ---------------------------------------------------------------------------

    def start(self, configuration: dict[str, Any], bn_mode: str) -> None:
        """Train (from the start with ``configuration`` unless a run is active)."""
        self._ensure_session(configuration, bn_mode)
        self._stop_at = self.step + TRAINING_STEPS
        self._send(Command(SET_SPEED, {"steps_per_second": STEPS_PER_SECOND}))
        self._send(Command(RUN))
        self._set_running(True)

    def pause(self) -> None:
        """Pause the run (its state is kept)."""
        if self._process is not None:
            self._send(Command(PAUSE))
        self._set_running(False)

    def step_once(self, configuration: dict[str, Any], bn_mode: str) -> None:
        """Take one training step (starting a run with ``configuration`` if none is active)."""
        self._ensure_session(configuration, bn_mode)
        self._send(Command(STEP))
        self._set_running(False)

    def reset(self) -> None:
        """Forget the run: back to the freshly initialised networks, not training."""
        if self._process is not None:
            self._send(Command("reset"))
        self._active = False
        self._clear()
        self._set_running(False)

    def set_bn_mode(self, mode: str) -> None:
        """Measure the BatchNorm network with batch ("train") or running ("eval") statistics."""
        if self._process is not None:
            self._send(Command("set_bn_mode", {"mode": mode}))

    def set_learning_rate(self, learning_rate: float) -> None:
        """Change both networks' learning rate from the next step."""
        if self._process is not None:
            for lane in (PLAIN, BATCHNORM):
                self._send(Command("set_hyperparameters", {"lane": lane, "lr": learning_rate}))

    def shutdown(self) -> None:
        """Stop the compute process and its relay thread (window closing)."""
        if self._process is not None:
            self._process.shutdown()
        self._set_running(False)

    # Internals --------------------------------------------------------------------------

    def _ensure_session(self, configuration: dict[str, Any], bn_mode: str) -> None:
        if self._active:
            return
        self._clear()
        self._active = True
        self.bin_edges = np.asarray(configuration["bin_edges"], dtype=float)
        if self._process is None:
            # Imported on the first Train: the session's networks, data sets and optimizers
            # were ~12 ms of the panel's start-up, for a run that most visits never start.
            from optlab_gui.training.deep_bn_session import DeepBatchNormRace
            from optlab_gui.training.worker import RaceProcess

            # built in the compute process: a wide deep network takes seconds to set up
            session = partial(DeepBatchNormRace, **configuration, bn_mode=bn_mode)
            self._process = RaceProcess(session, self)
            self._process.update_ready.connect(self._on_update)
            self._process.process_lost.connect(self._on_process_lost)
        else:
            self._send(Command("set_bn_mode", {"mode": bn_mode}))
            self._send(Command("configure", configuration))

    def _send(self, command: Command) -> None:
        self._commands_sent += 1
        self._process.send(command)

    def _clear(self) -> None:
        self._losses.clear()
        self.latest = None
        self.step = 0

    def _set_running(self, running: bool) -> None:
        if running != self._running:
            self._running = running
            self.running_changed.emit(running)

    @Slot(object)
    def _on_update(self, update: RaceUpdate) -> None:
        if update.generation < self._generation:
            return  # measurements of a configuration or mode replaced since
        if update.generation > self._generation:
            self._generation = update.generation
            if update.step == 0:
                self._clear()
        if update.error:
            self.failed.emit(update.error)
        if self._active and update.batch is not None:
            self._take(update.batch)
        confirmed = update.commands_handled >= self._commands_sent
        self._confirmed_stopped = confirmed and not update.running
        if confirmed:
            self._set_running(update.running)
        if self._running and self.step >= self._stop_at:
            self.pause()

    def _take(self, batch: RecordBatch) -> None:
        last = self._losses.last_step
        fresh = batch.steps > (-1 if last is None else last)
        if np.any(fresh):
            self._losses.append(RecordBatch(batch.steps[fresh], {LOSS: batch.values[LOSS][fresh]}))
        self.latest = {name: values[-1] for name, values in batch.values.items()}
        self.step = int(batch.steps[-1])
        self.updated.emit()

    @Slot(str)
    def _on_process_lost(self, message: str) -> None:
        self._process.shutdown()
        self._process = None
        self._active = False
        self._set_running(False)
        self.failed.emit(message)
