"""The audit log: who did what to which cohort, nugget or account, and when.

Owns recording coordinator and admin actions (`record`, called by the services in
the transaction of the action itself) and the admins' view and CSV export of them.
"""

from __future__ import annotations

from mmapp.audit import log
from mmapp.audit.log import CSV_HEADER, entries, record, to_csv

__all__ = ["CSV_HEADER", "entries", "log", "record", "to_csv"]
