"""Audit actions in words: "Published nugget per-what version 3", not `nugget_published`."""

from __future__ import annotations

from mmapp.i18n import N_, translate
from mmapp.models import AuditAction

# One sentence per action; `{detail}` is the entry's own short description.
ACTION_WORDS: dict[AuditAction, str] = {
    AuditAction.cohort_created: N_("Created cohort {detail}"),
    AuditAction.cohort_changed: N_("Changed a cohort: {detail}"),
    AuditAction.member_added: N_("Added {detail}"),
    AuditAction.member_removed: N_("Removed {detail}"),
    AuditAction.nugget_published: N_("Published nugget {detail}"),
    AuditAction.nugget_retracted: N_("Retracted nugget {detail}"),
    AuditAction.nugget_released: N_("Released nugget {detail}"),
    AuditAction.cohort_notified: N_("Notified phones of nugget {detail}"),
    AuditAction.cohort_shared: N_("Shared cohort {detail}"),
    AuditAction.cohort_unshared: N_("Stopped sharing cohort {detail}"),
    AuditAction.nugget_shared: N_("Shared nugget {detail}"),
    AuditAction.targets_set: N_("Set skill targets: {detail}"),
    AuditAction.role_changed: N_("Changed the role of {detail}"),
    AuditAction.account_disabled: N_("Disabled the account of {detail}"),
    AuditAction.account_enabled: N_("Enabled the account of {detail}"),
    AuditAction.reset_link_made: N_("Made a password reset link for {detail}"),
    AuditAction.password_reset: N_("Password reset: {detail}"),
    AuditAction.achievement_set: N_("Set achievement {detail}"),
    AuditAction.credential_revoked: N_("Revoked credential {detail}"),
}
# The filter's names for each action, as a coordinator would say them (msgids).
ACTION_NAMES: dict[AuditAction, str] = {
    AuditAction.cohort_created: N_("Cohort created"),
    AuditAction.cohort_changed: N_("Cohort changed"),
    AuditAction.member_added: N_("Member added"),
    AuditAction.member_removed: N_("Member removed"),
    AuditAction.nugget_published: N_("Nugget published"),
    AuditAction.nugget_retracted: N_("Nugget retracted"),
    AuditAction.nugget_released: N_("Nugget released"),
    AuditAction.cohort_notified: N_("Phones notified"),
    AuditAction.cohort_shared: N_("Cohort shared"),
    AuditAction.cohort_unshared: N_("Cohort unshared"),
    AuditAction.nugget_shared: N_("Nugget shared"),
    AuditAction.targets_set: N_("Skill targets set"),
    AuditAction.role_changed: N_("Role changed"),
    AuditAction.account_disabled: N_("Account disabled"),
    AuditAction.account_enabled: N_("Account enabled"),
    AuditAction.reset_link_made: N_("Reset link made"),
    AuditAction.password_reset: N_("Password reset"),
    AuditAction.achievement_set: N_("Achievement set"),
    AuditAction.credential_revoked: N_("Credential revoked"),
}
UNKNOWN_ACTION = N_("Did {action}: {detail}")


def action_words(action: str, detail: str, locale: str = "en") -> str:
    """One audit entry as a sentence, e.g. "Published nugget per-what version 3".

    Args:
        action: The stored action code (`AuditAction` value).
        detail: The entry's detail.
        locale: The reader's language.

    Returns:
        The sentence; an action this version does not know keeps its code.
    """
    try:
        template = ACTION_WORDS[AuditAction(action)]
    except ValueError:
        return translate(locale, UNKNOWN_ACTION, action=action, detail=detail)
    return translate(locale, template, detail=detail).rstrip(": ")
