"""The BatchNorm panel's words that come from the core or span several widgets.

Activation titles are translated in the activations panel's context ("ActivationTitles");
the initialisation schemes' titles are listed here for lupdate. The explanation retells the
course notes' paragraph on BatchNorm (drift toward the ends of the activation's range,
vanishing gradients of the early layers, normalising back into the sensitive region) and
says what to try on the panel.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

ACTIVATION_CONTEXT = "ActivationTitles"
INITIALISER_CONTEXT = "InitialiserTitles"
TEXT_CONTEXT = "BatchNormTexts"

# The core registry's initialisation titles, listed so that lupdate offers them.
_INITIALISER_TITLES = (
    QT_TRANSLATE_NOOP("InitialiserTitles", "Xavier / Glorot"),
    QT_TRANSLATE_NOOP("InitialiserTitles", "He / Kaiming"),
    QT_TRANSLATE_NOOP("InitialiserTitles", "Small normal"),
    QT_TRANSLATE_NOOP("InitialiserTitles", "Custom"),
)

_EXPLANATION = QT_TRANSLATE_NOOP(
    "BatchNormTexts",
    "<h3>Why BatchNorm helps</h3>"
    "<p>The deeper a network, the further the inputs of its activations drift: layer after "
    "layer their distribution spreads out or shrinks and slides toward the ends of the "
    "activation's range. There the curve is flat and its derivative almost zero (the outlined "
    "band marks where it is not). Backpropagation multiplies one such factor per layer, so "
    "the gradient reaching the first layers vanishes and they hardly learn.</p>"
    "<p><b>BatchNorm</b> normalises every unit's inputs over the batch to mean 0 and variance "
    "1, then lets the network scale them by γ and shift them by β. Each layer's distribution "
    "is pulled back into the sensitive region, the derivatives stay large, the gradient "
    "reaches the first layers and training converges faster.</p>"
    "<p><b>Try it.</b> Sigmoid with weight σ = 1: without BatchNorm most units of the deep "
    "layers are saturated (bars), with it almost none. Choose Xavier or Small normal: without "
    "BatchNorm the gradient norm falls by orders of magnitude toward the first layers, with "
    "it the line stays flat. Press Train: both networks start from the same weights and see "
    "the same mini-batches; compare the two losses.</p>"
    "<p><b>Training and evaluation mode.</b> While training, BatchNorm normalises with the "
    "statistics of the batch at hand; for evaluation it uses running averages gathered "
    "during training. Before any training those are mean 0 and variance 1, so BatchNorm "
    "does nothing: switch to running statistics at step 0 and the BatchNorm column looks "
    "like the plain one; after training the two modes agree.</p>",
)


def activation_title(title: str) -> str:
    """An activation's registry title in the current language."""
    return QCoreApplication.translate(ACTIVATION_CONTEXT, title)


def initialiser_title(title: str) -> str:
    """An initialisation scheme's registry title in the current language."""
    return QCoreApplication.translate(INITIALISER_CONTEXT, title)


def explanation_html() -> str:
    """The panel's explanation (HTML) in the current language."""
    return QCoreApplication.translate(TEXT_CONTEXT, _EXPLANATION)
