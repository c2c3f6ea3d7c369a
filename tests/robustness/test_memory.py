"""What the monkey's memory figures pointed at, pinned down: repeated lecture actions must not
leave objects behind (benchmarks/memory_soak.py measures the resident memory itself)."""

from __future__ import annotations

from PySide6.QtCore import QTranslator

SWITCHES = 40


def test_language_switches_leave_no_translator_behind(main_window, app_context, qtbot):
    languages = app_context.languages
    for index in range(SWITCHES):
        main_window.set_language("zh_CN" if index % 2 == 0 else "en")
    main_window.set_language("zh_CN")
    # The replaced translators are deleted when the event loop next runs.
    qtbot.waitUntil(lambda: len(languages.findChildren(QTranslator)) <= 2)
