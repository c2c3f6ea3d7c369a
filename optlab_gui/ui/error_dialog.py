"""Uncaught errors become a dialog and a log entry; the app keeps running.

Errors from any thread reach the GUI thread through a queued signal, so a failing worker
never touches a widget. While a dialog is open, further errors are appended to it instead
of stacking windows in front of the class.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

log = logging.getLogger(__name__)


class ErrorDialog(QDialog):
    """Shows what went wrong, the traceback, and a button that copies both."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorDialog")
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.resize(640, 420)
        self._summary = QLabel()
        self._summary.setWordWrap(True)
        self._summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._hint = QLabel()
        self._hint.setWordWrap(True)
        self._details = QPlainTextEdit()
        self._details.setReadOnly(True)
        self._details.setObjectName("errorDetails")
        self._buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self._copy = QPushButton()
        self._copy.setObjectName("copyDetailsButton")
        self._buttons.addButton(self._copy, QDialogButtonBox.ButtonRole.ActionRole)
        self._copy.clicked.connect(self.copy_details)
        self._buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._summary)
        layout.addWidget(self._hint)
        layout.addWidget(self._details, 1)
        layout.addWidget(self._buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every visible string in the current language."""
        self.setWindowTitle(self.tr("OptLab: something went wrong"))
        self._hint.setText(
            self.tr(
                "OptLab keeps running. The details below were also written to the log file; "
                "please attach them when you report the problem."
            )
        )
        self._copy.setText(self.tr("Copy details"))

    def add_error(self, summary: str, details: str) -> None:
        """Show ``summary`` and append ``details`` (the traceback) to the text box."""
        self._summary.setText(summary)
        existing = self._details.toPlainText()
        self._details.setPlainText(f"{existing}\n\n{details}" if existing else details)

    def details(self) -> str:
        """All the text a bug report needs."""
        return f"{self._summary.text()}\n\n{self._details.toPlainText()}"

    @Slot()
    def copy_details(self) -> None:
        """Put the summary and traceback on the clipboard."""
        QApplication.clipboard().setText(self.details())


class ErrorReporter(QObject):
    """Catches uncaught exceptions from every thread and shows them in one ErrorDialog."""

    error_reported = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.dialog: ErrorDialog | None = None
        self._previous_excepthook = None
        self._previous_threading_hook = None
        self.error_reported.connect(self._show)

    def install(self) -> None:
        """Route sys.excepthook and threading.excepthook through this reporter (chained)."""
        if self._previous_excepthook is not None:
            return
        self._previous_excepthook = sys.excepthook
        self._previous_threading_hook = threading.excepthook
        sys.excepthook = self._excepthook
        threading.excepthook = self._threading_hook

    def uninstall(self) -> None:
        """Restore the hooks that were in place before ``install``."""
        if self._previous_excepthook is None:
            return
        sys.excepthook = self._previous_excepthook
        threading.excepthook = self._previous_threading_hook
        self._previous_excepthook = self._previous_threading_hook = None

    def report(self, summary: str, details: str) -> None:
        """Log an error and show it; safe to call from any thread."""
        log.error("%s\n%s", summary, details)
        self.error_reported.emit(summary, details)

    def report_exception(self, error: BaseException) -> None:
        """Log and show an exception caught by the caller (e.g. a worker's run loop)."""
        details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        self.report(f"{type(error).__name__}: {error}", details)

    def _excepthook(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        details = "".join(traceback.format_exception(kind, error, tb))
        self.report(f"{kind.__name__}: {error}", details)
        if self._previous_excepthook not in (None, sys.__excepthook__):
            self._previous_excepthook(kind, error, tb)

    def _threading_hook(self, hook_args: threading.ExceptHookArgs) -> None:
        self._excepthook(hook_args.exc_type, hook_args.exc_value, hook_args.exc_traceback)

    @Slot(str, str)
    def _show(self, summary: str, details: str) -> None:
        if self.dialog is None or not self.dialog.isVisible():
            self.dialog = ErrorDialog(QApplication.activeWindow())
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog.destroyed.connect(self._forget_dialog)
            self.dialog.add_error(summary, details)
            self.dialog.open()
        else:
            self.dialog.add_error(summary, details)

    @Slot()
    def _forget_dialog(self) -> None:
        self.dialog = None
