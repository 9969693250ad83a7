"""Widgets for the portal's home page: "latest policies" and "approaching deadlines".

Each widget comes three ways: a small page to embed in an iframe (``widgets/<name>/``,
sized by ``embed.js``), an HTML snippet with absolute links for a CMS that includes
fragments (``widgets/<name>/snippet.html``), and JSON (``api/v1/widgets/<name>.json``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from markupsafe import Markup

from .api import absolute_url, widget_record
from .model import Column, Item, item_status
from .pages import PageRenderer, relative_url, sort_items

WIDGETS_ROOT = "widgets/"
WIDGET_SIZE = 6  # items per widget: what a portal home page box holds


@dataclass(frozen=True)
class Widget:
    name: str  # "latest" or "deadlines": URL folder and API file name
    title: str
    items: tuple[Item, ...]
    more: str  # site path of the page that lists all of them
    dates: dict[str, date] = field(default_factory=dict)  # item id → the date shown

    @property
    def url(self) -> str:
        return f"{WIDGETS_ROOT}{self.name}/"


def pushed_items(column: Column, today: date, limit: int = WIDGET_SIZE) -> list[tuple[Item, date]]:
    """The items the portal channel pushed most recently up to ``today`` (门户网站滚动推送),
    newest first, each once, with the day of its latest push; empty without a schedule."""
    schedule = column.schedule
    if schedule is None or not schedule.campaign.portal:
        return []
    by_id = {item.id: item for item in column.items}
    slots = sorted(schedule.slots_on(schedule.campaign.portal), key=lambda s: s.day, reverse=True)
    pushed: dict[str, tuple[Item, date]] = {}
    for slot in slots:
        item = by_id.get(slot.item)
        if (
            slot.day <= today
            and item is not None
            and item.id not in pushed
            and item_status(item, today) != "已失效"
        ):
            pushed[item.id] = (item, slot.day)
        if len(pushed) == limit:
            break
    return list(pushed.values())


def latest_items(column: Column, today: date, limit: int = WIDGET_SIZE) -> list[Item]:
    """Without a schedule: the newest in-force items published on or before ``today``.

    Newest document first, then clause order; expired items never show.
    """
    published = [
        item
        for item in column.items
        if (item.source.published or item.source.signed or date.min) <= today
        and item_status(item, today) != "已失效"
    ]
    return sort_items(published, today)[:limit]


def deadline_items(column: Column, today: date, limit: int = WIDGET_SIZE) -> list[Item]:
    """Items whose application deadline is today or later, the nearest first."""
    upcoming = [i for i in column.items if i.details.deadline and i.details.deadline >= today]
    return sorted(upcoming, key=lambda i: (i.details.deadline, i.id))[:limit]


def find_widgets(column: Column, today: date) -> list[Widget]:
    """ "Latest" follows the portal's rolling push when there is a schedule; its dates are
    push days then, publication days otherwise. "Deadlines" shows application deadlines."""
    pushed = pushed_items(column, today)
    if pushed:
        items = tuple(item for item, _ in pushed)
        dates = {item.id: day for item, day in pushed}
        latest = Widget("latest", "最新推送政策", items, "list/", dates)
    else:
        items = tuple(latest_items(column, today))
        dates = {i.id: i.source.published for i in items if i.source.published}
        latest = Widget("latest", "最新政策", items, "list/", dates)
    deadlines = deadline_items(column, today)
    return [
        latest,
        Widget(
            "deadlines",
            "即将截止申报",
            tuple(deadlines),
            "list/",
            {i.id: i.details.deadline for i in deadlines if i.details.deadline},
        ),
    ]


class WidgetRenderer:
    def __init__(self, column: Column, today: date, fragments_dir: Path, site_url: str = ""):
        self.column = column
        self.today = today
        self.site_url = site_url
        self.pages = PageRenderer(column, today, fragments_dir)

    def fragment(self, widget: Widget, absolute: bool) -> str:
        def href(target: str) -> str:
            return absolute_url(self.site_url, target) if absolute else self.pages.link(target)

        return self.pages.render("widget.html", widget.url, widget=widget, href=href)

    def frame_page(self, widget: Widget) -> str:
        """The widget as a small standalone page for an iframe: no theme, a few KB."""
        root = relative_url("", widget.url)
        return (
            '<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{Markup.escape(widget.title)} · “两重”“两新”政策专栏</title>\n"
            f'<link rel="icon" href="{root}assets/images/favicon.png">\n'
            f'<link rel="stylesheet" href="{root}assets/stylesheets/widget.css">\n'
            f'<script src="{root}assets/javascripts/display.js"></script>\n'
            f'<script src="{root}assets/javascripts/frame.js" defer></script>\n'
            f'</head><body class="pc-widget-page">\n{self.fragment(widget, False)}\n'
            "</body></html>\n"
        )


def widget_files(
    column: Column, today: date, fragments_dir: Path, site_url: str = ""
) -> tuple[dict[str, bytes], dict[str, dict]]:
    """The widget pages and snippets, and their API records by endpoint name."""
    renderer = WidgetRenderer(column, today, fragments_dir, site_url)
    files: dict[str, bytes] = {}
    records: dict[str, dict] = {}
    for widget in find_widgets(column, today):
        files[f"{widget.url}index.html"] = renderer.frame_page(widget).encode()
        files[f"{widget.url}snippet.html"] = (renderer.fragment(widget, True) + "\n").encode()
        records[widget.name] = widget_record(
            column, widget.title, list(widget.items), today, site_url
        )
    return files, records
