"""f(x) above f′(x) on one shared x axis, or both overlaid on one plot, with the notes' marks.

Only draws: the panel computes every curve with the core and hands over arrays. Besides the
curves it shows a crosshair, the selected function's saturation regions (shaded), a label
for ReLU's dead region, sigmoid's derivative peak 0.25, and Maxout's two affine pieces.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal, Slot
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QVBoxLayout, QWidget

from optlab_gui.ui.panels.activations.fast_plots import (
    LayerableCurve,
    StaticCurveLayer,
    cache_axes,
    cache_subtree,
)
from optlab_gui.ui.theme import Theme, qcolor
from optlab_gui.ui.widgets.plots import (
    make_plot_widget,
    series_pen,
    set_axis_label,
    style_legend,
    style_plot,
)

#: Samples per curve over the visible x range (recomputed when the view moves or resizes):
#: one per PIXELS_PER_SAMPLE pixels of plot width, within these bounds. Painting cost grows
#: with the points of the 2 × 12 curves; 2 px segments still look perfectly smooth.
MIN_SAMPLES, MAX_SAMPLES = 200, 800
PIXELS_PER_SAMPLE = 2.0
#: Legend rows before it wraps into another column.
LEGEND_ROWS = 6


def true_runs(x: np.ndarray, mask: np.ndarray) -> list[tuple[float, float]]:
    """The x intervals where ``mask`` holds, as (start, end) pairs over the sample grid."""
    if not np.any(mask):
        return []
    edges = np.diff(np.concatenate(([False], mask, [False])).astype(np.int8))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1) - 1
    return [(float(x[start]), float(x[end])) for start, end in zip(starts, ends, strict=True)]


class CurvesView(QWidget):
    """Two x-linked plots (f, f′) or one overlaid plot; one coloured curve per activation."""

    #: The mouse moved over a plot; carries the x under it.
    crosshair_moved = Signal(float)
    #: The visible x range or the plot's width changed: curves must be resampled.
    x_range_changed = Signal()

    def __init__(self, names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("curvesView")
        self.function_widget = make_plot_widget("functionPlot")
        self.derivative_widget = make_plot_widget("derivativePlot")
        self.function_plot = self.function_widget.getPlotItem()
        self.derivative_plot = self.derivative_widget.getPlotItem()
        self.derivative_plot.setXLink(self.function_plot)
        for plot in (self.function_plot, self.derivative_plot):
            plot.getViewBox().disableAutoRange()
            cache_axes(plot)
        self.legend = self.function_plot.addLegend(offset=(8, 8))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.function_widget, 1)
        layout.addWidget(self.derivative_widget, 1)

        self._names = list(names)
        self._colours: dict[str, str] = {}
        self._shown: list[str] = []
        self._titles: dict[str, str] = {name: name for name in names}
        self._overlaid = False
        self._draft = False
        self._theme: Theme | None = None
        self._live: str | None = None
        self._layers = {
            plot: StaticCurveLayer(plot) for plot in (self.function_plot, self.derivative_plot)
        }
        self.function_curves = {name: self._curve(self.function_plot) for name in names}
        self.derivative_curves = {name: self._curve(self.derivative_plot) for name in names}
        self.piece_curves = [self._curve(self.function_plot) for _ in range(2)]
        self._pieces_owner: str | None = None
        self._crosshairs = [pg.InfiniteLine(angle=90) for _ in range(2)]
        for plot, line in zip(
            (self.function_plot, self.derivative_plot), self._crosshairs, strict=True
        ):
            plot.addItem(line, ignoreBounds=True)
        self._regions: dict[pg.PlotItem, list[pg.LinearRegionItem]] = {
            self.function_plot: [],
            self.derivative_plot: [],
        }
        self._region_colour = "#888888"
        self.region_label = pg.TextItem(anchor=(0.5, 0.0))
        self.region_label.setZValue(20)
        # The label ends at the plot's right edge (its right corner anchored there), so large
        # presentation fonts grow it leftwards instead of off the plot.
        self.peak_line = pg.InfiniteLine(
            angle=0, label="", labelOpts={"position": 0.98, "anchors": [(1, 1), (1, 1)]}
        )
        self.peak_point = pg.ScatterPlotItem()
        self._peak: tuple = (None, 0.0, "", "#888888")  # x, y, text, colour
        for item in (self.region_label, self.peak_line, self.peak_point):
            item.setVisible(False)
            self.derivative_plot.addItem(item, ignoreBounds=True)
        # The marks lie under every live curve's repaint: blit them rather than paint them.
        for item in (self.region_label, self.peak_line, self.peak_point, *self._crosshairs):
            cache_subtree(item)

        self.function_widget.scene().sigMouseMoved.connect(self._mouse_over_functions)
        self.derivative_widget.scene().sigMouseMoved.connect(self._mouse_over_derivatives)
        self.function_plot.getViewBox().sigXRangeChanged.connect(self._x_range_moved)
        self.function_plot.getViewBox().sigResized.connect(self._x_range_moved)

    @staticmethod
    def _curve(plot: pg.PlotItem) -> LayerableCurve:
        curve = LayerableCurve(skipFiniteCheck=True)
        curve.setVisible(False)
        plot.addItem(curve)
        return curve

    def set_live(self, name: str | None) -> None:
        """The activation whose curves change while its sliders move: drawn on top, live;
        the other shown curves are painted from a cached layer."""
        self._live = name
        self._refresh_layers()

    def _refresh_layers(self) -> None:
        """Give each plot's static layer the shown, not-live curves that plot holds (Maxout's
        dashed pieces too: they are the dearest curves to paint)."""
        static = [name for name in self._shown if name != self._live]
        function_layer = [self.function_curves[name] for name in static]
        if self._pieces_owner is not None and self._pieces_owner != self._live:
            function_layer += self.piece_curves
        derivative_layer = [self.derivative_curves[name] for name in static]
        if self._overlaid:
            function_layer += derivative_layer
            derivative_layer = []
        self._layers[self.function_plot].set_curves(function_layer)
        self._layers[self.derivative_plot].set_curves(derivative_layer)

    # What is shown ------------------------------------------------------------------

    @property
    def overlaid(self) -> bool:
        """True when f and f′ share one plot (f′ dashed)."""
        return self._overlaid

    def plots(self) -> dict[str, pg.PlotItem]:
        """The visible plots by export name."""
        if self._overlaid:
            return {"functions": self.function_plot}
        return {"functions": self.function_plot, "derivatives": self.derivative_plot}

    def derivative_host(self) -> pg.PlotItem:
        """The plot that holds the f′ curves and their marks."""
        return self.function_plot if self._overlaid else self.derivative_plot

    def set_overlaid(self, overlaid: bool) -> None:
        """Stack f above f′ (False) or draw both on one plot with f′ dashed (True)."""
        if overlaid == self._overlaid:
            return
        source = self.derivative_host()
        self._overlaid = overlaid
        target = self.derivative_host()
        for curve in self.derivative_curves.values():
            source.removeItem(curve)
            target.addItem(curve)
        self._refresh_layers()
        for mark in (self.region_label, self.peak_line, self.peak_point):
            source.removeItem(mark)
            target.addItem(mark, ignoreBounds=True)
        self.derivative_widget.setVisible(not overlaid)
        for region in self._regions[self.derivative_plot]:
            region.setVisible(False)
        if self._theme is not None:
            self.apply_theme(self._theme, self._colours)

    def set_shown(self, names: Sequence[str], titles: Mapping[str, str]) -> None:
        """Show the curves of ``names`` (others hidden) and list them in the legend."""
        self._shown = [name for name in self._names if name in names]
        self._titles = dict(titles)
        for name in self._names:
            visible = name in self._shown
            self.function_curves[name].setVisible(visible)
            self.derivative_curves[name].setVisible(visible)
        self._refresh_layers()
        self._rebuild_legend()

    def _rebuild_legend(self) -> None:
        self.legend.clear()
        self.legend.setColumnCount(max(1, -(-len(self._shown) // LEGEND_ROWS)))
        for name in self._shown:
            self.legend.addItem(self.function_curves[name], self._titles[name])
        if self._theme is not None:
            style_legend(self.legend, self._theme)
        cache_subtree(self.legend)

    def set_curve(self, name: str, x: np.ndarray, value: np.ndarray, derivative: np.ndarray):
        """New samples of f and f′ of activation ``name``."""
        self.function_curves[name].setData(x, value)
        self.derivative_curves[name].setData(x, derivative)
        if name != self._live:
            for layer in self._layers.values():
                layer.update()

    def set_pieces(self, owner: str | None, x: np.ndarray, pieces: Sequence[np.ndarray]) -> None:
        """Draw ``pieces`` (affine parts of ``owner``'s f) faintly; ``owner=None`` hides them."""
        restyle = owner != self._pieces_owner
        self._pieces_owner = owner
        changed = restyle
        for curve, piece in zip(self.piece_curves, pieces, strict=False):
            drawn_x, drawn_y = curve.getData()
            if drawn_y is None or not (
                np.array_equal(drawn_x, x) and np.array_equal(drawn_y, piece)
            ):
                curve.setData(x, piece)
                changed = True
        for index, curve in enumerate(self.piece_curves):
            curve.setVisible(owner is not None and index < len(pieces))
        if restyle and self._theme is not None and owner is not None:
            self._style_pieces(self._theme)
        if restyle:
            self._refresh_layers()
        elif changed and owner != self._live:
            self._layers[self.function_plot].update()

    def set_saturation(self, intervals: Sequence[tuple[float, float]], colour: str, label: str):
        """Shade ``intervals`` of x in both plots and put ``label`` in the widest one."""
        restyle = colour != self._region_colour
        self._region_colour = colour
        plots = (
            [self.function_plot] if self._overlaid else [self.function_plot, self.derivative_plot]
        )
        for plot in (self.function_plot, self.derivative_plot):
            regions = self._regions[plot]
            wanted = len(intervals) if plot in plots else 0
            while len(regions) < wanted:
                region = pg.LinearRegionItem(movable=False)
                region.setZValue(-10)
                cache_subtree(region)
                plot.addItem(region, ignoreBounds=True)
                regions.append(region)
                if self._theme is not None:
                    self._style_region(region, self._theme)
            for index, region in enumerate(regions):
                region.setVisible(index < wanted)
                if index < wanted and region.getRegion() != intervals[index]:
                    region.setRegion(intervals[index])
                if restyle and self._theme is not None:
                    self._style_region(region, self._theme)
        self._place_region_label(intervals, label)

    def _place_region_label(self, intervals: Sequence[tuple[float, float]], label: str) -> None:
        host = self.derivative_host()
        (x_low, x_high), (y_low, y_high) = host.viewRange()
        visible = [
            (max(a, x_low), min(b, x_high)) for a, b in intervals if b > x_low and a < x_high
        ]
        if not label or not visible:
            self.region_label.setVisible(False)
            return
        # The widest region; of near-equal ones (tanh, sigmoid) the leftmost, because the
        # σ′ peak mark writes its label at the right end of the plot.
        widest = max(end - start for start, end in visible)
        start, end = next(iv for iv in sorted(visible) if iv[1] - iv[0] >= 0.9 * widest)
        # Anchor the text on the side of the region that faces the middle of the view, so a
        # region at the edge of the plot keeps its label inside the plot; half-way up, clear
        # of the legend (top left) and of the curves' flat tails (bottom).
        if start <= x_low:
            anchor, x = (0.0, 0.5), start
        elif end >= x_high:
            anchor, x = (1.0, 0.5), end
        else:
            anchor, x = (0.5, 0.5), (start + end) / 2
        self.region_label.setAnchor(anchor)
        self.region_label.setText(label)
        self.region_label.setPos(x, (y_low + y_high) / 2)
        self.region_label.setVisible(True)

    def set_peak_mark(self, x: float | None, y: float, text: str, colour: str) -> None:
        """Mark a derivative maximum (sigmoid's 0.25): a dashed level line and a dot at (x, y).
        ``x=None`` hides the mark."""
        visible = x is not None
        for item in (self.peak_line, self.peak_point):
            item.setVisible(visible)
        if not visible or (x, y, text, colour) == self._peak:
            return
        self._peak = (x, y, text, colour)
        self.peak_line.setValue(y)
        self.peak_line.label.setFormat(text)
        self.peak_point.setData([x], [y])
        if self._theme is not None:
            self._style_peak(self._theme)

    def set_draft(self, draft: bool) -> None:
        """Draw the curves without antialiasing (draft) while a slider or the view is being
        dragged, which makes each frame about a quarter cheaper; False restores full quality."""
        if draft == self._draft:
            return
        self._draft = draft
        for curve in (*self.function_curves.values(), *self.derivative_curves.values()):
            curve.opts["antialias"] = not draft
            curve.update()
        for layer in self._layers.values():
            layer.update()

    @property
    def draft(self) -> bool:
        """True while the curves are drawn in draft quality."""
        return self._draft

    def set_crosshair(self, x: float) -> None:
        """Move the vertical crosshair to ``x`` in both plots."""
        for line in self._crosshairs:
            line.setValue(x)

    # The view -------------------------------------------------------------------------

    def sample_count(self) -> int:
        """How many samples a curve needs for the plot's current width in pixels."""
        width = self.function_plot.getViewBox().width()
        return int(min(MAX_SAMPLES, max(MIN_SAMPLES, round(width / PIXELS_PER_SAMPLE))))

    def visible_x_range(self) -> tuple[float, float]:
        """The x range on screen (what the curves must cover)."""
        low, high = self.function_plot.viewRange()[0]
        return float(low), float(high)

    def set_view(self, x_range, function_range, derivative_range) -> None:
        """Show ``x_range``, and the y ranges of f and of f′ (in overlay: their union)."""
        if self._overlaid:
            function_range = (
                min(function_range[0], derivative_range[0]),
                max(function_range[1], derivative_range[1]),
            )
        self.function_plot.setRange(xRange=x_range, yRange=function_range, padding=0.0)
        self.derivative_plot.setYRange(*derivative_range, padding=0.0)

    def retranslate(self, function_label: str, derivative_label: str, overlay_label: str):
        """Axis titles: f(x) and f′(x) stacked, or one combined title when overlaid."""
        theme = self._theme
        if theme is None:
            return
        set_axis_label(
            self.function_plot, "left", overlay_label if self._overlaid else function_label, theme
        )
        set_axis_label(self.derivative_plot, "left", derivative_label, theme)
        set_axis_label(self.derivative_plot, "bottom", "x", theme)
        set_axis_label(self.function_plot, "bottom", "x" if self._overlaid else "", theme)

    # Looks ----------------------------------------------------------------------------

    def apply_theme(self, theme: Theme, colours: Mapping[str, str]) -> None:
        """Pens, fonts, legend and marks in the theme's colours and presentation scale."""
        self._theme = theme
        self._colours = dict(colours)
        for widget in (self.function_widget, self.derivative_widget):
            style_plot(widget, theme)
        # Stacked plots share the x axis: equal left-axis widths keep their x pixels aligned.
        metrics = QFontMetricsF(theme.font(0.9))
        axis_width = metrics.horizontalAdvance("−0.000") + 2.2 * metrics.height()
        for plot in (self.function_plot, self.derivative_plot):
            plot.getAxis("left").setWidth(round(axis_width))
        dashed = Qt.PenStyle.DashLine if self._overlaid else Qt.PenStyle.SolidLine
        for name in self._names:
            self.function_curves[name].setPen(series_pen(theme, color=colours[name]))
            self.derivative_curves[name].setPen(
                series_pen(theme, color=colours[name], style=dashed)
            )
        crosshair_pen = series_pen(
            theme, color=theme.muted, width_factor=0.5, style=Qt.PenStyle.DotLine
        )
        for line in self._crosshairs:
            line.setPen(crosshair_pen)
        for regions in self._regions.values():
            for region in regions:
                self._style_region(region, theme)
        self.region_label.setColor(qcolor(theme.foreground))
        self.region_label.setFont(theme.font(0.9))
        self.region_label.fill = pg.mkBrush(qcolor(theme.plot_background, 200))
        self.region_label.update()
        self._style_peak(theme)
        self._style_pieces(theme)
        style_legend(self.legend, theme)
        cache_subtree(self.legend)
        self._refresh_layers()

    def _style_region(self, region: pg.LinearRegionItem, theme: Theme) -> None:
        brush = pg.mkBrush(qcolor(self._region_colour, 45 if theme.dark else 35))
        region.setBrush(brush)
        region.setHoverBrush(brush)
        for line in region.lines:
            line.setPen(pg.mkPen(None))
            line.setHoverPen(pg.mkPen(None))

    def _style_peak(self, theme: Theme) -> None:
        colour = self._peak[3]
        pen = series_pen(theme, color=colour, width_factor=0.6, style=Qt.PenStyle.DashLine)
        self.peak_line.setPen(pen)
        self.peak_line.label.setColor(qcolor(colour))
        self.peak_line.label.setFont(theme.font(0.9, bold=True))
        self.peak_line.label.fill = pg.mkBrush(qcolor(theme.plot_background, 200))
        self.peak_point.setSymbol("o")
        self.peak_point.setSize(theme.point_size * 1.1)
        self.peak_point.setBrush(pg.mkBrush(qcolor(colour)))
        self.peak_point.setPen(pg.mkPen(qcolor(theme.plot_background), width=theme.scale))

    def _style_pieces(self, theme: Theme) -> None:
        colour = self._colours.get(self._pieces_owner or "", theme.muted)
        pen = series_pen(
            theme, color=colour, width_factor=0.7, style=Qt.PenStyle.DashLine, alpha=120
        )
        for curve in self.piece_curves:
            curve.setPen(pen)

    # Mouse ----------------------------------------------------------------------------

    def _follow_mouse(self, plot: pg.PlotItem, position: QPointF) -> None:
        view = plot.getViewBox()
        if view.sceneBoundingRect().contains(position):
            self.crosshair_moved.emit(float(view.mapSceneToView(position).x()))

    @Slot(QPointF)
    def _mouse_over_functions(self, position: QPointF) -> None:
        self._follow_mouse(self.function_plot, position)

    @Slot(QPointF)
    def _mouse_over_derivatives(self, position: QPointF) -> None:
        self._follow_mouse(self.derivative_plot, position)

    @Slot()
    def _x_range_moved(self) -> None:
        self.x_range_changed.emit()
