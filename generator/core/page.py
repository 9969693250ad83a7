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

    @property
    def url(self) -> str:
        """Directory-style URL relative to the site root ("" for the home page)."""
        stem = self.uri.removesuffix(".md")
        if stem == "index":
            return ""
        return stem.removesuffix("/index") + "/"
