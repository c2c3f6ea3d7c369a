"""Benchmark of the live optimizer race: headless against live, frame rate, GUI lateness,
stop latency and memory over a long run.

    .venv/bin/python benchmarks/live_training.py [--seconds 12] [--rounds 3]
                                                 [--long-steps 1000000]
                                                 [--mode surface|network]

* headless: the race loop (session + batching + state reads, as the compute process runs
  it) in this process with no GUI, flat out;
* live: the training panel in a window (offscreen), race at full speed in its compute
  process, the GUI storing updates and redrawing once per frame, while a 5 ms timer in the
  GUI thread measures how late the event loop answers.

Headless and live alternate in ``--rounds`` rounds of equal length (this 2-core machine is
shared; alternating spreads other people's load over both). Then the live race runs on to
``--long-steps`` steps and the resident memory of both processes is compared with what it
was after the first 20,000 steps. Prints the figures as lines, then one JSON line.
``--mode network`` measures the network race instead (seven optimizers training a 2×16 tanh
network on moons, mini-batches of 32; the decision boundary's image is counted as it is
redrawn; the long run defaults to 10,000 steps, a network step costs ~50× a surface step).
Goals: live ≥ 0.8 × headless steps/s, ≥ 30 redraws/s, lateness p99 ≤ 16 ms and max ≤ 50 ms,
memory growth ≤ 30 MB, stop ≤ 200 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# As in the app, optlab_gui loads before NumPy: it limits BLAS to one thread. Imported after
# NumPy, the headless loop ran on two BLAS threads fighting each other (network race: a third
# of the compute process's steps per CPU second) while the compute process had one.
import optlab_gui  # noqa: F401

# isort: split
import numpy as np

from optlab_gui.training.network_race import NetworkRace
from optlab_gui.training.runner import RaceRunner
from optlab_gui.training.session import Command, SurfaceRace

LATENESS_TIMER_MS = 5
#: Per mode: the race's session, the steps before the memory baseline, the long run's steps.
MODES = {
    "surface": (lambda: SurfaceRace("rosenbrock"), 20_000, 1_000_000),
    "network": (NetworkRace, 1_000, 10_000),
}


def resident_mb(pid: int) -> float:
    """Resident set size of process ``pid`` in MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) process ``pid`` has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def headless_steps(seconds: float, mode: str) -> tuple[int, float, float]:
    """Steps the race loop of ``mode`` takes in ``seconds`` without a GUI, the time it took
    and the CPU time it used."""
    runner = RaceRunner(MODES[mode][0](), lambda update: None)
    runner.handle(Command("run"))
    start, cpu_start = time.perf_counter(), time.process_time()
    while time.perf_counter() - start < seconds:
        runner.work()
    return (
        runner.session.step_count,
        time.perf_counter() - start,
        time.process_time() - cpu_start,
    )


class LiveRun:
    """The window with the training panel's ``mode``, racing at full speed."""

    def __init__(self, mode: str) -> None:
        from PySide6.QtCore import Qt, QTimer

        from optlab_gui.app import create_application, create_main_window

        self.app = create_application([], language="en")
        self.window = create_main_window()
        self.window.persist_settings = False
        self.window.resize(1600, 900)
        self.window.show()
        self.panel = self.window.show_panel("training")
        self.mode = self.panel.set_mode(mode)
        self.mode.speed.fastest.setChecked(True)
        self.images = 0
        boundary_view = getattr(self.mode, "boundary_view", None)
        if boundary_view is not None:  # count the decision-boundary images drawn
            draw_boundary = boundary_view.draw_boundary

            def counting_draw(classes, confidence, key=None):
                shown = boundary_view._shown_grid
                draw_boundary(classes, confidence, key)
                self.images += classes is not None and boundary_view._shown_grid != shown

            boundary_view.draw_boundary = counting_draw
        self.ticks: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(LATENESS_TIMER_MS)
        self.timer.timeout.connect(self._tick)
        self.wait_until(self.mode.has_data, 30.0)

    def _tick(self) -> None:
        self.ticks.append(time.perf_counter())

    def wait_until(self, condition, limit: float) -> None:
        """Run the event loop until ``condition()`` (RuntimeError after ``limit`` s)."""
        deadline = time.perf_counter() + limit
        while not condition():
            if time.perf_counter() > deadline:
                raise RuntimeError("the live race did not get there in time")
            self.app.processEvents()
            time.sleep(0.001)

    def run_for(self, seconds: float) -> dict:
        """Race for ``seconds`` (event loop running normally); steps, redraws, lateness."""
        from PySide6.QtCore import QEventLoop, QTimer

        self.ticks = []
        first_step = self.mode.trace.last_step
        first_redraws = self.mode.frame_clock.redraw_count
        first_images = self.images
        compute_pid = self.mode._process.pid
        gui_cpu, compute_cpu = time.process_time(), cpu_seconds(compute_pid)
        self.mode.start_pause()
        self.timer.start()
        loop = QEventLoop()
        QTimer.singleShot(round(seconds * 1000), loop.quit)
        start = time.perf_counter()
        loop.exec()
        elapsed = time.perf_counter() - start
        gui_cpu = time.process_time() - gui_cpu
        compute_cpu = cpu_seconds(compute_pid) - compute_cpu
        self.timer.stop()
        steps = self.mode.trace.last_step - first_step
        redraws = self.mode.frame_clock.redraw_count - first_redraws
        pause_started = time.perf_counter()
        self.mode.pause()
        self.wait_until(self.mode.caught_up, 5.0)
        pause_seconds = time.perf_counter() - pause_started
        gaps = np.diff(self.ticks) * 1000.0
        lateness = np.clip(gaps - LATENESS_TIMER_MS, 0.0, None)
        return {
            "steps": steps,
            "seconds": elapsed,
            "redraws": redraws,
            "images": self.images - first_images,
            "lateness": lateness,
            "pause_seconds": pause_seconds,
            "gui_cpu": gui_cpu,
            "compute_cpu": compute_cpu,
        }

    def run_to_step(self, step: int) -> None:
        """Race (full speed) until the GUI has received ``step``."""
        self.mode.start_pause()
        self.wait_until(lambda: (self.mode.trace.last_step or 0) >= step, 3600.0)
        self.mode.pause()
        self.wait_until(self.mode.caught_up, 5.0)

    def memory_mb(self) -> tuple[float, float]:
        """Resident MB of the GUI process and of the compute process."""
        return resident_mb(os.getpid()), resident_mb(self.mode._process.pid)

    def close(self) -> float:
        """Close the window mid-run; seconds until thread and process have stopped."""
        self.mode.start_pause()
        self.wait_until(lambda: self.mode.is_running(), 5.0)
        start = time.perf_counter()
        self.window.close()
        return time.perf_counter() - start


def percentile(values: np.ndarray, q: float) -> float:
    """The q-th percentile, 0 for no values."""
    return float(np.percentile(values, q)) if len(values) else 0.0


def main() -> int:
    """Measure and print the figures (lines, then JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=12.0, help="seconds of each kind")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--long-steps", type=int, default=None, help="default: per mode")
    parser.add_argument("--mode", choices=tuple(MODES), default="surface")
    args = parser.parse_args()
    _session, warm_up_steps, long_steps = MODES[args.mode]
    args.long_steps = args.long_steps or long_steps

    live = LiveRun(args.mode)
    segment = args.seconds / args.rounds
    headless_total = [0, 0.0, 0.0]
    live_runs = []
    for _ in range(args.rounds):
        steps, seconds, cpu = headless_steps(segment, args.mode)
        headless_total[0] += steps
        headless_total[1] += seconds
        headless_total[2] += cpu
        live_runs.append(live.run_for(segment))
    headless_rate = headless_total[0] / headless_total[1]
    live_steps = sum(run["steps"] for run in live_runs)
    live_redraws = sum(run["redraws"] for run in live_runs)
    # Per CPU second: what the figures would be with a free core each (load-independent).
    headless_per_cpu = headless_total[0] / headless_total[2]
    compute_per_cpu = live_steps / sum(run["compute_cpu"] for run in live_runs)
    gui_ms_per_redraw = 1000 * sum(run["gui_cpu"] for run in live_runs) / max(1, live_redraws)
    live_seconds = sum(run["seconds"] for run in live_runs)
    live_rate = live_steps / live_seconds
    redraw_rate = live_redraws / live_seconds
    image_rate = sum(run["images"] for run in live_runs) / live_seconds
    lateness = np.concatenate([run["lateness"] for run in live_runs])
    pause_ms = max(run["pause_seconds"] for run in live_runs) * 1000

    live.run_to_step(warm_up_steps)
    gui_before, compute_before = live.memory_mb()
    long_start = time.perf_counter()
    live.run_to_step(args.long_steps)
    long_seconds = time.perf_counter() - long_start
    gui_after, compute_after = live.memory_mb()
    history_mb = (live.mode.trace.nbytes + live.mode.snapshots.nbytes) / 2**20
    stop_ms = live.close() * 1000

    figures = {
        "mode": args.mode,
        "headless_steps_per_s": round(headless_rate),
        "live_steps_per_s": round(live_rate),
        "live_over_headless": round(live_rate / headless_rate, 3),
        "redraws_per_s": round(redraw_rate, 1),
        "boundary_images_per_s": round(image_rate, 1),
        "lateness_ms": {
            "p50": round(percentile(lateness, 50), 2),
            "p99": round(percentile(lateness, 99), 2),
            "max": round(float(lateness.max()) if len(lateness) else 0.0, 2),
        },
        "long_run": {
            "steps": args.long_steps,
            "seconds": round(long_seconds, 1),
            "gui_rss_growth_mb": round(gui_after - gui_before, 1),
            "compute_rss_growth_mb": round(compute_after - compute_before, 1),
            "rss_growth_mb": round(gui_after - gui_before + compute_after - compute_before, 1),
            "history_mb": round(history_mb, 1),
        },
        "cpu_normalised": {
            "headless_steps_per_cpu_s": round(headless_per_cpu),
            "compute_process_steps_per_cpu_s": round(compute_per_cpu),
            "compute_over_headless_per_cpu": round(compute_per_cpu / headless_per_cpu, 3),
            "gui_cpu_ms_per_redraw": round(gui_ms_per_redraw, 2),
        },
        "pause_ms_max": round(pause_ms, 1),
        "close_mid_run_ms": round(stop_ms, 1),
        "cpu_count": os.cpu_count(),
        "load_average": [round(v, 2) for v in os.getloadavg()],
    }
    print(
        f"headless {figures['headless_steps_per_s']} steps/s, live "
        f"{figures['live_steps_per_s']} steps/s: ratio {figures['live_over_headless']} "
        "(goal >= 0.8)"
    )
    print(
        f"redraws {figures['redraws_per_s']}/s (goal >= 30), of which with a decision-boundary "
        f"image {figures['boundary_images_per_s']}/s"
    )
    print(
        f"5 ms timer lateness p50/p99/max {figures['lateness_ms']['p50']}/"
        f"{figures['lateness_ms']['p99']}/{figures['lateness_ms']['max']} ms "
        "(goal p99 <= 16, max <= 50)"
    )
    normalised = figures["cpu_normalised"]
    print(
        f"per CPU second: compute process {normalised['compute_process_steps_per_cpu_s']} "
        f"steps, headless {normalised['headless_steps_per_cpu_s']} "
        f"(ratio {normalised['compute_over_headless_per_cpu']}); GUI "
        f"{normalised['gui_cpu_ms_per_redraw']} ms CPU per redraw"
    )
    print(
        f"memory growth over {args.long_steps} steps: "
        f"{figures['long_run']['rss_growth_mb']} MB (goal <= 30)"
    )
    print(
        f"pause took <= {figures['pause_ms_max']} ms; closing mid-run "
        f"{figures['close_mid_run_ms']} ms (goal <= 200)"
    )
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
