"""A table of (symbol, value, meaning) rows whose values change many times a second.

A rich-text QLabel re-parsed its table and laid out the whole scrolling sidebar on every
update: ~7-10 ms of the GUI thread ten times a second while a race ran (measured with an
event trace), which made the frames late. Here each cell is its own label; when only the
values change (the usual case) only the value labels are set, and each keeps a fixed size
that only ever grows, so Qt repaints them without laying anything out again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from optlab_gui.ui.theme import Theme


class ValueTable(QWidget):
    """Rows of a bold symbol, its current value and a muted, wrapping meaning."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setVerticalSpacing(2)
        self._grid.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._grid)
        layout.addStretch(1)
        self._labels: list[tuple[QLabel, QLabel, QLabel]] = []
        self._shape: list[tuple[str, str]] = []
        self._theme: Theme | None = None

    def set_rows(self, rows: list[tuple[str, str, str]]) -> None:
        """Show ``rows`` of (symbol, value, meaning); cheap when only the values changed."""
        shape = [(symbol, meaning) for symbol, _value, meaning in rows]
        if shape != self._shape:
            self._rebuild(shape)
        for (_symbol, value_label, _meaning), (_s, value, _m) in zip(
            self._labels, rows, strict=True
        ):
            self._set_value(value_label, value)

    def rows(self) -> list[tuple[str, str, str]]:
        """The (symbol, value, meaning) rows on show."""
        return [(s.text(), v.text(), m.text()) for s, v, m in self._labels]

    def apply_theme(self, theme: Theme) -> None:
        """Fonts and colours of the theme (sizes are measured again)."""
        self._theme = theme
        self._grid.setHorizontalSpacing(round(8 * theme.scale))
        shape, values = self._shape, [value.text() for _s, value, _m in self._labels]
        self._rebuild(shape)
        for (_symbol, value_label, _meaning), value in zip(self._labels, values, strict=True):
            self._set_value(value_label, value)

    def _rebuild(self, shape: list[tuple[str, str]]) -> None:
        # Rows are reused (their labels restyled and relabelled), added or removed as needed.
        while len(self._labels) > len(shape):
            for label in self._labels.pop():
                self._grid.removeWidget(label)
                label.setParent(None)
                label.deleteLater()
        while len(self._labels) < len(shape):
            row = len(self._labels)
            labels = (QLabel(), QLabel(), QLabel())
            symbol_label, value_label, meaning_label = labels
            value_label.setTextFormat(Qt.TextFormat.PlainText)
            meaning_label.setWordWrap(True)
            # Meanings take the width left beside the values and wrap there: a narrow sidebar
            # (presentation scale 2) must not scroll sideways for them.
            meaning_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            for column, label in enumerate(labels):
                label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                self._grid.addWidget(label, row, column)
                label.show()
            self._labels.append(labels)
        self._shape = shape
        font = self._theme.font(0.95) if self._theme else QFont(self.font())
        bold = QFont(font)
        bold.setBold(True)
        muted = self._theme.muted if self._theme else "#808080"
        for (symbol_label, value_label, meaning_label), (symbol, meaning) in zip(
            self._labels, shape, strict=True
        ):
            symbol_label.setText(symbol)
            symbol_label.setFont(bold)
            value_label.setFont(font)
            value_label.setFixedSize(0, value_label.fontMetrics().height())
            value_label.clear()
            meaning_label.setText(meaning)
            meaning_label.setFont(font)
            meaning_label.setStyleSheet(f"color: {muted}")

    @staticmethod
    def _set_value(label: QLabel, text: str) -> None:
        if label.text() == text:
            return
        label.setText(text)
        # A fixed size means no layout pass; it grows (one pass) only for a wider value.
        needed = label.fontMetrics().horizontalAdvance(text) + 2
        if needed > label.minimumWidth():
            label.setFixedWidth(needed)
