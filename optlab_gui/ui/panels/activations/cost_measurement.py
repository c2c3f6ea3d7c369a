"""Measures every activation's evaluation cost on a worker thread, so the window never waits.

NumPy releases the GIL inside its loops, so timing 1e6-element evaluations here leaves the
GUI thread free; results arrive one activation at a time through a queued signal.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QThread, Signal

from optlab_gui.core.activation_cost import DEFAULT_REPEATS, DEFAULT_SIZE, measure_costs
from optlab_gui.core.activations import ACTIVATIONS

#: How long closing the window may wait for the measurement of one activation to end.
STOP_DEADLINE_MS = 3000


class CostMeasurement(QThread):
    """Times ``activation.value`` on ``size`` elements for every registry entry, once.

    The thread belongs to the application, not to the panel: a QThread destroyed while it
    runs aborts the process, and a panel may be deleted before the measurement ends. The
    panel deletes it (``deleteLater``) once it has finished.
    """

    #: (activation name, nanoseconds per element), emitted from the worker thread.
    measured = Signal(str, float)

    def __init__(self, size: int = DEFAULT_SIZE, repeats: int = DEFAULT_REPEATS) -> None:
        super().__init__(QCoreApplication.instance())
        self.setObjectName("activationCostMeasurement")
        self._size = size
        self._repeats = repeats

    def run(self) -> None:
        """Measure each activation in turn; stop between two when interruption is requested."""
        for name, cost in measure_costs(
            ACTIVATIONS.values(), self._size, self._repeats, self.isInterruptionRequested
        ):
            self.measured.emit(name, cost)

    def stop(self) -> None:
        """Ask the thread to stop after the current activation and wait for it (bounded)."""
        self.requestInterruption()
        self.quit()
        self.wait(STOP_DEADLINE_MS)
