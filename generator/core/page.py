"""One page of the site as data: where it goes, its title, metadata and HTML body."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Page:
    """One page of the site: where it goes, what it is called, its HTML body."""

    uri: str  # source-style path, e.g. "items/mzbh-2024-33/3-5.md"
    title: str
    html: str
    meta: dict = field(default_factory=dict)  # front matter: template, hide, description …
    facts: PageFacts | None = None  # an article page's facts for its 网页标签

    @property
    def url(self) -> str:
        """Directory-style URL relative to the site root ("" for the home page)."""
        stem = self.uri.removesuffix(".md")
        if stem == "index":
            return ""
        return stem.removesuffix("/index") + "/"


@dataclass(frozen=True)
class PageFacts:
    """What an article page (item, document, 解读) tells the 网页标签 about itself."""

    published: str = ""  # PubDate, YYYY-MM-DD
    source: str = ""  # ContentSource: the issuing office(s)
    keywords: tuple[str, ...] = ()  # the page's own Keywords
    description: str = ""
