"""Optimizers of the lecture, exactly its update rules, stepping parameter arrays of any shape.

Each optimizer class carries its display name, its hyper-parameters (with slider bounds and
symbols) and its update rule as LaTeX lines in the notes' notation. An instance keeps the
running state of one trajectory (velocity, accumulators, moments) and exposes it through
:attr:`Optimizer.state` for display.

Batch gradient descent, SGD and mini-batch gradient descent are not optimizers here: they are
batch sizes of a training run (see :mod:`optlab_gui.core.batching`); all of them use ``gd``.

``step`` is kept lean on purpose (the surface view races all seven live): hyper-parameters are
validated when set, state arrays are updated in place, and :attr:`Optimizer.state` builds its
dictionary only when read.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

__all__ = [
    "OPTIMIZERS",
    "HyperParameter",
    "Optimizer",
    "make_optimizer",
]

GradientFunction = Callable[[np.ndarray], np.ndarray]


def _check_non_negative(name: str, value: float) -> None:
    if value < 0.0:
        raise ValueError(f"{name} must be >= 0, got {value}")


def _check_decay(name: str, value: float) -> None:
    if not 0.0 <= value < 1.0:
        raise ValueError(f"{name} must lie in [0, 1), got {value}")


# Constraint name -> check; HyperParameter.constraint picks one.
CONSTRAINTS: dict[str, Callable[[str, float], None]] = {
    "non_negative": _check_non_negative,
    "decay": _check_decay,
}


@dataclass(frozen=True)
class HyperParameter:
    """One hyper-parameter: default, slider bounds, symbol, and the rule a value must obey.

    ``minimum``/``maximum`` are the UI's slider bounds, not validation limits: any finite
    value satisfying ``constraint`` is accepted (a huge lr simply diverges).
    """

    default: float
    minimum: float
    maximum: float
    symbol: str
    log_scale: bool = False
    constraint: str = "non_negative"


def _lr(default: float) -> HyperParameter:
    return HyperParameter(default, 1e-5, 10.0, "η", log_scale=True)


MOMENTUM = HyperParameter(0.9, 0.0, 0.99, "γ", constraint="decay")
RHO = HyperParameter(0.9, 0.0, 0.999, "ρ", constraint="decay")
BETA1 = HyperParameter(0.9, 0.0, 0.999, "β₁", constraint="decay")
BETA2 = HyperParameter(0.999, 0.0, 0.99999, "β₂", constraint="decay")


def _eps(default: float) -> HyperParameter:
    return HyperParameter(default, 1e-12, 1e-1, "ε", log_scale=True)


def _safe_ratio(numerator: np.ndarray, denominator: np.ndarray, zero_over_zero: float = 0.0):
    """numerator / denominator without warnings where the denominator is 0 (reachable only
    with eps = 0, when every gradient so far was 0 in that coordinate): those entries get
    ``zero_over_zero``."""
    numerator, denominator = np.broadcast_arrays(numerator, denominator)
    out = np.full(denominator.shape, zero_over_zero)
    return np.divide(numerator, denominator, out=out, where=denominator != 0)


OPTIMIZERS: dict[str, type[Optimizer]] = {}


def register(cls: type[Optimizer]) -> type[Optimizer]:
    """Class decorator: add an optimizer to :data:`OPTIMIZERS` under its ``name``."""
    OPTIMIZERS[cls.name] = cls
    return cls


def make_optimizer(name: str, **hyper: float) -> Optimizer:
    """Build the optimizer registered as ``name`` with the given hyper-parameters."""
    try:
        cls = OPTIMIZERS[name]
    except KeyError:
        raise ValueError(
            f"unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZERS)}"
        ) from None
    return cls(**hyper)


class Optimizer:
    """Base class: hyper-parameter handling, step counting and the state protocol.

    Subclasses implement ``_update(theta, grad_fn) -> new theta`` (may assume validated
    hyper-parameters as attributes, e.g. ``self.lr``), ``_clear()`` and ``_state()``.
    """

    name: ClassVar[str]
    title: ClassVar[str]
    hyperparameters: ClassVar[dict[str, HyperParameter]]
    formula: ClassVar[list[str]]
    state_keys: ClassVar[tuple[str, ...]]

    def __init__(self, **hyper: float) -> None:
        self._hyper = {key: spec.default for key, spec in self.hyperparameters.items()}
        self.set_hyperparameters(**hyper)
        self.reset()

    @classmethod
    def validate(cls, **hyper: float) -> dict[str, float]:
        """Check hyper-parameter values; return them as floats or raise ValueError naming the
        offending parameter (unknown name, not a number, NaN/inf, or constraint violated)."""
        checked = {}
        for key, raw in hyper.items():
            spec = cls.hyperparameters.get(key)
            if spec is None:
                known = ", ".join(cls.hyperparameters)
                raise ValueError(f"{cls.name} has no hyper-parameter {key!r} (it has: {known})")
            if isinstance(raw, bool):
                raise ValueError(f"{key} must be a number, got {raw!r}")
            try:
                value = float(raw)
            except (TypeError, ValueError):
                raise ValueError(f"{key} must be a number, got {raw!r}") from None
            if not math.isfinite(value):
                raise ValueError(f"{key} must be finite, got {value}")
            CONSTRAINTS[spec.constraint](key, value)
            checked[key] = value
        return checked

    def set_hyperparameters(self, **hyper: float) -> None:
        """Change hyper-parameters (also while running); validated like the constructor.
        Nothing changes if any value is invalid. The accumulated state is kept."""
        self._hyper.update(self.validate(**hyper))
        for key, value in self._hyper.items():
            setattr(self, key, value)

    @property
    def hyper(self) -> dict[str, float]:
        """Current hyper-parameter values (a copy)."""
        return dict(self._hyper)

    def reset(self) -> None:
        """Forget the trajectory: state back to zero, step_count to 0."""
        self.step_count = 0
        self._gradient: np.ndarray | None = None
        self._update_step: np.ndarray | None = None
        self._clear()

    def step(self, theta, grad_fn: GradientFunction) -> np.ndarray:
        """One update: evaluates ``grad_fn`` (at θ, or at the look-ahead point for Nesterov)
        and returns the new parameters as a new array; ``theta`` is never modified."""
        theta = np.asarray(theta, dtype=float)
        self.step_count += 1
        try:
            return self._update(theta, grad_fn)
        except BaseException:
            self.step_count -= 1
            raise

    @property
    def state(self) -> dict[str, np.ndarray]:
        """Named copies of the internal state for display, built on access. Empty before the
        first step; otherwise the keys of ``state_keys``. Every optimizer has ``gradient``
        (last g) and ``update`` (last Δθ, so θ_new = θ + update)."""
        if self._gradient is None:
            return {}
        state = {key: np.array(value, dtype=float) for key, value in self._state().items()}
        state["gradient"] = np.array(self._gradient, dtype=float)
        state["update"] = np.array(self._update_step, dtype=float)
        return state

    def _grad(self, grad_fn: GradientFunction, point: np.ndarray) -> np.ndarray:
        gradient = np.asarray(grad_fn(point), dtype=float)
        if gradient.shape != point.shape:
            raise ValueError(
                f"grad_fn returned shape {gradient.shape} for parameters of shape {point.shape}"
            )
        return gradient

    def _check_shape(self, buffer: np.ndarray | None, theta: np.ndarray) -> bool:
        """True when the state buffers must be created (first step)."""
        if buffer is None:
            return True
        if buffer.shape != theta.shape:
            raise ValueError(
                f"{self.name}: parameters changed shape from {buffer.shape} to {theta.shape}; "
                "call reset() first"
            )
        return False

    # Subclass hooks.
    def _update(self, theta: np.ndarray, grad_fn: GradientFunction) -> np.ndarray:
        raise NotImplementedError

    def _clear(self) -> None:
        raise NotImplementedError

    def _state(self) -> dict[str, np.ndarray]:
        raise NotImplementedError

    def __repr__(self) -> str:
        values = ", ".join(f"{key}={value:g}" for key, value in self._hyper.items())
        return f"{type(self).__name__}({values})"


@register
class GradientDescent(Optimizer):
    """Plain gradient descent θ ← θ − η∇J(θ) (BGD, SGD or MBGD depending on the batch).

    Same as ``torch.optim.SGD`` without momentum.
    """

    name = "gd"
    title = "Gradient descent"
    hyperparameters: ClassVar[dict[str, HyperParameter]] = {"lr": _lr(0.01)}
    formula: ClassVar[list[str]] = [r"\theta \leftarrow \theta - \eta\, \nabla_{\theta} J(\theta)"]
    state_keys = ("gradient", "update")

    def _update(self, theta, grad_fn):
        gradient = self._grad(grad_fn, theta)
        update = -self.lr * gradient
        self._gradient = gradient
        self._update_step = update
        return theta + update

    def _clear(self):
        pass

    def _state(self):
        return {}


@register
class Momentum(Optimizer):
    """Momentum: v ← γv + η∇J(θ), θ ← θ − v (velocity as in the notes).

    PyTorch's ``SGD(momentum=γ)`` keeps the buffer b ← γb + g without η and steps θ ← θ − ηb;
    for a constant η both give the same trajectory, but the velocity shown here is η·b, and
    changing η mid-run affects old velocity differently (here it does not rescale it).
    """

    name = "momentum"
    title = "Momentum"
    hyperparameters: ClassVar[dict[str, HyperParameter]] = {"lr": _lr(0.01), "momentum": MOMENTUM}
    formula: ClassVar[list[str]] = [
        r"v_{t} = \gamma\, v_{t-1} + \eta\, \nabla_{\theta} J(\theta)",
        r"\theta \leftarrow \theta - v_{t}",
    ]
    state_keys = ("velocity", "gradient", "update")

    def _clear(self):
        self._velocity = None

    def _update(self, theta, grad_fn):
        gradient = self._grad(grad_fn, theta)
        if self._check_shape(self._velocity, theta):
            self._velocity = np.zeros_like(theta)
        velocity = self._velocity
        velocity *= self.momentum
        velocity += self.lr * gradient
        update = -velocity
        self._gradient = gradient
        self._update_step = update
        return theta + update

    def _state(self):
        return {"velocity": self._velocity}


@register
class Nesterov(Optimizer):
    """Nesterov accelerated gradient: v ← γv + η∇J(θ − γv), θ ← θ − v.

    The gradient is taken at the look-ahead point θ − γv, exactly as in the notes.
    PyTorch's ``SGD(nesterov=True)`` uses the reformulation that tracks the look-ahead point
    itself as the parameter (θ' = θ − γv) and keeps the buffer without η; its parameters
    therefore differ from the θ shown here by γv at every step.
    """

    name = "nesterov"
    title = "Nesterov (NAG)"
    hyperparameters: ClassVar[dict[str, HyperParameter]] = {"lr": _lr(0.01), "momentum": MOMENTUM}
    formula: ClassVar[list[str]] = [
        r"v_{t} = \gamma\, v_{t-1} + \eta\, \nabla_{\theta} J(\theta - \gamma\, v_{t-1})",
        r"\theta \leftarrow \theta - v_{t}",
    ]
    state_keys = ("velocity", "lookahead", "gradient", "update")

    def _clear(self):
        self._velocity = None
        self._lookahead = None

    def _update(self, theta, grad_fn):
        if self._check_shape(self._velocity, theta):
            self._velocity = np.zeros_like(theta)
        velocity = self._velocity
        lookahead = theta - self.momentum * velocity
        gradient = self._grad(grad_fn, lookahead)
        velocity *= self.momentum
        velocity += self.lr * gradient
        update = -velocity
        self._lookahead = lookahead
        self._gradient = gradient
        self._update_step = update
        return theta + update

    def _state(self):
        return {"velocity": self._velocity, "lookahead": self._lookahead}


@register
class Adagrad(Optimizer):
    """Adagrad: G ← G + g², θ ← θ − η/√(G + ε) · g (per coordinate).

    ε is inside the square root as in the notes; PyTorch's ``Adagrad`` adds ε outside,
    η/(√G + ε), and its default ε is 1e-10. The difference only matters while G is tiny.
    """

    name = "adagrad"
    title = "Adagrad"
    hyperparameters: ClassVar[dict[str, HyperParameter]] = {"lr": _lr(0.01), "eps": _eps(1e-8)}
    formula: ClassVar[list[str]] = [
        r"G_{t} = G_{t-1} + g_{t}^{2}",
        r"\theta_{t+1} = \theta_{t} - \frac{\eta}{\sqrt{G_{t} + \epsilon}}\, g_{t}",
    ]
    state_keys = ("grad_squared_sum", "effective_lr", "gradient", "update")

    def _clear(self):
        self._grad_squared_sum = None

    def _update(self, theta, grad_fn):
        gradient = self._grad(grad_fn, theta)
        if self._check_shape(self._grad_squared_sum, theta):
            self._grad_squared_sum = np.zeros_like(theta)
        accumulator = self._grad_squared_sum
        accumulator += gradient * gradient
        if self.eps > 0.0:
            update = -self.lr / np.sqrt(accumulator + self.eps) * gradient
        else:
            update = -self.lr * _safe_ratio(gradient, np.sqrt(accumulator))
        self._gradient = gradient
        self._update_step = update
        return theta + update

    def _state(self):
        return {
            "grad_squared_sum": self._grad_squared_sum,
            "effective_lr": _safe_ratio(
                self.lr, np.sqrt(self._grad_squared_sum + self.eps), math.inf
            ),
        }


@register
class Adadelta(Optimizer):
    """Adadelta: no learning rate, Δθ = −RMS[Δθ]ₜ₋₁ / RMS[g]ₜ · g with RMS[x] = √(E[x²] + ε).

    E[g²] ← ρE[g²] + (1−ρ)g² before the step, E[Δθ²] ← ρE[Δθ²] + (1−ρ)Δθ² after it
    (Zeiler 2012, as in the notes). PyTorch's ``Adadelta`` has the same rule multiplied by an
    extra ``lr`` (default 1.0); here there is no lr at all.
    """

    name = "adadelta"
    title = "Adadelta"
    hyperparameters: ClassVar[dict[str, HyperParameter]] = {"rho": RHO, "eps": _eps(1e-6)}
    formula: ClassVar[list[str]] = [
        r"E[g^{2}]_{t} = \rho\, E[g^{2}]_{t-1} + (1 - \rho)\, g_{t}^{2}",
        r"\Delta\theta_{t} = -\frac{RMS[\Delta\theta]_{t-1}}{RMS[g]_{t}}\, g_{t},"
        r"\quad RMS[x] = \sqrt{E[x^{2}] + \epsilon}",
        r"E[\Delta\theta^{2}]_{t} = \rho\, E[\Delta\theta^{2}]_{t-1}"
        r" + (1 - \rho)\, \Delta\theta_{t}^{2}",
        r"\theta_{t+1} = \theta_{t} + \Delta\theta_{t}",
    ]
    state_keys = (
        "squared_grad_avg",
        "squared_update_avg",
        "effective_lr",
        "gradient",
        "update",
    )

    def _clear(self):
        self._squared_grad_avg = None
        self._squared_update_avg = None
        self._effective_lr = None

    def _update(self, theta, grad_fn):
        gradient = self._grad(grad_fn, theta)
        if self._check_shape(self._squared_grad_avg, theta):
            self._squared_grad_avg = np.zeros_like(theta)
            self._squared_update_avg = np.zeros_like(theta)
        rho = self.rho
        squared_grad_avg = self._squared_grad_avg
        squared_update_avg = self._squared_update_avg
        squared_grad_avg *= rho
        squared_grad_avg += (1.0 - rho) * gradient * gradient
        if self.eps > 0.0:
            effective_lr = np.sqrt(squared_update_avg + self.eps) / np.sqrt(
                squared_grad_avg + self.eps
            )
        else:
            effective_lr = _safe_ratio(np.sqrt(squared_update_avg), np.sqrt(squared_grad_avg))
        update = -effective_lr * gradient
        squared_update_avg *= rho
        squared_update_avg += (1.0 - rho) * update * update
        self._effective_lr = effective_lr
        self._gradient = gradient
        self._update_step = update
        return theta + update

    def _state(self):
        return {
            "squared_grad_avg": self._squared_grad_avg,
            "squared_update_avg": self._squared_update_avg,
            "effective_lr": self._effective_lr,
        }


@register
class RMSprop(Optimizer):
    """RMSprop: E[g²] ← ρE[g²] + (1−ρ)g², θ ← θ − η/√(E[g²] + ε) · g (ρ = 0.9 in the notes).

    ε is inside the square root as in the notes; PyTorch's ``RMSprop`` uses η/(√E[g²] + ε)
    and calls ρ ``alpha`` (default 0.99 there, 0.9 here).
    """

    name = "rmsprop"
    title = "RMSprop"
    hyperparameters: ClassVar[dict[str, HyperParameter]] = {
        "lr": _lr(0.01),
        "rho": RHO,
        "eps": _eps(1e-8),
    }
    formula: ClassVar[list[str]] = [
        r"E[g^{2}]_{t} = \rho\, E[g^{2}]_{t-1} + (1 - \rho)\, g_{t}^{2}",
        r"\theta_{t+1} = \theta_{t} - \frac{\eta}{\sqrt{E[g^{2}]_{t} + \epsilon}}\, g_{t}",
    ]
    state_keys = ("squared_grad_avg", "effective_lr", "gradient", "update")

    def _clear(self):
        self._squared_grad_avg = None

    def _update(self, theta, grad_fn):
        gradient = self._grad(grad_fn, theta)
        if self._check_shape(self._squared_grad_avg, theta):
            self._squared_grad_avg = np.zeros_like(theta)
        squared_grad_avg = self._squared_grad_avg
        squared_grad_avg *= self.rho
        squared_grad_avg += (1.0 - self.rho) * gradient * gradient
        if self.eps > 0.0:
            update = -self.lr / np.sqrt(squared_grad_avg + self.eps) * gradient
        else:
            update = -self.lr * _safe_ratio(gradient, np.sqrt(squared_grad_avg))
        self._gradient = gradient
        self._update_step = update
        return theta + update

    def _state(self):
        return {
            "squared_grad_avg": self._squared_grad_avg,
            "effective_lr": _safe_ratio(
                self.lr, np.sqrt(self._squared_grad_avg + self.eps), math.inf
            ),
        }


@register
class Adam(Optimizer):
    """Adam: first and second moments with bias correction, θ ← θ − η·m̂/(√v̂ + ε).

    m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ); ε outside the root. This is exactly ``torch.optim.Adam``
    (without weight decay or amsgrad). Thanks to the bias correction the first step moves
    every coordinate by about η (m̂₁/√v̂₁ = g/|g|).
    """

    name = "adam"
    title = "Adam"
    hyperparameters: ClassVar[dict[str, HyperParameter]] = {
        "lr": _lr(0.001),
        "beta1": BETA1,
        "beta2": BETA2,
        "eps": _eps(1e-8),
    }
    formula: ClassVar[list[str]] = [
        r"m_{t} = \beta_{1}\, m_{t-1} + (1 - \beta_{1})\, g_{t}",
        r"v_{t} = \beta_{2}\, v_{t-1} + (1 - \beta_{2})\, g_{t}^{2}",
        r"\hat{m}_{t} = \frac{m_{t}}{1 - \beta_{1}^{t}},\quad"
        r" \hat{v}_{t} = \frac{v_{t}}{1 - \beta_{2}^{t}}",
        r"\theta_{t+1} = \theta_{t} - \frac{\eta}{\sqrt{\hat{v}_{t}} + \epsilon}\, \hat{m}_{t}",
    ]
    state_keys = ("m", "v", "m_hat", "v_hat", "effective_lr", "gradient", "update")

    def _clear(self):
        self._m = None
        self._v = None

    def _update(self, theta, grad_fn):
        gradient = self._grad(grad_fn, theta)
        if self._check_shape(self._m, theta):
            self._m = np.zeros_like(theta)
            self._v = np.zeros_like(theta)
        beta1, beta2, t = self.beta1, self.beta2, self.step_count
        m = self._m
        v = self._v
        m *= beta1
        m += (1.0 - beta1) * gradient
        v *= beta2
        v += (1.0 - beta2) * gradient * gradient
        m_hat = m / (1.0 - beta1**t)
        v_hat = v / (1.0 - beta2**t)
        if self.eps > 0.0:
            update = -self.lr * m_hat / (np.sqrt(v_hat) + self.eps)
        else:
            update = -self.lr * _safe_ratio(m_hat, np.sqrt(v_hat))
        self._gradient = gradient
        self._update_step = update
        return theta + update

    def _state(self):
        t = self.step_count
        m_hat = self._m / (1.0 - self.beta1**t)
        v_hat = self._v / (1.0 - self.beta2**t)
        return {
            "m": self._m,
            "v": self._v,
            "m_hat": m_hat,
            "v_hat": v_hat,
            "effective_lr": _safe_ratio(self.lr, np.sqrt(v_hat) + self.eps, math.inf),
        }
