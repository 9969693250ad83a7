"""Widgets for the portal's home page: "latest policies" and "approaching deadlines".

Each widget comes three ways: a small page to embed in an iframe (``widgets/<name>/``,
sized by ``embed.js``), an HTML snippet with absolute links for a CMS that includes
fragments (``widgets/<name>/snippet.html``), and JSON (``api/v1/widgets/<name>.json``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup

from generator.core.model import Column, Item
from generator.core.pushes import pushed_items
from generator.core.rules import is_current, release_date, sort_items
from generator.core.site_paths import absolute_url, relative_url
from generator.output.data.records import widget_record
from generator.output.html.renderer import FragmentRenderer
from generator.output.request import SiteFiles, SiteRequest

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


def latest_items(column: Column, today: date, limit: int = WIDGET_SIZE) -> list[Item]:
    """Without a schedule: the newest in-force items published on or before ``today``.

    Newest document first, then clause order; expired items never show.
    """
    published = [
        item
        for item in column.items
        if (release_date(item.source) or date.min) <= today and is_current(item, today)
    ]
    return sort_items(published, today)[:limit]


def deadline_items(column: Column, today: date, limit: int = WIDGET_SIZE) -> list[Item]:
    """Items whose application deadline is today or later, the nearest first."""
    upcoming = [i for i in column.items if i.details.deadline and i.details.deadline >= today]
    return sorted(upcoming, key=lambda i: (i.details.deadline, i.id))[:limit]


def find_widgets(column: Column, today: date) -> list[Widget]:
    """ "Latest" follows the portal's rolling push when there is a schedule; its dates are
    push days then, publication days otherwise. "Deadlines" shows application deadlines."""
    pushed = pushed_items(column, today, WIDGET_SIZE)
    if pushed:
        items = tuple(item for item, _ in pushed)
        dates = {item.id: day for item, day in pushed}
        # After the campaign the last pushes are not news any more: the title says so.
        ended = column.schedule is not None and today > column.schedule.campaign.end
        title = "往期推送政策" if ended else "最新推送政策"
        latest = Widget("latest", title, items, "list/", dates)
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


# The portal origins an embedded page may talk to, read by frame.js (main.html writes it too).
EMBED_META = "pc-embed-origins"


class WidgetRenderer:
    def __init__(
        self, renderer: FragmentRenderer, site_url: str = "", embed_origins: tuple[str, ...] = ()
    ):
        self.embed_origins = embed_origins
        self.column = renderer.column
        self.today = renderer.today
        self.site_url = site_url
        self.pages = renderer

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
            f'<meta name="{EMBED_META}" content="{Markup.escape(" ".join(self.embed_origins))}">\n'
            f'<script src="{root}assets/javascripts/display.js"></script>\n'
            f'<script src="{root}assets/javascripts/frame.js" defer></script>\n'
            f'</head><body class="pc-widget-page">\n{self.fragment(widget, False)}\n'
            "</body></html>\n"
        )


def widget_files(request: SiteRequest, made: SiteFiles) -> SiteFiles:
    """The widget pages and snippets, and their API records by endpoint name."""
    column, today, site_url = request.column, request.today, request.site_url
    renderer = WidgetRenderer(request.renderer, site_url, request.embed_origins)
    files: dict[str, bytes] = {}
    records: dict[str, dict] = {}
    for widget in find_widgets(column, today):
        files[f"{widget.url}index.html"] = renderer.frame_page(widget).encode()
        files[f"{widget.url}snippet.html"] = (renderer.fragment(widget, True) + "\n").encode()
        records[widget.name] = widget_record(
            column, widget.title, list(widget.items), today, site_url
        )
    return SiteFiles(files=files, records=records)
