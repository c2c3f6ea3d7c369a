"""Formulas and facts of the selected activation: f and f′ typeset, range, zero-centred,
largest slope, where it saturates and what it costs on this machine."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from optlab_gui.core.activations import Activation
from optlab_gui.ui.panels.activations.texts import activation_title, number_text
from optlab_gui.ui.theme import Theme
from optlab_gui.ui.widgets.formula_view import FormulaView

FACT_KEYS = ("range", "zero_centred", "max_derivative", "saturates", "cost")


def _measured(number: float) -> str:
    """A measured figure as people say it: one decimal below 10 (2.5), none above (75)."""
    return f"{number:.1f}" if number < 10 else f"{number:.0f}"


class FactsView(QWidget):
    """The selected activation's title, f and f′ as mathematics, and a small facts table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("factsView")
        self.title = QLabel()
        self.title.setObjectName("factsTitle")
        self.formula = FormulaView()
        self.formula.setObjectName("functionFormula")
        self.derivative_formula = FormulaView()
        self.derivative_formula.setObjectName("derivativeFormula")
        self._form = QFormLayout()
        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.labels: dict[str, QLabel] = {}
        self.values: dict[str, QLabel] = {}
        for key in FACT_KEYS:
            label, value = QLabel(), QLabel()
            value.setObjectName(f"fact_{key}")
            self.labels[key], self.values[key] = label, value
            self._form.addRow(label, value)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.formula)
        layout.addWidget(self.derivative_formula)
        layout.addLayout(self._form)
        layout.addWidget(self.note)
        layout.addStretch(1)

    def set_formulas(self, key: str, formula: str, derivative_formula: str) -> None:
        """Show resources/formulas/<key>.svg and <key>_derivative.svg (LaTeX as fallback)."""
        self.formula.set_formula(key, formula)
        self.derivative_formula.set_formula(f"{key}_derivative", derivative_formula)

    def show_activation(
        self,
        activation: Activation,
        largest_slope: float,
        costs: Mapping[str, float],
        parameters_changed: bool,
    ) -> None:
        """Fill the title and the table for ``activation`` in the current language.

        ``largest_slope`` is max |f′| at the current parameters; ``costs`` the measured ns
        per element so far (by name); the registry's range, zero-centring and saturation
        describe the defaults, which a note says when the parameters differ.
        """
        low, high = activation.output_range
        saturation = {
            "both": self.tr("on both sides"),
            "negative": self.tr("for negative inputs"),
            "none": self.tr("no"),
        }[activation.saturation]
        labels = {
            "range": self.tr("Output range"),
            "zero_centred": self.tr("Zero-centred"),
            "max_derivative": self.tr("Largest slope"),
            "saturates": self.tr("Saturates"),
            "cost": self.tr("Cost per element"),
        }
        values = {
            "range": self.tr("{low} to {high}").format(
                low=number_text(low), high=number_text(high)
            ),
            "zero_centred": self.tr("yes") if activation.zero_centred else self.tr("no"),
            "max_derivative": number_text(largest_slope),
            "saturates": saturation,
            "cost": self._cost_text(activation.name, costs),
        }
        self.title.setText(activation_title(activation))
        for key in FACT_KEYS:
            self.labels[key].setText(labels[key])
            self.values[key].setText(values[key])
        self.labels["cost"].setToolTip(
            self.tr("Measured on this computer: f(x) on 10⁶ numbers, the fastest of 3 runs")
        )
        self.note.setText(
            self.tr("Range, zero-centring and saturation are those of the defaults.")
            if parameters_changed
            else ""
        )
        self.note.setVisible(parameters_changed)

    def _cost_text(self, name: str, costs: Mapping[str, float]) -> str:
        cost = costs.get(name)
        if cost is None:
            return self.tr("measuring…")
        reference = costs.get("relu")
        if reference is None or name == "relu":
            return self.tr("{cost} ns").format(cost=_measured(cost))
        return self.tr("{cost} ns = {ratio}× ReLU").format(
            cost=_measured(cost), ratio=_measured(cost / reference)
        )

    def apply_theme(self, theme: Theme) -> None:
        """Fonts and formula images at the theme's scale and colour."""
        self.title.setFont(theme.font(1.25, bold=True))
        for view in (self.formula, self.derivative_formula):
            view.apply_theme(theme)
        for label in self.labels.values():
            label.setFont(theme.font(bold=True))
        self.note.setFont(theme.font(0.85))
