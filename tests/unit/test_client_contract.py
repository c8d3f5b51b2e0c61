"""The client-state contract: what the JS builds is what the Python pages read.

The device's view builders run under bun over fixtures in many states
(tests/js/dump_views.js); every view must have exactly the keys its shape in
mmapp/schemas/views.py declares (recursively, list items too) with those types. And
every bridge function a page calls (`mm("name")`, `window.mm.name`) must exist on the
`window.mm` the page's scripts build, loaded in their real order.
"""

from __future__ import annotations

import ast
import functools
import json
import os
import pathlib
import re
import shutil
import subprocess
import typing

import pytest
from pydantic import BaseModel

from mmapp import routes
from mmapp.schemas.views import CLIENT_VIEWS, RemindersView

ROOT = pathlib.Path(__file__).resolve().parents[2]


@functools.cache
def _dump() -> dict:
    bun = shutil.which("bun")
    assert bun, "bun is needed (scripts/setup.sh installs it)"
    out = subprocess.run(
        [bun, "run", "tests/js/dump_views.js", *routes.BRIDGE_SCRIPTS],
        cwd=ROOT,
        env={**os.environ, "TZ": "UTC"},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(out.stdout)


def _model_in(annotation: object) -> tuple[type[BaseModel] | None, bool]:
    """The model a field holds, and whether it holds a list of them."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    if typing.get_origin(annotation) is list:
        (inner,) = typing.get_args(annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            return inner, True
    return None, False


def _problems(model: type[BaseModel], value: object, path: str) -> list[str]:
    """Every key the view lacks or has beyond its shape, down through nested views."""
    if not isinstance(value, dict):
        return [f"{path}: not an object"]
    declared = set(model.model_fields)
    found = [f"{path}: missing {k}" for k in sorted(declared - set(value))]
    found += [f"{path}: undeclared {k}" for k in sorted(set(value) - declared)]
    for name, field in model.model_fields.items():
        inner, many = _model_in(field.annotation)
        if inner is None or name not in value:
            continue
        items = value[name] if many else [value[name]]
        if many and not isinstance(items, list):
            found.append(f"{path}.{name}: not a list")
            continue
        for i, item in enumerate(items):
            found += _problems(inner, item, f"{path}.{name}[{i}]" if many else f"{path}.{name}")
    return found


@pytest.mark.parametrize("name", sorted(CLIENT_VIEWS))
def test_each_built_view_has_exactly_the_declared_shape(name):
    built = _dump()["views"][name]
    assert len(built) >= 2, "the fixtures should build this view in several states"
    model = CLIENT_VIEWS[name]
    for i, view in enumerate(built):
        assert _problems(model, view, f"{name}[{i}]") == []
        model.model_validate(view, strict=True)  # and the types hold


def test_every_declared_view_is_built_and_lists_are_exercised():
    views = _dump()["views"]
    assert set(views) == set(CLIENT_VIEWS)
    # Item shapes are only checked where a list has items: make sure some do.
    assert any(v["items"] for v in views["mm_today"])
    assert any(v["picks"] and v["reviews_due"] for v in views["mm_today"])  # "Up next"
    assert any(i["locked"] and i["reason"] for v in views["mm_today"] for i in v["items"])
    assert any(v["skills"] and v["done_titles"] for v in views["mm_progress"])
    assert any(s["said"] and s["goal"] for v in views["mm_progress"] for s in v["skills"])
    assert any(s["goal_open"] and s["goal_choices"] for v in views["mm_audit"] for s in v["skills"])
    assert any(v["steps"] and v["quiz"]["options"] for v in views["mm_player"])
    week = [c for v in views["mm_week"] for d in v["days"] for c in d["chunks"]]
    assert {c["state"] for c in week} == {"planned", "free"}  # "clear" ones are summed up
    assert any(v["checkin_text"] for v in views["mm_today"])
    assert any(v["tried"] for v in views["mm_progress"])
    assert any(v["chips"] and v["line"] for v in views["mm_work"])
    assert any(v["state"] == "ask" and v["chips"] for v in views["mm_reflect"])
    assert any(v["mentors"] and v["skills"] and v["lengths"] for v in views["mm_ask"])
    mentoring = [v for v in views["mm_mentoring"] if v["requests"]]
    full = ("sessions", "actions", "history", "slot_days")
    assert mentoring and all(mentoring[0][k] for k in full)
    assert mentoring[0]["waiting"] and mentoring[0]["refused"]
    assert any(v["offers"] and v["skills"] and v["windows"] for v in views["mm_mentor"])
    assert any(v["ratings"] and v["fits"] for v in views["mm_mreflect"])
    assert any(v["today"] and v["week"] for v in views["mm_mplan"])
    assert any(s["mentor"] for s in views["mm_session"])
    teach = views["mm_teach"]
    assert {v["mode"] for v in teach} == {"list", "ask", "guide", "status", "missing"}
    assert any(v["asked_of_me"] and v["asked_by_me"] for v in teach)
    assert any(v["colleagues"] and v["chips"] for v in teach)
    assert any(v["ratings"] and v["prompts"] for v in teach)


def test_the_check_catches_a_view_that_forgot_a_key():
    view = _dump()["views"]["mm_push"][0]
    assert view["timezone"] == "Europe/Berlin"
    forgot = {k: v for k, v in view.items() if k != "timezone"}
    assert _problems(RemindersView, forgot, "mm_push") == ["mm_push: missing timezone"]
    player = _dump()["views"]["mm_player"][-1]
    extra = {**player, "quiz": {**player["quiz"], "options": [{"i": 0, "text": "x", "oops": 1}]}}
    assert _problems(CLIENT_VIEWS["mm_player"], extra, "p") == [
        "p.quiz.options[0]: missing selected",
        "p.quiz.options[0]: missing state",
        "p.quiz.options[0]: undeclared oops",
    ]


def test_state_defaults_are_the_declared_shapes():
    """What a page shows before the device answers has every key too."""
    from mmapp import state

    variables = [state.SESSION, state.SYNC, state.FORM, state.TODAY, state.PROGRESS]
    variables += [state.PLAYER, state.REVIEW, state.APP, state.PUSH, state.AUDIT, state.WEEK]
    variables += [state.PLAYER, state.REVIEW, state.APP, state.PUSH, state.AUDIT]
    variables += [state.WORK, state.REFLECT, state.MY_DATA, state.PROFILE, state.TEACH]
    variables += [state.ASK, state.MENTORING, state.MREFLECT, state.MENTOR, state.MPLAN]
    assert {v._getter_name for v in variables} == set(CLIENT_VIEWS)
    for var in variables:
        model = CLIENT_VIEWS[var._getter_name]
        assert _problems(model, model().model_dump(), var._getter_name) == []
        # The default compiled into the page (Reflex's useState hook) has each key.
        (hook,) = [h for h in var._var_data.hooks if "useState(" in h]
        assert set(model.model_fields) <= set(re.findall(r'\["(\w+)"\]', hook))


def _names_python_calls() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "mmapp").rglob("*.py"):
        text = path.read_text()
        names.update(re.findall(r"window\.mm\.([A-Za-z_]\w*)\(", text))
        for node in ast.walk(ast.parse(text)):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "mm"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                names.add(node.args[0].value)
    return names


def test_every_bridge_function_the_pages_call_exists():
    exported = set(_dump()["bridge"])
    called = _names_python_calls()
    assert {"mount", "player", "signIn", "saveReminders"} <= called  # the parse finds them
    assert called - exported == set()
    # The device code's own calls into window.mm (mm-pwa.js, mm-push.js) too.
    js = "\n".join(p.read_text() for p in (ROOT / "assets" / "js").glob("*.js"))
    from_js = set(re.findall(r"window\.mm\??\.([A-Za-z_]\w*)\(", js))
    assert {"setAppState", "setPushState", "setForm"} <= from_js
    assert from_js - exported == set()


def test_the_phone_default_scale_words_are_the_server_ones():
    """Before a pull brings `standing`, the audit asks with the same five words."""
    from mmapp.content.scale import DEFAULT_SCALE

    assert _dump()["scale"] == list(DEFAULT_SCALE)
