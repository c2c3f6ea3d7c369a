"""Runs OptLab's real entry point with a scripted scenario that ends by closing the window at
a chosen moment: during training, during a BatchNorm recompute, during an export, with a
dialog open. tests/robustness/test_faults.py runs it as a subprocess and checks the exit
status, the time from closing to exit, and standard error.

    python tests/robustness/close_scenarios.py SCENARIO

The scenario is a generator: each ``yield predicate`` waits (polled by a QTimer, inside any
nested event loop too) until ``predicate()`` is true. Just before closing the window the
script prints ``CLOSING <time.monotonic()>``, which the test compares with the moment the
process (and every process it started) has gone. A scenario that cannot reach its moment
within SCENARIO_DEADLINE_SECONDS exits with status 3.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

#: A scenario that has not reached its moment by then is broken (status 3).
SCENARIO_DEADLINE_SECONDS = 90.0
POLL_MS = 10
#: Steps the race has taken when the window is closed "during training".
STEPS_BEFORE_CLOSING = 20

Script = Iterator[Callable[[], bool]]


def close_window(window) -> None:
    """Print the moment, then close the window as its title bar's close button does."""
    print(f"CLOSING {time.monotonic()!r}", flush=True)
    window.close()


def _watch_probes() -> threading.Event:
    """An event set when the BatchNorm panel's probe thread starts computing a full probe
    pair (with gradients; a slow one is preceded by a cheaper forward-only preview)."""
    from optlab_gui.ui.panels.batchnorm import probe_job

    started = threading.Event()
    original = probe_job.probe_pair

    def watched_probe_pair(request, gradients=True, should_stop=None):
        if gradients:
            started.set()
        return original(request, gradients, should_stop)

    probe_job.probe_pair = watched_probe_pair
    return started


def training(window) -> Script:
    """The optimizer race is running when the window closes."""
    panel = window.current_panel()
    mode = panel.current_mode()
    yield mode.has_data
    panel.start_pause()
    yield lambda: mode.is_running() and (mode.trace.last_step or 0) >= STEPS_BEFORE_CLOSING
    close_window(window)


def batchnorm_recompute(window) -> Script:
    """A new random network (default size) is being probed when the window closes."""
    panel = window.current_panel()
    yield panel.is_up_to_date
    started = _watch_probes()
    panel.network_controls.new_seed.click()
    yield started.is_set
    close_window(window)


def batchnorm_recompute_largest(window) -> Script:
    """The largest network the controls allow is being probed when the window closes."""
    panel = window.current_panel()
    yield panel.is_up_to_date
    started = _watch_probes()
    controls = panel.network_controls
    for control in (controls.depth, controls.width, controls.batch):
        control.set_value(control.number_box().maximum())
    yield started.is_set
    close_window(window)


def batchnorm_training(window) -> Script:
    """Both deep networks are training when the window closes."""
    panel = window.current_panel()
    yield panel.is_up_to_date
    panel.start_pause()
    yield lambda: panel.is_running() and panel.displayed_pair() is not None
    close_window(window)


def export_dialog(window) -> Script:
    """The export's file dialog is open (a nested event loop) when the window closes."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog

    mode = window.current_panel().current_mode()
    yield mode.has_data
    QTimer.singleShot(0, window.action_export.trigger)
    yield lambda: isinstance(QApplication.activeModalWidget(), QFileDialog)
    close_window(window)


def export_writing(window) -> Script:
    """The window is asked to close while the export writes its files."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QFileDialog

    mode = window.current_panel().current_mode()
    yield mode.has_data
    target = Path(tempfile.mkdtemp(prefix="optlab-close-")) / "race.png"

    def answer_and_close(*_args, **_kwargs):
        QTimer.singleShot(0, lambda: close_window(window))
        return str(target), ""

    QFileDialog.getSaveFileName = staticmethod(answer_and_close)
    QTimer.singleShot(0, window.action_export.trigger)
    yield lambda: False  # the close ends the run


def error_dialog(window) -> Script:
    """The error dialog is open when the window closes."""
    from optlab_gui.ui.context import app_context

    errors = app_context().errors
    yield lambda: window.isVisible()
    errors.report("An injected problem", "Traceback: (injected by close_scenarios.py)")
    yield lambda: errors.dialog is not None and errors.dialog.isVisible()
    close_window(window)


def about_dialog(window) -> Script:
    """The About box (a modal message box, nested event loop) is open when the window closes."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    yield lambda: window.isVisible()
    QTimer.singleShot(0, window.action_about.trigger)
    yield lambda: isinstance(QApplication.activeModalWidget(), QMessageBox)
    close_window(window)


def activations_measuring(window) -> Script:
    """The activation panel is still timing the activations (its worker thread) when the
    window closes (as soon as the window is up: the timing takes about a second)."""
    from PySide6.QtCore import QThread
    from PySide6.QtWidgets import QApplication

    def measuring() -> bool:
        thread = QApplication.instance().findChild(QThread, "activationCostMeasurement")
        return thread is not None and thread.isRunning()

    yield measuring
    close_window(window)


def idle(window) -> Script:
    """The panel has drawn its content; nothing runs when the window closes."""
    panel = window.current_panel()
    yield panel.ready_for_screenshot
    close_window(window)


#: Scenario name -> (panel to open, script).
SCENARIOS: dict[str, tuple[str, Callable]] = {
    "training": ("training", training),
    "batchnorm-recompute": ("batchnorm", batchnorm_recompute),
    "batchnorm-recompute-largest": ("batchnorm", batchnorm_recompute_largest),
    "batchnorm-training": ("batchnorm", batchnorm_training),
    "export-dialog": ("training", export_dialog),
    "export-writing": ("training", export_writing),
    "error-dialog": ("activations", error_dialog),
    "about-dialog": ("activations", about_dialog),
    "activations-measuring": ("activations", activations_measuring),
    "idle": ("activations", idle),
}


class ScenarioRunner:
    """Advances a scenario whenever the predicate it waits for is true."""

    def __init__(self, script: Script) -> None:
        from PySide6.QtCore import QTimer

        self._script = script
        self._waiting_for: Callable[[], bool] = lambda: True
        self._deadline = time.monotonic() + SCENARIO_DEADLINE_SECONDS
        self._timer = QTimer()
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def _poll(self) -> None:
        if time.monotonic() > self._deadline:
            print(f"scenario deadline passed waiting for {self._waiting_for}", file=sys.stderr)
            sys.stderr.flush()
            os._exit(3)
        if not self._waiting_for():
            return
        try:
            self._waiting_for = next(self._script)
        except StopIteration:
            self._timer.stop()


def main() -> int:
    """Run OptLab's main() on the scenario's panel with the scenario scripted in."""
    name = sys.argv[1]
    panel, scenario = SCENARIOS[name]
    import optlab_gui.app as app_module
    from optlab_gui.__main__ import main as optlab_main

    create_main_window = app_module.create_main_window
    runners = []

    def create_scripted_window(panel_name=None):
        window = create_main_window(panel_name)
        runners.append(ScenarioRunner(scenario(window)))
        return window

    app_module.create_main_window = create_scripted_window
    return optlab_main(["--panel", panel, "--lang", "en"])


if __name__ == "__main__":
    sys.exit(main())
