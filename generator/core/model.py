"""The column's data: taxonomy, sources, clauses and items. No I/O, no MkDocs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property


@dataclass(frozen=True)
class Term:
    """One value of a controlled vocabulary (a theme, sector, audience, level, issuer)."""

    id: str  # ASCII slug, used in URLs
    name: str  # the Chinese name shown to readers
    parent: str | None = None  # id of the broader term, e.g. 中小企业 → 企业
    keywords: tuple[str, ...] = ()  # words that suggest this term for a clause
    description: str = ""


@dataclass(frozen=True)
class Channel:
    """A publicity channel (门户网站, 微信公众号, 电视 …) and how much it can carry."""

    id: str
    name: str
    per_day: int = 0
    per_week: int = 0


@dataclass(frozen=True)
class Vocabulary:
    """The terms of one kind, looked up by id or by Chinese name."""

    kind: str  # "themes", "sectors", …
    terms: tuple[Term, ...]

    def find(self, key: str) -> Term | None:
        return self._by_key.get(key)

    @cached_property
    def _by_key(self) -> dict[str, Term]:
        # Pages look terms up hundreds of thousands of times: not a scan each time.
        found: dict[str, Term] = {}
        for term in self.terms:
            found.setdefault(term.id, term)
            found.setdefault(term.name, term)
        return found

    def get(self, term_id: str) -> Term:
        term = self.find(term_id)
        if term is None:
            raise KeyError(f"{self.kind}: no term {term_id!r}")
        return term

    def children(self, term_id: str) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.parent == term_id)

    def names(self) -> list[str]:
        return [t.name for t in self.terms] + [t.id for t in self.terms]

    def with_ancestors(self, term_ids: tuple[str, ...]) -> tuple[str, ...]:
        """The ids plus every broader term above them, in taxonomy order.

        An item tagged 中小企业 is also listed (and counted) under 企业.
        """
        wanted = set()
        for term_id in term_ids:
            current = self.find(term_id)
            while current is not None and current.id not in wanted:
                wanted.add(current.id)
                current = self.find(current.parent) if current.parent else None
        return tuple(t.id for t in self.terms if t.id in wanted)


@dataclass(frozen=True)
class Taxonomy:
    """All controlled vocabularies of ``policies/taxonomy.yml``."""

    themes: Vocabulary
    sectors: Vocabulary
    audiences: Vocabulary
    levels: Vocabulary
    issuers: Vocabulary
    categories: Vocabulary  # 减免类 / 奖补类 / 权益类 / 资质类
    channels: tuple[Channel, ...] = ()
    # 主题分类: the national subject classification of gov.cn's 政策文件库 (optional).
    subjects: Vocabulary = field(default_factory=lambda: Vocabulary("subjects", ()))

    def vocabulary(self, kind: str) -> Vocabulary:
        return getattr(self, kind)


@dataclass(frozen=True)
class Details:
    """What a citizen or enterprise needs to claim an item (the 申兑指南 facts).

    Every field is optional; empty means "not stated in the source".
    """

    summary: str = ""  # 要点: the item in one or two sentences
    category: str = ""  # 减免类 / 奖补类 / 权益类 / 资质类 (a ``categories`` term id)
    who: str = ""  # 支持对象
    amount: str = ""  # 支持标准: how much
    max_amount: str = ""  # the maximum, e.g. "每件不超过2000元"
    conditions: str = ""  # 申报条件
    opens: date | None = None  # 申报时间: first day applications are taken
    deadline: date | None = None  # 申报截止
    how_to_apply: str = ""  # 申报方式
    apply_url: str = ""  # 申报入口
    materials: tuple[str, ...] = ()  # 申报材料
    payout: str = ""  # 兑现方式与时限
    department: str = ""  # 受理部门
    phone: str = ""  # 咨询电话
    interpretation_url: str = ""  # 解读
    graphic_url: str = ""  # 图解
    video_url: str = ""  # 短视频


@dataclass(frozen=True)
class Override:
    """Per-clause corrections written by the policy team, keyed by clause path."""

    path: str  # e.g. "3-5"
    line: int  # where the override starts in its file, for error messages
    title: str = ""
    themes: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    expires: date | None = None
    details: Details = field(default_factory=Details)


# 公文种类: the 15 kinds of the 党政机关公文处理工作条例, and the kinds portals file
# plans and rules under (方案, 细则, 办法 …).
DOC_TYPES = (
    "决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报", "报告",
    "请示", "批复", "议案", "函", "纪要", "方案", "细则", "办法", "规定", "规划", "其他",
)  # fmt: skip


# 效力状态 as a source states it: in force, lapsed, repealed, revised (replaced).
DOC_STATUSES = ("有效", "失效", "废止", "修订")


@dataclass(frozen=True)
class Change:
    """One entry of a document's 更新记录 (change history)."""

    day: date
    note: str


@dataclass(frozen=True)
class SplitFix:
    """The policy team's corrections to a split (a source's ``split:`` block), by body line.

    Lines are 0-based within the body; the source reader finds them from the line
    beginnings the file names, so the body itself never changes.
    """

    not_clause: frozenset[int] = frozenset()  # numbered lines that are text
    clause: frozenset[int] = frozenset()  # lines that start a clause whatever their number
    closing: int | None = None  # the first line of the closing (附件 list, signature)
    continuous: frozenset[str] = frozenset()  # label kinds numbered through the document


@dataclass(frozen=True)
class Source:
    """One policy document, as read from ``policies/sources/<slug>.yml``."""

    slug: str  # the file name without .yml: the ASCII id of the document
    file: str  # path of the YAML file, for messages
    title: str
    issuers: tuple[str, ...]  # issuer term ids (joint documents have several)
    level: str  # level term id
    doc_number: str = ""  # 文号
    signed: date | None = None  # 成文日期
    published: date | None = None  # 发布日期
    expires: date | None = None  # 有效期至
    source_url: str = ""
    notice: str = ""  # the covering 印发通知
    themes: tuple[str, ...] = ()  # defaults for the items
    sectors: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    body: str = ""
    body_line: int = 0  # line of the first body character in ``file``
    overrides: tuple[Override, ...] = ()
    items: tuple[HandItem, ...] = ()  # hand-written items, for documents without a body
    index_number: str = ""  # 索引号, as the issuer's portal gives it (or from a pattern)
    subject: str = ""  # 主题分类: a ``subjects`` term id
    doc_type: str = ""  # 公文种类, one of DOC_TYPES
    status: str = ""  # 效力状态 as stated (DOC_STATUSES); "" = in force by its dates
    replaced_by: str = ""  # slug of the document that replaces it (废止/修订)
    replaced_by_line: int = 0  # where replaced_by is written, for messages
    status_reason: str = ""  # why it was repealed or revised, as the team words it
    published_unstated: bool = False  # ``published: 未注明``: the document states no 发布日期
    changes: tuple[Change, ...] = ()  # 更新记录, oldest first
    interpretation_url: str = ""  # a 解读 the issuer published elsewhere
    split: SplitFix = field(default_factory=SplitFix)  # corrections to the split


@dataclass(frozen=True)
class HandItem:
    """An item written by hand in a source file instead of split from a body."""

    path: str
    line: int
    title: str
    text: str
    themes: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    expires: date | None = None
    details: Details = field(default_factory=Details)


@dataclass(frozen=True)
class Piece:
    """One clause-sized piece of a body, as the splitter cuts it.

    ``start``/``end`` delimit the span of the body this piece owns; the spans of
    a body's pieces, its preamble and its closing cover every character once.
    ``text`` is what the item shows: the span minus headings of parents that the
    splitter carried into it (those are in ``breadcrumb``).
    """

    path: str  # clause path: "3-5" for 三、…（五）
    clause: tuple[str, ...]  # numbering labels as written, outermost first
    title: str  # the clause's own heading, or its first sentence
    breadcrumb: tuple[str, ...]  # headings of the parents, outermost first
    text: str
    start: int
    end: int
    line: int  # 0-based line within the body where the clause starts


@dataclass(frozen=True)
class SplitNote:
    """Something odd the splitter noticed (numbering that skips or repeats …)."""

    line: int  # 0-based line within the body
    message: str
    hint: str = ""


@dataclass(frozen=True)
class SplitBody:
    """A body cut into preamble, pieces and closing."""

    preamble: str
    pieces: tuple[Piece, ...]
    closing: str
    notes: tuple[SplitNote, ...] = ()


@dataclass(frozen=True)
class Item:
    """A small, tagged policy: the unit the column publishes and pushes."""

    id: str  # "<source slug>/<clause path>", e.g. "mzbh-2024-33/3-5"
    source: Source
    path: str
    clause: tuple[str, ...]
    title: str
    breadcrumb: tuple[str, ...]
    text: str
    themes: tuple[str, ...]
    sectors: tuple[str, ...]
    audiences: tuple[str, ...]
    expires: date | None
    details: Details
    order: int  # position within its source
    text_changed: bool = False  # its clause text differs from what the URL lock recorded

    @property
    def url(self) -> str:
        """Site-relative URL of the item page (directory style)."""
        return f"items/{self.id}/"


# 解读 pages live under zcjd/ (政策解读, as portals name the folder): it sorts after
# items/ and sources/, so the search index still gets its pages in site order.
INTERPRETATIONS_ROOT = "zcjd/"


# 解读 forms: 文字解读 (text), 图解 (graphic), 视频 (video).
INTERPRETATION_FORMS = ("文字解读", "图解", "视频")


@dataclass(frozen=True)
class Interpretation:
    """A 解读: the policy team's explanation of documents and items, in Markdown."""

    slug: str  # the file name without .md
    file: str  # for messages
    title: str
    day: date  # 发布日期 of the 解读
    issuer: str  # who wrote or published it (解读机关/作者)
    form: str  # one of INTERPRETATION_FORMS
    body: str  # Markdown, rendered and sanitised by output/
    documents: tuple[str, ...] = ()  # source slugs it interprets
    items: tuple[str, ...] = ()  # item ids it interprets
    media: str = ""  # 图解 image or video: a column path (assets/…) or an http(s) address
    summary: str = ""
    line: int = 0  # where the front matter's documents/items start, for messages
    refs: tuple[tuple[str, str, int, int], ...] = ()  # (kind, id, line, column) as written

    @property
    def url(self) -> str:
        return f"{INTERPRETATIONS_ROOT}{self.slug}/"


@dataclass(frozen=True)
class Portal:
    """The government site the column belongs to (``policies/portal.yml``): its 网页标签
    (the meta tags inspection crawlers read), its footer band and its 纠错 address."""

    site_name: str = ""  # SiteName: 汨罗市人民政府
    site_domain: str = ""  # SiteDomain: www.miluo.gov.cn
    site_id: str = ""  # SiteIDCode: 网站标识码, 10 digits
    column_name: str = ""  # ColumnName
    column_type: str = ""  # ColumnType: 专题专栏 …
    column_description: str = ""
    keywords: tuple[str, ...] = ()  # the column's Keywords, before each page's own
    level: str = ""  # the portal's own government (a levels term id): its documents need a 解读
    host: str = ""  # 主办单位
    operator: str = ""  # 承办单位
    icp: str = ""  # ICP备案号
    police: str = ""  # 公安机关备案号
    contact: str = ""  # 联系方式
    correction_url: str = ""  # 纠错: a portal form (http(s)) or a mailto: address


# --- the publicity campaign (policies/schedule.yml) and its schedule --------------


# How a channel's copy is written: kind → label (``copy:`` in schedule.yml).
COPY_KINDS = {
    "headline": "标题短讯 (portal, mobile, news sites)",
    "wechat": "微信推文 (WeChat post)",
    "script": "60秒口播稿 (radio/TV script)",
}


@dataclass(frozen=True)
class ChannelPlan:
    """How the campaign uses one channel: capacity, the weekdays it runs, its copy."""

    channel: Channel
    per_day: int  # most pushes on one day; 0 = no daily limit (only per_week)
    per_week: int  # most pushes in one Monday–Sunday week; 0 = no weekly limit
    weekdays: tuple[int, ...] = (1, 2, 3, 4, 5, 6, 7)  # ISO weekdays, among working days
    every_item: bool = False  # every item must come once per cycle on this channel
    copy: str = "headline"  # which copy its editors get: headline, wechat or script
    line: int = 0  # where the channel is in schedule.yml, for messages
    audiences: tuple[str, ...] = ()  # audience ids it serves, as schedule.yml names them
    reach: frozenset[str] = frozenset()  # those with narrower and broader terms; empty: all
    internal: bool = False  # serves only 政府部门 and narrower (an internal channel)

    @property
    def id(self) -> str:
        return self.channel.id

    @property
    def name(self) -> str:
        return self.channel.name


@dataclass(frozen=True)
class Blackout:
    """Days on which some channels (or all) carry no push: 封网期, a special report …"""

    start: date
    end: date  # inclusive
    channels: tuple[str, ...] = ()  # channel ids; empty means every channel
    reason: str = ""
    line: int = 0

    def covers(self, day: date, channel: str) -> bool:
        return self.start <= day <= self.end and (not self.channels or channel in self.channels)


@dataclass(frozen=True)
class Pin:
    """This item on this channel on this day, whatever the scheduler would choose."""

    day: date
    channel: str  # channel id
    item: str  # item id
    line: int = 0
    column: int = 0


@dataclass(frozen=True)
class Campaign:
    """The long-cycle publicity campaign: when, where, how often, what first."""

    file: str  # schedule.yml as the policy team knows it, for messages
    name: str
    start: date
    end: date  # inclusive
    channels: tuple[ChannelPlan, ...]
    blackouts: tuple[Blackout, ...] = ()
    pins: tuple[Pin, ...] = ()
    repeat_weeks: int = 0  # an item comes back every this many weeks; 0 = once
    lead_days: int = 14  # push items this many days before their application deadline
    priorities: tuple[tuple[str, int], ...] = ()  # item id or source slug → 1 (low) … 5 (high)
    portal: str = ""  # the channel whose slots are the column's rolling push and feeds
    line: int = 0

    def plan(self, channel_id: str) -> ChannelPlan:
        return next(plan for plan in self.channels if plan.id == channel_id)


@dataclass(frozen=True)
class Slot:
    """One push: an item on a channel on a day."""

    day: date
    channel: str  # channel id
    item: str  # item id
    index: int = 0  # 0-based position among the channel's pushes that day
    cycle: int = 0  # 0-based repeat cycle the push belongs to
    pinned: bool = False
    reason: str = ""  # why this item here when it is not the scheduler's free choice


@dataclass(frozen=True)
class ScheduleNote:
    """Something the scheduler could not do: an item that did not fit, a channel left idle."""

    channel: str  # channel id, "" for the whole campaign
    message: str
    hint: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Schedule:
    """Every slot of a campaign, sorted by day, channel order and index."""

    campaign: Campaign
    slots: tuple[Slot, ...]
    notes: tuple[ScheduleNote, ...] = ()
    # 解读 pushes on the portal channel: Slot.item is the 解读's slug (core/scheduler.py).
    interpretations: tuple[Slot, ...] = ()

    def slots_on(self, channel: str) -> tuple[Slot, ...]:
        return tuple(slot for slot in self.slots if slot.channel == channel)


@dataclass(frozen=True)
class Publication:
    """One push the editors made, as they recorded it (a row of ``policies/published.csv``)."""

    day: date
    channel: str  # channel id
    item: str  # item id
    link: str = ""  # where it was published (the post, the page)
    reads: int | None = None  # 阅读量, when the channel counts them
    line: int = 0


@dataclass(frozen=True)
class Column:
    """Everything the site is built from."""

    taxonomy: Taxonomy
    sources: tuple[Source, ...]
    items: tuple[Item, ...]
    splits: dict[str, SplitBody] = field(default_factory=dict)  # by source slug
    schedule: Schedule | None = None  # the publicity campaign, when schedule.yml exists
    redirects: dict[str, str] = field(default_factory=dict)  # moved item URL → where it went
    published: tuple[Publication, ...] | None = None  # policies/published.csv, when it exists
    interpretations: tuple[Interpretation, ...] = ()  # 解读, sorted by slug
    portal: Portal = field(default_factory=Portal)

    def interpretations_of(self, source: Source, item: Item | None = None) -> tuple:
        """The 解读 of a document (or of one of its items: those of the item or its document)."""
        return tuple(
            reading
            for reading in self.interpretations
            if source.slug in reading.documents or (item is not None and item.id in reading.items)
        )

    def source(self, slug: str) -> Source | None:
        return next((s for s in self.sources if s.slug == slug), None)

    def items_of(self, source: Source) -> tuple[Item, ...]:
        return self._items_by_source.get(source.slug, ())

    @cached_property
    def _items_by_source(self) -> dict[str, tuple[Item, ...]]:
        # Built once: pages ask for every source's items, which would be O(sources × items).
        by_source: dict[str, list[Item]] = {}
        for item in self.items:
            by_source.setdefault(item.source.slug, []).append(item)
        return {slug: tuple(items) for slug, items in by_source.items()}
