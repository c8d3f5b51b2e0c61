"""Who someone is and how they stay signed in.

Owns people, their passwords and timezones, what admins do to accounts (roles,
disabling, one-time reset links), bearer tokens and the devices they
are issued to, sign-in throttling, and the admin's view of device health.
"""

from __future__ import annotations

from mmapp.accounts import admin, devices, throttle, tokens, users
from mmapp.accounts.devices import device_health
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
)

__all__ = [
    "account_key",
    "admin",
    "authenticate",
    "check_timezone",
    "create_user",
    "device_health",
    "devices",
    "email_key",
    "find_by_email",
    "issue_token",
    "normalise_email",
    "record_failure",
    "record_success",
    "register_device",
    "revoke_token",
    "throttle",
    "tokens",
    "user_for_token",
    "users",
    "users_for_tokens",
]
