"""Render every formula the app shows into resources/formulas/<key>.svg (dev-time only).

    python tools/render_formulas.py

The LaTeX comes from the core registries (activations, optimizers, surfaces), so the
formula on screen is the one the code computes. matplotlib's mathtext typesets it (no TeX
installation needed); text becomes paths, so the app needs no math font. Colour is a
sentinel that optlab_gui/ui/widgets/formula_view.py swaps for the theme's text colour.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
from matplotlib import rcParams
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from optlab_gui.core import activations, optimizers, surfaces  # noqa: E402
from optlab_gui.ui.widgets.formula_view import SENTINEL_COLOR  # noqa: E402

OUTPUT = ROOT / "resources" / "formulas"
FONT_SIZE = 16
LINE_GAP_PIXELS = 10

#: Formulas that belong to no registry entry: key -> lines of LaTeX.
EXTRA_FORMULAS = {
    "batchnorm": [
        r"\mu_B = \frac{1}{m}\sum_{i=1}^{m} x_i,\quad"
        r"\sigma_B^2 = \frac{1}{m}\sum_{i=1}^{m} (x_i - \mu_B)^2",
        r"\hat{x}_i = \frac{x_i - \mu_B}{\sqrt{\sigma_B^2 + \epsilon}},\quad"
        r"y_i = \gamma\,\hat{x}_i + \beta",
    ],
}


def formula_sources() -> dict[str, list[str]]:
    """Every formula key the app uses, with its lines of LaTeX."""
    sources: dict[str, list[str]] = {}
    for name, activation in activations.ACTIVATIONS.items():
        sources[f"activation_{name}"] = [activation.formula]
        sources[f"activation_{name}_derivative"] = [activation.derivative_formula]
    for name, optimizer in optimizers.OPTIMIZERS.items():
        lines = optimizer.formula
        sources[f"optimizer_{name}"] = [lines] if isinstance(lines, str) else list(lines)
    for name, surface in surfaces.SURFACES.items():
        sources[f"surface_{name}"] = [surface.formula]
    sources.update(EXTRA_FORMULAS)
    return sources


def display_style(line: str) -> str:
    """Math mode with display-style fractions: inline ones are too small on a projector."""
    return "$" + line.replace(r"\frac", r"\dfrac") + "$"


def render_svg(lines: list[str]) -> bytes:
    """Typeset ``lines`` (one formula per line) as a tight, transparent SVG."""
    figure = Figure(figsize=(10, 10), dpi=72)
    renderer = FigureCanvasAgg(figure).get_renderer()
    top = figure.bbox.height
    # Lines are stacked by their measured heights: fractions and sums are taller than text.
    for line in lines:
        text = figure.text(
            0.0,
            top / figure.bbox.height,
            display_style(line),
            fontsize=FONT_SIZE,
            color=SENTINEL_COLOR,
            va="top",
        )
        top -= text.get_window_extent(renderer).height + LINE_GAP_PIXELS
    buffer = io.BytesIO()
    figure.savefig(
        buffer,
        format="svg",
        bbox_inches="tight",
        pad_inches=0.04,
        transparent=True,
        metadata={"Date": None, "Creator": None},
    )
    return buffer.getvalue()


def main() -> int:
    """Write every formula's SVG; report how many were written."""
    rcParams["svg.fonttype"] = "path"
    rcParams["svg.hashsalt"] = "optlab"
    rcParams["mathtext.fontset"] = "cm"
    OUTPUT.mkdir(parents=True, exist_ok=True)
    sources = formula_sources()
    for key, lines in sources.items():
        (OUTPUT / f"{key}.svg").write_bytes(render_svg(lines))
    print(f"wrote {len(sources)} formulas to {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
