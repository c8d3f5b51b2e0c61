"""Who someone is and how they stay signed in.

Owns people, their passwords and timezones, what admins do to accounts (roles,
disabling, one-time reset links), bearer tokens and the devices they are issued to,
sign-in throttling, the admin's view of device health, and a person's own data:
downloading it (`export` gathers it, `export_files` zips it), deleting the account (`deletion`)
and the skills profile they may share by an unlisted link (`profile`).
"""

from __future__ import annotations

from mmapp.accounts import (
    admin,
    deletion,
    devices,
    export,
    export_files,
    profile,
    throttle,
    tokens,
    users,
)
from mmapp.accounts.deletion import DeletionReport, delete_account
from mmapp.accounts.devices import device_health
from mmapp.accounts.export import export_account
from mmapp.accounts.export_files import export_zip
from mmapp.accounts.throttle import account_key, record_failure, record_success
from mmapp.accounts.tokens import (
    issue_token,
    register_device,
    revoke_token,
    user_for_token,
    users_for_tokens,
)
from mmapp.accounts.users import (
    authenticate,
    check_timezone,
    create_user,
    email_key,
    find_by_email,
    normalise_email,
    password_matches,
    record_device_locale,
    set_locale,
)

__all__ = [
    "DeletionReport",
    "account_key",
    "admin",
    "authenticate",
    "check_timezone",
    "create_user",
    "delete_account",
    "deletion",
    "device_health",
    "devices",
    "email_key",
    "export",
    "export_account",
    "export_files",
    "export_zip",
    "find_by_email",
    "issue_token",
    "normalise_email",
    "password_matches",
    "profile",
    "record_device_locale",
    "record_failure",
    "record_success",
    "register_device",
    "revoke_token",
    "set_locale",
    "throttle",
    "tokens",
    "user_for_token",
    "users",
    "users_for_tokens",
]
