"""Per-layer summaries of both networks in one row: saturated share, mean ± std, gradient
norm (log scale) and, once training has started, the two loss curves.

Each plot overlays the network without BatchNorm and the one with it in their column
colours, so the vanishing gradient reads as one line falling while the other stays flat.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtWidgets import QGridLayout, QWidget

from optlab_gui.ui.panels.batchnorm.measurements import LayerMeasurements
from optlab_gui.ui.panels.batchnorm.plot_titles import PLOT_COLUMNS, span_title_over_axes
from optlab_gui.ui.theme import Theme, qcolor
from optlab_gui.ui.widgets.plots import (
    make_plot_widget,
    series_pen,
    set_axis_label,
    set_plot_title,
    style_legend,
    style_plot,
)

#: Bars of the two networks sit side by side within a layer's unit of width.
BAR_WIDTH = 0.4
#: The mean markers are shifted by this much so the two error bars do not overlap.
MEAN_OFFSET = 0.15
PLAIN, BATCHNORM = 0, 1


#: Space above the highest curve on a log plot, as a share of its range.
LOG_HEADROOM = 0.05
#: Row of a PlotItem's grid below its bottom axis, where the legends of this row go.
BELOW_BOTTOM_AXIS = 4
#: At most this many labelled decades on a log axis.
MAX_DECADE_LABELS = 6
#: The summary plots in their grid order; the loss plot joins once training starts.
SUMMARY_KINDS = ("saturation", "mean_std", "gradient", "loss")
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def decade_range(values: np.ndarray, minimum_decades: float = 2.0) -> tuple[float, float]:
    """A log-axis range (log10 units) from whole decades around the positive finite
    ``values``, at least ``minimum_decades`` wide, plus a little LOG_HEADROOM on top; whole
    decades keep the axis still while a slider moves."""
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values) & (values > 0)]
    if not values.size:
        return 0.0, minimum_decades
    low = float(np.floor(np.log10(values.min())))
    high = float(np.ceil(np.log10(values.max())))
    if high - low < minimum_decades:
        low = high - minimum_decades
    return low, high + LOG_HEADROOM * (high - low)


def decade_ticks(low: float, high: float) -> list[tuple[float, str]]:
    """Ticks at whole decades in [low, high] (log10 units) labelled 10ⁿ, at most
    MAX_DECADE_LABELS of them (every k-th decade when the range is wide)."""
    first, last = int(np.ceil(low)), int(np.floor(high))
    step = max(1, int(np.ceil((last - first + 1) / MAX_DECADE_LABELS)))
    return [(float(power), "10" + str(power).translate(_SUPERSCRIPT))
            for power in range(first, last + 1, step)]  # fmt: skip


def set_decades(plot: pg.PlotWidget, values: np.ndarray, minimum_decades: float) -> None:
    """Give a log-y plot a whole-decade range around ``values`` with 10ⁿ tick labels."""
    low, high = decade_range(values, minimum_decades)
    plot.setYRange(low, high, padding=0)
    plot.getPlotItem().getAxis("left").setTicks([decade_ticks(low, high), []])


def legend_below(plot: pg.PlotWidget) -> pg.LegendItem:
    """A one-row legend under the plot's bottom axis, where it can never hide a curve."""
    legend = pg.LegendItem(colCount=2)
    plot.getPlotItem().layout.addItem(legend, BELOW_BOTTOM_AXIS, 0, 1, PLOT_COLUMNS)
    return legend


def drawable(x: np.ndarray, y: np.ndarray, log: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The points a plot can show: finite ones (and positive ones on a log axis). Diverged
    or exploded entries are left out rather than drawn as NaN, which plots cannot bound."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    keep = np.isfinite(x) & np.isfinite(y)
    if log:
        keep &= y > 0
    return x[keep], y[keep]


def _prepare(widget: pg.PlotWidget) -> None:
    """A summary plot stays put under the mouse and spans its title over its axes."""
    widget.getPlotItem().setMouseEnabled(False, False)
    span_title_over_axes(widget)


class SummaryPlots(QWidget):
    """The row of per-layer summaries and the loss plot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("summaryPlots")
        self._theme: Theme | None = None
        self._colors = ("#888888", "#888888")
        self._titles: dict[str, str] = {}
        self._axis_titles: dict[str, tuple[str, str]] = {}
        self._names = ("", "")

        self.saturation = make_plot_widget("saturationPlot")
        self.mean_std = make_plot_widget("meanStdPlot")
        self.gradient = make_plot_widget("gradientPlot")
        # Built when training first reports: most visits never train (~7 ms of start-up).
        self.loss: pg.PlotWidget | None = None
        self.loss_curves: list[pg.PlotDataItem] = []
        self.loss_legend: pg.LegendItem | None = None
        for widget in self.plots().values():
            _prepare(widget)
        self.saturation.setYRange(0.0, 1.0, padding=0.02)
        self.gradient.getPlotItem().setLogMode(y=True)

        self.bars = [pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH) for _ in range(2)]
        self.mean_curves = [pg.PlotDataItem(symbol="o") for _ in range(2)]
        self.error_bars = [pg.ErrorBarItem(x=np.zeros(0), y=np.zeros(0)) for _ in range(2)]
        self.gradient_curves = [pg.PlotDataItem(symbol="o", connect="finite") for _ in range(2)]
        for index in range(2):
            self.saturation.addItem(self.bars[index])
            self.mean_std.addItem(self.error_bars[index])
            self.mean_std.addItem(self.mean_curves[index])
            self.gradient.addItem(self.gradient_curves[index])
        self.gradient_legend = legend_below(self.gradient)
        for index in range(2):
            self.gradient_legend.addItem(self.gradient_curves[index], "")
        # The note shown over the gradient plot while a preview has no gradients yet: built
        # at the first preview (the panel opens on a full probe).
        self.pending_gradients: pg.TextItem | None = None
        self._computing = ""

        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.arrange(columns=len(SUMMARY_KINDS))

    def _build_loss_plot(self) -> pg.PlotWidget:
        """The loss plot with its two curves and legend, styled like the others."""
        self.loss = loss = make_plot_widget("lossPlot")
        _prepare(loss)
        loss.getPlotItem().setLogMode(y=True)
        self.loss_curves = [pg.PlotDataItem(connect="finite") for _ in range(2)]
        for curve in self.loss_curves:
            loss.addItem(curve)
        self.loss_legend = legend_below(loss)
        for curve, name in zip(self.loss_curves, self._names, strict=True):
            self.loss_legend.addItem(curve, name)
        self.arrange(self._columns)
        if self._theme is not None:
            self.apply_theme(self._theme, self._colors)
        return loss

    def arrange(self, columns: int) -> None:
        """Lay the plots out in rows of ``columns`` (one row normally, 2 x 2 for the
        projector where each plot needs more room)."""
        self._columns = columns
        for key, widget in self.plots().items():
            index = SUMMARY_KINDS.index(key)
            self._grid.addWidget(widget, index // columns, index % columns)
        self._share_width()

    def _share_width(self) -> None:
        """Equal width for every grid column holding a plot on show, none for the others
        (the loss plot's column while there is no training)."""
        used = {SUMMARY_KINDS.index(key) % self._columns
                for key, widget in self.plots().items() if not widget.isHidden()}  # fmt: skip
        for column in range(len(SUMMARY_KINDS)):
            self._grid.setColumnStretch(column, 1 if column in used else 0)

    def plots(self) -> dict[str, pg.PlotWidget]:
        """The plots by export name (the loss plot once training has started)."""
        plots = {"saturation": self.saturation, "mean_std": self.mean_std,
                 "gradient": self.gradient}  # fmt: skip
        if self.loss is not None:
            plots["loss"] = self.loss
        return plots

    # Data -------------------------------------------------------------------------------

    def show_measurements(
        self,
        networks: tuple[LayerMeasurements, LayerMeasurements],
        visible: tuple[bool, bool],
        gradients_known: bool,
    ) -> None:
        """Draw both networks' summaries; ``visible`` hides a network (single-column view);
        without ``gradients_known`` (a preview) the gradient plot says it is computing."""
        depth = networks[0].depth
        layers = np.arange(1, depth + 1, dtype=float)
        both = all(visible)
        for index, (measurements, shown) in enumerate(zip(networks, visible, strict=True)):
            shift = (index - 0.5) if both else 0.0
            self.bars[index].setOpts(
                x=layers + shift * BAR_WIDTH,
                height=np.nan_to_num(measurements.saturated_fraction, nan=0.0),
                width=BAR_WIDTH if both else 2 * BAR_WIDTH,
            )
            self.bars[index].setVisible(shown)
            offset = layers + (shift * 2 * MEAN_OFFSET)
            mean, spread = measurements.pre_activation_mean, measurements.pre_activation_std
            finite = np.isfinite(mean) & np.isfinite(spread)
            self.mean_curves[index].setData(offset[finite], mean[finite])
            self.error_bars[index].setData(
                x=offset[finite], y=mean[finite], top=spread[finite], bottom=spread[finite]
            )
            self.mean_curves[index].setVisible(shown)
            self.error_bars[index].setVisible(shown)
            if gradients_known:
                self.gradient_curves[index].setData(
                    *drawable(layers, measurements.weight_gradient_norm, log=True)
                )
            self.gradient_curves[index].setVisible(shown and gradients_known)
        if not gradients_known or self.pending_gradients is not None:
            self._pending_note().setVisible(not gradients_known)
        if gradients_known:
            shown = [net.weight_gradient_norm for net, on in zip(networks, visible, strict=True)
                     if on]  # fmt: skip
            set_decades(self.gradient, np.concatenate(shown), minimum_decades=2.0)
        for widget in (self.saturation, self.mean_std, self.gradient):
            widget.getPlotItem().setXRange(0.5, depth + 0.5, padding=0)
        if not gradients_known:
            view = self.gradient.getPlotItem().vb
            (x_low, x_high), (y_low, y_high) = view.viewRange()
            self.pending_gradients.setPos((x_low + x_high) / 2, (y_low + y_high) / 2)

    def show_losses(self, steps: np.ndarray, losses: np.ndarray, visible: tuple[bool, bool]):
        """Draw the loss curves (``losses`` steps x 2) and show the loss plot."""
        loss = self.loss if self.loss is not None else self._build_loss_plot()
        for index in range(2):
            self.loss_curves[index].setData(*drawable(steps, losses[:, index], log=True))
            self.loss_curves[index].setVisible(visible[index])
        shown = [losses[:, index] for index in range(2) if visible[index]]
        set_decades(loss, np.concatenate(shown), minimum_decades=1.0)
        loss.setVisible(True)
        self._share_width()

    def hide_losses(self) -> None:
        """Hide the loss plot (no training yet)."""
        if self.loss is None:
            return
        for curve in self.loss_curves:
            curve.setData([], [])
        self.loss.setVisible(False)
        self._share_width()

    def series(self, name: str, index: int) -> tuple[np.ndarray, np.ndarray]:
        """The (x, y) drawn for one network (0 without, 1 with BatchNorm) in plot ``name``
        ("saturation", "mean", "gradient", "loss"), for tests and export checks; the mean's
        x carries the small offset that keeps the two networks' error bars apart."""
        if name == "saturation":
            options = self.bars[index].opts
            return np.asarray(options["x"]), np.asarray(options["height"])
        curves = {"mean": self.mean_curves, "gradient": self.gradient_curves,
                  "loss": self.loss_curves}[name]  # fmt: skip
        if not curves:  # the loss plot before training
            return np.zeros(0), np.zeros(0)
        item = curves[index]
        x, y = item.getOriginalDataset()
        return np.asarray(x), np.asarray(y)

    # Words and looks --------------------------------------------------------------------

    def set_texts(
        self,
        titles: dict[str, str],
        axis_titles: dict[str, tuple[str, str]],
        names: tuple[str, str],
        computing: str,
    ) -> None:
        """Titles per plot, (left, bottom) axis titles per plot, the two networks' short
        names for the legends, and the note shown while gradients are being computed."""
        self._titles, self._axis_titles, self._names = titles, axis_titles, names
        self._computing = computing
        if self.pending_gradients is not None:
            self.pending_gradients.setText(computing)
        for legend, curves in self._legends():
            for curve, name in zip(curves, names, strict=True):
                legend.getLabel(curve).setText(name)
        if self._theme is not None:
            self._draw_texts()

    def apply_theme(self, theme: Theme, colors: tuple[str, str]) -> None:
        """Restyle for ``theme`` with the two networks' colours."""
        self._theme, self._colors = theme, colors
        for widget in self.plots().values():
            style_plot(widget, theme)
        symbol_size = 6 * theme.scale
        for index, color in enumerate(colors):
            pen = series_pen(theme, color=color)
            self.bars[index].setOpts(brush=qcolor(color, 200), pen=qcolor(color))
            self.mean_curves[index].setPen(pen)
            self.mean_curves[index].setSymbolBrush(qcolor(color))
            self.mean_curves[index].setSymbolPen(qcolor(color))
            self.mean_curves[index].setSymbolSize(symbol_size)
            self.error_bars[index].setData(pen=series_pen(theme, color=color, width_factor=0.6))
            self.gradient_curves[index].setPen(pen)
            self.gradient_curves[index].setSymbolBrush(qcolor(color))
            self.gradient_curves[index].setSymbolPen(qcolor(color))
            self.gradient_curves[index].setSymbolSize(symbol_size)
        for curve, color in zip(self.loss_curves, colors, strict=False):  # none before training
            curve.setPen(series_pen(theme, color=color))
        if self.pending_gradients is not None:
            self._style_pending_note(theme)
        self._draw_texts()

    def _draw_texts(self) -> None:
        theme = self._theme
        for key, widget in self.plots().items():
            if key in self._titles:
                set_plot_title(widget, self._titles[key], theme)
            if key in self._axis_titles:
                left, bottom = self._axis_titles[key]
                set_axis_label(widget, "left", left, theme)
                set_axis_label(widget, "bottom", bottom, theme)
        for legend, _ in self._legends():
            style_legend(legend, theme)

    def _pending_note(self) -> pg.TextItem:
        if self.pending_gradients is None:
            self.pending_gradients = pg.TextItem(self._computing, anchor=(0.5, 0.5))
            self.gradient.getPlotItem().vb.addItem(self.pending_gradients, ignoreBounds=True)
            if self._theme is not None:
                self._style_pending_note(self._theme)
        return self.pending_gradients

    def _style_pending_note(self, theme: Theme) -> None:
        self.pending_gradients.setColor(qcolor(theme.muted))
        self.pending_gradients.setFont(theme.font())

    def _legends(self) -> list[tuple[pg.LegendItem, list[pg.PlotDataItem]]]:
        legends = [(self.gradient_legend, self.gradient_curves)]
        if self.loss_legend is not None:
            legends.append((self.loss_legend, self.loss_curves))
        return legends
