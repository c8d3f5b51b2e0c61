from mmapp import accounts
from mmapp.db import session_scope
from mmapp.demo.seed import DEMO_COORDINATOR
from mmapp.models import Role
from tests.api.conftest import DEVICE, make_event

DEVICES = "/api/v1/admin/devices"


def _token(client, email, password, device="device-admin-1"):
    r = client.post(
        "/api/v1/auth/token", json={"email": email, "password": password, "device_id": device}
    )
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['token']}"}


def test_coordinator_sees_last_sync_and_gaps_of_their_learners(client, auth, nuggets):
    client.post(
        "/api/v1/sync/push",
        headers=auth,
        json={
            "device_id": DEVICE,
            "events": [make_event(nuggets[0], 1), make_event(nuggets[0], 5)],
        },
    )
    coach = _token(client, *DEMO_COORDINATOR)
    rows = client.get(DEVICES, headers=coach).json()
    mine = next(r for r in rows if r["device_id"] == DEVICE)
    assert mine["learner"]["email"].startswith("learner@")
    assert mine["max_seq"] == 5 and mine["missing_seqs"] == [[2, 4]] and mine["missing_count"] == 3
    assert mine["last_sync_at"] is not None


def test_other_coordinators_see_nothing_and_learners_are_refused(client, auth, nuggets):
    with session_scope() as s:
        accounts.create_user(
            session=s,
            email="other@coach.io",
            password="other-coach",
            display_name="Other",
            role=Role.coordinator,
        )
        accounts.create_user(
            session=s,
            email="root@admin.io",
            password="root-admin",
            display_name="Root",
            role=Role.admin,
        )
    assert (
        client.get(
            DEVICES, headers=_token(client, "other@coach.io", "other-coach", "device-other")
        ).json()
        == []
    )
    admin_rows = client.get(
        DEVICES, headers=_token(client, "root@admin.io", "root-admin", "device-root")
    ).json()
    assert DEVICE in {r["device_id"] for r in admin_rows}
    r = client.get(DEVICES, headers=auth)
    assert r.status_code == 403 and r.json()["error"] == "not_allowed"
    assert client.get(DEVICES).status_code == 401
