"""Coalesces redraw requests into at most one redraw per display frame.

Data arrival and drawing are separate: signals from workers and slider storms only store
what arrived and call ``request_redraw``; the clock calls the redraw callback once on its
next tick, however many requests came in between.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Slot

FRAME_INTERVAL_MS = 16


class FrameClock(QObject):
    """Calls ``redraw`` on the next frame after a request, never more often than once a frame."""

    def __init__(
        self,
        redraw: Callable[[], None],
        parent: QObject | None = None,
        interval_ms: int = FRAME_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self._redraw = redraw
        self._pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self.redraw_count = 0

    def request_redraw(self) -> None:
        """Ask for a redraw on the next frame (cheap; call it as often as data arrives)."""
        self._pending = True
        if not self._timer.isActive():
            self._timer.start()

    def flush(self) -> None:
        """Redraw now if a request is pending (e.g. before a screenshot or an export)."""
        if self._pending:
            self._timer.stop()
            self._tick()

    def stop(self) -> None:
        """Drop any pending request and stop the timer (panel hidden or closing)."""
        self._pending = False
        self._timer.stop()

    @Slot()
    def _tick(self) -> None:
        if not self._pending:
            return
        self._pending = False
        self.redraw_count += 1
        self._redraw()
