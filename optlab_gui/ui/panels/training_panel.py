"""The training panel (content arrives with its own issue)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from optlab_gui.ui.panels.base import Panel
from optlab_gui.ui.theme import Theme


class TrainingPanel(Panel):
    """Teaching panel "training"."""

    panel_name = "training"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trainingPanel")
        self._label = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self._label)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self._label.setText(self.tr("TrainingPanel"))

    def apply_theme(self, theme: Theme) -> None:
        self._label.setFont(theme.font(1.5))
