"""Human wording in the workspace: times with local time, device names, actions, order."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from mmapp.models import AuditAction
from mmapp.present import action_words, device_name, ordered, when
from mmapp.present.actions import ACTION_NAMES, ACTION_WORDS

ANDROID_CHROME = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
IPHONE_SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
)
WINDOWS_FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0"
MAC_SAFARI = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.4 Safari/605.1.15"
)


def test_a_moment_two_hours_back_reads_as_hours_ago_with_local_time(clock):
    now = clock.now()
    two_hours_back = now - dt.timedelta(hours=2, minutes=5)
    shown = when(two_hours_back, now=now, timezone="Europe/Berlin")
    assert shown.ago == "2 hours ago"
    # 06:55 UTC on 21 Nov is 07:55 in Berlin (winter time), named in full.
    assert shown.local == "21 Nov 2026, 07:55 Central European Standard Time"
    assert shown.iso == two_hours_back.isoformat()


def test_days_ago_future_just_now_and_never(clock):
    now = clock.now()
    assert when(now - dt.timedelta(days=3), now=now).ago == "3 days ago"
    assert when(now + dt.timedelta(days=2), now=now).ago == "in 2 days"
    assert when(now - dt.timedelta(seconds=10), now=now).ago == "just now"
    assert when(None, now=now) == when("", now=now)
    assert when(None, now=now).ago == "never"


def test_iso_text_and_naive_values_are_read_as_utc_and_bad_names_fall_back(clock):
    now = clock.now()
    text = (now - dt.timedelta(minutes=30)).isoformat()
    assert when(text, now=now).ago == "30 minutes ago"
    naive = (now - dt.timedelta(hours=1)).replace(tzinfo=None)
    shown = when(naive, now=now, timezone="No/Such_Zone")
    assert shown.ago == "1 hour ago"
    assert shown.local.startswith("21 Nov 2026, 08:00")


def test_another_locale_words_the_same_moment_in_its_language(clock):
    now = clock.now()
    shown = when(now - dt.timedelta(hours=2), now=now, timezone="Europe/Berlin", locale="de")
    assert shown.ago == "vor 2 Stunden"


@pytest.mark.parametrize(
    ("agent", "name"),
    [
        (ANDROID_CHROME, "Chrome on Android"),
        (ANDROID_CHROME[:120], "Chrome on Android"),  # the label is cut at 120 characters
        (IPHONE_SAFARI, "Safari on iPhone"),
        (WINDOWS_FIREFOX, "Firefox on Windows"),
        (MAC_SAFARI, "Safari on macOS"),
        ("", "Unknown browser"),
        ("not a browser at all", "Unknown browser"),
    ],
)
def test_device_names_come_from_the_user_agent(agent, name):
    assert device_name(agent) == name


def test_every_audit_action_has_words_and_a_name():
    assert set(ACTION_WORDS) == set(AuditAction) == set(ACTION_NAMES)
    assert action_words("nugget_published", "per-what version 3") == (
        "Published nugget per-what version 3"
    )
    assert action_words("cohort_notified", "") == "Notified phones of nugget"
    assert action_words("made_up", "x") == "Did made_up: x"


def test_rows_sort_by_one_field_either_way_with_empty_cells_last():
    rows = [
        {"name": "bea", "seen": "2026-11-20T08:00:00+00:00", "events": 3},
        {"name": "Adam", "seen": "", "events": 10},
        {"name": "cy", "seen": "2026-11-21T07:00:00+00:00", "events": 2},
    ]
    assert [r["name"] for r in ordered(rows, "name")] == ["Adam", "bea", "cy"]  # case-folded
    assert [r["name"] for r in ordered(rows, "-name")] == ["cy", "bea", "Adam"]
    assert [r["name"] for r in ordered(rows, "events")] == ["cy", "bea", "Adam"]  # 2 < 3 < 10
    assert [r["name"] for r in ordered(rows, "seen")] == ["bea", "cy", "Adam"]  # never: last
    assert [r["name"] for r in ordered(rows, "-seen")] == ["cy", "bea", "Adam"]  # last still
    assert ordered(rows, "no_such_field") == rows  # nothing to go by: as listed


def test_objects_and_enums_sort_by_their_values():
    first = AuditAction.account_disabled
    rows = [
        dataclasses.make_dataclass("R", ["action"])(a) for a in (AuditAction.role_changed, first)
    ]
    assert [r.action for r in ordered(rows, "action")] == [first, AuditAction.role_changed]
