"""Makes this folder's helper modules importable as top-level modules.

The monkey driver (``monkey``) is shared by these tests and benchmarks/monkey_long.py, and
the fault-injection sessions (``fault_sessions``) must be importable by name inside the
spawned compute process, which inherits ``sys.path`` from the test process.
"""

from __future__ import annotations

import sys
from pathlib import Path

_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)
