"""The access policy: who may manage or see what. Every API endpoint and page asks here.

Callers, from least to most trusted:

- anonymous: no account; the API answers 401 before this module is asked.
- learner and mentor: their own account and the cohorts they belong to
  (`member_cohort_ids`); the coordinator workspace is closed to them (403).
- other coordinator: a coordinator with no claim on a cohort or nugget; for
  them it does not exist (404), so no name, member or nugget leaks.
- coordinator (owner): manages the cohorts they own (`Cohort.owner_id`),
  edits the nuggets they wrote (`Nugget.created_by`) and owns the skills they
  created (`Skill.owner_id`); only an owner shares a cohort or a nugget.
- co-coordinator: a coordinator a cohort or nugget was shared with
  (`StaffGrant`); manages that cohort (members, releases, announcements and
  their delivery reports, the devices of its learners) or edits that nugget,
  but cannot share it further.
- admin: everything in the workspace.
- mentoring is between two people: a request is its learner's and its mentor's, a
  session its two participants' (both reflect on it; only the learner writes a
  takeaway and actions, and answers them); for anyone else it does not exist (404).
- a teach-back is between two colleagues (members of a common cohort): the learner
  asks, the colleague it names confirms, once; colleagues are listed by name only.

A skill's name and description belong to its owner; skills from before owners
existed got the author of their nuggets when all of them had one author, and
otherwise have no owner: only admins change those. Any coordinator may put
nuggets in any skill.

Plain Python over the models: no reflex or fastapi import. One module per area:
`roles`, `cohorts` (and the learners, devices and reports they open), `content`
(nuggets and skills), `mentoring`, `teachbacks`; every name is exported here.
"""

from __future__ import annotations

from mmapp.access import cohorts, content, mentoring, roles, teachbacks
from mmapp.access.cohorts import (
    cohort_clause,
    granted_cohort_ids,
    managed_cohort,
    may_manage_cohort,
    may_share_cohort,
    member_cohort_ids,
    readable_message,
    visible_learner_ids,
)
from mmapp.access.content import (
    editable_nugget,
    editable_nugget_by_id,
    granted_nugget_ids,
    managed_skill,
    may_edit_nugget,
    may_edit_skill,
    may_share_nugget,
    nugget_clause,
)
from mmapp.access.mentoring import (
    may_mentor,
    offer_for,
    own_action,
    own_request,
    own_session,
    require_mentor_skills,
    require_plan_writer,
)
from mmapp.access.roles import (
    ASSIGNABLE_ROLES,
    STAFF_ROLES,
    is_admin,
    is_disabled,
    is_last_admin,
    is_staff,
    may_delete_own_account,
    require_admin,
    require_staff,
)
from mmapp.access.teachbacks import MAX_COLLEAGUES, ask_problem, colleagues, confirm_problem

__all__ = [
    "ASSIGNABLE_ROLES",
    "MAX_COLLEAGUES",
    "STAFF_ROLES",
    "ask_problem",
    "cohort_clause",
    "cohorts",
    "colleagues",
    "confirm_problem",
    "content",
    "editable_nugget",
    "editable_nugget_by_id",
    "granted_cohort_ids",
    "granted_nugget_ids",
    "is_admin",
    "is_disabled",
    "is_last_admin",
    "is_staff",
    "managed_cohort",
    "managed_skill",
    "may_delete_own_account",
    "may_edit_nugget",
    "may_edit_skill",
    "may_manage_cohort",
    "may_mentor",
    "may_share_cohort",
    "may_share_nugget",
    "member_cohort_ids",
    "mentoring",
    "nugget_clause",
    "offer_for",
    "own_action",
    "own_request",
    "own_session",
    "readable_message",
    "require_admin",
    "require_mentor_skills",
    "require_plan_writer",
    "require_staff",
    "roles",
    "teachbacks",
    "visible_learner_ids",
]
