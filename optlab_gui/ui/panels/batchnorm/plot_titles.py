"""Plot titles that do not widen their plot beyond its widget.

pyqtgraph puts a plot's title above the data area only (between the left and right axes)
and makes that area at least as wide as the title's text. At presentation scale, with two
plots side by side, that pushed the right axis out of the widget. Spanning the title over
the axes' columns too leaves the data area free to shrink.
"""

from __future__ import annotations

import pyqtgraph as pg

#: Columns of a PlotItem's grid: left axis, data area, right axis.
PLOT_COLUMNS = 3


def span_title_over_axes(plot: pg.PlotWidget) -> None:
    """Let the title use the plot's whole width, axes included (call once, on creation)."""
    item = plot.getPlotItem()
    item.layout.removeItem(item.titleLabel)
    item.layout.addItem(item.titleLabel, 0, 0, 1, PLOT_COLUMNS)
