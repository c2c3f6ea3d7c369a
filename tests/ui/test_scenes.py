"""Scenes and lessons: a saved scene reopens to the same controls and the same plotted data,
every built-in scene opens in both languages, and every kind of malformed file is refused with
its message while nothing changes."""

from __future__ import annotations

import copy
import json

import numpy as np
import pyqtgraph as pg
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optlab_gui.ui.scenes import (
    FORMAT_VERSION,
    SceneError,
    built_in_lesson_path,
    check,
    load_document,
    scene_document,
)

TIMEOUT_MS = 20_000


def plotted_data(widget) -> list[np.ndarray]:
    """Every curve's and image's data under ``widget``, in a stable order."""
    views = [widget] if isinstance(widget, pg.GraphicsView) else []
    views += widget.findChildren(pg.GraphicsView)
    arrays = []
    for view in views:
        for item in view.scene().items():
            if isinstance(item, pg.PlotDataItem) and item.isVisible():
                x, y = item.getData()
                if x is not None:
                    arrays.append(np.vstack([x, y]))
            elif isinstance(item, pg.ImageItem) and item.image is not None:
                arrays.append(np.asarray(item.image, dtype=float))
    return sorted(arrays, key=lambda a: (a.shape, float(np.nansum(np.abs(a)))))


def assert_same_data(first: list[np.ndarray], second: list[np.ndarray]) -> None:
    assert len(first) == len(second)
    for a, b in zip(first, second, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12, equal_nan=True)


def settle(window, qtbot) -> None:
    """Wait until the panel on show has drawn its scene completely."""
    panel = window.current_panel()
    qtbot.waitUntil(panel.ready_for_screenshot, timeout=TIMEOUT_MS)
    if window.current_panel_name == "training":
        mode = panel.current_mode()
        state = panel.scene_state()
        steps = state[state["mode"]]["steps"]
        qtbot.waitUntil(lambda: (mode.trace.last_step or 0) >= steps, timeout=TIMEOUT_MS)
        mode.frame_clock.flush()


def edited_state(name: str, state: dict) -> dict:
    """A state different from the default in many controls."""
    state = copy.deepcopy(state)
    if name == "activations":
        state.update(shown=["relu", "maxout"], selected="maxout", depth=7, seed=3,
                     overlaid=True, x_range=[-3.0, 4.0], readout_x=0.5)  # fmt: skip
        state["parameters"]["maxout"].update(w1=0.5, b1=-1.0)
    elif name == "batchnorm":
        state.update(depth=12, layer=9, activation="tanh", init="xavier", seed=11,
                     shown="batchnorm", learning_rate=0.01, bn_mode="eval")  # fmt: skip
    else:
        surface = state["surface"]
        surface.update(surface="ravine", start=[-6.0, 1.5], steps=120, inspected="adam")
        surface["enabled"]["gd"] = False
        surface["hyperparameters"]["adam"]["lr"] = 0.05
    return state


@pytest.mark.parametrize("name", ["activations", "batchnorm", "training"])
def test_saved_scene_reopens_to_the_same_state_and_picture(main_window, qtbot, tmp_path, name):
    panel = main_window.show_panel(name)
    default = panel.scene_state()
    panel.restore_scene_state(edited_state(name, default))
    settle(main_window, qtbot)
    saved_state = panel.scene_state()
    saved_data = plotted_data(panel.main_plot())
    path = tmp_path / "scene.json"
    assert main_window.save_scene(path)
    assert json.loads(path.read_text(encoding="utf-8"))["state"] == saved_state

    panel.restore_scene_state(default)
    settle(main_window, qtbot)
    assert panel.scene_state() != saved_state

    main_window.open_lesson(path)
    settle(main_window, qtbot)
    assert panel.scene_state() == saved_state
    assert_same_data(plotted_data(panel.main_plot()), saved_data)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_built_in_scene_opens(main_window, qtbot, language):
    main_window.set_language(language)
    main_window.open_lesson(built_in_lesson_path())
    lesson = main_window.lesson_sidebar.lesson
    assert len(lesson.scenes) >= 11
    for index, entry in enumerate(lesson.scenes):
        assert entry.title["en"] and entry.title["zh_CN"] and entry.note["zh_CN"]
        main_window.show_scene(index)
        panel = main_window.current_panel()
        assert main_window.current_panel_name == entry.scene["panel"]
        actual = panel.scene_state()
        assert actual == {**entry.scene["state"], **_live_steps(actual, entry)}
        assert entry.title[language] in main_window.lesson_sidebar.note.toPlainText()
    settle(main_window, qtbot)


def _live_steps(actual: dict, entry) -> dict:
    """The race computes a scene's steps in the background: compare the rest now."""
    if entry.scene["panel"] != "training":
        return {}
    state = copy.deepcopy(entry.scene["state"])
    mode = state["mode"]
    state[mode]["steps"] = actual[mode]["steps"]
    return state


# Malformed documents ----------------------------------------------------------------------


def _paths(value, prefix=()):
    """Every (path, value) inside a JSON document."""
    yield prefix, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _set(document, path, value):
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


def _wrong_type(value):
    if isinstance(value, bool):
        return 0.5
    if isinstance(value, int | float):
        return "12"
    if isinstance(value, str):
        return 12
    if isinstance(value, list):
        return {"a": 1}
    return [1, 2]


@st.composite
def malformed(draw, valid: dict):
    """A scene document broken in one way, and the words its message must contain."""
    document = copy.deepcopy(valid)
    kind = draw(st.sampled_from(["missing", "unknown", "type", "range", "version"]))
    dicts = [(p, v) for p, v in _paths(document) if isinstance(v, dict) and v]
    if kind == "missing":
        path, value = draw(st.sampled_from(dicts))
        key = draw(st.sampled_from(sorted(value)))
        del value[key]
        return document, ("missing key", "version") if key == "version" else ("missing key",)
    if kind == "unknown":
        path, value = draw(st.sampled_from(dicts))
        value[draw(st.sampled_from(["colour", "extra", "zz"]))] = 1
        return document, ("unknown key",)
    leaves = [
        (p, v) for p, v in _paths(document) if p and p[0] == "state" and not isinstance(v, dict)
    ]
    if kind == "type":
        path, value = draw(st.sampled_from(leaves))
        _set(document, path, _wrong_type(value))
        return document, ("must",)
    if kind == "range":
        numbers = [
            (p, v) for p, v in leaves if isinstance(v, int | float) and not isinstance(v, bool)
        ]
        path, _value = draw(st.sampled_from(numbers))
        _set(document, path, draw(st.sampled_from([1e300, -1e300, 3e9])))
        return document, ("outside",)
    document["version"] = draw(st.integers(FORMAT_VERSION + 1, 10_000))
    return document, ("newer OptLab",)


@pytest.mark.parametrize("name", ["activations", "batchnorm", "training"])
def test_malformed_scenes_are_refused_and_change_nothing(main_window, tmp_path, name):
    panel = main_window.show_panel(name)
    valid = scene_document(name, edited_state(name, panel.scene_state()))
    before = panel.scene_state()
    path = tmp_path / "bad.json"

    @settings(max_examples=40, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
    @given(malformed(valid))
    def refused(broken):
        document, words = broken
        path.write_text(json.dumps(document), encoding="utf-8")
        with pytest.raises(SceneError) as refusal:
            main_window.open_lesson(path)
        assert any(word in str(refusal.value) for word in words), str(refusal.value)
        assert panel.scene_state() == before
        assert main_window.current_panel() is panel
        assert main_window.lesson_sidebar.lesson is None

    refused()


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda lesson: lesson.pop("title"), "missing key “title”"),
        (lambda lesson: lesson["title"].pop("zh_CN"), "missing key “zh_CN”"),
        (lambda lesson: lesson["scenes"][2].pop("note"), "missing key “note”"),
        (lambda lesson: lesson.update(scenes=[]), "entries"),
        (lambda lesson: lesson["scenes"][1]["scene"].update(panel="nowhere"), "must be one of"),
        (lambda lesson: lesson["scenes"][3]["scene"]["state"].update(depth=0), "outside"),
        (lambda lesson: lesson.update(version=FORMAT_VERSION + 1), "newer OptLab"),
        (lambda lesson: lesson.update(format="slides"), "format"),
    ],
)
def test_malformed_lessons_are_refused(main_window, tmp_path, change, words):
    lesson = json.loads(built_in_lesson_path().read_text(encoding="utf-8"))
    change(lesson)
    path = tmp_path / "lesson.json"
    path.write_text(json.dumps(lesson), encoding="utf-8")
    panel = main_window.current_panel()
    before = panel.scene_state()
    with pytest.raises(SceneError, match=words):
        main_window.open_lesson(path)
    assert panel.scene_state() == before


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{", "not valid JSON"),
        ('{"format": "optlab-scene", "version": NaN}', "NaN"),
        (b"\xff\xfe", "UTF-8"),
        ("[1, 2]", "JSON object"),
    ],
)
def test_unreadable_files_are_refused(main_window, tmp_path, text, words):
    path = tmp_path / "broken.json"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(SceneError, match=words):
        load_document(path, main_window.scene_schemas())
    with pytest.raises(SceneError, match="cannot read"):
        load_document(tmp_path / "missing.json", main_window.scene_schemas())


def test_a_refused_state_leaves_the_panel_untouched(main_window):
    panel = main_window.show_panel("batchnorm")
    before = panel.scene_state()
    state = {**before, "depth": 5, "layer": 9}
    with pytest.raises(SceneError, match="layer"):
        panel.restore_scene_state(state)
    assert panel.scene_state() == before
    with pytest.raises(SceneError, match="whole number"):
        check(2.5, panel.scene_schema().fields["depth"], "state.depth")
