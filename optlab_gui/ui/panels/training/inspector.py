"""Inside the inspected optimizer over time: its effective per-coordinate learning rate (the
adaptive ones; Adagrad's collapses, as the notes warn) and, for Adam, m against m̂ to show
what the bias correction does in the first steps."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from optlab_gui.training.decimation import peak_decimate
from optlab_gui.ui.panels.training.live_formula import UNLIMITED_SIZE
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
#: In presentation each plot keeps at least this height (times the scale) and the page
#: scrolls to the second one, rather than squeezing both into a short sidebar.
PRESENTATION_PLOT_HEIGHT = 75


def positive_log10(values: np.ndarray) -> np.ndarray:
    """log₁₀ of the positive finite entries; NaN (a gap) elsewhere."""
    good = np.isfinite(values) & (values > 0)
    result = np.full(values.shape, np.nan)
    result[good] = np.log10(values[good])
    return result


def _key_html(entries) -> str:
    """A one-line legend as rich text: a coloured solid or dashed stroke before each name."""
    strokes = {Qt.PenStyle.SolidLine: "━━", Qt.PenStyle.DashLine: "╍╍"}
    return "&nbsp;&nbsp; ".join(
        f'<span style="color:{color}">{strokes[style]}</span>&nbsp;{name}'
        for color, style, name in entries
    )


class InspectorPlots(QWidget):
    """Effective learning rate per coordinate, and Adam's m and m̂, of the inspected lane."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rate_plot = make_plot_widget("effectiveRatePlot")
        self.moment_plot = make_plot_widget("momentPlot")
        for widget in (self.rate_plot, self.moment_plot):
            item = widget.getPlotItem()
            item.setMouseEnabled(x=False, y=False)
        self.rate_legend = self.rate_plot.getPlotItem().addLegend(offset=(-8, 8))
        self.moment_legend = self.moment_plot.getPlotItem().addLegend(offset=(-8, 8))
        self._rate_curves = [self.rate_plot.plot() for _ in range(2)]
        self._moment_curves = [self.moment_plot.plot() for _ in range(4)]
        self.constant_note = QLabel()
        self.constant_note.setObjectName("constantRateNote")
        self.constant_note.setWordWrap(True)
        self.constant_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # In presentation the titles are labels above the plots: they wrap in a narrow sidebar
        # where a plot's one-line title would be cut.
        self.rate_title = self._title_label("effectiveRateTitle")
        self.moment_title = self._title_label("momentTitle")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.rate_title)
        layout.addWidget(self.rate_plot, 1)
        layout.addWidget(self.constant_note, 1)
        layout.addWidget(self.moment_title)
        layout.addWidget(self.moment_plot, 1)
        self._theme: Theme | None = None
        self._color = "#808080"
        self._has_rate = True
        self._has_moments = True
        self._titles: dict[QLabel, str] = {}
        self.retranslate_ui()

    @staticmethod
    def _title_label(name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return label

    def retranslate_ui(self) -> None:
        """Titles, axis labels and legends."""
        theme = self._theme
        if theme is None:
            return
        rate_title = self.tr("Effective learning rate per coordinate")
        self._titles = {self.rate_title: rate_title}
        self._set_title(self.rate_plot, self.rate_title, rate_title)
        set_axis_label(self.rate_plot, "bottom", self.tr("step"), theme)
        # Bold: the regular UI font leaves the combining hat of m̂ out.
        moment_title = self.tr("Adam: m and bias-corrected <b>m̂</b>, first {steps} steps")
        moment_title = moment_title.format(steps=MOMENT_STEPS)
        self._titles[self.moment_title] = moment_title
        self._set_title(self.moment_plot, self.moment_title, moment_title)
        set_axis_label(self.moment_plot, "bottom", self.tr("step"), theme)
        self.constant_note.setText(
            self.tr(
                "This optimizer uses the same learning rate η in every direction: there is no "
                "per-coordinate rate to plot. Inspect Adagrad, Adadelta, RMSprop or Adam."
            )
        )
        self._relabel()

    def _presenting(self) -> bool:
        return self._theme is not None and self._theme.name == "presentation"

    def _set_title(self, plot: pg.PlotWidget, label: QLabel, text: str) -> None:
        """``text`` as the plot's own title, or in presentation as the wrapping label above."""
        if self._presenting():
            item = plot.getPlotItem()
            item.setTitle(None)
            # A hidden title still sets the plot's minimum width: empty it too.
            item.titleLabel.setText("")
            label.setText(text)
        else:
            set_plot_title(plot, text, self._theme)
            label.clear()

    def apply_theme(self, theme: Theme) -> None:
        """Restyle both plots; in presentation give them a height that stays readable."""
        self._theme = theme
        presenting = self._presenting()
        height = round(PRESENTATION_PLOT_HEIGHT * theme.scale)
        for widget in (self.rate_plot, self.moment_plot):
            style_plot(widget, theme)
            # Fixed, not only a minimum: the wrapping titles make the scrolled page ask its
            # plots' preferred height (a plot's is ~480 px), which would push both far down.
            widget.setMinimumHeight(height if presenting else 0)
            widget.setMaximumHeight(height if presenting else UNLIMITED_SIZE)
        self.constant_note.setFont(theme.font())
        for label in (self.rate_title, self.moment_title):
            label.setFont(theme.font())
        self.retranslate_ui()
        self._show_plots()

    def show_lane(self, color: str, has_rate: bool, has_moments: bool) -> None:
        """Prepare for a lane drawn in ``color``: which of the two plots apply to it."""
        self._color = color
        self._has_rate = has_rate
        self._has_moments = has_moments
        self._show_plots()
        self._relabel()

    def _show_plots(self) -> None:
        presenting = self._presenting()
        self.rate_plot.setVisible(self._has_rate)
        self.rate_title.setVisible(self._has_rate and presenting)
        self.constant_note.setVisible(not self._has_rate)
        self.moment_plot.setVisible(self._has_moments)
        self.moment_title.setVisible(self._has_moments and presenting)

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
        presenting = self._presenting()
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
        # A legend would cover most of presentation's short plots: the key goes in the title.
        for legend in (self.rate_legend, self.moment_legend):
            legend.setVisible(not presenting)
        if presenting:
            rate_key = [(self._color, solid, "x"), (second, dashed, "y")]
            moment_key = list(zip(colors, styles, labels, strict=True))
            for label, key in ((self.rate_title, rate_key), (self.moment_title, moment_key)):
                label.setText(f"{self._titles[label]}&nbsp;&nbsp; {_key_html(key)}")
        for widget in (self.rate_plot, self.moment_plot):
            style_plot(widget, theme)
