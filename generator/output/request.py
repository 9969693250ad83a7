"""What every output producer is given, and what it gives back: one shape for all.

A producer is ``produce(request, made) -> SiteFiles``: ``made`` is what the producers
before it returned, for the few that publish another's records (the API lists the
政策包 and the widgets). ``output/site.py`` lists the producers, in that order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Protocol

from generator.core.model import Column
from generator.core.page import Page
from generator.output.html.renderer import FragmentRenderer


class PageSink(Protocol):
    """Takes pages one by one as they are rendered (the host's early search index)."""

    def add(self, page: Page) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class SiteRequest:
    """One build's input to every producer."""

    column: Column
    today: date
    fragments_dir: Path
    renderer: FragmentRenderer  # one per build: its Jinja environment, cards and indexes shared
    site_url: str = ""
    packages_pdf: bool = False  # every 政策包 as a PDF too (slow: WeasyPrint)
    indexed: PageSink | None = None  # gets the searchable pages as soon as they exist
    embed_origins: tuple[str, ...] = ()  # portal origins an embedded page reports to

    @classmethod
    def of(
        cls,
        column: Column,
        today: date,
        fragments_dir: Path,
        site_url: str = "",
        packages_pdf: bool = False,
        indexed: PageSink | None = None,
        embed_origins: tuple[str, ...] = (),
    ) -> SiteRequest:
        """The request for one build, with its one renderer."""
        renderer = FragmentRenderer(column, today, fragments_dir)
        return cls(
            column, today, fragments_dir, renderer, site_url, packages_pdf, indexed, embed_origins
        )


@dataclass(frozen=True)
class SiteFiles:
    """What producers add to a site: pages to theme, files to copy as they are, and
    records that a later producer publishes (by API endpoint name)."""

    pages: list[Page] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # site path → content
    records: dict[str, object] = field(default_factory=dict)

    def __add__(self, other: SiteFiles) -> SiteFiles:
        return SiteFiles(
            self.pages + other.pages,
            {**self.files, **other.files},
            {**self.records, **other.records},
        )


Producer = Callable[[SiteRequest, SiteFiles], SiteFiles]
