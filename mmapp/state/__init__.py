"""Cross-page client state: view models the JS bridge fills from the on-device store.

Learner pages are local-first, so their data lives in client-side state
(`ClientStateVar`), never in backend Reflex state: nothing waits on the socket.
"""

from reflex.experimental.client_state import ClientStateVar

SESSION = ClientStateVar.create(
    "mm_session",
    default={"signed_in": False, "name": "", "expired": False, "has_cohort": True, "staff": False},
)
SYNC = ClientStateVar.create(
    "mm_sync",
    default={
        "pending": 0,
        "rejected": 0,
        "offline": False,
        "expired": False,
        "label": "",
        "state": "",
    },
)
FORM = ClientStateVar.create("mm_form", default={"error": "", "busy": False, "notice": ""})
NOTICE = ClientStateVar.create("mm_notice", default="")
TODAY = ClientStateVar.create(
    "mm_today",
    default={"items": [], "minutes": 0, "fit": "", "empty": False, "headline": "", "streak": 0},
)
PROGRESS = ClientStateVar.create(
    "mm_progress",
    default={
        "nuggets_done": 0,
        "minutes": 0,
        "streak": 0,
        "streak_label": "0 days",
        "skills": [],
        "done_titles": [],
    },
)
PLAYER = ClientStateVar.create(
    "mm_player",
    default={
        "loaded": False,
        "missing": False,
        "phase": "",
        "steps": [],
        "quiz": {"options": []},
        "done": {},
    },
)

APP = ClientStateVar.create(
    "mm_app",
    default={
        "update_available": False,
        "updating": False,
        "can_install": False,
        "installed": False,
        "ios_hint": False,
        "storage": "",
        "persisted": False,
    },
)

PUSH = ClientStateVar.create(
    "mm_push",
    default={
        "support": "",
        "subscribed": False,
        "busy": False,
        "status": "",
        "days": [True, True, True, True, True, False, False],
        "timezone": "",
    },
)

__all__ = ["APP", "FORM", "NOTICE", "PLAYER", "PROGRESS", "PUSH", "SESSION", "SYNC", "TODAY"]
