"""Public credential URLs: `/badges/<id>` (HTML for people, JSON for machines) and downloads.

The id is the credential's unlisted uuid; anyone with the link may look, no sign-in.
The page verifies the stored document server-side against our own DID document
(`credentials.verify_credential`, revocation from `credentials.ledger`), so a document
changed in the database says "tampered". Unknown ids are 404.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse
from sqlmodel import Session

from mmapp.api.badge_page import PageFacts, render
from mmapp.api.errors import responses
from mmapp.api.openapi import download
from mmapp.clock import get_clock
from mmapp.credentials import badge_image, bake, did_web, verify_credential
from mmapp.credentials.achievements import rule_of
from mmapp.credentials.criteria import narrative
from mmapp.credentials.ledger import revocation_reason
from mmapp.db import session_scope
from mmapp.errors import NotFoundError
from mmapp.i18n import N_, negotiate
from mmapp.models import Achievement, IssuedCredential, Skill
from mmapp.settings import get_settings

router = APIRouter(tags=["credentials"])
JSON_TYPES = ("application/ld+json", "application/json")
VC_MEDIA_TYPE = "application/vc+ld+json"
_MISSING = NotFoundError("credential_not_found", N_("No such credential."))


def _load(session: Session, raw_id: str) -> tuple[IssuedCredential, Achievement, Skill]:
    try:
        row = session.get(IssuedCredential, uuid.UUID(raw_id))
    except ValueError:
        raise _MISSING from None
    achievement = session.get(Achievement, row.achievement_id) if row else None
    skill = session.get(Skill, achievement.skill_id) if achievement else None
    if row is None or achievement is None or skill is None:
        raise _MISSING
    return row, achievement, skill


def _image(achievement: Achievement, skill: Skill) -> bytes:
    return badge_image(skill.name, achievement.level, achievement_name=achievement.name).png


@router.get(
    "/badges/achievements/{achievement_id}.png",
    summary="An achievement's badge image",
    response_class=Response,
    responses={**download("image/png", binary=True), **responses(404, 422)},
)
def achievement_image(achievement_id: str) -> Response:
    """The generated badge (skill initials and level); its alt text is the name."""
    with session_scope(read_only=True) as session:
        try:
            achievement = session.get(Achievement, uuid.UUID(achievement_id))
        except ValueError:
            achievement = None
        skill = session.get(Skill, achievement.skill_id) if achievement else None
        if achievement is None or skill is None:
            raise NotFoundError("achievement_not_found", N_("No such achievement."))
        png = _image(achievement, skill)
    return Response(png, media_type="image/png", headers={"Cache-Control": "public, max-age=300"})


@router.get(
    "/badges/{credential_id}.png",
    summary="A credential baked into its badge image",
    response_class=Response,
    responses={**download("image/png", binary=True), **responses(404, 422)},
)
def baked_png(credential_id: str) -> Response:
    """The badge PNG with the signed credential in its `openbadgecredential` iTXt chunk."""
    with session_scope(read_only=True) as session:
        row, achievement, skill = _load(session, credential_id)
        png = bake(_image(achievement, skill), row.document)
    return Response(
        png,
        media_type="image/png",
        headers={"Content-Disposition": f'attachment; filename="badge-{row.id}.png"'},
    )


@router.get(
    "/badges/{credential_id}.json",
    summary="A credential as a JSON file",
    response_class=Response,
    responses={**download(VC_MEDIA_TYPE), **responses(404, 422)},
)
def credential_json(credential_id: str) -> Response:
    """The signed document exactly as stored."""
    with session_scope(read_only=True) as session:
        row, _, _ = _load(session, credential_id)
    return Response(
        json.dumps(row.document, indent=2, ensure_ascii=False),
        media_type=VC_MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="credential-{row.id}.json"'},
    )


def _criteria(document: dict[str, Any]) -> str | None:
    """The criteria the credential states (the rule of its day, not today's)."""
    subject = document.get("credentialSubject")
    achievement = subject.get("achievement") if isinstance(subject, dict) else None
    criteria = achievement.get("criteria") if isinstance(achievement, dict) else None
    text = criteria.get("narrative") if isinstance(criteria, dict) else None
    return text if isinstance(text, str) else None


def wants_json(accept: str) -> bool:
    """JSON for `application/ld+json` or `application/json` unless HTML is asked for."""
    kinds = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    return "text/html" not in kinds and any(k in JSON_TYPES for k in kinds)


@router.get(
    "/badges/{credential_id}",
    summary="A credential's verification page, or its JSON (content negotiation)",
    response_class=Response,
    # The HTML page; `Accept: application/ld+json` (or application/json) gets the
    # signed credential instead, as `/badges/{credential_id}.json` sends it.
    responses={**download("text/html"), **responses(404, 422)},
)
def verification_page(credential_id: str, request: Request) -> Response:
    """People get the verdict ("Verified: issued by … to … on …, for …" or why not)."""
    settings = get_settings()
    with session_scope(read_only=True) as session:
        row, achievement, skill = _load(session, credential_id)
        if wants_json(request.headers.get("accept", "")):
            return Response(
                json.dumps(row.document, ensure_ascii=False),
                media_type="application/ld+json",
                headers={"Vary": "Accept", "Access-Control-Allow-Origin": "*"},
            )
        locale = negotiate(request.headers.get("accept-language"))
        verdict = verify_credential(
            row.document,
            session=session,
            did=did_web(settings.public_url),
            now=get_clock().now(),
            is_revoked=lambda cid: revocation_reason(session=session, credential_id=cid),
            locale=locale,
        )
        image_path = f"/badges/achievements/{achievement.id}.png"
        facts = PageFacts(
            page_url=f"{settings.public_url}/badges/{row.id}",
            image_path=image_path,
            image_url=settings.public_url + image_path,
            name=achievement.name,
            criteria=_criteria(row.document) or narrative(rule_of(achievement, skill)),
            base=f"/badges/{row.id}",
        )
    return HTMLResponse(render(verdict, facts, locale), headers={"Vary": "Accept, Accept-Language"})
