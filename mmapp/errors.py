"""Errors services raise; each carries a stable code and a readable reason.

A reason is an English msgid with "{name}" placeholders (`N_("No cohort has the invite
code {code}.")`) and its values: `reason` is the English with them filled (for logs and
tests), `translated(locale)` the text in someone's language (the API answers that). A
value may be a function of the locale, for a part that is itself translated, such as a
counted phrase: `wait=lambda locale: translate_plural(locale, "{n} minute", …, n)`.
"""

from __future__ import annotations

from collections.abc import Callable

from mmapp.i18n import translate
from mmapp.i18n.catalog import fill

# A placeholder's value in one language (given the locale; None is English).
LocalText = Callable[[str | None], str]


class ServiceError(Exception):
    """Base error with a machine-readable `code` and a human `reason`.

    Attributes:
        code: The stable error code, e.g. "unknown_invite_code".
        reason: The English reason, placeholders filled.
        msgid: The English reason before filling: the catalogue key.
        params: The placeholders' values (a `LocalText` is resolved per language).
    """

    status = 400

    def __init__(self, code: str, reason: str, /, **params: object) -> None:
        self.code = code
        self.msgid = reason
        self.params = params
        self.reason = self.translated(None)
        super().__init__(self.reason)

    def translated(self, locale: str | None) -> str:
        """The reason in `locale` (English when unsupported or None), placeholders filled.

        Args:
            locale: A supported language tag, or None for English.
        """
        values = {k: v(locale) if callable(v) else v for k, v in self.params.items()}
        return fill(translate(locale, self.msgid), values)  # any placeholder name may be used


class ValidationError(ServiceError):
    """Input is malformed or breaks a rule."""

    status = 422


class AuthError(ServiceError):
    """Credentials or token are missing, wrong or expired."""

    status = 401


class ForbiddenError(ServiceError):
    """The caller is known but may not do this."""

    status = 403


class NotFoundError(ServiceError):
    """The thing asked for does not exist."""

    status = 404


class UnavailableError(ServiceError):
    """A transient failure: the client should retry later (it keeps its data)."""

    status = 503


class ConflictError(ServiceError):
    """The request clashes with stored data."""

    status = 409


class TooManyAttemptsError(ServiceError):
    """Too many recent failures: the client must wait `retry_after` seconds."""

    status = 429

    def __init__(self, reason: str, /, *, retry_after: int, **params: object) -> None:
        super().__init__("too_many_attempts", reason, **params)
        self.retry_after = retry_after
