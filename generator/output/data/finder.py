"""``api/finder.json``: what the 我能享受哪些政策 ("which policies are for me") page needs.

The page is static: the browser filters this file by who the reader is. Each
term carries its broader terms, so an item for 企业 also reaches a 中小企业 reader,
and an item for 中小企业 reaches someone who only said 企业.
"""

from __future__ import annotations

from datetime import date

from generator.core.model import Column, Item, Vocabulary
from generator.core.rules import item_status, sort_items
from generator.core.site_paths import FINDER_DATA
from generator.output.data.records import dump_json
from generator.output.request import SiteFiles, SiteRequest

# Sector terms that mean "every sector" (综合: 不限行业): such items fit any sector a reader picks.
ANY_SECTOR_TERMS = ("general",)


def _terms(vocabulary: Vocabulary) -> list[dict]:
    return [
        {
            "id": term.id,
            "name": term.name,
            "parent": term.parent,
            "broader": list(vocabulary.with_ancestors((term.id,))),
        }
        for term in vocabulary.terms
    ]


def ends_on(item: Item) -> date | None:
    """The last day the item can be used: its application deadline or its expiry, if sooner."""
    ends = [d for d in (item.details.deadline, item.expires) if d is not None]
    return min(ends) if ends else None


def finder_record(item: Item, today: date) -> dict:
    details = item.details
    end = ends_on(item)
    return {
        "id": item.id,
        "url": item.url,
        "title": item.title,
        "summary": details.summary,
        "source_title": item.source.title,
        "audiences": list(item.audiences),
        "sectors": list(item.sectors),
        "status": item_status(item, today),
        "ends": end.isoformat() if end else None,
        "ends_is_deadline": bool(details.deadline and end == details.deadline),
        "amount": details.max_amount or details.amount,
        "department": details.department,
        "phone": details.phone,
    }


def finder_json(column: Column, today: date) -> str:
    """Items in the column's list order; the page sorts them by deadline for the reader."""
    taxonomy = column.taxonomy
    sectors = {term.id for term in taxonomy.sectors.terms}
    return dump_json(
        {
            "as_of": today.isoformat(),
            "audiences": _terms(taxonomy.audiences),
            "sectors": _terms(taxonomy.sectors),
            "any_sector": [term_id for term_id in ANY_SECTOR_TERMS if term_id in sectors],
            "items": [finder_record(item, today) for item in sort_items(column.items, today)],
        }
    )


def finder_files(request: SiteRequest, made: SiteFiles) -> SiteFiles:
    """The data the 我能享受哪些政策 page filters in the browser."""
    return SiteFiles(files={FINDER_DATA: finder_json(request.column, request.today).encode()})
