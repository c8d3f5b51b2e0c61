"""Times as people read them: "2 hours ago", and the local time with its timezone's name."""

from __future__ import annotations

import dataclasses
import datetime as dt

from babel.dates import format_datetime, format_timedelta, get_timezone

from mmapp.i18n import N_, translate

# i18n: a Babel (CLDR) date pattern; English reads "30 Nov 2026, 15:05 Central European
# Standard Time". Keep the letters' meaning (d day, MMM month, y year, HH:mm, zzzz zone).
LOCAL_PATTERN = N_("d MMM y, HH:mm zzzz")
NEVER = N_("never")
JUST_NOW = N_("just now")
# Under this, a past moment is "just now" rather than "12 seconds ago".
JUST_NOW_WITHIN = dt.timedelta(seconds=45)


@dataclasses.dataclass(frozen=True)
class When:
    """One moment for a coordinator: relative words, the local time, and the ISO value.

    Attributes:
        ago: "2 hours ago", "in 3 days", "just now" or "never".
        local: The local time with its timezone's name ("" when there is no moment).
        iso: The instant in ISO 8601 (for sorting and machine use; "" when none).
    """

    ago: str
    local: str
    iso: str


def _zone(timezone: str) -> dt.tzinfo:
    try:
        return get_timezone(timezone or "UTC")
    except LookupError:  # an unknown name stored long ago: read it in UTC, never fail
        return dt.UTC


def when(
    moment: dt.datetime | str | None,
    *,
    now: dt.datetime,
    timezone: str = "UTC",
    locale: str = "en",
) -> When:
    """Word `moment` relative to `now`, with its local time in `timezone`.

    Args:
        moment: An aware instant, its ISO 8601 text, or None/"" for "never". A naive
            value is read as UTC (how the database stores instants).
        now: The present, from the clock seam.
        timezone: The reader's IANA timezone (`User.timezone`); unknown names mean UTC.
        locale: The reader's language: Babel's words and pattern, and the catalogue's.

    Returns:
        The relative words, the local time and the ISO instant.
    """
    if isinstance(moment, str):
        text = moment
        try:
            moment = dt.datetime.fromisoformat(text) if text else None
        except ValueError:  # not a time after all: show it as it is
            return When(ago=text, local="", iso="")
    if moment is None:
        return When(ago=translate(locale, NEVER), local="", iso="")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    delta = moment - now
    if dt.timedelta(0) >= delta > -JUST_NOW_WITHIN:
        ago = translate(locale, JUST_NOW)
    else:
        ago = format_timedelta(delta, add_direction=True, format="long", locale=locale)
    pattern = translate(locale, LOCAL_PATTERN)
    local = format_datetime(moment, pattern, tzinfo=_zone(timezone), locale=locale)
    return When(ago=ago, local=local, iso=moment.astimezone(dt.UTC).isoformat())
