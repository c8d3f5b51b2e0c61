"""The view models the phone's JS writes into client state, declared once.

Learner pages render from `ClientStateVar`s (`mmapp/state`) that the device code
(`assets/js/mm-views.js`, ...) fills. Each shape is the contract between the two: the
default is built from it; the contract test (bun) checks every view the JS builds has
exactly these keys, recursively, with these types.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from mmapp.schemas.app_views import AppView, RemindersView
from mmapp.schemas.audit_views import AuditView
from mmapp.schemas.badges import CredentialRow
from mmapp.schemas.base import View
from mmapp.schemas.mentoring_views import MENTORING_VIEWS
from mmapp.schemas.profile import ProfileShareView
from mmapp.schemas.teach_views import TeachView
from mmapp.schemas.week_views import WeekView
from mmapp.schemas.work_views import ReflectView, TriedRow, WorkView


class SessionView(View):
    """Who is signed in on this phone (`mm_session`)."""

    signed_in: bool = False
    name: str = ""
    expired: bool = False
    # True until the device says otherwise, so no "join a cohort" prompt flashes.
    has_cohort: bool = True
    staff: bool = False
    mentor: bool = False  # the role, or a mentor profile (the Mentor page in the navigation)


class SyncView(View):
    """The sync pill and the Progress page's sync line (`mm_sync`)."""

    pending: int = 0
    rejected: int = 0
    offline: bool = False
    expired: bool = False
    label: str = ""
    detail: str = ""
    last_sync: str = ""
    state: Literal["", "expired", "offline", "unreachable", "pending", "synced"] = ""


class FormView(View):
    """The message line of the sign-in, join and reminder forms (`mm_form`)."""

    error: str = ""
    busy: bool = False
    notice: str = ""


class MyDataView(View):
    """The "Your data" section of Progress: messages, and the open delete step (`mm_mydata`)."""

    error: str = ""
    busy: bool = False
    notice: str = ""
    confirming: bool = False


class TodayItem(View):
    """One nugget card on Today."""

    id: str
    title: str
    summary: str
    minutes: int
    meta: str
    href: str
    done: bool
    status: str
    # Waiting for a prerequisite: shown dimmed, still a link (coordinators assign it).
    locked: bool = False
    # Why: the pathway's reason for a pick ("Due Friday"), "Unlocks after …" when
    # locked, else "".
    reason: str = ""


class TodayView(View):
    """Today: what next, and the nuggets (`mm_today`).

    With minutes chosen, `items` are the pathway's nuggets that fit (each with its
    reason) and `picks` is empty; with "Any", `items` are every nugget and `picks` the
    pathway's first nugget picks ("Up next"). Reviews, when picked, are the reviews card.
    An empty Today's words (`empty_*`) explain the learner view to a coordinator.
    """

    items: list[TodayItem] = Field(default_factory=list)
    picks: list[TodayItem] = Field(default_factory=list)
    minutes: int = 0
    fit: str = ""
    empty: bool = False
    empty_heading: str = ""
    empty_text: str = ""
    empty_staff: bool = False
    headline: str = ""
    streak: int = 0
    reviews_due: int = 0  # what the pathway picks: all due with "Any", ≤ 40 % of the minutes
    reviews_label: str = ""
    offer_audit: bool = False  # a learner who never rated a skill: the audit, until "Not now"
    # One calm check-in card: "How did 'X' go at work?" and its /reflect link, or "".
    checkin_text: str = ""
    checkin_href: str = ""


class SkillRow(View):
    """One skill's progress bar, its level and the next step (the last pull's)."""

    slug: str
    name: str
    done: int
    total: int
    pct: int
    label: str
    level_label: str
    next_step: str
    recall_pct: int
    # The skills audit (issue 13): "You said 3 · your practice shows 2", or "".
    said: str = ""
    rated: bool = False
    goal: str = ""  # the goal statement (the server's, or a goal set here not yet synced)
    at_risk: bool = False  # a dated goal with less than a week per level left
    ask_href: str = ""  # "Ask a mentor" about this skill (/mentoring?skill=<id>)


class DoneTitle(View):
    """One finished nugget and the day it was finished (learner's timezone)."""

    id: str
    title: str
    day: str


class ProgressView(View):
    """The Progress page (`mm_progress`)."""

    nuggets_done: int = 0
    minutes: int = 0
    streak: int = 0
    streak_label: str = "0 days"
    skills: list[SkillRow] = Field(default_factory=list)
    done_titles: list[DoneTitle] = Field(default_factory=list)
    # The daily goal and streak freezes (rule: mmapp/progress/streaks.py).
    goal_minutes: int = 10
    today_minutes: int = 0
    goal_met_today: bool = False
    goal_label: str = "0 of 10 min today"
    goal_pct: int = 0
    freezes_held: int = 0
    freezes_label: str = "0 freezes held"
    freeze_note: str = ""
    rated_any: bool = False  # some skill was rated in the audit: Progress offers a retake
    # "Tried at work": each nugget whose latest reflection says tried.
    tried: list[TriedRow] = Field(default_factory=list)
    credentials: list[CredentialRow] = Field(default_factory=list)


class QuizOption(View):
    """One answer option and how it shows (chosen, right, wrong)."""

    i: int
    text: str
    state: Literal["idle", "selected", "correct", "wrong"]
    selected: bool


class QuizView(View):
    """The quiz item on screen, with instant feedback once answered."""

    index: int = 0
    number: int = 0
    total: int = 0
    kind: str = ""
    prompt: str = ""
    options: list[QuizOption] = Field(default_factory=list)
    answered: bool = False
    correct: bool = False
    text: str = ""
    hint: str = ""
    feedback: str = ""
    accepted: str = ""
    explanation: str = ""
    can_check: bool = False
    is_last: bool = False


class PlayerStep(View):
    """One purposeful-practice step with its tick."""

    n: int
    text: str
    done: bool
    label: str


class PlayerDone(View):
    """The "done" card: minutes, streak, score and skill progress."""

    minutes: int = 0
    streak: int = 0
    streak_label: str = ""
    score: str = ""
    skill_label: str = ""
    skill_pct: int = 0


class PlayerView(View):
    """The nugget player (`mm_player`); `missing` when the nugget is not on the phone."""

    loaded: bool = False
    missing: bool = False
    id: str = ""
    title: str = ""
    minutes: int = 0
    skill: str = ""
    phase: Literal["", "context", "way_in", "practice", "payoff", "quiz", "done"] = ""
    phase_label: str = ""
    phase_number: int = 0
    progress_pct: int = 0
    context: str = ""
    way_in: str = ""
    payoff: str = ""
    steps: list[PlayerStep] = Field(default_factory=list)
    steps_left: int = 0
    quiz: QuizView = Field(default_factory=QuizView)
    done: PlayerDone = Field(default_factory=PlayerDone)


class NextDue(View):
    """One item just reviewed and when it comes back."""

    id: str
    prompt: str
    when: str


class ReviewView(View):
    """The review session (`mm_review`): one due item at a time, then a summary."""

    loaded: bool = False
    active: bool = False
    finished: bool = False
    number: int = 0
    total: int = 0
    nugget_title: str = ""
    can_mark_easy: bool = False
    marked_easy: bool = False
    summary: str = ""
    next_due: list[NextDue] = Field(default_factory=list)
    next_review: str = ""
    quiz: QuizView = Field(default_factory=QuizView)


# Each client state variable's name and the shape the JS writes into it.
CLIENT_VIEWS: dict[str, type[View]] = {
    "mm_session": SessionView,
    "mm_sync": SyncView,
    "mm_form": FormView,
    "mm_mydata": MyDataView,
    "mm_profile": ProfileShareView,
    "mm_today": TodayView,
    "mm_progress": ProgressView,
    "mm_player": PlayerView,
    "mm_review": ReviewView,
    "mm_app": AppView,
    "mm_push": RemindersView,
    "mm_audit": AuditView,
    "mm_week": WeekView,
    "mm_work": WorkView,
    "mm_reflect": ReflectView,
    **MENTORING_VIEWS,
    "mm_teach": TeachView,
}
