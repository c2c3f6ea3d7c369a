"""The BatchNorm panel: activation distributions drifting across layers, and BatchNorm
pulling them back into the activation's sensitive region.

Two columns show the same deep network, with the same weights and the same input batch,
without and with BatchNorm: every layer's distribution as a heat map, one layer on the
activation curve, and per-layer summaries (saturated share, mean ± std, weight-gradient
norm). Every control change recomputes the probe off the GUI thread; Train trains both
networks on the same mini-batches in the training worker and animates the same views with
the two loss curves.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import optlab_gui.ui.export as export_ui
from optlab_gui.core.activations import ACTIVATIONS
from optlab_gui.core.initialisers import INITIALISERS
from optlab_gui.core.sensitive_region import distribution_window, sensitive_intervals
from optlab_gui.training.deep_bn_names import DEFAULT_MEASURE_SIZE, EVAL_MODE
from optlab_gui.ui.context import app_context
from optlab_gui.ui.frame_clock import FrameClock
from optlab_gui.ui.panels.base import EXPORT, RESET, START_PAUSE, STEP, Panel
from optlab_gui.ui.panels.batchnorm.controls import (
    BATCH_STATISTICS,
    MAX_SEED,
    RUNNING_STATISTICS,
    SHOW_BATCHNORM,
    SHOW_BOTH,
    SHOW_PLAIN,
    NetworkControls,
    NetworkSettings,
    TrainingControls,
    ViewControls,
)
from optlab_gui.ui.panels.batchnorm.distribution_views import DistributionColumn
from optlab_gui.ui.panels.batchnorm.first_probe import stored_pair
from optlab_gui.ui.panels.batchnorm.measurements import LayerMeasurements, NetworkPair
from optlab_gui.ui.panels.batchnorm.probe_job import ProbeJob, ProbeRequest, probe_pair
from optlab_gui.ui.panels.batchnorm.summary_views import SUMMARY_KINDS, SummaryPlots
from optlab_gui.ui.panels.batchnorm.texts import explanation_html
from optlab_gui.ui.panels.batchnorm.training_run import TrainingRun
from optlab_gui.ui.scenes import Choice, Number, Record
from optlab_gui.ui.theme import Theme
from optlab_gui.ui.widgets.explanation import ExplanationPane
from optlab_gui.ui.widgets.formula_view import FormulaView

#: Bins of the distributions across the activation's window.
BINS = 80
#: Shares of the panel's width the explanation column takes (at least, at most), and the
#: share of the plots' height the per-layer summaries get.
MIN_INFO_SHARE, MAX_INFO_SHARE = 0.17, 0.22
#: Shares of the plots' height: every layer (heat maps), one layer, per-layer summaries.
PLOT_HEIGHT_SHARES = (0.38, 0.27, 0.35)
#: Font of the controls column in presentation mode, relative to the theme's text (the
#: hall reads the plots; the lecturer's controls stay compact).
PRESENTATION_CONTROL_FONT = 0.75
PLAIN, BATCHNORM = 0, 1


@cache
def bin_edges(activation: str) -> np.ndarray:
    """Shared bin edges for ``activation``: BINS bins across its plotting window."""
    half_width = distribution_window(ACTIVATIONS[activation])
    edges = np.linspace(-half_width, half_width, BINS + 1)
    edges.setflags(write=False)
    return edges


@cache
def sensitive_region(activation: str) -> tuple[tuple[float, float], ...]:
    """The sensitive intervals of ``activation`` within its window."""
    edges = bin_edges(activation)
    return tuple(sensitive_intervals(ACTIVATIONS[activation], edges[0], edges[-1]))


def _number_of(control, integer: bool = False) -> Number:
    """A scene number with the range of ``control`` (a ParameterControl)."""
    box = control.number_box()
    return Number(box.minimum(), box.maximum(), integer=integer)


class BatchNormPanel(Panel):
    """Teaching panel "batchnorm": the same deep network without and with BatchNorm."""

    panel_name = "batchnorm"
    supported_actions = frozenset({START_PAUSE, STEP, RESET, EXPORT})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("batchNormPanel")
        self._probe_pair: NetworkPair | None = None
        self._probe_pair_request: ProbeRequest | None = None
        self._requested: ProbeRequest | None = None
        self._drawn: NetworkPair | None = None
        self._tabbed = False
        self._columns_fitted = False
        self._build_widgets()
        self._probe_job = ProbeJob(self)
        self._probe_job.pair_ready.connect(self._on_probe_pair)
        self._probe_job.failed.connect(self._on_failure)
        self._training = TrainingRun(self)
        self._training.updated.connect(self._on_training_update)
        self._training.running_changed.connect(self._on_running_changed)
        self._training.failed.connect(self._on_training_failure)
        self._frame_clock = FrameClock(self._redraw, self)
        self._connect_controls()
        self.retranslate_ui()
        self.apply_theme(self.theme)
        self._show_first_probe()

    # Construction -----------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.network_controls = NetworkControls()
        self.view_controls = ViewControls()
        self.training_controls = TrainingControls()
        controls = QWidget()
        controls.setObjectName("batchNormControls")
        controls_layout = QVBoxLayout(controls)
        controls_layout.setContentsMargins(0, 0, 4, 0)
        for group in (self.network_controls, self.view_controls, self.training_controls):
            controls_layout.addWidget(group)
        controls_layout.addStretch(1)
        self._controls_scroll = QScrollArea()
        self._controls_scroll.setObjectName("batchNormControlsScroll")
        self._controls_scroll.setWidget(controls)
        self._controls_scroll.setWidgetResizable(True)
        self._controls_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._controls_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.columns = (DistributionColumn("plain", self), DistributionColumn("batchnorm", self))
        self._heat_maps = self._side_by_side(
            "batchNormHeatMaps", [column.heat_map for column in self.columns]
        )
        self._details = self._side_by_side("batchNormDetails",
                                           [column.detail for column in self.columns])  # fmt: skip
        # Both columns share their axes: same window of inputs, same layers.
        plain, normed = (column.heat_map.getPlotItem() for column in self.columns)
        normed.setXLink(plain)
        normed.setYLink(plain)
        plain_detail, normed_detail = (column.detail.getPlotItem() for column in self.columns)
        normed_detail.setXLink(plain_detail)
        normed_detail.setYLink(plain_detail)
        self.summaries = SummaryPlots()
        self._plots_splitter = QSplitter(Qt.Orientation.Vertical)
        self._plots_splitter.setObjectName("batchNormPlotsSplitter")
        for page in (self._heat_maps, self._details, self.summaries):
            self._plots_splitter.addWidget(page)
        self._plots_splitter.setChildrenCollapsible(False)

        self.formula = FormulaView("batchnorm", "y = γ (x − μ_B) / √(σ²_B + ε) + β")
        self.explanation = ExplanationPane()
        self._info = QWidget()
        self._info.setObjectName("batchNormInfo")
        info_layout = QVBoxLayout(self._info)
        info_layout.setContentsMargins(0, 0, 0, 0)
        info_layout.addWidget(self.formula)
        info_layout.addWidget(self.explanation, 1)

        # Presentation mode shows the same views as tabs, each at full size.
        self._view_tabs = QTabWidget()
        self._view_tabs.setObjectName("batchNormViewTabs")
        self._centre = QStackedWidget()
        self._centre.addWidget(self._plots_splitter)
        self._centre.addWidget(self._view_tabs)
        self._splitter = QSplitter(Qt.Orientation.Horizontal)
        self._splitter.setObjectName("batchNormSplitter")
        self._splitter.addWidget(self._controls_scroll)
        self._splitter.addWidget(self._centre)
        self._splitter.addWidget(self._info)
        self._splitter.setChildrenCollapsible(False)
        self._splitter.setStretchFactor(0, 0)
        self._splitter.setStretchFactor(1, 1)
        self._splitter.setStretchFactor(2, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._splitter)

    @staticmethod
    def _side_by_side(name: str, plots: list[QWidget]) -> QWidget:
        """A page holding the two networks' plots of one kind, left and right."""
        page = QWidget()
        page.setObjectName(name)
        layout = QHBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        for plot in plots:
            layout.addWidget(plot, 1)
        return page

    def _connect_controls(self) -> None:
        self.network_controls.changed.connect(self._request_probe)
        self.view_controls.show_changed.connect(self._on_shown_changed)
        self.view_controls.layer_changed.connect(self._on_layer_changed)
        for column in self.columns:
            column.layer_clicked.connect(self.view_controls.layer.setValue)
        training = self.training_controls
        training.train_clicked.connect(self.start_pause)
        training.step_clicked.connect(self.step)
        training.reset_clicked.connect(self.reset)
        training.learning_rate_changed.connect(self._training.set_learning_rate)
        training.bn_mode_changed.connect(self._on_bn_mode_changed)

    # The probe --------------------------------------------------------------------------

    def probe_request(self) -> ProbeRequest:
        """The probe the controls ask for now."""
        settings = self.network_controls.settings()
        return ProbeRequest(settings, bin_edges(settings.activation))

    def _new_request(self) -> ProbeRequest:
        request = self.probe_request()
        self._requested = request
        self.view_controls.set_depth(request.network.depth)
        return request

    @Slot()
    def _request_probe(self) -> None:
        self._probe_job.submit(self._new_request())

    def _show_first_probe(self) -> None:
        # The first frame shows the probe of the controls: stored with the app for the
        # default network, else computed right here (no thread starts before the first
        # paint, and no frame shows empty plots).
        request = self._new_request()
        pair = stored_pair(request)
        self._on_probe_pair(request, probe_pair(request) if pair is None else pair)

    @Slot(object, object)
    def _on_probe_pair(self, request: ProbeRequest, pair: NetworkPair) -> None:
        self._probe_pair, self._probe_pair_request = pair, request
        self._frame_clock.request_redraw()

    def probe_pair(self) -> NetworkPair | None:
        """The latest probe pair received (None before the first)."""
        return self._probe_pair

    def is_up_to_date(self) -> bool:
        """True when the plots show the full probe of the current controls (tests, screenshots)."""
        pair = self._probe_pair
        return (
            pair is not None
            and pair.gradients_known
            and self._probe_pair_request is self._requested
            and self._drawn is pair
        )

    # Drawing ----------------------------------------------------------------------------

    def displayed_pair(self) -> NetworkPair | None:
        """What the plots show: the training run's latest measurements while it is active,
        else the probe of the freshly initialised networks."""
        training = self._training
        if training.is_active():
            if not training.has_measurements():
                return None
            values = training.latest
            return NetworkPair(
                plain=LayerMeasurements.from_record(values, PLAIN),
                batchnorm=LayerMeasurements.from_record(values, BATCHNORM),
                bin_edges=training.bin_edges,
                activation=self.network_controls.settings().activation,
            )
        pair = self._probe_pair
        if pair is not None and self.training_controls.bn_mode() == EVAL_MODE:
            # Untrained running statistics are mean 0 and variance 1, so evaluation-mode
            # BatchNorm (γ = 1, β = 0) maps z to z / √(1 + ε): the plain network's numbers.
            pair = NetworkPair(pair.plain, pair.plain, pair.bin_edges, pair.activation,
                               pair.gradients_known)  # fmt: skip
        return pair

    def visible_networks(self) -> tuple[bool, bool]:
        """Which of (without, with BatchNorm) the view shows."""
        shown = self.view_controls.shown()
        return shown in (SHOW_PLAIN, SHOW_BOTH), shown in (SHOW_BATCHNORM, SHOW_BOTH)

    def _redraw(self) -> None:
        pair = self.displayed_pair()
        if pair is None:
            return
        visible = self.visible_networks()
        networks = (pair.plain, pair.batchnorm)
        shown = [net for net, on in zip(networks, visible, strict=True) if on]
        layer = min(self.view_controls.layer.value(), pair.depth)
        brightest = max(float(net.input_share().max()) for net in shown)
        detail_top = max(float(net.input_share()[layer - 1].max()) for net in shown)
        for column, measurements, on in zip(self.columns, networks, visible, strict=True):
            column.set_visible(on)
            column.select_layer(layer)
            column.show_measurements(measurements, pair.bin_edges, brightest, detail_top)
            column.show_activation(pair.activation, sensitive_region(pair.activation))
        self.summaries.show_measurements(networks, visible, pair.gradients_known)
        if self._training.is_active():
            steps, losses = self._training.losses()
            self.summaries.show_losses(steps, losses, visible)
        else:
            self.summaries.hide_losses()
        self._drawn = self._probe_pair
        self._retranslate_detail_titles(layer)

    @Slot(str)
    def _on_shown_changed(self, _shown: str) -> None:
        self._frame_clock.request_redraw()

    @Slot(int)
    def _on_layer_changed(self, _layer: int) -> None:
        self._frame_clock.request_redraw()

    # Scenes -----------------------------------------------------------------------------

    def scene_schema(self) -> Record:
        """The network (depth … seed), what is shown, the layer in detail and the training."""
        network, training = self.network_controls, self.training_controls
        return Record(
            {
                "depth": _number_of(network.depth, integer=True),
                "width": _number_of(network.width, integer=True),
                "batch": _number_of(network.batch, integer=True),
                "activation": Choice(tuple(ACTIVATIONS)),
                "init": Choice(tuple(INITIALISERS)),
                "weight_std": _number_of(network.weight_std),
                "seed": Number(0, MAX_SEED, integer=True),
                "shown": Choice((SHOW_PLAIN, SHOW_BATCHNORM, SHOW_BOTH)),
                "layer": Number(1, network.depth.number_box().maximum(), integer=True),
                "learning_rate": _number_of(training.learning_rate),
                "bn_mode": Choice((BATCH_STATISTICS, RUNNING_STATISTICS)),
            },
            problem=self.scene_problem,
        )

    def scene_state(self) -> dict:
        """The panel's state as a scene (see :meth:`scene_schema`)."""
        network = self.network_controls
        settings = network.settings()
        return {
            "depth": settings.depth,
            "width": settings.width,
            "batch": settings.batch,
            "activation": settings.activation,
            "init": settings.init,
            "weight_std": network.weight_std.value(),
            "seed": settings.seed,
            "shown": self.view_controls.shown(),
            "layer": self.view_controls.layer.value(),
            "learning_rate": self.training_controls.learning_rate.value(),
            "bn_mode": self.training_controls.bn_mode(),
        }

    def scene_problem(self, state: dict) -> str | None:
        """The layer in detail must exist in the network."""
        if state["layer"] > state["depth"]:
            return self.tr("state.layer must not exceed state.depth")
        return None

    def apply_scene_state(self, state: dict) -> None:
        """Forget any training and show the checked scene's networks."""
        self.reset()
        network = self.network_controls
        network.blockSignals(True)
        for control in ("depth", "width", "batch", "weight_std"):
            getattr(network, control).set_value(state[control])
        # After σ: outside Custom, choosing the scheme shows the scheme's σ.
        network.init.setCurrentIndex(network.init.findData(state["init"]))
        network.activation.setCurrentIndex(network.activation.findData(state["activation"]))
        network.blockSignals(False)
        network.set_seed(state["seed"])
        self.view_controls.set_shown(state["shown"])
        self.view_controls.layer.setValue(state["layer"])
        self.training_controls.learning_rate.set_value(state["learning_rate"])
        self.training_controls.set_bn_mode(state["bn_mode"])
        self._frame_clock.request_redraw()

    def main_plot(self) -> QWidget:
        """The heat maps of both networks."""
        return self._heat_maps

    # Training ---------------------------------------------------------------------------

    def training_run(self) -> TrainingRun:
        """The training run (for tests)."""
        return self._training

    def _training_configuration(self) -> dict:
        settings: NetworkSettings = self.network_controls.settings()
        return {
            "depth": settings.depth,
            "width": settings.width,
            "activation": settings.activation,
            "init": settings.init,
            "weight_std": settings.weight_std,
            "batch_size": settings.batch,
            "lr": self.training_controls.learning_rate.value(),
            "seed": settings.seed,
            "bin_edges": bin_edges(settings.activation),
        }

    def is_running(self) -> bool:
        """True while the two networks train."""
        return self._training.is_running()

    def start_pause(self) -> None:
        """Train both networks (Space), or pause them."""
        if self._training.is_running():
            self._training.pause()
        else:
            self._training.start(self._training_configuration(), self.training_controls.bn_mode())
            self._enter_training()

    def step(self) -> None:
        """One training step of both networks (Right arrow)."""
        self._training.step_once(self._training_configuration(), self.training_controls.bn_mode())
        self._enter_training()

    def reset(self) -> None:
        """Forget the training; show the freshly initialised networks again (R)."""
        self._training.reset()
        self.network_controls.setEnabled(True)
        self._update_training_status()
        self._frame_clock.request_redraw()

    def _enter_training(self) -> None:
        self.network_controls.setEnabled(False)
        self._update_training_status()
        self._frame_clock.request_redraw()

    @Slot()
    def _on_training_update(self) -> None:
        self._update_training_status()
        self._frame_clock.request_redraw()

    @Slot(bool)
    def _on_running_changed(self, running: bool) -> None:
        self.training_controls.set_running(running)
        self._update_training_status()
        self.running_changed.emit(running)

    @Slot(str)
    def _on_bn_mode_changed(self, mode: str) -> None:
        self._training.set_bn_mode(mode)
        self._frame_clock.request_redraw()

    def _update_training_status(self) -> None:
        training = self._training
        if not training.is_active():
            text = self.tr("Not trained: the networks as initialised.")
        elif not training.has_measurements():
            text = self.tr("Starting the training…")
        else:
            _steps, losses = training.losses()
            last = losses[-1] if len(losses) else (np.nan, np.nan)
            text = self.tr("Step {step} · loss without BN {plain} · with BN {normed}").format(
                step=training.step, plain=self._loss_text(last[PLAIN]),
                normed=self._loss_text(last[BATCHNORM]),
            )  # fmt: skip
        self.training_controls.status.setText(text)

    def _loss_text(self, loss: float) -> str:
        """A loss for the status line, or "diverged"."""
        return f"{loss:.3g}" if np.isfinite(loss) else self.tr("diverged")

    # Errors -----------------------------------------------------------------------------

    @Slot(object)
    def _on_failure(self, error: Exception) -> None:
        app_context().errors.report_exception(error)

    @Slot(str)
    def _on_training_failure(self, message: str) -> None:
        lines = message.strip().splitlines()
        text = self.tr("Training stopped: {reason}").format(reason=lines[-1] if lines else "")
        if "Traceback" in message:  # a bug in the session: the error dialog, as every error
            app_context().errors.report(text, message)
        self.status_message.emit(text)

    # Panel hooks ------------------------------------------------------------------------

    def deactivate(self) -> None:
        """Another panel is shown: pause the training."""
        if self._training.is_running():
            self._training.pause()

    def shutdown(self) -> None:
        """The window closes: stop the frame clock, the probe thread and the training."""
        self._frame_clock.stop()
        self._probe_job.shutdown()
        self._training.shutdown()

    def ready_for_screenshot(self) -> bool:
        """True once the full probe of the current controls is drawn."""
        self._frame_clock.flush()
        return self.is_up_to_date()

    def export(self) -> None:
        """Save the visible plots (PNG/SVG, one file each) or the per-layer statistics (CSV)."""
        self._frame_clock.flush()
        written = export_ui.export_interactively(
            self, "batchnorm", self.export_plots(), self.statistics_table,
            ask=export_ui.ask_export_path,
        )  # fmt: skip
        if written:
            self.status_message.emit(
                self.tr("Saved {files}").format(files=", ".join(path.name for path in written))
            )

    def export_plots(self) -> dict[str, pg.PlotWidget]:
        """The plots on show, by file-name key."""
        plots = {}
        for column, visible in zip(self.columns, self.visible_networks(), strict=True):
            if visible:
                plots[f"{column.key}_layers"] = column.heat_map
                plots[f"{column.key}_layer_detail"] = column.detail
        for key, widget in self.summaries.plots().items():
            if key != "loss" or self._training.is_active():
                plots[key] = widget
        return plots

    def statistics_table(self) -> tuple[list[str], list[list[object]]]:
        """Per-layer statistics of both networks, one row per layer and network."""
        pair = self.displayed_pair()
        header = ["network", "layer", "pre_activation_mean", "pre_activation_std",
                  "saturated_fraction", "weight_gradient_norm"]  # fmt: skip
        rows: list[list[object]] = []
        if pair is None:
            return header, rows
        for name, net in (("without_batchnorm", pair.plain), ("with_batchnorm", pair.batchnorm)):
            for layer in range(net.depth):
                rows.append([
                    name, layer + 1, float(net.pre_activation_mean[layer]),
                    float(net.pre_activation_std[layer]), float(net.saturated_fraction[layer]),
                    float(net.weight_gradient_norm[layer]),
                ])  # fmt: skip
        return header, rows

    # Language and looks -----------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every visible string in the current language."""
        self.network_controls.retranslate_ui()
        self.view_controls.retranslate_ui()
        self.training_controls.retranslate_ui()
        self.explanation.set_html(explanation_html())
        names = (self.tr("Without BatchNorm"), self.tr("With BatchNorm"))
        for column, name in zip(self.columns, names, strict=True):
            column.set_axis_titles(
                self.tr("layer"), self.tr("activation input z"), self.tr("share of inputs"),
                self.tr("f(z), f′(z)"),
            )  # fmt: skip
            column.set_title(name)
        self.summaries.set_texts(
            titles={
                "saturation": self.tr("Saturated share"),
                "mean_std": self.tr("Mean ± std"),
                "gradient": self.tr("Gradient ‖∂L/∂W‖"),
                "loss": self.tr("Loss on {count} training points").format(
                    count=DEFAULT_MEASURE_SIZE
                ),
            },
            axis_titles={
                "saturation": (self.tr("saturated share"), self.tr("layer")),
                "mean_std": (self.tr("activation input z"), self.tr("layer")),
                "gradient": (self.tr("norm (log scale)"), self.tr("layer")),
                "loss": (self.tr("cross-entropy (log scale)"), self.tr("step")),
            },
            names=(self.tr("without BN"), self.tr("with BN")),
            computing=self.tr("computing gradients…"),
        )
        self.summaries.saturation.setToolTip(
            self.tr("Share of each layer's activation inputs where |f′| is below 5 % of its "
                    "maximum: saturated (or dead, for ReLU)")
        )  # fmt: skip
        self.summaries.gradient.setToolTip(
            self.tr("Norm of each layer's weight gradient: before training for the same random "
                    "error signal at the top of both networks, while training for the loss of "
                    "the mini-batch")
        )  # fmt: skip
        self._retranslate_tabs()
        self._retranslate_detail_titles(self.view_controls.layer.value())
        self._update_training_status()

    def _retranslate_detail_titles(self, layer: int) -> None:
        for column in self.columns:
            column.set_detail_title(self.tr("Layer {layer} on the curve").format(layer=layer))

    def _retranslate_tabs(self) -> None:
        titles = (
            self.tr("Every layer"),
            self.tr("One layer"),
            self.tr("Per layer"),
            self.tr("Explanation"),
        )
        for index, title in enumerate(titles[: self._view_tabs.count()]):
            self._view_tabs.setTabText(index, title)

    def apply_theme(self, theme: Theme) -> None:
        """Restyle plots, fonts and the formula; fold secondary controls in presentation."""
        colors = (theme.series_color(1), theme.series_color(0))
        presentation = theme.name == "presentation"
        control_font = PRESENTATION_CONTROL_FONT if presentation else 1.0
        self._controls_scroll.widget().setFont(theme.font(control_font))
        for column, color in zip(self.columns, colors, strict=True):
            column.apply_theme(theme, color)
        self.summaries.apply_theme(theme, colors)
        self.formula.apply_theme(theme)
        self.explanation.apply_theme(theme)
        self.network_controls.set_folded(presentation)
        self.training_controls.set_folded(presentation)
        self._arrange(tabbed=presentation)
        self.summaries.arrange(columns=2 if presentation else len(SUMMARY_KINDS))
        self._view_tabs.setFont(theme.font(bold=True))
        self._fit_columns()
        self._frame_clock.request_redraw()

    def _fit_columns(self) -> None:
        """Give the controls the width they need and the explanation about a fifth; the
        plots take the rest, shared out by PLOT_HEIGHT_SHARES."""
        total = self._splitter.width()
        if total <= 0 or not self.isVisible():
            return
        controls = self._controls_scroll.widget().sizeHint().width()
        left = controls + self._controls_scroll.verticalScrollBar().sizeHint().width()
        if self._tabbed:
            self._splitter.setSizes([left, total - left])
        else:
            right = min(
                max(self.formula.sizeHint().width(), round(total * MIN_INFO_SHARE)),
                round(total * MAX_INFO_SHARE),
            )
            self._splitter.setSizes([left, total - left - right, right])
            height = self._plots_splitter.height()
            self._plots_splitter.setSizes([round(height * share) for share in PLOT_HEIGHT_SHARES])
        self._columns_fitted = True

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the columns to the first real size (later the user's splitter positions stay)."""
        super().resizeEvent(event)
        if not self._columns_fitted:
            self._fit_columns()

    def showEvent(self, event: QShowEvent) -> None:
        """Fit the columns when first shown (the size is real only then)."""
        super().showEvent(event)
        if not self._columns_fitted:
            self._fit_columns()

    def _arrange(self, tabbed: bool) -> None:
        """Everything side by side (False) or the views as full-size tabs (True)."""
        if tabbed == self._tabbed:
            return
        self._tabbed = tabbed
        pages = (self._heat_maps, self._details, self.summaries)
        if tabbed:
            for page in (*pages, self._info):
                self._view_tabs.addTab(page, "")
            self._centre.setCurrentWidget(self._view_tabs)
        else:
            self._view_tabs.clear()
            for index, page in enumerate(pages):
                self._plots_splitter.insertWidget(index, page)
            self._splitter.insertWidget(2, self._info)
            for page in (*pages, self._info):
                page.show()
            self._centre.setCurrentWidget(self._plots_splitter)
        self._retranslate_tabs()
