"""Weight initialisations: the standard deviation each scheme draws N(0, std²) weights with.

Glorot/Xavier and He/Kaiming are used in their normal-distribution form
(``torch.nn.init.xavier_normal_`` and ``kaiming_normal_`` with fan_in and the ReLU gain).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["INITIALISERS", "SMALL_NORMAL_STD", "Initialiser", "weight_std"]

SMALL_NORMAL_STD = 0.01


@dataclass(frozen=True)
class Initialiser:
    """A named rule (fan_in, fan_out, custom_std) -> standard deviation of the weights."""

    name: str
    title: str
    formula: str
    std: Callable[[int, int, float | None], float]


def _custom(fan_in: int, fan_out: int, custom_std: float | None) -> float:
    if custom_std is None:
        raise ValueError("weight_std is required for the custom initialisation")
    if not (custom_std >= 0.0 and math.isfinite(custom_std)):
        raise ValueError(f"weight_std must be a finite number >= 0, got {custom_std}")
    return float(custom_std)


INITIALISERS: dict[str, Initialiser] = {
    init.name: init
    for init in (
        Initialiser(
            "xavier",
            "Xavier / Glorot",
            r"\sigma = \sqrt{2 / (n_{in} + n_{out})}",
            lambda fan_in, fan_out, _: math.sqrt(2.0 / (fan_in + fan_out)),
        ),
        Initialiser(
            "he",
            "He / Kaiming",
            r"\sigma = \sqrt{2 / n_{in}}",
            lambda fan_in, fan_out, _: math.sqrt(2.0 / fan_in),
        ),
        Initialiser(
            "small_normal",
            "Small normal",
            r"\sigma = 0.01",
            lambda fan_in, fan_out, _: SMALL_NORMAL_STD,
        ),
        Initialiser("custom", "Custom", r"\sigma = \mathrm{chosen}", _custom),
    )
}


def weight_std(init: str, fan_in: int, fan_out: int, custom_std: float | None = None) -> float:
    """Standard deviation of the weights of a fan_in x fan_out layer under ``init``."""
    try:
        rule = INITIALISERS[init]
    except KeyError:
        raise ValueError(
            f"unknown init {init!r}; choose one of {', '.join(INITIALISERS)}"
        ) from None
    return rule.std(fan_in, fan_out, custom_std)
