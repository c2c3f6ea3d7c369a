"""Benchmark of the BatchNorm panel's recompute: depth 20, width 256, batch 512, both columns.

Prints clear lines and, last, one JSON line. Measured in one run of the real panel
(offscreen), best and median of interleaved repetitions:

* probe pair: the core's probe of both columns (without and with BatchNorm), full and the
  forward-only preview the panel shows while a slider moves, in this process's main thread;
* redraw and paint: the GUI thread's cost of giving one pair to the plots (heat maps, layer
  detail, summaries) and of then painting the whole window (``QWidget.grab``);
* update: from a control change to the full pair drawn, through the panel's probe thread and
  event loop, with the longest gap between two 10 ms timer ticks of the GUI thread meanwhile
  (how long the window was unresponsive: a frozen window would show the whole update);
* floor: the matrix products alone that a full pair needs (per column 20 forward, 20 weight
  gradients and 19 input gradients, float32), on two threads as the pair runs them. No
  update can take less: it is the arithmetic the gradient norms require.

The goal is an update under 50 ms; ratios are against that goal and against a 60 Hz frame.
BLAS threads matter on this 2-core machine: the script runs itself a second time with
OpenBLAS on one thread (``OPENBLAS_NUM_THREADS=1``) and prints both, same run, same load.
Run: ``.venv/bin/python benchmarks/batchnorm_recompute.py``.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

DEPTH, WIDTH, BATCH = 20, 256, 512
REPEATS = 7
GOAL_SECONDS = 0.050
FRAME_SECONDS = 1 / 60
TICK_MS = 10
CHILD_FLAG = "--measure"


def summary(samples: list[float]) -> dict[str, float]:
    """Best and median of a list of seconds, in milliseconds."""
    return {"best_ms": min(samples) * 1e3, "median_ms": statistics.median(samples) * 1e3}


def products_alone(depth: int, width: int, batch: int) -> float:
    """Seconds for the full pair's matrix products alone: each column's 3·depth − 1 float32
    products on its own thread, as :func:`probe_pair` runs the columns."""
    import threading

    import numpy as np

    rng = np.random.default_rng(0)
    activations = rng.standard_normal((batch, width), dtype=np.float32)
    weights = rng.standard_normal((width, width), dtype=np.float32)

    def column() -> None:
        for _ in range(depth):
            activations @ weights  # forward
            activations.T @ activations  # weight gradient: (width x batch) @ (batch x width)
        for _ in range(depth - 1):
            activations @ weights.T  # input gradient

    other = threading.Thread(target=column)
    started = time.perf_counter()
    other.start()
    column()
    other.join()
    return time.perf_counter() - started


def measure() -> dict[str, object]:
    """Time the probe pair, the redraw and the live update in the real panel."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from optlab_gui.app import create_application, create_main_window
    from optlab_gui.ui.panels.batchnorm.probe_job import probe_pair

    app = create_application([], language="en")
    window = create_main_window()
    window.persist_settings = False
    window.resize(1600, 900)
    panel = window.show_panel("batchnorm")
    window.show()

    def wait_until_up_to_date() -> float:
        """Run the event loop until the panel shows the full pair of its controls; returns
        the longest gap between two GUI timer ticks meanwhile (seconds)."""
        gaps = [0.0]
        clock = QElapsedTimer()
        clock.start()

        def tick() -> None:
            gaps.append(clock.restart() / 1e3)
            if panel.is_up_to_date():
                loop.quit()

        loop = QEventLoop()
        timer = QTimer()
        timer.timeout.connect(tick)
        timer.start(TICK_MS)
        loop.exec()
        timer.stop()
        return max(gaps)

    controls = panel.network_controls
    controls.depth.set_value(DEPTH)
    controls.width.set_value(WIDTH)
    controls.batch.set_value(BATCH)
    wait_until_up_to_date()

    full, preview, redraw, paint, update, stall, floor = [], [], [], [], [], [], []
    for repeat in range(REPEATS):
        floor.append(products_alone(DEPTH, WIDTH, BATCH))
        request = panel.probe_request()
        started = time.perf_counter()
        probe_pair(request, gradients=True)
        full.append(time.perf_counter() - started)
        started = time.perf_counter()
        probe_pair(request, gradients=False)
        preview.append(time.perf_counter() - started)
        started = time.perf_counter()
        panel._redraw()
        redraw.append(time.perf_counter() - started)
        started = time.perf_counter()
        window.grab()
        paint.append(time.perf_counter() - started)
        started = time.perf_counter()
        controls.set_seed(1000 + repeat)  # a new network: nothing cached
        stall.append(wait_until_up_to_date())
        update.append(time.perf_counter() - started)
    panel.shutdown()
    window.close()
    app.processEvents()
    return {
        "blas_threads": os.environ.get("OPENBLAS_NUM_THREADS", "default"),
        "probe_pair_full": summary(full),
        "probe_pair_preview": summary(preview),
        "redraw": summary(redraw),
        "paint": summary(paint),
        "update": summary(update),
        "longest_gui_gap": summary(stall),
        "products_alone": summary(floor),
    }


def report(result: dict[str, object]) -> None:
    """Print one configuration's figures as readable lines."""
    threads = result["blas_threads"]
    print(f"BLAS threads: {threads}")
    for key, label in (
        ("probe_pair_full", "probe, both columns, full"),
        ("probe_pair_preview", "probe, both columns, preview"),
        ("redraw", "redraw on the GUI thread"),
        ("paint", "painting the whole window"),
        ("update", "control change -> full pair drawn"),
        ("longest_gui_gap", "longest GUI gap during an update"),
        ("products_alone", "floor: the pair's matrix products"),
    ):
        best, median = result[key]["best_ms"], result[key]["median_ms"]
        print(
            f"  {label:36s} best {best:7.1f} ms  median {median:7.1f} ms"
            f"  (median / 50 ms goal = {median / 1e3 / GOAL_SECONDS:5.2f},"
            f" / frame = {median / 1e3 / FRAME_SECONDS:5.2f})"
        )


def main() -> int:
    """Measure with the default BLAS threads here and with one BLAS thread in a child."""
    if CHILD_FLAG in sys.argv:
        print(json.dumps(measure()))
        return 0
    print(f"BatchNorm panel recompute, depth {DEPTH}, width {WIDTH}, batch {BATCH}, both columns")
    results = []
    for threads in (None, "1"):
        environment = dict(os.environ)
        if threads is None:
            environment.pop("OPENBLAS_NUM_THREADS", None)
        else:
            environment["OPENBLAS_NUM_THREADS"] = threads
        completed = subprocess.run(
            [sys.executable, __file__, CHILD_FLAG],
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
        result = json.loads(completed.stdout.strip().splitlines()[-1])
        report(result)
        results.append(result)
    default, single = results
    ratio = single["update"]["median_ms"] / default["update"]["median_ms"]
    print(f"update median, one BLAS thread / default threads = {ratio:.2f}")
    print(json.dumps({"default": default, "one_blas_thread": single}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
