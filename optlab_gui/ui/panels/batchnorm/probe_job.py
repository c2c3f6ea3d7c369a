"""The deep-network probe, recomputed off the GUI thread: the latest request wins.

Dragging a slider sends a request per pixel; the job keeps only the newest one, so however
fast requests come, the thread computes one probe pair at a time and the window never
freezes. A pair that takes longer than a frame (large depth x width x batch) is first
computed without the backward pass (a third of the cost) and shown as a preview; the full
pair follows unless a newer request has arrived in the meantime.

The thread starts with the first request (the panel computes its first probe itself, so
start-up starts no thread). Stopping: :meth:`ProbeJob.shutdown` sets the stop flag, quits
the thread's event loop and waits; a probe cannot be interrupted halfway, so the wait lasts
at most one probe.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from optlab_gui.core.deepnet import ProbeCancelledError, probe
from optlab_gui.ui.panels.batchnorm.controls import NetworkSettings
from optlab_gui.ui.panels.batchnorm.measurements import LayerMeasurements, NetworkPair

log = logging.getLogger(__name__)

#: While requests keep coming (a slider dragged), a full pair expected to take longer than
#: this is preceded by a forward-only preview.
PREVIEW_ABOVE_SECONDS = 0.040
#: Requests closer together than this are a drag. A lone change (a click, a typed value)
#: goes straight to the full pair: its preview only delayed the answer (255 against ~150 ms
#: from a click to the full pair drawn, measured at depth 20, width 256, batch 512).
DRAG_GAP_SECONDS = 0.25
#: Pairs of more work (depth x width² x batch) than this compute their columns on two
#: threads. Measured at depth 20, the pair on two threads against in turn: width = batch = 64
#: (5·10⁶) 7.5 against 4.4 ms, 128 (4·10⁷) 11.8 against 13.5 ms, 256 (batch 256) 40 against
#: 71 ms.
PARALLEL_ABOVE_WORK = 2**24
#: How long shutdown waits before it says so in the log (it then waits for the probe).
SHUTDOWN_DEADLINE_MS = 2000


@dataclass(frozen=True, eq=False)
class ProbeRequest:
    """One configuration of the panel's networks (both columns are probed with it) and the
    bin edges their histograms share."""

    network: NetworkSettings
    bin_edges: np.ndarray

    @property
    def work(self) -> float:
        """Proportional to the probe's cost (its matrix products), to scale timings by."""
        network = self.network
        return float(network.depth) * network.width * network.width * network.batch


def probe_pair(
    request: ProbeRequest, gradients: bool = True, should_stop: Callable[[], bool] | None = None
) -> NetworkPair:
    """Probe the same weights and inputs without and with BatchNorm on shared bin edges.

    The two columns are independent: a large pair is computed on two threads at once (NumPy
    releases the GIL in its matrix products; on two cores 74 ms against 137 ms one column
    after the other at depth 20, width 256, batch 512). A small pair is computed in turn: its
    many short NumPy calls hold the GIL, so a second thread only adds its start-up. Raises
    :class:`ProbeCancelledError` when ``should_stop`` answers True between two layers."""

    def column(batch_norm: bool):
        network = request.network
        return probe(network.depth, network.width, network.batch, network.activation,
                     network.init, network.weight_std, batch_norm, network.seed,
                     request.bin_edges, gradients, should_stop=should_stop)  # fmt: skip

    if request.work < PARALLEL_ABOVE_WORK:
        plain, normed = column(False), column(True)
    else:
        from concurrent.futures import ThreadPoolExecutor  # not needed by the first frame

        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="probe-batchnorm") as other:
            with_batchnorm = other.submit(column, True)
            plain = column(False)
            normed = with_batchnorm.result()
    return NetworkPair(
        plain=LayerMeasurements.from_probe(plain),
        batchnorm=LayerMeasurements.from_probe(normed),
        bin_edges=request.bin_edges,
        activation=request.network.activation,
        gradients_known=gradients,
    )


class ProbeWorker(QObject):
    """Lives in the job's thread: computes the newest request until none is left.
    ``clock`` (seconds) tells drags from lone changes; tests pass their own."""

    pair_ready = Signal(object, object)  # (ProbeRequest, NetworkPair)
    failed = Signal(object)  # the exception

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self._clock = clock
        self._lock = threading.Lock()
        self._latest: ProbeRequest | None = None
        self._stop = threading.Event()
        self._seconds_per_work: float | None = None
        self._offered_at = -math.inf
        self._dragging = False

    def offer(self, request: ProbeRequest) -> None:
        """Make ``request`` the next one computed, replacing any older one not yet started
        (thread-safe)."""
        now = self._clock()
        with self._lock:
            self._latest = request
            self._dragging = now - self._offered_at < DRAG_GAP_SECONDS
            self._offered_at = now

    def request_stop(self) -> None:
        """Ask :meth:`compute_pending` to return after the probe in progress."""
        self._stop.set()

    def _take(self) -> tuple[ProbeRequest | None, bool]:
        with self._lock:
            request, self._latest = self._latest, None
            return request, self._dragging

    def _newer_waiting(self) -> bool:
        with self._lock:
            return self._latest is not None

    def _stopping(self) -> bool:
        return self._stop.is_set()

    def _superseded(self) -> bool:
        return self._stop.is_set() or self._newer_waiting()

    @Slot()
    def compute_pending(self) -> None:
        """Compute the newest request (during a drag, a preview first if it is slow) until
        none is waiting.

        A full pair is abandoned between two layers as soon as a newer request arrives, so a
        dragged slider is followed by previews, and the full pair of where it stops; a
        preview is abandoned only when the job stops (else a fast drag would show nothing)."""
        while not self._stop.is_set():
            request, dragging = self._take()
            if request is None:
                return
            try:
                expected = (self._seconds_per_work or 0.0) * request.work
                if dragging and expected > PREVIEW_ABOVE_SECONDS:
                    preview = probe_pair(request, gradients=False, should_stop=self._stopping)
                    self.pair_ready.emit(request, preview)
                    if self._superseded():
                        continue
                started = time.perf_counter()
                pair = probe_pair(request, gradients=True, should_stop=self._superseded)
                self._seconds_per_work = (time.perf_counter() - started) / request.work
                self.pair_ready.emit(request, pair)
            except ProbeCancelledError:
                continue  # the job stops, or a newer request replaces this one
            except Exception as error:  # shown by the panel; the thread keeps serving
                self.failed.emit(error)


class ProbeJob(QObject):
    """The panel's handle on the probe thread: :meth:`submit` requests, ``pair_ready``
    answers (in the GUI thread, newest request's pair last), :meth:`shutdown` on close."""

    pair_ready = Signal(object, object)  # (ProbeRequest, NetworkPair)
    failed = Signal(object)
    _wake = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stopped = False
        self._thread = QThread()
        self._thread.setObjectName("batchNormProbeThread")
        self._worker = ProbeWorker()
        self._worker.moveToThread(self._thread)
        self._wake.connect(self._worker.compute_pending)
        self._worker.pair_ready.connect(self._forward_pair)
        self._worker.failed.connect(self._forward_failure)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def submit(self, request: ProbeRequest) -> None:
        """Ask for ``request`` to be computed; it replaces any request not yet started."""
        if self._stopped:
            return
        if not self._thread.isRunning():
            self._thread.start()
        self._worker.offer(request)
        self._wake.emit()

    def is_stopped(self) -> bool:
        """True after :meth:`shutdown`."""
        return self._stopped

    @Slot()
    def shutdown(self) -> None:
        """Stop the thread: flag, quit, wait (at most one probe in progress). Idempotent."""
        if self._stopped:
            return
        self._stopped = True
        self._worker.request_stop()
        self._thread.quit()
        if not self._thread.wait(SHUTDOWN_DEADLINE_MS):
            log.warning("the probe thread is still computing; waiting for it to finish")
            self._thread.wait()

    @Slot(object, object)
    def _forward_pair(self, request: ProbeRequest, pair: NetworkPair) -> None:
        if not self._stopped:
            self.pair_ready.emit(request, pair)

    @Slot(object)
    def _forward_failure(self, error: Exception) -> None:
        if not self._stopped:
            self.failed.emit(error)
