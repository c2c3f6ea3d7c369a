"""Scenes and lessons: a panel's complete state as a small versioned JSON file, and an ordered
list of such scenes with a bilingual title and note each, validated strictly.

A scene file is ``{"format": "optlab-scene", "version": 1, "panel": ..., "state": {...}}``;
a lesson is ``{"format": "optlab-lesson", "version": 1, "title": {"en": .., "zh_CN": ..},
"scenes": [{"title": {...}, "note": {...}, "scene": {<scene>}}]}``. Each panel describes its
state with a declarative schema (:class:`Record`, :class:`Number`, :class:`Choice`,
:class:`Flag`, :class:`Items`); :func:`check` walks it and raises :class:`SceneError` naming
the first problem, so a refused file never changes anything.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from optlab_gui.ui.resource_paths import resource_path

SCENE_FORMAT, LESSON_FORMAT = "optlab-scene", "optlab-lesson"
FORMAT_VERSION = 1
LESSON_LANGUAGES = ("en", "zh_CN")
#: Scene and lesson files larger than this are refused before parsing (they are hand-sized).
MAX_FILE_BYTES = 2_000_000
BUILT_IN_LESSON = "how_deep_networks_learn.json"


class SceneError(ValueError):
    """A scene or lesson that cannot be opened; the message names the problem (translated)."""


# The schema -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Number:
    """A finite number in [minimum, maximum]; ``integer`` asks for a whole number."""

    minimum: float
    maximum: float
    integer: bool = False


@dataclass(frozen=True)
class Choice:
    """One of a fixed set of names."""

    options: tuple[str, ...]


@dataclass(frozen=True)
class Flag:
    """True or false."""


@dataclass(frozen=True)
class Text:
    """A string of at most ``max_length`` characters."""

    max_length: int = 2000


@dataclass(frozen=True)
class Items:
    """A list of ``length`` range of ``item``; ``unique`` forbids repeats."""

    item: object
    min_length: int = 0
    max_length: int = 1000
    unique: bool = False


@dataclass(frozen=True)
class Record:
    """An object with exactly these keys (those in ``optional`` may be left out)."""

    fields: Mapping[str, object]
    optional: frozenset[str] = field(default_factory=frozenset)
    #: After the keys pass: a translated message if they disagree with each other, or None.
    problem: Callable[[dict], str | None] | None = None


def _where(path: str) -> str:
    return path or QCoreApplication.translate("Scenes", "the file")


def check(value: object, schema: object, path: str = "") -> None:
    """Raise :class:`SceneError` if ``value`` does not follow ``schema`` (``path`` names it)."""
    if isinstance(schema, Record):
        if not isinstance(value, dict):
            raise SceneError(
                QCoreApplication.translate("Scenes", "{where} must be an object").format(
                    where=_where(path)
                )
            )
        unknown = sorted(set(value) - set(schema.fields))
        if unknown:
            raise SceneError(
                QCoreApplication.translate("Scenes", "unknown key “{key}” in {where}").format(
                    key=unknown[0], where=_where(path)
                )
            )
        missing = [k for k in schema.fields if k not in value and k not in schema.optional]
        if missing:
            raise SceneError(
                QCoreApplication.translate("Scenes", "missing key “{key}” in {where}").format(
                    key=missing[0], where=_where(path)
                )
            )
        for key, sub_schema in schema.fields.items():
            if key in value:
                check(value[key], sub_schema, f"{path}.{key}" if path else key)
        if schema.problem is not None and (problem := schema.problem(value)):
            raise SceneError(problem)
    elif isinstance(schema, Number):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise SceneError(
                QCoreApplication.translate("Scenes", "{where} must be a number").format(
                    where=_where(path)
                )
            )
        if not math.isfinite(value):
            raise SceneError(
                QCoreApplication.translate("Scenes", "{where} must be a finite number").format(
                    where=_where(path)
                )
            )
        if schema.integer and value != int(value):
            raise SceneError(
                QCoreApplication.translate("Scenes", "{where} must be a whole number").format(
                    where=_where(path)
                )
            )
        if not schema.minimum <= value <= schema.maximum:
            raise SceneError(
                QCoreApplication.translate(
                    "Scenes", "{where} = {value:g} is outside {low:g} … {high:g}"
                ).format(where=_where(path), value=value, low=schema.minimum, high=schema.maximum)
            )
    elif isinstance(schema, Choice):
        if not isinstance(value, str) or value not in schema.options:
            raise SceneError(
                QCoreApplication.translate("Scenes", "{where} must be one of: {options}").format(
                    where=_where(path), options=", ".join(schema.options)
                )
            )
    elif isinstance(schema, Flag):
        if not isinstance(value, bool):
            raise SceneError(
                QCoreApplication.translate("Scenes", "{where} must be true or false").format(
                    where=_where(path)
                )
            )
    elif isinstance(schema, Text):
        if not isinstance(value, str):
            raise SceneError(
                QCoreApplication.translate("Scenes", "{where} must be a text").format(
                    where=_where(path)
                )
            )
        if len(value) > schema.max_length:
            raise SceneError(
                QCoreApplication.translate("Scenes", "{where} is too long").format(
                    where=_where(path)
                )
            )
    elif isinstance(schema, Items):
        if not isinstance(value, list):
            raise SceneError(
                QCoreApplication.translate("Scenes", "{where} must be a list").format(
                    where=_where(path)
                )
            )
        if not schema.min_length <= len(value) <= schema.max_length:
            raise SceneError(
                QCoreApplication.translate(
                    "Scenes", "{where} must have {low} to {high} entries"
                ).format(where=_where(path), low=schema.min_length, high=schema.max_length)
            )
        for index, item in enumerate(value):
            check(item, schema.item, f"{path}[{index}]")
        if schema.unique and len({json.dumps(item) for item in value}) != len(value):
            raise SceneError(
                QCoreApplication.translate("Scenes", "{where} repeats an entry").format(
                    where=_where(path)
                )
            )
    else:  # pragma: no cover - a programming error in a panel's schema
        raise TypeError(f"unknown schema {schema!r}")


# Documents --------------------------------------------------------------------------------


def _check_header(document: object, expected_format: str) -> None:
    if not isinstance(document, dict):
        raise SceneError(QCoreApplication.translate("Scenes", "the file must hold a JSON object"))
    if document.get("format") != expected_format:
        raise SceneError(
            QCoreApplication.translate("Scenes", "“format” must be “{expected}”").format(
                expected=expected_format
            )
        )
    version = document.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise SceneError(QCoreApplication.translate("Scenes", "“version” must be a whole number"))
    if version > FORMAT_VERSION:
        raise SceneError(
            QCoreApplication.translate(
                "Scenes",
                "the file was written by a newer OptLab (format version {version}; this one "
                "reads up to {supported})",
            ).format(version=version, supported=FORMAT_VERSION)
        )
    if version < 1:
        raise SceneError(QCoreApplication.translate("Scenes", "“version” must be 1 or more"))


def check_scene(document: object, schemas: Mapping[str, Record], path: str = "") -> None:
    """Check a whole scene: header, panel name and the panel's state against its schema."""
    _check_header(document, SCENE_FORMAT)
    header = dict(document)
    state = header.pop("state", None)
    header_schema = Record(
        {
            "format": Text(),
            "version": Number(1, FORMAT_VERSION, integer=True),
            "panel": Choice(tuple(schemas)),
        }
    )
    check(header, header_schema, path)
    if state is None:
        raise SceneError(
            QCoreApplication.translate("Scenes", "missing key “{key}” in {where}").format(
                key="state", where=_where(path)
            )
        )
    check(state, schemas[document["panel"]], f"{path}.state" if path else "state")


def _bilingual() -> Record:
    return Record({language: Text() for language in LESSON_LANGUAGES})


def check_lesson(document: object, schemas: Mapping[str, Record]) -> None:
    """Check a whole lesson: header, bilingual title, and every scene with its title and note."""
    _check_header(document, LESSON_FORMAT)
    outline = Record(
        {
            "format": Text(),
            "version": Number(1, FORMAT_VERSION, integer=True),
            "title": _bilingual(),
            "scenes": Items(
                Record(
                    {"title": _bilingual(), "note": _bilingual(), "scene": Record({}, frozenset())}
                ),
                1,
                200,
            ),
        }
    )
    scenes = document.get("scenes")
    stripped = dict(document)
    if isinstance(scenes, list):
        stripped["scenes"] = [
            {**entry, "scene": {}} if isinstance(entry, dict) and "scene" in entry else entry
            for entry in scenes
        ]
    check(stripped, outline)
    for index, entry in enumerate(scenes):
        check_scene(entry["scene"], schemas, f"scenes[{index}].scene")


@dataclass(frozen=True)
class LessonScene:
    """One step of a lesson: its titles and notes by language, and the scene document."""

    title: Mapping[str, str]
    note: Mapping[str, str]
    scene: Mapping[str, object]


@dataclass(frozen=True)
class Lesson:
    """An ordered list of scenes with a title by language."""

    title: Mapping[str, str]
    scenes: tuple[LessonScene, ...]


def localized(texts: Mapping[str, str], language: str) -> str:
    """The text in ``language``, or the English one."""
    return texts.get(language) or texts.get("en", "")


def read_json(path: Path) -> object:
    """Parse a scene or lesson file; every failure becomes a :class:`SceneError`."""
    try:
        if Path(path).stat().st_size > MAX_FILE_BYTES:
            raise SceneError(
                QCoreApplication.translate(
                    "Scenes", "the file is too large to be a scene or lesson"
                )
            )
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise SceneError(
            QCoreApplication.translate("Scenes", "cannot read {path}: {reason}").format(
                path=path, reason=error.strerror
            )
        ) from None
    except UnicodeDecodeError:
        raise SceneError(
            QCoreApplication.translate("Scenes", "the file is not UTF-8 text")
        ) from None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise SceneError(
            QCoreApplication.translate(
                "Scenes", "not valid JSON (line {line}, column {column})"
            ).format(line=error.lineno, column=error.colno)
        ) from None
    except RecursionError:
        raise SceneError(
            QCoreApplication.translate("Scenes", "the file is nested too deeply")
        ) from None


def _refuse_constant(name: str) -> float:
    raise SceneError(
        QCoreApplication.translate("Scenes", "{name} is not a number a scene may hold").format(
            name=name
        )
    )


def parse_lesson(document: object, schemas: Mapping[str, Record]) -> Lesson:
    """A checked lesson from a parsed JSON document (raises :class:`SceneError`)."""
    check_lesson(document, schemas)
    return Lesson(
        title=dict(document["title"]),
        scenes=tuple(
            LessonScene(dict(entry["title"]), dict(entry["note"]), entry["scene"])
            for entry in document["scenes"]
        ),
    )


def load_document(path: Path, schemas: Mapping[str, Record]) -> Lesson:
    """A lesson from ``path``; a single scene file becomes a lesson of one scene."""
    document = read_json(path)
    if not isinstance(document, dict):
        raise SceneError(QCoreApplication.translate("Scenes", "the file must hold a JSON object"))
    if "format" not in document:
        raise SceneError(
            QCoreApplication.translate("Scenes", "missing key “{key}” in {where}").format(
                key="format", where=_where("")
            )
        )
    if document["format"] == SCENE_FORMAT:
        check_scene(document, schemas)
        name = Path(path).stem
        return Lesson({"en": name}, (LessonScene({"en": name}, {}, document),))
    if document["format"] == LESSON_FORMAT:
        return parse_lesson(document, schemas)
    raise SceneError(
        QCoreApplication.translate("Scenes", "“format” must be “{scene}” or “{lesson}”").format(
            scene=SCENE_FORMAT, lesson=LESSON_FORMAT
        )
    )


def scene_document(panel: str, state: Mapping[str, object]) -> dict:
    """The JSON document of a scene."""
    return {"format": SCENE_FORMAT, "version": FORMAT_VERSION, "panel": panel, "state": state}


def scene_json(panel: str, state: Mapping[str, object]) -> str:
    """A scene as indented JSON text."""
    return json.dumps(scene_document(panel, state), indent=2, ensure_ascii=False) + "\n"


def built_in_lesson_path() -> Path:
    """The lesson shipped with OptLab (Help → Lessons)."""
    return resource_path("lessons", BUILT_IN_LESSON)
