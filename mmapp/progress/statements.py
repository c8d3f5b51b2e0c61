"""A learner's standing in one skill in words: "Feedback: level 2 → 3 by 15 Jan; ...".

The statement is one whole sentence per case (a target ahead with or without a date,
reached, none; recall measured or not), so each language orders it its own way. The
phone caches it, so `statement_words` gives it as `Words` for the phone to word;
`statement` words it here (English for the pull's `statement` field).
"""

from __future__ import annotations

import datetime as dt

from mmapp.i18n import N_
from mmapp.schemas.words import DayParam, Words
from mmapp.schemas.words import day_text as _day_words

# By (where the aim is, whether recall is measured).
STATEMENTS: dict[tuple[str, bool], str] = {
    ("none", False): N_("{name}: level {current}, no target yet; {done} of {total} nuggets"),
    ("none", True): N_(
        "{name}: level {current}, no target yet; {done} of {total} nuggets, recall {recall} %"
    ),
    ("reached", False): N_(
        "{name}: level {current}, target {target} reached; {done} of {total} nuggets"
    ),
    ("reached", True): N_(
        "{name}: level {current}, target {target} reached; {done} of {total} nuggets,"
        " recall {recall} %"
    ),
    ("ahead", False): N_("{name}: level {current} → {target}; {done} of {total} nuggets"),
    ("ahead", True): N_(
        "{name}: level {current} → {target}; {done} of {total} nuggets, recall {recall} %"
    ),
    ("dated", False): N_("{name}: level {current} → {target} by {by}; {done} of {total} nuggets"),
    ("dated", True): N_(
        "{name}: level {current} → {target} by {by}; {done} of {total} nuggets, recall {recall} %"
    ),
}


def with_year(d: dt.date, today: dt.date) -> bool:
    """Whether a day is shown with its year: when it is not within the coming year."""
    return not today <= d < today + dt.timedelta(days=365)


def day_text(d: dt.date, today: dt.date, locale: str | None = "en") -> str:
    """Format "15 Jan" in `locale`, with the year when the date is not within the coming year."""
    return _day_words(locale, d, year=with_year(d, today))


def statement_words(
    *,
    name: str,
    current: int,
    target: int | None,
    by: dt.date | None,
    done: int,
    total: int,
    recall: float | None,
    today: dt.date,
) -> Words:
    """The standing in one line, as `Words` (the arguments are `statement`'s)."""
    params: dict[str, str | int] = {"name": name, "current": current, "done": done}
    params["total"] = total
    days: dict[str, DayParam] = {}
    if target is None:
        aim = "none"
    else:
        params["target"] = target
        aim = "reached" if target <= current else "dated" if by else "ahead"
        if aim == "dated" and by is not None:
            days["by"] = DayParam(date=by, year=with_year(by, today))
    if recall is not None:
        params["recall"] = round(recall * 100)
    return Words(msgid=STATEMENTS[(aim, recall is not None)], params=params, days=days)


def statement(
    *,
    name: str,
    current: int,
    target: int | None,
    by: dt.date | None,
    done: int,
    total: int,
    recall: float | None,
    today: dt.date,
    locale: str | None = "en",
) -> str:
    """The standing in one line, in `locale`.

    "Giving feedback: level 2 → 3 by 15 Jan; 3 of 5 nuggets, recall 74 %". Without a
    date the "by" part is left out; without a target it says "no target yet"; a
    target at or below the current level says "target 3 reached". Recall is left
    out while unmeasured (None).
    """
    return statement_words(
        name=name,
        current=current,
        target=target,
        by=by,
        done=done,
        total=total,
        recall=recall,
        today=today,
    ).text(locale)


__all__ = ["STATEMENTS", "day_text", "statement", "statement_words", "with_year"]
