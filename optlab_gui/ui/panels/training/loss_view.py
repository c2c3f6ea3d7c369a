"""Loss against step for every lane, in the lanes' colours, with a log option and the
time-travel cursor; its legend names each lane with its key hyper-parameters.

Curves arrive peak-decimated; the axis ranges move in coarse jumps (not every frame), so the
cached axes are rarely redrawn while the race runs.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QGraphicsItem, QVBoxLayout, QWidget

from optlab_gui.ui.panels.training.view_bounded import ViewBoundedCurve
from optlab_gui.ui.theme import Theme, qcolor
from optlab_gui.ui.widgets.plots import make_plot_widget, series_pen, style_legend, style_plot

#: In log mode, gaps below this fraction of the first loss are drawn at this floor.
LOG_FLOOR_FRACTION = 1e-12
#: The most of the plot's height the legend may cover; in presentation's short plots a
#: legend that high would hide the curves (the optimizer list names the colours there).
LEGEND_HEIGHT_SHARE = {False: 0.7, True: 1 / 3}
#: While steps arrive, the x range leaves room for this many seconds more of them: an axis
#: change repaints the axis with its grid (~7 ms), and growing to just the last step jumped
#: ten times in a fast race's first second.
X_LEAD_SECONDS = 2.0
#: While steps arrive, the y range may shrink (to follow a falling loss) at most this often;
#: it grows at once, and shrinks at once when the race stands still.
Y_SHRINK_INTERVAL_SECONDS = 0.5


def nice_ceiling(value: float) -> float:
    """The next of 1, 2, 5 × 10ᵏ at or above ``value`` (the x range grows in such jumps)."""
    if value <= 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    for mantissa in (1.0, 2.0, 5.0, 10.0):
        candidate = mantissa * 10**exponent
        if candidate >= value:
            return candidate
    return 10.0 ** (exponent + 1)


def superscript(number: int) -> str:
    """``number`` in superscript digits (for 10⁻³)."""
    return str(number).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def decade_label(exponent: int, mantissa: int = 1) -> str:
    """mantissa × 10^exponent as a tick label: plain digits from 0.01 to 10⁴, else 2·10⁻⁵."""
    if -2 <= exponent <= 4:
        return f"{mantissa * 10.0**exponent:g}"
    power = f"10{superscript(exponent)}"
    return power if mantissa == 1 else f"{mantissa}·{power}"


def decade_ticks(
    low: float, high: float, axis_pixels: float = math.inf, label_pixels: float = 0.0
) -> list[list[tuple[float, str]]]:
    """Ticks of a log₁₀ axis between ``low`` and ``high`` (in decades): labelled powers of
    ten (every other one when there are many), 2 and 5 × 10ᵏ labelled too when the range is
    under three decades, and unlabelled 2…9 × 10ᵏ in between.

    On an axis ``axis_pixels`` tall whose labels are ``label_pixels`` tall, a label that
    would touch another loses its text but keeps its tick: powers of ten are thinned to every
    k-th decade (1 stays), then 2 and 5 × 10ᵏ are labelled only where they have room."""
    first, last = math.floor(low), math.ceil(high)
    decades = last - first
    pixels_per_decade = axis_pixels / max(high - low, 1e-12)
    stride = max(1 if decades <= 8 else 2, math.ceil(label_pixels / pixels_per_decade))
    major = [(float(d), decade_label(d) if d % stride == 0 else "") for d in range(first, last + 1)]
    labelled = [value for value, label in major if label and low <= value <= high]
    minor = []
    if decades <= 8:
        for d in range(first, last + 1):
            for k in range(2, 10):
                value = d + math.log10(k)
                room = all(
                    abs(value - other) * pixels_per_decade >= label_pixels for other in labelled
                )
                if decades <= 3 and k in (2, 5) and room and low <= value <= high:
                    labelled.append(value)
                    minor.append((value, decade_label(d, k)))
                else:
                    minor.append((value, ""))
    return [major, minor]


def label_decades(axis: pg.AxisItem, low: float, high: float) -> None:
    """Give ``axis`` the :func:`decade_ticks` of ``low``..``high`` at its current pixel
    height and tick font, so that no two labels touch (short presentation plots hold only a
    few), and make room for the widest label."""
    metrics = QFontMetricsF(axis.style["tickFont"] or axis.font())
    # Not laid out yet (height 0): label as if tall; a resize relabels.
    ticks = decade_ticks(low, high, axis.height() or math.inf, metrics.height())
    axis.setTicks(ticks)
    # pyqtgraph widens an axis for new labels only when it paints them, so they would show
    # cut until the next frame (for good in a still scene or a screenshot): widen it now.
    labels = [label for level in ticks for _, label in level]
    axis._updateMaxTextSize(max(metrics.horizontalAdvance(label) for label in labels))


class LossView(QWidget):
    """The loss curves of the race."""

    def __init__(self, lane_count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot_widget = make_plot_widget("lossPlot")
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.vb.setDefaultPadding(0.02)
        self.legend = self.plot.addLegend(offset=(-8, 8))
        # The legend changes only with the settings: paint it once, then copy it.
        self.legend.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.plot.vb.sigResized.connect(self._on_view_resized)
        # Peak-decimated curves zig-zag inside every bin; antialiasing them costs ~5× more
        # painting (measured: 41 ms against 7 for seven curves) for no visible gain.
        self._curves = [ViewBoundedCurve(antialias=False) for _ in range(lane_count)]
        for curve in self._curves:
            self.plot.addItem(curve)
        self.cursor = pg.InfiniteLine(angle=90, movable=False)
        self.cursor.setZValue(20)
        self.plot.addItem(self.cursor)
        self.cursor.setVisible(False)
        # Until a lane has two steps there is no curve: say what starts one, and leave the
        # empty axis unlabelled (its placeholder 0..1 ticks mean nothing).
        self._hint = pg.TextItem(anchor=(0.5, 0.5))
        self._hint.setParentItem(self.plot.vb)
        self._hint.setZValue(30)
        self._empty = True
        self._theme: Theme | None = None
        self._names: list[str] = [""] * lane_count
        self._shown = [True] * lane_count
        self._x_range: tuple[float, float] | None = None
        self._y_range: tuple[float, float] | None = None
        self._y_changed_at = -math.inf
        self._last_draw: tuple[float, int] | None = None
        self.log_scale = False
        self.lowest_loss = 0.0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot_widget)
        self._set_empty(True)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """The hint shown while there is no curve yet."""
        self._hint.setText(self.tr("Press Start (Space) to race"))

    def changeEvent(self, event: QEvent) -> None:
        """Retranslate on a language change."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _set_empty(self, empty: bool) -> None:
        self._empty = empty
        self._hint.setVisible(empty)
        self.plot.getAxis("left").setStyle(showValues=not empty)
        self._place_hint()

    def _place_hint(self) -> None:
        self._hint.setPos(self.plot.vb.boundingRect().center())

    def set_log_scale(self, enabled: bool, lowest_loss: float = 0.0) -> None:
        """Plot log₁₀(loss − ``lowest_loss``), the gap to the best possible loss, instead of
        the loss (a log scale needs a positive quantity; the saddle's loss is negative)."""
        self.log_scale = enabled
        self.lowest_loss = lowest_loss
        if not enabled:
            self.plot.getAxis("left").setTicks(None)
        self._y_range = None

    def reset_ranges(self) -> None:
        """Forget the ranges (a new run starts)."""
        self._x_range = None
        self._y_range = None
        self._last_draw = None

    def apply_theme(self, theme: Theme) -> None:
        """Restyle axes, legend, cursor and the empty plot's hint."""
        self._theme = theme
        style_plot(self.plot_widget, theme)
        self._hint.setColor(qcolor(theme.muted))
        self._hint.setFont(theme.font())
        self.cursor.setPen(
            pg.mkPen(
                qcolor(theme.foreground, 160), width=1.5 * theme.scale, style=Qt.PenStyle.DashLine
            )
        )

    def set_lanes(self, names: list[str], colors: list[str], shown: list[bool]) -> None:
        """Legend entries (names with hyper-parameters) and the colours of the shown lanes."""
        theme = self._theme
        if theme is None:
            return
        self._names = names
        self._shown = shown
        self.legend.clear()
        for curve, name, color, visible in zip(self._curves, names, colors, shown, strict=True):
            curve.setPen(series_pen(theme, color=color))
            curve.setVisible(visible)
            if visible:
                self.legend.addItem(curve, name)
        style_legend(self.legend, theme)
        self.fit_legend()

    def fit_legend(self) -> None:
        """Keep the legend where it fits inside the plot: one column, else two, else hidden
        (the optimizer list beside the plots names the colours too). In presentation it
        may cover less of the plot's height (see LEGEND_HEIGHT_SHARE)."""
        presenting = self._theme is not None and self._theme.name == "presentation"
        room = LEGEND_HEIGHT_SHARE[presenting] * self.plot.vb.height()
        # The legend sits 8 px in from the right edge: wider than this, it leaves the plot.
        width_room = self.plot.vb.width() - 16
        if room <= 0:
            return
        for columns in (1, 2):
            self.legend.setColumnCount(columns)
            self.legend.updateSize()
            size = self.legend.boundingRect()
            if size.height() <= room and size.width() <= width_room:
                self.legend.setVisible(True)
                return
        self.legend.setVisible(False)

    @Slot()
    def _on_view_resized(self) -> None:
        self._place_hint()
        self.fit_legend()
        self._label_decades()

    def draw(
        self,
        curves: list[tuple[np.ndarray, np.ndarray] | None],
        last_step: float,
        growing: bool = False,
    ) -> None:
        """Draw each lane's (steps, losses) (None: nothing yet) over steps 0..last_step;
        ``growing`` while the race runs (the ranges leave room for what is coming)."""
        low, high = math.inf, -math.inf
        empty = all(curve is None or len(curve[0]) < 2 for curve in curves)
        if empty != self._empty:
            self._set_empty(empty)
        if self.log_scale:
            curves = self._log_gaps(curves)
        for item, curve, shown in zip(self._curves, curves, self._shown, strict=True):
            if curve is None or not shown:
                item.setData([], [])
                continue
            steps, values = curve
            item.setData(steps, values, connect="finite")
            finite = values[np.isfinite(values)]
            if finite.size:
                low, high = min(low, float(finite.min())), max(high, float(finite.max()))
        self._update_ranges(last_step, low, high, growing)

    def _log_gaps(self, curves):
        gaps = [None if c is None else (c[0], c[1] - self.lowest_loss) for c in curves]
        largest = max(
            (float(np.nanmax(g[1])) for g in gaps if g is not None and np.isfinite(g[1]).any()),
            default=1.0,
        )
        floor = max(largest, 1e-300) * LOG_FLOOR_FRACTION
        with np.errstate(invalid="ignore"):
            return [None if g is None else (g[0], np.log10(np.maximum(g[1], floor))) for g in gaps]

    def show_cursor(self, step: int | None) -> None:
        """Mark ``step`` (time travel), or hide the mark (None)."""
        self.cursor.setVisible(step is not None)
        if step is not None:
            self.cursor.setValue(step)

    def _steps_per_second(self, last_step: float, growing: bool) -> float:
        """How fast the last step grew since the previous draw (0 when it did not)."""
        now = time.monotonic()
        previous, self._last_draw = self._last_draw, (now, last_step) if growing else None
        if previous is None or last_step <= previous[1] or now <= previous[0]:
            return 0.0
        return (last_step - previous[1]) / (now - previous[0])

    def _update_ranges(self, last_step: float, low: float, high: float, growing: bool) -> None:
        # The range ends at a 1-2-5 step at or past the last step, with room for the steps of
        # the next X_LEAD_SECONDS while they arrive (the same range is kept while it fits).
        rate = self._steps_per_second(last_step, growing)
        lead = rate * X_LEAD_SECONDS
        least, most = nice_ceiling(max(10, last_step)), nice_ceiling(max(10, last_step + lead))
        if self._x_range is None or not least <= self._x_range[1] <= most:
            self._x_range = (0.0, most)
            self.plot.setXRange(0.0, most, padding=0.0)
        if not (math.isfinite(low) and math.isfinite(high)):
            return
        # A log axis labels only whole decades: show at least one and a bit.
        least_span = 1.2 if self.log_scale else 1e-12
        if high - low < least_span:
            middle = 0.5 * (low + high)
            low, high = middle - 0.5 * max(least_span, 1.0), middle + 0.5 * max(least_span, 1.0)
        current = self._y_range
        span = high - low
        # Keep the range while the data fit and fill at least 40% of it.
        fits = current is not None and current[0] <= low and high <= current[1]
        if fits and (current[1] - current[0]) <= 2.5 * span:
            return
        now = time.monotonic()
        if fits and rate > 0 and now - self._y_changed_at < Y_SHRINK_INTERVAL_SECONDS:
            return
        self._y_changed_at = now
        self._y_range = (low - 0.05 * span, high + 0.05 * span)
        self.plot.setYRange(*self._y_range, padding=0.0)
        self._label_decades()

    def _label_decades(self) -> None:
        # Which decades have room for a label depends on the plot's height: redo on resize.
        if self.log_scale and self._y_range is not None:
            label_decades(self.plot.getAxis("left"), *self._y_range)
