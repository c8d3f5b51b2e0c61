"""Server-side changes a coordinator would make, on the running app's database."""

from __future__ import annotations

import uuid

from sqlmodel import select

from mmapp import cohorts, content, db
from mmapp.models import Cohort, Nugget, User


class Coordinator:
    """Server-side changes a coordinator would make, on the running app's database."""

    def __init__(self, db_url: str) -> None:
        self.engine = db.make_engine(db_url)

    def own_cohort(self, email: str, slugs: list[str]) -> str:
        code = "T" + uuid.uuid4().hex[:9].upper()
        with db.session_scope(self.engine) as s:
            cohort = cohorts.create_cohort(session=s, name=f"Test {code}", invite_code=code)
            user = s.exec(select(User).where(User.email == email)).one()
            cohorts.add_member(session=s, cohort=cohort, user=user)
        for slug in slugs:
            self.assign(code, slug)
        return code

    def assign(self, code: str, slug: str) -> None:
        with db.session_scope(self.engine) as s:
            cohort = s.exec(select(Cohort).where(Cohort.invite_code == code)).one()
            nugget = s.exec(select(Nugget).where(Nugget.slug == slug)).one()
            content.assign(session=s, cohort=cohort, nugget=nugget)

    def remove(self, code: str, email: str) -> None:
        with db.session_scope(self.engine) as s:
            cohort = s.exec(select(Cohort).where(Cohort.invite_code == code)).one()
            user = s.exec(select(User).where(User.email == email)).one()
            assert cohorts.remove_member(session=s, cohort=cohort, user=user)

    def publish(self, **fields) -> None:
        """Write and publish a nugget (see `tests.factories.nugget_in`)."""
        from tests.factories import nugget_in

        with db.session_scope(self.engine) as s:
            nugget = content.save_nugget(session=s, data=nugget_in(**fields))
            content.publish(session=s, nugget=nugget)
