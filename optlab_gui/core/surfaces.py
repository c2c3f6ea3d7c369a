"""Two-dimensional loss surfaces with analytic gradients, on which the optimizers race.

``value(x, y)`` is vectorised (pass meshgrids to draw contours); ``gradient(theta)`` takes a
2-vector. ``noisy_gradient`` adds Gaussian noise to imitate the gradient of a mini-batch.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

__all__ = ["SURFACES", "Surface"]

ValueFunction = Callable[[np.ndarray, np.ndarray], np.ndarray]
GradientFunction = Callable[[float, float], tuple[float, float]]


@dataclass(frozen=True, eq=False)
class Surface:
    """A loss surface f(x, y) with its gradient and what the view needs to show it.

    ``minima`` lists the global minima (empty if f is unbounded below); ``log_contours``
    says the surface reads better with logarithmically spaced contour levels.
    ``gradient_scale`` is the median gradient norm over the view box: the unit of
    :meth:`noisy_gradient`'s noise.
    """

    name: str
    title: str
    formula: str
    description: str
    _value: ValueFunction = field(repr=False)
    _gradient: GradientFunction = field(repr=False)
    start: np.ndarray
    view: tuple[float, float, float, float]
    minima: list[tuple[float, float]]
    log_contours: bool = False
    gradient_scale: float = field(init=False)

    def __post_init__(self) -> None:
        start = np.array(self.start, dtype=float)
        start.setflags(write=False)
        object.__setattr__(self, "start", start)
        xmin, xmax, ymin, ymax = self.view
        grid_x, grid_y = np.meshgrid(np.linspace(xmin, xmax, 41), np.linspace(ymin, ymax, 41))
        gx, gy = self._gradient(grid_x, grid_y)
        norms = np.hypot(gx, gy).ravel()
        # The middle one of the 41 x 41 norms, i.e. their median (np.median would import
        # numpy.ma, ~30 ms of every start-up, to check for masked arrays).
        middle = norms.size // 2
        object.__setattr__(self, "gradient_scale", float(np.partition(norms, middle)[middle]))

    def value(self, x, y) -> np.ndarray:
        """f(x, y), elementwise over arrays of any (broadcastable) shape."""
        return self._value(np.asarray(x, dtype=float), np.asarray(y, dtype=float))

    def gradient(self, theta) -> np.ndarray:
        """∇f at the 2-vector ``theta`` = (x, y), as a new float array of shape (2,)."""
        x, y = theta
        gx, gy = self._gradient(float(x), float(y))
        return np.array([gx, gy], dtype=float)

    def noisy_gradient(self, theta, rng: np.random.Generator, noise: float) -> np.ndarray:
        """∇f(θ) plus Gaussian noise of standard deviation ``noise * gradient_scale`` per
        coordinate.

        The scale is absolute (it does not shrink near a minimum), as the noise of a
        mini-batch gradient does not vanish where the full-batch gradient does; expressing it
        in units of the surface's typical gradient makes one ``noise`` setting comparable
        across surfaces. ``noise = 0`` gives the exact gradient.
        """
        if not noise >= 0.0:
            raise ValueError(f"noise must be >= 0, got {noise}")
        exact = self.gradient(theta)
        if noise == 0.0:
            return exact
        return exact + rng.normal(0.0, noise * self.gradient_scale, size=2)


# ---- the functions -------------------------------------------------------------------------


def _rosenbrock(x, y):
    return (1.0 - x) ** 2 + 100.0 * (y - x * x) ** 2


def _rosenbrock_gradient(x, y):
    inner = y - x * x
    return -2.0 * (1.0 - x) - 400.0 * x * inner, 200.0 * inner


def _beale_terms(x, y):
    return 1.5 - x + x * y, 2.25 - x + x * y * y, 2.625 - x + x * y * y * y


def _beale(x, y):
    a, b, c = _beale_terms(x, y)
    return a * a + b * b + c * c


def _beale_gradient(x, y):
    a, b, c = _beale_terms(x, y)
    gx = 2.0 * a * (y - 1.0) + 2.0 * b * (y * y - 1.0) + 2.0 * c * (y * y * y - 1.0)
    gy = 2.0 * a * x + 2.0 * b * 2.0 * x * y + 2.0 * c * 3.0 * x * y * y
    return gx, gy


def _himmelblau(x, y):
    return (x * x + y - 11.0) ** 2 + (x + y * y - 7.0) ** 2


def _himmelblau_gradient(x, y):
    a = x * x + y - 11.0
    b = x + y * y - 7.0
    return 4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b


def _saddle(x, y):
    return x * x - y * y + 0.25 * y**4


def _saddle_gradient(x, y):
    return 2.0 * x, -2.0 * y + y**3


RAVINE_CURVATURE = 50.0


def _ravine(x, y):
    return 0.5 * (x * x + RAVINE_CURVATURE * y * y)


def _ravine_gradient(x, y):
    return x, RAVINE_CURVATURE * y


def _six_hump_camel(x, y):
    x2 = x * x
    return (4.0 - 2.1 * x2 + x2 * x2 / 3.0) * x2 + x * y + (-4.0 + 4.0 * y * y) * y * y


def _six_hump_camel_gradient(x, y):
    x2 = x * x
    return 8.0 * x - 8.4 * x2 * x + 2.0 * x2 * x2 * x + y, x - 8.0 * y + 16.0 * y * y * y


def _quadratic(x, y):
    return 0.5 * (x * x + 10.0 * y * y)


def _quadratic_gradient(x, y):
    return x, 10.0 * y


SQRT2 = math.sqrt(2.0)

SURFACES: dict[str, Surface] = {
    surface.name: surface
    for surface in (
        Surface(
            name="rosenbrock",
            title="Rosenbrock",
            formula=r"f(x, y) = (1 - x)^{2} + 100\,(y - x^{2})^{2}",
            description="A curved, flat-bottomed valley: easy to find, slow to follow to the "
            "minimum at (1, 1).",
            _value=_rosenbrock,
            _gradient=_rosenbrock_gradient,
            start=(-1.5, 2.0),
            view=(-2.0, 2.0, -1.0, 3.0),
            minima=[(1.0, 1.0)],
            log_contours=True,
        ),
        Surface(
            name="beale",
            title="Beale",
            formula=r"f(x, y) = (1.5 - x + xy)^{2} + (2.25 - x + xy^{2})^{2}"
            r" + (2.625 - x + xy^{3})^{2}",
            description="Flat plateaus and steep walls with sharp corners; minimum at (3, 0.5).",
            _value=_beale,
            _gradient=_beale_gradient,
            start=(1.0, 1.5),
            view=(-4.5, 4.5, -4.5, 4.5),
            minima=[(3.0, 0.5)],
            log_contours=True,
        ),
        Surface(
            name="himmelblau",
            title="Himmelblau",
            formula=r"f(x, y) = (x^{2} + y - 11)^{2} + (x + y^{2} - 7)^{2}",
            description="Four equally deep minima: which one an optimizer reaches depends on "
            "where it starts and how it moves.",
            _value=_himmelblau,
            _gradient=_himmelblau_gradient,
            start=(0.0, 0.0),
            view=(-5.0, 5.0, -5.0, 5.0),
            minima=[
                (3.0, 2.0),
                (-2.805118086952745, 3.131312518250573),
                (-3.779310253377747, -3.283185991286170),
                (3.584428340330492, -1.848126526964404),
            ],
            log_contours=True,
        ),
        Surface(
            name="saddle",
            title="Saddle",
            formula=r"f(x, y) = x^{2} - y^{2} + \frac{y^{4}}{4}",
            description="A saddle point at the origin (x² − y² near it); the quartic term "
            "bounds the surface so escaping optimizers settle in the minima at (0, ±√2).",
            _value=_saddle,
            _gradient=_saddle_gradient,
            start=(-1.8, 0.001),
            view=(-2.0, 2.0, -2.0, 2.0),
            minima=[(0.0, SQRT2), (0.0, -SQRT2)],
        ),
        Surface(
            name="ravine",
            title="Ravine",
            formula=r"f(x, y) = \frac{1}{2}\,(x^{2} + 50\,y^{2})",
            description="An ill-conditioned quadratic (curvatures 1 and 50): plain gradient "
            "descent zig-zags across the ravine and crawls along it.",
            _value=_ravine,
            _gradient=_ravine_gradient,
            start=(-8.0, 1.5),
            view=(-10.0, 10.0, -3.0, 3.0),
            minima=[(0.0, 0.0)],
        ),
        Surface(
            name="six_hump_camel",
            title="Six-hump camel",
            formula=r"f(x, y) = \left(4 - 2.1\,x^{2} + \frac{x^{4}}{3}\right)x^{2} + xy"
            r" + (-4 + 4\,y^{2})\,y^{2}",
            description="Six local minima, two of them global: optimizers can get caught in "
            "the wrong valley.",
            _value=_six_hump_camel,
            _gradient=_six_hump_camel_gradient,
            start=(-1.5, -0.8),
            view=(-2.0, 2.0, -1.2, 1.2),
            minima=[
                (0.08984201368301331, -0.7126564032704135),
                (-0.08984201368301331, 0.7126564032704135),
            ],
        ),
        Surface(
            name="quadratic",
            title="Quadratic",
            formula=r"f(x, y) = \frac{1}{2}\,(x^{2} + 10\,y^{2})",
            description="The reference bowl of the optimizer tests (curvatures 1 and 10).",
            _value=_quadratic,
            _gradient=_quadratic_gradient,
            start=(-4.0, 1.0),
            view=(-5.0, 5.0, -2.0, 2.0),
            minima=[(0.0, 0.0)],
        ),
    )
}
