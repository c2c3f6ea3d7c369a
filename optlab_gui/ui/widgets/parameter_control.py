"""A labelled slider with a spin box for one real-valued parameter (η, γ, α, depth...).

Dragging the slider and typing in the box stay in step; typed junk such as "nan", "1e999"
or "∞" is never accepted, so a panel only ever sees finite values inside the range.
"""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QSlider, QWidget

SLIDER_STEPS = 1000


class CompactNumberBox(QDoubleSpinBox):
    """A spin box that shows 3 significant digits (1e-08, 0.001, 250) and parses any float."""

    def __init__(self, log_scale: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._log_scale = log_scale
        self.setDecimals(12)
        self.setKeyboardTracking(False)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)

    def textFromValue(self, value: float) -> str:
        """Short text for the value: 3 significant digits."""
        return f"{value:.3g}"

    def valueFromText(self, text: str) -> float:
        """Parse what the user typed (junk maps to the current value)."""
        try:
            value = float(text.strip())
        except ValueError:
            return self.value()
        return value if math.isfinite(value) else self.value()

    def validate(self, text: str, position: int) -> tuple[QValidator.State, str, int]:
        """Accept finite numbers in range; let half-typed numbers through; reject the rest."""
        stripped = text.strip()
        if stripped in ("", "-", "+", ".", "-.", "+.") or stripped.lower().endswith(("e", "e-")):
            return QValidator.State.Intermediate, text, position
        try:
            value = float(stripped)
        except ValueError:
            return QValidator.State.Invalid, text, position
        if not math.isfinite(value):
            return QValidator.State.Invalid, text, position
        if self.minimum() <= value <= self.maximum():
            return QValidator.State.Acceptable, text, position
        return QValidator.State.Intermediate, text, position

    def stepBy(self, steps: int) -> None:
        """Arrow keys: multiply by 10^(1/10) per step on a log scale, else add singleStep."""
        if self._log_scale and self.value() > 0:
            self.setValue(self.value() * 10 ** (0.1 * steps))
        else:
            super().stepBy(steps)


class ParameterControl(QWidget):
    """A labelled slider + number box for a float in [minimum, maximum], optionally log-scaled."""

    value_changed = Signal(float)

    def __init__(
        self,
        minimum: float,
        maximum: float,
        value: float,
        log_scale: bool = False,
        step: float | None = None,
        integer: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        if not minimum < maximum:
            raise ValueError(f"empty range [{minimum}, {maximum}]")
        if log_scale and minimum <= 0:
            raise ValueError("a log-scaled parameter needs a positive minimum")
        self._minimum = float(minimum)
        self._maximum = float(maximum)
        self._log_scale = log_scale
        self._integer = integer
        self._label = QLabel()
        self._slider = QSlider(Qt.Orientation.Horizontal)
        self._slider.setRange(0, SLIDER_STEPS)
        self._box = CompactNumberBox(log_scale)
        self._box.setRange(self._minimum, self._maximum)
        self._box.setSingleStep(step or (1.0 if integer else (maximum - minimum) / 100))
        if integer:
            self._box.setDecimals(0)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._label)
        layout.addWidget(self._slider, 1)
        layout.addWidget(self._box)
        self._value = self._clamp(value)
        self._sync_widgets()
        self._slider.valueChanged.connect(self._slider_moved)
        self._box.valueChanged.connect(self._box_edited)

    def set_label(self, text: str, tooltip: str = "") -> None:
        """Set the label in front of the slider (e.g. "η learning rate") and its tooltip."""
        self._label.setText(text)
        self._label.setToolTip(tooltip)
        self._slider.setToolTip(tooltip)
        self._box.setToolTip(tooltip)

    def value(self) -> float:
        """The current value (an integer-valued float for integer controls)."""
        return self._value

    def set_value(self, value: float) -> None:
        """Set the value programmatically (clamped); emits value_changed if it changed."""
        clamped = self._clamp(value)
        if clamped != self._value:
            self._value = clamped
            self._sync_widgets()
            self.value_changed.emit(self._value)

    def slider(self) -> QSlider:
        """The slider, for tests and keyboard focus."""
        return self._slider

    def number_box(self) -> CompactNumberBox:
        """The number box, for tests and keyboard focus."""
        return self._box

    def _clamp(self, value: float) -> float:
        value = float(value)
        if not math.isfinite(value):
            return self._value if hasattr(self, "_value") else self._minimum
        value = min(self._maximum, max(self._minimum, value))
        return float(round(value)) if self._integer else value

    def _to_slider(self, value: float) -> int:
        if self._log_scale:
            span = math.log10(self._maximum) - math.log10(self._minimum)
            fraction = (math.log10(value) - math.log10(self._minimum)) / span
        else:
            fraction = (value - self._minimum) / (self._maximum - self._minimum)
        return round(fraction * SLIDER_STEPS)

    def _from_slider(self, position: int) -> float:
        fraction = position / SLIDER_STEPS
        if self._log_scale:
            low, high = math.log10(self._minimum), math.log10(self._maximum)
            return 10 ** (low + fraction * (high - low))
        return self._minimum + fraction * (self._maximum - self._minimum)

    def _sync_widgets(self) -> None:
        for widget in (self._slider, self._box):
            widget.blockSignals(True)
        self._slider.setValue(self._to_slider(self._value))
        self._box.setValue(self._value)
        for widget in (self._slider, self._box):
            widget.blockSignals(False)

    @Slot(int)
    def _slider_moved(self, position: int) -> None:
        self.set_value(self._from_slider(position))

    @Slot(float)
    def _box_edited(self, value: float) -> None:
        self.set_value(value)
