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
from mmapp.schemas import AchievementIn, AchievementOut, RevokeIn
from mmapp.state.staff import SortableTables, StaffState

_FIELDS = {
    "level": "Level",
    "name": "Name",
    "description": "Description",
    "min_score": "Minimum first-try score",
    "min_recall": "Minimum recall",
    "min_days": "Days to wait",
}


def _problem(exc: PydanticError) -> str:
    """The first invalid field, in words the form uses."""
    first = exc.errors()[0]
    field = _FIELDS.get(str(first["loc"][0]) if first["loc"] else "", "A field")
    return f"{field}: {first['msg'].removeprefix('Value error, ')}."


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
            self.error, self.notice = "Choose a skill.", ""
            return
        try:
            body = AchievementIn.model_validate(
                {k: form.get(k) for k in _FIELDS if form.get(k) not in (None, "")}
            )
        except PydanticError as exc:
            self.error, self.notice = _problem(exc), ""
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
        verb = "changed" if same else "added"
        self._done(f"{saved.name} {verb}: {saved.criteria}")
        self._refresh()

    @rx.event
    def revoke(self, form: dict[str, Any]) -> None:
        """Revoke one issued credential, with the reason verifiers will see."""
        try:
            credential_id = uuid.UUID(str(form.get("credential_id", "")))
            body = RevokeIn.model_validate({"reason": form.get("reason", "")})
        except (ValueError, PydanticError):
            self.error, self.notice = "Give a reason (up to 500 characters) to revoke.", ""
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
        self._done(f"Revoked: {body.reason}. Its page now says so.")
        self._refresh()
