"""The vanishing gradient through depth: (max |f′|)^L against L on a log scale.

Sigmoid's 0.25^L falls by six orders of magnitude in 10 layers while ReLU's stays at 1;
a dashed line marks 1 (the gradient kept) and a vertical line the chosen depth L.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QVBoxLayout, QWidget

from optlab_gui.ui.panels.activations.fast_plots import cache_axes
from optlab_gui.ui.theme import Theme, qcolor
from optlab_gui.ui.widgets.plots import (
    make_plot_widget,
    series_pen,
    set_axis_label,
    set_plot_title,
    style_plot,
)


class DepthView(QWidget):
    """One log-scale plot: a curve per shown activation, the chosen depth, the level 1."""

    def __init__(self, names: Sequence[str], max_depth: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("depthView")
        self.plot_widget = make_plot_widget("depthPlot")
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setLogMode(x=False, y=True)
        self.plot.getViewBox().setMouseEnabled(x=False, y=True)
        self.plot.setXRange(1, max_depth, padding=0.02)
        cache_axes(self.plot)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        self._names = list(names)
        self.curves = {name: pg.PlotDataItem() for name in names}
        for curve in self.curves.values():
            curve.setVisible(False)
            self.plot.addItem(curve)
        # One scatter item for the dots at depth L: a single update per redraw.
        self.markers = pg.ScatterPlotItem()
        self.markers.setZValue(10)
        self.plot.addItem(self.markers)
        # In log mode item positions are log10 of the value: 0 is the level 1.
        self.unity_line = pg.InfiniteLine(pos=0.0, angle=0)
        self.depth_line = pg.InfiniteLine(pos=1.0, angle=90)
        for line in (self.unity_line, self.depth_line):
            self.plot.addItem(line, ignoreBounds=True)
        self._colours: dict[str, str] = {}
        self._theme: Theme | None = None
        self._marks: dict[str, float] = {}
        self._brushes: dict[str, QBrush] = {}

    def set_shown(self, names: Sequence[str]) -> None:
        """Show the curves of ``names`` only."""
        for name, curve in self.curves.items():
            curve.setVisible(name in names)

    def set_curve(self, name: str, depths: np.ndarray, factors: np.ndarray) -> None:
        """(max |f′|)^L of activation ``name`` over ``depths``.

        Zero factors (a Maxout with both slopes 0) have no logarithm and are left out.
        """
        curve = self.curves[name]
        previous = curve.getOriginalDataset()[1]
        positive = factors > 0
        if previous is not None and np.array_equal(previous, factors[positive]):
            return  # e.g. Leaky ReLU's α below 1 leaves max |f′| = 1: nothing to repaint
        curve.setData(depths[positive], factors[positive])

    def set_depth(self, depth: int, factors: Mapping[str, float]) -> None:
        """Mark depth L with a vertical line and a dot on each curve at (L, factor)."""
        marks = {name: factor for name, factor in factors.items() if factor > 0}
        if (depth, marks) == (self.depth_line.value(), self._marks):
            return
        self.depth_line.setValue(depth)
        self._marks = marks
        self._draw_marks(depth)
        self.plot.enableAutoRange(axis="y")

    def _draw_marks(self, depth: float) -> None:
        names = [name for name in self._marks if name in self._brushes]
        # The same brush objects every time: the scatter item caches its symbols by brush.
        brushes = [self._brushes[name] for name in names]
        self.markers.setData(
            x=[depth] * len(names),
            y=[float(np.log10(self._marks[name])) for name in names],
            brush=brushes,
        )

    def retranslate(self, title: str, x_label: str, y_label: str) -> None:
        """Title and axis titles in the current language."""
        if self._theme is None:
            return
        set_plot_title(self.plot, title, self._theme)
        set_axis_label(self.plot, "bottom", x_label, self._theme)
        set_axis_label(self.plot, "left", y_label, self._theme)

    def apply_theme(self, theme: Theme, colours: Mapping[str, str]) -> None:
        """Pens and fonts in the theme's colours and presentation scale."""
        self._theme = theme
        self._colours = dict(colours)
        style_plot(self.plot_widget, theme)
        for name in self._names:
            self.curves[name].setPen(series_pen(theme, color=colours[name]))
        self._brushes = {name: pg.mkBrush(qcolor(colours[name])) for name in self._names}
        self.markers.setSymbol("o")
        self.markers.setSize(theme.point_size * 0.9)
        self.markers.setPen(pg.mkPen(qcolor(theme.plot_background), width=theme.scale))
        self._draw_marks(self.depth_line.value())
        self.unity_line.setPen(
            series_pen(theme, color=theme.muted, width_factor=0.6, style=Qt.PenStyle.DashLine)
        )
        self.depth_line.setPen(
            series_pen(theme, color=theme.foreground, width_factor=0.5, style=Qt.PenStyle.DotLine)
        )
