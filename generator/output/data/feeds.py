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

from generator.core.model import Column, Interpretation, Item, Schedule, Term
from generator.core.pushes import first_pushes
from generator.core.rules import change_history, filed_under
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
    """One item (or 解读) in a feed, dated by its first push on the portal, and updated
    when its document changed after that (更新记录, up to the build date)."""

    item: Item | None
    day: date
    position: int  # the push's place in the schedule, for a stable order within a day
    reading: Interpretation | None = None
    updated_on: date | None = None  # the newest change after ``day``, on or before today
    update_note: str = ""

    @property
    def moment(self) -> datetime:
        return datetime.combine(self.day, PUSH_TIME, CHINA)

    @property
    def updated(self) -> datetime:
        return datetime.combine(self.updated_on or self.day, PUSH_TIME, CHINA)

    @property
    def url(self) -> str:
        return self.reading.url if self.reading is not None else self.item.url

    @property
    def title(self) -> str:
        return self.reading.title if self.reading is not None else self.item.title


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
        with_update(Entry(items[slot.item], slot.day, position[id(slot)]), today)
        for slot in first_pushes(schedule, channel)
        if slot.day <= today
    ]
    return sorted(entries, key=lambda e: (e.day, e.position), reverse=True)


def with_update(entry: Entry, today: date) -> Entry:
    """The entry with its newest change after its first push, if one came by ``today``."""
    later = [
        (day, note) for day, note in change_history(entry.item, today) if entry.day < day <= today
    ]
    if not later:
        return entry
    day, note = later[0]
    return Entry(entry.item, entry.day, entry.position, updated_on=day, update_note=note)


def reading_entries(schedule: Schedule, column: Column, today: date) -> list[Entry]:
    """The 解读 pushed on the portal on or before ``today`` (core/scheduler.py)."""
    readings = {reading.slug: reading for reading in column.interpretations}
    entries = [
        Entry(None, slot.day, len(schedule.slots) + n, reading=readings[slot.item])
        for n, slot in enumerate(schedule.interpretations)
        if slot.day <= today and slot.item in readings
    ]
    return sorted(entries, key=lambda e: (e.day, e.position), reverse=True)


def find_feeds(column: Column, today: date) -> list[Feed]:
    """The whole column's feed, then one per sector and per audience that has items."""
    schedule = column.schedule
    if schedule is None:
        # The main feed's URL stays valid, empty, while there is no schedule.
        return [Feed(FEEDS_ROOT, f"{FEED_TITLE} · 滚动推送", "尚未安排宣传排期。", (), NO_DATE)]
    entries = feed_entries(schedule, column, today)
    everything = sorted(
        entries + reading_entries(schedule, column, today),
        key=lambda e: (e.updated, e.position),
        reverse=True,
    )
    empty = datetime.combine(schedule.campaign.start, time(0), CHINA)
    feeds = [
        Feed(
            FEEDS_ROOT,
            f"{FEED_TITLE} · 滚动推送",
            "门户网站每天滚动推送的“两重”“两新”小政策和政策解读。",
            tuple(everything),
            everything[0].updated if everything else empty,
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
                    max((e.updated for e in mine), default=empty),
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
            node = ET.SubElement(root, "entry")
            sub(node, "id", self.url(entry.url))
            sub(node, "title", entry.title)
            ET.SubElement(node, "link", {"rel": "alternate", "href": self.url(entry.url)})
            sub(node, "published", entry.moment.isoformat())
            sub(node, "updated", entry.updated.isoformat())
            sub(node, "summary", self.entry_summary(entry))
            sub(node, "content", self.entry_html(entry)).set("type", "html")
            for name in self.entry_categories(entry):
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
            node = ET.SubElement(channel, "item")
            sub(node, "title", entry.title)
            sub(node, "link", self.url(entry.url))
            sub(node, "guid", self.url(entry.url)).set("isPermaLink", "true")
            sub(node, "pubDate", format_datetime(entry.moment))
            sub(node, "description", self.entry_html(entry))
            for name in self.entry_categories(entry):
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
                    "id": self.url(entry.url),
                    "url": self.url(entry.url),
                    "title": entry.title,
                    "summary": self.entry_summary(entry),
                    "content_html": self.entry_html(entry),
                    "date_published": entry.moment.isoformat(),
                    "date_modified": entry.updated.isoformat(),
                    "tags": self.entry_categories(entry),
                }
                for entry in feed.entries
            ],
        }
        return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode()

    def entry_summary(self, entry: Entry) -> str:
        if entry.reading is not None:
            return entry.reading.summary or f"{entry.reading.form}：{entry.reading.title}"
        return self.summary(entry.item)

    def entry_html(self, entry: Entry) -> str:
        """The entry's paragraphs; an update says what changed first."""
        update = (
            f"<p>{escape(f'更新（{entry.updated_on.isoformat()}）：{entry.update_note}')}</p>"
            if entry.updated_on
            else ""
        )
        if entry.reading is not None:
            reading = entry.reading
            facts = [self.entry_summary(entry), f"解读机关：{reading.issuer}"]
            facts += [
                f"解读文件：{source.title}"
                for slug in reading.documents
                if (source := self.column.source(slug)) is not None
            ]
            return "".join(f"<p>{escape(text)}</p>" for text in facts)
        return update + self.content_html(entry.item)

    def entry_categories(self, entry: Entry) -> list[str]:
        return ["政策解读"] if entry.reading is not None else self.categories(entry.item)

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
