"""Regenerate the zh_CN translation: scan the sources, fill in the catalogs, compile the .qm.

    python tools/update_translations.py          # update resources/translations/*.ts and .qm
    python tools/update_translations.py --check  # fail if a message is unfinished or stale

``pyside6-lupdate`` extracts every ``tr``/``translate`` string into the .ts file. The
Chinese text lives in small JSON catalogs under tools/translations/zh_CN/ (one per area, so
several people can translate at once without editing one XML file); translations already
finished in the .ts (e.g. made with Qt Linguist) are kept when no catalog overrides them.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "optlab_gui"
CATALOGS = ROOT / "tools" / "translations"
OUTPUT = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN",)


def _tool(name: str) -> str:
    """Path of a PySide6 command-line tool next to the running interpreter, or on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6-Essentials")
    return found


def load_catalog(language: str) -> dict[tuple[str, str], str]:
    """All (context, source) -> translation pairs of a language's JSON catalogs."""
    pairs: dict[tuple[str, str], str] = {}
    for path in sorted((CATALOGS / language).glob("*.json")):
        try:
            contexts = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as error:
            raise SystemExit(f"{path}: {error}") from error
        for context, messages in contexts.items():
            for source, translation in messages.items():
                pairs[(context, source)] = translation
    return pairs


def extract(ts_path: Path) -> None:
    """Run lupdate over every source file into ``ts_path`` (keeping existing translations)."""
    files = sorted(str(p) for p in SOURCES.rglob("*.py"))
    subprocess.run(
        [_tool("pyside6-lupdate"), *files, "-no-obsolete", "-locations", "none", "-ts",
         str(ts_path)],
        check=True,
        capture_output=True,
        text=True,
    )  # fmt: skip


def fill(ts_path: Path, catalog: dict[tuple[str, str], str]) -> list[tuple[str, str]]:
    """Write catalog translations into the .ts; return the messages still unfinished."""
    tree = ElementTree.parse(ts_path)
    unfinished = []
    for context in tree.getroot().iter("context"):
        context_name = context.findtext("name")
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            text = catalog.get((context_name, source))
            if text:
                translation.text = text
                translation.attrib.pop("type", None)
            elif translation.get("type") == "unfinished" or not translation.text:
                unfinished.append((context_name, source))
    ElementTree.indent(tree)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return unfinished


def compile_qm(ts_path: Path, qm_path: Path) -> None:
    """Compile the .ts into the binary .qm that QTranslator loads."""
    subprocess.run(
        [_tool("pyside6-lrelease"), str(ts_path), "-qm", str(qm_path)],
        check=True,
        capture_output=True,
        text=True,
    )


def update(language: str, folder: Path) -> list[tuple[str, str]]:
    """Bring ``folder``'s .ts and .qm for ``language`` up to date; return unfinished messages."""
    ts_path = folder / f"optlab_{language}.ts"
    extract(ts_path)
    unfinished = fill(ts_path, load_catalog(language))
    compile_qm(ts_path, folder / f"optlab_{language}.qm")
    return unfinished


def main(argv: list[str] | None = None) -> int:
    """Update (or with --check, verify) every language's translation files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify only; change nothing")
    args = parser.parse_args(argv)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    status = 0
    with open(CATALOGS / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for language in LANGUAGES:
            ts_name = f"optlab_{language}.ts"
            if args.check:
                with tempfile.TemporaryDirectory() as scratch:
                    scratch_ts = Path(scratch) / ts_name
                    if (OUTPUT / ts_name).exists():
                        shutil.copy(OUTPUT / ts_name, scratch_ts)
                    unfinished = update(language, Path(scratch))
                    stale = not (OUTPUT / ts_name).exists() or (
                        scratch_ts.read_bytes() != (OUTPUT / ts_name).read_bytes()
                    )
            else:
                unfinished = update(language, OUTPUT)
                stale = False
            for context, source in unfinished:
                print(f"unfinished {language}: [{context}] {source!r}")
            if stale:
                print(f"{ts_name} is out of date: run python tools/update_translations.py")
            if unfinished or stale:
                status = 1
            print(f"{language}: {len(unfinished)} unfinished")
    return status


if __name__ == "__main__":
    sys.exit(main())
