"""Micromentoring: short, goal-bound sessions with many mentors, matched by need.

Owns mentor availability as bookable slots, the ranking of mentors for a learner's
need, requests offered to one mentor at a time (with expiry), booking sessions
without double-booking, and sessions in people's calendars.

Modules:
    availability: a mentor's weekly windows as concrete, bookable slots (DST-safe).
    matching: the pure ranking of mentors for a need, with its reasons in words.
    candidates: the mentors a request could go to, read for the ranking.
    offers: a request offered to one mentor at a time; accept, decline, expiry.
    booking: booking a slot, rescheduling and cancelling, without double-booking.
    calendar: sessions as .ics files and a secret, rotatable calendar feed.
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
    leaving,
    matching,
    offers,
    profiles,
    views,
)

__all__ = [
    "availability",
    "booking",
    "calendar",
    "candidates",
    "leaving",
    "matching",
    "offers",
    "profiles",
    "views",
]
