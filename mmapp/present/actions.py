"""Audit actions in words: "Published nugget per-what version 3", not `nugget_published`."""

from __future__ import annotations

from mmapp.models import AuditAction

# One sentence per action; `{detail}` is the entry's own short description.
ACTION_WORDS: dict[AuditAction, str] = {
    AuditAction.cohort_created: "Created cohort {detail}",
    AuditAction.cohort_changed: "Changed a cohort: {detail}",
    AuditAction.member_added: "Added {detail}",
    AuditAction.member_removed: "Removed {detail}",
    AuditAction.nugget_published: "Published nugget {detail}",
    AuditAction.nugget_retracted: "Retracted nugget {detail}",
    AuditAction.nugget_released: "Released nugget {detail}",
    AuditAction.cohort_notified: "Notified phones of nugget {detail}",
    AuditAction.cohort_shared: "Shared cohort {detail}",
    AuditAction.cohort_unshared: "Stopped sharing cohort {detail}",
    AuditAction.nugget_shared: "Shared nugget {detail}",
    AuditAction.targets_set: "Set skill targets: {detail}",
    AuditAction.role_changed: "Changed the role of {detail}",
    AuditAction.account_disabled: "Disabled the account of {detail}",
    AuditAction.account_enabled: "Enabled the account of {detail}",
    AuditAction.reset_link_made: "Made a password reset link for {detail}",
    AuditAction.password_reset: "Password reset: {detail}",
    AuditAction.achievement_set: "Set achievement {detail}",
    AuditAction.credential_revoked: "Revoked credential {detail}",
}
# The filter's names for each action, as a coordinator would say them.
ACTION_NAMES: dict[AuditAction, str] = {
    AuditAction.cohort_created: "Cohort created",
    AuditAction.cohort_changed: "Cohort changed",
    AuditAction.member_added: "Member added",
    AuditAction.member_removed: "Member removed",
    AuditAction.nugget_published: "Nugget published",
    AuditAction.nugget_retracted: "Nugget retracted",
    AuditAction.nugget_released: "Nugget released",
    AuditAction.cohort_notified: "Phones notified",
    AuditAction.cohort_shared: "Cohort shared",
    AuditAction.cohort_unshared: "Cohort unshared",
    AuditAction.nugget_shared: "Nugget shared",
    AuditAction.targets_set: "Skill targets set",
    AuditAction.role_changed: "Role changed",
    AuditAction.account_disabled: "Account disabled",
    AuditAction.account_enabled: "Account enabled",
    AuditAction.reset_link_made: "Reset link made",
    AuditAction.password_reset: "Password reset",
    AuditAction.achievement_set: "Achievement set",
    AuditAction.credential_revoked: "Credential revoked",
}
UNKNOWN_ACTION = "Did {action}: {detail}"


def action_words(action: str, detail: str) -> str:
    """One audit entry as a sentence, e.g. "Published nugget per-what version 3".

    Args:
        action: The stored action code (`AuditAction` value).
        detail: The entry's detail.

    Returns:
        The sentence; an action this version does not know keeps its code.
    """
    try:
        template = ACTION_WORDS[AuditAction(action)]
    except ValueError:
        return UNKNOWN_ACTION.format(action=action, detail=detail)
    return template.format(detail=detail).rstrip(": ")
