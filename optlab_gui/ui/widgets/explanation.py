"""A read-only rich-text pane for the course notes' explanations, sized by the theme."""

from __future__ import annotations

from PySide6.QtWidgets import QTextBrowser, QWidget

from optlab_gui.ui.theme import Theme


class ExplanationPane(QTextBrowser):
    """Shows an explanation as HTML (headings, paragraphs, lists) in the theme's font."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("explanationPane")
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)
        self._html = ""

    def set_html(self, html: str) -> None:
        """Replace the text (call from retranslate_ui with the translated HTML)."""
        self._html = html
        self.setHtml(html)

    def apply_theme(self, theme: Theme) -> None:
        """Use the theme's (scaled) font and colours; keeps the text."""
        self.setFont(theme.font())
        self.document().setDefaultStyleSheet(
            f"h3 {{ color: {theme.accent}; }} b {{ color: {theme.foreground}; }}"
        )
        self.setHtml(self._html)
