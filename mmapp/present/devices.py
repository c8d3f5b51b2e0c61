"""Device names from a browser's user agent: "Chrome on Android", never the raw string."""

from __future__ import annotations

import functools

from ua_parser import parse

from mmapp.i18n import N_, translate

UNKNOWN = N_("Unknown browser")
# iOS families say which device: "Safari on iPhone" reads better than "Safari on iOS".
_IOS_DEVICES = ("iPhone", "iPad", "iPod")
# Families ua-parser spells for machines; the names people use (brand names, in the
# catalogue so a language may write them its own way).
_BROWSER_WORDS = {
    "Chrome Mobile": N_("Chrome"),
    "Chrome Mobile iOS": N_("Chrome"),
    "Chrome Mobile WebView": N_("Android WebView"),
    "Mobile Safari": N_("Safari"),
    "Mobile Safari UI/WKWebView": N_("Safari"),
    "Firefox Mobile": N_("Firefox"),
    "Firefox iOS": N_("Firefox"),
    "Edge Mobile": N_("Edge"),
    "Samsung Internet": N_("Samsung Internet"),
    "HeadlessChrome": N_("Chrome"),
}
_OS_WORDS = {"Mac OS X": N_("macOS"), "Chrome OS": N_("ChromeOS")}
BROWSER_ON_SYSTEM = N_("{browser} on {system}")
UNKNOWN_BROWSER_ON_SYSTEM = N_("A browser on {system}")


def _known(family: str | None) -> str | None:
    """A ua-parser family, or None when ua-parser does not know it (it says "Other")."""
    return None if family is None or family == "Other" else family


@functools.lru_cache(maxsize=1024)
def device_name(user_agent: str, locale: str = "en") -> str:
    """Name a device by its browser and system, e.g. "Chrome on Android".

    Args:
        user_agent: The browser's User-Agent header (possibly cut short).
        locale: The reader's language.

    Returns:
        "<browser> on <system>", the browser or system alone when only one is known,
        or "Unknown browser".
    """
    if not user_agent.strip():
        return translate(locale, UNKNOWN)
    result = parse(user_agent)
    browser = _known(result.user_agent.family if result.user_agent else None)
    system = _known(result.os.family if result.os else None)
    hardware = _known(result.device.family if result.device else None)
    if browser is not None:
        browser = translate(locale, _BROWSER_WORDS.get(browser, browser))
    if system == "iOS" and hardware in _IOS_DEVICES:
        system = hardware
    if system is not None:
        system = translate(locale, _OS_WORDS.get(system, system))
    if browser is not None and system is not None:
        return translate(locale, BROWSER_ON_SYSTEM, browser=browser, system=system)
    if browser is not None:
        return browser
    if system is not None:
        return translate(locale, UNKNOWN_BROWSER_ON_SYSTEM, system=system)
    return translate(locale, UNKNOWN)
