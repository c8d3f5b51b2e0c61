"""Authored Markdown to safe HTML: CommonMark (markdown-it-py), then Ammonia (nh3).

Coordinators write Markdown and may paste HTML. Devices get HTML that passed an
allowlist: text formatting, lists, links (https, http, mailto or same-site paths)
and pictures (https or same-site paths). Scripts, event-handler attributes,
`javascript:` and `data:` URLs, SVG, iframes and styles never reach a phone.
"""

from __future__ import annotations

import functools

import nh3
from markdown_it import MarkdownIt

from mmapp.schemas import DeviceAssignment, DeviceNugget, DeviceQuizItem, NuggetSnapshot

TAGS = {
    "p", "br", "strong", "em", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li",
    "h3", "h4", "a", "img", "hr", "table", "thead", "tbody", "tr", "th", "td", "s", "del",
    "sup", "sub",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
}
URL_SCHEMES = {"https", "http", "mailto"}


@functools.cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _filter(tag: str, attribute: str, value: str) -> str | None:
    # Pictures load only over https or from this site (no tracking over http, no data:).
    if tag == "img" and attribute == "src" and not value.startswith(("https://", "/")):
        return None
    if attribute == "src" and value.startswith("//"):
        return None
    return value


@functools.lru_cache(maxsize=4096)  # pure: the same text always gives the same HTML
def to_safe_html(markdown: str) -> str:
    """Render authored Markdown and sanitise the result.

    Args:
        markdown: The author's text (Markdown, possibly with inline HTML).

    Returns:
        HTML that is safe to insert into a learner's page.
    """
    md = _markdown()
    tokens = md.parse(markdown)
    for token in tokens:  # a part sits under the page's own headings: # -> h3, ### -> h4
        if token.type in ("heading_open", "heading_close"):
            token.tag = "h3" if token.tag in ("h1", "h2") else "h4"
    html = md.renderer.render(tokens, md.options, {})
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_filter,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def for_device(snapshot: NuggetSnapshot, assignment: DeviceAssignment) -> DeviceNugget:
    """A nugget snapshot as devices get it: Markdown parts and explanations as safe HTML.

    Rendered at each pull (cached), so a stricter sanitiser covers old versions too.
    """
    return DeviceNugget(
        id=snapshot.id,
        slug=snapshot.slug,
        version=snapshot.version,
        title=snapshot.title,
        summary=snapshot.summary,
        minutes=snapshot.minutes,
        skill=snapshot.skill,
        practice_steps=snapshot.practice_steps,
        quiz=[
            DeviceQuizItem(
                **item.model_dump(exclude={"explanation"}),
                explanation_html=to_safe_html(item.explanation),
            )
            for item in snapshot.quiz
        ],
        context_html=to_safe_html(snapshot.context),
        way_in_html=to_safe_html(snapshot.way_in),
        payoff_html=to_safe_html(snapshot.payoff),
        assignment=assignment,
        level=snapshot.level,
        prerequisites=list(snapshot.prerequisites),
    )
