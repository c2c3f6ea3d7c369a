"""Tests that leave workers behind on purpose, run by test_leak_fixture.py in an inner pytest.

Not collected by the normal run (the name does not start with ``test_``). Each ``test_leaks_*``
must be failed (at teardown) by tests/conftest.py's leak check; the others must pass. The
clean test runs first, before anything leaks; the last one releases every leaked worker so the
inner run exits cleanly.
"""

from __future__ import annotations

import multiprocessing
import threading
import time

from PySide6.QtCore import QThread

RELEASE = threading.Event()
#: The leaked workers, kept alive (a running QThread must not be garbage-collected).
LEAKED: list[object] = []


class WaitingThread(QThread):
    """A QThread that runs until ``release`` is set (at most 10 s)."""

    def __init__(self, release: threading.Event = RELEASE) -> None:
        super().__init__()
        self.release = release

    def run(self) -> None:
        """Wait for the release."""
        self.release.wait(10)


def test_stops_its_thread_in_time(qtbot):
    thread = WaitingThread(threading.Event())
    thread.start()
    thread.release.set()
    thread.wait()


def test_leaks_a_qthread(qtbot):
    thread = WaitingThread()
    LEAKED.append(thread)
    thread.start()


def test_leaks_a_qthread_without_asking_for_qtbot():
    thread = WaitingThread()
    LEAKED.append(thread)
    thread.start()


def test_leaks_an_optlab_timer(qapp):
    from optlab_gui.ui.frame_clock import FrameClock

    def redraw_forever():
        clock.request_redraw()

    clock = FrameClock(redraw_forever)
    LEAKED.append(clock)
    clock.request_redraw()


def test_leaks_a_child_process(qapp):
    process = multiprocessing.get_context("spawn").Process(target=time.sleep, args=(10,))
    LEAKED.append(process)
    process.start()


def test_leaks_a_python_thread(qapp):
    thread = threading.Thread(target=RELEASE.wait, args=(10,), name="leaked-python-thread")
    LEAKED.append(thread)
    thread.start()


def test_zz_release_everything(qapp):
    RELEASE.set()
    for worker in LEAKED:
        if isinstance(worker, QThread):
            worker.wait()
        elif isinstance(worker, threading.Thread):
            worker.join()
        elif isinstance(worker, multiprocessing.process.BaseProcess):
            worker.terminate()
            worker.join()
        else:
            worker.stop()
