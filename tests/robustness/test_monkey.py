"""The monkey test: a minute of seeded random use of the whole window, with zero tolerance.

Any uncaught exception (GUI or worker thread), error dialog, Qt warning or action over its
time budget fails the test; the report names the action that preceded each problem and the
seed that replays the run (``OPTLAB_MONKEY_SEED=<seed>``; ``OPTLAB_MONKEY_SECONDS`` for a
longer run).
"""

from __future__ import annotations

from monkey import Monkey, seconds_from_environment, seed_from_environment

CI_SECONDS = 60.0


def test_a_minute_of_random_use_raises_nothing_and_warns_nothing(
    main_window, app_context, tmp_path, record_property
):
    seed = seed_from_environment()
    seconds = seconds_from_environment(CI_SECONDS)
    record_property("monkey_seed", seed)
    print(f"monkey seed {seed}, {seconds:.0f} s (replay: OPTLAB_MONKEY_SEED={seed})", flush=True)
    monkey = Monkey(
        main_window, seed, folder=tmp_path, error_signal=app_context.errors.error_reported
    )
    report = monkey.run(seconds)
    print(report.summary())
    assert report.actions > 0
    assert report.ok, report.failure_text()
