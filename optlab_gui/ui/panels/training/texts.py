"""The training panel's words: optimizer and surface titles, symbols, terms and explanations.

Titles come from the core registries in English; they are translated here with fixed
contexts and listed with QT_TRANSLATE_NOOP so that lupdate finds them. The explanations
retell the course notes on each optimizer in our own words.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from optlab_gui.core.optimizers import OPTIMIZERS
from optlab_gui.core.surfaces import SURFACES

OPTIMIZER_CONTEXT = "OptimizerTitles"
SURFACE_CONTEXT = "SurfaceTitles"
PARAMETER_CONTEXT = "OptimizerParameters"
TERM_CONTEXT = "OptimizerTerms"
EXPLANATION_CONTEXT = "OptimizerExplanations"

# The registries' titles and descriptions, listed so that lupdate offers them.
_OPTIMIZER_TITLES = (
    QT_TRANSLATE_NOOP("OptimizerTitles", "Gradient descent"),
    QT_TRANSLATE_NOOP("OptimizerTitles", "Momentum"),
    QT_TRANSLATE_NOOP("OptimizerTitles", "Nesterov (NAG)"),
    QT_TRANSLATE_NOOP("OptimizerTitles", "Adagrad"),
    QT_TRANSLATE_NOOP("OptimizerTitles", "Adadelta"),
    QT_TRANSLATE_NOOP("OptimizerTitles", "RMSprop"),
    QT_TRANSLATE_NOOP("OptimizerTitles", "Adam"),
)
_SURFACE_TITLES = (
    QT_TRANSLATE_NOOP("SurfaceTitles", "Rosenbrock"),
    QT_TRANSLATE_NOOP("SurfaceTitles", "Beale"),
    QT_TRANSLATE_NOOP("SurfaceTitles", "Himmelblau"),
    QT_TRANSLATE_NOOP("SurfaceTitles", "Saddle"),
    QT_TRANSLATE_NOOP("SurfaceTitles", "Ravine"),
    QT_TRANSLATE_NOOP("SurfaceTitles", "Six-hump camel"),
    QT_TRANSLATE_NOOP("SurfaceTitles", "Quadratic"),
)
_SURFACE_DESCRIPTIONS = (
    QT_TRANSLATE_NOOP(
        "SurfaceTitles",
        "A curved, flat-bottomed valley: easy to find, slow to follow to the minimum at (1, 1).",
    ),
    QT_TRANSLATE_NOOP(
        "SurfaceTitles", "Flat plateaus and steep walls with sharp corners; minimum at (3, 0.5)."
    ),
    QT_TRANSLATE_NOOP(
        "SurfaceTitles",
        "Four equally deep minima: which one an optimizer reaches depends on where it starts "
        "and how it moves.",
    ),
    QT_TRANSLATE_NOOP(
        "SurfaceTitles",
        "A saddle point at the origin (x² − y² near it); the quartic term bounds the surface "
        "so escaping optimizers settle in the minima at (0, ±√2).",
    ),
    QT_TRANSLATE_NOOP(
        "SurfaceTitles",
        "An ill-conditioned quadratic (curvatures 1 and 50): plain gradient descent zig-zags "
        "across the ravine and crawls along it.",
    ),
    QT_TRANSLATE_NOOP(
        "SurfaceTitles",
        "Six local minima, two of them global: optimizers can get caught in the wrong valley.",
    ),
    QT_TRANSLATE_NOOP(
        "SurfaceTitles", "The reference bowl of the optimizer tests (curvatures 1 and 10)."
    ),
)

# What each hyper-parameter means (label next to its symbol, and tooltip).
_PARAMETER_NAMES = {
    "lr": QT_TRANSLATE_NOOP("OptimizerParameters", "learning rate"),
    "momentum": QT_TRANSLATE_NOOP("OptimizerParameters", "momentum"),
    "rho": QT_TRANSLATE_NOOP("OptimizerParameters", "decay rate"),
    "beta1": QT_TRANSLATE_NOOP("OptimizerParameters", "1st-moment decay"),
    "beta2": QT_TRANSLATE_NOOP("OptimizerParameters", "2nd-moment decay"),
    "eps": QT_TRANSLATE_NOOP("OptimizerParameters", "avoids division by 0"),
}

# The optimizer's state terms as the formula names them: key -> (symbol, meaning).
TERM_SYMBOLS = {
    "gradient": "g",
    "update": "Δθ",
    "velocity": "v",
    "lookahead": "θ − γv",
    "grad_squared_sum": "G",
    "squared_grad_avg": "E[g²]",
    "squared_update_avg": "E[Δθ²]",
    "effective_lr": "η_eff",
    "m": "m",
    "v": "v",
    "m_hat": "m̂",
    "v_hat": "v̂",
}
_TERM_MEANINGS = {
    "gradient": QT_TRANSLATE_NOOP("OptimizerTerms", "gradient"),
    "update": QT_TRANSLATE_NOOP("OptimizerTerms", "step taken"),
    "velocity": QT_TRANSLATE_NOOP("OptimizerTerms", "velocity"),
    "lookahead": QT_TRANSLATE_NOOP("OptimizerTerms", "look-ahead point"),
    "grad_squared_sum": QT_TRANSLATE_NOOP("OptimizerTerms", "sum of squared gradients"),
    "squared_grad_avg": QT_TRANSLATE_NOOP("OptimizerTerms", "average squared gradient"),
    "squared_update_avg": QT_TRANSLATE_NOOP("OptimizerTerms", "average squared step"),
    "effective_lr": QT_TRANSLATE_NOOP("OptimizerTerms", "effective learning rate"),
    "m": QT_TRANSLATE_NOOP("OptimizerTerms", "1st moment"),
    "v": QT_TRANSLATE_NOOP("OptimizerTerms", "2nd moment"),
    "m_hat": QT_TRANSLATE_NOOP("OptimizerTerms", "bias-corrected 1st moment"),
    "v_hat": QT_TRANSLATE_NOOP("OptimizerTerms", "bias-corrected 2nd moment"),
}

_EXPLANATIONS = {
    "gd": QT_TRANSLATE_NOOP(
        "OptimizerExplanations",
        "<h3>Gradient descent</h3><p>Every step moves θ against the gradient, scaled by the "
        "learning rate η: θ ← θ − η∇J(θ). Computed on the whole data set this is batch "
        "gradient descent (BGD), on one example SGD, on a mini-batch of 16 to 256 examples "
        "mini-batch gradient descent; the <i>noisy gradient</i> switch imitates the last two."
        "</p><ul><li><b>η too large</b> overshoots: across a narrow valley the path zig-zags, "
        "and past a limit it diverges.</li><li><b>η too small</b> crawls along flat valleys "
        "such as Rosenbrock's.</li><li>Every coordinate gets the same η, however different the "
        "curvature in each direction.</li></ul>",
    ),
    "momentum": QT_TRANSLATE_NOOP(
        "OptimizerExplanations",
        "<h3>Momentum</h3><p>Keeps a velocity, an exponentially weighted sum of past "
        "gradients: v<sub>t</sub> = γv<sub>t−1</sub> + η∇J(θ), θ ← θ − v<sub>t</sub>, "
        "with γ usually 0.9.</p><ul><li>Where the gradient keeps its direction the steps add "
        "up and the optimizer speeds up, along the floor of a valley for instance.</li>"
        "<li>Where the gradient changes sign the contributions cancel, so the swinging across "
        "a valley is damped.</li><li>On the surface: first the gradient step ηg at θ, then "
        "the jump γv carried over from the previous steps.</li></ul>",
    ),
    "nesterov": QT_TRANSLATE_NOOP(
        "OptimizerExplanations",
        "<h3>Nesterov accelerated gradient</h3><p>Like Momentum, but the gradient is measured "
        "where the velocity is about to carry θ, at the look-ahead point θ − γv<sub>t−1</sub>: "
        "v<sub>t</sub> = γv<sub>t−1</sub> + η∇J(θ − γv<sub>t−1</sub>), θ ← θ − v<sub>t</sub>."
        "</p><ul><li>It first makes the big jump along the accumulated velocity (the dashed "
        "arrow), then corrects it with the gradient measured at the point it would reach.</li>"
        "<li>The correction comes before the overshoot, so Nesterov brakes earlier than "
        "Momentum and swings less.</li><li>It has made RNNs work better on many tasks.</li>"
        "</ul>",
    ),
    "adagrad": QT_TRANSLATE_NOOP(
        "OptimizerExplanations",
        "<h3>Adagrad</h3><p>Gives every coordinate its own learning rate: G<sub>t</sub> adds "
        "up the squares of all gradients so far, and the step is "
        "η/√(G<sub>t</sub> + ε) · g<sub>t</sub>. ε only keeps the denominator away from 0."
        "</p><ul><li>Directions with large gradients get a smaller effective learning rate, "
        "directions with small ones a larger one.</li><li><b>Its weakness:</b> G only "
        "grows, so the effective learning rate keeps shrinking until learning practically "
        "stops. Watch it fall in the effective learning rate plot.</li></ul>",
    ),
    "adadelta": QT_TRANSLATE_NOOP(
        "OptimizerExplanations",
        "<h3>Adadelta</h3><p>Mends Adagrad's shrinking rate: instead of summing all squared "
        "gradients it keeps a decaying average E[g²]<sub>t</sub> = ρE[g²]<sub>t−1</sub> + "
        "(1 − ρ)g<sub>t</sub>², so the denominator is a root mean square RMS[g]<sub>t</sub> "
        "that forgets old gradients.</p><ul><li>It also replaces η by RMS[Δθ]<sub>t−1</sub>, "
        "the same kind of average of its own past steps: Δθ<sub>t</sub> = "
        "−RMS[Δθ]<sub>t−1</sub>/RMS[g]<sub>t</sub> · g<sub>t</sub>. There is no learning "
        "rate to choose.</li><li>Its first steps are tiny (about √ε/RMS[g]), so it starts "
        "slowly and then gathers speed.</li></ul>",
    ),
    "rmsprop": QT_TRANSLATE_NOOP(
        "OptimizerExplanations",
        "<h3>RMSprop</h3><p>Divides the learning rate by the root of a decaying average of "
        "squared gradients: E[g²]<sub>t</sub> = 0.9E[g²]<sub>t−1</sub> + "
        "0.1g<sub>t</sub>², θ ← θ − η/√(E[g²]<sub>t</sub> + ε) · g<sub>t</sub>.</p><ul>"
        "<li>Like Adagrad it scales every coordinate separately, but old gradients fade "
        "out, so the rate does not collapse.</li><li>It damps the swinging in directions "
        "where the gradient is large.</li></ul>",
    ),
    "adam": QT_TRANSLATE_NOOP(
        "OptimizerExplanations",
        "<h3>Adam</h3><p>RMSprop plus Momentum: a decaying average of the gradients "
        "m<sub>t</sub> (the first moment, a velocity) and one of their squares v<sub>t</sub> "
        "(the second moment, as in RMSprop).</p><ul><li>Both start at 0, so at first they "
        "lean towards 0; dividing by 1 − β₁<sup>t</sup> and 1 − β₂<sup>t</sup> corrects "
        "this bias (<b>m̂</b><sub>t</sub>, <b>v̂</b><sub>t</sub>; compare m with <b>m̂</b> in "
        "the plot: they meet after a few dozen steps).</li><li>The step "
        "η·<b>m̂</b><sub>t</sub>/(√<b>v̂</b><sub>t</sub> + ε) is "
        "about η per coordinate at first, whatever the size of the gradient.</li><li>Usual "
        "values: β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸.</li></ul>",
    ),
}


def optimizer_title(name: str) -> str:
    """The translated title of optimizer ``name`` (e.g. "Momentum", "动量法")."""
    return QCoreApplication.translate(OPTIMIZER_CONTEXT, OPTIMIZERS[name].title)


def surface_title(name: str) -> str:
    """The translated title of surface ``name``."""
    return QCoreApplication.translate(SURFACE_CONTEXT, SURFACES[name].title)


def surface_description(name: str) -> str:
    """The translated one-sentence description of surface ``name``."""
    return QCoreApplication.translate(SURFACE_CONTEXT, SURFACES[name].description)


def parameter_label(optimizer: str, key: str) -> str:
    """ "η learning rate": the notes' symbol and what it means, translated."""
    symbol = OPTIMIZERS[optimizer].hyperparameters[key].symbol
    meaning = _PARAMETER_NAMES.get(key)
    return (
        f"{symbol}  {QCoreApplication.translate(PARAMETER_CONTEXT, meaning)}" if meaning else symbol
    )


def term_meaning(key: str) -> str:
    """What state term ``key`` is, translated (empty if unknown)."""
    text = _TERM_MEANINGS.get(key)
    return QCoreApplication.translate(TERM_CONTEXT, text) if text else ""


def explanation_html(name: str) -> str:
    """The explanation of optimizer ``name`` as translated HTML."""
    text = _EXPLANATIONS.get(name)
    return QCoreApplication.translate(EXPLANATION_CONTEXT, text) if text else ""


def number_text(value: float) -> str:
    """A value in at most 4 significant digits, with a real minus sign."""
    if value != value:  # NaN
        return "—"
    return f"{value:.4g}".replace("-", "−")


def vector_text(values) -> str:
    """(x, y) in at most 4 significant digits each."""
    return "(" + ", ".join(number_text(float(v)) for v in values) + ")"
