"""The static JSON API (``api/v1/``) that the portal's CMS or a mini-program reuses.

Every file has a JSON Schema under ``api/v1/schemas/``; the schemas live in
``generator/schemas/api/`` and are published with an ``$id`` built from ``site_url``.
Records only ever gain keys within v1: clients must ignore keys they do not know.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from generator.core.model import Column
from generator.core.rules import sort_items
from generator.core.site_paths import absolute_url
from generator.output.data.records import (
    dump_json,
    item_detail,
    item_record,
    item_summary,
    source_record,
    taxonomy_record,
)
from generator.output.data.schedule_files import schedule_json
from generator.output.request import SiteFiles, SiteRequest

API_ROOT = "api/v1/"


SCHEMA_DIR = Path(__file__).parents[2] / "schemas" / "api"


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


def api_files(request: SiteRequest, made: SiteFiles) -> SiteFiles:
    """``api/items.json`` and every file under ``api/v1/``: data, schemas and the index.

    The records other producers made (the 政策包, the widgets; endpoint names of
    ``ENDPOINTS``) are written and indexed like the rest.
    """
    column, today, site_url = request.column, request.today, request.site_url
    files = {"api/items.json": items_json(column, today).encode()}
    files.update(v1_files(column, today, site_url, made.records))
    return SiteFiles(files=files)


def v1_files(
    column: Column, today: date, site_url: str, extra: dict[str, object]
) -> dict[str, bytes]:
    """Every file under ``api/v1/``: data, schemas and the index that lists them."""
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
        **extra,
    }
    if column.schedule is not None:
        # The schedule module's own record (api/schedule.json), versioned here with a schema.

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


def items_json(column: Column, today: date) -> str:
    """``api/items.json``: every item, in the column's list order."""
    records = [item_record(column, item, today) for item in sort_items(column.items, today)]
    return dump_json({"count": len(records), "items": records})
