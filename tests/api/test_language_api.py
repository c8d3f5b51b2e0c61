"""The API speaks the asker's language: error reasons, the account's choice, sign-in.

German strings are the catalogue's (`mmapp/i18n/locales/de.po`); English stays as it was.
"""

from __future__ import annotations

import io
import zipfile

from sqlmodel import select

from mmapp.db import session_scope
from mmapp.demo.seed import DEMO_LEARNER
from mmapp.i18n import translate
from mmapp.models import User
from tests.api.conftest import DEVICE

LOCALE = "/api/v1/me/locale"
GERMAN = {"Accept-Language": "de-DE,de;q=0.9,en;q=0.5"}


def _user() -> User:
    with session_scope(read_only=True) as s:
        return s.exec(select(User).where(User.email == DEMO_LEARNER[0])).one()


def test_an_error_reason_comes_in_the_language_the_request_asks_for(client, auth):
    body = {"invite_code": "zzzz99"}
    english = client.post("/api/v1/cohorts/join", headers=auth, json=body)
    german = client.post("/api/v1/cohorts/join", headers=auth | GERMAN, json=body)
    assert english.status_code == german.status_code == 404
    assert english.json() == {
        "error": "unknown_invite_code",
        "reason": "No cohort has the invite code 'zzzz99'.",
    }
    assert german.json() == {
        "error": "unknown_invite_code",  # codes never change
        "reason": "Keine Kohorte hat den Einladungscode 'zzzz99'.",
    }
    assert german.json()["reason"] == translate(
        "de", "No cohort has the invite code {code}.", code="'zzzz99'"
    )


def test_an_unknown_language_falls_back_to_english_and_401s_are_translated_too(client, auth):
    r = client.post(
        "/api/v1/cohorts/join",
        headers=auth | {"Accept-Language": "fr-FR"},
        json={"invite_code": "zzzz99"},
    )
    assert r.json()["reason"] == "No cohort has the invite code 'zzzz99'."
    missing = client.get("/api/v1/me", headers=GERMAN)
    assert missing.status_code == 401
    assert (
        missing.json()["reason"] == "Melde dich zuerst an: Sende 'Authorization: Bearer <token>'."
    )


def test_the_account_chooses_its_language_or_follows_the_device(client, auth):
    r = client.put(LOCALE, headers=auth, json={"locale": "de"})
    assert r.status_code == 200, r.text
    assert r.json() == {"locale": "de", "effective": "de"}
    assert _user().locale == "de"
    r = client.put(LOCALE, headers=auth, json={"locale": "de-AT"})
    assert r.json() == {"locale": "de", "effective": "de"}
    r = client.put(LOCALE, headers=auth, json={"locale": None})
    assert r.status_code == 200
    assert r.json() == {"locale": None, "effective": "en"}  # the device asked for nothing
    assert _user().locale is None


def test_back_to_automatic_the_account_follows_the_browser_again(client, auth):
    """Deutsch chosen on an English browser, then "Automatic": pushes go back to English."""
    client.put(LOCALE, headers=auth | GERMAN, json={"locale": "de"})  # the phone asks in de
    assert _user().device_locale == "de"
    english = {"Accept-Language": "en-GB,en;q=0.9"}  # now the browser's own language
    r = client.put(LOCALE, headers=auth | english, json={"locale": None})
    assert r.json() == {"locale": None, "effective": "en"}
    assert (_user().locale, _user().device_locale) == (None, "en")
    shouting = client.put(LOCALE, headers=auth | {"Accept-Language": "DE"}, json={"locale": None})
    assert shouting.json()["effective"] == "de"
    assert _user().device_locale == "de"  # one spelling, whatever the header's casing


def test_a_language_micromastery_does_not_speak_is_refused(client, auth):
    r = client.put(LOCALE, headers=auth, json={"locale": "fr"})
    assert r.status_code == 422
    assert r.json()["error"] == "unsupported_locale"
    assert r.json()["reason"] == (
        "'fr' is not a language Micromastery speaks; choose one of en, de."
    )
    german = client.put(LOCALE, headers=auth | GERMAN, json={"locale": "fr"})
    assert german.json()["reason"] == (
        "'fr' ist keine Sprache, die Micromastery spricht; wähle eine von en, de."
    )
    assert client.put(LOCALE, headers=auth, json={}).status_code == 422
    assert client.put(LOCALE, headers=auth, json={"locale": "x" * 36}).status_code == 422
    assert _user().locale is None


def test_choosing_a_language_needs_a_sign_in(client):
    r = client.put(LOCALE, json={"locale": "de"})
    assert r.status_code == 401 and r.json()["error"] == "missing_token"
    bad = client.put(LOCALE, headers={"Authorization": "Bearer nope"}, json={"locale": "de"})
    assert bad.status_code == 401


def test_sign_in_tells_the_choice_and_remembers_the_devices_language(client, auth):
    body = {"email": DEMO_LEARNER[0], "password": DEMO_LEARNER[1], "device_id": DEVICE}
    first = client.post("/api/v1/auth/token", json=body)
    assert first.json()["locale"] is None
    assert _user().device_locale is None  # no Accept-Language: nothing learnt
    client.post("/api/v1/auth/token", json=body, headers={"Accept-Language": "de-CH"})
    assert _user().device_locale == "de"
    assert client.put(LOCALE, headers=auth, json={"locale": None}).json() == {
        "locale": None,
        "effective": "de",
    }
    client.put(LOCALE, headers=auth, json={"locale": "en"})
    again = client.post("/api/v1/auth/token", json=body, headers=GERMAN)
    assert again.json()["locale"] == "en"


def test_downloads_and_public_pages_follow_the_language_asked_for(client, auth):
    r = client.get("/api/v1/me/export", headers=auth | GERMAN)
    assert r.status_code == 200
    files = zipfile.ZipFile(io.BytesIO(r.content))
    assert files.read("README.txt").decode().startswith("Micromastery: deine Daten")
    assert files.read("reviews.csv").decode().startswith("Frage-ID,Nugget-ID,")
    english = zipfile.ZipFile(io.BytesIO(client.get("/api/v1/me/export", headers=auth).content))
    assert english.read("reviews.csv").decode().startswith("item_id,nugget_id,")
