"""Words the server computes but the reader words: a catalogue msgid and its values.

The phone keeps what a pull sends and may switch language offline, so text it caches
(a skill's next step, a standing statement) comes as `Words` beside the English text:
the phone words it with its own catalogue (`serverWords` in assets/js/mm-progress.js)
and old phones keep reading the English field. `Words.text(locale)` words it here.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from pydantic import Field

from mmapp.i18n import N_, supported, translate, translate_plural
from mmapp.schemas.base import Out

# i18n: Babel (CLDR) date patterns for a day: English reads "15 Jan" and "15 Jan 2027".
# Keep the letters' meaning (d day, MMM short month, y year).
DAY_PATTERN = N_("d MMM")
DAY_YEAR_PATTERN = N_("d MMM y")


def day_text(locale: str | None, day: dt.date, *, year: bool = False) -> str:
    """A day in the reader's language: "15 Jan" ("15. Jan." in German), with the year.

    Args:
        locale: A language tag; unsupported or None means English.
        day: The date.
        year: Whether to add the year.
    """
    lang = supported(locale) or "en"
    pattern = translate(lang, DAY_YEAR_PATTERN if year else DAY_PATTERN)
    return format_date(day, pattern, locale=lang)


class DayParam(Out):
    """A placeholder's value that is a day, worded in the reader's language."""

    date: dt.date
    year: bool = Field(default=False, description="Whether the year is shown.")


class Words(Out):
    """Text in the reader's language: a catalogue msgid (its English), its plural, values."""

    msgid: str = Field(description="The English text, a catalogue msgid with {placeholders}.")
    plural: str = Field(default="", description='Its English plural msgid, "" if not counted.')
    n: int | None = Field(default=None, description="The count that picks the plural form.")
    params: dict[str, str | int] = Field(
        default_factory=dict, description="Values of its placeholders (n is filled from n)."
    )
    days: dict[str, DayParam] = Field(
        default_factory=dict, description="Placeholders that are days, worded by the reader."
    )

    def text(self, locale: str | None = "en") -> str:
        """The words in `locale` (English when it lacks them), placeholders filled.

        Args:
            locale: A language tag; unsupported or None means English.
        """
        values: dict[str, object] = dict(self.params)
        values |= {k: day_text(locale, d.date, year=d.year) for k, d in self.days.items()}
        if self.plural:
            return translate_plural(locale, self.msgid, self.plural, self.n or 0, **values)
        return translate(locale, self.msgid, **values)


def words(msgid: str, **params: str | int) -> Words:
    """Words of one message (not counted).

    Args:
        msgid: The English text, marked with `N_` where it is written.
        **params: Values of its placeholders.
    """
    return Words(msgid=msgid, params=params)


def counted(pair: tuple[str, str], n: int, **params: str | int) -> Words:
    """Words of a counted message, "{n}" filled with `n`.

    Args:
        pair: The English one- and other-form, marked with `N_plural`.
        n: The count.
        **params: Values of its other placeholders.
    """
    return Words(msgid=pair[0], plural=pair[1], n=n, params=params)


__all__ = ["DAY_PATTERN", "DAY_YEAR_PATTERN", "DayParam", "Words", "counted", "day_text", "words"]
