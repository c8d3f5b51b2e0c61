"""The download of "Download my data": mydata.json, CSVs and a README in one ZIP.

`mmapp.accounts.export` gathers the rows; this turns them into files a person can
open. CSV cells that a spreadsheet would run as a formula are quoted as text.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import Any

from mmapp.i18n import N_, translate
from mmapp.i18n.columns import header
from mmapp.schemas import MyDataExport

EVENT_COLUMNS = [
    "seq",
    "event_id",
    "type",
    "nugget_id",
    "nugget_version",
    "device_id",
    "device_seq",
    "client_ts",
    "received_at",
    "payload",
]
REVIEW_COLUMNS = [
    "item_id",
    "nugget_id",
    "reps",
    "stability",
    "difficulty",
    "due_on",
    "last_review_on",
    "best_interval",
    "days_answered",
]
ACTION_COLUMNS = ["id", "at", "action", "subject_type", "subject_id", "detail", "actor_email"]
README = N_("""Micromastery: your data, exported {when}.

mydata.json   everything stored about your account (format micromastery-my-data/1)
events.csv    every answer and action your phones sent, one row each
reviews.csv   your spaced-review cards, one per quiz question
actions.csv   what you did as a coordinator or admin, as the audit log recorded it
""")


def _cell(value: Any) -> Any:
    # A spreadsheet would run text starting like a formula; a quote keeps it text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(columns: list[str], rows: list[dict[str, Any]], locale: str | None) -> str:
    rows = [{k: _cell(v) for k, v in row.items()} for row in rows]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writerow(dict(zip(columns, header(locale, columns), strict=True)))
    writer.writerows(rows)
    return out.getvalue()


def export_zip(export: MyDataExport, locale: str | None = None) -> bytes:
    """The download: mydata.json, events.csv, reviews.csv, actions.csv and a README.

    The README and the CSV headers are in `locale` (None: English); mydata.json is data.
    """
    data = export.model_dump(mode="json")
    events = [{**e, "payload": json.dumps(e["payload"], sort_keys=True)} for e in data["events"]]
    reviews = [
        {k: v for k, v in c.items() if k != "days"} | {"days_answered": len(c["days"])}
        for c in data["review_cards"]
    ]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("README.txt", translate(locale, README, when=data["exported_at"]))
        z.writestr("mydata.json", json.dumps(data, indent=2, ensure_ascii=False))
        z.writestr("events.csv", _csv(EVENT_COLUMNS, events, locale))
        z.writestr("reviews.csv", _csv(REVIEW_COLUMNS, reviews, locale))
        z.writestr("actions.csv", _csv(ACTION_COLUMNS, data["audit_entries"], locale))
    return buffer.getvalue()


__all__ = ["ACTION_COLUMNS", "EVENT_COLUMNS", "REVIEW_COLUMNS", "export_zip"]
