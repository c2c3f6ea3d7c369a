"""Coalesces redraw requests into at most one redraw per display frame.

Data arrival and drawing are separate: signals from workers and slider storms only store
what arrived and call ``request_redraw``; the clock calls the redraw callback once on its
next tick, however many requests came in between. Ticks are paced from the start of one
redraw to the start of the next, so a redraw that takes most of a frame does not also wait a
whole frame after it (the frame rate would drop to half for a frame costing 16 ms).
"""

from __future__ import annotations

import time
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
        self._interval = interval_ms / 1000.0
        self._last_redraw = -float("inf")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self.redraw_count = 0

    def request_redraw(self) -> None:
        """Ask for a redraw on the next frame (cheap; call it as often as data arrives): one
        frame interval after the last redraw started, at the earliest on the next turn of the
        event loop."""
        self._pending = True
        if not self._timer.isActive():
            due = self._last_redraw + self._interval - time.monotonic()
            self._timer.start(round(max(0.0, due) * 1000))

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
        self._last_redraw = time.monotonic()
        self.redraw_count += 1
        self._redraw()
