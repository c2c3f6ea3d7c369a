"""Pacing and time travel: the speed slider (steps per second, or as fast as possible) and the
step slider that scrubs back through the recorded run and returns to the live end."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from optlab_gui.ui.widgets.parameter_control import ParameterControl

MIN_SPEED = 1.0
MAX_SPEED = 10_000.0
DEFAULT_SPEED = 100.0


class SpeedControl(QWidget):
    """Steps per second for lecture pacing; "max" runs as fast as the machine can."""

    speed_changed = Signal(object)  # float steps per second, or None for as fast as possible

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slider = ParameterControl(MIN_SPEED, MAX_SPEED, DEFAULT_SPEED, log_scale=True)
        self.slider.setObjectName("speedControl")
        self.fastest = QCheckBox()
        self.fastest.setObjectName("fastestCheck")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.fastest)
        self.slider.value_changed.connect(self._changed)
        self.fastest.toggled.connect(self._changed)

    def speed(self) -> float | None:
        """Steps per second, None for as fast as possible."""
        return None if self.fastest.isChecked() else self.slider.value()

    def retranslate_ui(self) -> None:
        """Labels and tooltips."""
        tip = self.tr("Steps per second, to pace the race for the lecture")
        self.slider.set_label(self.tr("Speed"), tip)
        self.fastest.setText(self.tr("max"))
        self.fastest.setToolTip(self.tr("As fast as the computer can"))

    @Slot()
    def _changed(self) -> None:
        self.slider.setEnabled(not self.fastest.isChecked())
        self.speed_changed.emit(self.speed())


class TimelineBar(QWidget):
    """A slider over the recorded steps, the step on show, and a button back to live."""

    step_requested = Signal(int)
    live_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("timelineSlider")
        self.slider.setRange(0, 0)
        self.label = QLabel()
        self.label.setObjectName("timelineLabel")
        self.live_button = QPushButton()
        self.live_button.setObjectName("liveButton")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.label)
        layout.addWidget(self.live_button)
        self.slider.valueChanged.connect(self._moved)
        self.live_button.clicked.connect(self.live_requested)
        self._first = self._last = self._shown = 0
        self._live = True

    def set_timeline(self, first: int, last: int, shown: int, live: bool) -> None:
        """The recorded steps and the one on show (never emits)."""
        self._first, self._last, self._shown, self._live = first, last, shown, live
        self.slider.blockSignals(True)
        self.slider.setRange(first, max(first, last))
        if not self.slider.isSliderDown():
            self.slider.setValue(shown)
        self.slider.blockSignals(False)
        self.live_button.setEnabled(not live)
        self._relabel()

    def retranslate_ui(self) -> None:
        """Button, tooltips and the step label."""
        self.live_button.setText(self.tr("Live"))
        self.live_button.setToolTip(self.tr("Back to the newest step"))
        self.slider.setToolTip(self.tr("Scrub back through the recorded run"))
        self._relabel()

    def _relabel(self) -> None:
        if self._live:
            self.label.setText(self.tr("step {step}").format(step=self._last))
        else:
            self.label.setText(
                self.tr("step {step} of {last}").format(step=self._shown, last=self._last)
            )

    @Slot(int)
    def _moved(self, value: int) -> None:
        self.step_requested.emit(value)
