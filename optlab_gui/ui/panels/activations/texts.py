"""The activations panel's words: activation titles, parameter meanings and explanations.

Titles come from the core registry in English; they are translated here with fixed
contexts, and listed with QT_TRANSLATE_NOOP so that lupdate finds them. The explanations
retell the course notes (why a non-linearity, vanishing gradients, zero-centred outputs,
dead ReLUs, Leaky ReLU, Maxout containing ReLU, the cost of exponentials).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from optlab_gui.core.activations import ACTIVATIONS, Activation

TITLE_CONTEXT = "ActivationTitles"
PARAMETER_CONTEXT = "ActivationParameters"
EXPLANATION_CONTEXT = "ActivationExplanations"

# The registry's titles, listed so that lupdate offers them for translation.
_TITLES = (
    QT_TRANSLATE_NOOP("ActivationTitles", "Sigmoid"),
    QT_TRANSLATE_NOOP("ActivationTitles", "Tanh"),
    QT_TRANSLATE_NOOP("ActivationTitles", "ReLU"),
    QT_TRANSLATE_NOOP("ActivationTitles", "Leaky ReLU"),
    QT_TRANSLATE_NOOP("ActivationTitles", "ELU"),
    QT_TRANSLATE_NOOP("ActivationTitles", "SELU"),
    QT_TRANSLATE_NOOP("ActivationTitles", "GELU"),
    QT_TRANSLATE_NOOP("ActivationTitles", "Swish"),
    QT_TRANSLATE_NOOP("ActivationTitles", "Softplus"),
    QT_TRANSLATE_NOOP("ActivationTitles", "Softsign"),
    QT_TRANSLATE_NOOP("ActivationTitles", "Linear"),
    QT_TRANSLATE_NOOP("ActivationTitles", "Maxout"),
)

# What each slider means, shown as its tooltip: (activation, parameter) -> text.
_PARAMETER_MEANINGS = {
    ("leaky_relu", "alpha"): QT_TRANSLATE_NOOP(
        "ActivationParameters", "Slope for negative inputs (0 gives ReLU, 1 gives a line)"
    ),
    ("elu", "alpha"): QT_TRANSLATE_NOOP(
        "ActivationParameters", "Very negative inputs give −α: the depth of the floor"
    ),
    ("maxout", "w1"): QT_TRANSLATE_NOOP("ActivationParameters", "Slope of the first piece"),
    ("maxout", "b1"): QT_TRANSLATE_NOOP("ActivationParameters", "Offset of the first piece"),
    ("maxout", "w2"): QT_TRANSLATE_NOOP("ActivationParameters", "Slope of the second piece"),
    ("maxout", "b2"): QT_TRANSLATE_NOOP("ActivationParameters", "Offset of the second piece"),
}

_EXPLANATIONS = {
    "sigmoid": QT_TRANSLATE_NOOP(
        "ActivationExplanations",
        "<h3>Sigmoid</h3><p>σ squashes every input into (0, 1). It was the classic choice, "
        "and it shows most of the problems the notes warn about.</p><ul>"
        "<li><b>Vanishing gradient.</b> σ′ is at most 0.25 (at x = 0, marked on the plot); for "
        "inputs between 0 and 1 it lies between about 0.2 and 0.25. Backpropagation multiplies "
        "one such factor per layer, so after 10 layers a gradient is at best 0.25¹⁰ ≈ 10⁻⁶ of "
        "what it was: the layers near the input hardly learn.</li>"
        "<li><b>Saturation.</b> Beyond |x| ≈ 4.4 the curve is flat (shaded): σ′ is below 5 % of "
        "its maximum and almost no gradient gets through.</li>"
        "<li><b>Not zero-centred.</b> Every output is positive, so the gradients of all the "
        "weights entering the next unit have the same sign: in one step they all increase or "
        "all decrease, and training zig-zags. Mini-batches soften this.</li>"
        "<li><b>Cost.</b> It needs an exponential, slower than the single max of ReLU "
        "(see the measured cost).</li></ul>",
    ),
    "tanh": QT_TRANSLATE_NOOP(
        "ActivationExplanations",
        "<h3>Tanh</h3><p>tanh x = 2σ(2x) − 1 is a stretched sigmoid with outputs in (−1, 1).</p>"
        "<ul><li><b>Zero-centred.</b> Its outputs are positive and negative around 0, which "
        "fixes the sigmoid's same-sign gradients.</li>"
        "<li><b>Still vanishing.</b> Its slope is 1 only at x = 0 and it saturates on both "
        "sides (shaded beyond |x| ≈ 2.2), so deep stacks still lose their gradient.</li>"
        "<li><b>Cost.</b> Still exponentials.</li></ul>",
    ),
    "relu": QT_TRANSLATE_NOOP(
        "ActivationExplanations",
        "<h3>ReLU</h3><p>max(0, x): the default of modern networks.</p><ul>"
        "<li><b>Gradient passes unchanged.</b> For x &gt; 0 the slope is exactly 1, so "
        "(max f′)^L stays 1 at any depth: much of the vanishing-gradient problem is gone.</li>"
        "<li><b>Fast.</b> A single comparison, no exponential; networks also converge faster.</li>"
        "<li><b>Dead ReLU.</b> For x &lt; 0 the slope is 0 (the labelled region). A unit whose "
        "input is negative for every example receives no gradient, so its weights never change "
        "again: it is dead. Bad initialisation or a too large learning rate causes it.</li>"
        "<li><b>Not zero-centred</b>, like the sigmoid.</li></ul>",
    ),
    "leaky_relu": QT_TRANSLATE_NOOP(
        "ActivationExplanations",
        "<h3>Leaky ReLU</h3><p>x for x &gt; 0 and αx otherwise, with a small α such as 0.01.</p>"
        "<ul><li><b>No dead units.</b> The negative side keeps a small slope α, so a gradient "
        "always flows and a unit pushed to the negative side can come back.</li>"
        "<li><b>Try the slider.</b> α = 0 gives ReLU back; α = 1 gives the straight line, and "
        "the non-linearity is gone.</li>"
        "<li>It costs a little more than ReLU, and in practice it is not always better.</li>"
        "</ul>",
    ),
    "elu": QT_TRANSLATE_NOOP(
        "ActivationExplanations",
        "<h3>ELU</h3><p>x for x &gt; 0 and α(eˣ − 1) otherwise.</p><ul>"
        "<li>Negative outputs pull the mean of the activations towards 0, and the curve is "
        "smooth at 0.</li>"
        "<li>Very negative inputs saturate at −α (shaded), which makes the unit robust to "
        "noise there, but the gradient vanishes on that side.</li>"
        "<li>It needs an exponential for negative inputs.</li></ul>",
    ),
    "selu": QT_TRANSLATE_NOOP(
        "ActivationExplanations",
        "<h3>SELU</h3><p>λ·ELU with fixed λ ≈ 1.0507 and α ≈ 1.6733.</p><ul>"
        "<li>The constants are chosen so that, with the right initialisation, the activations "
        "keep mean 0 and variance 1 from layer to layer: the network normalises itself.</li>"
        "<li>Its largest slope λα ≈ 1.76 is above 1, so its best case in the depth plot grows "
        "with depth: (max f′)^L is only a bound, and the weights must keep the product "
        "near 1.</li></ul>",
    ),
    "gelu": QT_TRANSLATE_NOOP(
        "ActivationExplanations",
        "<h3>GELU</h3><p>x·Φ(x), here in the tanh approximation used by BERT and GPT-2.</p><ul>"
        "<li>A smooth ReLU: large positive inputs pass, large negative ones are switched off, "
        "with a small dip just below 0.</li>"
        "<li>Standard in Transformers; it costs a tanh and a cube per element.</li></ul>",
    ),
    "swish": QT_TRANSLATE_NOOP(
        "ActivationExplanations",
        "<h3>Swish (SiLU)</h3><p>x·σ(x).</p><ul>"
        "<li>Smooth and not monotonic: slightly negative just below 0, like GELU.</li>"
        "<li>Its slope peaks at about 1.1 and saturates for very negative inputs.</li></ul>",
    ),
    "softplus": QT_TRANSLATE_NOOP(
        "ActivationExplanations",
        "<h3>Softplus</h3><p>ln(1 + eˣ), a smooth ReLU; its derivative is exactly the "
        "sigmoid.</p><ul>"
        "<li>The negative side is never exactly flat, but its slope still becomes tiny "
        "(shaded).</li>"
        "<li>An exponential and a logarithm per element make it costly.</li></ul>",
    ),
    "softsign": QT_TRANSLATE_NOOP(
        "ActivationExplanations",
        "<h3>Softsign</h3><p>x / (1 + |x|): zero-centred with outputs in (−1, 1), like tanh.</p>"
        "<ul><li>It approaches ±1 polynomially rather than exponentially, so it saturates "
        "later: its slope falls below 5 % only beyond |x| ≈ 3.5 (tanh: ≈ 2.2).</li>"
        "<li>No exponential: cheaper than tanh.</li></ul>",
    ),
    "linear": QT_TRANSLATE_NOOP(
        "ActivationExplanations",
        "<h3>Linear (no activation)</h3><p>f(x) = x.</p><ul>"
        "<li>Every layer then computes an affine function of the previous layer, and a "
        "composition of affine functions is affine: however many layers, the network is "
        "equivalent to a single one and can only draw straight lines (see the "
        "non-linearity plot).</li>"
        "<li>Its slope is 1 everywhere: nothing vanishes, but nothing is gained by depth "
        "either.</li></ul>",
    ),
    "maxout": QT_TRANSLATE_NOOP(
        "ActivationExplanations",
        "<h3>Maxout</h3><p>max(w₁x + b₁, w₂x + b₂): the larger of two affine pieces (drawn "
        "faintly), whose slopes and offsets are learned.</p><ul>"
        "<li><b>ReLU is a special case:</b> w₁ = b₁ = 0, w₂ = 1, b₂ = 0 gives max(0, x). Other "
        "settings give Leaky ReLU (w₁ = 0.01) or |x| (w₁ = −1).</li>"
        "<li>Because both pieces are learned, a unit need not die as a ReLU can; the notes "
        "recommend it.</li>"
        "<li>The price: twice the weights per unit.</li></ul>",
    ),
}

_WHY_NONLINEARITY = QT_TRANSLATE_NOOP(
    "ActivationExplanations",
    "<h3>Why a non-linearity at all?</h3><p>Without one, each layer's output is a linear "
    "function of its input, so the whole network is a linear function of the data, however "
    "deep: no better than having no hidden layer. A non-linear activation lets a deep network "
    "approximate almost any function. The non-linearity plot, beside the depth plot, pushes x "
    "through the same random network of width 32 twice: with the selected activation it bends, "
    "with “linear” it stays a straight line at every depth.</p>",
)


def activation_title(activation: Activation) -> str:
    """The activation's title in the current language ("Sigmoid", "Leaky ReLU"...)."""
    return QCoreApplication.translate(TITLE_CONTEXT, activation.title)


def parameter_meaning(activation: Activation, parameter: str) -> str:
    """What ``parameter`` of ``activation`` does, in the current language ("" if unknown)."""
    text = _PARAMETER_MEANINGS.get((activation.name, parameter))
    return QCoreApplication.translate(PARAMETER_CONTEXT, text) if text else ""


def explanation_html(activation: Activation) -> str:
    """The notes' explanation of ``activation`` followed by why non-linearity matters."""
    own = _EXPLANATIONS.get(activation.name)
    text = QCoreApplication.translate(EXPLANATION_CONTEXT, own) if own else ""
    return text + QCoreApplication.translate(EXPLANATION_CONTEXT, _WHY_NONLINEARITY)


def missing_texts() -> list[str]:
    """Registry entries whose title or explanation is missing here (a test keeps this empty)."""
    return [
        name
        for name, activation in ACTIVATIONS.items()
        if activation.title not in _TITLES or name not in _EXPLANATIONS
    ]


_SUPERSCRIPT_DIGITS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def superscript(number: int) -> str:
    """``number`` in superscript digits, for exponents in plain text: 10 -> "¹⁰"."""
    return str(number).translate(_SUPERSCRIPT_DIGITS)


#: Readout numbers never take more characters than this (the list's columns fit them).
NUMBER_WIDTH = 8


def number_text(value: float) -> str:
    """A readout number in at most 8 characters: 3 significant digits ("0.25", "9.54e−7"),
    2 when 3 would not fit ("−0.001" for −0.000999), "∞" for infinities."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    for digits in (3, 2, 1):
        mantissa, _, exponent = f"{value:.{digits}g}".partition("e")
        text = f"{mantissa}e{int(exponent)}" if exponent else mantissa
        if len(text) <= NUMBER_WIDTH:
            break
    return text.replace("-", "−")
