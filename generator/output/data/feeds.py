"""Atom, RSS 2.0 and JSON Feed of the rolling push, for the whole column and per term.

An entry is an item on the day of its first slot on the portal channel, and only
slots on or before the build date are in: a daily rebuild with ``--as-of`` advances
the feeds, and two build dates give feeds that differ exactly by the items first
pushed between them. Links are absolute (from ``site_url``), as feed readers need.
Nothing depends on the clock: a feed's own date is its newest entry's.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from email.utils import format_datetime

from markupsafe import escape

from generator.core.model import Column, Item, Schedule, Term
from generator.core.pushes import first_pushes
from generator.core.rules import filed_under
from generator.core.site_paths import absolute_url

CHINA = timezone(timedelta(hours=8), "CST")


PUSH_TIME = time(9, 0)  # the portal's morning update: the time every entry carries


ATOM_NS = "http://www.w3.org/2005/Atom"


FEED_TITLE = "“两重”“两新”政策专栏"


FEEDS_ROOT = "feeds/"


FEED_FILES = {"atom": "atom.xml", "rss": "rss.xml", "json": "feed.json"}


FEED_KINDS = (("sectors", "行业"), ("audiences", "对象"))


NO_DATE = datetime(2024, 1, 1, tzinfo=CHINA)  # an empty feed's date: fixed, never the clock


@dataclass(frozen=True)
class Entry:
    """One item in a feed, dated by its first push on the portal."""

    item: Item
    day: date
    position: int  # the push's place in the schedule, for a stable order within a day

    @property
    def moment(self) -> datetime:
        return datetime.combine(self.day, PUSH_TIME, CHINA)


@dataclass(frozen=True)
class Feed:
    """A feed's metadata and entries (newest first), and where its files go."""

    folder: str  # site path of the feed's folder, e.g. "feeds/sectors/automobiles/"
    title: str
    description: str
    entries: tuple[Entry, ...]
    updated: datetime

    def path(self, kind: str) -> str:
        return self.folder + FEED_FILES[kind]


def feed_entries(schedule: Schedule, column: Column, today: date) -> list[Entry]:
    """Items first pushed on the portal on or before ``today``, newest first."""
    items = {item.id: item for item in column.items}
    channel = schedule.campaign.portal
    position = {id(slot): n for n, slot in enumerate(schedule.slots)}
    entries = [
        Entry(items[slot.item], slot.day, position[id(slot)])
        for slot in first_pushes(schedule, channel)
        if slot.day <= today
    ]
    return sorted(entries, key=lambda e: (e.day, e.position), reverse=True)


def find_feeds(column: Column, today: date) -> list[Feed]:
    """The whole column's feed, then one per sector and per audience that has items."""
    schedule = column.schedule
    if schedule is None:
        # The main feed's URL stays valid, empty, while there is no schedule.
        return [Feed(FEEDS_ROOT, f"{FEED_TITLE} · 滚动推送", "尚未安排宣传排期。", (), NO_DATE)]
    entries = feed_entries(schedule, column, today)
    empty = datetime.combine(schedule.campaign.start, time(0), CHINA)
    feeds = [
        Feed(
            FEEDS_ROOT,
            f"{FEED_TITLE} · 滚动推送",
            "门户网站每天滚动推送的“两重”“两新”小政策。",
            tuple(entries),
            entries[0].moment if entries else empty,
        )
    ]
    taxonomy = column.taxonomy
    for kind, label in FEED_KINDS:
        vocabulary = taxonomy.vocabulary(kind)
        for term in vocabulary.terms:
            if not any(term.id in filed_under(i, kind, taxonomy) for i in column.items):
                continue
            mine = tuple(e for e in entries if term.id in filed_under(e.item, kind, taxonomy))
            feeds.append(
                Feed(
                    f"{FEEDS_ROOT}{kind}/{term.id}/",
                    f"{FEED_TITLE} · {term.name}",
                    f"{label}为“{term.name}”的政策，按门户网站推送日期更新。",
                    mine,
                    mine[0].moment if mine else empty,
                )
            )
    return feeds


def feed_files(column: Column, today: date, site_url: str) -> dict[str, bytes]:
    """Every feed in all three formats."""
    files: dict[str, bytes] = {}
    for feed in find_feeds(column, today):
        writer = FeedWriter(column, site_url)
        files[feed.path("atom")] = writer.atom(feed)
        files[feed.path("rss")] = writer.rss(feed)
        files[feed.path("json")] = writer.json_feed(feed)
    return files


def term_feeds(column: Column, today: date) -> dict[str, list[tuple[Term, Feed]]]:
    """The per-term feeds by vocabulary, for the page that lists them."""
    taxonomy = column.taxonomy
    result: dict[str, list[tuple[Term, Feed]]] = {kind: [] for kind, _ in FEED_KINDS}
    for feed in find_feeds(column, today)[1:]:
        kind, term_id = feed.folder.removeprefix(FEEDS_ROOT).strip("/").split("/")
        result[kind].append((taxonomy.vocabulary(kind).get(term_id), feed))
    return result


class FeedWriter:
    """Writes a :class:`Feed` as Atom, RSS 2.0 or JSON Feed 1.1."""

    def __init__(self, column: Column, site_url: str):
        self.column = column
        self.site_url = site_url

    def url(self, path: str) -> str:
        return absolute_url(self.site_url, path)

    def atom(self, feed: Feed) -> bytes:
        root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": "zh-CN"})
        sub(root, "id", self.url(feed.path("atom")))
        sub(root, "title", feed.title)
        sub(root, "subtitle", feed.description)
        sub(root, "updated", feed.updated.isoformat())
        ET.SubElement(root, "link", {"rel": "alternate", "type": "text/html", "href": self.url("")})
        ET.SubElement(
            root,
            "link",
            {"rel": "self", "type": "application/atom+xml", "href": self.url(feed.path("atom"))},
        )
        author = ET.SubElement(root, "author")
        sub(author, "name", FEED_TITLE)
        sub(root, "generator", "policy-column")
        for entry in feed.entries:
            item = entry.item
            node = ET.SubElement(root, "entry")
            sub(node, "id", self.url(item.url))
            sub(node, "title", item.title)
            ET.SubElement(node, "link", {"rel": "alternate", "href": self.url(item.url)})
            sub(node, "published", entry.moment.isoformat())
            sub(node, "updated", entry.moment.isoformat())
            sub(node, "summary", self.summary(item))
            sub(node, "content", self.content_html(item)).set("type", "html")
            for name in self.categories(item):
                ET.SubElement(node, "category", {"term": name})
        return serialise(root)

    def rss(self, feed: Feed) -> bytes:
        root = ET.Element("rss", {"version": "2.0", "xmlns:atom": ATOM_NS})
        channel = ET.SubElement(root, "channel")
        sub(channel, "title", feed.title)
        sub(channel, "link", self.url(""))
        sub(channel, "description", feed.description)
        sub(channel, "language", "zh-cn")
        sub(channel, "lastBuildDate", format_datetime(feed.updated))
        ET.SubElement(
            channel,
            "atom:link",
            {"href": self.url(feed.path("rss")), "rel": "self", "type": "application/rss+xml"},
        )
        for entry in feed.entries:
            item = entry.item
            node = ET.SubElement(channel, "item")
            sub(node, "title", item.title)
            sub(node, "link", self.url(item.url))
            sub(node, "guid", self.url(item.url)).set("isPermaLink", "true")
            sub(node, "pubDate", format_datetime(entry.moment))
            sub(node, "description", self.content_html(item))
            for name in self.categories(item):
                sub(node, "category", name)
        return serialise(root)

    def json_feed(self, feed: Feed) -> bytes:
        data = {
            "version": "https://jsonfeed.org/version/1.1",
            "title": feed.title,
            "description": feed.description,
            "home_page_url": self.url(""),
            "feed_url": self.url(feed.path("json")),
            "language": "zh-CN",
            "items": [
                {
                    "id": self.url(entry.item.url),
                    "url": self.url(entry.item.url),
                    "title": entry.item.title,
                    "summary": self.summary(entry.item),
                    "content_html": self.content_html(entry.item),
                    "date_published": entry.moment.isoformat(),
                    "tags": self.categories(entry.item),
                }
                for entry in feed.entries
            ],
        }
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()

    def summary(self, item: Item) -> str:
        return item.details.summary or " ".join(item.text.split())[:160]

    def content_html(self, item: Item) -> str:
        """A few escaped paragraphs: 要点, who, how much, until when, the source."""
        d = item.details
        source = item.source
        facts = [
            ("", self.summary(item)),
            ("支持对象", d.who),
            ("支持标准", d.max_amount or d.amount),
            (
                "申报截止",
                f"{d.deadline.year}年{d.deadline.month}月{d.deadline.day}日" if d.deadline else "",
            ),
            ("咨询电话", d.phone),
            (
                "政策依据",
                f"{source.title}{f'（{source.doc_number}）' if source.doc_number else ''}",
            ),
        ]
        return "".join(
            f"<p>{escape(label + '：') if label else ''}{escape(text)}</p>"
            for label, text in facts
            if text
        )

    def categories(self, item: Item) -> list[str]:
        taxonomy = self.column.taxonomy
        return [taxonomy.sectors.get(s).name for s in item.sectors] + [
            taxonomy.themes.get(t).name for t in item.themes
        ]


def sub(parent: ET.Element, tag: str, text: str) -> ET.Element:
    node = ET.SubElement(parent, tag)
    node.text = text
    return node


def serialise(root: ET.Element) -> bytes:
    ET.indent(root, space=" ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
