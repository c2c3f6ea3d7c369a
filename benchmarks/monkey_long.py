"""The long monkey run: ten minutes of seeded random use of the whole window, headless.

Drives OptLab with the monkey of tests/robustness/monkey.py (the CI test runs it for 60 s)
and prints what the issue asks to quote: actions performed, seed, uncaught exceptions and
error dialogs, Qt warnings, actions over budget, resident memory growth of the GUI process
and of the compute processes, and how long closing the window took afterwards. The user's
settings and log are not touched (temporary XDG folders). Exit status 1 if anything went
wrong.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/monkey_long.py [--seconds 600]
        [--seed N] [--json]

``OPTLAB_MONKEY_SEED`` / ``OPTLAB_MONKEY_SECONDS`` work here as in the test.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LONG_RUN_SECONDS = 600.0


def _isolate_user_folders() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="optlab-monkey-long-"))
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        os.environ[variable] = str(folder / variable.lower())
    return folder


def main() -> int:
    """Run the monkey for the given time and print its report."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["PYQTGRAPH_QT_LIB"] = "PySide6"
    sys.path.insert(0, str(ROOT / "tests" / "robustness"))
    from monkey import (
        Monkey,
        python_warnings_as_errors,
        seconds_from_environment,
        seed_from_environment,
    )

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=seconds_from_environment(LONG_RUN_SECONDS))
    parser.add_argument("--seed", type=int, default=seed_from_environment())
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args()

    folder = _isolate_user_folders()
    from optlab_gui.app import create_application, create_main_window
    from optlab_gui.ui.context import app_context

    app = create_application(sys.argv[:1], language="en")
    window = create_main_window()
    window.persist_settings = False
    window.resize(1600, 900)
    window.show()
    app.processEvents()
    print(f"monkey seed {args.seed}, {args.seconds:.0f} s (replay: --seed {args.seed})", flush=True)
    monkey = Monkey(
        window,
        args.seed,
        folder=folder / "files",
        error_signal=app_context().errors.error_reported,
        log=lambda line: print(f"  {line}", flush=True),
    )
    (folder / "files").mkdir()
    with python_warnings_as_errors():
        report = monkey.run(args.seconds)
        closing_started = time.monotonic()
        window.close()
        app.processEvents()
        close_seconds = time.monotonic() - closing_started

    print(report.failure_text() if report.problems else report.summary())
    print(f"closing the window afterwards took {close_seconds * 1000:.0f} ms")
    if args.json:
        gui_growth, compute_growth = report.memory_growth_mb()
        figures = {
            "seed": report.seed,
            "seconds": round(report.seconds, 1),
            "actions": report.actions,
            "actions_by_kind": dict(report.kinds),
            "problems": len(report.problems),
            "exceptions": sum(
                p.kind in ("exception", "error reported", "error dialog") for p in report.problems
            ),
            "qt_warnings": sum(p.kind == "Qt warning" for p in report.problems),
            "slow_actions": sum(p.kind == "slow action" for p in report.problems),
            "slowest_action_s": round(report.slowest_seconds, 2),
            "gui_rss_mb": [
                round(s[1] / 2**20, 1)
                for s in report.memory_samples[:: max(1, len(report.memory_samples) // 10)]
            ],
            "gui_growth_after_warm_up_mb": round(gui_growth, 1),
            "compute_growth_after_warm_up_mb": round(compute_growth, 1),
            "close_ms": round(close_seconds * 1000),
        }
        print(json.dumps(figures))
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
