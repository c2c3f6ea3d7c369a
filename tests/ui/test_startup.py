"""Start-up: the first frame pays only for what it shows, background work starts after it.

benchmarks/startup.py measures the time; these tests pin the behaviour behind it: building a
panel starts no thread and no process, the panel is ready for a screenshot without them, and
the cost measurement and the compute process start once the first frame is on screen.
"""

from __future__ import annotations

import multiprocessing

import pytest
from PySide6.QtCore import QThread

from optlab_gui.ui.main_window import PANEL_NAMES

TIMEOUT_MS = 20_000  # starting the compute process is part of some waits


@pytest.fixture
def thread_starts(monkeypatch):
    """The object names of the QThreads started during the test."""
    started: list[str] = []
    original_start = QThread.start

    def start(thread, *args, **kwargs):
        started.append(thread.objectName() or type(thread).__name__)
        return original_start(thread, *args, **kwargs)

    monkeypatch.setattr(QThread, "start", start)
    return started


@pytest.fixture
def open_window(app_context, qtbot):
    """Builds the main window showing a given panel (not yet shown); closed after the test."""
    from optlab_gui.app import create_main_window

    windows = []

    def build(name: str):
        window = create_main_window(name)
        window.persist_settings = False
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield build
    for window in windows:
        window.close()


@pytest.mark.parametrize("name", PANEL_NAMES)
def test_the_first_frame_needs_no_background_work(open_window, qtbot, thread_starts, name):
    children = set(multiprocessing.active_children())
    window = open_window(name)
    panel = window.current_panel()
    assert panel.ready_for_screenshot()
    assert thread_starts == []
    assert set(multiprocessing.active_children()) == children
    window.show()
    qtbot.waitUntil(panel.first_frame_painted)
    assert panel.ready_for_screenshot()


def test_costs_are_measured_after_the_first_frame(open_window, qtbot, thread_starts):
    window = open_window("activations")
    panel = window.current_panel()
    assert not panel.costs_measured()
    window.show()
    qtbot.waitUntil(panel.costs_measured, timeout=TIMEOUT_MS)
    assert thread_starts == ["activationCostMeasurement"]


def test_the_compute_process_starts_after_the_first_frame(open_window, qtbot):
    window = open_window("training")
    mode = window.current_panel().current_mode()
    window.show()
    qtbot.waitUntil(mode.has_data, timeout=TIMEOUT_MS)


def test_space_before_the_compute_process_is_up_is_kept(open_window, qtbot):
    window = open_window("training")
    mode = window.current_panel().current_mode()
    window.action_start_pause.trigger()  # before the first frame, let alone the process
    assert mode.is_running()
    window.show()
    qtbot.waitUntil(lambda: (mode.trace.last_step or 0) >= 20, timeout=TIMEOUT_MS)
    window.action_start_pause.trigger()
    assert not mode.is_running()


@pytest.mark.parametrize("scene", [None, 7])
def test_the_screenshot_shows_the_settled_window(open_window, tmp_path, scene):
    """The picture shows what is finished, not an older frame: a layout that settles after
    the first paint (presentation mode widens the panel tabs) and a scene's steps computed
    after it (scene 7: the network race's curves and boundary) must be in it."""
    import numpy as np
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from optlab_gui.__main__ import _save_screenshot
    from optlab_gui.ui.scenes import built_in_lesson_path

    window = open_window("training")
    window.resize(1600, 900)
    if scene is None:
        window.set_presentation(True)
    else:
        window.open_lesson(built_in_lesson_path(), scene - 1)
    window.show()
    path = tmp_path / "shot.png"
    assert _save_screenshot(QApplication.instance(), window, str(path)) == 0

    def pixels(image: QImage) -> np.ndarray:
        image = image.convertToFormat(QImage.Format.Format_RGB888)
        rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
        return rows[:, : image.width() * 3].astype(int)

    shot, rendered = pixels(QImage(str(path))), pixels(window.grab().toImage())
    # Antialiasing may differ a little between cached and fresh painting; a stale region
    # (the tabs painted at their first, narrow width) differs in ~2 % of the window.
    differing = (np.abs(shot - rendered) > 96).reshape(-1, 3).any(axis=1).mean()
    assert differing < 0.002


def test_the_collector_pauses_for_the_start_up_and_runs_again_after_it(qapp, tmp_path, monkeypatch):
    import gc

    from optlab_gui import __main__ as command_line

    seen = []
    original = command_line._open_window

    def open_window(*args):
        seen.append(gc.isenabled())
        return original(*args)

    monkeypatch.setattr(command_line, "_open_window", open_window)
    status = command_line.main(["--panel", "training", "--screenshot", str(tmp_path / "s.png")])
    assert status == 0
    assert seen == [False], "paused while the window is built"
    assert gc.isenabled(), "running again once main returns"


def test_the_start_ups_survivors_are_frozen_when_the_event_loop_starts():
    import gc

    from optlab_gui.__main__ import _pause_garbage_collection, _resume_garbage_collection

    was_running = _pause_garbage_collection()
    assert was_running and not gc.isenabled()
    try:
        _resume_garbage_collection(was_running, freeze_survivors=True)
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()
    # a collector that was off before stays off
    gc.disable()
    try:
        _resume_garbage_collection(_pause_garbage_collection())
        assert not gc.isenabled()
    finally:
        gc.enable()
