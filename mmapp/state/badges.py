"""The workspace's Credentials page state: achievements per skill, issued credentials.

Coordinators see the skills they manage (`credentials.achievements.managed_skills`:
owner or admin). "Save achievement" calls `achievements.save_achievement` (the
service behind `/coach/skills/{id}/achievements`): a level that already has one is
changed, otherwise one is added. "Revoke" calls `credentials.ledger.revoke`.
"""

from __future__ import annotations

import uuid
from typing import Any

import reflex as rx
from pydantic import ValidationError as PydanticError

from mmapp.clock import get_clock
from mmapp.credentials import achievements, ledger
from mmapp.errors import ServiceError
from mmapp.i18n import N_, translate
from mmapp.schemas import AchievementIn, AchievementOut, RevokeIn
from mmapp.state.staff import SortableTables, StaffState, validator_words

# Each form field's name in words (msgids).
_FIELDS = {
    "level": N_("Level"),
    "name": N_("Name"),
    "description": N_("Description"),
    "min_score": N_("Minimum first-try score"),
    "min_recall": N_("Minimum recall"),
    "min_days": N_("Days to wait"),
    "min_teachbacks": N_("Teach-backs needed"),
}
_ANY_FIELD = N_("A field")


def _problem(exc: PydanticError, locale: str) -> str:
    """The first invalid field, in words the form uses, in the reader's language."""
    first = exc.errors()[0]
    field = _FIELDS.get(str(first["loc"][0]) if first["loc"] else "", _ANY_FIELD)
    return translate(
        locale,
        "{field}: {problem}.",
        field=translate(locale, field),
        problem=validator_words(first),
    )


class BadgesState(SortableTables, StaffState):
    """The lists and the two forms of the Credentials page."""

    skills: list[dict[str, str]] = []
    achievements: list[AchievementOut] = []
    issued: list[dict[str, Any]] = []

    @rx.event
    def load(self) -> None:
        """Open the page: fresh messages, then the lists."""
        self.error = self.notice = ""
        self._refresh()

    def _refresh(self) -> None:
        with self._as_viewer(read_only=True) as (session, viewer):
            if viewer is None:
                return
            mine = achievements.managed_skills(session=session, viewer=viewer)
            self.skills = [{"id": str(s.id), "name": s.name} for s in mine]
            self.achievements = [
                a
                for s in mine
                for a in achievements.list_achievements(
                    session=session, viewer=viewer, skill_id=s.id
                )
            ]
            issued = ledger.issued_for(
                session=session, viewer=viewer, skill_ids=[s.id for s in mine]
            )
            self.issued = self._shown(issued, {"issued_at": "issued"})
            self._apply_sorts()

    def _sortable(self) -> tuple[str, ...]:
        return ("achievements", "issued")

    @rx.event
    def save(self, form: dict[str, Any]) -> None:
        """Add the form's achievement, or change the skill's one at that level."""
        try:
            skill_id = uuid.UUID(str(form.get("skill_id", "")))
        except ValueError:
            self.error, self.notice = translate(self.locale, "Choose a skill."), ""
            return
        try:
            body = AchievementIn.model_validate(
                {k: form.get(k) for k in _FIELDS if form.get(k) not in (None, "")}
            )
        except PydanticError as exc:
            self.error, self.notice = _problem(exc, self.locale), ""
            return
        same = [a for a in self.achievements if a.skill_id == skill_id and a.level == body.level]
        with self._as_viewer() as (session, viewer):
            if viewer is None:
                return
            try:
                saved = achievements.save_achievement(
                    session=session,
                    viewer=viewer,
                    skill_id=skill_id,
                    body=body,
                    now=get_clock().now(),
                    achievement_id=same[0].id if same else None,
                )
            except ServiceError as exc:
                self._fail(exc)
                return
        done = N_("{name} changed: {criteria}") if same else N_("{name} added: {criteria}")
        self._done(translate(self.locale, done, name=saved.name, criteria=saved.criteria))
        self._refresh()

    @rx.event
    def revoke(self, form: dict[str, Any]) -> None:
        """Revoke one issued credential, with the reason verifiers will see."""
        try:
            credential_id = uuid.UUID(str(form.get("credential_id", "")))
            body = RevokeIn.model_validate({"reason": form.get("reason", "")})
        except (ValueError, PydanticError):
            self.error = translate(self.locale, "Give a reason (up to 500 characters) to revoke.")
            self.notice = ""
            return
        with self._as_viewer() as (session, viewer):
            if viewer is None:
                return
            try:
                ledger.revoke(
                    session=session,
                    viewer=viewer,
                    credential_id=credential_id,
                    reason=body.reason,
                    now=get_clock().now(),
                )
            except ServiceError as exc:
                self._fail(exc)
                return
        self._done(
            translate(self.locale, "Revoked: {reason}. Its page now says so.", reason=body.reason)
        )
        self._refresh()
