"""Test set-up shared by every test: headless Qt, isolated user folders, leak checks.

Tests run offscreen whatever the person running them has set, and never read or write the
user's real settings or log. A test that leaves a QThread running, or a repeating QTimer
started by OptLab's code active, fails and says where it was started.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
import threading
import time
import traceback
import weakref

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["PYQTGRAPH_QT_LIB"] = "PySide6"
_USER_FOLDERS = tempfile.mkdtemp(prefix="optlab-tests-")
for _variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
    os.environ[_variable] = os.path.join(_USER_FOLDERS, _variable.lower())

import pytest  # noqa: E402

LEAK_GRACE_S = 0.5


class _StartRecorder:
    """Wraps QThread.start / QTimer.start to remember what OptLab's code started; also notes
    the child processes and Python threads alive before the test, to spot new ones after."""

    def __init__(self) -> None:
        self.threads: list[tuple[weakref.ref, str]] = []
        self.timers: list[tuple[weakref.ref, str]] = []
        self.processes_before = {process.pid for process in multiprocessing.active_children()}
        self.python_threads_before = set(threading.enumerate())

    def install(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from PySide6.QtCore import QThread, QTimer

        original_thread_start = QThread.start
        original_timer_start = QTimer.start
        recorder = self

        def thread_start(thread, *args, **kwargs):
            recorder.threads.append((weakref.ref(thread), "".join(traceback.format_stack()[-6:-1])))
            return original_thread_start(thread, *args, **kwargs)

        def timer_start(timer, *args, **kwargs):
            caller = sys._getframe(1).f_globals.get("__name__", "")
            if caller.startswith("optlab_gui"):
                recorder.timers.append(
                    (weakref.ref(timer), "".join(traceback.format_stack()[-6:-1]))
                )
            return original_timer_start(timer, *args, **kwargs)

        monkeypatch.setattr(QThread, "start", thread_start)
        monkeypatch.setattr(QTimer, "start", timer_start)

    def leaks(self) -> list[str]:
        import shiboken6

        found = []
        for reference, where in self.threads:
            thread = reference()
            if thread is not None and shiboken6.isValid(thread) and thread.isRunning():
                found.append(f"QThread still running, started at:\n{where}")
        for reference, where in self.timers:
            timer = reference()
            if timer is not None and shiboken6.isValid(timer) and timer.isActive():
                found.append(f"QTimer still active, started at:\n{where}")
        for process in multiprocessing.active_children():
            if process.pid not in self.processes_before:
                found.append(f"child process {process.name} (pid {process.pid}) still alive")
        for thread in threading.enumerate():
            # _DummyThread: a Qt thread that once ran Python code; the QThread check covers it
            if thread not in self.python_threads_before and not isinstance(
                thread, threading._DummyThread
            ):
                found.append(f"Python thread {thread.name} still running")
        return found


@pytest.fixture(autouse=True)
def no_leaked_threads_or_timers(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """Fail a Qt test that leaves a QThread running, an OptLab QTimer active, a child
    process alive or a Python thread running. Every test once Qt is loaded (any UI test,
    with or without qtbot) is checked, not only those asking for qtbot or qapp."""
    uses_qt = "qtbot" in request.fixturenames or "qapp" in request.fixturenames
    if not uses_qt and "PySide6.QtCore" not in sys.modules:
        yield
        return
    recorder = _StartRecorder()
    recorder.install(monkeypatch)
    yield
    from PySide6.QtCore import QCoreApplication, QEventLoop

    # Give pending single-shot timers and stopping threads a moment to finish, without
    # sleeping blind. (Forcing deferred deletes here crashed: Qt deletes them in the loop.)
    deadline = time.monotonic() + LEAK_GRACE_S
    has_event_loop = QCoreApplication.instance() is not None
    while has_event_loop and recorder.leaks() and time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    leaks = recorder.leaks()
    if leaks:
        pytest.fail("\n\n".join(leaks), pytrace=False)


@pytest.fixture
def app_context(qapp, tmp_path, monkeypatch):
    """OptLab's application services on pytest-qt's QApplication, with fresh user folders."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    from optlab_gui.app import create_application
    from optlab_gui.ui.context import app_context as current_context

    create_application([], language="en")
    context = current_context()
    yield context
    # An error dialog left open would outlive its reporter (deleted below) and crash later.
    from PySide6.QtWidgets import QApplication

    from optlab_gui.ui.error_dialog import ErrorDialog

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, ErrorDialog):
            widget.close()
    context.errors.uninstall()
    context.languages.set_language("en")
    for service in (context.errors, context.themes, context.languages):
        service.deleteLater()


@pytest.fixture
def main_window(app_context, qtbot):
    """A shown main window, closed (panels shut down) after the test."""
    from optlab_gui.app import create_main_window

    window = create_main_window()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
