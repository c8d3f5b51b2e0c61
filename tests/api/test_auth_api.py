import datetime as dt

from sqlmodel import select

from mmapp.db import session_scope
from mmapp.demo.seed import DEMO_LEARNER
from mmapp.models import AuthToken
from tests.api.conftest import DEVICE


def test_sign_in_returns_token_and_account(client):
    r = client.post(
        "/api/v1/auth/token",
        json={"email": DEMO_LEARNER[0].upper(), "password": DEMO_LEARNER[1], "device_id": DEVICE},
    )
    body = r.json()
    assert r.status_code == 200 and len(body["token"]) > 30
    assert body["user"]["role"] == "learner" and body["user"]["cohorts"][0]["name"]


def test_wrong_password_is_401_with_a_message(client):
    r = client.post(
        "/api/v1/auth/token",
        json={"email": DEMO_LEARNER[0], "password": "wrong-password", "device_id": DEVICE},
    )
    assert r.status_code == 401
    assert r.json() == {
        "error": "wrong_credentials",
        "reason": "That email and password don't match.",
    }


def test_bad_sign_in_bodies(client):
    r = client.post(
        "/api/v1/auth/token", json={"email": "a@b.io", "password": "x", "device_id": "no"}
    )
    assert r.status_code == 422 and "device_id" in r.json()["reason"]
    r = client.post("/api/v1/auth/token", json={"email": "a@b.io"})
    assert r.status_code == 422 and "password" in r.json()["reason"]


def test_missing_malformed_and_expired_tokens(client, auth, clock):
    assert client.get("/api/v1/me", headers=auth).status_code == 200
    r = client.get("/api/v1/me")
    assert r.status_code == 401 and r.json()["error"] == "missing_token"
    assert r.headers["www-authenticate"] == "Bearer"
    r = client.get("/api/v1/me", headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401 and r.json()["error"] == "invalid_token"
    with session_scope() as s:
        for row in s.exec(select(AuthToken)):
            row.expires_at = clock.now() - dt.timedelta(minutes=1)
            s.add(row)
    r = client.get("/api/v1/sync/pull", headers=auth)
    assert r.status_code == 401
    assert r.json() == {
        "error": "token_expired",
        "reason": "Your sign-in has expired. Please sign in again.",
    }


def test_sign_out_revokes(client, auth):
    assert client.post("/api/v1/auth/signout", headers=auth).status_code == 200
    assert client.get("/api/v1/me", headers=auth).status_code == 401


def test_join_cohort_by_code(client, auth):
    r = client.post("/api/v1/cohorts/join", headers=auth, json={"invite_code": "zzzz99"})
    assert r.status_code == 404
    assert r.json()["reason"] == "No cohort has the invite code 'zzzz99'."
    r = client.post("/api/v1/cohorts/join", headers=auth, json={"invite_code": "commute-1"})
    assert r.status_code == 200 and r.json()["cohort"]["name"]


def test_openapi_documents_the_api(client):
    doc = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/auth/token", "/api/v1/sync/pull", "/api/v1/sync/push", "/api/v1/me"):
        assert path in doc["paths"]
    assert "EventIn" in doc["components"]["schemas"]
