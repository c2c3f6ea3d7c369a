"""The activations panel: what each activation does to a signal and to its gradient.

Tick activations to plot f and f′, drag their parameters, read values under the crosshair,
watch (max |f′|)^L collapse with depth, and see a deep network without a non-linearity
stay a straight line. Every number comes from optlab_gui.core; this module arranges the
views, keeps the state (shown, selected, parameters, depth, seed) and redraws at most once
per frame through a FrameClock.
"""

from __future__ import annotations

from functools import partial

import numpy as np
from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from optlab_gui.core.activations import ACTIVATIONS, Activation
from optlab_gui.core.function_stack import (
    MAX_DEPTH,
    WIDTH,
    RandomDeepNetwork,
    best_case_gradient,
    signal_vanished,
)
from optlab_gui.ui import export as export_ui
from optlab_gui.ui.frame_clock import FrameClock
from optlab_gui.ui.panels.activations.activation_table import ActivationTable
from optlab_gui.ui.panels.activations.cost_measurement import CostMeasurement
from optlab_gui.ui.panels.activations.curves_view import MAX_SAMPLES, CurvesView, true_runs
from optlab_gui.ui.panels.activations.depth_view import DepthView
from optlab_gui.ui.panels.activations.facts_view import FactsView
from optlab_gui.ui.panels.activations.network_view import NetworkView
from optlab_gui.ui.panels.activations.ranges import padded_range
from optlab_gui.ui.panels.activations.texts import (
    activation_title,
    explanation_html,
    number_text,
    parameter_meaning,
)
from optlab_gui.ui.panels.base import EXPORT, RESET, Panel
from optlab_gui.ui.scenes import Choice, Flag, Items, Number, Record
from optlab_gui.ui.theme import Theme
from optlab_gui.ui.widgets.explanation import ExplanationPane
from optlab_gui.ui.widgets.parameter_control import ParameterControl

DEFAULT_SHOWN = ("sigmoid", "tanh", "relu")
DEFAULT_SELECTED = "sigmoid"
DEFAULT_X_RANGE = (-5.0, 5.0)
DEFAULT_DEPTH = 10
DEFAULT_READOUT_X = 1.0
#: Shares of the panel's width the list and the formulas/facts column may take at most.
MAX_LIST_SHARE, MIN_INFO_SHARE, MAX_INFO_SHARE = 0.34, 0.2, 0.27
#: Font size of the controls column in presentation mode, relative to the theme's text.
PRESENTATION_CONTROL_FONT = 0.75
#: Milliseconds without slider or view movement before curves are drawn antialiased again.
SETTLE_MS = 250
#: Largest seed and |x| a scene may hold.
MAX_SCENE_SEED, SCENE_X_LIMIT = 2**31 - 1, 1000.0
#: Saturated means |f′| below this fraction of its maximum (the notes' flat regions).
SATURATION_THRESHOLD = 0.05
#: The Maxout parameters that make it exactly ReLU.
MAXOUT_AS_RELU = {"w1": 0.0, "b1": 0.0, "w2": 1.0, "b2": 0.0}
NETWORK_INPUTS = np.linspace(-3.0, 3.0, 241)
DEPTHS = np.arange(1, MAX_DEPTH + 1)
#: Smallest margin around the curves when the view is reset (relative to their size).
VIEW_MINIMUM_MARGIN = 0.05

# Parts of the panel a redraw may have to refresh.
SAMPLES_PART, MARKS, DEPTH, NETWORK, READOUT, FACTS = (
    "samples",
    "marks",
    "depth",
    "network",
    "readout",
    "facts",
)
ALL_PARTS = {SAMPLES_PART, MARKS, DEPTH, NETWORK, READOUT, FACTS}


class ActivationPanel(Panel):
    """Teaching panel "activations": curves, derivatives, depth and why non-linearity."""

    panel_name = "activations"
    supported_actions = frozenset({RESET, EXPORT})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activationPanel")
        self._names = list(ACTIVATIONS)
        self._parameters = {name: act.defaults for name, act in ACTIVATIONS.items()}
        self._depth = DEFAULT_DEPTH
        self._seed = 0
        self._network = RandomDeepNetwork.random(self._seed)
        self._samples = np.linspace(*DEFAULT_X_RANGE, MAX_SAMPLES)
        self._curve_values: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        # Readout numbers per activation, kept until its parameters (or x, L) change: a
        # slider step recomputes one activation's, not all twelve.
        self._point_values: dict[str, tuple[tuple, tuple[float, float]]] = {}
        self._depth_factors: dict[str, tuple[tuple, float]] = {}
        self._readout_x = DEFAULT_READOUT_X
        self._costs: dict[str, float] = {}
        self._cost_measurement: CostMeasurement | None = None
        self._stale_curves: set[str] = set()
        self._stale_parts: set[str] = set()
        self._parameter_controls: dict[str, ParameterControl] = {}
        self._columns_fitted = False
        self._tabbed = False
        self._shut_down = False
        self._linear_outputs: tuple[tuple[int, int] | None, np.ndarray] = (None, np.empty(0))
        self._network_titles: tuple[str, int] | None = None
        self._clock = FrameClock(self._redraw, self)
        # Curves are drawn in draft quality while sliders or the view move, and in full
        # quality once nothing has moved for SETTLE_MS.
        self._settle_timer = QTimer(self)
        self._settle_timer.setSingleShot(True)
        self._settle_timer.setInterval(SETTLE_MS)
        self._settle_timer.timeout.connect(self._settle)

        self._build_widgets()
        self._table.set_shown(DEFAULT_SHOWN)
        self._table.set_selected(DEFAULT_SELECTED)
        self._table.shown_changed.connect(self._on_shown_changed)
        self._table.selected_changed.connect(self._on_selected_changed)
        self._build_parameter_controls()
        self.retranslate_ui()
        self.apply_theme(self.theme)  # which also lists the shown curves in the legend
        self._curves.set_live(self.selected_activation().name)
        self._depth_view.set_shown(self.shown())
        self.reset_view()
        self._request(ALL_PARTS, curves=self.shown())
        self._clock.flush()

    # Construction -----------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self._table = ActivationTable()
        self._readout_label = QLabel()
        self._readout_label.setObjectName("crosshairReadout")
        self._hint_label = QLabel()
        self._hint_label.setWordWrap(True)
        self._activations_box = QGroupBox()
        box_layout = QVBoxLayout(self._activations_box)
        box_layout.addWidget(self._hint_label)
        box_layout.addWidget(self._readout_label)
        box_layout.addWidget(self._table)

        self._parameters_box = QGroupBox()
        self._parameters_form = QFormLayout()
        self._no_parameters_label = QLabel()
        self._no_parameters_label.setWordWrap(True)
        self._maxout_relu_button = QPushButton()
        self._maxout_relu_button.setObjectName("maxoutAsReluButton")
        self._maxout_relu_button.clicked.connect(self._make_maxout_relu)
        self._default_parameters_button = QPushButton()
        self._default_parameters_button.setObjectName("defaultParametersButton")
        self._default_parameters_button.clicked.connect(self._reset_selected_parameters)
        parameters_layout = QVBoxLayout(self._parameters_box)
        parameters_layout.addLayout(self._parameters_form)
        parameters_layout.addWidget(self._no_parameters_label)
        parameters_layout.addWidget(self._maxout_relu_button)
        parameters_layout.addWidget(self._default_parameters_button)

        self._overlay_check = QCheckBox()
        self._overlay_check.setObjectName("overlayCheck")
        self._overlay_check.toggled.connect(self._set_overlaid)
        self._reset_view_button = QPushButton()
        self._reset_view_button.setObjectName("resetViewButton")
        self._reset_view_button.clicked.connect(self.reset_view)
        view_row = QHBoxLayout()
        view_row.setContentsMargins(0, 0, 0, 0)
        view_row.addWidget(self._overlay_check, 1)
        view_row.addWidget(self._reset_view_button)

        controls = QWidget()
        controls.setObjectName("activationControls")
        controls_layout = QVBoxLayout(controls)
        controls_layout.setContentsMargins(0, 0, 4, 0)
        controls_layout.addWidget(self._activations_box)
        controls_layout.addLayout(view_row)
        controls_layout.addWidget(self._parameters_box)
        controls_layout.addStretch(1)
        self._controls_scroll = QScrollArea()
        self._controls_scroll.setObjectName("activationControlsScroll")
        self._controls_scroll.setWidget(controls)
        self._controls_scroll.setWidgetResizable(True)
        self._controls_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._controls_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self._curves = CurvesView(self._names)
        self._curves.crosshair_moved.connect(self._on_crosshair_moved)
        self._curves.x_range_changed.connect(self._on_x_range_changed)
        self._depth_view = DepthView(self._names, MAX_DEPTH)
        self._network_view = NetworkView()
        self._depth_control = ParameterControl(1, MAX_DEPTH, self._depth, integer=True)
        self._depth_control.setObjectName("depthControl")
        self._depth_control.value_changed.connect(self._on_depth_changed)
        self._new_weights_button = QPushButton()
        self._new_weights_button.setObjectName("newWeightsButton")
        self._new_weights_button.clicked.connect(self.new_random_weights)
        depth_row = QHBoxLayout()
        depth_row.setContentsMargins(4, 0, 4, 0)
        depth_row.addWidget(self._depth_control, 1)
        depth_row.addWidget(self._new_weights_button)
        lower_plots = QHBoxLayout()
        lower_plots.setContentsMargins(0, 0, 0, 0)
        lower_plots.addWidget(self._depth_view, 1)
        lower_plots.addWidget(self._network_view, 1)
        self._lower = QWidget()
        self._lower.setObjectName("depthAndNetwork")
        lower_layout = QVBoxLayout(self._lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(lower_plots, 1)
        lower_layout.addLayout(depth_row)
        self._plots_splitter = QSplitter(Qt.Orientation.Vertical)
        self._plots_splitter.setObjectName("activationPlotsSplitter")
        self._plots_splitter.addWidget(self._curves)
        self._plots_splitter.addWidget(self._lower)
        self._plots_splitter.setStretchFactor(0, 3)
        self._plots_splitter.setStretchFactor(1, 2)
        # Presentation mode shows the same views as tabs, each at full size.
        self._view_tabs = QTabWidget()
        self._view_tabs.setObjectName("activationViewTabs")
        self._centre = QStackedWidget()
        self._centre.addWidget(self._plots_splitter)
        self._centre.addWidget(self._view_tabs)

        self._facts = FactsView()
        self._explanation = ExplanationPane()
        self._info_splitter = QSplitter(Qt.Orientation.Vertical)
        self._info_splitter.setObjectName("activationInfoSplitter")
        self._info_splitter.addWidget(self._facts)
        self._info_splitter.addWidget(self._explanation)
        self._info_splitter.setStretchFactor(1, 1)
        self._info_splitter.setChildrenCollapsible(False)

        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter.setObjectName("activationSplitter")
        self._splitter.addWidget(self._controls_scroll)
        self._splitter.addWidget(self._centre)
        self._splitter.addWidget(self._info_splitter)
        self._splitter.setChildrenCollapsible(False)
        self._splitter.setStretchFactor(0, 0)
        self._splitter.setStretchFactor(1, 1)
        self._splitter.setStretchFactor(2, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._splitter)

    def _build_parameter_controls(self) -> None:
        """One slider per parameter of the selected activation (rebuilt on selection)."""
        for control in self._parameter_controls.values():
            self._parameters_form.removeRow(control)
        self._parameter_controls = {}
        activation = self.selected_activation()
        for key, spec in activation.parameters.items():
            control = ParameterControl(
                spec.minimum, spec.maximum, self._parameters[activation.name][key], step=spec.step
            )
            control.setObjectName(f"parameter_{key}")
            control.value_changed.connect(partial(self._on_parameter_changed, key))
            self._parameters_form.addRow(control)
            self._parameter_controls[key] = control
        self._no_parameters_label.setVisible(not activation.parameters)
        self._maxout_relu_button.setVisible(activation.has_pieces)
        self._fold_secondary_controls()
        self._label_parameter_controls()

    def _label_parameter_controls(self) -> None:
        activation = self.selected_activation()
        for key, control in self._parameter_controls.items():
            spec = activation.parameters[key]
            control.set_label(spec.symbol, parameter_meaning(activation, key))

    # State --------------------------------------------------------------------------

    def shown(self) -> list[str]:
        """The names of the plotted activations (registry order)."""
        return self._table.shown()

    def set_shown(self, names) -> None:
        """Plot exactly the activations ``names``."""
        self._table.set_shown(list(names))

    def selected_activation(self) -> Activation:
        """The activation whose parameters, formulas, facts and explanation are on show."""
        return ACTIVATIONS[self._table.selected()]

    def select(self, name: str) -> None:
        """Select activation ``name``."""
        self._table.set_selected(name)

    def parameters(self, name: str) -> dict[str, float]:
        """The current parameters of activation ``name`` (a copy)."""
        return dict(self._parameters[name])

    def parameter_control(self, key: str) -> ParameterControl:
        """The slider of parameter ``key`` of the selected activation."""
        return self._parameter_controls[key]

    def set_depth(self, depth: int) -> None:
        """Choose the depth L of the depth plot and of the network."""
        self._depth_control.set_value(depth)

    def curves_view(self) -> CurvesView:
        """The f / f′ plots (for tests and the benchmark)."""
        return self._curves

    def depth_view(self) -> DepthView:
        """The (max |f′|)^L plot."""
        return self._depth_view

    def network_view(self) -> NetworkView:
        """The "why non-linearity" plots."""
        return self._network_view

    def activation_table(self) -> ActivationTable:
        """The activations list with its readouts."""
        return self._table

    def facts_view(self) -> FactsView:
        """Formulas and facts of the selected activation."""
        return self._facts

    def explanation(self) -> ExplanationPane:
        """The explanation pane."""
        return self._explanation

    def frame_clock(self) -> FrameClock:
        """The clock that coalesces redraws (tests flush it, the benchmark counts it)."""
        return self._clock

    # Scenes -----------------------------------------------------------------------------

    def scene_schema(self) -> Record:
        """Plotted and selected activations, every parameter, depth, seed and view."""
        names = tuple(self._names)
        return Record(
            {
                "shown": Items(Choice(names), 0, len(names), unique=True),
                "selected": Choice(names),
                "parameters": Record(
                    {
                        name: Record(
                            {
                                key: Number(spec.minimum, spec.maximum)
                                for key, spec in activation.parameters.items()
                            }
                        )
                        for name, activation in ACTIVATIONS.items()
                    }
                ),
                "depth": Number(1, MAX_DEPTH, integer=True),
                "seed": Number(0, MAX_SCENE_SEED, integer=True),
                "overlaid": Flag(),
                "x_range": Items(Number(-SCENE_X_LIMIT, SCENE_X_LIMIT), 2, 2),
                "readout_x": Number(-SCENE_X_LIMIT, SCENE_X_LIMIT),
            },
            problem=self.scene_problem,
        )

    def scene_state(self) -> dict:
        """The panel's state as a scene (see :meth:`scene_schema`)."""
        return {
            "shown": self.shown(),
            "selected": self.selected_activation().name,
            "parameters": {name: dict(values) for name, values in self._parameters.items()},
            "depth": self._depth,
            "seed": self._seed,
            "overlaid": self._overlay_check.isChecked(),
            "x_range": [round(x, 9) for x in self._curves.visible_x_range()],
            "readout_x": self._readout_x,
        }

    def scene_problem(self, state: dict) -> str | None:
        """The x range must run left to right."""
        low, high = state["x_range"]
        if not low < high:
            return self.tr("state.x_range must run from a smaller to a larger x")
        return None

    def apply_scene_state(self, state: dict) -> None:
        """Show a checked scene: activations, parameters, depth, weights and view."""
        for name, values in state["parameters"].items():
            self._parameters[name] = {key: float(value) for key, value in values.items()}
        self.set_shown(state["shown"])
        self.select(state["selected"])
        self._build_parameter_controls()
        self._depth_control.set_value(state["depth"])
        self._seed = int(state["seed"])
        self._network = RandomDeepNetwork.random(self._seed)
        self._overlay_check.setChecked(state["overlaid"])
        self._readout_x = float(state["readout_x"])
        self._curves.set_crosshair(self._readout_x)
        self._fit_view(tuple(float(x) for x in state["x_range"]))
        self._request(ALL_PARTS, curves=self.shown())
        self._clock.flush()

    def main_plot(self) -> QWidget:
        """The f / f′ plots."""
        return self._curves

    def _titles(self) -> dict[str, str]:
        return {name: activation_title(ACTIVATIONS[name]) for name in self._names}

    def _colours(self, theme: Theme) -> dict[str, str]:
        return {name: theme.series_color(index) for index, name in enumerate(self._names)}

    # Redrawing ------------------------------------------------------------------------

    def _request(self, parts=(), curves=()) -> None:
        if self._shut_down:  # late signals (a last measured cost) after the window closed
            return
        self._stale_parts.update(parts)
        self._stale_curves.update(curves)
        self._clock.request_redraw()

    def _redraw(self) -> None:
        parts, self._stale_parts = self._stale_parts, set()
        curves, self._stale_curves = self._stale_curves, set()
        shown = self.shown()
        resampled = SAMPLES_PART in parts
        if resampled:
            self._samples = np.linspace(
                *self._curves.visible_x_range(), self._curves.sample_count()
            )
        for name in shown:
            if name in curves or resampled:
                self._update_curve(name)
            if name in curves:
                self._update_depth_curve(name)
        if curves or resampled or MARKS in parts:
            self._update_marks(shown)
        if curves or DEPTH in parts:
            self._update_depth_marks(shown)
        if NETWORK in parts:
            self._update_network()
        if READOUT in parts:
            self._update_readout(shown)
        if FACTS in parts:
            self._update_facts()

    def _update_curve(self, name: str) -> None:
        activation, params = ACTIVATIONS[name], self._parameters[name]
        value = activation.value(self._samples, **params)
        derivative = activation.derivative(self._samples, **params)
        self._curve_values[name] = (value, derivative)
        self._curves.set_curve(name, self._samples, value, derivative)

    def _update_marks(self, shown: list[str]) -> None:
        activation = self.selected_activation()
        params = self._parameters[activation.name]
        colours = self._colours(self.theme)
        if activation.name in shown:
            mask = activation.saturation_mask(self._samples, SATURATION_THRESHOLD, **params)
            intervals = true_runs(self._samples, mask)
        else:
            intervals = []
        if activation.name == "relu":
            label = self.tr("dead ReLU: f′ = 0, no gradient flows")
        else:
            label = self.tr("saturated: |f′| < 5 % of max")
        self._curves.set_saturation(intervals, colours[activation.name], label)
        maxout = ACTIVATIONS["maxout"]
        if maxout.name in shown:
            pieces = maxout.pieces(self._samples, **self._parameters[maxout.name])
            self._curves.set_pieces(maxout.name, self._samples, pieces)
        else:
            self._curves.set_pieces(None, self._samples, ())
        sigmoid = ACTIVATIONS["sigmoid"]
        if sigmoid.name in shown:
            peak = sigmoid.max_derivative()
            text = self.tr("max σ′ = σ′(0) = {peak}").format(peak=number_text(peak))
            self._curves.set_peak_mark(0.0, peak, text, colours[sigmoid.name])
        else:
            self._curves.set_peak_mark(None, 0.0, "", "")

    def _update_depth_curve(self, name: str) -> None:
        factors = best_case_gradient(ACTIVATIONS[name], DEPTHS, **self._parameters[name])
        self._depth_view.set_curve(name, DEPTHS, factors)

    def _update_depth_marks(self, shown: list[str]) -> None:
        factors = {
            name: self._latest(self._depth_factors, name, self._depth, self._depth_factor)
            for name in shown
        }
        self._depth_view.set_depth(self._depth, factors)
        self._table.set_depth_readout(self._depth, factors)

    def _update_network(self) -> None:
        activation = self.selected_activation()
        params = self._parameters[activation.name]
        network, depth = self._network, self._depth
        activated = network.forward(NETWORK_INPUTS, activation, depth, **params)
        # The linear stack depends only on the weights and the depth, not on the sliders.
        if self._linear_outputs[0] != (network.seed, depth):
            linear = network.forward(NETWORK_INPUTS, ACTIVATIONS["linear"], depth)
            self._linear_outputs = ((network.seed, depth), linear)
        linear = self._linear_outputs[1]
        notes = [self._network_note(activation, outputs) for outputs in (activated, linear)]
        self._network_view.set_outputs(NETWORK_INPUTS, activated, linear, notes)
        if self._network_titles != (activation.name, depth):
            self._retranslate_network()

    def _network_note(self, activation: Activation, outputs: np.ndarray) -> str:
        title = activation_title(activation)
        if not np.all(np.isfinite(outputs)):
            return self.tr("{activation}: diverged (the numbers overflowed)").format(
                activation=title
            )
        if signal_vanished(outputs):
            return self.tr("{activation}: flat, x no longer reaches the output").format(
                activation=title
            )
        return ""

    def _depth_factor(self, name: str, depth: int) -> float:
        return float(best_case_gradient(ACTIVATIONS[name], depth, **self._parameters[name]))

    def _point_value(self, name: str, x: float) -> tuple[float, float]:
        activation, params = ACTIVATIONS[name], self._parameters[name]
        return float(activation.value(x, **params)), float(activation.derivative(x, **params))

    def _latest(self, cache: dict, name: str, argument, compute):
        """``compute(name, argument)``, reused while ``name``'s parameters and ``argument``
        stay the same."""
        key = (argument, tuple(self._parameters[name].items()))
        cached = cache.get(name)
        if cached is None or cached[0] != key:
            cached = cache[name] = (key, compute(name, argument))
        return cached[1]

    def _update_readout(self, shown: list[str]) -> None:
        x = self._readout_x
        values = {
            name: self._latest(self._point_values, name, x, self._point_value) for name in shown
        }
        self._table.set_point_readout(x, values)
        self._curves.set_crosshair(x)
        self._readout_label.setText(self.tr("Readout at x = {x}").format(x=number_text(x)))

    def _update_facts(self) -> None:
        activation = self.selected_activation()
        params = self._parameters[activation.name]
        self._facts.show_activation(
            activation,
            activation.max_derivative(**params),
            self._costs,
            parameters_changed=params != activation.defaults,
        )

    # Reactions ------------------------------------------------------------------------

    @Slot(list)
    def _on_shown_changed(self, shown: list) -> None:
        self._curves.set_shown(shown, self._titles())
        self._depth_view.set_shown(shown)
        self.fit_y_ranges()
        self._request({MARKS, DEPTH, READOUT}, curves=shown)

    @Slot(str)
    def _on_selected_changed(self, name: str) -> None:
        self._curves.set_live(name)
        self._build_parameter_controls()
        self._style_network(self.theme)
        self._set_explanation()
        self._set_formulas()
        self._request({MARKS, NETWORK, FACTS})

    def _on_parameter_changed(self, key: str, value: float) -> None:
        name = self.selected_activation().name
        self._parameters[name][key] = value
        self._draft_until_settled()
        self._request({MARKS, DEPTH, NETWORK, READOUT, FACTS}, curves=[name])

    def _draft_until_settled(self) -> None:
        # Until the first frame is on screen nothing moves: the view is only being laid out.
        if self._shut_down or not self.first_frame_shown():
            return
        self._curves.set_draft(True)
        self._network_view.set_draft(True)
        self._settle_timer.start()

    @Slot()
    def _settle(self) -> None:
        self._curves.set_draft(False)
        self._network_view.set_draft(False)

    @Slot(float)
    def _on_depth_changed(self, depth: float) -> None:
        self._depth = int(depth)
        self._request({DEPTH, NETWORK})

    @Slot(float)
    def _on_crosshair_moved(self, x: float) -> None:
        self._readout_x = x
        self._request({READOUT})

    @Slot()
    def _on_x_range_changed(self) -> None:
        self._draft_until_settled()
        self._request({SAMPLES_PART})

    @Slot(bool)
    def _set_overlaid(self, overlaid: bool) -> None:
        self._curves.set_overlaid(overlaid)
        self._retranslate_curves()
        self.reset_view()

    @Slot()
    def _make_maxout_relu(self) -> None:
        for key, value in MAXOUT_AS_RELU.items():
            self._parameter_controls[key].set_value(value)

    @Slot()
    def _reset_selected_parameters(self) -> None:
        activation = self.selected_activation()
        for key, value in activation.defaults.items():
            self._parameter_controls[key].set_value(value)

    @Slot()
    def new_random_weights(self) -> None:
        """Draw a new random network for the "why non-linearity" view."""
        self._seed += 1
        self._network = RandomDeepNetwork.random(self._seed)
        self._request({NETWORK})

    @Slot()
    def reset_view(self) -> None:
        """Show x in [−5, 5] and fit y to the plotted curves there."""
        self._fit_view(DEFAULT_X_RANGE)

    def fit_y_ranges(self) -> None:
        """Keep the x range on screen and fit y to the plotted curves over it."""
        self._fit_view(self._curves.visible_x_range())

    def _fit_view(self, x_range: tuple[float, float]) -> None:
        x = np.linspace(*x_range, MAX_SAMPLES)
        values, derivatives = [], []
        for name in self.shown():
            activation, params = ACTIVATIONS[name], self._parameters[name]
            values.append(activation.value(x, **params))
            derivatives.append(activation.derivative(x, **params))
        self._curves.set_view(
            x_range,
            padded_range(values, VIEW_MINIMUM_MARGIN),
            padded_range(derivatives, VIEW_MINIMUM_MARGIN),
        )

    @Slot(str, float)
    def _on_cost_measured(self, name: str, cost: float) -> None:
        self._costs[name] = cost
        self._request({FACTS})

    # Panel hooks ----------------------------------------------------------------------

    def reset(self) -> None:
        """R: every parameter back to its default, the default view and depth."""
        for name, activation in ACTIVATIONS.items():
            self._parameters[name] = activation.defaults
        self._build_parameter_controls()
        self._depth_control.set_value(DEFAULT_DEPTH)
        self._request(ALL_PARTS, curves=self.shown())
        self.reset_view()
        self.status_message.emit(self.tr("Parameters and view reset"))

    def export(self) -> None:
        """Ctrl+E: the plots as PNG or SVG, or the curves' samples as CSV."""
        self._clock.flush()
        plots = {
            **self._curves.plots(),
            "depth": self._depth_view.plot,
            **self._network_view.plots(),
        }
        written = export_ui.export_interactively(
            self, "activations", plots, self._curve_table, ask=export_ui.ask_export_path
        )
        if written:
            self.status_message.emit(
                self.tr("Saved {files}").format(files=", ".join(path.name for path in written))
            )

    def _curve_table(self) -> tuple[list[str], list[list[float]]]:
        """CSV columns: x, then f and f′ of every plotted activation at the plotted samples."""
        shown = [name for name in self.shown() if name in self._curve_values]
        header = ["x"]
        columns = [self._samples]
        for name in shown:
            header += [name, f"{name}_derivative"]
            columns += list(self._curve_values[name])
        return header, np.column_stack(columns).tolist()

    def showEvent(self, event: QShowEvent) -> None:
        """On first show: fit the columns (the size is real only then)."""
        super().showEvent(event)
        if not self._columns_fitted:
            self._fit_columns()

    def after_first_paint(self) -> None:
        """The first frame is on screen: measure the costs now (worker thread, ~1 s); until
        then the facts say "measuring…"."""
        if self._shut_down or self._costs:
            return
        self._cost_measurement = CostMeasurement()
        self._cost_measurement.measured.connect(self._on_cost_measured)
        self._cost_measurement.finished.connect(self._on_cost_measurement_finished)
        self._cost_measurement.start()

    def costs_measured(self) -> bool:
        """True once every activation's cost has been measured and is shown."""
        return len(self._costs) == len(ACTIVATIONS) and self._cost_measurement is None

    @Slot()
    def _on_cost_measurement_finished(self) -> None:
        measurement, self._cost_measurement = self._cost_measurement, None
        if measurement is not None:
            measurement.wait()  # "finished" comes just before the thread's very end
            measurement.deleteLater()
        if not self._shut_down:
            self._clock.flush()
            self._fit_columns()  # the facts now hold the (wider) measured costs

    def shutdown(self) -> None:
        """Stop redraws and the cost measurement (waits for its current activation)."""
        self._shut_down = True
        self._clock.stop()
        self._settle_timer.stop()
        if self._cost_measurement is not None:
            self._cost_measurement.stop()

    def ready_for_screenshot(self) -> bool:
        """True when the curves are drawn in full quality (the first frame: the costs are
        still being measured then, as a user sees it right after start)."""
        self._clock.flush()
        return not self._curves.draft

    # Language and theme ---------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Every visible string in the current language."""
        self._activations_box.setTitle(self.tr("Activations"))
        self._hint_label.setText(self.tr("Tick to plot, click a name to select it."))
        self._parameters_box.setTitle(self.tr("Parameters"))
        self._no_parameters_label.setText(self.tr("The selected activation has no parameters."))
        self._maxout_relu_button.setText(self.tr("ReLU as a special case"))
        self._maxout_relu_button.setToolTip(self.tr("w₁ = b₁ = 0, w₂ = 1, b₂ = 0 gives max(0, x)"))
        self._default_parameters_button.setText(self.tr("Default parameters"))
        self._overlay_check.setText(self.tr("f and f′ on one plot"))
        self._overlay_check.setToolTip(self.tr("Overlay f (solid) and f′ (dashed)"))
        self._reset_view_button.setText(self.tr("Reset view"))
        self._reset_view_button.setToolTip(self.tr("x from −5 to 5, y fitted to the curves"))
        self._depth_control.set_label(
            self.tr("Depth L"), self.tr("Number of layers in the depth plot and the network")
        )
        self._new_weights_button.setText(self.tr("New random weights"))
        self._table.retranslate()
        self._retranslate_tabs()
        self._label_parameter_controls()
        self._set_explanation()
        self._set_formulas()
        self._retranslate_curves()
        self._retranslate_depth()
        self._retranslate_network()
        self._fit_columns()
        self._request({MARKS, READOUT, FACTS})

    def _retranslate_curves(self) -> None:
        self._curves.set_shown(self.shown(), self._titles())
        self._curves.retranslate(
            self.tr("f(x)"), self.tr("f′(x)"), self.tr("f(x) solid, f′(x) dashed")
        )

    def _retranslate_depth(self) -> None:
        self._depth_view.retranslate(
            self.tr("Best case through L layers"),
            self.tr("depth L"),
            self.tr("(max |f′|)^L"),
        )

    def _retranslate_network(self) -> None:
        self._network_titles = (self.selected_activation().name, self._depth)
        self._network_view.retranslate(
            (activation_title(self.selected_activation()), self.tr("linear")),
            self.tr("x  (width {width}, L = {depth})").format(width=WIDTH, depth=self._depth),
            self.tr("output (rescaled)"),
        )

    def _set_explanation(self) -> None:
        self._explanation.set_html(explanation_html(self.selected_activation()))

    def _set_formulas(self) -> None:
        activation = self.selected_activation()
        self._facts.set_formulas(
            f"activation_{activation.name}", activation.formula, activation.derivative_formula
        )

    def _style_network(self, theme: Theme) -> None:
        colours = self._colours(theme)
        selected = self.selected_activation().name
        self._network_view.apply_theme(theme, colours[selected], colours["linear"])

    def _fold_secondary_controls(self) -> None:
        """Presentation mode hides what the lecturer does not need in front of the hall."""
        full = self.theme.name != "presentation"
        self._hint_label.setVisible(full)
        self._default_parameters_button.setVisible(
            full and bool(self.selected_activation().parameters)
        )

    def _fit_columns(self) -> None:
        """Give the list and the facts the width they need; the plots take the rest."""
        total = self._splitter.width()
        if total <= 0 or not self.isVisible():
            return
        widest_list = round(total * MAX_LIST_SHARE)
        # Large presentation fonts on a small screen: names matter more than the crosshair
        # readout (the plots show the curves), so the f(x) and f′(x) columns make way.
        self._table.set_point_readout_visible(True)
        if self._table.preferred_width() + 16 > widest_list:
            self._table.set_point_readout_visible(False)
        controls = self._controls_scroll.widget().minimumSizeHint().width() + 8
        left = min(max(self._table.preferred_width() + 16, controls), widest_list)
        if self._tabbed:
            self._splitter.setSizes([left, total - left])
        else:
            right = min(
                max(self._facts.sizeHint().width(), round(total * MIN_INFO_SHARE)),
                round(total * MAX_INFO_SHARE),
            )
            self._splitter.setSizes([left, total - left - right, right])
        self._columns_fitted = True

    def _arrange(self, tabbed: bool) -> None:
        """Everything side by side (False) or the views as full-size tabs (True)."""
        if tabbed == self._tabbed:
            return
        self._tabbed = tabbed
        if tabbed:
            for page in (self._curves, self._lower, self._info_splitter):
                self._view_tabs.addTab(page, "")
            self._centre.setCurrentWidget(self._view_tabs)
        else:
            self._view_tabs.clear()
            self._plots_splitter.insertWidget(0, self._curves)
            self._plots_splitter.insertWidget(1, self._lower)
            self._splitter.insertWidget(2, self._info_splitter)
            for page in (self._curves, self._lower, self._info_splitter):
                page.show()
            self._centre.setCurrentWidget(self._plots_splitter)
        self._retranslate_tabs()

    def _retranslate_tabs(self) -> None:
        titles = (
            self.tr("f and f′"),
            self.tr("Depth and non-linearity"),
            self.tr("Formulas and facts"),
        )
        for index, title in enumerate(titles[: self._view_tabs.count()]):
            self._view_tabs.setTabText(index, title)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the columns to the first real size (later the user's splitter positions stay)."""
        super().resizeEvent(event)
        if not self._columns_fitted:
            self._fit_columns()

    def apply_theme(self, theme: Theme) -> None:
        """Restyle every plot, the list's swatches and the formulas for ``theme``."""
        colours = self._colours(theme)
        # In presentation mode the hall reads the plots; the lecturer's controls stay compact
        # so that the plots get the room.
        control_font = PRESENTATION_CONTROL_FONT if theme.name == "presentation" else 1.0
        self._controls_scroll.widget().setFont(theme.font(control_font))
        self._table.apply_theme(theme, colours, control_font)
        self._curves.apply_theme(theme, colours)
        self._depth_view.apply_theme(theme, colours)
        self._style_network(theme)
        self._facts.apply_theme(theme)
        self._explanation.apply_theme(theme)
        self._fold_secondary_controls()
        self._arrange(tabbed=theme.name == "presentation")
        self._view_tabs.setFont(theme.font(bold=True))
        self._retranslate_curves()
        self._retranslate_depth()
        self._retranslate_network()
        self._fit_columns()
        self._request({MARKS})
