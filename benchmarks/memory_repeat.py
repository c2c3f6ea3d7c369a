"""Does one lecture action, repeated hundreds of times, leak? Resident memory per block.

Repeats one action of the window (presentation on/off, a lesson scene, a language, a panel)
in blocks and prints the GUI process's resident memory after each block, before and after
asking the C allocator to give freed pages back (``malloc_trim``, glibc only). A leak grows
block after block in both columns; memory the allocator merely keeps grows in the first and
stays flat in the second. The monkey's long run mixes every action and also fills the
bounded training histories, so its growth alone cannot tell these apart.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/memory_repeat.py
        [--action presentation|scene|language|panel] [--blocks 6] [--per-block 50]
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import gc
import sys

from lecture_window import ROOT, open_lecture_window, resident_mb

LESSON = ROOT / "resources" / "lessons" / "how_deep_networks_learn.json"
PANELS = ("activations", "batchnorm", "training")


def trim_heap() -> bool:
    """Return freed heap pages to the system (glibc); False where that is not available."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    trim = getattr(ctypes.CDLL(name), "malloc_trim", None)
    if trim is None:
        return False
    trim(0)
    return True


def main() -> int:
    """Repeat the chosen action in blocks and print resident memory after each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--action", choices=("presentation", "scene", "language", "panel"), default="scene"
    )
    parser.add_argument("--blocks", type=int, default=6)
    parser.add_argument("--per-block", type=int, default=50)
    args = parser.parse_args()
    app, window = open_lecture_window("training")
    from PySide6.QtTest import QTest

    QTest.qWait(500)
    actions = {
        "presentation": lambda i: window.set_presentation(i % 2 == 0),
        "scene": lambda i: window.open_lesson(LESSON, i % 11),
        "language": lambda i: window.set_language("zh_CN" if i % 2 == 0 else "en"),
        "panel": lambda i: window.show_panel(PANELS[i % len(PANELS)]),
    }
    act = actions[args.action]
    for block in range(1, args.blocks + 1):
        for i in range(args.per_block):
            act(i)
            QTest.qWait(30)
        gc.collect()
        kept = resident_mb()
        trimmed = f"{resident_mb():.1f} MB" if trim_heap() else "n/a"
        print(f"{args.action} x {block * args.per_block}: resident {kept:.1f} MB, "
              f"after giving freed pages back {trimmed}", flush=True)  # fmt: skip
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
