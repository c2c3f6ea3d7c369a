"""An uncaught error shows a dialog with the traceback and a copy button; the app goes on."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from optlab_gui.ui.error_dialog import ErrorReporter


def test_reported_error_opens_one_dialog_and_copies_details(app_context, qtbot):
    reporter = app_context.errors
    try:
        raise ZeroDivisionError("division by zero in a slot")
    except ZeroDivisionError as error:
        reporter.report_exception(error)
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible())
    dialog = reporter.dialog
    assert "ZeroDivisionError" in dialog.details()
    assert "Traceback" in dialog.details()
    reporter.report("Second problem", "details two")
    assert reporter.dialog is dialog  # appended, not a second window
    dialog.findChild(QPushButton, "copyDetailsButton").click()
    assert "details two" in QApplication.clipboard().text()
    dialog.close()


# pytest-qt's own hook would (rightly) fail the test on the uncaught error we provoke here.
@pytest.mark.qt_no_exception_capture
def test_exception_in_a_plain_thread_reaches_the_dialog(app_context, qtbot):
    reporter = ErrorReporter()
    reporter.install()
    try:
        with qtbot.waitSignal(reporter.error_reported, timeout=5000) as blocker:
            worker = threading.Thread(target=lambda: 1 / 0)
            worker.start()
            worker.join()
        assert blocker.args[0].startswith("ZeroDivisionError")
        qtbot.waitUntil(lambda: reporter.dialog is not None)
        reporter.dialog.close()
    finally:
        reporter.uninstall()
        reporter.deleteLater()


def test_error_is_written_to_the_log_file(app_context, qtbot):
    from optlab_gui.ui.app_logging import log_file_path

    app_context.errors.report("Logged problem", "a traceback")
    qtbot.waitUntil(lambda: app_context.errors.dialog is not None)
    app_context.errors.dialog.close()
    for handler in __import__("logging").getLogger("optlab_gui").handlers:
        handler.flush()
    assert "Logged problem" in log_file_path().read_text(encoding="utf-8")
