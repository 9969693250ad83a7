"""Per-channel copy for the 宣传专班: a portal headline, a WeChat post, a 60-second script.

The wording lives in ``overrides/fragments/copy/*.txt`` (Jinja2), so the 宣传专班 can
change it without touching Python. The output is plain text — it goes into CSV, XLSX,
iCalendar and WeChat's editor as it is — so these templates render without HTML
escaping; pages that show the copy put it through the page templates, which escape it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import jinja2

from generator.core.model import Item, Taxonomy
from generator.core.site_paths import absolute_url
from generator.output.html.renderer import cn_date

# Broadcast Mandarin is read at about four characters a second (240 a minute).
CHARS_PER_SECOND = 4


SCRIPT_SECONDS = 60


HEADLINE_CHARS = 40


SUMMARY_CHARS = 120  # a clause without a 要点 is quoted up to here


GENERAL_SECTOR = "general"  # 综合: says nothing as a topic; the sub-theme is used instead


SENTENCE_END = re.compile(r"(?<=[。！？；])")


CLAUSE_END = re.compile(r"(?<=[，、,])")


@dataclass(frozen=True)
class Copy:
    """The copy of one item for one kind of channel."""

    kind: str  # headline, wechat or script
    text: str

    @property
    def seconds(self) -> int:
        """How long the text takes to read aloud, at broadcast speed."""
        return -(-spoken_length(self.text) // CHARS_PER_SECOND)


class CopyWriter:
    """Renders copy from the fragments under ``fragments_dir/copy``; cached per item."""

    def __init__(self, taxonomy: Taxonomy, fragments_dir: Path, site_url: str = ""):
        self.taxonomy = taxonomy
        self.site_url = site_url
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(fragments_dir / "copy")),
            autoescape=False,  # plain text, never HTML: see the module docstring
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(cn_date=cn_date, cn_short_date=cn_short_date, spaced=spaced)
        self.cache: dict[tuple[str, str], Copy] = {}

    def copy(self, kind: str, item: Item) -> Copy:
        key = (kind, item.id)
        if key not in self.cache:
            self.cache[key] = Copy(kind, getattr(self, kind)(item))
        return self.cache[key]

    def headline(self, item: Item) -> str:
        """One line; the deadline goes first when the title is too long for both."""
        facts = self.facts(item)
        text = self.render("headline.txt", facts)
        if len(text) > HEADLINE_CHARS:
            text = self.render("headline.txt", {**facts, "deadline": None})
        return shorten(text, HEADLINE_CHARS)

    def wechat(self, item: Item) -> str:
        return self.render("wechat.txt", self.facts(item))

    def script(self, item: Item) -> str:
        """The fullest version that can be read within 60 seconds."""
        limit = SCRIPT_SECONDS * CHARS_PER_SECOND
        facts = self.facts(item)
        for key in ("summary", "who", "amount", "where"):
            facts[key] = sentence(facts[key])
        facts["url"] = ""
        text = self.render("script.txt", facts)
        for dropped in ("where", "who", "amount"):
            if spoken_length(text) <= limit:
                return text
            facts[dropped] = ""
            text = self.render("script.txt", facts)
        if spoken_length(text) > limit:
            fixed = spoken_length(text) - spoken_length(facts["summary"])
            facts["summary"] = shorten_sentences(facts["summary"], max(limit - fixed, 20))
            text = self.render("script.txt", facts)
        return text if spoken_length(text) <= limit else shorten(text, limit)

    def facts(self, item: Item) -> dict:
        """What every kind of copy may say about an item (empty when the source says nothing)."""
        d = item.details
        amount = d.amount or d.max_amount
        if d.amount and d.max_amount and d.max_amount not in d.amount:
            amount = f"{d.amount.rstrip('。')}；{d.max_amount}"
        where = d.how_to_apply or (f"到{d.department}办理" if d.department else "")
        if d.apply_url and d.apply_url not in where:
            where = f"{where.rstrip('。')}（入口：{d.apply_url}）" if where else d.apply_url
        return {
            "topic": self.topic(item),
            "title": item.title,
            "summary": d.summary or shorten_sentences(clause_body(item), SUMMARY_CHARS),
            "who": d.who,
            "amount": amount,
            "where": where,
            "deadline": d.deadline,
            "phone": d.phone,
            "source_title": item.source.title,
            "doc_number": item.source.doc_number,
            "url": absolute_url(self.site_url, item.url),
        }

    def topic(self, item: Item) -> str:
        """The sector an item is about, else its sub-theme: 家电, 汽车, 设备更新 …"""
        for sector_id in item.sectors:
            if sector_id != GENERAL_SECTOR:
                return self.taxonomy.sectors.get(sector_id).name
        themes = [self.taxonomy.themes.get(t) for t in item.themes]
        leaf = [t for t in themes if t.parent] or themes
        return leaf[0].name if leaf else "惠企惠民"

    def render(self, template: str, facts: dict) -> str:
        text = self.env.get_template(template).render(**facts)
        return re.sub(r"\n{3,}", "\n\n", text).strip()


def clause_body(item: Item) -> str:
    """The clause text without its numbering and its heading, which the copy says already."""
    text = " ".join(item.text.split())
    if item.clause:
        text = text.removeprefix(item.clause[-1]).lstrip()
    if text.startswith(item.title):
        text = text[len(item.title) :].lstrip("。：:，, ")
    return text


def spoken_length(text: str) -> int:
    """Characters read aloud: everything but spaces and line breaks."""
    return sum(1 for char in text if not char.isspace())


def sentence(text: str) -> str:
    """``text`` ending with a full stop, as a script reads it."""
    text = text.strip()
    return text if not text or text[-1] in "。！？" else text.rstrip("；，,;") + "。"


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shorten_sentences(text: str, limit: int) -> str:
    """Whole sentences up to ``limit`` characters; else whole clauses (cut at ，) ending in 。.

    A script read aloud must never stop mid-word, so … is the very last resort.
    """
    for boundary in (SENTENCE_END, CLAUSE_END):
        kept = ""
        for part in boundary.split(text):
            if len(kept) + len(part) > limit:
                break
            kept += part
        if kept:
            return kept if boundary is SENTENCE_END else kept.rstrip("，、,") + "。"
    return shorten(text, limit)


def cn_short_date(value: date | None) -> str:
    """2025-04-15 → 4月15日."""
    return f"{value.month}月{value.day}日" if value else ""


def spaced(phone: str) -> str:
    """A phone number as it is read out: digit groups separated, 4006096588 → 400-609-6588."""
    digits = phone.strip()
    if digits.isdigit() and len(digits) == 10 and digits.startswith("400"):
        return f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    return digits
