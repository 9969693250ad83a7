"""What the search index (Pagefind) is told about each page, and the facets it offers.

Pure: pages carry these values as ``data-pagefind-*`` attributes, the search page
renders the facet form from them. An item is filed under each of its terms *and*
their broader terms, exactly as the browse pages count it, so the counts agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.core.model import Column, Item, Source
from generator.core.programme import programme_of
from generator.core.rules import (
    EXPIRED,
    STATUSES,
    filed_under,
    is_current,
    item_status,
    release_date,
)

# Page kinds, shown with each result (not a facet: on a large column every facet costs a
# filter file of about two bytes per page, which a reader downloads to see the counts).
ITEM_KIND = "政策条目"


SOURCE_KIND = "政策原文"
# The ranking tiers, one Pagefind filter the browser reads to order results: whole
# documents after items, clauses only for 政府部门 after those for the public (when they
# match as well), anything expired last. Only pages with a tier carry it, so the filter
# file stays a fraction of the status facet's.
TIER = "tier"
DOCUMENT_TIER = "document"
GOVERNMENT_TIER = "gov"
BENEFIT_TIER = "benefit"  # says what the public gets (支持标准, 最高额度): first among equals
APPLY_TIER = "apply"  # says how to claim it (申报方式): next, before 申报材料 and the rest
EXPIRED_TIER = "expired"
# Released in the last half year and in force: this year's subsidy before the same subsidy of
# two years ago when both match as well (a column keeps every year's rules of a programme).
RECENT_TIER = "recent"
RECENT_DAYS = 183
GOVERNMENT = "government"  # the audience whose narrower terms are the implementing units


@dataclass(frozen=True)
class Facet:
    """One filter of the search page."""

    key: str  # ASCII: the Pagefind filter name and the URL parameter
    label: str  # shown to readers
    vocabulary: str = ""  # taxonomy kind whose terms are the values, if any


FACETS = (
    Facet("theme", "主题", "themes"),
    Facet("sector", "行业", "sectors"),
    Facet("audience", "对象", "audiences"),
    Facet("level", "层级", "levels"),
    Facet("issuer", "发文机关", "issuers"),
    Facet("status", "状态"),
    Facet("year", "发文年份"),
)


@dataclass(frozen=True)
class FacetOption:
    value: str  # what the index stores and the URL carries: the Chinese name
    count: int  # pages under it before any search, as on the browse pages
    depth: int = 0  # 1 for a narrower term shown under its broader one


@dataclass(frozen=True)
class FacetField:
    facet: Facet
    options: tuple[FacetOption, ...]


@dataclass(frozen=True)
class IndexTags:
    """What one page tells Pagefind besides its text."""

    filters: tuple[tuple[str, str], ...]  # (facet key, value), one pair per value
    meta: tuple[tuple[str, str], ...]  # shown with a result
    # Sort keys: deadline (申报截止, ISO), only on the items that have one. A key on every page
    # (the list order, a date) would cost every first query 25 KiB at 10 000 items; 最新发布
    # uses the 发文年份 filter instead, loaded only when asked for.
    sorts: tuple[tuple[str, str], ...]


def item_year(item: Item) -> str:
    """发文年份: the year the document was published, or signed; "" when neither is known."""
    day = release_date(item.source)
    return str(day.year) if day else ""


class SearchTags:
    """Index tags of every page of one column, built for ``today``."""

    def __init__(self, column: Column, today: date):
        self.column = column
        self.today = today
        live = {item.source.slug for item in column.items if is_current(item, today)}
        self.expired_sources = {item.source.slug for item in column.items} - live

    def item_filters(self, item: Item) -> list[tuple[str, str]]:
        pairs = []
        for facet in FACETS:
            if facet.vocabulary:
                vocabulary = self.column.taxonomy.vocabulary(facet.vocabulary)
                for term_id in filed_under(item, facet.vocabulary, self.column.taxonomy):
                    pairs.append((facet.key, vocabulary.get(term_id).name))
        pairs.append(("status", item_status(item, self.today)))
        if year := item_year(item):
            pairs.append(("year", year))
        return pairs

    def of_item(self, item: Item) -> IndexTags:
        source = item.source
        issuers = "、".join(self.column.taxonomy.issuers.get(i).name for i in source.issuers)
        meta = [
            ("title", item.title),
            ("type", ITEM_KIND),
            ("status", item_status(item, self.today)),
            ("source", source.title),
            ("programme", programme_of(source.title)),  # two items of one title fold within one
            ("doc_number", source.doc_number),
            ("issuer", issuers),
            ("deadline", item.details.deadline.isoformat() if item.details.deadline else ""),
            ("opens", item.details.opens.isoformat() if item.details.opens else ""),
        ]
        tiers = []
        if self.for_government_only(item):
            tiers.append((TIER, GOVERNMENT_TIER))
        elif item.details.amount or item.details.max_amount:
            tiers.append((TIER, BENEFIT_TIER))
        elif item.details.how_to_apply:
            tiers.append((TIER, APPLY_TIER))
        if not is_current(item, self.today):  # expired, repealed or replaced: listed last
            tiers.append((TIER, EXPIRED_TIER))
        elif self.is_recent(item):
            tiers.append((TIER, RECENT_TIER))
        sorts = []
        if item.details.deadline:
            sorts.append(("deadline", item.details.deadline.isoformat()))
        return IndexTags(
            tuple(self.item_filters(item)) + tuple(tiers),
            tuple((k, v) for k, v in meta if v),
            tuple(sorts),
        )

    def is_recent(self, item: Item) -> bool:
        """Whether the item's document came out in the last ``RECENT_DAYS`` days."""
        day = release_date(item.source)
        return day is not None and 0 <= (self.today - day).days <= RECENT_DAYS

    def for_government_only(self, item: Item) -> bool:
        """Whether only 政府部门 (or its units) are the item's audience: a work-plan clause."""
        audiences = self.column.taxonomy.audiences
        return bool(item.audiences) and all(
            GOVERNMENT in audiences.with_ancestors((audience,)) for audience in item.audiences
        )

    def source_expired(self, source: Source) -> bool:
        """A document is expired when every item of it is."""
        return source.slug in self.expired_sources

    def of_source(self, source: Source) -> IndexTags:
        issuers = "、".join(self.column.taxonomy.issuers.get(i).name for i in source.issuers)
        meta = [
            ("title", source.title),
            ("type", SOURCE_KIND),
            ("doc_number", source.doc_number),
            ("issuer", issuers),
        ]
        tiers = [(TIER, DOCUMENT_TIER)]
        if self.source_expired(source):
            meta.append(("status", EXPIRED))
            tiers.append((TIER, EXPIRED_TIER))
        return IndexTags(tuple(tiers), tuple((k, v) for k, v in meta if v), ())

    def fields(self) -> list[FacetField]:
        """The facets with every value and its count, in taxonomy order."""
        counts: dict[tuple[str, str], int] = {}
        for item in self.column.items:
            for pair in self.item_filters(item):
                counts[pair] = counts.get(pair, 0) + 1
        fields = []
        for facet in FACETS:
            if facet.vocabulary:
                vocabulary = self.column.taxonomy.vocabulary(facet.vocabulary)
                options = [
                    FacetOption(
                        term.name,
                        counts.get((facet.key, term.name), 0),
                        len(vocabulary.with_ancestors((term.id,))) - 1,
                    )
                    for term in vocabulary.terms
                ]
            else:
                values = {value for key, value in counts if key == facet.key}
                if facet.key == "status":
                    ordered = [s for s in STATUSES if s in values]
                else:
                    ordered = sorted(values, reverse=True)
                options = [FacetOption(v, counts[(facet.key, v)]) for v in ordered]
            fields.append(FacetField(facet, tuple(o for o in options if o.count)))
        return fields
