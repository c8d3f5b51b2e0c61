"""The OpenAPI document describes every answer: typed bodies, downloads and errors.

Devices and scripts are written against `/api/v1/openapi.json`; a route that answers
an untyped object (or whose document no longer matches what it sends) breaks them
silently, so the whole document is walked here.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi.routing import APIRoute, iter_route_contexts
from sqlmodel import select

from mmapp import accounts, schemas
from mmapp.db import session_scope
from mmapp.demo.seed import DEMO_COORDINATOR, DEMO_LEARNER
from mmapp.models import MentorProfile, Role, Skill, User
from tests.api.conftest import DEVICE, make_event

# What each download route sends instead of JSON, by how its path ends.
DOWNLOADS = {
    ".csv": "text/csv",
    "export.md": "text/markdown",
    "export.zip": "application/zip",
    "/me/export": "application/zip",
    "/media/u/{name}": "image/webp",
    "/.well-known/did.json": "application/did+ld+json",
    ".png": "image/png",
    "/badges/{credential_id}.json": "application/vc+ld+json",
    "/badges/{credential_id}": "text/html",
    "/p/{token}": "text/html",
    ".ics": "text/calendar",
}
SCALARS = {"string", "integer", "number", "boolean", "null"}


def _typed(schema: dict[str, Any], components: dict[str, Any], seen: tuple = ()) -> bool:
    """Whether `schema` says what every value in it is, all the way down."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[1]
        return name in seen or _typed(components[name], components, (*seen, name))
    if "anyOf" in schema:
        return all(_typed(s, components, seen) for s in schema["anyOf"])
    if "enum" in schema or "const" in schema:
        return True
    kind = schema.get("type")
    if kind == "array":
        if "prefixItems" in schema:  # a tuple, such as a (first, last) range
            return all(_typed(s, components, seen) for s in schema["prefixItems"])
        return _typed(schema.get("items", {}), components, seen)
    if kind == "object":
        if schema.get("properties"):
            return all(_typed(s, components, seen) for s in schema["properties"].values())
        extra = schema.get("additionalProperties")
        return isinstance(extra, dict) and bool(extra) and _typed(extra, components, seen)
    return kind in SCALARS


def _operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    paths = doc["paths"].items()
    return [(path, method, op) for path, item in paths for method, op in item.items()]


def _download(path: str) -> str | None:
    return next((media for end, media in DOWNLOADS.items() if path.endswith(end)), None)


def test_the_document_lists_every_registered_operation(client):
    doc = client.get("/api/v1/openapi.json").json()
    registered = {  # every API route the app serves, hidden from the document or not
        (context.path_format, method.lower())
        for context in iter_route_contexts(client.app.routes)
        if isinstance(context.original_route, APIRoute)
        for method in context.methods
    }
    documented = {(path, method) for path, method, _ in _operations(doc)}
    assert documented == registered
    assert len(documented) >= 40 and ("/api/v1/sync/pull", "get") in documented


def test_every_success_answer_has_a_typed_body(client):
    doc = client.get("/api/v1/openapi.json").json()
    components = doc["components"]["schemas"]
    untyped = []
    for path, method, op in _operations(doc):
        ok = {status: r for status, r in op["responses"].items() if status.startswith("2")}
        assert len(ok) == 1, (method, path, ok)
        [(status, answer)] = ok.items()
        if status == "204":
            assert "content" not in answer, (method, path)  # no body at all
            continue
        media = _download(path) if method == "get" else None
        if media is not None:
            assert set(answer["content"]) == {media}, (method, path, answer)
            assert answer["content"][media]["schema"]["type"] == "string"
            continue
        assert set(answer["content"]) == {"application/json"}, (method, path)
        schema = answer["content"]["application/json"]["schema"]
        if not (schema and _typed(schema, components)):
            untyped.append(f"{method.upper()} {path}: {schema}")
    assert untyped == []


def test_every_error_answer_is_declared_with_its_shape(client):
    doc = client.get("/api/v1/openapi.json").json()
    for path, method, op in _operations(doc):
        errors = {s: r for s, r in op["responses"].items() if s[0] in "45"}
        if path == "/api/v1/health":
            assert errors == {}
            continue
        assert errors, (method, path)
        for status, answer in errors.items():
            schema = answer["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (method, path, status)
        if path.startswith(("/api/v1/coach/", "/api/v1/admin/")):
            assert {"401", "403"} <= set(errors), (method, path)


def _sign_in(client, email: str, password: str, device: str) -> dict[str, str]:
    r = client.post(
        "/api/v1/auth/token", json={"email": email, "password": password, "device_id": device}
    )
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def _mentoring(client, learner: dict[str, str], coach: dict[str, str], skill_id: str) -> str:
    """Both as mentors (so `/mentoring/profile` answers), and a request the coach accepted."""
    profile = {
        "skills": [{"skill_id": skill_id, "level": 4}],
        "lengths": [20],
        "timezone": "UTC",
        "weekly": [{"weekday": d, "start": "08:00", "end": "18:00"} for d in range(7)],
    }
    assert client.put("/api/v1/mentoring/profile", headers=coach, json=profile).status_code == 200
    with session_scope() as s:
        user = s.exec(select(User).where(User.email == DEMO_LEARNER[0])).one()
        s.add(MentorProfile(user_id=user.id, skills=profile["skills"], lengths=[20]))
    mentor_id = client.get("/api/v1/mentoring/profile", headers=coach).json()["user_id"]
    body = {"skill_id": skill_id, "need": "Where do I start?", "mentor_id": mentor_id}
    request_id = client.post("/api/v1/mentoring/requests", headers=learner, json=body).json()["id"]
    r = client.post(f"/api/v1/mentoring/requests/{request_id}/accept", headers=coach)
    assert r.status_code == 200, r.text
    return str(request_id)


def test_what_each_json_route_sends_is_what_the_document_names(client, auth, nuggets):
    """Every GET route with a JSON body: its answer parses as the named model, unchanged."""
    first = nuggets[0]
    item = first["quiz"][0]
    events = [
        make_event(first, 1),
        make_event(first, 2, "quiz_answered", {"item_id": item["id"], "answer": {"choices": [0]}}),
        make_event(first, 3, "nugget_completed"),
    ]
    r = client.post("/api/v1/sync/push", headers=auth, json={"device_id": DEVICE, "events": events})
    assert r.status_code == 200, r.text
    coach = _sign_in(client, *DEMO_COORDINATOR, "device-openapi-coach")
    with session_scope() as s:
        accounts.create_user(
            session=s,
            email="root@admin.io",
            password="root-admin",
            display_name="Root",
            role=Role.admin,
        )
    root = _sign_in(client, "root@admin.io", "root-admin", "device-openapi-root")
    cohort_id = client.get("/api/v1/coach/cohorts", headers=coach).json()[0]["id"]
    with session_scope() as s:
        skill_id = str(s.exec(select(Skill.id)).first())
    values = {"cohort_id": cohort_id, "slug": first["slug"], "skill_id": skill_id}
    values["request_id"] = _mentoring(client, auth, coach, skill_id)
    slots = client.get(f"/api/v1/mentoring/requests/{values['request_id']}/slots", headers=auth)
    start = {"start_at": slots.json()["starts"][0]}
    booked = client.post(
        f"/api/v1/mentoring/requests/{values['request_id']}/book", headers=auth, json=start
    )
    assert booked.status_code == 201, booked.text
    values["session_id"] = booked.json()["id"]
    doc = client.get("/api/v1/openapi.json").json()
    checked = []
    for path, method, op in _operations(doc):
        answer = op["responses"].get("200", {}).get("content", {}).get("application/json")
        if method != "get" or answer is None or "{message_id}" in path:
            continue
        url = re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path)
        required = [
            p["name"] for p in op.get("parameters", []) if p["in"] == "query" and p.get("required")
        ]
        if required:
            url += "?" + "&".join(f"{name}={values[name]}" for name in required)
        staff = path.startswith(("/api/v1/coach/", "/api/v1/admin/"))
        admin_only = path.startswith(("/api/v1/admin/audit", "/api/v1/admin/accounts"))
        r = client.get(url, headers=root if admin_only else coach if staff else auth)
        assert r.status_code == 200, (url, r.text)
        schema, body = answer["schema"], r.json()
        rows, ref = (body, schema["items"]) if schema.get("type") == "array" else ([body], schema)
        model = getattr(schemas, ref["$ref"].rsplit("/", 1)[1])
        for row in rows:
            assert model.model_validate(row).model_dump(mode="json") == row, url
        checked.append(path)
    assert {
        "/api/v1/me",
        "/api/v1/sync/pull",
        "/api/v1/reminders",
        "/api/v1/admin/devices",
        "/api/v1/coach/cohorts/{cohort_id}/analytics",
        "/api/v1/coach/nuggets/{slug}",
        "/api/v1/mentoring/requests/{request_id}/slots",
    } <= set(checked)
    page = client.get("/api/v1/sync/pull", headers=auth).json()
    for _ in range(20):
        if not page["has_more"]:
            break
        page = client.get("/api/v1/sync/pull", headers=auth, params={"cursor": page["cursor"]})
        page = page.json()
    progress = page["progress"]  # the scores and days checked above were not empty
    assert progress["completed"] == {first["id"]: "2026-11-21"}
    assert progress["scores"][first["id"]]["answered"] == 1
