"""The public skills profile page, `/p/<token>`, rendered on the server (no script).

Like the credential page (`badge_page`): one small HTML string, every value escaped,
inline styles only (the CSP allows them, not inline script), `noindex`. A print
stylesheet makes "Print / Save as PDF" a clean one-page résumé section: black on
white, no navigation or footer, each link's address printed after it.
"""

from __future__ import annotations

from html import escape

from mmapp.api.badge_page import STYLE as BADGE_STYLE
from mmapp.schemas.profile import ProfileSkill, ProfileView

STYLE = (
    BADGE_STYLE
    + """
header p{margin:.25rem 0 0;color:#334155}
ul.skills,ul.creds{list-style:none;padding:0;margin:0}
ul.skills li,ul.creds li{padding:.6rem 0;border-bottom:1px solid #cbd5e1}
.level{font-weight:600}.met{color:#14532d;font-weight:600}
ul.creds li{display:flex;gap:.75rem;align-items:flex-start}
.creds img{display:block;flex:none;width:48px;height:48px;margin:0}
.note{font-size:.9rem;color:#334155}
p,li,a{overflow-wrap:anywhere}
@media print{
 @page{margin:1.5cm}
 body{background:#fff;color:#000;font-size:11pt}
 main{max-width:none;padding:0}
 a{color:#000;text-decoration:none}
 .creds a[href]::after{content:" (" attr(href) ")";font-size:9pt;overflow-wrap:anywhere}
 .noprint{display:none}
 .creds img{width:32px;height:32px}
 .met{color:#000}
 ul.skills li,ul.creds li{padding:.25rem 0;border-color:#999;break-inside:avoid}
 h1{font-size:16pt;margin:0}h2{font-size:13pt;margin:.8rem 0 .3rem}
}
"""
)


def _skill(s: ProfileSkill) -> str:
    words = f" · {escape(s.level_words)}" if s.level_words else ""
    met = ' <span class="met">· goal met</span>' if s.goal_met else ""
    return (
        f'<li><strong>{escape(s.name)}</strong>: <span class="level">level {s.level}'
        f"{words}</span>{met}</li>"
    )


def render_profile(view: ProfileView, *, page_url: str) -> str:
    """The whole HTML document of a shared profile (`page_url`: its own address, printed)."""
    name = escape(view.display_name or "A Micromastery learner")
    skills = "".join(_skill(s) for s in view.skills) or "<li>No skills practised yet.</li>"
    creds = "".join(
        f'<li><img src="/badges/achievements/{escape(c.image_url.rsplit("/", 1)[-1])}" '
        f'alt="" width="48" height="48"><span><strong>{escape(c.name)}</strong> '
        f"({escape(c.skill)}), issued {c.issued_at.date().isoformat()} by "
        f'{escape(c.issuer_name)}. <a href="{escape(c.verify_url)}">Verify</a></span></li>'
        for c in view.credentials
    )
    goals = sum(s.goal_met for s in view.skills)
    plural = f"{goals} goal" + ("" if goals == 1 else "s")
    mentoring = "".join(f"<li>{escape(m)}</li>" for m in view.mentoring)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{name}: skills profile</title>
<style>{STYLE}</style></head>
<body><main>
<header><h1>{name}</h1><p>Skills profile from Micromastery</p></header>
<h2>Skills</h2>
<p class="note">Levels 0 to 4 on each skill's own scale; {plural} met.</p>
<ul class="skills">{skills}</ul>
{f'<h2>Credentials</h2><ul class="creds">{creds}</ul>' if creds else ""}
{f"<h2>Mentoring</h2><ul>{mentoring}</ul>" if mentoring else ""}
<p class="note noprint">Each credential is an Open Badges 3.0 credential; its Verify link
checks the signature. Printing this page gives a one-page summary.</p>
<p class="note">This profile: <a href="{escape(page_url)}">{escape(page_url)}</a></p>
</main></body></html>
"""


__all__ = ["STYLE", "render_profile"]
