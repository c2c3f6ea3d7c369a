"""Memory soak: an hour of lecture training, driven in steps, must keep resident memory flat.

The training panel runs each of its races in a window (offscreen) exactly as in a lecture —
compute process, relay thread, updates stored and redrawn once per frame, time-travel
history — but as fast as the machine allows, until it has taken the steps one hour at the
speed slider's default pace gives (100 steps/s: 360,000 steps), or for ``--minutes`` if the
race cannot go that fast (the network race). Resident memory of the GUI process and of the
compute process is sampled every second; the growth is measured from the end of the warm-up
(the bounded histories are full, caches warm) to the end. The BatchNorm panel's training (a
deep network per step, far slower) is soaked the way a lecture uses it: Train presses of 300
steps, each followed by Reset.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/memory_soak.py
        [--hours 1] [--minutes 15] [--batchnorm-presses 12] [--json]

Goal (issue 10): growth ≤ 30 MB per process. Prints lines, then one JSON line with --json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from lecture_window import open_lecture_window, resident_mb

#: Growth is measured from the end of the warm-up to the end of the run: the warm-up is this
#: fraction of the planned steps, at least WARM_UP_STEPS (the bounded histories are full by
#: then), at most half the steps reached (a time-boxed run).
WARM_UP_FRACTION = 0.05
WARM_UP_STEPS = 20_000
SAMPLE_MS = 1000
GOAL_MB = 30.0


def compute_process_mb(session_class: str) -> float:
    """Resident memory of the compute process running a ``session_class`` race (the worker
    names its process ``optlab-race-<session class>``)."""
    import multiprocessing

    name = f"optlab-race-{session_class}"
    return sum(resident_mb(p.pid) for p in multiprocessing.active_children() if p.name == name)


class Soak:
    """Samples memory while a run advances; ``growth`` is measured after the warm-up."""

    def __init__(self, name: str, session_class: str, total_steps: int) -> None:
        self.name = name
        self.session_class = session_class
        self.total_steps = total_steps
        self.samples: list[tuple[int, float, float]] = []  # (step, GUI MB, compute MB)
        self.started = time.monotonic()

    def sample(self, step: int) -> None:
        """Record memory at ``step``."""
        self.samples.append((step, resident_mb(), compute_process_mb(self.session_class)))

    def figures(self) -> dict:
        """Steps, seconds, memory at warm-up end, at the end, growth and the largest value."""
        last = self.samples[-1]
        warm_up = max(WARM_UP_FRACTION * self.total_steps, WARM_UP_STEPS)
        warm_up = min(warm_up, last[0] / 2)
        warm = next(s for s in self.samples if s[0] >= warm_up)
        return {
            "run": self.name,
            "steps": last[0],
            "planned_steps": self.total_steps,
            "warm_up_steps": warm[0],
            "seconds": round(time.monotonic() - self.started, 1),
            "gui_mb_after_warm_up": round(warm[1], 1),
            "gui_mb_end": round(last[1], 1),
            "gui_growth_mb": round(last[1] - warm[1], 1),
            "gui_max_growth_mb": round(max(s[1] for s in self.samples) - warm[1], 1),
            "compute_mb_after_warm_up": round(warm[2], 1),
            "compute_mb_end": round(last[2], 1),
            "compute_growth_mb": round(last[2] - warm[2], 1),
            "compute_max_growth_mb": round(max(s[2] for s in self.samples) - warm[2], 1),
        }


def wait_until(predicate, timeout_s: float, sample=None) -> None:
    """Run the event loop until ``predicate()``; call ``sample()`` every SAMPLE_MS."""
    from PySide6.QtTest import QTest

    deadline = time.monotonic() + timeout_s
    next_sample = time.monotonic()
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting after {timeout_s:.0f} s")
        if sample is not None and time.monotonic() >= next_sample:
            sample()
            next_sample = time.monotonic() + SAMPLE_MS / 1000
        QTest.qWait(20)


def soak_race(window, mode_index: int, hours: float, minutes: float) -> dict:
    """Run race mode ``mode_index`` of the training panel at full speed for ``hours`` of
    lecture steps, or for ``minutes`` of wall-clock time if that comes first (the network
    race computes far slower than the surface race)."""
    from optlab_gui.ui.panels.training.run_controls import DEFAULT_SPEED

    panel = window.show_panel("training")
    panel.mode_combo.setCurrentIndex(mode_index)
    mode = panel.current_mode()
    wait_until(mode.has_data, 60)
    total = round(hours * 3600 * DEFAULT_SPEED)
    soak = Soak(f"training/{mode.mode_name}", type(mode.session).__name__, total)

    def step() -> int:
        return int(mode.trace.last_step or 0)

    mode.speed.fastest.setChecked(True)
    mode.start_pause()
    deadline = time.monotonic() + 60 * minutes
    wait_until(
        lambda: step() >= total or not mode.is_running() or time.monotonic() > deadline,
        24 * 3600,
        lambda: soak.sample(step()),
    )
    if mode.is_running():
        mode.pause()
    wait_until(lambda: not mode.is_running() and mode.caught_up(), 60)
    mode.frame_clock.flush()
    soak.sample(step())
    figures = soak.figures()
    figures["diverged_lanes"] = len(mode.diverged_at)
    return figures


def soak_batchnorm(window, presses: int) -> dict:
    """Train/Reset the BatchNorm panel ``presses`` times (300 steps each, as in a lecture)."""
    from optlab_gui.ui.panels.batchnorm.training_run import TRAINING_STEPS

    panel = window.show_panel("batchnorm")
    wait_until(panel.is_up_to_date, 120)
    run = panel.training_run()
    soak = Soak("batchnorm", "DeepBatchNormRace", presses * TRAINING_STEPS)
    done = 0
    for _ in range(presses):
        panel.start_pause()
        wait_until(
            lambda: run.step >= TRAINING_STEPS and run.is_confirmed_stopped(),
            3600,
            lambda before=done: soak.sample(before + run.step),
        )
        done += run.step
        panel.reset()
        soak.sample(done)
    return soak.figures()


def main() -> int:
    """Soak every race, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=1.0, help="lecture hours of race steps")
    parser.add_argument(
        "--minutes", type=float, default=15.0, help="wall-clock limit per race mode"
    )
    parser.add_argument("--batchnorm-presses", type=int, default=12)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    _app, window = open_lecture_window("training")
    from optlab_gui.ui.panels.training_panel import MODES

    results = [soak_race(window, index, args.hours, args.minutes) for index in range(len(MODES))]
    if args.batchnorm_presses:
        results.append(soak_batchnorm(window, args.batchnorm_presses))
    window.close()
    for figures in results:
        verdict = (
            "ok"
            if max(figures["gui_growth_mb"], figures["compute_growth_mb"]) <= GOAL_MB
            else "OVER"
        )
        print(
            f"{figures['run']}: {figures['steps']} of {figures['planned_steps']} planned steps in "
            f"{figures['seconds']} s (growth from step {figures['warm_up_steps']}); GUI "
            f"{figures['gui_mb_after_warm_up']} -> {figures['gui_mb_end']} MB "
            f"({figures['gui_growth_mb']:+} MB, max {figures['gui_max_growth_mb']:+}); compute "
            f"{figures['compute_mb_after_warm_up']} -> {figures['compute_mb_end']} MB "
            f"({figures['compute_growth_mb']:+} MB, max {figures['compute_max_growth_mb']:+}) "
            f"[{verdict}, goal <= {GOAL_MB:.0f} MB]",
            flush=True,
        )
    if args.json:
        print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
