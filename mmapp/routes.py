"""Route constants: one place for every path."""

TODAY = "/"
SIGNIN = "/signin"
NUGGET = "/nugget"
REVIEW = "/review"
AUDIT = "/audit"
WEEK = "/week"
REFLECT = "/reflect"
# Mentoring: a learner asks for help and books (/mentoring); a mentor's own page (/mentor).
MENTORING = "/mentoring"
MENTOR = "/mentor"
TEACH = "/teach"
PROGRESS = "/progress"
REMINDERS = "/reminders"
COACH = "/coach"
COACH_EDIT = "/coach/edit"
COACH_COHORT = "/coach/cohort"
COACH_BADGES = "/coach/credentials"
# The coordinator workspace: the only pages that use backend Reflex state.
ADMIN_ACCOUNTS = "/coach/accounts"
# Where a one-time password-reset link leads (online; its state is a workspace one).
RESET = "/reset"
WORKSPACE = (COACH, COACH_EDIT, COACH_COHORT, COACH_BADGES, ADMIN_ACCOUNTS, RESET)
FAVICON = "/favicon.svg"
MANIFEST = "/manifest.webmanifest"
APPLE_TOUCH_ICON = "/icons/apple-touch-icon.png"
# The device-side scripts, in load order (each uses only those before it). The
# service worker imports its own subset (assets/sw.js `importScripts`); the pages
# load them as one file, BRIDGE_BUNDLE, which the build writes (mmapp/pwa/plugin.py).
BRIDGE_BUNDLE = "/js/mm-bundle.js"
BRIDGE_SCRIPTS = (
    "/js/mm-i18n.js",  # the chosen language's catalogue: t(), nt(), Intl formats
    "/js/mm-shared.js",  # names, API calls and keys shared with the service worker
    "/js/mm-store.js",  # IndexedDB: session, nuggets, attempts, outbox
    "/js/mm-outbox.js",  # API writes made offline (mentoring), sent at the next sync
    "/js/mm-sync-rules.js",  # pure: batches under the server's limits, outcomes, backoff
    "/js/mm-media.js",  # pictures in nuggets, in Cache Storage
    "/js/mm-sync.js",  # the sync loop
    "/js/mm-fsrs.js",  # pure: FSRS review scheduling (same as mmapp/reviews/scheduler.py)
    "/js/mm-grade.js",  # pure: the grader (same rule as mmapp/content/grading.py)
    "/js/mm-progress.js",  # pure: progress with the phone's unsynced activity, the streak
    "/js/mm-phone-views.js",  # pure: view models of the session, sync, forms, app, reminders
    "/js/mm-views.js",  # pure: view models
    "/js/mm-player.js",  # pure: the nugget player's state machine and view
    "/js/mm-reviews.js",  # pure: cards with offline answers, the review session, views
    "/js/mm-audit.js",  # pure: the skills audit, ratings and goals not yet synced
    "/js/mm-work.js",  # pure: "Try it at work" commitments and how it went
    "/js/mm-teach.js",  # pure: teach-back asks, confirmations and the /teach page
    "/js/mm-pathway.js",  # pure: what next, in the minutes there are (mmapp/skills/pathway.py)
    "/js/mm-week.js",  # pure: the week plan in commute slots (mmapp/skills/week.py)
    "/js/mm-plan.js",  # pure: the pathway's situation from the phone's store, Today's plan
    "/js/mm-mentoring.js",  # pure: asking a mentor, requests, slots, sessions, actions
    "/js/mm-mentor.js",  # pure: the mentor's page, its profile form, "How did it go?"
    "/js/mm-ui.js",  # bridge 1/4: view models into the ClientStateVars
    "/js/mm-auth.js",  # bridge 2/4: sign-in, sign-out, joining a cohort
    "/js/mm-actions.js",  # bridge 3/4: the learner's taps
    "/js/mm-mentoring-io.js",  # bridge 3/4: mentoring's taps, cache and calls
    "/js/mm-mentor-io.js",  # bridge 3/4: the mentor's page, "How did it go?", actions
    "/js/mm-bridge.js",  # bridge 4/4: page lifecycle and `window.mm`
    "/js/mm-pwa.js",  # service worker registration, updates, install, storage
    "/js/mm-push.js",  # notification permission, subscription, reminder times
)


def reset_path(token: str) -> str:
    """The path of a one-time password-reset link (the admin adds the origin)."""
    return f"{RESET}?token={token}"
