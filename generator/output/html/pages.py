"""The column's own pages: home, items, documents, lists, browse pages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.core.model import Item, Source, Term
from generator.core.page import Page, PageFacts
from generator.core.pushes import rolling_push
from generator.core.related import RelatedIndex
from generator.core.rules import item_tags, items_status, release_date, sort_items, sort_sources
from generator.core.site_paths import FINDER_DATA, LIST_DOWNLOADS
from generator.output.html.parallel import PARALLEL_FROM, render_all
from generator.output.html.renderer import FragmentRenderer
from generator.output.request import SiteFiles, SiteRequest

# Browse pages: URL folder, vocabulary, page title. The order is the nav's.
CONTENTS_FROM = 10  # clauses from which a document's page opens with its contents
# Vocabularies whose term pages also list the items of broader terms, as the finder
# counts them (an item for 企业 is for every 生产企业).
BROADER_REACHES = ("audiences",)


@dataclass(frozen=True)
class OutlineEntry:
    """One line of a document's outline: a heading of its parts, or one of its clauses."""

    depth: int  # 1 for a top heading; a clause sits one deeper than its last heading
    anchor: str
    text: str = ""
    item: Item | None = None

    @property
    def heading(self) -> bool:
        return self.item is None


def document_outline(items: tuple[Item, ...] | list[Item]) -> list[OutlineEntry]:
    """The headings (from the items' breadcrumbs, each once where it starts) and the clauses
    of a document, in order: its page shows the headings as headings, its contents all."""
    entries: list[OutlineEntry] = []
    shown: tuple[str, ...] = ()
    for item in items:
        crumbs = tuple(item.breadcrumb)
        for depth, crumb in enumerate(crumbs, 1):
            # A part whose lead text is the clause just shown ("(二)专班机制。由…") has
            # that clause as its heading already.
            lead = entries[-1].item if entries else None
            if shown[:depth] != crumbs[:depth] and not (lead and lead.text.startswith(crumb)):
                entries.append(OutlineEntry(depth, f"h-{item.path}-{depth}", crumb))
        shown = crumbs
        entries.append(OutlineEntry(len(crumbs) + 1, f"c-{item.path}", item=item))
    return entries


BROWSE_KINDS = (
    ("themes", "按主题"),
    ("sectors", "按行业"),
    ("audiences", "按对象"),
    ("levels", "按层级"),
    ("issuers", "按发文机关"),
)


def column_pages(request: SiteRequest, made: SiteFiles) -> SiteFiles:
    """Every page of the column; ``request.indexed`` gets the searchable ones as they are made."""
    indexed = request.indexed
    return SiteFiles(ColumnPages(request.renderer).pages(indexed.add if indexed else None))


class ColumnPages:
    """The column's pages, rendered with the build's fragment renderer."""

    def __init__(self, renderer: FragmentRenderer):
        self.renderer = renderer
        self.column = renderer.column
        self.today = renderer.today
        self.render = renderer.render
        self.under = renderer.under
        self.search_tags = renderer.search_tags
        self._related: RelatedIndex | None = None  # built on first use

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
        """``[render(v) for v in values]``, on every core when the column is large."""
        large = len(self.column.items) >= PARALLEL_FROM

        def warm() -> None:  # indexes the workers inherit instead of each building them
            for kind, _ in BROWSE_KINDS:
                self.under.items_under(kind, "")

        return render_all(render, values, chunk, each, large, warm)

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
            campaign=self.column.schedule.campaign if self.column.schedule else None,
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
            self.facts(item.source, item.themes + item.sectors, description),
        )

    def source_page(self, source: Source) -> Page:
        split = self.column.splits.get(source.slug)
        url = f"sources/{source.slug}/"
        items = self.column.items_of(source)
        html = self.render(
            "source.html",
            url,
            source=source,
            split=split,
            items=items,
            outline=document_outline(items),
            contents_from=CONTENTS_FROM,
            state=items_status(items, self.today),
        )
        facts = self.facts(source, source.themes + source.sectors, "")
        return Page(
            f"sources/{source.slug}.md", source.title, html, {"hide": ["navigation"]}, facts
        )

    def sources_index_page(self) -> Page:
        sources = sort_sources(self.column.sources)
        counts = {s.slug: len(self.column.items_of(s)) for s in sources}
        states = {s.slug: items_status(self.column.items_of(s), self.today) for s in sources}
        html = self.render(
            "sources.html", "sources/", sources=sources, counts=counts, states=states
        )
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
        items = sort_items(self.under.items_under(kind, term.id), self.today)
        vocabulary = self.column.taxonomy.vocabulary(kind)
        children = [(c, self._count(kind, c.id)) for c in vocabulary.children(term.id)]
        broader = [vocabulary.get(t) for t in vocabulary.with_ancestors((term.id,)) if t != term.id]
        also: list[Item] = []
        if kind in BROADER_REACHES and broader:
            ids = {b.id for b in broader}
            shown = {item.id for item in items}
            tagged = (i for b in broader for i in self.under.items_under(kind, b.id))
            found = {i.id: i for i in tagged if i.id not in shown and ids & set(item_tags(i, kind))}
            also = sort_items(list(found.values()), self.today)
        html = self.render(
            "term.html",
            f"{kind}/{term.id}/",
            kind=kind,
            term=term,
            items=items,
            children=children,
            broader_items=also,
            broader_terms=[b for b in broader if any(b.id in item_tags(i, kind) for i in also)],
        )
        return Page(f"{kind}/{term.id}.md", term.name, html)

    # --- helpers -----------------------------------------------------------

    def facts(self, source: Source, tags: tuple[str, ...], description: str) -> PageFacts:
        """What an item or document page tells its 网页标签."""
        taxonomy = self.column.taxonomy
        words = [taxonomy.themes.find(t) or taxonomy.sectors.find(t) for t in tags]
        released = release_date(source)
        return PageFacts(
            published=released.isoformat() if released else "",
            source=" ".join(taxonomy.issuers.get(i).name for i in source.issuers),
            keywords=tuple(dict.fromkeys(w.name for w in words if w is not None)),
            description=description,
        )

    def related_items(self, item: Item, limit: int = 5) -> list[Item]:
        """Items of other clauses sharing the most sectors and themes with ``item``.

        Most shared first, then other documents before the item's own, then by id.
        """
        if self._related is None:
            self._related = RelatedIndex(self.column.items)
        return self._related.related(item, limit)

    def _count(self, kind: str, term_id: str) -> int:
        return self.under.count(kind, term_id)

    def _terms(self, kind: str) -> tuple[Term, ...]:
        return self.column.taxonomy.vocabulary(kind).terms

    def _terms_with_counts(self, kind: str) -> list[tuple[Term, int]]:
        return [(term, self._count(kind, term.id)) for term in self._terms(kind)]
