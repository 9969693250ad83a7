"""The search index made while the site builds: pages go to Pagefind as they are rendered.

Each searchable page is handed over as its search copy (``search/copies.py``) with the
theme's part of it, the ``<html>`` tag and ``<title>``, as the theme will print them.
Pagefind indexes on the other core while the rest of the site is made. When the real page
is written, ``check`` compares its copy with the one sent; if any differs (a theme
override that titles pages its own way), the early index is not used and the build
indexes the written pages instead.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.core.page import Page
from generator.search.copies import BODY_MARK, assemble, marked_span, search_copy
from generator.search.index import SEARCH_TIMEOUT, IndexReport, PagefindIndex, SearchIndexError


class EarlyIndex:
    """Collects our searchable pages for Pagefind, then checks them against the site.

    ``html_tag`` and ``title_of`` give the theme's part of a copy; ``dest_of`` turns a
    page's source path into its path in the site. Pages arrive in site path order.
    """

    def __init__(
        self,
        output: Path,
        html_tag: str,
        title_of: Callable[[Page], str],
        dest_of: Callable[[str], str],
        timeout: float = SEARCH_TIMEOUT,
        keep_fds: tuple[int, ...] = (),
    ):
        self.output = output
        self.timeout = timeout
        self.keep_fds = keep_fds
        self.html_tag = html_tag
        self.title_of = title_of
        self.dest_of = dest_of
        self.index: PagefindIndex | None = None  # started with the first page
        self.expected: dict[str, str] = {}  # site path → its copy, until its page is written
        self.matches = True

    def add(self, page: Page) -> None:
        """Send ``page`` to Pagefind now, if it is one the index reads."""
        span = marked_span(page.html)
        if span is None:
            return
        copy = assemble(self.html_tag, self.title_of(page), page.html[span[0] : span[1]])
        dest = self.dest_of(page.uri)
        if self.index is None:
            self.index = PagefindIndex(self.timeout, self.keep_fds)
        self.index.add(dest, copy)
        self.expected[dest] = copy

    def close(self) -> None:
        """No more pages: Pagefind writes the index to ``output`` once it has read them."""
        if self.index is not None:
            self.index.finish(self.output)

    def check(self, dest: str, html: str) -> None:
        """Compare the written page at ``dest`` with the copy sent for it."""
        if self.index is not None and BODY_MARK in html:
            expected = self.expected.pop(dest, None)
            self.matches = self.matches and search_copy(html) == expected

    def result(self) -> IndexReport | None:
        """The report of the index in ``output``; ``None`` when the site must be indexed."""
        if self.index is None:
            return None
        try:
            report = self.index.wait()
        except SearchIndexError:
            return None
        if not self.matches or self.expected:  # a page differed, or was never written
            return None
        return report
