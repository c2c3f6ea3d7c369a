"""What keeps a frame of the live race cheap: one redraw per frame however many requests,
static layers never rebuilt while the race runs, and moving items bounded by the view (no
per-frame bounds computation from their data)."""

from __future__ import annotations

import pyqtgraph as pg

from optlab_gui.ui.frame_clock import FrameClock
from optlab_gui.ui.panels.training.view_bounded import ViewBoundedCurve, ViewBoundedScatter

TIMEOUT_MS = 20_000  # the first update includes starting the compute process


def test_frame_clock_coalesces_requests_into_one_redraw(qtbot):
    redraws = []
    clock = FrameClock(lambda: redraws.append(clock.redraw_count))
    for _ in range(50):
        clock.request_redraw()
    qtbot.waitUntil(lambda: len(redraws) == 1)
    clock.request_redraw()
    clock.request_redraw()
    clock.flush()  # e.g. before a screenshot: at once, and only once
    assert len(redraws) == 2
    clock.stop()


def test_view_bounded_items_are_bounded_by_the_visible_range(qtbot):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    plot = widget.getPlotItem()
    plot.setXRange(-2.0, 3.0, padding=0.0)
    plot.setYRange(-1.0, 4.0, padding=0.0)
    curve = ViewBoundedCurve()
    points = ViewBoundedScatter()
    plot.addItem(curve)
    plot.addItem(points)
    curve.setData([0.0, 100.0], [0.0, -50.0])  # far outside: clipped by the view box
    points.setData([1.0], [1.0])
    assert curve.boundingRect() == plot.vb.viewRect()
    assert points.boundingRect() == plot.vb.viewRect()
    plot.setXRange(0.0, 10.0, padding=0.0)
    assert curve.boundingRect() == plot.vb.viewRect()
    # Autorange still sees the data, not the view.
    assert curve.dataBounds(0) == (0.0, 100.0)


def test_static_layers_are_not_rebuilt_while_the_race_runs(main_window, qtbot, monkeypatch):
    mode = main_window.show_panel("training").current_mode()
    qtbot.waitUntil(mode.has_data, timeout=TIMEOUT_MS)
    view = mode.surface_view
    rebuilt = []
    monkeypatch.setattr(view._image, "setImage", lambda *a, **k: rebuilt.append("image"))
    monkeypatch.setattr(view._contours, "setData", lambda *a, **k: rebuilt.append("contours"))
    monkeypatch.setattr(view._minima, "setData", lambda *a, **k: rebuilt.append("minima"))
    frames = mode.frame_clock.redraw_count
    mode.start_pause()
    qtbot.waitUntil(lambda: mode.frame_clock.redraw_count >= frames + 5, timeout=TIMEOUT_MS)
    mode.pause()
    qtbot.waitUntil(lambda: not mode.is_running() and mode.caught_up(), timeout=TIMEOUT_MS)
    assert rebuilt == []
    assert all(isinstance(path, ViewBoundedCurve) for path in view._paths)
    shown = [path for path in view._paths if path.isVisible()]
    assert shown and all(path.boundingRect() == view.plot.vb.viewRect() for path in shown)
