"""The race's compute process and the QThread worker that relays its updates to the GUI.

Why a process: measured on this 2-core machine (seven optimizers on Rosenbrock, a window
with the surface and loss plots repainted per frame, 300 points per curve, a 5 ms timer in
the GUI thread; other engineers' tests running, load 3-4; ratios against headless in the
same run):

- a worker *thread* computing flat out starves the GUI thread of the GIL (each Qt call of a
  paint gives the GIL up and waits up to the 5 ms switch interval to get it back): 8-14
  redraws/s, timer lateness p99 133-187 ms;
- a thread computing in time slices synchronised with the frames (it waits while the GUI
  paints) removes the starvation (p99 26-60 ms) but shares one core between computing and
  painting, and a frame of this panel costs ~7-20 ms to paint here: 0.26-0.32 × headless
  steps/s, 13-20 redraws/s;
- a compute *process* steps the race on the other core while the GUI thread only stores and
  paints: 0.88-1.0 × headless steps/s, 18-26 redraws/s, p99 32 ms at the quieter moment.

So the session runs in a ``spawn``-ed process (no Qt in it; started once per panel and ready
~0.4-1 s later, in the background) at a slightly lower scheduling priority than the GUI, and
a :class:`RaceWorker` moved to a QThread relays its updates as signals. The finished panel,
measured by benchmarks/live_training.py (same load): 24 redraws/s, lateness p99 39 ms, live
0.47 × headless steps/s; per CPU second the compute process does 0.85 × the headless steps
and the GUI spent ~22 ms of CPU per redraw (both plots, formula, updates). Cut since then to
~11 ms (items bounded by the view, curve views taking turns, cached layers, formula values
set without relayout, loss axes that jump rarely): at load ~1, 35 redraws/s, lateness p99
13 ms and max 40 ms, live 0.88 × headless steps/s (surfaces; the network race 0.98). Other
work on the shared cores is what still hurts: at load 6-9 the compute process, a little
nicer than the GUI, gets less than its share. Measured at
load ~6.7: niceness 0 instead of 5 raised live/headless from ~0.24 to ~0.40 but the GUI
fell to 13 redraws/s with a 5 ms timer late by ~60 ms at the median, so the niceness stays.

Stopping: :meth:`RaceProcess.shutdown` sends ``quit``, sets the relay's stop flag (polled
every :data:`RELAY_POLL_SECONDS`), quits and waits for the thread, then joins the process
and terminates it if it has not exited by the deadline (200 ms in all).
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from optlab_gui.training.runner import QUIT, compute_process_main
from optlab_gui.training.session import Command, RaceSession

__all__ = ["RaceProcess", "RaceWorker"]

log = logging.getLogger(__name__)

#: How often the relay looks at its stop flag while no update arrives.
RELAY_POLL_SECONDS = 0.02
#: Everything (thread and process) is stopped within this time on shutdown.
SHUTDOWN_DEADLINE_SECONDS = 0.2


class RaceWorker(QObject):
    """Lives in a QThread: receives the compute process's updates and emits them.

    Emits ``update_ready(RaceUpdate)`` for each update (NumPy arrays received from another
    process, so nothing is shared with it) and ``process_lost(str)`` if the process died.
    """

    update_ready = Signal(object)
    process_lost = Signal(str)
    finished = Signal()

    def __init__(self, updates: Connection) -> None:
        super().__init__()
        self._updates = updates
        self._stop = threading.Event()

    def request_stop(self) -> None:
        """Ask :meth:`relay` to return (thread-safe; honoured within RELAY_POLL_SECONDS)."""
        self._stop.set()

    @Slot()
    def relay(self) -> None:
        """Forward updates until stopped or until the process's end of the pipe closes."""
        try:
            while not self._stop.is_set():
                try:
                    if not self._updates.poll(RELAY_POLL_SECONDS):
                        continue
                    update = self._updates.recv()
                except (EOFError, OSError):
                    if not self._stop.is_set():
                        self.process_lost.emit("the compute process stopped unexpectedly")
                    return
                self.update_ready.emit(update)
        finally:
            self._updates.close()
            self.finished.emit()


class RaceProcess(QObject):
    """A race session running in its own process, driven by commands from the GUI thread.

    ``update_ready(RaceUpdate)`` arrives in the GUI thread; :meth:`send` queues a command
    (run, pause, step, speed, or one of the session's commands). Call :meth:`shutdown`
    before dropping it (it is also called when the application quits). ``session`` is a
    session, or a picklable callable (e.g. a ``functools.partial`` of its class) that builds
    it in the compute process when building it would hold up the window.
    """

    update_ready = Signal(object)
    process_lost = Signal(str)

    def __init__(
        self, session: RaceSession | Callable[[], RaceSession], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        context = multiprocessing.get_context("spawn")
        commands_inbox, self._commands = context.Pipe(duplex=False)
        updates, updates_outbox = context.Pipe(duplex=False)
        self._process = context.Process(
            target=compute_process_main,
            args=(session, commands_inbox, updates_outbox),
            name=f"optlab-race-{getattr(session, 'func', type(session)).__name__}",
            daemon=True,
        )
        self._process.start()
        # Only the child uses these ends; closing ours lets either side see the other exit.
        commands_inbox.close()
        updates_outbox.close()
        self._stopped = False
        self._outbox: queue.SimpleQueue[Command | None] = queue.SimpleQueue()
        self._sender = threading.Thread(
            target=self._send_commands, name="optlab-race-commands", daemon=True
        )
        self._sender.start()
        self._thread = QThread()
        self._thread.setObjectName("raceRelayThread")
        self._worker = RaceWorker(updates)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.relay)
        self._worker.finished.connect(self._thread.quit)
        self._worker.update_ready.connect(self._forward_update)
        self._worker.process_lost.connect(self._forward_loss)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)
        self._thread.start()

    @property
    def pid(self) -> int | None:
        """The compute process's id (for memory measurements)."""
        return self._process.pid

    def is_alive(self) -> bool:
        """True while the compute process and its relay run."""
        return not self._stopped and self._process.is_alive()

    def send(self, command: Command) -> None:
        """Queue ``command`` for the compute process (ignored after shutdown).

        Never blocks the GUI thread: a sender thread writes to the pipe, which blocks while
        the process is busy and the pipe is full (a storm of Train/Reset clicks froze the
        window for tens of seconds when the GUI thread wrote itself).
        """
        if not self._stopped:
            self._outbox.put(command)

    def _send_commands(self) -> None:
        """The sender thread: write queued commands in order until the sentinel None."""
        while (command := self._outbox.get()) is not None:
            try:
                self._commands.send(command)
            except (OSError, ValueError):
                return  # the process is gone; the relay reports it (its pipe closes too)

    @Slot()
    def shutdown(self, deadline_seconds: float = SHUTDOWN_DEADLINE_SECONDS) -> bool:
        """Stop the process and the relay thread within ``deadline_seconds``; True when both
        stopped on their own (False: the process had to be terminated). Idempotent."""
        if self._stopped:
            return True
        self._stopped = True
        started = time.monotonic()
        self._outbox.put(Command(QUIT))
        self._outbox.put(None)
        self._worker.request_stop()
        self._thread.quit()
        remaining_ms = max(1, round((deadline_seconds - (time.monotonic() - started)) * 1000))
        thread_done = self._thread.wait(remaining_ms)
        remaining = max(0.01, deadline_seconds - (time.monotonic() - started))
        self._process.join(remaining)
        clean = thread_done and self._process.exitcode is not None
        if self._process.is_alive():
            log.warning("the compute process did not stop in time; terminating it")
            self._process.terminate()
            self._process.join(0.05)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
        if not thread_done:
            # The relay polls its flag every RELAY_POLL_SECONDS; this only waits out a stall.
            self._thread.wait()
        # With the process gone a blocked write fails at once, so this join is short.
        self._sender.join()
        self._commands.close()
        self._process.close()
        return clean

    @Slot(object)
    def _forward_update(self, update) -> None:
        self.update_ready.emit(update)

    @Slot(str)
    def _forward_loss(self, message: str) -> None:
        if not self._stopped:
            self.process_lost.emit(message)
