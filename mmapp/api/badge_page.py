"""The public verification page of a credential, rendered on the server (no script).

It must work without the Reflex websocket and pass the CSP (`api.security`: no inline
script; inline styles are allowed), so it is one small HTML string with every value
escaped. Its words are in the language the browser asks for (`Accept-Language`); the
markup and styles are written with `markup(html=…)`, which says they are not text.
"""

from __future__ import annotations

import dataclasses
from html import escape
from typing import Any

from mmapp.credentials.verification import Verification
from mmapp.i18n import DEFAULT_LOCALE, translate
from mmapp.i18n.catalog import fill


def markup(*, html: str) -> str:
    """HTML or CSS written here (its words are placeholders, filled from the catalogue)."""
    return html


STYLE = markup(
    html="""
body{font-family:system-ui,sans-serif;margin:0;background:#f8fafc;color:#0f172a}
main{max-width:40rem;margin:0 auto;padding:1.5rem 1rem}
.verdict{padding:1rem;border-radius:.75rem;font-weight:600;margin:1rem 0;overflow-wrap:anywhere}
.ok{background:#dcfce7;color:#14532d;border:2px solid #15803d}
.bad{background:#fee2e2;color:#7f1d1d;border:2px solid #b91c1c}
img{display:block;margin:0 auto;width:160px;height:160px}
dt{font-weight:600;margin-top:.75rem}dd{margin:0;overflow-wrap:anywhere}
a{color:#1d4ed8}nav a{margin-right:1rem}
"""
)


@dataclasses.dataclass(frozen=True)
class PageFacts:
    """What the page shows besides the verdict.

    Attributes:
        page_url: The page's own absolute URL.
        image_path: The badge image, relative to the site.
        image_url: The same image, absolute (for Open Graph).
        name: The achievement's name.
        criteria: The criteria narrative.
        base: The path of the page (downloads append `.png` / `.json`).
    """

    page_url: str
    image_path: str
    image_url: str
    name: str
    criteria: str
    base: str


_EVIDENCE_ROW = markup(html="<li><strong>{name}</strong>: {narrative}</li>")
_EVIDENCE = markup(html="<h2>{heading}</h2><ul>{rows}</ul>")
_PAGE = markup(
    html="""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{description}">
<meta property="og:type" content="website">
<meta property="og:title" content="{title}">
<meta property="og:description" content="{description}">
<meta property="og:url" content="{page_url}">
<meta property="og:image" content="{image_url}">
<meta property="og:image:alt" content="{name}">
<style>{style}</style></head>
<body><main>
<h1>{name}</h1>
<img src="{image_path}" alt="{name}" width="160" height="160">
<p class="verdict {kind}" role="status">{description}</p>
<h2>{criteria_heading}</h2><p>{criteria}</p>
{evidence}
<h2>{downloads}</h2>
<nav aria-label="{downloads}"><a href="{base}.png" download>{png}</a>
<a href="{base}.json" download>{json}</a></nav>
<p>{about}</p>
</main></body></html>
"""
)


def _evidence(document: dict[str, Any] | None, locale: str) -> str:
    items = document.get("evidence", []) if isinstance(document, dict) else []
    rows = [
        fill(
            _EVIDENCE_ROW,
            {
                "name": escape(str(e.get("name", ""))),
                "narrative": escape(str(e.get("narrative", ""))),
            },
        )
        for e in items
        if isinstance(e, dict)
    ]
    heading = escape(translate(locale, "Evidence"))
    return fill(_EVIDENCE, {"heading": heading, "rows": "".join(rows)}) if rows else ""


def render(verdict: Verification, facts: PageFacts, locale: str = DEFAULT_LOCALE) -> str:
    """The whole HTML document for one credential, its words in `locale`."""
    if verdict.ok:
        title = translate(locale, "{name}: verified", name=facts.name)
    else:
        title = translate(locale, "{name}: not verified", name=facts.name)
    did = '<a href="/.well-known/did.json">/.well-known/did.json</a>'
    about = translate(
        locale,
        "This is an Open Badges 3.0 credential with an eddsa-rdfc-2022 Data Integrity proof;\n"
        "the issuer's keys are at {link}.",
    )
    values = {
        "lang": locale,
        "title": escape(title),
        "description": escape(verdict.message),
        "page_url": escape(facts.page_url),
        "image_url": escape(facts.image_url),
        "image_path": escape(facts.image_path),
        "name": escape(facts.name),
        "style": STYLE,
        "kind": "ok" if verdict.ok else "bad",
        "criteria_heading": escape(translate(locale, "Criteria")),
        "criteria": escape(facts.criteria),
        "evidence": _evidence(verdict.credential, locale),
        "downloads": escape(translate(locale, "Downloads")),
        "base": escape(facts.base),
        "png": escape(translate(locale, "Badge image (PNG)")),
        "json": escape(translate(locale, "Credential (JSON)")),
        "about": fill(escape(about), {"link": did}),
    }
    return fill(_PAGE, values)


__all__ = [PageFacts.__name__, "markup", "render"]
