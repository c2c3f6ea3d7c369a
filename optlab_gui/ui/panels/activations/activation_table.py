"""The activations list: tick to plot, click to select, and the readout of each plotted curve.

One row per activation of the core registry, with its series colour: it is the legend of
the depth and network plots too. The columns read f(x) and f′(x) at the crosshair and the
best-case gradient factor (max |f′|)^L at the chosen depth.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtGui import QColor, QFontMetrics, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from optlab_gui.core.activations import ACTIVATIONS
from optlab_gui.ui.panels.activations.texts import activation_title, number_text, superscript
from optlab_gui.ui.theme import Theme

NAME_COLUMN, VALUE_COLUMN, DERIVATIVE_COLUMN, DEPTH_COLUMN = range(4)
READOUT_COLUMNS = (VALUE_COLUMN, DERIVATIVE_COLUMN, DEPTH_COLUMN)
#: The widest text a readout cell shows (texts.number_text keeps to 8 characters).
WIDEST_NUMBER = "−0.00999"
#: Item data role holding the exact number behind a readout cell (for tests and export).
VALUE_ROLE = Qt.ItemDataRole.UserRole
#: Item data role holding the activation's registry name on each row.
NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class ActivationTable(QTreeWidget):
    """Checkable activations with their colour swatch and live readouts."""

    #: The ticked activations changed (registry order).
    shown_changed = Signal(list)
    #: Another activation was selected (its parameters, formulas and facts are shown).
    selected_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activationTable")
        self.setColumnCount(4)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        header = self.header()
        header.setStretchLastSection(False)
        # Readout columns have a fixed width for the widest number, so moving the crosshair
        # never makes the table jump.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        self._items: dict[str, QTreeWidgetItem] = {}
        for name in ACTIVATIONS:
            item = QTreeWidgetItem(self)
            item.setData(NAME_COLUMN, NAME_ROLE, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(NAME_COLUMN, Qt.CheckState.Unchecked)
            for column in READOUT_COLUMNS:
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            self._items[name] = item
        #: The x of the last point readout (None before the first).
        self.x: float | None = None
        self._depth = 1
        self._last_shown: list[str] = []
        self.itemChanged.connect(self._item_changed)
        self.currentItemChanged.connect(self._current_changed)

    # State --------------------------------------------------------------------------

    def shown(self) -> list[str]:
        """The ticked activations, in registry order."""
        return [
            name
            for name, item in self._items.items()
            if item.checkState(NAME_COLUMN) == Qt.CheckState.Checked
        ]

    def set_shown(self, names: Sequence[str]) -> None:
        """Tick exactly ``names`` (emits shown_changed once if that changes anything)."""
        self.blockSignals(True)
        for name, item in self._items.items():
            state = Qt.CheckState.Checked if name in names else Qt.CheckState.Unchecked
            item.setCheckState(NAME_COLUMN, state)
        self.blockSignals(False)
        self._emit_if_shown_changed()

    def selected(self) -> str:
        """The selected activation (the one whose parameters and facts are on show)."""
        item = self.currentItem()
        return item.data(NAME_COLUMN, NAME_ROLE) if item is not None else next(iter(ACTIVATIONS))

    def set_selected(self, name: str) -> None:
        """Select ``name`` (emits selected_changed if it changes)."""
        self.setCurrentItem(self._items[name])

    def item(self, name: str) -> QTreeWidgetItem:
        """The row of activation ``name``."""
        return self._items[name]

    # Readouts -----------------------------------------------------------------------

    def set_point_readout(self, x: float, values: Mapping[str, tuple[float, float]]) -> None:
        """Show f(x) and f′(x) at ``x`` for the activations in ``values``; blank elsewhere."""
        self.x = x
        for name, item in self._items.items():
            value, derivative = values.get(name, (None, None))
            self._set_number(item, VALUE_COLUMN, value)
            self._set_number(item, DERIVATIVE_COLUMN, derivative)

    def set_depth_readout(self, depth: int, factors: Mapping[str, float]) -> None:
        """Show (max |f′|)^depth for the activations in ``factors``; blank for the others."""
        for name, item in self._items.items():
            self._set_number(item, DEPTH_COLUMN, factors.get(name))
        if depth != self._depth:  # the depth column's header shows L
            self._depth = depth
            self._set_headers()

    def readout(self, name: str, column: int) -> float | None:
        """The exact number behind a readout cell (None when blank)."""
        return self._items[name].data(column, VALUE_ROLE)

    @staticmethod
    def _set_number(item: QTreeWidgetItem, column: int, number: float | None) -> None:
        if item.data(column, VALUE_ROLE) == number:
            return  # unchanged: no repaint of the cell
        item.setData(column, VALUE_ROLE, number)
        item.setText(column, "" if number is None else number_text(number))

    # Looks --------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set titles and headers in the current language."""
        for name, item in self._items.items():
            item.setText(NAME_COLUMN, activation_title(ACTIVATIONS[name]))
            item.setToolTip(NAME_COLUMN, self.tr("Tick to plot it; click to select it"))
        self._set_headers()

    def _set_headers(self) -> None:
        self.setHeaderLabels(
            [self.tr("Activation"), "f(x)", "f′(x)", f"max|f′|{superscript(self._depth)}"]
        )
        header_item = self.headerItem()
        header_item.setToolTip(VALUE_COLUMN, self.tr("Value at the crosshair"))
        header_item.setToolTip(DERIVATIVE_COLUMN, self.tr("Slope at the crosshair"))
        header_item.setToolTip(
            DEPTH_COLUMN,
            self.tr(
                "Best case of a gradient after {depth} layers: (max |f′|) to the power {depth}"
            ).format(depth=self._depth),
        )

    def sizeHint(self) -> QSize:
        """Tall enough for every row, so the list never needs scrolling."""
        hint = super().sizeHint()
        rows = sum(self.sizeHintForRow(0) for _ in self._items) if self._items else 0
        height = rows + self.header().sizeHint().height() + 2 * self.frameWidth()
        return QSize(hint.width(), height)

    def minimumSizeHint(self) -> QSize:
        """As tall as sizeHint: the list is the panel's main control."""
        return QSize(super().minimumSizeHint().width(), self.sizeHint().height())

    def preferred_width(self) -> int:
        """The width that shows every title and readout without clipping."""
        metrics = self.fontMetrics()
        names = max(
            metrics.horizontalAdvance(item.text(NAME_COLUMN)) for item in self._items.values()
        )
        indicator = self.style().pixelMetric(self.style().PixelMetric.PM_IndicatorWidth)
        name_column = names + indicator + self.iconSize().width() + 3 * metrics.averageCharWidth()
        numbers = sum(
            self.columnWidth(column)
            for column in READOUT_COLUMNS
            if not self.isColumnHidden(column)
        )
        scroll_bar = self.style().pixelMetric(self.style().PixelMetric.PM_ScrollBarExtent)
        return name_column + numbers + scroll_bar + 2 * self.frameWidth()

    def set_point_readout_visible(self, visible: bool) -> None:
        """Show or hide the f(x) and f′(x) columns (hidden when names would be cut off)."""
        for column in (VALUE_COLUMN, DERIVATIVE_COLUMN):
            self.setColumnHidden(column, not visible)

    def apply_theme(
        self, theme: Theme, colours: Mapping[str, str], font_factor: float = 1.0
    ) -> None:
        """Colour swatches and fonts at ``font_factor`` times the theme's text size."""
        self.setFont(theme.font(font_factor))
        self.header().setFont(theme.font(font_factor, bold=True))
        metrics = QFontMetrics(theme.font(font_factor))
        number_width = metrics.horizontalAdvance(WIDEST_NUMBER) + metrics.averageCharWidth()
        for column in READOUT_COLUMNS:
            self.setColumnWidth(column, number_width)
        side = max(10, round(theme.point_size * font_factor * 1.3))
        self.setIconSize(self.iconSize().scaled(side, side, Qt.AspectRatioMode.IgnoreAspectRatio))
        for name, item in self._items.items():
            swatch = QPixmap(side, side)
            swatch.fill(QColor(colours[name]))
            item.setIcon(NAME_COLUMN, QIcon(swatch))

    # Signals ------------------------------------------------------------------------

    def _emit_if_shown_changed(self) -> None:
        # itemChanged also fires for new texts and icons: only a new set of ticks counts.
        shown = self.shown()
        if shown != self._last_shown:
            self._last_shown = shown
            self.shown_changed.emit(shown)

    @Slot(QTreeWidgetItem, int)
    def _item_changed(self, _item: QTreeWidgetItem, column: int) -> None:
        if column == NAME_COLUMN:
            self._emit_if_shown_changed()

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _current_changed(self, current: QTreeWidgetItem | None, _previous) -> None:
        if current is not None:
            self.selected_changed.emit(current.data(NAME_COLUMN, NAME_ROLE))
