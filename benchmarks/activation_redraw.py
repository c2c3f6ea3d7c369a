"""Redraw cost of the activations panel per parameter-slider step, measured in one run.

    python benchmarks/activation_redraw.py [--steps 200] [--size 1600x900] [--presentation]

Shows the panel offscreen, waits for the cost measurement to end, selects Leaky ReLU and
moves its α slider one step at a time. Each step is timed in three parts: the slider's own
handling (the spin box follows, the panel stores α and asks for a frame), the redraw the
FrameClock runs (core evaluation of the changed curve, marks, depth plot, network, readouts)
and the paint that follows (the event loop repaints every widget the redraw changed), with
all 12 activations shown and with Leaky ReLU alone. As a yardstick measured in the same run
(this machine is shared, absolute times vary by 2-3x between runs) it times bare pyqtgraph:
two plot widgets of the same size with 12 default-styled 800-point curves each, repainted
after one curve changes. Prints medians, 95th percentiles and ratios as JSON. Goal: all
activations shown, slider + redraw + paint under 8 ms per step. A final "storm" of 30 slider steps
inside one frame shows how many redraws they cost.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

GOAL_MS = 8.0
FRAME_MS = 1000.0 / 60.0
WAIT_DEADLINE_S = 30.0
STORM_STEPS = 30


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_steps(app, panel, steps: int) -> dict[str, float]:
    """Move Leaky ReLU's α slider ``steps`` times; time the slider's handling, the redraw
    and the repaint of each step."""
    slider = panel.parameter_control("alpha").slider()
    clock = panel.frame_clock()
    input_ms, redraw_ms, paint_ms = [], [], []
    for step in range(steps):
        start = time.perf_counter()
        slider.setValue(100 + (step * 7) % 800)
        moved = time.perf_counter()
        clock.flush()
        redrawn = time.perf_counter()
        app.processEvents()  # paints every widget the redraw changed, as the next frame would
        end = time.perf_counter()
        input_ms.append((moved - start) * 1000)
        redraw_ms.append((redrawn - moved) * 1000)
        paint_ms.append((end - redrawn) * 1000)
    total_ms = [i + r + p for i, r, p in zip(input_ms, redraw_ms, paint_ms, strict=True)]
    return {
        "slider_median_ms": round(statistics.median(input_ms), 2),
        "redraw_median_ms": round(statistics.median(redraw_ms), 2),
        "paint_median_ms": round(statistics.median(paint_ms), 2),
        "step_median_ms": round(statistics.median(total_ms), 2),
        "step_p95_ms": round(percentile(total_ms, 0.95), 2),
    }


def time_bare_pyqtgraph(app, sizes, pen_width: float, steps: int) -> float:
    """Median ms to repaint two bare PlotWidgets of ``sizes`` with 12 curves each (800
    points, antialiased, ``pen_width`` px) after one curve's data changed."""
    import numpy as np
    import pyqtgraph as pg

    x = np.linspace(-5.0, 5.0, 800)
    widgets, moving = [], None
    for size in sizes:
        widget = pg.PlotWidget()
        widget.resize(size)
        widget.showGrid(x=True, y=True)
        curves = [
            widget.plot(x, np.tanh(x * (index + 1) / 6), pen=pg.mkPen(index, width=pen_width))
            for index in range(12)
        ]
        widget.getPlotItem().getViewBox().disableAutoRange()
        widget.setRange(xRange=(-5, 5), yRange=(-1.2, 1.2))
        widget.show()
        widgets.append(widget)
        moving = moving or curves[0]
    app.processEvents()
    paint_ms = []
    for step in range(steps):
        moving.setData(x, np.tanh(x * (1 + step / steps)))
        start = time.perf_counter()
        for widget in widgets:
            widget.viewport().repaint()
        paint_ms.append((time.perf_counter() - start) * 1000)
    for widget in widgets:
        widget.close()
    return statistics.median(paint_ms)


def main() -> int:
    """Measure and print the per-step redraw cost as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=200)
    parser.add_argument("--size", default="1600x900")
    parser.add_argument("--presentation", action="store_true")
    args = parser.parse_args()
    width, height = (int(part) for part in args.size.split("x"))

    from optlab_gui.app import create_application, create_main_window
    from optlab_gui.core.activations import ACTIVATIONS

    app = create_application([], language="en")
    window = create_main_window("activations")
    window.persist_settings = False
    window.resize(width, height)
    if args.presentation:
        window.set_presentation(True)
    window.show()
    panel = window.current_panel()
    deadline = time.monotonic() + WAIT_DEADLINE_S
    while not panel.ready_for_screenshot() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    panel.select("leaky_relu")

    results: dict[str, object] = {"size": args.size, "presentation": args.presentation}
    panel.set_shown(list(ACTIVATIONS))
    app.processEvents()
    time_steps(app, panel, 10)  # warm-up: caches, first paints
    results["all_12_shown"] = time_steps(app, panel, args.steps)
    panel.set_shown(["leaky_relu"])
    app.processEvents()
    time_steps(app, panel, 10)
    results["leaky_relu_alone"] = time_steps(app, panel, args.steps)

    curves = panel.curves_view()
    sizes = [curves.function_widget.size(), curves.derivative_widget.size()]
    bare = time_bare_pyqtgraph(app, sizes, panel.theme.pen_width, args.steps)
    results["bare_pyqtgraph_24_curves_paint_median_ms"] = round(bare, 2)

    all_shown = results["all_12_shown"]["step_median_ms"]
    alone = results["leaky_relu_alone"]["step_median_ms"]
    results["ratio_all_to_bare_pyqtgraph"] = round(all_shown / bare, 2)
    results["ratio_all_to_one"] = round(all_shown / alone, 2)
    results["ratio_to_goal_8ms"] = round(all_shown / GOAL_MS, 2)
    results["ratio_to_60hz_frame"] = round(all_shown / FRAME_MS, 2)

    panel.set_shown(list(ACTIVATIONS))
    clock = panel.frame_clock()
    clock.flush()
    before = clock.redraw_count
    slider = panel.parameter_control("alpha").slider()
    for step in range(STORM_STEPS):
        slider.setValue(200 + step)
    clock.flush()
    results["storm_steps"] = STORM_STEPS
    results["storm_redraws"] = clock.redraw_count - before

    print(json.dumps(results, indent=2))
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
