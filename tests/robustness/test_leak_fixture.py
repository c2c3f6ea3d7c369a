"""The leak check of tests/conftest.py really fails a test that leaves a worker behind.

An inner pytest runs leak_examples.py (tests that leak a QThread with and without asking for
qtbot, an OptLab timer, a child process, a Python thread, and one that cleans up) under the
same conftest; every leaking test must fail with the leak named, the clean ones must pass.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = Path(__file__).with_name("leak_examples.py")
EXPECTED_FAILURES = {
    "test_leaks_a_qthread": "QThread still running, started at",
    "test_leaks_a_qthread_without_asking_for_qtbot": "QThread still running, started at",
    "test_leaks_an_optlab_timer": "QTimer still active, started at",
    "test_leaks_a_child_process": "child process",
    "test_leaks_a_python_thread": "Python thread leaked-python-thread still running",
}
EXPECTED_PASSES = {"test_stops_its_thread_in_time", "test_zz_release_everything"}


def test_every_kind_of_leaked_worker_fails_its_test_and_clean_tests_pass():
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", str(EXAMPLES), "-p", "no:cacheprovider", "-rA"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=240,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    output = completed.stdout
    summary = re.findall(r"^(PASSED|FAILED|ERROR) \S+::(\w+)", output, re.MULTILINE)
    failed = {name for outcome, name in summary if outcome in ("FAILED", "ERROR")}
    passed = {name for outcome, name in summary if outcome == "PASSED"} - failed
    assert failed == set(EXPECTED_FAILURES), output
    assert passed == EXPECTED_PASSES, output
    for name, message in EXPECTED_FAILURES.items():
        section = output.split(f" of {name} _", 1)[1].split("\n_", 1)[0]
        assert message in section, (name, section)
    assert completed.returncode == 1  # failures, and no crash on the way out
