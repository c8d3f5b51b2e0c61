"""Peer teach-back: a learner teaches a nugget back to a colleague, who confirms it.

Owns the teach-back rows (a projection of the `teachback_asked` and
`teachback_confirmed` learner events, kept at ingest: `ledger`), which confirmations
count as evidence (`evidence`), what each side sees with the colleague's guide
(`views`), and the push that tells the colleague they were asked (`pushes`: what is
due, worded; the scheduler enqueues it). Who may
ask whom and confirm what is the access policy's (`mmapp.access.teachbacks`); the
payload checks are sync's (`mmapp.sync.checks`).
"""

from __future__ import annotations

from mmapp.teachback import evidence, ledger, pushes, views
from mmapp.teachback.evidence import counted_by_skill, counts, taught_nuggets
from mmapp.teachback.ledger import fold, forget_person, note_events
from mmapp.teachback.pushes import due_pushes
from mmapp.teachback.views import colleagues_of, for_device, teachbacks_of

__all__ = [
    "colleagues_of",
    "counted_by_skill",
    "counts",
    "due_pushes",
    "evidence",
    "fold",
    "for_device",
    "forget_person",
    "ledger",
    "note_events",
    "pushes",
    "taught_nuggets",
    "teachbacks_of",
    "views",
]
