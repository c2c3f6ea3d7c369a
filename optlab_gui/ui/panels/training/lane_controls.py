"""The optimizers of the race as a list the lecturer drives: take part or not, colour, which
one is inspected, its key hyper-parameters and whether it diverged; and the sliders of the
inspected optimizer's hyper-parameters, live while it runs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, Signal, Slot
from PySide6.QtGui import QAction, QColor, QIcon, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QColorDialog,
    QGridLayout,
    QLabel,
    QMenu,
    QRadioButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from optlab_gui.core.optimizers import OPTIMIZERS
from optlab_gui.ui.panels.training.texts import number_text, optimizer_title, parameter_label
from optlab_gui.ui.theme import Theme
from optlab_gui.ui.widgets.parameter_control import ParameterControl


def key_hyperparameters(optimizer: str, hyper: dict[str, float]) -> str:
    """ "η=0.001 γ=0.9": the hyper-parameters a legend shows (all but ε)."""
    specs = OPTIMIZERS[optimizer].hyperparameters
    return " ".join(
        f"{specs[key].symbol}={number_text(value)}" for key, value in hyper.items() if key != "eps"
    )


class _ElidedText:
    """Shortens a widget's text with "…" to the width it gets, so a long title never widens
    its column (mixed into a QLabel or a button; ``_text_room`` is the width the text has)."""

    _full_text = ""

    def set_full_text(self, text: str) -> None:
        """Show ``text``, elided if needed."""
        self._full_text = text
        self._elide()
        self.updateGeometry()

    def full_text(self) -> str:
        """The text before eliding."""
        return self._full_text

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Elide again for the new width."""
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:
        """Elide again when the font changes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._elide()

    def _text_room(self) -> int:
        return self.width()

    def _elide(self) -> None:
        metrics = self.fontMetrics()
        room = max(0, self._text_room())
        self.setText(metrics.elidedText(self._full_text, Qt.TextElideMode.ElideRight, room))


class ElidedLabel(_ElidedText, QLabel):
    """A label that shortens its text with "…" to the width it gets (full text as tooltip)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        """Show ``text``, elided if needed; the tooltip holds all of it."""
        self.setToolTip(text)
        super().set_full_text(text)


class ElidedRadioButton(_ElidedText, QRadioButton):
    """A radio button whose text shortens with "…" to the width it gets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A radio button never shrinks below its size hint by default; this one may.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _chrome_width(self) -> int:
        """The width of all but the text (the circle, spacing, margins), as the style has it."""
        return super().sizeHint().width() - self.fontMetrics().horizontalAdvance(self.text())

    def _text_room(self) -> int:
        return self.width() - self._chrome_width()

    def sizeHint(self) -> QSize:
        """Wide enough for the whole title."""
        width = self._chrome_width() + self.fontMetrics().horizontalAdvance(self._full_text) + 1
        return QSize(width, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        """Room for the circle and a few letters: the rest of the title may elide."""
        width = self._chrome_width() + self.fontMetrics().horizontalAdvance("MMMM")
        return QSize(width, super().minimumSizeHint().height())


class LaneList(QWidget):
    """One row per optimizer: [take part] [colour] (inspect: title and η, γ...) [status]."""

    enabled_changed = Signal(str, bool)
    color_changed = Signal(str, str)
    inspected_changed = Signal(str)

    def __init__(
        self,
        lanes: list[tuple[str, str]],
        parent: QWidget | None = None,
        lane_title: Callable[[str], str] | None = None,
        titles_may_elide: bool = False,
        idle_lanes_fold: bool = False,
    ) -> None:
        """``lanes``: (lane key, optimizer name) in race order. ``lane_title(lane)`` names a
        lane when the optimizer alone does not (the batch-size lesson races one optimizer
        under three batch regimes); with ``titles_may_elide`` such long titles elide in
        presentation mode rather than take the plots' width. With ``idle_lanes_fold``, in
        presentation only the rows of the lanes that take part (and the inspected one) are
        listed, leaving the sidebar's height to the formula; ``race_menu_button`` (placed
        by the owner) then switches any lane on or off."""
        super().__init__(parent)
        self.setObjectName("laneList")
        self._lanes = lanes
        self._lane_title = lane_title
        self._titles_may_elide = titles_may_elide
        self._idle_lanes_fold = idle_lanes_fold
        self._checks: dict[str, QCheckBox] = {}
        self._swatches: dict[str, QToolButton] = {}
        self._names: dict[str, ElidedRadioButton] = {}
        self._statuses: dict[str, QLabel] = {}
        self._hypers: dict[str, ElidedLabel] = {}
        self._diverged_at: dict[str, int] = {}
        self._colors: dict[str, str] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.race_menu_button = QToolButton(self)
        self.race_menu_button.setObjectName("laneMenuButton")
        self.race_menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.race_menu_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.race_menu_button.setAutoRaise(True)
        self.race_menu_button.setMenu(QMenu(self.race_menu_button))
        self.race_menu_button.setVisible(False)
        self._menu_actions: dict[str, QAction] = {}
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(6)
        layout.setVerticalSpacing(2)
        for row, (lane, _optimizer) in enumerate(lanes):
            check = QCheckBox()
            check.setObjectName(f"laneEnabled_{lane}")
            check.setChecked(True)
            check.toggled.connect(self._on_enabled)
            action = self.race_menu_button.menu().addAction("")
            action.setObjectName(f"laneMenuAction_{lane}")
            action.setCheckable(True)
            action.setChecked(True)
            action.setData(lane)
            action.toggled.connect(check.setChecked)
            self._menu_actions[lane] = action
            swatch = QToolButton()
            swatch.setObjectName(f"laneColor_{lane}")
            swatch.setAutoRaise(True)
            swatch.clicked.connect(self._on_swatch)
            name = ElidedRadioButton()
            name.setObjectName(f"laneInspect_{lane}")
            name.toggled.connect(self._on_inspected)
            self._group.addButton(name)
            hyper = ElidedLabel()
            hyper.setObjectName(f"laneHyper_{lane}")
            status = QLabel()
            status.setObjectName(f"laneStatus_{lane}")
            for widget in (check, swatch, name, hyper, status):
                widget.setProperty("lane", lane)
            layout.addWidget(check, row, 0)
            layout.addWidget(swatch, row, 1)
            layout.addWidget(name, row, 2)
            layout.addWidget(hyper, row, 3)
            layout.addWidget(status, row, 4, Qt.AlignmentFlag.AlignRight)
            self._checks[lane] = check
            self._swatches[lane] = swatch
            self._names[lane] = name
            self._hypers[lane] = hyper
            self._statuses[lane] = status
        layout.setColumnStretch(3, 1)
        self._theme: Theme | None = None

    def lane_keys(self) -> tuple[str, ...]:
        """The lanes listed, in race order."""
        return tuple(lane for lane, _optimizer in self._lanes)

    def is_enabled(self, lane: str) -> bool:
        """True when ``lane`` takes part (is drawn)."""
        return self._checks[lane].isChecked()

    def set_enabled(self, lane: str, enabled: bool) -> None:
        """Tick or untick ``lane`` (emits ``enabled_changed`` if it changes)."""
        self._checks[lane].setChecked(enabled)

    def inspected(self) -> str:
        """The lane whose inside is shown."""
        for lane, button in self._names.items():
            if button.isChecked():
                return lane
        return self._lanes[0][0]

    def set_inspected(self, lane: str) -> None:
        """Inspect ``lane``."""
        self._names[lane].setChecked(True)

    def set_colors(self, colors: dict[str, str]) -> None:
        """Show each lane's colour on its swatch."""
        self._colors.update(colors)
        size = max(12, round(14 * (self._theme.scale if self._theme else 1.0)))
        for lane, color in colors.items():
            pixmap = QPixmap(size, size)
            pixmap.fill(QColor(color))
            self._swatches[lane].setIcon(QIcon(pixmap))
            self._menu_actions[lane].setIcon(QIcon(pixmap))

    def set_hyperparameters(self, lane: str, text: str) -> None:
        """The key hyper-parameters shown after the lane's title (elided when narrow)."""
        self._hypers[lane].set_full_text(text)

    def set_diverged(self, diverged_at: dict[str, int]) -> None:
        """Mark the lanes that diverged (lane -> step)."""
        self._diverged_at = dict(diverged_at)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Titles, tooltips and statuses in the current language."""
        for lane, optimizer in self._lanes:
            title = self._lane_title(lane) if self._lane_title else optimizer_title(optimizer)
            self._names[lane].set_full_text(title)
            self._checks[lane].setToolTip(
                self.tr("Show {optimizer} in the race").format(optimizer=title)
            )
            self._swatches[lane].setToolTip(self.tr("Choose the colour"))
            self._menu_actions[lane].setText(title)
            # The title may be elided: the tooltip names the lane in full.
            self._names[lane].setToolTip(
                f"{title}\n{self.tr('Inspect this optimizer: arrows, formula, plots')}"
            )
            status = self._statuses[lane]
            if lane in self._diverged_at:
                status.setText(self.tr("diverged"))
                status.setToolTip(
                    self.tr("Diverged at step {step}").format(step=self._diverged_at[lane])
                )
            else:
                status.setText("")
                status.setToolTip("")
        self.race_menu_button.setText(self.tr("Optimizers"))
        self.race_menu_button.setToolTip(self.tr("Choose the optimizers that take part"))

    def apply_theme(self, theme: Theme) -> None:
        """Fonts and the colour of the "diverged" mark."""
        self._theme = theme
        # Presentation gives the plots the width, so there the titles may elide.
        shrink = self._titles_may_elide and theme.name == "presentation"
        policy = QSizePolicy.Policy.Preferred if shrink else QSizePolicy.Policy.Minimum
        for name in self._names.values():
            name.setSizePolicy(policy, QSizePolicy.Policy.Fixed)
        for status in self._statuses.values():
            status.setStyleSheet(f"color: {theme.danger}; font-weight: bold;")
        for hyper in self._hypers.values():
            hyper.setStyleSheet(f"color: {theme.muted};")
        self._fold_idle_lanes()

    def _fold_idle_lanes(self) -> None:
        """In presentation (with ``idle_lanes_fold``) list only the lanes that take part and
        the inspected one; elsewhere every lane."""
        folding = (
            self._idle_lanes_fold and self._theme is not None and self._theme.name == "presentation"
        )
        inspected = self.inspected()
        for lane in self.lane_keys():
            listed = not folding or self.is_enabled(lane) or lane == inspected
            for row in (self._checks, self._swatches, self._names, self._hypers, self._statuses):
                row[lane].setVisible(listed)
        self.race_menu_button.setVisible(folding)

    @Slot(bool)
    def _on_enabled(self, enabled: bool) -> None:
        lane = self.sender().property("lane")
        self._menu_actions[lane].setChecked(enabled)
        self._fold_idle_lanes()
        self.enabled_changed.emit(lane, enabled)

    @Slot(bool)
    def _on_inspected(self, checked: bool) -> None:
        if checked:
            self._fold_idle_lanes()
            self.inspected_changed.emit(self.sender().property("lane"))

    @Slot()
    def _on_swatch(self) -> None:
        lane = self.sender().property("lane")
        current = QColor(self._colors.get(lane, "#808080"))
        color = QColorDialog.getColor(current, self, self.tr("Colour of the optimizer"))
        if color.isValid():
            self.color_changed.emit(lane, color.name())


class HyperEditor(QWidget):
    """Sliders for the inspected optimizer's hyper-parameters; changes apply while running."""

    value_changed = Signal(str, str, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hyperEditor")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._lane = ""
        self._optimizer = ""
        self.controls: dict[str, ParameterControl] = {}

    @property
    def lane(self) -> str:
        """The lane being edited."""
        return self._lane

    def show_lane(self, lane: str, optimizer: str, values: dict[str, float]) -> None:
        """Edit ``lane`` (running ``optimizer``), starting from ``values``."""
        if (lane, optimizer) != (self._lane, self._optimizer):
            for control in self.controls.values():
                self._layout.removeWidget(control)
                control.deleteLater()
            self.controls = {}
            self._lane, self._optimizer = lane, optimizer
            for key, spec in OPTIMIZERS[optimizer].hyperparameters.items():
                control = ParameterControl(
                    spec.minimum, spec.maximum, values[key], log_scale=spec.log_scale
                )
                control.setObjectName(f"hyper_{key}")
                box = control.number_box()
                box.setMinimumWidth(box.fontMetrics().horizontalAdvance("0.99999") + 36)
                control.setProperty("key", key)
                control.value_changed.connect(self._on_value)
                self._layout.addWidget(control)
                self.controls[key] = control
            self.retranslate_ui()
        else:
            self.set_values(values)

    def set_values(self, values: dict[str, float]) -> None:
        """Move the sliders to ``values`` without emitting (e.g. after a surface change)."""
        for key, value in values.items():
            control = self.controls.get(key)
            if control is not None:
                control.blockSignals(True)
                control.set_value(value)
                control.blockSignals(False)

    def retranslate_ui(self) -> None:
        """Labels: symbol and meaning."""
        for key, control in self.controls.items():
            label = parameter_label(self._optimizer, key)
            control.set_label(label, label)

    @Slot(float)
    def _on_value(self, value: float) -> None:
        self.value_changed.emit(self._lane, self.sender().property("key"), value)
