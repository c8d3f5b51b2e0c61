"""Wiring only: the Reflex app, its pages, the HTTP API and head tags."""

import reflex as rx

from mmapp import routes
from mmapp.api import create_api, freeze_startup_heap
from mmapp.migrations import check_schema_or_exit, register_models
from mmapp.pages import (
    audit,
    coach_accounts,
    coach_badges,
    coach_cohort,
    coach_editor,
    coach_home,
    mentor,
    mentoring,
    nugget,
    progress,
    reflect,
    reminders,
    reset,
    review,
    signin,
    teach,
    today,
    week,
)
from mmapp.push import scheduler
from mmapp.settings import get_settings

register_models()

app = rx.App(
    api_transformer=create_api(),
    stylesheets=["/css/app.css"],
    head_components=[
        rx.el.meta(
            name="viewport", content="width=device-width, initial-scale=1, viewport-fit=cover"
        ),
        rx.el.meta(name="theme-color", content="#3e63dd"),
        rx.el.meta(name="description", content="Five to fifteen minute lessons for your commute."),
        rx.el.link(rel="manifest", href=routes.MANIFEST),
        rx.el.link(rel="apple-touch-icon", href=routes.APPLE_TOUCH_ICON),
        rx.el.meta(name="mobile-web-app-capable", content="yes"),
        rx.el.meta(name="apple-mobile-web-app-capable", content="yes"),
        rx.el.meta(name="apple-mobile-web-app-title", content="Micromastery"),
        rx.el.meta(name="apple-mobile-web-app-status-bar-style", content="default"),
        # The bridge must run before hydration so page on_mount handlers find it.
        rx.el.script(src=routes.BRIDGE_BUNDLE),
    ],
)
# Learner pages work offline: replace Reflex's "cannot connect" toast with nothing;
# the calm sync pill in every page's top bar says what the learner needs to know.
app.app_wraps[(5, "Overlay")] = lambda stateful: None

app.add_page(today.today_page, **today.rx_page, image=routes.FAVICON)
app.add_page(signin.signin_page, **signin.rx_page, image=routes.FAVICON)
app.add_page(nugget.nugget_page, **nugget.rx_page, image=routes.FAVICON)
app.add_page(progress.progress_page, **progress.rx_page, image=routes.FAVICON)
app.add_page(reminders.reminders_page, **reminders.rx_page, image=routes.FAVICON)
app.add_page(review.review_page, **review.rx_page, image=routes.FAVICON)
app.add_page(audit.audit_page, **audit.rx_page, image=routes.FAVICON)
app.add_page(week.week_page, **week.rx_page, image=routes.FAVICON)
app.add_page(reflect.reflect_page, **reflect.rx_page, image=routes.FAVICON)
app.add_page(mentoring.mentoring_page, **mentoring.rx_page, image=routes.FAVICON)
app.add_page(mentor.mentor_page, **mentor.rx_page, image=routes.FAVICON)
app.add_page(teach.teach_page, **teach.rx_page, image=routes.FAVICON)
# The coordinator workspace: online, server-rendered state (not part of the offline shell).
app.add_page(coach_home.coach_home, **coach_home.rx_page, image=routes.FAVICON)
app.add_page(coach_editor.coach_editor, **coach_editor.rx_page, image=routes.FAVICON)
app.add_page(coach_cohort.coach_cohort, **coach_cohort.rx_page, image=routes.FAVICON)
app.add_page(coach_badges.coach_badges, **coach_badges.rx_page, image=routes.FAVICON)
app.add_page(coach_accounts.coach_accounts, **coach_accounts.rx_page, image=routes.FAVICON)
app.add_page(reset.reset_page, **reset.rx_page, image=routes.FAVICON)

# First: a database whose schema is behind would answer 500s; refuse with one line.
app.register_lifespan_task(check_schema_or_exit)
app.register_lifespan_task(freeze_startup_heap)

# Reminders and cohort pushes: every server process may run the scheduler (the
# database decides who sends what); `mmapp worker` runs it on its own instead.
if get_settings().scheduler_in_app:
    app.register_lifespan_task(scheduler.run_forever)
