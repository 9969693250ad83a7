"""The static JSON API (``api/v1/``) that the portal's CMS or a mini-program reuses.

Every file has a JSON Schema under ``api/v1/schemas/``; the schemas live in
``generator/schemas/api/`` and are published with an ``$id`` built from ``site_url``.
Records only ever gain keys within v1: clients must ignore keys they do not know.
"""

from __future__ import annotations

import functools
import json
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

from .exports import dump_json, item_record
from .model import Column, Item, Source, Term
from .pages import sort_items

API_ROOT = "api/v1/"
SCHEMA_DIR = Path(__file__).parent / "schemas" / "api"
TAG_KINDS = ("themes", "sectors", "audiences")

# Endpoint name → (file under api/v1/, its schema). ``items/<id>.json`` shares "item".
ENDPOINTS = {
    "index": ("index.json", "index.schema.json"),
    "items": ("items.json", "items.schema.json"),
    "item": ("items/{id}.json", "item.schema.json"),
    "sources": ("sources.json", "sources.schema.json"),
    "taxonomy": ("taxonomy.json", "taxonomy.schema.json"),
    "packages": ("packages.json", "packages.schema.json"),
    "latest": ("widgets/latest.json", "widget.schema.json"),
    "deadlines": ("widgets/deadlines.json", "widget.schema.json"),
    "schedule": ("schedule.json", "schedule.schema.json"),
}


@functools.lru_cache(maxsize=1 << 16)  # asked for each item by the API, packages and feeds
def absolute_url(site_url: str, path: str) -> str:
    """``path`` (site-relative) on the published site; the path itself without a site_url."""
    return urljoin(site_url, path) if site_url else path


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
    record: dict = {}
    for kind in ("themes", "sectors", "audiences", "levels", "issuers", "categories"):
        vocabulary = taxonomy.vocabulary(kind)
        counts: dict[str, int] = {}
        for item in column.items:
            for term_id in vocabulary.with_ancestors(item_tags(item, kind)):
                counts[term_id] = counts.get(term_id, 0) + 1
        record[kind] = [
            {
                **term_ref(term),
                "parent": term.parent,
                "description": term.description,
                "count": counts.get(term.id, 0),
                "url": f"{kind}/{term.id}/" if kind != "categories" else None,
            }
            for term in vocabulary.terms
        ]
    record["channels"] = [
        {"id": c.id, "name": c.name, "per_day": c.per_day, "per_week": c.per_week}
        for c in taxonomy.channels
    ]
    return record


def item_tags(item: Item, kind: str) -> tuple[str, ...]:
    if kind == "levels":
        return (item.source.level,)
    if kind == "issuers":
        return item.source.issuers
    if kind == "categories":
        return (item.details.category,) if item.details.category else ()
    return getattr(item, kind)


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


def api_files(
    column: Column,
    today: date,
    site_url: str = "",
    extra: dict[str, object] | None = None,
) -> dict[str, bytes]:
    """Every file under ``api/v1/``: data, schemas and the index that lists them.

    ``extra`` maps endpoint names (see ``ENDPOINTS``) to data other modules built
    (packages, widgets); they are written and indexed like the rest.
    """
    items = sort_items(column.items, today)
    data: dict[str, object] = {
        "items": {
            "count": len(items),
            "items": [item_summary(column, item, today, site_url) for item in items],
        },
        "sources": {
            "count": len(column.sources),
            "sources": [
                source_record(column, s, site_url)
                for s in sorted(column.sources, key=lambda s: s.slug)
            ],
        },
        "taxonomy": taxonomy_record(column),
        **(extra or {}),
    }
    if column.schedule is not None:
        # The schedule module's own record (api/schedule.json), versioned here with a schema.
        from .schedule_exports import schedule_json  # it imports absolute_url from here

        data["schedule"] = json.loads(schedule_json(column.schedule, column, site_url))
    files = {
        API_ROOT + ENDPOINTS[name][0]: dump_json(value).encode() for name, value in data.items()
    }
    for item in items:
        path = API_ROOT + ENDPOINTS["item"][0].format(id=item.id)
        files[path] = dump_json(item_detail(column, item, today, site_url)).encode()
    files[API_ROOT + "index.json"] = dump_json(api_index(sorted(data), today, site_url)).encode()
    files.update(schema_files(site_url))
    return files


def api_index(names: list[str], today: date, site_url: str = "") -> dict:
    """``index.json``: where every endpoint and its schema are, relative to ``api/v1/``."""
    endpoints = {
        name: {"href": path, "schema": f"schemas/{schema}"}
        for name, (path, schema) in ENDPOINTS.items()
        if name in names or name in ("index", "item")
    }
    return {
        "version": "v1",
        "as_of": today.isoformat(),
        "site_url": site_url,
        "endpoints": endpoints,
    }


def schema_files(site_url: str = "") -> dict[str, bytes]:
    """The schemas as published, each with an ``$id`` where it can be fetched."""
    files = {}
    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        site_path = f"{API_ROOT}schemas/{path.name}"
        schema = {"$id": absolute_url(site_url or "https://column.invalid/", site_path), **schema}
        files[site_path] = dump_json(schema).encode()
    return files
