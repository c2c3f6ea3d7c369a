"""Colours, fonts, pen widths and the presentation scale that every panel reads.

One ``ThemeManager`` lives on the application; panels ask it for the current ``Theme``
and restyle themselves when ``theme_changed`` fires. Nothing else picks a colour.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

# Okabe & Ito's colour-blind-safe palette first, then Paul Tol's for more series.
_SERIES_ON_DARK = (
    "#56B4E9", "#E69F00", "#009E73", "#F0E442", "#CC79A7", "#D55E00", "#0072B2",
    "#88CCEE", "#DDCC77", "#44AA99", "#AA4499", "#999933", "#EEEEEE",
)  # fmt: skip
_SERIES_ON_LIGHT = (
    "#0072B2", "#D55E00", "#009E73", "#B8860B", "#CC79A7", "#E69F00", "#56B4E9",
    "#332288", "#882255", "#117733", "#AA4499", "#999933", "#000000",
)  # fmt: skip

MIN_SCALE = 1.0
MAX_SCALE = 2.5
DEFAULT_PRESENTATION_SCALE = 1.5


@dataclass(frozen=True)
class Theme:
    """A complete look: colours, base font size and the presentation scale factor."""

    name: str
    dark: bool
    window: str
    panel: str
    plot_background: str
    foreground: str
    muted: str
    grid: str
    accent: str
    highlight: str
    danger: str
    sensitive_region: str
    series: tuple[str, ...]
    base_point_size: float = 10.0
    scale: float = 1.0
    base_pen_width: float = 2.0

    @property
    def point_size(self) -> float:
        """The font size of ordinary text, scaled for the lecture hall."""
        return self.base_point_size * self.scale

    @property
    def pen_width(self) -> float:
        """The width of plotted curves, scaled so they read from the back row."""
        return self.base_pen_width * self.scale

    def series_color(self, index: int) -> str:
        """The colour of the index-th series (activation, optimizer, layer...)."""
        return self.series[index % len(self.series)]

    def font(self, factor: float = 1.0, bold: bool = False) -> QFont:
        """An application font at ``factor`` times the scaled base size."""
        font = QFont(QApplication.font())
        font.setPointSizeF(max(6.0, self.point_size * factor))
        font.setBold(bold)
        return font

    def with_scale(self, scale: float) -> Theme:
        """The same theme at another presentation scale (clamped to 1.0–2.5)."""
        return replace(self, scale=min(MAX_SCALE, max(MIN_SCALE, float(scale))))


DARK = Theme(
    name="dark",
    dark=True,
    window="#1e2127",
    panel="#272b33",
    plot_background="#15171c",
    foreground="#e6e6e6",
    muted="#9aa0aa",
    grid="#3a3f4a",
    accent="#56B4E9",
    highlight="#3d5a80",
    danger="#ff6b6b",
    sensitive_region="#2e4a3a",
    series=_SERIES_ON_DARK,
)

LIGHT = Theme(
    name="light",
    dark=False,
    window="#f4f4f2",
    panel="#ffffff",
    plot_background="#ffffff",
    foreground="#111111",
    muted="#555555",
    grid="#d0d0d0",
    accent="#0072B2",
    highlight="#cfe3f3",
    danger="#c00000",
    sensitive_region="#d9f0e3",
    series=_SERIES_ON_LIGHT,
)

# The projector theme: pure white, pure black text, thicker lines.
PRESENTATION = replace(
    LIGHT,
    name="presentation",
    window="#ffffff",
    muted="#333333",
    grid="#bbbbbb",
    base_pen_width=2.5,
    scale=DEFAULT_PRESENTATION_SCALE,
)

THEMES = {theme.name: theme for theme in (DARK, LIGHT, PRESENTATION)}


def qcolor(color: str, alpha: int | None = None) -> QColor:
    """A QColor from a theme colour string, optionally with alpha 0–255."""
    result = QColor(color)
    if alpha is not None:
        result.setAlpha(alpha)
    return result


class ThemeManager(QObject):
    """Owns the current theme, applies it to the application and tells the panels."""

    theme_changed = Signal(object)

    def __init__(self, theme: Theme = DARK, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._theme = theme
        self._base_font = QFont(QApplication.font())

    @property
    def theme(self) -> Theme:
        """The theme in force."""
        return self._theme

    def set_theme(self, theme: Theme) -> None:
        """Switch to ``theme``, restyle the application and notify every panel."""
        self._theme = theme
        self.apply_to_application()
        self.theme_changed.emit(theme)

    def set_scale(self, scale: float) -> None:
        """Change only the presentation scale of the current theme."""
        self.set_theme(self._theme.with_scale(scale))

    def apply_to_application(self) -> None:
        """Push the theme into the QApplication palette, font and pyqtgraph defaults."""
        import pyqtgraph

        theme = self._theme
        app = QApplication.instance()
        palette = QPalette()
        roles = {
            QPalette.ColorRole.Window: theme.window,
            QPalette.ColorRole.WindowText: theme.foreground,
            QPalette.ColorRole.Base: theme.panel,
            QPalette.ColorRole.AlternateBase: theme.window,
            QPalette.ColorRole.Text: theme.foreground,
            QPalette.ColorRole.Button: theme.panel,
            QPalette.ColorRole.ButtonText: theme.foreground,
            QPalette.ColorRole.ToolTipBase: theme.panel,
            QPalette.ColorRole.ToolTipText: theme.foreground,
            QPalette.ColorRole.Highlight: theme.accent,
            QPalette.ColorRole.HighlightedText: theme.panel,
            QPalette.ColorRole.PlaceholderText: theme.muted,
            QPalette.ColorRole.Link: theme.accent,
        }
        for role, color in roles.items():
            palette.setColor(role, QColor(color))
        for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                     QPalette.ColorRole.ButtonText):  # fmt: skip
            palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(theme.muted))
        app.setPalette(palette)
        font = QFont(self._base_font)
        font.setPointSizeF(theme.point_size)
        app.setFont(font)
        pyqtgraph.setConfigOptions(
            background=theme.plot_background, foreground=theme.foreground, antialias=True
        )
