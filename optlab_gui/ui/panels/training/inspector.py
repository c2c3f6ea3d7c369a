"""Inside the inspected optimizer over time: its effective per-coordinate learning rate (the
adaptive ones; Adagrad's collapses, as the notes warn) and, for Adam, m against m̂ to show
what the bias correction does in the first steps."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsItem, QLabel, QVBoxLayout, QWidget

from optlab_gui.training.decimation import peak_decimate
from optlab_gui.ui.panels.training.loss_view import label_decades
from optlab_gui.ui.theme import Theme
from optlab_gui.ui.widgets.plots import (
    make_plot_widget,
    series_pen,
    set_axis_label,
    set_plot_title,
    style_plot,
)

#: Points per drawn curve at most.
MAX_POINTS = 300
#: The bias correction matters in Adam's first steps (1 − β₁ᵗ ≈ 1 after a few dozen): the
#: m/m̂ plot shows this many.
MOMENT_STEPS = 150


def positive_log10(values: np.ndarray) -> np.ndarray:
    """log₁₀ of the positive finite entries; NaN (a gap) elsewhere."""
    good = np.isfinite(values) & (values > 0)
    result = np.full(values.shape, np.nan)
    result[good] = np.log10(values[good])
    return result


class InspectorPlots(QWidget):
    """Effective learning rate per coordinate, and Adam's m and m̂, of the inspected lane."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rate_plot = make_plot_widget("effectiveRatePlot")
        self.moment_plot = make_plot_widget("momentPlot")
        for widget in (self.rate_plot, self.moment_plot):
            item = widget.getPlotItem()
            item.setMouseEnabled(x=False, y=False)
            for name in ("left", "bottom"):
                item.getAxis(name).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.rate_legend = self.rate_plot.getPlotItem().addLegend(offset=(-8, 8))
        self.moment_legend = self.moment_plot.getPlotItem().addLegend(offset=(-8, 8))
        self._rate_curves = [self.rate_plot.plot() for _ in range(2)]
        self._moment_curves = [self.moment_plot.plot() for _ in range(4)]
        self.constant_note = QLabel()
        self.constant_note.setObjectName("constantRateNote")
        self.constant_note.setWordWrap(True)
        self.constant_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.rate_plot, 1)
        layout.addWidget(self.constant_note, 1)
        layout.addWidget(self.moment_plot, 1)
        self._theme: Theme | None = None
        self._color = "#808080"
        self._has_rate = True
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Titles, axis labels and legends."""
        theme = self._theme
        if theme is None:
            return
        set_plot_title(self.rate_plot, self.tr("Effective learning rate per coordinate"), theme)
        set_axis_label(self.rate_plot, "bottom", self.tr("step"), theme)
        # Bold: the regular UI font leaves the combining hat of m̂ out.
        title = self.tr("Adam: m and bias-corrected <b>m̂</b>, first {steps} steps")
        set_plot_title(self.moment_plot, title.format(steps=MOMENT_STEPS), theme)
        set_axis_label(self.moment_plot, "bottom", self.tr("step"), theme)
        self.constant_note.setText(
            self.tr(
                "This optimizer uses the same learning rate η in every direction: there is no "
                "per-coordinate rate to plot. Inspect Adagrad, Adadelta, RMSprop or Adam."
            )
        )
        self._relabel()

    def apply_theme(self, theme: Theme) -> None:
        """Restyle both plots."""
        self._theme = theme
        for widget in (self.rate_plot, self.moment_plot):
            style_plot(widget, theme)
        self.constant_note.setFont(theme.font())
        self.retranslate_ui()

    def show_lane(self, color: str, has_rate: bool, has_moments: bool) -> None:
        """Prepare for a lane drawn in ``color``: which of the two plots apply to it."""
        self._color = color
        self._has_rate = has_rate
        self.rate_plot.setVisible(has_rate)
        self.constant_note.setVisible(not has_rate)
        self.moment_plot.setVisible(has_moments)
        self._relabel()

    def draw(
        self,
        steps: np.ndarray,
        effective_lr: np.ndarray | None,
        m: np.ndarray | None,
        m_hat: np.ndarray | None,
    ) -> None:
        """Curves over ``steps``: effective_lr (n, 2); Adam's m and m̂ (n, 2) or None."""
        if effective_lr is not None:
            logs = positive_log10(effective_lr)
            for curve, column in zip(self._rate_curves, logs.T, strict=True):
                curve.setData(*peak_decimate(steps, column, MAX_POINTS), connect="finite")
            finite = logs[np.isfinite(logs)]
            if finite.size:
                low, high = float(finite.min()), float(finite.max())
                middle, half = 0.5 * (low + high), max(0.6, 0.55 * (high - low))
                self.rate_plot.setYRange(middle - half, middle + half, padding=0.0)
                axis = self.rate_plot.getPlotItem().getAxis("left")
                label_decades(axis, middle - half, middle + half)
        if m is not None and m_hat is not None:
            early = steps <= MOMENT_STEPS
            series = [m_hat[early, 0], m[early, 0], m_hat[early, 1], m[early, 1]]
            for curve, values in zip(self._moment_curves, series, strict=True):
                curve.setData(steps[early], values, connect="finite")

    def clear(self) -> None:
        """No data (before the first step)."""
        for curve in (*self._rate_curves, *self._moment_curves):
            curve.setData([], [])

    def _relabel(self) -> None:
        theme = self._theme
        if theme is None:
            return
        second = theme.muted
        solid, dashed = Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine
        self.rate_legend.clear()
        for curve, color, style, name in zip(
            self._rate_curves, (self._color, second), (solid, dashed), ("x", "y"), strict=True
        ):
            curve.setPen(series_pen(theme, color=color, style=style))
            self.rate_legend.addItem(curve, self.tr("η_eff along {axis}").format(axis=name))
        self.moment_legend.clear()
        labels = ("<b>m̂</b> (x)", "m (x)", "<b>m̂</b> (y)", "m (y)")
        colors = (self._color, self._color, second, second)
        styles = (solid, dashed, solid, dashed)
        for curve, color, style, label in zip(
            self._moment_curves, colors, styles, labels, strict=True
        ):
            curve.setPen(series_pen(theme, color=color, style=style))
            self.moment_legend.addItem(curve, label)
        for widget in (self.rate_plot, self.moment_plot):
            style_plot(widget, theme)
