"""Start-up cost of OptLab against the bare imports of its stack, measured in one run.

    python benchmarks/startup.py [--repeat 9]

Times ``python -m optlab_gui --screenshot`` (full start, first frame settled, PNG written) for
each panel against ``python -c "import PySide6.QtWidgets, pyqtgraph, numpy"`` and prints, as
JSON, the median times and the ratio of each panel to the bare imports. Goal: ratio ≤ 1.3
(nothing heavy at import time).

Fair to both sides, on a machine whose speed drifts by a factor of 1.5 within minutes
(measured here):

* every round times the bare imports, then each panel, then the bare imports again, and
  each panel's ratio is taken within its round, against the mean of the two bare times
  around it: a machine that gets faster or slower slows both sides alike;
* the ratio printed is the median over the rounds (and the median times are printed too);
* every command runs from compiled bytecode, as an installed package does (pip compiles it
  on install), kept in a temporary folder rather than the checkout. One untimed round first
  writes that bytecode.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = "import PySide6.QtWidgets, pyqtgraph, numpy"
PANELS = ("activations", "batchnorm", "training")


def commands(folder: str) -> dict[str, list[str]]:
    """The bare imports and one screenshot command per panel, by name."""
    named = {"bare_import": [sys.executable, "-c", BARE]}
    for panel in PANELS:
        shot = os.path.join(folder, f"{panel}.png")
        named[panel] = [sys.executable, "-m", "optlab_gui", "--panel", panel, "--screenshot", shot]
    return named


def timed_rounds(named: dict[str, list[str]], repeat: int, folder: str) -> list[dict[str, float]]:
    """``repeat`` rounds (after one untimed round) of: bare imports, every panel, bare
    imports again; each round's wall times in seconds ("bare_import" is the mean of its two)."""
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment["PYTHONPYCACHEPREFIX"] = os.path.join(folder, "bytecode")

    def seconds(command: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(command, env=environment, check=True, capture_output=True)
        return time.perf_counter() - start

    rounds = []
    for round_number in range(repeat + 1):
        before = seconds(named["bare_import"])
        times = {panel: seconds(named[panel]) for panel in PANELS}
        times["bare_import"] = (before + seconds(named["bare_import"])) / 2
        if round_number:
            rounds.append(times)
    return rounds


def main() -> int:
    """Measure and print the start-up ratio of each panel."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        rounds = timed_rounds(commands(folder), args.repeat, folder)
    results = {"bare_import_s": round(statistics.median(r["bare_import"] for r in rounds), 3)}
    for panel in PANELS:
        ratios = [r[panel] / r["bare_import"] for r in rounds]
        results[f"{panel}_screenshot_s"] = round(statistics.median(r[panel] for r in rounds), 3)
        results[f"{panel}_ratio"] = round(statistics.median(ratios), 2)
        results[f"{panel}_ratio_range"] = [round(min(ratios), 2), round(max(ratios), 2)]
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
