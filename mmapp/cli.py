"""`mmapp`: the operator's command line (database, demo data, accounts, push, badges)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sqlalchemy.exc import OperationalError
from sqlmodel import col, select

from mmapp import accounts, cohorts
from mmapp.db import session_scope
from mmapp.demo.mentors import DEMO_MENTORS
from mmapp.demo.seed import DEMO_COORDINATOR, DEMO_LEARNER, seed_demo
from mmapp.demo.stories import DEMO_COLLEAGUE
from mmapp.errors import ServiceError
from mmapp.i18n import N_
from mmapp.models import Role, User
from mmapp.settings import get_settings


def _db_upgrade(_: argparse.Namespace) -> str:
    from mmapp.migrations import upgrade

    upgrade()
    return "Database schema is up to date."


def _seed_demo(args: argparse.Namespace) -> str:
    with session_scope() as session:
        if args.if_empty and session.exec(select(User)).first() is not None:
            return "Database already has accounts; demo content not loaded."
        report = seed_demo(session=session, history=args.history)
    return (
        f"Demo content ready: {report.nuggets} new nuggets, {report.users} new accounts, "
        f"{report.cohorts} new cohort, {report.history_events} past learner events.\n"
        f"  learner:     {DEMO_LEARNER[0]} / {DEMO_LEARNER[1]}\n"
        f"  coordinator: {DEMO_COORDINATOR[0]} / {DEMO_COORDINATOR[1]}"
        + "".join(f"\n  mentor:      {m[0]} / {m[1]}" for m in DEMO_MENTORS if args.history)
        + (f"\n  colleague:   {DEMO_COLLEAGUE[0]} / {DEMO_COLLEAGUE[1]}" if args.history else "")
    )


def _create_user(args: argparse.Namespace) -> str:
    with session_scope() as session:
        user = accounts.create_user(
            session=session,
            email=args.email,
            password=args.password,
            display_name=args.name,
            role=Role(args.role),
            timezone=args.timezone,
        )
        if args.cohort_code:
            cohorts.join_by_code(session=session, user=user, code=args.cohort_code)
        return f"Created {user.role.value} {user.email} ({user.id})."


def _create_cohort(args: argparse.Namespace) -> str:
    with session_scope() as session:
        owner = None
        if args.owner:
            owner = session.exec(select(User).where(User.email == args.owner.lower())).first()
            if owner is None:
                raise ServiceError(
                    "unknown_owner", N_("no account with email {email}"), email=args.owner
                )
        cohort = cohorts.create_cohort(
            session=session,
            name=args.name,
            owner=owner,
            timezone=args.timezone,
            invite_code=args.invite_code,
        )
        return f"Created cohort {cohort.name!r} with invite code {cohort.invite_code}."


def _vapid_show(_: argparse.Namespace) -> str:
    from mmapp.push.vapid import load_vapid

    settings = get_settings()
    with session_scope() as session:
        _, public = load_vapid(session=session, override_pem=settings.vapid_private_key)
    source = "MM_VAPID_PRIVATE_KEY" if settings.vapid_private_key else "the database"
    return f"VAPID public key (from {source}): {public}\nsubject: {settings.vapid_subject}"


def _vapid_rotate(_: argparse.Namespace) -> str:
    from mmapp.models import VapidKey
    from mmapp.push.vapid import load_vapid

    if get_settings().vapid_private_key:
        raise ServiceError("key_from_env", N_("the key is MM_VAPID_PRIVATE_KEY's; change it there"))
    with session_scope() as session:
        old = session.get(VapidKey, 1)
        if old is not None:
            session.delete(old)
            session.flush()
        _, public = load_vapid(session=session)
    return (
        f"New VAPID public key: {public}\n"
        "Browsers subscribed with the old key re-subscribe the next time the app opens."
    )


def _rebuild_reviews(_: argparse.Namespace) -> str:
    from mmapp.models import LearnerEvent
    from mmapp.reviews.cards import CARD_TYPES, rebuild

    with session_scope() as session:
        learners = session.exec(
            select(User).where(
                col(User.id).in_(
                    select(LearnerEvent.user_id).where(col(LearnerEvent.type).in_(CARD_TYPES))
                )
            )
        ).all()
        cards = sum(len(rebuild(session=session, user=u)) for u in learners)
    people = f"{len(learners)} learner{'' if len(learners) == 1 else 's'}"
    return f"Review cards rebuilt from the log: {cards} cards of {people}."


def _badge_key_rotate(_: argparse.Namespace) -> str:
    from mmapp.clock import get_clock
    from mmapp.credentials import did_web, method_id, rotate

    settings = get_settings()
    if settings.badge_private_key:
        raise ServiceError("key_from_env", N_("the key is MM_BADGE_PRIVATE_KEY's; change it there"))
    with session_scope() as session:
        key = rotate(session=session, now=get_clock().now())
    kid = method_id(did_web(settings.public_url), key.number)
    return (
        f"New badge signing key {kid} ({key.public_key_multibase}).\n"
        "Older keys stay in /.well-known/did.json, so credentials they signed still verify."
    )


def _verify_badge(args: argparse.Namespace) -> tuple[str, int]:
    from pathlib import Path

    from mmapp.clock import get_clock
    from mmapp.credentials import did_web, verify_file
    from mmapp.credentials.ledger import revocation_reason

    with session_scope(read_only=True) as session:
        verdict = verify_file(
            Path(args.file),
            session=session,
            did=did_web(get_settings().public_url),
            now=get_clock().now(),
            is_revoked=lambda cid: revocation_reason(session=session, credential_id=cid),
        )
    return verdict.message, 0 if verdict.ok else 1


def _issue_badges(_: argparse.Namespace) -> str:
    from mmapp.clock import get_clock
    from mmapp.credentials import issue_due

    now, issued = get_clock().now(), 0
    with session_scope(read_only=True) as session:
        ids = session.exec(select(User.id).where(col(User.deleted_at).is_(None))).all()
    for user_id in ids:  # one transaction each: a failure keeps the others' credentials
        with session_scope() as session:
            learner = session.get(User, user_id)
            if learner is not None:
                issued += len(issue_due(session=session, user=learner, now=now))
    return f"Credentials issued: {issued}."


def _worker(args: argparse.Namespace) -> str:
    import asyncio

    from mmapp.migrations import check_schema
    from mmapp.push.scheduler import run_forever

    check_schema()  # a stale schema: one line saying to run db-upgrade, exit 1
    asyncio.run(run_forever(rounds=1 if args.once else None))
    return "Push worker stopped."


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="mmapp", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    sub.add_parser("db-upgrade", help="migrate the database to the newest schema").set_defaults(
        run=_db_upgrade
    )
    seed = sub.add_parser("seed-demo", help="load demo skills, nuggets, cohort and accounts")
    seed.add_argument("--if-empty", action="store_true", help="only when no account exists")
    seed.add_argument(
        "--history",
        action="store_true",
        help="also give the demo learner ~4 weeks of past answers and reviews",
    )
    seed.set_defaults(run=_seed_demo)

    user = sub.add_parser("create-user", help="create an account")
    user.add_argument("--email", required=True)
    user.add_argument("--password", required=True, help="at least 8 characters")
    user.add_argument("--name", required=True, help="display name")
    user.add_argument("--role", choices=[r.value for r in Role], default=Role.learner.value)
    user.add_argument("--timezone", default="UTC", help="IANA name, e.g. Europe/London")
    user.add_argument("--cohort-code", help="also join the cohort with this invite code")
    user.set_defaults(run=_create_user)

    cohort = sub.add_parser("create-cohort", help="create a cohort with an invite code")
    cohort.add_argument("--name", required=True)
    cohort.add_argument("--owner", help="email of the owning coordinator")
    cohort.add_argument("--timezone", default="UTC")
    cohort.add_argument("--invite-code", help="choose the code (random by default)")
    cohort.set_defaults(run=_create_cohort)

    show = sub.add_parser("vapid-show", help="print the VAPID public key (made on first use)")
    show.set_defaults(run=_vapid_show)
    sub.add_parser("vapid-rotate", help="replace the stored VAPID key pair").set_defaults(
        run=_vapid_rotate
    )
    sub.add_parser(
        "rebuild-reviews",
        help="recompute every learner's review cards from the log (after a schedule change)",
    ).set_defaults(run=_rebuild_reviews)
    sub.add_parser(
        "badge-key-rotate",
        help="make a new credential signing key (old public keys stay published)",
    ).set_defaults(run=_badge_key_rotate)
    verify = sub.add_parser(
        "verify-badge", help="verify an Open Badges credential (JSON or baked PNG), offline"
    )
    verify.add_argument("file", help="the credential: .json or a baked .png")
    verify.set_defaults(run=_verify_badge)
    sub.add_parser(
        "issue-badges", help="issue every credential learners have earned and not received"
    ).set_defaults(run=_issue_badges)
    worker = sub.add_parser("worker", help="send reminders and cohort pushes (runs until stopped)")
    worker.add_argument("--once", action="store_true", help="one round, then exit")
    worker.set_defaults(run=_worker)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; print a clear message and return a non-zero code on failure."""
    args = build_parser().parse_args(argv)
    try:
        result = args.run(args)
        text, code = result if isinstance(result, tuple) else (result, 0)
        print(text)
        if code:
            return int(code)
    except ServiceError as exc:
        print(f"error: {exc.reason}", file=sys.stderr)
        return 1
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OperationalError as exc:
        print(
            f"error: the database is not ready ({exc.orig}); run `mmapp db-upgrade` first",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
