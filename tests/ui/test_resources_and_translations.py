"""Resources are found, the translation is complete and current, and Chinese can be drawn."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from optlab_gui.ui.i18n import has_cjk_font
from optlab_gui.ui.resource_paths import resource_path, resource_root

ROOT = Path(__file__).resolve().parents[2]


def test_resource_root_holds_icon_and_translation():
    assert resource_root().is_dir()
    assert resource_path("icons", "optlab.png").is_file()
    assert resource_path("translations", "optlab_zh_CN.qm").is_file()


def test_no_unfinished_or_stale_zh_cn_message():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "update_translations.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_missing_translation_falls_back_to_english(app_context, monkeypatch):
    from optlab_gui.ui import i18n

    monkeypatch.setattr(i18n, "resource_path", lambda *parts: Path("/nonexistent") / parts[-1])
    assert not app_context.languages.set_language("zh_CN")
    assert app_context.languages.language == "en"
    assert "missing" in app_context.languages.problem


def test_a_chinese_font_is_installed(qapp):
    # The README tells Linux users which package to install; the tests need it too.
    assert has_cjk_font(), "install fonts-wqy-microhei (Debian) for Chinese rendering"
