"""The column's pages as data: site path → title, metadata and rendered HTML."""

from __future__ import annotations

import functools
import gc
import multiprocessing as mp
import os
import posixpath
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from .model import Column, Item, Source, Term, item_status, item_tags
from .schedule import rolling_push
from .search import SearchTags

# Browse pages: URL folder, vocabulary, page title. The order is the nav's.
BROWSE_KINDS = (
    ("themes", "按主题"),
    ("sectors", "按行业"),
    ("audiences", "按对象"),
    ("levels", "按层级"),
    ("issuers", "按发文机关"),
)
KIND_LABELS = {
    "themes": "主题",
    "sectors": "行业",
    "audiences": "对象",
    "levels": "层级",
    "issuers": "发文机关",
}
STATUS_RANK = {"有效": 0, "即将到期": 1, "已失效": 2}
LIST_DOWNLOADS = ("downloads/policy-list.csv", "downloads/policy-list.xlsx")
FINDER_DATA = "api/finder.json"  # what the 我能享受哪些政策 page filters in the browser


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


def relative_url(target: str, from_url: str) -> str:
    """A link from the page at ``from_url`` to ``target`` (both site-relative).

    Every link is relative, so the built site works under any sub-path.
    """
    path, _, anchor = target.partition("#")
    link = relative_path(path or ".", from_url or ".")
    if path.endswith("/") or path == "":
        link = link.rstrip("/") + "/" if link != "." else "./"
    return f"{link}#{anchor}" if anchor else link


@functools.lru_cache(maxsize=1 << 16)
def relative_path(path: str, start: str) -> str:
    """``posixpath.relpath`` for clean site paths, without its costly absolute paths.

    A build makes hundreds of thousands of links; anything unusual (``..``, a leading
    ``/``) still goes through ``posixpath.relpath``.
    """
    if "." in (path[:1], start[:1]) or "/." in path + start or "//" in path + start:
        return posixpath.relpath(path, start)
    if path.startswith("/") or start.startswith("/"):
        return posixpath.relpath(path, start)
    to, at = path.strip("/").split("/"), start.strip("/").split("/")
    common = 0
    while common < min(len(to), len(at)) and to[common] == at[common]:
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


def sort_items(items: list[Item] | tuple[Item, ...], today: date) -> list[Item]:
    """In-force items first, expired ones last; newer documents first; clause order."""

    def key(item: Item) -> tuple:
        published = item.source.published or item.source.signed or date.min
        return (
            STATUS_RANK[item_status(item, today)],
            -published.toordinal(),
            item.source.slug,
            item.order,
        )

    return sorted(items, key=key)


class PageRenderer:
    """Renders every page of a column with the Jinja2 fragments under ``fragments_dir``."""

    def __init__(self, column: Column, today: date, fragments_dir: Path):
        self.column = column
        self.today = today
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(fragments_dir)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            auto_reload=False,  # one build: no need to stat every fragment at every render
            # Compiled fragments are kept (by source checksum) in the temp folder: a preview
            # or a rebuild does not compile them again.
            bytecode_cache=jinja2.FileSystemBytecodeCache(),
        )
        self.env.globals.update(
            kind_labels=KIND_LABELS,
            status_of=lambda item: item_status(item, today),
            term=self.term,
            today=today,
            link=self.link,
            card=self.card,
        )
        self.page_url = ""  # the page being rendered; ``link`` is relative to it
        self._links: list[str] | None = None  # targets asked for while a card is made
        self._cards: dict[tuple[str, bool], tuple[list[str], list[str]]] = {}
        self._related: RelatedIndex | None = None  # built on first use
        self._under: dict[str, dict[str, list[Item]]] = {}  # kind → term id → items
        self.search_tags = SearchTags(column, today, sort_items(column.items, today))
        self.env.globals["search_tags"] = self.search_tags
        self.env.filters["paragraphs"] = paragraphs
        self.env.filters["cn_date"] = cn_date
        self.env.tests["web_address"] = is_web_address

    def term(self, kind: str, term_id: str) -> Term:
        return self.column.taxonomy.vocabulary(kind).get(term_id)

    def link(self, target: str) -> str:
        """``target`` (site-relative) as a link from the page being rendered."""
        if self._links is not None:  # making a card: mark where the link goes
            self._links.append(target)
            return f"{LINK_MARK}{len(self._links) - 1}{LINK_MARK}"
        return relative_url(target, self.page_url)

    def card(self, item: Item, show_source: bool = True) -> Markup:
        """``item_card`` of ``_macros.html``, rendered by Jinja once per item.

        An item's card is the same on every page but for its relative links: it is
        made once with marks where the links go, and each page puts in its own links.
        """
        key = (item.id, show_source)
        if key not in self._cards:
            self._links = []
            try:
                html = self.env.get_template("_macros.html").module.item_card(item, show_source)
            finally:
                targets, self._links = self._links, None
            self._cards[key] = (str(html).split(LINK_MARK), targets)
        marked, targets = self._cards[key]
        parts = list(marked)  # text, link number, text, link number … text
        for position, target in enumerate(targets):
            parts[2 * position + 1] = str(escape(self.link(target)))
        return Markup("".join(parts))

    def render(self, template: str, page_url: str, **context) -> str:
        """Render a fragment; ``link(target)`` in it gives a link relative to the page."""
        # A global, not a context variable: imported macros (_macros.html) see globals only.
        self.page_url = page_url
        html = self.env.get_template(template).render(**context)
        # Markdown engines end a raw HTML block at a blank line: keep none.
        return "\n".join(line for line in html.splitlines() if line.strip())

    def pages(self, indexed: Callable[[Page], None] | None = None) -> list[Page]:
        """All pages of the column, in a stable order.

        Items and documents, the pages the search index reads, are rendered first, in the
        order of their URLs, and each is handed to ``indexed`` as soon as it exists.
        """
        each = indexed or (lambda page: None)
        # Sorted as their pages' paths in the site are (items/… before sources/…).
        items = sorted(self.column.items, key=lambda item: item.url)
        rendered = self.in_parallel(self.item_page, items, 64, each)
        item_pages = {item.id: page for item, page in zip(items, rendered, strict=True)}
        sources = sorted(self.column.sources, key=lambda source: f"sources/{source.slug}/")
        source_pages = {source.slug: self.source_page(source) for source in sources}
        for source in sources:
            each(source_pages[source.slug])
        pages = [self.home_page(), self.list_page(), self.sources_index_page()]
        pages += [self.search_page(), self.finder_page()]
        pages += [source_pages[source.slug] for source in self.column.sources]
        pages += [item_pages[item.id] for item in self.column.items]
        terms = [(kind, term) for kind, _ in BROWSE_KINDS for term in self._terms(kind)]
        term_pages = iter(self.in_parallel(self._term_page_of, terms, 1))
        for kind, title in BROWSE_KINDS:
            pages.append(self.browse_index_page(kind, title))
            pages += [next(term_pages) for _ in self._terms(kind)]
        return pages

    def _term_page_of(self, kind_and_term: tuple[str, Term]) -> Page:
        return self.term_page(*kind_and_term)

    def in_parallel(
        self, render, values, chunk: int, each: Callable[[Page], None] | None = None
    ) -> list[Page]:
        """``[render(v) for v in values]``, on every core when the column is large.

        Forked workers inherit the renderer with its indexes and compiled templates;
        the pages come back in order, each handed to ``each`` as it arrives, so the
        output is the same as rendered here.
        """
        values = list(values)
        each = each or (lambda page: None)
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        small = len(self.column.items) < PARALLEL_FROM or len(values) < 2
        if small or cores < 2 or "fork" not in mp.get_all_start_methods():
            return [self._handed(render(value), each) for value in values]
        first = self._handed(render(values[0]), each)  # compiles templates, builds indexes
        for kind, _ in BROWSE_KINDS:
            self._items_under(kind, "")
        global _FORKED
        _FORKED = (render, values)
        try:
            gc.freeze()  # workers then share the column's memory instead of copying it
            with mp.get_context("fork").Pool(cores) as pool:
                rendered = pool.imap(_render_forked, range(1, len(values)), chunksize=chunk)
                rest = [self._handed(page, each) for page in rendered]
        finally:
            _FORKED = None
        return [first, *rest]

    @staticmethod
    def _handed(page: Page, each: Callable[[Page], None]) -> Page:
        each(page)
        return page

    # --- pages -------------------------------------------------------------

    def home_page(self) -> Page:
        items = sort_items(self.column.items, self.today)
        deadlines = sorted(
            (i for i in items if i.details.deadline and i.details.deadline >= self.today),
            key=lambda i: (i.details.deadline, i.id),
        )
        themes = self.column.taxonomy.themes
        sections = [
            (root, [(child, self._count("themes", child.id)) for child in themes.children(root.id)])
            for root in themes.terms
            if root.parent is None
        ]
        html = self.render(
            "home.html",
            "",
            sections=sections,
            deadlines=deadlines[:8],
            latest=items[:8],
            browse=[(kind, title, self._terms_with_counts(kind)) for kind, title in BROWSE_KINDS],
            total=len(items),
            sources=self.column.sources,
            push=rolling_push(self.column.schedule, self.column.items, self.today),
        )
        return Page("index.md", "“两重”“两新”政策专栏", html, {"hide": ["navigation", "toc"]})

    def item_page(self, item: Item) -> Page:
        siblings = self.column.items_of(item.source)
        position = item.order if siblings[item.order] is item else siblings.index(item)
        previous = siblings[position - 1] if position > 0 else None
        following = siblings[position + 1] if position + 1 < len(siblings) else None
        html = self.render(
            "item.html",
            item.url,
            item=item,
            source=item.source,
            previous=previous,
            following=following,
            related=self.related_items(item),
        )
        description = item.details.summary or item.text[:120]
        return Page(
            f"items/{item.id}.md",
            item.title,
            html,
            {"description": description, "hide": ["navigation", "toc"]},
        )

    def source_page(self, source: Source) -> Page:
        split = self.column.splits.get(source.slug)
        url = f"sources/{source.slug}/"
        html = self.render(
            "source.html", url, source=source, split=split, items=self.column.items_of(source)
        )
        return Page(f"sources/{source.slug}.md", source.title, html, {"hide": ["navigation"]})

    def sources_index_page(self) -> Page:
        sources = sorted(
            self.column.sources,
            key=lambda s: (-(s.published or s.signed or date.min).toordinal(), s.slug),
        )
        counts = {s.slug: len(self.column.items_of(s)) for s in sources}
        html = self.render("sources.html", "sources/", sources=sources, counts=counts)
        return Page("sources/index.md", "政策原文", html)

    def list_page(self) -> Page:
        items = sort_items(self.column.items, self.today)
        html = self.render("list.html", "list/", items=items, downloads=LIST_DOWNLOADS)
        return Page("list.md", "政策清单", html, {"hide": ["navigation", "toc"]})

    def search_page(self) -> Page:
        html = self.render("search.html", "search/", fields=self.search_tags.fields())
        return Page("search.md", "搜索", html, {"hide": ["navigation", "toc"]})

    def finder_page(self) -> Page:
        audiences = self.column.taxonomy.audiences
        tops = [term for term in audiences.terms if not term.parent]
        groups = [(term, audiences.children(term.id)) for term in tops]
        html = self.render(
            "finder.html",
            "finder/",
            groups=groups,
            sectors=self.column.taxonomy.sectors.terms,
            data=FINDER_DATA,
        )
        return Page("finder.md", "我能享受哪些政策", html, {"hide": ["navigation", "toc"]})

    def browse_index_page(self, kind: str, title: str) -> Page:
        html = self.render(
            "browse.html", f"{kind}/", kind=kind, terms=self._terms_with_counts(kind)
        )
        return Page(f"{kind}/index.md", title, html)

    def term_page(self, kind: str, term: Term) -> Page:
        items = sort_items(self._items_under(kind, term.id), self.today)
        vocabulary = self.column.taxonomy.vocabulary(kind)
        children = [(c, self._count(kind, c.id)) for c in vocabulary.children(term.id)]
        html = self.render(
            "term.html", f"{kind}/{term.id}/", kind=kind, term=term, items=items, children=children
        )
        return Page(f"{kind}/{term.id}.md", term.name, html)

    # --- helpers -----------------------------------------------------------

    def related_items(self, item: Item, limit: int = 5) -> list[Item]:
        """Items of other clauses sharing the most sectors and themes with ``item``.

        Most shared first, then other documents before the item's own, then by id.
        """
        if self._related is None:
            self._related = RelatedIndex(self.column.items)
        return self._related.related(item, limit)

    def _items_under(self, kind: str, term_id: str) -> list[Item]:
        """The items filed under a term or any narrower term, in column order."""
        if kind not in self._under:
            vocabulary = self.column.taxonomy.vocabulary(kind)
            under: dict[str, list[Item]] = {}
            for item in self.column.items:
                for tag in vocabulary.with_ancestors(item_tags(item, kind)):
                    under.setdefault(tag, []).append(item)
            self._under[kind] = under
        return list(self._under[kind].get(term_id, ()))

    def _count(self, kind: str, term_id: str) -> int:
        return len(self._items_under(kind, term_id))

    def _terms(self, kind: str) -> tuple[Term, ...]:
        return self.column.taxonomy.vocabulary(kind).terms

    def _terms_with_counts(self, kind: str) -> list[tuple[Term, int]]:
        return [(term, self._count(kind, term.id)) for term in self._terms(kind)]


# Items from which pages are rendered on every core: below, worker processes cost more.
PARALLEL_FROM = 2000
LINK_MARK = "\x00"  # around a link's number in a card being made: no text has it
_FORKED: tuple | None = None  # (render, values) for forked workers: inherited, not pickled


def _render_forked(index: int) -> Page:
    render, values = _FORKED
    return render(values[index])


class RelatedIndex:
    """Finds related items in time linear in the column, not quadratic.

    Items with the same set of sectors and themes share a group; how many tags two
    items share depends only on their groups. Within a group (sorted by id) an item's
    own document is one contiguous run, so the best candidates of a group are its first
    few items before and after that run, and the first few inside it.
    """

    def __init__(self, items: tuple[Item, ...] | list[Item]):
        groups: dict[frozenset[str], list[Item]] = {}
        for item in items:
            groups.setdefault(self.tags(item), []).append(item)
        self.groups = {tags: sorted(group, key=lambda i: i.id) for tags, group in groups.items()}
        self.ids = {tags: [i.id for i in group] for tags, group in self.groups.items()}
        self._levels: dict[frozenset[str], list[list[frozenset[str]]]] = {}

    @staticmethod
    def tags(item: Item) -> frozenset[str]:
        return frozenset(item.sectors) | frozenset(item.themes)

    def levels(self, mine: frozenset[str]) -> list[list[frozenset[str]]]:
        """The groups sharing tags with ``mine``, most shared first."""
        if mine not in self._levels:
            by_shared: dict[int, list[frozenset[str]]] = {}
            for tags in self.groups:
                shared = len(mine & tags)
                if shared:
                    by_shared.setdefault(shared, []).append(tags)
            self._levels[mine] = [by_shared[n] for n in sorted(by_shared, reverse=True)]
        return self._levels[mine]

    def related(self, item: Item, limit: int) -> list[Item]:
        prefix = f"{item.source.slug}/"
        after_prefix = prefix[:-1] + chr(ord("/") + 1)
        found: list[tuple[bool, str, Item]] = []
        for level in self.levels(self.tags(item)):
            candidates = []
            for tags in level:
                group, ids = self.groups[tags], self.ids[tags]
                start, end = bisect_left(ids, prefix), bisect_left(ids, after_prefix)
                others = group[: min(start, limit)] + group[end : end + limit]
                own = [i for i in group[start : min(end, start + limit + 1)] if i.id != item.id]
                candidates += [(False, i.id, i) for i in others[:limit]]
                candidates += [(True, i.id, i) for i in own[:limit]]
            found += sorted(candidates, key=lambda c: c[:2])[: limit - len(found)]
            if len(found) >= limit:
                break
        return [other for *_, other in found]


def paragraphs(text: str) -> list[str]:
    """The non-empty lines of a clause: one paragraph each, as in the source."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def is_web_address(url: object) -> bool:
    """Whether ``url`` may be a link out of the column: http(s) only, never javascript: or data:."""
    if not isinstance(url, str):
        return False
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def cn_date(value: date | None) -> str:
    """2024-09-05 → 2024年9月5日; nothing for a missing date."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def render_pages(
    column: Column, today: date, fragments_dir: Path, indexed: Callable[[Page], None] | None = None
) -> list[Page]:
    """Every page of the column; ``indexed`` gets the searchable ones as they are made."""
    return PageRenderer(column, today, fragments_dir).pages(indexed)
