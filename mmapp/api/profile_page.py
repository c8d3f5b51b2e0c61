"""The public skills profile page, `/p/<token>`, rendered on the server (no script).

Like the credential page (`badge_page`): one small HTML string, every value escaped,
inline styles only (the CSP allows them, not inline script), `noindex`. A print
stylesheet makes "Print / Save as PDF" a clean one-page résumé section: black on
white, no navigation or footer, each link's address printed after it.
"""

from __future__ import annotations

from html import escape

from babel.dates import format_date

from mmapp.api.badge_page import STYLE as BADGE_STYLE
from mmapp.api.badge_page import markup
from mmapp.i18n import DEFAULT_LOCALE, translate, translate_plural
from mmapp.i18n.catalog import fill
from mmapp.schemas import CredentialOut
from mmapp.schemas.profile import ProfileSkill, ProfileView

STYLE = BADGE_STYLE + markup(
    html="""
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


_SKILL = markup(
    html='<li><strong>{name}</strong>: <span class="level">{level}{words}</span>{met}</li>'
)
_MET = markup(html=' <span class="met">· {text}</span>')
_CREDENTIAL = markup(
    html='<li><img src="/badges/achievements/{image}" alt="" width="48" height="48"><span>'
    '<strong>{name}</strong> {issued} <a href="{verify_url}">{verify}</a></span></li>'
)
_ITEM = markup(html="<li>{text}</li>")
_SECTION = markup(html="<h2>{heading}</h2><ul{attrs}>{items}</ul>")
_PAGE = markup(
    html="""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>{title}</title>
<style>{style}</style></head>
<body><main>
<header><h1>{name}</h1><p>{subtitle}</p></header>
<h2>{skills_heading}</h2>
<p class="note">{scale}</p>
<ul class="skills">{skills}</ul>
{credentials}
{mentoring}
<p class="note noprint">{about}</p>
<p class="note">{this_profile}</p>
</main></body></html>
"""
)


def _skill(s: ProfileSkill, locale: str) -> str:
    return fill(
        _SKILL,
        {
            "name": escape(s.name),
            "level": escape(translate(locale, "level {n}", n=s.level)),
            # The default scale's words are msgids; a skill's own words stay as written.
            "words": f" · {escape(translate(locale, s.level_words))}" if s.level_words else "",
            "met": fill(_MET, {"text": escape(translate(locale, "goal met"))})
            if s.goal_met
            else "",
        },
    )


def _credential(c: CredentialOut, locale: str) -> str:
    issued = translate(
        locale,
        "({skill}), issued {date} by {issuer}.",
        skill=c.skill,
        date=format_date(c.issued_at.date(), format="medium", locale=locale),
        issuer=c.issuer_name,
    )
    return fill(
        _CREDENTIAL,
        {
            "image": escape(c.image_url.rsplit("/", 1)[-1]),
            "name": escape(c.name),
            "issued": escape(issued),
            "verify_url": escape(c.verify_url),
            "verify": escape(translate(locale, "Verify")),
        },
    )


def _section(heading: str, items: str, attrs: str = "") -> str:
    return fill(_SECTION, {"heading": escape(heading), "items": items, "attrs": attrs})


def render_profile(view: ProfileView, *, page_url: str, locale: str = DEFAULT_LOCALE) -> str:
    """The whole HTML document of a shared profile (`page_url`: its own address, printed).

    Args:
        view: What the profile shows.
        page_url: The page's own address (printed at the bottom).
        locale: The language of the page's words (the reader's browser's).
    """
    name = escape(view.display_name or translate(locale, "A Micromastery learner"))
    skills = "".join(_skill(s, locale) for s in view.skills) or fill(
        _ITEM, {"text": escape(translate(locale, "No skills practised yet."))}
    )
    creds = "".join(_credential(c, locale) for c in view.credentials)
    goals = sum(s.goal_met for s in view.skills)
    mentoring = "".join(fill(_ITEM, {"text": escape(m)}) for m in view.mentoring)
    link = f'<a href="{escape(page_url)}">{escape(page_url)}</a>'
    values = {
        "lang": locale,
        "title": fill(escape(translate(locale, "{name}: skills profile")), {"name": name}),
        "style": STYLE,
        "name": name,
        "subtitle": escape(translate(locale, "Skills profile from Micromastery")),
        "skills_heading": escape(translate(locale, "Skills")),
        "scale": escape(
            translate_plural(
                locale,
                "Levels 0 to 4 on each skill's own scale; {n} goal met.",
                "Levels 0 to 4 on each skill's own scale; {n} goals met.",
                goals,
            )
        ),
        "skills": skills,
        "credentials": _section(translate(locale, "Credentials"), creds, ' class="creds"')
        if creds
        else "",
        "mentoring": _section(translate(locale, "Mentoring"), mentoring) if mentoring else "",
        "about": escape(
            translate(
                locale,
                "Each credential is an Open Badges 3.0 credential; its Verify link\n"
                "checks the signature. Printing this page gives a one-page summary.",
            )
        ),
        "this_profile": fill(escape(translate(locale, "This profile: {link}")), {"link": link}),
    }
    return fill(_PAGE, values)


__all__ = ["STYLE", "render_profile"]
