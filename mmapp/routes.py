"""Route constants and URL builders (one place for every path)."""

TODAY = "/"
SIGNIN = "/signin"
NUGGET = "/nugget"
PROGRESS = "/progress"
REMINDERS = "/reminders"
COACH = "/coach"
COACH_EDIT = "/coach/edit"
COACH_COHORT = "/coach/cohort"
FAVICON = "/favicon.svg"
MANIFEST = "/manifest.webmanifest"
APPLE_TOUCH_ICON = "/icons/apple-touch-icon.png"
BRIDGE_SCRIPTS = (
    "/js/mm-store.js",
    "/js/mm-sync.js",
    "/js/mm-views.js",
    "/js/mm-bridge.js",
    "/js/mm-pwa.js",
    "/js/mm-push.js",
)


def nugget_url(nugget_id: str) -> str:
    """The player URL for one nugget."""
    return f"{NUGGET}?id={nugget_id}"
