"""Cross-page client state: view models the JS bridge fills from the on-device store.

Learner pages are local-first, so their data lives in client-side state
(`ClientStateVar`), never in backend Reflex state: nothing waits on the socket.
Each variable's shape is declared once, in `mmapp/schemas/views.py`; its default is
that shape's defaults, and a contract test holds the JS builders to it.
"""

from reflex.experimental.client_state import ClientStateVar

from mmapp.schemas.views import CLIENT_VIEWS


def _view_state(name: str) -> ClientStateVar:
    return ClientStateVar.create(name, default=CLIENT_VIEWS[name]().model_dump())


SESSION = _view_state("mm_session")
SYNC = _view_state("mm_sync")
FORM = _view_state("mm_form")
MY_DATA = _view_state("mm_mydata")
PROFILE = _view_state("mm_profile")
NOTICE = ClientStateVar.create("mm_notice", default="")  # a storage warning, or ""
TODAY = _view_state("mm_today")
PROGRESS = _view_state("mm_progress")
PLAYER = _view_state("mm_player")
REVIEW = _view_state("mm_review")
APP = _view_state("mm_app")
PUSH = _view_state("mm_push")
AUDIT = _view_state("mm_audit")
WEEK = _view_state("mm_week")
WORK = _view_state("mm_work")
REFLECT = _view_state("mm_reflect")
ASK = _view_state("mm_ask")
MENTORING = _view_state("mm_mentoring")
MREFLECT = _view_state("mm_mreflect")
MENTOR = _view_state("mm_mentor")
MPLAN = _view_state("mm_mplan")
NEED = ClientStateVar.create("mm_need", default="")  # "Ask a mentor": the need as typed
TEACH = _view_state("mm_teach")

__all__ = [
    "APP",
    "ASK",
    "AUDIT",
    "FORM",
    "MENTOR",
    "MENTORING",
    "MPLAN",
    "MREFLECT",
    "MY_DATA",
    "NEED",
    "NOTICE",
    "PLAYER",
    "PROFILE",
    "PROGRESS",
    "PUSH",
    "REFLECT",
    "REVIEW",
    "SESSION",
    "SYNC",
    "TEACH",
    "TODAY",
    "WEEK",
    "WORK",
]
