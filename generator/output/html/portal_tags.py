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

from generator.core.model import Portal
from generator.core.page import Page, PageFacts
from generator.core.site_paths import absolute_url

HEAD_KEY, FOOT_KEY = "pc_head", "pc_foot"  # page metadata the theme prints


class PortalTags:
    """Renders the head tags and the footer band of pages for one portal."""

    def __init__(self, env, portal: Portal, site_url: str):
        self.portal = portal
        self.site_url = site_url
        self.head_template = env.get_template("portal_head.html")
        self.foot_template = env.get_template("portal_foot.html")

    def head(self, title: str, url: str, facts: PageFacts | None) -> str:
        """The 网页标签 of a page at site path ``url``; article tags when it has ``facts``."""
        keywords = list(self.portal.keywords)
        if facts is not None:
            keywords += [word for word in facts.keywords if word not in keywords]
        html = self.head_template.render(
            portal=self.portal,
            title=title,
            url=absolute_url(self.site_url, url),
            facts=facts,
            keywords=",".join(keywords),
        )
        return "\n".join(line for line in html.splitlines() if line.strip())

    def foot(self, title: str, url: str) -> str:
        """The footer band with the 纠错 link for the page at site path ``url``."""
        html = self.foot_template.render(
            portal=self.portal, report=self.report_url(title, absolute_url(self.site_url, url))
        )
        return "\n".join(line for line in html.splitlines() if line.strip())

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
        meta = dict(page.meta)
        meta[HEAD_KEY] = self.head(page.title, page.url, page.facts)
        meta[FOOT_KEY] = self.foot(page.title, page.url)
        return Page(page.uri, page.title, page.html, meta, page.facts)
