"""The activations panel (content arrives with its own issue)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from optlab_gui.ui.panels.base import Panel
from optlab_gui.ui.theme import Theme


class ActivationPanel(Panel):
    """Teaching panel "activations"."""

    panel_name = "activations"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activationPanel")
        self._label = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self._label)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self._label.setText(self.tr("ActivationPanel"))

    def apply_theme(self, theme: Theme) -> None:
        self._label.setFont(theme.font(1.5))
