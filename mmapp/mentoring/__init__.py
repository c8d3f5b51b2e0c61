"""Micromentoring: short, goal-bound sessions with many mentors, matched by need.

Owns mentor availability as bookable slots, the ranking of mentors for a learner's
need, requests offered to one mentor at a time (with expiry), booking sessions
without double-booking, sessions in people's calendars, and what follows a session:
both people's reflections, the learner's actions and their answers, and the outcome
figures a cohort's mentoring adds up to.

Modules:
    availability: a mentor's weekly windows as concrete, bookable slots (DST-safe).
    matching: the pure ranking of mentors for a need, with its reasons in words.
    candidates: the mentors a request could go to, read for the ranking.
    offers: a request offered to one mentor at a time; accept, decline, expiry.
    booking: booking a slot, rescheduling and cancelling, without double-booking.
    calendar: sessions as .ics files and a secret, rotatable calendar feed.
    history: a learner's actions and who helped with what; reflections for export.
    leaving: when someone deletes their account, their mentoring leaves with them.
    profiles: a mentor's profile, and what a learner's standing says about mentoring.
    views: requests and sessions as their two people see them.
"""

from __future__ import annotations

from mmapp.mentoring import (
    availability,
    booking,
    calendar,
    candidates,
    history,
    leaving,
    matching,
    offers,
    outcomes,
    profiles,
    reflections,
    views,
)

__all__ = [
    "availability",
    "booking",
    "calendar",
    "candidates",
    "history",
    "leaving",
    "matching",
    "offers",
    "outcomes",
    "profiles",
    "reflections",
    "views",
]
