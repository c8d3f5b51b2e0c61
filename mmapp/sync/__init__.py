"""Offline sync between a device and the server, exactly once.

Owns answers in (ingest, checked, group-committed, each device's sequence
ledger, and what teach-back events need read: `teach_reads`) and content out
(`changes`: the pull, by cursor).
"""

from __future__ import annotations

from mmapp.sync import changes, checks, device_ledger, group_commit, ingest, reads, teach_reads
from mmapp.sync.changes import Cursor, pull
from mmapp.sync.checks import fingerprint, payload_problem
from mmapp.sync.device_ledger import SeqLedger, save_all
from mmapp.sync.group_commit import GroupCommitter
from mmapp.sync.ingest import Batch, NotAssignedError, apply_batch, apply_batches
from mmapp.sync.reads import GroupReads, StoredEvent, read_group
from mmapp.sync.teach_reads import TeachReads, read_teach

__all__ = [
    "Batch",
    "Cursor",
    "GroupCommitter",
    "GroupReads",
    "NotAssignedError",
    "SeqLedger",
    "StoredEvent",
    "TeachReads",
    "apply_batch",
    "apply_batches",
    "changes",
    "checks",
    "device_ledger",
    "fingerprint",
    "group_commit",
    "ingest",
    "payload_problem",
    "pull",
    "read_group",
    "read_teach",
    "reads",
    "save_all",
    "teach_reads",
]
