"""What every mode of the training panel shares: the compute process, the recorded run,
time travel, divergence and the frame-paced redraw.

A mode is one kind of race (optimizers on a 2-D surface; later networks on a dataset). It
makes its :class:`RaceSession`, lays out its views and draws them in :meth:`RaceMode.redraw`
from the recorded run; this base class starts the session's compute process, sends it the
window's actions as commands, stores every update that arrives (never drawing from a
signal), and asks its :class:`FrameClock` for at most one redraw per frame.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QWidget

from optlab_gui.training.history import History
from optlab_gui.training.runner import PAUSE, RUN, SET_SPEED, STEP, RaceUpdate
from optlab_gui.training.session import DIVERGED, Command, RaceSession, RecordBatch
from optlab_gui.training.worker import RaceProcess
from optlab_gui.ui.context import app_context
from optlab_gui.ui.frame_clock import FrameClock
from optlab_gui.ui.scenes import Record
from optlab_gui.ui.theme import Theme

#: Recorded steps kept for drawing and time travel: the first 1024 and the last 2048 steps
#: whole, the middle ever sparser. Every frame reads them all, so fewer is faster.
TRACE_CAPACITY, TRACE_HEAD, TRACE_TAIL = 8192, 1024, 2048
#: Optimizer states kept for time travel (sampled by the session, see keeps_state_at).
SNAPSHOT_CAPACITY = 4096
#: While a race runs, the curve views (loss, accuracy) take turns: each is redrawn on one frame
#: in this many (about 20 times a second), so no frame pays for every view; paused, all are.
CURVE_VIEW_TURNS = 2


class RaceMode(QWidget):
    """Base of the training panel's modes; subclasses provide the session and the views.

    Subclasses implement :meth:`make_session`, :meth:`redraw`, :meth:`retranslate_ui`,
    :meth:`apply_theme`, :meth:`export`, :meth:`lane_title` and :meth:`snapshot_rows` (which
    optimizer state is kept for time travel).
    """

    #: Key of the mode (the panel's mode switch lists modes by it).
    mode_name: ClassVar[str] = ""

    status_message = Signal(str)
    running_changed = Signal(bool)
    #: The run's recorded steps changed (new data, reset, or scrubbing): (first, last, shown).
    timeline_changed = Signal(int, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = self.make_session()
        self.trace = History(TRACE_CAPACITY, TRACE_HEAD, TRACE_TAIL)
        self.snapshots = History(capacity=SNAPSHOT_CAPACITY, head=512, tail=1024)
        self.latest_states: dict[str, dict[str, np.ndarray]] = {}
        #: Step at which each lane diverged in the shown run (absent: it did not).
        self.diverged_at: dict[str, int] = {}
        self._process: RaceProcess | None = None
        self._generation = 0
        self._commands_sent = 0
        self._commands_reported = 0
        self._inbox: list[RaceUpdate] = []
        self._running = False
        self._speed: float | None = None
        self._viewed_step: int | None = None
        self._frame_number = 0
        #: Steps a restored scene asked for: a screenshot waits until they are drawn.
        self.scene_steps = 0
        self.frame_clock = FrameClock(self._frame, self)

    # Hooks ------------------------------------------------------------------------------

    def make_session(self) -> RaceSession:
        """The session this mode races (it is sent to the compute process)."""
        raise NotImplementedError

    def redraw(self) -> None:
        """Draw the views from :attr:`trace` and :attr:`snapshots` up to :meth:`shown_index`."""
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        """Set every visible string in the current language."""
        raise NotImplementedError

    def apply_theme(self, theme: Theme) -> None:
        """Restyle for ``theme``."""
        raise NotImplementedError

    def export(self) -> None:
        """Save the plots and the recorded data."""
        raise NotImplementedError

    def lane_title(self, lane: str) -> str:
        """The translated name of ``lane`` for messages and legends."""
        return lane

    def snapshot_rows(
        self, states: list[dict[str, dict[str, np.ndarray]]]
    ) -> dict[str, np.ndarray]:
        """The optimizer states to keep for time travel (one per sampled step, in order), as
        named arrays with one row per step. Taken in batches: the first second of a fast race
        samples ~1,500 steps, and packing them one by one cost whole frames."""
        raise NotImplementedError

    # Scenes (the training panel checks a scene against scene_schema, then restores it) ----

    @classmethod
    def scene_schema(cls) -> Record:
        """The keys, types and ranges of this mode's :meth:`scene_state`."""
        raise NotImplementedError

    @classmethod
    def scene_problem(cls, state: dict) -> str | None:
        """A translated message if a schema-checked ``state`` is inconsistent, else None."""
        return None

    def scene_state(self) -> dict:
        """Every setting of the race and how many steps were computed."""
        raise NotImplementedError

    def restore_scene_state(self, state: dict) -> None:
        """Set the race to a checked ``state`` and compute its steps again (same seed)."""
        raise NotImplementedError

    # The run ----------------------------------------------------------------------------

    def is_running(self) -> bool:
        """True while the race runs."""
        return self._running

    def start_pause(self) -> None:
        """Start the race (from the live end) or pause it."""
        if self._running:
            self.pause()
        else:
            self.show_live()
            self._send(Command(RUN))
            self._set_running(True)

    def pause(self) -> None:
        """Pause the race (the compute process stops within a few milliseconds)."""
        if self._process is not None:
            self._send(Command(PAUSE))
        self._set_running(False)

    def step(self) -> None:
        """One step of every optimizer (pauses a running race first)."""
        self.show_live()
        self._send(Command(STEP))
        self._set_running(False)

    def reset(self) -> None:
        """Stop and go back to step 0 of the same race."""
        self.send_session_command(Command("reset"))
        self._set_running(False)

    def set_speed(self, steps_per_second: float | None) -> None:
        """Steps per second (None: as fast as possible); kept for a new compute process."""
        self._speed = steps_per_second
        if self._process is not None:
            self._send(Command(SET_SPEED, {"steps_per_second": steps_per_second}))

    def send_session_command(self, command: Command) -> None:
        """Send one of the session's commands; a restarting one (reset, new start...) voids
        the recorded run at once, so nothing of the old run is drawn any more."""
        self._ensure_process()
        self.session.apply(command)  # validate here: a bad value raises, nothing is sent
        if command.name in self.session.restarting_commands:
            self._generation += 1
            self._clear_run()
        self._send(command)

    def activate(self) -> None:
        """The panel is shown: start the compute process (it is ready about a second later)."""
        self._ensure_process()

    def deactivate(self) -> None:
        """The panel is hidden: pause."""
        if self._running:
            self.pause()

    def shutdown(self) -> None:
        """Stop the compute process and its relay thread (within 200 ms) and the frame clock."""
        self.frame_clock.stop()
        if self._process is not None:
            self._process.shutdown()
            self._process = None
        self._set_running(False)

    def ready_for_screenshot(self) -> bool:
        """True when the views show what a user sees first: the race at its start (the
        compute process is not needed for that) or the steps a restored scene asked for."""
        last = self.trace.last_step
        if self.scene_steps and (last is None or last < self.scene_steps):
            return False
        self.frame_clock.flush()
        return True

    def caught_up(self) -> bool:
        """True once the compute process has reported on every command sent to it and the
        views have taken in what it reported."""
        return (
            self._process is not None
            and self._commands_reported == self._commands_sent
            and not self._inbox
        )

    def has_data(self) -> bool:
        """True once the compute process has sent the run's first record."""
        return len(self.trace) > 0

    # Time travel ------------------------------------------------------------------------

    def curve_view_due(self, turn: int) -> bool:
        """True if the curve view with ``turn`` (0 .. CURVE_VIEW_TURNS - 1) is to be redrawn
        this frame: on its turn while the race runs, always otherwise."""
        return not self._running or self._frame_number % CURVE_VIEW_TURNS == turn

    def shown_index(self) -> int:
        """Index in :attr:`trace` of the step on show (the last one when live)."""
        if self._viewed_step is None:
            return len(self.trace) - 1
        return self.trace.index_at(self._viewed_step)

    def shown_step(self) -> int:
        """The step on show."""
        return int(self.trace.steps[self.shown_index()]) if len(self.trace) else 0

    def is_live(self) -> bool:
        """True when the views follow the newest step."""
        return self._viewed_step is None

    def show_step(self, step: int) -> None:
        """Scrub to ``step`` (pauses a running race; the views show the run as it was)."""
        if not len(self.trace):
            return
        if self._running:
            self.pause()
        last = self.trace.last_step
        self._viewed_step = None if step >= last else max(0, int(step))
        self._timeline_changed()
        self.frame_clock.request_redraw()

    def show_live(self) -> None:
        """Follow the newest step again."""
        if self._viewed_step is not None:
            self._viewed_step = None
            self._timeline_changed()
            self.frame_clock.request_redraw()

    def shown_states(self) -> tuple[int, dict[str, np.ndarray]] | None:
        """(step, values) of the newest optimizer snapshot at or before the step on show."""
        if not len(self.snapshots):
            return None
        index = self.snapshots.index_at(self.shown_step())
        step, values = self.snapshots.entry(index)
        return (step, values) if step <= self.shown_step() else None

    # Updates from the compute process ---------------------------------------------------

    @Slot(object)
    def _on_update(self, update: RaceUpdate) -> None:
        # Arrival only stores: updates are taken in together at the next frame.
        self._commands_reported = update.commands_handled
        if update.generation == self._generation:
            self._inbox.append(update)
            self.frame_clock.request_redraw()

    def take_updates(self) -> None:
        """Take in the updates that arrived since the last frame, as one batch."""
        updates = [u for u in self._inbox if u.generation == self._generation]
        self._inbox = []
        if not updates:
            return
        for update in updates:
            if update.error:
                self._report_error(update.error)
        batches = [update.batch for update in updates if update.batch is not None]
        if batches:
            self._store(RecordBatch.concatenate(batches))
        sampled = {}
        for update in updates:
            sampled.update(update.sampled_states or {})
            if update.states and any(update.states.values()):
                self.latest_states = update.states
                sampled[update.step] = update.states
        self._store_snapshots(sampled)
        last = updates[-1]
        if last.commands_handled == self._commands_sent and last.running != self._running:
            self._set_running(last.running)
            if not last.running and len(self.diverged_at) == len(self.session.lanes):
                self.status_message.emit(
                    self.tr("Every optimizer diverged: lower the learning rates and reset (R).")
                )

    @Slot(str)
    def _on_process_lost(self, message: str) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.shutdown()
        # Updates the dead process sent before dying still say "running": drop them, or the
        # next frame would mark the race running again with no process behind it.
        self._inbox = []
        self._set_running(False)
        app_context().errors.report(self.tr("The training computation stopped"), message)

    def _frame(self) -> None:
        # Once per frame: new data, the views, and the time slider.
        self._frame_number += 1
        self.take_updates()
        self.redraw()
        self._timeline_changed()

    def _store_snapshots(self, sampled: dict[int, dict[str, dict[str, np.ndarray]]]) -> None:
        newest = self.snapshots.last_step
        steps = sorted(
            step
            for step, states in sampled.items()
            if any(states.values()) and (newest is None or step > newest)
        )
        if not steps:
            return
        values = self.snapshot_rows([sampled[step] for step in steps])
        self.snapshots.append(RecordBatch(np.array(steps), values))

    def _store(self, batch: RecordBatch) -> None:
        if self.trace.last_step is not None and batch.steps[0] <= self.trace.last_step:
            return  # a duplicate of what is stored (a restart's first record arrives once)
        self.trace.append(batch)
        diverged = batch.values.get(DIVERGED)
        if diverged is None:
            return
        for lane_index, lane in enumerate(self.session.lane_keys):
            if lane in self.diverged_at or not diverged[-1, lane_index]:
                continue
            first = int(batch.steps[np.argmax(diverged[:, lane_index])])
            self.diverged_at[lane] = first
            self.status_message.emit(
                self.tr("{optimizer} diverged at step {step}; the others go on.").format(
                    optimizer=self.lane_title(lane), step=first
                )
            )

    def _report_error(self, error: str) -> None:
        if "Traceback" in error:
            app_context().errors.report(self.tr("The training computation failed"), error)
        else:
            self.status_message.emit(self.tr("Not applied: {reason}").format(reason=error))

    def _clear_run(self) -> None:
        self._inbox = []
        self.trace.clear()
        self.snapshots.clear()
        self.latest_states = {}
        self.diverged_at = {}
        self._viewed_step = None
        self._timeline_changed()
        self.frame_clock.request_redraw()

    def _timeline_changed(self) -> None:
        if len(self.trace):
            first, last = int(self.trace.steps[0]), int(self.trace.last_step)
            self.timeline_changed.emit(first, last, self.shown_step())
        else:
            self.timeline_changed.emit(0, 0, 0)

    def _set_running(self, running: bool) -> None:
        if running != self._running:
            self._running = running
            self.running_changed.emit(running)

    def _ensure_process(self) -> RaceProcess:
        if self._process is None:
            self._process = RaceProcess(self.session, self)
            self._process.update_ready.connect(self._on_update)
            self._process.process_lost.connect(self._on_process_lost)
            # A new process starts counting commands and restarts from zero.
            self._commands_sent = 0
            self._commands_reported = 0
            self._generation = 0
            self._clear_run()
            self._send(Command(SET_SPEED, {"steps_per_second": self._speed}))
        return self._process

    def _send(self, command: Command) -> None:
        self._ensure_process().send(command)
        self._commands_sent += 1
