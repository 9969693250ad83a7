"""Items and documents as plain records: what the API, the list and the feeds share."""

from __future__ import annotations

import json
from datetime import date

from generator.core.model import Column, Item, Source, Term
from generator.core.rules import TermIndex, item_status
from generator.core.site_paths import absolute_url
from generator.core.tagging import TAG_KINDS


def item_record(column: Column, item: Item, today: date) -> dict:
    """An item as the API publishes it: ids and names, ISO dates, site-relative URL."""
    taxonomy = column.taxonomy
    source = item.source

    def names(kind: str, ids: tuple[str, ...]) -> list[str]:
        return [taxonomy.vocabulary(kind).get(term_id).name for term_id in ids]

    def iso(value: date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": item.id,
        "url": item.url,
        "title": item.title,
        "summary": item.details.summary,
        "clause": list(item.clause),
        "source": source.slug,
        "source_title": source.title,
        "doc_number": source.doc_number,
        "issuer": names("issuers", source.issuers),
        "level": taxonomy.levels.get(source.level).name,
        "themes": names("themes", item.themes),
        "sectors": names("sectors", item.sectors),
        "audiences": names("audiences", item.audiences),
        "status": item_status(item, today),
        "signed": iso(source.signed),
        "published": iso(source.published),
        "expires": iso(item.expires),
        "opens": iso(item.details.opens),
        "deadline": iso(item.details.deadline),
    }


def dump_json(data: object) -> str:
    """JSON the way every file of the column is written: stable and readable Chinese."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def item_summary(column: Column, item: Item, today: date, site_url: str = "") -> dict:
    """An item in ``items.json``: ``api/items.json``'s record plus term ids and links."""
    record = item_record(column, item, today)
    record.update(
        {
            "href": absolute_url(site_url, item.url),
            "api": f"items/{item.id}.json",
            "category": item.details.category or None,
            "tags": {
                **{kind: list(getattr(item, kind)) for kind in TAG_KINDS},
                "level": item.source.level,
                "issuers": list(item.source.issuers),
            },
        }
    )
    return record


def item_detail(column: Column, item: Item, today: date, site_url: str = "") -> dict:
    """``items/<id>.json``: the summary plus the clause text and the whole 申兑指南."""
    d = item.details
    source = item.source
    record = item_summary(column, item, today, site_url)
    record.update(
        {
            "text": item.text,
            "breadcrumb": list(item.breadcrumb),
            "guide": {
                "who": d.who,
                "amount": d.amount,
                "max_amount": d.max_amount,
                "conditions": d.conditions,
                "how_to_apply": d.how_to_apply,
                "apply_url": d.apply_url,
                "materials": list(d.materials),
                "payout": d.payout,
                "department": d.department,
                "phone": d.phone,
            },
            "links": {
                "interpretation": d.interpretation_url,
                "graphic": d.graphic_url,
                "video": d.video_url,
                "original": source.source_url,
                "in_source": absolute_url(site_url, f"sources/{source.slug}/#c-{item.path}"),
            },
        }
    )
    return record


def source_record(column: Column, source: Source, site_url: str = "") -> dict:
    taxonomy = column.taxonomy
    items = column.items_of(source)
    return {
        "slug": source.slug,
        "title": source.title,
        "doc_number": source.doc_number,
        "issuers": [term_ref(taxonomy.issuers.get(i)) for i in source.issuers],
        "level": term_ref(taxonomy.levels.get(source.level)),
        "signed": iso(source.signed),
        "published": iso(source.published),
        "expires": iso(source.expires),
        "source_url": source.source_url,
        "url": f"sources/{source.slug}/",
        "href": absolute_url(site_url, f"sources/{source.slug}/"),
        "themes": list(source.themes),
        "item_count": len(items),
        "items": [item.id for item in items],
    }


def taxonomy_record(column: Column) -> dict:
    """Every vocabulary with its terms and how many items each term lists."""
    taxonomy = column.taxonomy
    under = TermIndex(column)
    record: dict = {}
    for kind in ("themes", "sectors", "audiences", "levels", "issuers", "categories"):
        vocabulary = taxonomy.vocabulary(kind)
        record[kind] = [
            {
                **term_ref(term),
                "parent": term.parent,
                "description": term.description,
                "count": under.count(kind, term.id),
                "url": f"{kind}/{term.id}/" if kind != "categories" else None,
            }
            for term in vocabulary.terms
        ]
    record["channels"] = [
        {"id": c.id, "name": c.name, "per_day": c.per_day, "per_week": c.per_week}
        for c in taxonomy.channels
    ]
    return record


def term_ref(term: Term) -> dict:
    return {"id": term.id, "name": term.name}


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def widget_record(
    column: Column, title: str, items: list[Item], today: date, site_url: str = ""
) -> dict:
    """``widgets/latest.json`` and ``widgets/deadlines.json``: a titled, short list."""
    return {
        "title": title,
        "count": len(items),
        "items": [item_summary(column, item, today, site_url) for item in items],
    }
