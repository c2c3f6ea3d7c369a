"""Why non-linearity: one random deep 1-D→1-D network drawn with an activation and without.

With the selected activation the network's output bends; the same weights with ``linear``
give a straight line at every depth. The two outputs differ in scale by orders of
magnitude, so each is drawn rescaled to [−1, 1] (an affine change that keeps a line a line
and a bend a bend); a note says when an output is flat (the input no longer reaches it) or
overflowed.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

from optlab_gui.ui.panels.activations.fast_plots import cache_axes
from optlab_gui.ui.theme import Theme, qcolor
from optlab_gui.ui.widgets.plots import (
    make_plot_widget,
    series_pen,
    set_axis_label,
    set_plot_title,
    style_plot,
)

#: The y range the rescaled outputs fill, with a margin.
Y_RANGE = (-1.15, 1.15)


def rescaled(outputs: np.ndarray) -> np.ndarray:
    """``outputs`` mapped affinely onto [−1, 1]; a constant (or non-finite) output maps to 0."""
    finite = outputs[np.isfinite(outputs)]
    if finite.size == 0:
        return np.zeros_like(outputs)
    low, high = float(finite.min()), float(finite.max())
    if high <= low:
        return np.zeros_like(outputs)
    return (outputs - (low + high) / 2) / ((high - low) / 2)


class NetworkView(QWidget):
    """The same random network with the selected activation and with ``linear``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkView")
        self.plot_widget = make_plot_widget("networkPlot")
        self.plot = self.plot_widget.getPlotItem()
        self.plot.getViewBox().setMouseEnabled(x=False, y=False)
        cache_axes(self.plot)
        self.activated_curve = pg.PlotCurveItem()
        self.linear_curve = pg.PlotCurveItem()
        for curve in (self.activated_curve, self.linear_curve):
            self.plot.addItem(curve)
        # The linear stack changes only with the weights or the depth, not with a slider:
        # blit it while the activated curve is repainted over it.
        self.linear_curve.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.note = pg.TextItem(anchor=(0.5, 1.0))
        self.note.setZValue(20)
        self.plot.addItem(self.note, ignoreBounds=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        self._theme: Theme | None = None
        self._colours = ("#888888", "#888888")
        #: The raw (not rescaled) outputs last drawn: (x, activated, linear).
        self.outputs = (np.empty(0), np.empty(0), np.empty(0))

    def set_outputs(
        self, x: np.ndarray, activated: np.ndarray, linear: np.ndarray, notes: Sequence[str]
    ) -> None:
        """Draw both outputs rescaled to [−1, 1]; ``notes`` (empty strings for none) below.

        A slider step passes the same ``x`` and ``linear`` arrays again: then only the
        activated curve is redrawn."""
        new_x = x is not self.outputs[0]
        new_linear = new_x or linear is not self.outputs[2]
        self.outputs = (x, activated, linear)
        for curve, outputs, changed in (
            (self.activated_curve, activated, True),
            (self.linear_curve, linear, new_linear),
        ):
            if changed:
                finite = np.isfinite(outputs)
                curve.setData(x[finite], rescaled(outputs)[finite])
        if new_x:
            self.plot.setRange(xRange=(float(x[0]), float(x[-1])), yRange=Y_RANGE, padding=0.0)
        text = "\n".join(note for note in notes if note)
        self.note.setText(text)
        self.note.setPos(float(x[0] + x[-1]) / 2, Y_RANGE[0] + 0.05)
        self.note.setVisible(bool(text))

    def set_draft(self, draft: bool) -> None:
        """Draw the activated curve without antialiasing while a slider moves (it is redrawn
        every step); False restores full quality."""
        self.activated_curve.opts["antialias"] = not draft
        self.activated_curve.update()

    def plots(self) -> dict[str, pg.PlotItem]:
        """The plot by export name."""
        return {"network": self.plot}

    def retranslate(self, names: tuple[str, str], x_label: str, y_label: str) -> None:
        """The title names both curves in their colours (it is the legend, outside the data);
        axis titles in the current language."""
        if self._theme is None:
            return
        solid, dashed = (
            f'<span style="color:{colour}">{mark} {html.escape(name)}</span>'
            for colour, mark, name in zip(self._colours, ("━", "┅"), names, strict=True)
        )
        set_plot_title(self.plot, f"{solid}&nbsp;&nbsp;{dashed}", self._theme)
        set_axis_label(self.plot, "bottom", x_label, self._theme)
        set_axis_label(self.plot, "left", y_label, self._theme)

    def apply_theme(self, theme: Theme, activation_colour: str, linear_colour: str) -> None:
        """Pens and fonts: each curve in its activation's series colour, linear dashed."""
        self._theme = theme
        self._colours = (activation_colour, linear_colour)
        style_plot(self.plot_widget, theme)
        self.activated_curve.setPen(series_pen(theme, color=activation_colour))
        self.linear_curve.setPen(series_pen(theme, color=linear_colour, style=Qt.PenStyle.DashLine))
        self.note.setColor(qcolor(theme.foreground))
        self.note.setFont(theme.font(0.9, bold=True))
        self.note.fill = pg.mkBrush(qcolor(theme.plot_background, 220))
        self.note.update()
