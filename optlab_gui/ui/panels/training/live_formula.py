"""The inspected optimizer's update rule as typeset mathematics, in the notes' notation, with
the current values of its terms filled in beside it (they follow the run and time travel)."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLabel, QVBoxLayout, QWidget

from optlab_gui.core.optimizers import OPTIMIZERS
from optlab_gui.ui.theme import Theme
from optlab_gui.ui.widgets.formula_view import MIN_WIDTH, FormulaView
from optlab_gui.ui.widgets.value_table import ValueTable

#: Side by side when there is this much room next to the formula for the values.
VALUES_MIN_WIDTH = 260
#: Qt's "no maximum" for a widget's size (QWIDGETSIZE_MAX; PySide6 does not export it).
UNLIMITED_SIZE = (1 << 24) - 1


def formula_key(optimizer: str) -> str:
    """Key of the optimizer's formula image (resources/formulas/<key>.svg)."""
    return f"optimizer_{optimizer}"


class LiveFormula(QWidget):
    """Update rule and a table of (symbol, value, meaning) rows."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("liveFormula")
        self.caption = QLabel()
        self.caption.setObjectName("formulaCaption")
        self.caption.setWordWrap(True)
        self.formula = FormulaView()
        self.formula.setObjectName("optimizerFormula")
        self.values = ValueTable()
        self.values.setObjectName("formulaValues")
        self._body = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._body.addWidget(self.formula, 0, Qt.AlignmentFlag.AlignTop)
        self._body.addWidget(self.values, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addLayout(self._body, 1)
        self._theme: Theme | None = None
        self._height_room: int | None = None

    def set_height_room(self, pixels: int | None) -> None:
        """Shrink the formula (keeping its aspect) so that the caption and the whole formula
        fit ``pixels`` of height: a lecture shows all of the rule without scrolling, the
        values below it may scroll. None: only the width limits the formula."""
        self._height_room = pixels
        self._arrange()

    def show_optimizer(self, optimizer: str) -> None:
        """Show ``optimizer``'s update rule (its LaTeX as text if the image is missing)."""
        self.formula.set_formula(formula_key(optimizer), " ; ".join(OPTIMIZERS[optimizer].formula))
        self._arrange()

    def set_values(self, caption: str, rows: list[tuple[str, str, str]]) -> None:
        """The caption above, and the (symbol, value, meaning) rows beside the formula."""
        if caption != self.caption.text():
            self.caption.setText(caption)
            self._arrange()
        self.values.set_rows(rows)

    def apply_theme(self, theme: Theme) -> None:
        """Recolour and scale the formula and the text."""
        self._theme = theme
        self.formula.apply_theme(theme)
        self.caption.setFont(theme.font(1.0, bold=True))
        self.values.apply_theme(theme)
        self._arrange()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Values beside the formula when there is room, under it otherwise."""
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        self._fit_height()
        formula_width = min(self.formula.sizeHint().width(), self.formula.maximumWidth())
        room = self.width() - formula_width
        direction = (
            QBoxLayout.Direction.LeftToRight
            if room >= VALUES_MIN_WIDTH * (self._theme.scale if self._theme else 1.0)
            else QBoxLayout.Direction.TopToBottom
        )
        if self._body.direction() != direction:
            self._body.setDirection(direction)

    def _fit_height(self) -> None:
        widest = UNLIMITED_SIZE
        if self._height_room is not None and self.formula.has_image():
            caption = max(0, self.caption.heightForWidth(self.width()))
            room = self._height_room - caption - max(0, self.layout().spacing())
            natural = self.formula.sizeHint()
            if 0 < room < natural.height():
                widest = max(MIN_WIDTH, math.floor(natural.width() * room / natural.height()))
        if self.formula.maximumWidth() != widest:
            self.formula.setMaximumWidth(widest)
