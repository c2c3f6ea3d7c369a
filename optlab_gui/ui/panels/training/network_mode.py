"""The network race: every optimizer trains a copy of one small network on a 2-D data set,
with the problem's set-up, loss and accuracy curves, the inspected optimizer's decision
boundary under the data, its formula, the batch-size lesson and time travel."""

from __future__ import annotations

import html
import math
import time

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, Slot
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from optlab_gui.core.activations import ACTIVATIONS
from optlab_gui.core.batching import BATCH_REGIMES
from optlab_gui.core.datasets import DATASETS, Dataset, DatasetError, load_csv, split
from optlab_gui.core.initialisers import INITIALISERS
from optlab_gui.core.mlp import LOSSES
from optlab_gui.core.optimizers import OPTIMIZERS
from optlab_gui.training.decimation import peak_decimate
from optlab_gui.training.history import History
from optlab_gui.training.network_race import (
    ACCURACY,
    BATCH_LOSS,
    BOUNDARY,
    EPOCH,
    TEST_ACCURACY,
    TEST_LOSS,
    NetworkRace,
    NetworkSetup,
    batch_lesson_lanes,
    network_preset,
    optimizer_lanes,
)
from optlab_gui.training.runner import STEP
from optlab_gui.training.session import LOSS, Command, RaceSession
from optlab_gui.ui.export import export_interactively
from optlab_gui.ui.frame_clock import FrameClock
from optlab_gui.ui.panels.batchnorm.texts import activation_title, initialiser_title
from optlab_gui.ui.panels.training.boundary_view import BoundaryView
from optlab_gui.ui.panels.training.lane_controls import HyperEditor, LaneList, key_hyperparameters
from optlab_gui.ui.panels.training.live_formula import LiveFormula
from optlab_gui.ui.panels.training.loss_view import LossView
from optlab_gui.ui.panels.training.race_mode import (
    TRACE_CAPACITY,
    TRACE_HEAD,
    TRACE_TAIL,
    RaceMode,
)
from optlab_gui.ui.panels.training.run_controls import SpeedControl, TimelineBar
from optlab_gui.ui.panels.training.texts import explanation_html, number_text, optimizer_title
from optlab_gui.ui.scenes import Choice, Flag, Number, Record
from optlab_gui.ui.theme import Theme
from optlab_gui.ui.widgets.explanation import ExplanationPane
from optlab_gui.ui.widgets.plots import set_axis_label, set_plot_title, set_quantity_label

#: Contexts of the core's strings translated here (listed for lupdate below).
DATASET_CONTEXT = "Datasets"
REGIME_CONTEXT = "BatchRegimes"
DATASET_ERROR_CONTEXT = "DatasetErrors"
_CORE_STRINGS = (
    QT_TRANSLATE_NOOP("Datasets", "Moons"),
    QT_TRANSLATE_NOOP("Datasets", "Circles"),
    QT_TRANSLATE_NOOP("Datasets", "Spirals"),
    QT_TRANSLATE_NOOP("Datasets", "XOR"),
    QT_TRANSLATE_NOOP("Datasets", "Blobs"),
    QT_TRANSLATE_NOOP("BatchRegimes", "Batch GD (BGD)"),
    QT_TRANSLATE_NOOP("BatchRegimes", "Stochastic GD (SGD)"),
    QT_TRANSLATE_NOOP("BatchRegimes", "Mini-batch GD ({size})"),
    QT_TRANSLATE_NOOP("DatasetErrors", "File not found: {path}"),
    QT_TRANSLATE_NOOP("DatasetErrors", "{path} is a folder, not a CSV file."),
    QT_TRANSLATE_NOOP("DatasetErrors", "Cannot read {path}: {reason}"),
    QT_TRANSLATE_NOOP("DatasetErrors", "{path} contains no data rows."),
    QT_TRANSLATE_NOOP(
        "DatasetErrors",
        "Line {line}: the file has more than {limit} data rows; OptLab accepts at most {limit}.",
    ),
    QT_TRANSLATE_NOOP(
        "DatasetErrors", "Line {line}: expected 3 columns (x1, x2, label), found {found}."
    ),
    QT_TRANSLATE_NOOP("DatasetErrors", 'Line {line}: {column} "{value}" is not a number.'),
    QT_TRANSLATE_NOOP("DatasetErrors", 'Line {line}: {column} "{value}" is not a finite number.'),
    QT_TRANSLATE_NOOP("DatasetErrors", "Line {line}: the label is empty."),
    QT_TRANSLATE_NOOP("DatasetErrors", 'Line {line}: label "{value}" is not a finite number.'),
    QT_TRANSLATE_NOOP(
        "DatasetErrors", "The file has only one class ({label}); at least two are needed."
    ),
    QT_TRANSLATE_NOOP(
        "DatasetErrors",
        "The file has {count} different labels; OptLab accepts at most {limit} classes.",
    ),
)

#: Item data of the dataset combo for the data set loaded from a CSV file.
LOADED = "csv"
#: What the loss and accuracy curves measure: (key, loss channel, accuracy channel).
MEASURED_ON = {
    "train": (LOSS, ACCURACY),
    "test": (TEST_LOSS, TEST_ACCURACY),
    "batch": (BATCH_LOSS, ACCURACY),
}
#: Points per curve at most while running / paused (painting must fit a frame).
MAX_CURVE_POINTS = {True: 160, False: 300}
#: While running, the formula's values change at most this often.
TEXT_INTERVAL_SECONDS = 0.1
#: Decision boundaries kept for time travel (the first and last ones whole, sparser between).
BOUNDARY_CAPACITY = 1024
#: Steps a scene may ask to compute again at most.
MAX_SCENE_STEPS = 20_000
#: The batch-size lesson's three shades of one colour (HSL lightness): BGD dark, SGD light.
LESSON_LIGHTNESS = {"full": 0.28, "mini_32": 0.48, "sgd": 0.72}


def regime_title(regime: str) -> str:
    """The translated title of batch regime ``regime`` (e.g. "Mini-batch GD (32)")."""
    size = BATCH_REGIMES[regime].batch_size
    if regime.startswith("mini_"):
        template = QCoreApplication.translate(REGIME_CONTEXT, "Mini-batch GD ({size})")
        return template.format(size=size)
    return QCoreApplication.translate(REGIME_CONTEXT, BATCH_REGIMES[regime].title)


def dataset_error_text(error: DatasetError) -> str:
    """The core's clear data-set error in the current language."""
    template = QCoreApplication.translate(DATASET_ERROR_CONTEXT, error.template)
    try:
        return template.format(**error.params)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
        return error.template.format(**error.params)


def boundary_history() -> History:
    """The recorded decision boundaries for time travel: 8 kB each, so fewer are kept than
    the surface race's optimizer states (about 8 MB at most)."""
    return History(capacity=BOUNDARY_CAPACITY, head=256, tail=512)


class NetworkRaceMode(RaceMode):
    """Optimizers training copies of one network on one data set."""

    mode_name = "network"

    def make_session(self) -> RaceSession:
        """Every optimizer on moons with a 2×16 tanh network and mini-batches of 32."""
        return NetworkRace()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkRaceMode")
        self.snapshots = boundary_history()
        self.race: NetworkRace = self.session  # the GUI's mirror of the race's settings
        self._theme: Theme | None = None
        self._loaded: Dataset | None = None
        self._custom_colors: dict[str, str] = {}
        #: Each optimizer's hyper-parameters, also while the lesson races only one of them.
        self._hyper_memory: dict[str, dict[str, float]] = {}
        self._pending_setup = False
        self._setup_clock = FrameClock(self._send_pending_setup, self)
        self._texts_drawn_at = -math.inf
        self._explanation = ""
        self._boundary_title = ""
        self._width_shared = False
        self._own_split: list[int] = []
        self._build()
        self._speed = self.speed.speed()
        self._connect()
        self._rebuild_lanes()

    # Construction -----------------------------------------------------------------------

    def _build(self) -> None:
        setup = self.race.setup
        self.dataset_label = QLabel()
        self.dataset_combo = QComboBox()
        self.dataset_combo.setObjectName("datasetCombo")
        for name in DATASETS:
            self.dataset_combo.addItem("", name)
        self.noise_label = QLabel()
        self.noise_spin = self._double_spin("noiseSpin", 0.0, 1.0, 0.05, setup.noise)
        self.test_label = QLabel()
        self.test_spin = self._double_spin("testFractionSpin", 0.1, 0.5, 0.05, 0.25)
        self.layers_label = QLabel()
        self.layers_spin = QSpinBox()
        self.layers_spin.setObjectName("layersSpin")
        self.layers_spin.setRange(1, 4)
        self.layers_spin.setValue(len(setup.hidden))
        self.width_label = QLabel()
        self.width_spin = QSpinBox()
        self.width_spin.setObjectName("widthSpin")
        self.width_spin.setRange(1, 64)
        self.width_spin.setValue(setup.hidden[0])
        self.activation_label = QLabel()
        self.activation_combo = self._combo("activationCombo", ACTIVATIONS, setup.activation)
        self.init_label = QLabel()
        inits = [name for name in INITIALISERS if name != "custom"]
        self.init_combo = self._combo("initCombo", inits, setup.init)
        self.loss_label = QLabel()
        self.loss_combo = self._combo("lossCombo", LOSSES, setup.loss)
        self.batch_norm_check = QCheckBox()
        self.batch_norm_check.setObjectName("batchNormCheck")
        self.dropout_label = QLabel()
        self.dropout_spin = self._double_spin("dropoutSpin", 0.0, 0.8, 0.1, setup.dropout)
        self.regime_label = QLabel()
        self.regime_combo = self._combo("regimeCombo", BATCH_REGIMES, setup.regime)
        self.lesson_button = QPushButton()
        self.lesson_button.setObjectName("batchLessonButton")
        self.lesson_button.setCheckable(True)

        self._setup_grid = QGridLayout()
        self._setup_grid.setContentsMargins(0, 0, 0, 0)
        self._setup_cells = [
            (self.dataset_label, self.dataset_combo),
            (self.noise_label, self.noise_spin),
            (self.test_label, self.test_spin),
            (self.regime_label, self.regime_combo),
            (self.layers_label, self.layers_spin),
            (self.width_label, self.width_spin),
            (self.activation_label, self.activation_combo),
            (self.init_label, self.init_combo),
            (self.loss_label, self.loss_combo),
            (self.dropout_label, self.dropout_spin),
        ]
        cells = self._setup_cells
        #: What the lecture changes: data set, batch and activation (the rest folds away in
        #: presentation).
        self._lecture_cells = [cells[0], cells[3], cells[6]]
        self._secondary_setup = [
            widget
            for label, control in cells
            if (label, control) not in self._lecture_cells
            for widget in (label, control)
        ]
        self.problem_box = QWidget()
        self.problem_box.setObjectName("problemBox")
        self.problem_box.setLayout(self._setup_grid)

        self.speed = SpeedControl()
        self.measured_label = QLabel()
        self.measured_combo = QComboBox()
        self.measured_combo.setObjectName("measuredOnCombo")
        for key in MEASURED_ON:
            self.measured_combo.addItem("", key)
        self.x_axis_combo = QComboBox()
        self.x_axis_combo.setObjectName("xAxisCombo")
        self.x_axis_combo.addItem("", "step")
        self.x_axis_combo.addItem("", "epoch")
        self.log_check = QCheckBox()
        self.log_check.setObjectName("logLossCheck")
        self.log_check.setChecked(True)
        self._views_row = views_row = QHBoxLayout()
        views_row.addWidget(self.speed, 1)
        views_row.addSpacing(12)
        views_row.addWidget(self.measured_label)
        views_row.addWidget(self.measured_combo)
        views_row.addWidget(self.x_axis_combo)
        views_row.addWidget(self.log_check)
        #: How the curves are measured and drawn: folded away in presentation.
        self._secondary_views = [
            self.measured_label, self.measured_combo, self.x_axis_combo, self.log_check
        ]  # fmt: skip
        self._arrange_setup(presenting=False)

        self.controlled_note = QLabel()
        self.controlled_note.setObjectName("controlledNote")
        self.controlled_note.setWordWrap(True)

        self.boundary_view = BoundaryView()
        self.boundary_view.installEventFilter(self)  # its title elides to its width
        self.curves = QSplitter(Qt.Orientation.Vertical)
        self.curves.setObjectName("curveSplitter")
        self.curves.setChildrenCollapsible(False)
        self.timeline = TimelineBar()
        plots = QSplitter(Qt.Orientation.Horizontal)
        plots.setObjectName("networkPlotSplitter")
        plots.setChildrenCollapsible(False)
        plots.addWidget(self.boundary_view)
        plots.addWidget(self.curves)
        plots.setStretchFactor(0, 1)
        plots.setStretchFactor(1, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(plots, 1)
        left_layout.addWidget(self.timeline)

        self.lane_holder = QVBoxLayout()
        self.lane_holder.setContentsMargins(0, 0, 0, 0)
        self.lane_list: LaneList | None = None
        self.loss_view: LossView | None = None
        self.accuracy_view: LossView | None = None
        self.hyper_editor = HyperEditor()
        self.formula = LiveFormula()
        self.explanation = ExplanationPane()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("networkTabs")
        self.formula_page = QScrollArea()
        self.formula_page.setWidgetResizable(True)
        self.formula_page.setFrameShape(QFrame.Shape.NoFrame)
        self.formula_page.setWidget(self.formula)
        self.tabs.addTab(self.formula_page, "")
        self.tabs.addTab(self.explanation, "")
        right = QWidget()
        right.setObjectName("networkSidebar")
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(self.lane_holder)
        right_layout.addWidget(self.hyper_editor)
        right_layout.addWidget(self.tabs, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("networkSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.problem_box)
        layout.addLayout(views_row)
        layout.addWidget(self.controlled_note)
        layout.addWidget(self.splitter, 1)

    def _arrange_setup(self, presenting: bool) -> None:
        """Normal: every set-up control in two rows of five. Presentation: only the lecture's
        (data, batch, activation, BatchNorm) in one row, and the lesson button beside the
        speed, so that the plots keep the height."""
        grid = self._setup_grid
        movable = [w for cell in self._setup_cells for w in cell]
        for widget in (*movable, self.batch_norm_check, self.lesson_button):
            grid.removeWidget(widget)
        self._views_row.removeWidget(self.lesson_button)
        cells = self._lecture_cells if presenting else self._setup_cells
        for index, (label, control) in enumerate(cells):
            row, column = divmod(index, len(cells) if presenting else 5)
            grid.addWidget(label, row, 2 * column, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(control, row, 2 * column + 1)
        if presenting:
            grid.addWidget(self.batch_norm_check, 0, 2 * len(cells))
            self._views_row.addWidget(self.lesson_button)
        else:
            grid.addWidget(self.batch_norm_check, 0, 10)
            grid.addWidget(self.lesson_button, 1, 10)

    def _fold_secondary_controls(self) -> None:
        """Presentation hides what the lecture does not change; in the batch-size lesson the
        batch combo too (the lanes name their batch regimes)."""
        presenting = self._presenting()
        for widget in (*self._secondary_setup, *self._secondary_views):
            widget.setVisible(not presenting)
        self.hyper_editor.setVisible(not presenting)
        regime_shown = not (presenting and self.lesson_button.isChecked())
        self.regime_label.setVisible(regime_shown)
        self.regime_combo.setVisible(regime_shown)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Elide the boundary's title again when its plot is resized."""
        if watched is self.boundary_view and event.type() == QEvent.Type.Resize:
            self._fit_boundary_title()
        return super().eventFilter(watched, event)

    def _share_width(self, presenting: bool) -> None:
        """In presentation the plots take two thirds of the width (the lanes' titles elide);
        leaving it restores the lecturer's own split."""
        if presenting == self._width_shared:
            return
        self._width_shared = presenting
        if presenting:
            self._own_split = self.splitter.sizes()
            self.splitter.setSizes([2000, 1000])
        elif sum(self._own_split) > 0:
            self.splitter.setSizes(self._own_split)

    def _presenting(self) -> bool:
        return self._theme is not None and self._theme.name == "presentation"

    @staticmethod
    def _double_spin(name: str, low: float, high: float, step: float, value: float):
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setRange(low, high)
        spin.setSingleStep(step)
        spin.setDecimals(2)
        spin.setValue(value)
        spin.setKeyboardTracking(False)
        return spin

    @staticmethod
    def _combo(name: str, keys, current: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        for key in keys:
            combo.addItem("", key)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    def _connect(self) -> None:
        for combo in (
            self.dataset_combo, self.activation_combo, self.init_combo, self.loss_combo,
            self.regime_combo,
        ):  # fmt: skip
            combo.currentIndexChanged.connect(self._on_setup_edited)
        for spin in (
            self.noise_spin, self.test_spin, self.layers_spin, self.width_spin, self.dropout_spin
        ):  # fmt: skip
            spin.valueChanged.connect(self._on_setup_edited)
        self.batch_norm_check.toggled.connect(self._on_setup_edited)
        self.lesson_button.toggled.connect(self._on_lesson)
        self.speed.speed_changed.connect(self._on_speed)
        self.measured_combo.currentIndexChanged.connect(self._on_view_option)
        self.x_axis_combo.currentIndexChanged.connect(self._on_view_option)
        self.log_check.toggled.connect(self._on_view_option)
        self.timeline.step_requested.connect(self.show_step)
        self.timeline.live_requested.connect(self.show_live)
        self.timeline_changed.connect(self._on_timeline)
        self.hyper_editor.value_changed.connect(self._on_hyper_edited)
        self.tabs.currentChanged.connect(self._on_tab_changed)

    def _rebuild_lanes(self) -> None:
        """New lane list and curve plots for the race's lanes (they change with the lesson)."""
        inspected = self.lane_list.inspected() if self.lane_list is not None else None
        for widget in (self.lane_list, self.loss_view, self.accuracy_view):
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        lanes = [(lane.key, lane.optimizer_name) for lane in self.race.lanes]
        self.lane_list = LaneList(lanes, lane_title=self.lane_title, titles_may_elide=True)
        self.loss_view = LossView(len(lanes))
        self.accuracy_view = LossView(len(lanes))
        self.accuracy_view.plot_widget.setObjectName("accuracyPlot")
        # Accuracy lives in [0, 1]: three fixed ticks stay legible in a short presentation plot.
        self.accuracy_view.plot_widget.getAxis("left").setTicks(
            [[(0.0, "0"), (0.5, "0.5"), (1.0, "1")]]
        )
        # The loss plot's legend names the lanes; the accuracy plot's would hide its curves.
        legend = self.accuracy_view.legend
        legend.scene().removeItem(legend)
        self.lane_holder.addWidget(self.lane_list)
        self.curves.addWidget(self.loss_view)
        self.curves.addWidget(self.accuracy_view)
        self.lane_list.enabled_changed.connect(self._on_lane_enabled)
        self.lane_list.color_changed.connect(self._on_lane_color)
        self.lane_list.inspected_changed.connect(self._on_inspected)
        if self._theme is not None:
            for view in (self.loss_view, self.accuracy_view):
                view.apply_theme(self._theme)
            self.lane_list.apply_theme(self._theme)
        self.lane_list.retranslate_ui()
        keys = self.race.lane_keys
        default = "adam" if "adam" in keys else keys[0]
        self.lane_list.set_inspected(inspected if inspected in keys else default)
        self._on_inspected(self.lane_list.inspected())
        self._apply_view_options()

    # RaceMode hooks ---------------------------------------------------------------------

    def lane_title(self, lane: str) -> str:
        """The optimizer's title; in the batch-size lesson the batch regime first (the one
        optimizer is the same in every lane, so a narrow list elides it, not the regime)."""
        spec = self.race.specs[self.race.lane_index(lane)]
        title = optimizer_title(spec.optimizer)
        if spec.regime is not None:
            title = regime_title(spec.regime) + " · " + title
        return title

    def retranslate_ui(self) -> None:
        """Every label, tooltip, legend, axis title and explanation."""
        self.dataset_label.setText(self.tr("Data"))
        for index in range(self.dataset_combo.count()):
            name = self.dataset_combo.itemData(index)
            if name == LOADED and self._loaded is not None:
                text = self.tr("CSV: {name}").format(name=self._loaded.name)
            else:
                text = QCoreApplication.translate(DATASET_CONTEXT, DATASETS[name].title)
            self.dataset_combo.setItemText(index, text)
        self.dataset_combo.setToolTip(
            self.tr(
                "The data set the networks learn to classify (File → Open dataset… loads a CSV)"
            )
        )
        self.noise_label.setText(self.tr("Noise"))
        self.noise_spin.setToolTip(self.tr("Standard deviation of the jitter added to the points"))
        self.test_label.setText(self.tr("Test share"))
        self.test_spin.setToolTip(self.tr("Share of the points held out to test the networks"))
        self.layers_label.setText(self.tr("Hidden layers"))
        self.width_label.setText(self.tr("Width"))
        self.width_spin.setToolTip(self.tr("Units in every hidden layer"))
        self.activation_label.setText(self.tr("Activation"))
        for index, name in enumerate(ACTIVATIONS):
            self.activation_combo.setItemText(index, activation_title(ACTIVATIONS[name].title))
        self.init_label.setText(self.tr("Init"))
        for index in range(self.init_combo.count()):
            name = self.init_combo.itemData(index)
            self.init_combo.setItemText(index, initialiser_title(INITIALISERS[name].title))
        self.loss_label.setText(self.tr("Loss"))
        self.loss_combo.setItemText(0, self.tr("Cross-entropy"))
        self.loss_combo.setItemText(1, self.tr("Mean squared error"))
        self.batch_norm_check.setText(self.tr("BatchNorm"))
        self.dropout_label.setText(self.tr("Dropout"))
        self.dropout_spin.setToolTip(self.tr("Probability of dropping a hidden unit in training"))
        self.regime_label.setText(self.tr("Batch"))
        for index, name in enumerate(BATCH_REGIMES):
            self.regime_combo.setItemText(index, regime_title(name))
        self.regime_combo.setToolTip(
            self.tr("Examples per gradient step: all (BGD), one (SGD) or a mini-batch")
        )
        self.lesson_button.setText(
            self.tr("Back to all optimizers")
            if self.lesson_button.isChecked()
            else self.tr("Batch-size lesson")
        )
        self.lesson_button.setToolTip(
            self.tr("The inspected optimizer under BGD, SGD and mini-batch 32, side by side")
        )
        self.measured_label.setText(self.tr("Measured on"))
        for index, text in enumerate(
            (self.tr("training set"), self.tr("test set"), self.tr("mini-batch (loss)"))
        ):
            self.measured_combo.setItemText(index, text)
        self.x_axis_combo.setItemText(0, self.tr("per step"))
        self.x_axis_combo.setItemText(1, self.tr("per epoch"))
        self.x_axis_combo.setToolTip(
            self.tr("An epoch is one pass over the training set: BGD takes one step per epoch")
        )
        self.log_check.setText(self.tr("Log scale"))
        self.speed.retranslate_ui()
        self.timeline.retranslate_ui()
        self.lane_list.retranslate_ui()
        self.hyper_editor.retranslate_ui()
        self.tabs.setTabText(0, self.tr("Formula"))
        self.tabs.setTabText(1, self.tr("Explanation"))
        self._refresh_texts()
        self.frame_clock.request_redraw()

    def apply_theme(self, theme: Theme) -> None:
        """Scale and recolour every view; fold the problem set-up away in presentation."""
        self._theme = theme
        self.boundary_view.apply_theme(theme)
        self.boundary_view.set_data(self.race.data, self.race.grid_extent)
        for view in (self.loss_view, self.accuracy_view):
            view.apply_theme(theme)
        self.lane_list.apply_theme(theme)
        self.formula.apply_theme(theme)
        self.explanation.apply_theme(theme)
        presenting = theme.name == "presentation"
        self._arrange_setup(presenting)
        self._fold_secondary_controls()
        self._share_width(presenting)
        self.controlled_note.setVisible(True)
        self._refresh_texts()
        self.frame_clock.request_redraw()

    def snapshot_rows(self, states):
        """The decision boundary as it was (uint8 grids: 8 kB a snapshot)."""
        names = states[0][BOUNDARY]
        return {name: np.stack([row[BOUNDARY][name] for row in states]) for name in names}

    def export(self) -> None:
        """PNG/SVG of the boundary and curve plots, or the recorded run as CSV."""
        export_interactively(
            self,
            "network_race",
            {
                "boundary": self.boundary_view.plot_widget,
                "loss": self.loss_view.plot_widget,
                "accuracy": self.accuracy_view.plot_widget,
            },
            self.run_table,
        )

    def run_table(self) -> tuple[list[str], list[list[object]]]:
        """The recorded run: step, then each lane's epoch, losses and accuracies."""
        names = (EPOCH, LOSS, TEST_LOSS, ACCURACY, TEST_ACCURACY, BATCH_LOSS)
        header = ["step"]
        for lane in self.race.lane_keys:
            header += [f"{lane}_{name}" for name in names]
        if not len(self.trace):
            return header, []
        columns = [self.trace.steps[:, None].astype(float)]
        for index in range(len(self.race.lanes)):
            columns += [self.trace.channel(name)[:, index, None] for name in names]
        table = np.concatenate(columns, axis=1)
        return header, [[int(row[0]), *(float(v) for v in row[1:])] for row in table]

    # Scenes -----------------------------------------------------------------------------

    @classmethod
    def scene_schema(cls) -> Record:
        """The generated problem, the network, the batch regime, the lesson, the inspected
        optimizer, hyper-parameters per optimizer, view options and the steps computed (a
        loaded CSV file is not part of a scene: its scene uses the generated set)."""
        optimizers = tuple(OPTIMIZERS)
        hyper = Record(
            {
                name: Record(
                    {
                        key: Number(spec.minimum, spec.maximum)
                        for key, spec in OPTIMIZERS[name].hyperparameters.items()
                    }
                )
                for name in optimizers
            },
            optional=frozenset(optimizers),
        )
        return Record(
            {
                "dataset": Choice(tuple(DATASETS)),
                "noise": Number(0.0, 1.0),
                "test_fraction": Number(0.1, 0.5),
                "layers": Number(1, 4, integer=True),
                "width": Number(1, 64, integer=True),
                "activation": Choice(tuple(ACTIVATIONS)),
                "init": Choice(tuple(name for name in INITIALISERS if name != "custom")),
                "loss": Choice(tuple(LOSSES)),
                "batch_norm": Flag(),
                "dropout": Number(0.0, 0.8),
                "regime": Choice(tuple(BATCH_REGIMES)),
                "batch_lesson": Flag(),
                "inspected": Choice(optimizers),
                "hyperparameters": hyper,
                "measured_on": Choice(tuple(MEASURED_ON)),
                "per_epoch": Flag(),
                "log_loss": Flag(),
                "steps": Number(0, MAX_SCENE_STEPS, integer=True),
            }
        )

    def scene_state(self) -> dict:
        """The race's settings and the number of steps computed."""
        setup = self.race.setup
        hyper = self._all_hyperparameters()
        inspected = self.race.specs[self.race.lane_index(self.lane_list.inspected())]
        return {
            "dataset": setup.dataset,
            "noise": float(setup.noise),
            "test_fraction": float(setup.test_fraction),
            "layers": len(setup.hidden),
            "width": int(setup.hidden[0]),
            "activation": setup.activation,
            "init": setup.init,
            "loss": setup.loss,
            "batch_norm": bool(setup.batch_norm),
            "dropout": float(setup.dropout),
            "regime": setup.regime,
            "batch_lesson": self.is_batch_lesson(),
            "inspected": inspected.optimizer,
            "hyperparameters": hyper,
            "measured_on": self.measured_combo.currentData(),
            "per_epoch": self.x_axis_combo.currentData() == "epoch",
            "log_loss": self.log_check.isChecked(),
            "steps": int(self.trace.last_step or 0),
        }

    def restore_scene_state(self, state: dict) -> None:
        """Set every control, rebuild the race from step 0 and compute the scene's steps."""
        self.pause()
        controls = [
            (self.dataset_combo, state["dataset"]), (self.activation_combo, state["activation"]),
            (self.init_combo, state["init"]), (self.loss_combo, state["loss"]),
            (self.regime_combo, state["regime"]), (self.measured_combo, state["measured_on"]),
            (self.x_axis_combo, "epoch" if state["per_epoch"] else "step"),
        ]  # fmt: skip
        for widget in (self, self.lesson_button):
            widget.blockSignals(True)
        for combo, value in controls:
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(value))
            combo.blockSignals(False)
        spins = [
            (self.noise_spin, state["noise"]), (self.test_spin, state["test_fraction"]),
            (self.layers_spin, state["layers"]), (self.width_spin, state["width"]),
            (self.dropout_spin, state["dropout"]),
        ]  # fmt: skip
        for spin, value in spins:
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
        for check, value in ((self.batch_norm_check, state["batch_norm"]),
                             (self.log_check, state["log_loss"])):  # fmt: skip
            check.blockSignals(True)
            check.setChecked(value)
            check.blockSignals(False)
        self.lesson_button.setChecked(state["batch_lesson"])
        for widget in (self, self.lesson_button):
            widget.blockSignals(False)
        self._pending_setup = False
        self._hyper_memory = {name: dict(values) for name, values in
                              state["hyperparameters"].items()}  # fmt: skip
        optimizer = state["inspected"]
        lanes = self._lanes_for(state["batch_lesson"], optimizer)
        self._configure(self._setup_from_controls(), lanes)
        keys = self.race.lane_keys
        self.lane_list.set_inspected(next(k for k in keys if k.split("@")[0] == optimizer))
        self.regime_combo.setEnabled(not state["batch_lesson"])
        self._fold_secondary_controls()
        self.retranslate_ui()
        self._apply_view_options()
        self.scene_steps = state["steps"]
        if state["steps"]:
            self.advance(state["steps"])
        self.frame_clock.request_redraw()

    def _all_hyperparameters(self) -> dict[str, dict[str, float]]:
        """Every optimizer's hyper-parameters: the racing lanes', else the remembered ones."""
        for spec in self.race.specs:
            self._hyper_memory[spec.optimizer] = dict(self.race.hyperparameters(spec.key))
        return {
            name: dict(self._hyper_memory.get(name) or network_preset(name)) for name in OPTIMIZERS
        }

    def _lanes_for(self, lesson: bool, optimizer: str):
        """The lanes of the lesson for ``optimizer`` or of the full race, each optimizer with
        its remembered hyper-parameters."""
        hyper = self._all_hyperparameters()
        if lesson:
            return batch_lesson_lanes(optimizer, hyper[optimizer])
        lanes = optimizer_lanes()
        for spec in lanes:
            spec.hyper.update(hyper[spec.optimizer])
        return lanes

    def main_plot(self) -> QWidget:
        """The decision boundary under the data (Ctrl+Shift+C copies it)."""
        return self.boundary_view.plot_widget

    def shutdown(self) -> None:
        """Also drop a set-up still waiting to be sent."""
        self._setup_clock.stop()
        super().shutdown()

    # Actions ----------------------------------------------------------------------------

    def advance(self, count: int) -> None:
        """Compute ``count`` steps at once (paused), e.g. the steps a scene asks for."""
        self.show_live()
        self._send(Command(STEP, {"count": count}))
        self._set_running(False)

    def open_dataset(self, path: str | None = None) -> bool:
        """Load a CSV file (asked for when ``path`` is None) and race on it; a broken file is
        reported in a dialog and changes nothing. True when loaded."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Open dataset"), "", self.tr("CSV files (*.csv);;All files (*)")
            )
            if not path:
                return False
        try:
            data = load_csv(path, self.test_spin.value(), self.race.setup.seed)
        except DatasetError as error:
            QMessageBox.warning(
                self, self.tr("Cannot open the data set"), dataset_error_text(error)
            )
            return False
        previous = self._loaded
        self._loaded = data
        try:
            self._configure(self._setup_from_controls(LOADED), loaded=True)
        except ValueError as error:
            self._loaded = previous
            QMessageBox.warning(self, self.tr("Cannot open the data set"), str(error))
            return False
        self.dataset_combo.blockSignals(True)
        if self.dataset_combo.findData(LOADED) < 0:
            self.dataset_combo.addItem("", LOADED)
        self.dataset_combo.setCurrentIndex(self.dataset_combo.findData(LOADED))
        self.dataset_combo.blockSignals(False)
        self.retranslate_ui()
        self.status_message.emit(
            self.tr("Loaded {name}: {count} points, {classes} classes.").format(
                name=data.name, count=len(data.x_all), classes=data.n_classes
            )
        )
        return True

    def start_batch_lesson(self, enabled: bool = True) -> None:
        """The batch-size lesson on (the inspected optimizer under BGD, SGD and mini-batch
        32) or off (every optimizer again)."""
        self.lesson_button.setChecked(enabled)

    def is_batch_lesson(self) -> bool:
        """True while the race shows the batch-size lesson."""
        return self.lesson_button.isChecked()

    # Set-up -----------------------------------------------------------------------------

    def _setup_from_controls(self, dataset: str | None = None) -> NetworkSetup:
        dataset = dataset or self.dataset_combo.currentData() or "moons"
        return self.race.setup.with_changes(
            dataset=self.race.setup.dataset if dataset == LOADED else dataset,
            noise=float(self.noise_spin.value()),
            test_fraction=float(self.test_spin.value()),
            hidden=(int(self.width_spin.value()),) * int(self.layers_spin.value()),
            activation=self.activation_combo.currentData(),
            batch_norm=self.batch_norm_check.isChecked(),
            dropout=float(self.dropout_spin.value()),
            loss=self.loss_combo.currentData(),
            init=self.init_combo.currentData(),
            regime=self.regime_combo.currentData(),
        )

    def _configure(self, setup: NetworkSetup, lanes=None, loaded: bool | None = None) -> None:
        """Send a new problem (and lanes) to the race; ValueError leaves everything as it
        was. The loaded CSV (split with the set-up's test share) is used when ``loaded``, by
        default while it is the chosen data set."""
        if loaded is None:
            loaded = self.dataset_combo.currentData() == LOADED
        data = None
        if loaded and self._loaded is not None:
            whole = self._loaded
            data = split(
                whole.name, whole.x_all, whole.y_all, setup.test_fraction, setup.seed,
                whole.class_labels,
            )  # fmt: skip
        arguments = {"setup": setup, "data": data}
        if lanes is not None:
            arguments["lanes"] = lanes
        count = len(self.race.lanes)
        keys = self.race.lane_keys
        self.send_session_command(Command("configure", arguments))
        self.boundary_view.set_data(self.race.data, self.race.grid_extent)
        if len(self.race.lanes) != count or self.race.lane_keys != keys:
            # The recorded run's buffers are shaped by the lane count: new ones.
            self.trace = History(TRACE_CAPACITY, TRACE_HEAD, TRACE_TAIL)
            self.snapshots = boundary_history()
            self._rebuild_lanes()
        self._set_boundary_lane(self.lane_list.inspected())
        self._refresh_texts()

    @Slot()
    def _on_setup_edited(self, *_args) -> None:
        # Storms of edits (a held spin-box arrow) are sent once per frame.
        self._pending_setup = True
        self._setup_clock.request_redraw()

    def _send_pending_setup(self) -> None:
        if not self._pending_setup:
            return
        self._pending_setup = False
        try:
            self._configure(self._setup_from_controls())
        except ValueError as error:
            self.status_message.emit(self.tr("Not applied: {reason}").format(reason=error))

    @Slot(bool)
    def _on_lesson(self, enabled: bool) -> None:
        self._setup_clock.flush()
        spec = self.race.specs[self.race.lane_index(self.lane_list.inspected())]
        lanes = self._lanes_for(enabled, spec.optimizer)
        self._configure(self._setup_from_controls(), lanes)
        self.regime_combo.setEnabled(not enabled)
        self._fold_secondary_controls()
        self.retranslate_ui()
        if enabled:
            self.x_axis_combo.setCurrentIndex(self.x_axis_combo.findData("epoch"))
            self.status_message.emit(
                self.tr(
                    "Batch-size lesson: the same optimizer and start under BGD, SGD and "
                    "mini-batch 32. Per epoch, SGD takes many noisy steps, BGD one smooth step."
                )
            )

    # Drawing ----------------------------------------------------------------------------

    def lane_colors(self) -> list[str]:
        """Each lane's colour: the user's choice, else the optimizer's series colour (in the
        lesson, shades of the one optimizer's colour)."""
        theme = self._theme
        names = list(OPTIMIZERS)
        colors = []
        for spec in self.race.specs:
            if spec.key in self._custom_colors:
                colors.append(self._custom_colors[spec.key])
                continue
            base = theme.series_color(names.index(spec.optimizer)) if theme else "#1f77b4"
            color = QColor(base)
            if spec.regime in LESSON_LIGHTNESS:
                hue, saturation, _lightness, _alpha = color.getHslF()
                color = QColor.fromHslF(hue, saturation, LESSON_LIGHTNESS[spec.regime])
            colors.append(color.name())
        return colors

    def redraw(self) -> None:
        """Curves up to the step on show, the boundary as it was then, the formula."""
        if not len(self.trace):
            self.loss_view.draw([None] * len(self.race.lanes), 0)
            self.accuracy_view.draw([None] * len(self.race.lanes), 0)
            self.boundary_view.draw_boundary(None, None)
            return
        end = self.shown_index() + 1
        steps = self.trace.steps[:end]
        loss_name, accuracy_name = MEASURED_ON[self.measured_combo.currentData() or "train"]
        running = self.is_running()
        points = MAX_CURVE_POINTS[running]
        per_epoch = self.x_axis_combo.currentData() == "epoch"
        epochs = self.trace.channel(EPOCH)[:end]
        inspected = self.race.lane_index(self.lane_list.inspected())
        views = ((self.loss_view, loss_name), (self.accuracy_view, accuracy_name))
        for turn, (view, name) in enumerate(views):
            if not self.curve_view_due(turn):
                continue
            x, y = peak_decimate(steps, self.trace.channel(name)[:end], points)
            curves = []
            for index in range(len(self.race.lanes)):
                lane_x = np.interp(x, steps, epochs[:, index]) if per_epoch else x
                curves.append((lane_x, y[:, index]))
            last = float(np.nanmax(epochs[-1])) if per_epoch else int(self.trace.last_step)
            view.draw(curves, last, growing=running)
            cursor = float(epochs[-1, inspected]) if per_epoch else int(steps[-1])
            view.show_cursor(None if self.is_live() else cursor)
        snapshot = self.shown_states()
        if snapshot is None:
            self.boundary_view.draw_boundary(None, None)
        else:
            step, grid = snapshot
            key = (step, int(grid["lane"]))
            self.boundary_view.draw_boundary(grid["classes"], grid["confidence"], key)
        now = time.monotonic()
        if running and now - self._texts_drawn_at < TEXT_INTERVAL_SECONDS:
            return
        self._texts_drawn_at = now
        self._fill_formula(end - 1, snapshot)

    def _fill_formula(self, row: int, snapshot) -> None:
        lane = self.lane_list.inspected()
        index = self.race.lane_index(lane)
        spec = self.race.specs[index]
        hyper = self.race.hyperparameters(lane)
        specs = OPTIMIZERS[spec.optimizer].hyperparameters

        def value(name):
            return number_text(float(self.trace.channel(name)[row, index]))

        rows = [
            ("t", str(int(self.trace.steps[row])), self.tr("step")),
            (self.tr("epoch"), value(EPOCH), self.tr("passes over the training set")),
            ("B", str(self.race.batch_size_of(lane)), self.tr("examples per step")),
        ]
        rows += [(specs[key].symbol, number_text(v), "") for key, v in hyper.items()]
        rows += [
            ("L", value(LOSS), self.tr("training loss")),
            ("L", value(TEST_LOSS), self.tr("test loss")),
            ("acc", value(TEST_ACCURACY), self.tr("test accuracy")),
        ]
        caption = self.tr("{optimizer}: its values at step t").format(
            optimizer=self.lane_title(lane)
        )
        if snapshot is not None and int(snapshot[1]["lane"]) != index:
            caption += " " + self.tr("(boundary of another optimizer until the next update)")
        self.formula.set_values(caption, rows)

    # Reactions --------------------------------------------------------------------------

    def _refresh_texts(self) -> None:
        """Texts that depend on settings: legend names, hyper-parameters, explanation,
        the controlled-race note, titles and axis labels."""
        if self.lane_list is None:
            return
        colors = self.lane_colors()
        self.lane_list.set_colors(dict(zip(self.race.lane_keys, colors, strict=True)))
        names = []
        for spec in self.race.specs:
            summary = key_hyperparameters(spec.optimizer, self.race.hyperparameters(spec.key))
            if spec.regime is not None:
                summary = f"{regime_title(spec.regime)}  {summary}"
            self.lane_list.set_hyperparameters(spec.key, summary)
            name = self.lane_title(spec.key)
            if spec.key in self.diverged_at:
                name += "  " + self.tr("diverged at step {step}").format(
                    step=self.diverged_at[spec.key]
                )
            names.append(name)
        shown = [self.lane_list.is_enabled(key) for key in self.race.lane_keys]
        self.loss_view.set_lanes(names, colors, shown)
        self.accuracy_view.set_lanes(names, colors, shown)
        self.lane_list.set_diverged(self.diverged_at)
        lane = self.lane_list.inspected()
        optimizer = self.race.specs[self.race.lane_index(lane)].optimizer
        self.hyper_editor.show_lane(lane, optimizer, self.race.hyperparameters(lane))
        explanation = explanation_html(optimizer)
        if explanation != self._explanation:
            self._explanation = explanation
            self.explanation.set_html(explanation)
        self.controlled_note.setText(self._controlled_text())
        self._label_axes()

    def _controlled_text(self) -> str:
        setup = self.race.setup
        if self.is_batch_lesson():
            return self.tr(
                "A controlled race: one network, the same initial weights and one seed; only "
                "the batch size differs (BGD: all {count} training points per step, SGD: one, "
                "mini-batch: 32)."
            ).format(count=len(self.race.data.x_train))
        return self.tr(
            "A controlled race: every optimizer trains a copy of the same network ({layers}) "
            "from the same initial weights and sees the same mini-batches in the same order "
            "(one seed), so the optimizer is the only difference."
        ).format(layers=" × ".join(str(width) for width in setup.hidden))

    def _label_axes(self) -> None:
        theme = self._theme
        if theme is None:
            return
        per_epoch = self.x_axis_combo.currentData() == "epoch"
        x_label = self.tr("epoch") if per_epoch else self.tr("step")
        # Presentation's short plots have no height for a turned axis title: named above.
        quantities = ((self.loss_view, self.tr("loss")), (self.accuracy_view, self.tr("accuracy")))
        for view, name in quantities:
            set_quantity_label(view.plot_widget, name, theme, above=self._presenting())
            set_axis_label(view.plot_widget, "bottom", x_label, theme)
        set_axis_label(self.boundary_view.plot_widget, "bottom", "x₁", theme)
        set_axis_label(self.boundary_view.plot_widget, "left", "x₂", theme)
        self._boundary_title = self.tr("Decision boundary: {optimizer}").format(
            optimizer=self.lane_title(self.lane_list.inspected())
        )
        self._fit_boundary_title()

    def _fit_boundary_title(self) -> None:
        """The boundary plot's title, elided to the plot's width: a long lane title must not
        widen the plot beyond its widget. The whole title is the tooltip."""
        theme = self._theme
        if theme is None:
            return
        # set_plot_title draws at 1.1 × the text size, above the data only (right of the
        # left axis), with a margin.
        metrics = QFontMetrics(theme.font(1.1))
        left_axis = self.boundary_view.plot_widget.getPlotItem().getAxis("left")
        room = self.boundary_view.width() - round(left_axis.width()) - metrics.height()
        title = metrics.elidedText(self._boundary_title, Qt.TextElideMode.ElideRight, room)
        set_plot_title(self.boundary_view.plot_widget, html.escape(title), theme)
        self.boundary_view.setToolTip(self._boundary_title)

    def _apply_view_options(self) -> None:
        self.loss_view.set_log_scale(self.log_check.isChecked(), 0.0)
        self.loss_view.reset_ranges()
        self.accuracy_view.reset_ranges()
        self._label_axes()
        self.frame_clock.request_redraw()

    def _store(self, batch) -> None:
        known = dict(self.diverged_at)
        super()._store(batch)
        if self.diverged_at != known:
            self._refresh_texts()

    def _clear_run(self) -> None:
        had_divergence = bool(self.diverged_at)
        super()._clear_run()
        if self.loss_view is not None:
            self.loss_view.reset_ranges()
            self.accuracy_view.reset_ranges()
        # The "diverged" marks go. When the lanes themselves change (the batch-size lesson)
        # the list is stale here; _configure rebuilds it and refreshes the texts after.
        if had_divergence and self.lane_list.lane_keys() == tuple(self.race.lane_keys):
            self._refresh_texts()

    @Slot(object)
    def _on_speed(self, speed: float | None) -> None:
        self.set_speed(speed)

    @Slot()
    def _on_view_option(self, *_args) -> None:
        self._apply_view_options()

    @Slot(int, int, int)
    def _on_timeline(self, first: int, last: int, shown: int) -> None:
        self.timeline.set_timeline(first, last, shown, self.is_live())

    @Slot(str, bool)
    def _on_lane_enabled(self, _lane: str, _enabled: bool) -> None:
        self._refresh_texts()
        self.frame_clock.request_redraw()

    @Slot(str, str)
    def _on_lane_color(self, lane: str, color: str) -> None:
        self._custom_colors[lane] = color
        self._refresh_texts()
        self.frame_clock.request_redraw()

    @Slot(str)
    def _on_inspected(self, lane: str) -> None:
        optimizer = self.race.specs[self.race.lane_index(lane)].optimizer
        self.formula.show_optimizer(optimizer)
        self._set_boundary_lane(lane)
        self._refresh_texts()
        self.frame_clock.request_redraw()

    def _set_boundary_lane(self, lane: str) -> None:
        # Before the compute process exists the mirror is enough: the process starts from it.
        if self._process is None:
            self.race.set_boundary_lane(lane)
        elif self.race.boundary_lane != lane:
            self.send_session_command(Command("set_boundary_lane", {"lane": lane}))

    @Slot(int)
    def _on_tab_changed(self, _index: int) -> None:
        self.frame_clock.request_redraw()

    @Slot(str, str, float)
    def _on_hyper_edited(self, lane: str, key: str, value: float) -> None:
        try:
            self.send_session_command(Command("set_hyperparameters", {"lane": lane, key: value}))
        except ValueError as error:
            self.status_message.emit(str(error))
            return
        self._refresh_texts()
