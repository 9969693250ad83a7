"""网页标签, the footer band and the 纠错 link of every page, from ``policies/portal.yml``.

Government pages carry meta tags that the inspection crawlers read (SiteName,
SiteDomain, SiteIDCode, ColumnName, ColumnType, and on article pages ArticleTitle,
PubDate, ContentSource, Keywords, Url), and a footer band with 主办单位, 网站标识码, the
备案 numbers and a 纠错 link that carries the page's address and title. Both are
rendered here as finished HTML and handed to the theme as page metadata
(``pc_head``, ``pc_foot``; ``overrides/main.html`` prints them).
"""

from __future__ import annotations

from urllib.parse import quote as url_quote

from markupsafe import escape

from generator.core.model import Portal
from generator.core.page import Page, PageFacts
from generator.core.site_paths import absolute_url

HEAD_KEY, FOOT_KEY = "pc_head", "pc_foot"  # page metadata the theme prints


ARTICLE_TAGS = ("ArticleTitle", "PubDate", "ContentSource", "Keywords", "Description")


MARK = "pcportalmark"  # where a page's own value goes in a fragment rendered once


class PortalTags:
    """Renders the head tags and the footer band of pages for one portal.

    The fragments are rendered once, around a mark; each page puts in its own address,
    title and facts (a render per page cost 2 ms, 20 s at 10 000 pages).
    """

    def __init__(self, env, portal: Portal, site_url: str):
        self.portal = portal
        self.site_url = site_url
        self.site_head = squeeze(env.get_template("portal_head.html").render(portal=portal))
        report = MARK if portal.correction_url else ""
        foot = squeeze(env.get_template("portal_foot.html").render(portal=portal, report=report))
        self.foot_parts = foot.split(MARK)

    def head(self, title: str, url: str, facts: PageFacts | None) -> str:
        """The 网页标签 of a page at site path ``url``; article tags when it has ``facts``."""
        tags = []
        if facts is not None:
            keywords = list(self.portal.keywords)
            keywords += [word for word in facts.keywords if word not in keywords]
            values = (title, facts.published, facts.source, ",".join(keywords), facts.description)
            tags = [
                meta(name, value) for name, value in zip(ARTICLE_TAGS, values, strict=True) if value
            ]
        tags.append(meta("Url", absolute_url(self.site_url, url)))
        return "\n".join(filter(None, [self.site_head, *tags]))

    def foot(self, title: str, url: str) -> str:
        """The footer band with the 纠错 link for the page at site path ``url``."""
        report = str(escape(self.report_url(title, absolute_url(self.site_url, url))))
        return report.join(self.foot_parts)

    def report_url(self, title: str, address: str) -> str:
        """The 纠错 address with the page's address and title, as a form or a mail."""
        target = self.portal.correction_url
        if not target:
            return ""
        joiner = "&" if "?" in target else "?"
        if target.lower().startswith("mailto:"):
            subject = url_quote(f"网站纠错：{title}", safe="")
            return f"{target}{joiner}subject={subject}&body={url_quote(address, safe='')}"
        return (
            f"{target}{joiner}url={url_quote(address, safe='')}&title={url_quote(title, safe='')}"
        )

    def tagged(self, page: Page) -> Page:
        """``page`` with its head tags and footer band in its metadata."""
        meta_ = dict(page.meta)
        meta_[HEAD_KEY] = self.head(page.title, page.url, page.facts)
        meta_[FOOT_KEY] = self.foot(page.title, page.url)
        return Page(page.uri, page.title, page.html, meta_, page.facts)


def meta(name: str, content: str) -> str:
    return f'<meta name="{name}" content="{escape(content)}">'


def squeeze(html: str) -> str:
    return "\n".join(line for line in html.splitlines() if line.strip())
