"""Mentoring's view models on the phone, which mm-mentoring.js and mm-mentor.js fill.

`mm_ask` is "Ask a mentor" (the form, the draft, the ranked mentors); `mm_mentoring`
the learner's requests, slots, sessions, actions, history and calendar feed;
`mm_mentor` the mentor's own page; `mm_mreflect` the "How did it go?" form of either
side; `mm_mplan` the actions from sessions in the learning plan (Today, the week).
Declared apart from the other views (mmapp/schemas/views.py lists them with the rest
in `CLIENT_VIEWS`); the same contract test holds the JS to them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mmapp.schemas.base import View


class Choice(View):
    """One option of a choice shown as buttons or a select: value, words, chosen."""

    value: str
    label: str
    chosen: bool


class MatchRow(View):
    """A mentor who could help, with the visible score and its reasons."""

    mentor_id: str
    name: str
    score: str  # "Match 82 %"
    reasons: list[str]


class AskView(View):
    """Asking a mentor (`mm_ask`): skill, need, length; then the ranked mentors."""

    loaded: bool = False
    skills: list[Choice] = Field(default_factory=list)
    skill_id: str = ""  # the one chosen ("" when none is)
    lengths: list[Choice] = Field(default_factory=list)
    need: str = ""  # the draft kept on the phone, put back into the field
    # "mentors": the ranking is shown; "offline": saved, sending needs the network;
    # "none": nobody can take it in the next 7 days; "busy": asking the server.
    step: Literal["", "busy", "mentors", "offline", "none"] = ""
    mentors: list[MatchRow] = Field(default_factory=list)
    note: str = ""
    error: str = ""


class RequestRow(View):
    """One of the learner's requests (or one waiting on the phone to be sent)."""

    id: str
    skill: str
    need: str
    # A server status, or "waiting" while it is in this phone's outbox.
    status: Literal["open", "offered", "accepted", "booked", "done", "cancelled", "waiting"]
    line: str  # "Offered to Maya until Thu 3 Dec, 14:00"
    can_book: bool
    can_withdraw: bool


class SlotRow(View):
    """A free start: its UTC moment and its time in the viewer's timezone."""

    start: str
    label: str


class SlotDay(View):
    """A day's free starts under the day's name, in the viewer's timezone."""

    label: str
    slots: list[SlotRow]


class SessionRow(View):
    """A booked (or cancelled) session as one of its two people sees it."""

    id: str
    title: str  # "Giving feedback with Maya"
    when: str  # "Thu 3 Dec, 12:00-12:20"
    need: str
    state: Literal["upcoming", "ended", "cancelled"]
    line: str  # how it stands, or what was said about it
    can_change: bool
    can_reflect: bool
    focus: bool  # opened from a push about it


class ActionRow(View):
    """An action the learner planned after a session, and how it stands."""

    id: str
    text: str
    line: str  # "Due Thu 3 Dec · from Maya (Giving feedback)" / "Done"
    open: bool
    focus: bool


class HistoryRow(View):
    """Who helped with one skill, and when (newest first)."""

    skill: str
    line: str


class NoteRow(View):
    """A write kept on the phone (waiting to be sent) or one the server refused."""

    id: str
    text: str


class MentoringView(View):
    """The learner's mentoring page (`mm_mentoring`), below "Ask a mentor"."""

    loaded: bool = False
    requests: list[RequestRow] = Field(default_factory=list)
    waiting: list[NoteRow] = Field(default_factory=list)
    refused: list[NoteRow] = Field(default_factory=list)
    # The free slots of one accepted request (`book`) or to move one session (`move`).
    slots_for: str = ""
    slots_mode: Literal["", "book", "move"] = ""
    slot_days: list[SlotDay] = Field(default_factory=list)
    sessions: list[SessionRow] = Field(default_factory=list)
    actions: list[ActionRow] = Field(default_factory=list)
    history: list[HistoryRow] = Field(default_factory=list)
    feed_url: str = ""
    notice: str = ""
    error: str = ""
    synced: str = ""  # "Updated 09:12" (what the page shows offline is from then)
    # Requests offered to this person as a mentor: "2 requests wait for your answer".
    offers: str = ""


class ReflectForm(View):
    """The "How did it go?" form of one ended session (`mm_mreflect`), either side."""

    session_id: str = ""
    title: str = ""
    mentee: bool = False  # the mentee also writes a takeaway and 1-3 actions
    rating: int = 0
    fit: Literal["", "good", "deciding", "not"] = ""
    ratings: list[Choice] = Field(default_factory=list)
    fits: list[Choice] = Field(default_factory=list)
    rows: int = 1  # action rows shown (1-3)
    first_due: str = ""  # the earliest and latest day an action may be due
    last_due: str = ""
    error: str = ""


class OfferRow(View):
    """A request offered to the mentor, waiting for Accept or Decline."""

    id: str
    who: str
    skill: str
    need: str
    meta: str  # "20 min · expires in 2 days"


class SkillOffer(View):
    """A skill on the profile form: offered at level 3 or 4, or not (0)."""

    skill_id: str
    name: str
    level: int
    may_offer: bool


class WindowRow(View):
    """A weekly window on the profile form (weekday 0 is Monday; local times)."""

    weekday: int
    start: str
    end: str


class MentorView(View):
    """The mentor's own page (`mm_mentor`): offers, sessions, capacity, profile."""

    loaded: bool = False
    has_profile: bool = False
    can_offer: bool = False  # some skill may be offered (a learner: level 4 in one)
    offers: list[OfferRow] = Field(default_factory=list)
    # The free times to move one of the sessions to (`slots_for` is its id).
    slots_for: str = ""
    slot_days: list[SlotDay] = Field(default_factory=list)
    sessions: list[SessionRow] = Field(default_factory=list)
    capacity: str = ""
    capacity_pct: int = 0
    skills: list[SkillOffer] = Field(default_factory=list)
    lengths: list[Choice] = Field(default_factory=list)
    weekdays: list[Choice] = Field(default_factory=list)
    bio: str = ""
    monthly_capacity: int = 4
    timezone: str = ""
    windows: list[WindowRow] = Field(default_factory=list)
    notice: str = ""
    error: str = ""
    busy: bool = False


class PlanAction(View):
    """An action from a session in the learning plan: "Did you try …?"."""

    id: str
    text: str
    detail: str


class PlanDay(View):
    """A day of the week with the actions due on it."""

    label: str
    items: list[PlanAction]


class PlanActionsView(View):
    """Actions from sessions in the plan (`mm_mplan`): Today's cards, the week's days."""

    today: list[PlanAction] = Field(default_factory=list)
    week: list[PlanDay] = Field(default_factory=list)


MENTORING_VIEWS: dict[str, type[View]] = {
    "mm_ask": AskView,
    "mm_mentoring": MentoringView,
    "mm_mreflect": ReflectForm,
    "mm_mentor": MentorView,
    "mm_mplan": PlanActionsView,
}

__all__ = [
    "MENTORING_VIEWS",
    "ActionRow",
    "AskView",
    "Choice",
    "HistoryRow",
    "MatchRow",
    "MentorView",
    "MentoringView",
    "NoteRow",
    "OfferRow",
    "PlanAction",
    "PlanActionsView",
    "PlanDay",
    "ReflectForm",
    "RequestRow",
    "SessionRow",
    "SkillOffer",
    "SlotDay",
    "SlotRow",
    "WindowRow",
]
