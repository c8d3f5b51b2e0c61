"""The languages Micromastery speaks, and picking one from what a browser asks for."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError, negotiate_locale

DEFAULT_LOCALE = "en"
# Every language with a complete catalogue; the first is the language of the code.
LOCALES: tuple[str, ...] = ("en", "de")
# Each language's name in itself (a language menu shows names its reader can read).
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "de": "Deutsch"}
# More than this many ranges in an Accept-Language header are not read.
_MAX_RANGES = 20


def supported(locale: str | None) -> str | None:
    """The supported language a BCP 47 tag names ("de-AT" → "de"), or None.

    Args:
        locale: A language tag such as "de", "de-AT" or "en_GB"; anything else gives None.
    """
    if not locale or len(locale) > 35:
        return None
    try:
        parsed = Locale.parse(locale.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None
    return parsed.language if parsed.language in LOCALES else None


def _ranges(accept_language: str) -> list[str]:
    """Language ranges of an Accept-Language header, best first (q=0 ones dropped)."""
    weighted: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")[:_MAX_RANGES]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and tag != "*" and quality > 0:
            weighted.append((-quality, position, tag.strip()))
    return [tag for _, _, tag in sorted(weighted)]


def negotiate(accept_language: str | None) -> str:
    """The best supported language for an Accept-Language header (English when none fits).

    Args:
        accept_language: The header's value, e.g. "de-DE,de;q=0.9,en;q=0.8", or None.
    """
    preferred = _ranges(accept_language or "")
    chosen = negotiate_locale(preferred, list(LOCALES), sep="-") if preferred else None
    if chosen:  # Babel answers in the header's own casing ("DE"): one spelling here
        return supported(chosen) or DEFAULT_LOCALE
    for tag in preferred:  # "de-CH" when only "de" exists
        if found := supported(tag):
            return found
    return DEFAULT_LOCALE


def effective_locale(chosen: str | None, device: str | None) -> str:
    """The language to write to someone in: their choice, else their device's, else English.

    Args:
        chosen: `User.locale` (set in Settings), or None.
        device: `User.device_locale` (what their last device asked for), or None.
    """
    return supported(chosen) or supported(device) or DEFAULT_LOCALE
