"""Groups of learners and the coordinators who run them.

Owns groups of learners, invite codes and memberships, drip release, sharing a
cohort or nugget with co-coordinators, the cohorts' skill targets (`targets`), and
the coordinator's workspace actions (`workspace`, each checked against `mmapp.access`),
and what mentoring and teach-back did for a cohort (`mentoring_outcomes`).
"""

from __future__ import annotations

from mmapp.cohorts import drip, memberships, mentoring_outcomes, sharing, targets, workspace
from mmapp.cohorts.drip import release_days
from mmapp.cohorts.memberships import (
    add_member,
    cohorts_for,
    create_cohort,
    describe_account,
    join_by_code,
    new_invite_code,
    normalise_invite_code,
    remove_member,
)
from mmapp.cohorts.sharing import share, shared_with, unshare
from mmapp.cohorts.targets import list_targets, set_targets

__all__ = [
    "add_member",
    "cohorts_for",
    "create_cohort",
    "describe_account",
    "drip",
    "join_by_code",
    "list_targets",
    "memberships",
    "mentoring_outcomes",
    "new_invite_code",
    "normalise_invite_code",
    "release_days",
    "remove_member",
    "set_targets",
    "share",
    "shared_with",
    "sharing",
    "targets",
    "unshare",
    "workspace",
]
