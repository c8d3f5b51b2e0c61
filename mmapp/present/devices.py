"""Device names from a browser's user agent: "Chrome on Android", never the raw string."""

from __future__ import annotations

import functools

from ua_parser import parse

UNKNOWN = "Unknown browser"
# ua-parser names the family "Other" when it does not know it.
_OTHER = "Other"
# iOS families say which device: "Safari on iPhone" reads better than "Safari on iOS".
_IOS_DEVICES = ("iPhone", "iPad", "iPod")
# Families ua-parser spells for machines; the words people use.
_BROWSER_WORDS = {
    "Chrome Mobile": "Chrome",
    "Chrome Mobile iOS": "Chrome",
    "Chrome Mobile WebView": "Android WebView",
    "Mobile Safari": "Safari",
    "Mobile Safari UI/WKWebView": "Safari",
    "Firefox Mobile": "Firefox",
    "Firefox iOS": "Firefox",
    "Edge Mobile": "Edge",
    "Samsung Internet": "Samsung Internet",
    "HeadlessChrome": "Chrome",
}
_OS_WORDS = {"Mac OS X": "macOS", "Chrome OS": "ChromeOS"}
BROWSER_ON_SYSTEM = "{browser} on {system}"
BROWSER_ON_UNKNOWN_SYSTEM = "{browser}"
UNKNOWN_BROWSER_ON_SYSTEM = "A browser on {system}"


@functools.lru_cache(maxsize=1024)
def device_name(user_agent: str) -> str:
    """Name a device by its browser and system, e.g. "Chrome on Android".

    Args:
        user_agent: The browser's User-Agent header (possibly cut short).

    Returns:
        "<browser> on <system>", the browser or system alone when only one is known,
        or "Unknown browser".
    """
    if not user_agent.strip():
        return UNKNOWN
    result = parse(user_agent)
    browser = result.user_agent.family if result.user_agent else _OTHER
    system = result.os.family if result.os else _OTHER
    hardware = result.device.family if result.device else _OTHER
    browser = _BROWSER_WORDS.get(browser, browser)
    if system == "iOS" and hardware in _IOS_DEVICES:
        system = hardware
    system = _OS_WORDS.get(system, system)
    if browser != _OTHER and system != _OTHER:
        return BROWSER_ON_SYSTEM.format(browser=browser, system=system)
    if browser != _OTHER:
        return BROWSER_ON_UNKNOWN_SYSTEM.format(browser=browser)
    if system != _OTHER:
        return UNKNOWN_BROWSER_ON_SYSTEM.format(system=system)
    return UNKNOWN
