"""The public verification page of a credential, rendered on the server (no script).

It must work without the Reflex websocket and pass the CSP (`api.security`: no inline
script; inline styles are allowed), so it is one small HTML string with every value
escaped.
"""

from __future__ import annotations

import dataclasses
from html import escape
from typing import Any

from mmapp.credentials.verification import Verification

STYLE = """
body{font-family:system-ui,sans-serif;margin:0;background:#f8fafc;color:#0f172a}
main{max-width:40rem;margin:0 auto;padding:1.5rem 1rem}
.verdict{padding:1rem;border-radius:.75rem;font-weight:600;margin:1rem 0;overflow-wrap:anywhere}
.ok{background:#dcfce7;color:#14532d;border:2px solid #15803d}
.bad{background:#fee2e2;color:#7f1d1d;border:2px solid #b91c1c}
img{display:block;margin:0 auto;width:160px;height:160px}
dt{font-weight:600;margin-top:.75rem}dd{margin:0;overflow-wrap:anywhere}
a{color:#1d4ed8}nav a{margin-right:1rem}
"""


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


def _evidence(document: dict[str, Any] | None) -> str:
    items = document.get("evidence", []) if isinstance(document, dict) else []
    rows = [
        f"<li><strong>{escape(str(e.get('name', '')))}</strong>: "
        f"{escape(str(e.get('narrative', '')))}</li>"
        for e in items
        if isinstance(e, dict)
    ]
    return f"<h2>Evidence</h2><ul>{''.join(rows)}</ul>" if rows else ""


def render(verdict: Verification, facts: PageFacts) -> str:
    """The whole HTML document for one credential."""
    kind = "ok" if verdict.ok else "bad"
    title = f"{facts.name}: {'verified' if verdict.ok else 'not verified'}"
    description = verdict.message
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title>
<meta name="description" content="{escape(description)}">
<meta property="og:type" content="website">
<meta property="og:title" content="{escape(title)}">
<meta property="og:description" content="{escape(description)}">
<meta property="og:url" content="{escape(facts.page_url)}">
<meta property="og:image" content="{escape(facts.image_url)}">
<meta property="og:image:alt" content="{escape(facts.name)}">
<style>{STYLE}</style></head>
<body><main>
<h1>{escape(facts.name)}</h1>
<img src="{escape(facts.image_path)}" alt="{escape(facts.name)}" width="160" height="160">
<p class="verdict {kind}" role="status">{escape(verdict.message)}</p>
<h2>Criteria</h2><p>{escape(facts.criteria)}</p>
{_evidence(verdict.credential)}
<h2>Downloads</h2>
<nav aria-label="Downloads"><a href="{escape(facts.base)}.png" download>Badge image (PNG)</a>
<a href="{escape(facts.base)}.json" download>Credential (JSON)</a></nav>
<p>This is an Open Badges 3.0 credential with an eddsa-rdfc-2022 Data Integrity proof;
the issuer's keys are at <a href="/.well-known/did.json">/.well-known/did.json</a>.</p>
</main></body></html>
"""


__all__ = ["PageFacts", "render"]
