"""政策解读 pages: one per 解读 (``zcjd/<slug>/``) and the 政策解读 index (``zcjd/``).

The policy team writes a 解读 in Markdown; it is rendered with python-markdown with its
raw-HTML readers removed (so ``<script>`` or ``<img onerror>`` come out as text), then
cleaned by nh3 against an allow-list of tags and attributes. Links may go to http(s)
addresses or into the column (a path from the column's root, ``/items/…/``, becomes a
relative link), pictures only into the column (no request to another host); anything
else (``javascript:``, ``data:``, ``//host``) loses its address.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

from generator.core.model import INTERPRETATIONS_ROOT
from generator.core.page import Page, PageFacts
from generator.core.site_paths import is_web_address, relative_url
from generator.output.request import SiteFiles, SiteRequest

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "blockquote",
    "a", "img", "table", "thead", "tbody", "tr", "th", "td", "hr", "code", "pre", "sup", "sub",
}  # fmt: skip


ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"align"}}


URL_ATTRIBUTES = {("a", "href"), ("img", "src")}


OUTGOING = re.compile(r'<a href="(https?://[^"]*)"([^>]*)>(.*?)</a>', re.S)  # nh3's output


RELATIVE = re.compile(r"(?![a-zA-Z][a-zA-Z0-9+.-]*:)(?!//)[^\s\\]*")  # no scheme, no //host


def interpretation_pages(request: SiteRequest, made: SiteFiles) -> SiteFiles:
    """The 政策解读 index and every 解读's page, with its local picture or video."""
    column = request.column
    renderer = request.renderer
    pages, files = [], {}
    readings = sorted(column.interpretations, key=lambda r: (-r.day.toordinal(), r.slug))
    html = renderer.render("interpretations.html", INTERPRETATIONS_ROOT, readings=readings)
    pages.append(Page(f"{INTERPRETATIONS_ROOT}index.md", "政策解读", html))
    by_id = {item.id: item for item in column.items}
    for reading in sorted(column.interpretations, key=lambda r: r.slug):
        body = render_markdown(reading.body, reading.url)
        documents = [column.source(slug) for slug in reading.documents]
        items = [by_id[item_id] for item_id in reading.items if item_id in by_id]
        media = reading.media
        if media and not is_web_address(media):
            files[reading.url + media] = (Path(reading.file).parent / media).read_bytes()
        page_html = renderer.render(
            "interpretation.html",
            reading.url,
            reading=reading,
            body=body,
            documents=[d for d in documents if d is not None],
            items=items,
            media_is_local=bool(media) and not is_web_address(media),
        )
        facts = PageFacts(
            published=reading.day.isoformat(),
            source=reading.issuer,
            keywords=("政策解读", *(d.title for d in documents if d is not None)),
            description=reading.summary,
        )
        meta = {"description": reading.summary} if reading.summary else {}
        meta["hide"] = ["navigation", "toc"]
        page = Page(f"{reading.url.rstrip('/')}.md", reading.title, page_html, meta, facts)
        pages.append(page)
        if request.indexed is not None:  # searchable, in site order after items and sources
            request.indexed.add(page)
    return SiteFiles(pages, files)


class _ShiftHeadings(Treeprocessor):
    """# in a 解读 is a section of the page, whose own title is the only <h1>."""

    def run(self, root):
        for element in root.iter():
            if element.tag in ("h1", "h2", "h3", "h4", "h5"):
                element.tag = f"h{int(element.tag[1]) + 1}"


def render_markdown(text: str, page_url: str) -> str:
    """The 解读's Markdown as clean HTML: no raw HTML, only safe links."""
    converter = markdown.Markdown(
        extensions=["tables", "sane_lists", "fenced_code"], output_format="html"
    )
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    converter.treeprocessors.register(_ShiftHeadings(converter), "shift_headings", 1)
    html = converter.convert(text)

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if (tag, attribute) not in URL_ATTRIBUTES:
            return value
        # A picture from another host would be a request elsewhere at page view: links only.
        return safe_address(value, page_url, web=tag == "a")

    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=keep,
        url_schemes={"http", "https"},
        link_rel=None,
        strip_comments=True,
    )
    # Links out of the column say so, as everywhere in the column (_macros.external_link).
    return OUTGOING.sub(
        r'<a class="pc-external" href="\1" rel="noopener noreferrer external"\2>\3'
        r'<span class="pc-visually-hidden">（外部链接）</span></a>',
        clean,
    )


def safe_address(value: str, page_url: str, web: bool = True) -> str | None:
    """An http(s) address as it is (when ``web``), a column path made relative, anything
    else dropped."""
    value = value.strip()
    if is_web_address(value):
        return value if web else None
    if value.startswith("/") and not value.startswith("//"):
        return relative_url(value.lstrip("/"), page_url) or "./"
    if RELATIVE.fullmatch(value):
        return value
    return None
