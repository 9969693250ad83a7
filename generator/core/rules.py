"""The column's rules, each in one place: status, release date, list order, tags and
term counts. Pure: ``today`` is always passed in.
"""

from __future__ import annotations

from datetime import date

from generator.core.model import Column, Item, Source, Taxonomy

# 即将到期: "expiring soon", an item whose expiry or deadline is this close.
EXPIRING_WITHIN_DAYS = 30
IN_FORCE, EXPIRING, EXPIRED = "有效", "即将到期", "已失效"
REVISED, REPEALED = "已修订", "已废止"  # a document replaced by a revision, or repealed
STATUSES = (IN_FORCE, EXPIRING, EXPIRED, REVISED, REPEALED)  # also the order lists show them in
STATUS_RANK = {name: rank for rank, name in enumerate(STATUSES)}
ENDED = frozenset((EXPIRED, REVISED, REPEALED))  # no longer to be claimed: not pushed or packed
# A source's stated 效力状态 (model.DOC_STATUSES) → the status its items show.
STATED_STATUS = {"失效": EXPIRED, "废止": REPEALED, "修订": REVISED}


def status(expires: date | None, deadline: date | None, today: date) -> str:
    """有效 (in force), 即将到期 (expiring soon) or 已失效 (expired) on ``today``."""
    ends = [d for d in (expires, deadline) if d is not None]
    if not ends:
        return IN_FORCE
    first_end = min(ends)
    if first_end < today:
        return EXPIRED
    if (first_end - today).days <= EXPIRING_WITHIN_DAYS:
        return EXPIRING
    return IN_FORCE


def item_status(item: Item, today: date) -> str:
    """The item's status: its document's stated 效力状态 first, then its dates."""
    stated = STATED_STATUS.get(item.source.status)
    return stated or status(item.expires, item.details.deadline, today)


def source_status(source: Source, today: date) -> str:
    """A document's 效力状态 on ``today``: as stated, else by its expiry date."""
    return STATED_STATUS.get(source.status) or status(source.expires, None, today)


def is_current(item: Item, today: date) -> bool:
    """Still to be claimed on ``today``: not expired, repealed or replaced."""
    return item_status(item, today) not in ENDED


def last_change(source: Source) -> date | None:
    """The date of a document's newest 更新记录 entry."""
    return max((change.day for change in source.changes), default=None)


def document_history(source: Source) -> list[tuple[date, str]]:
    """A document's 更新记录, newest first."""
    return [(change.day, change.note) for change in reversed(source.changes)]


def change_history(item: Item, today: date) -> list[tuple[date, str]]:
    """An item's 更新记录, newest first: its document's changes, and an automatic entry
    when its clause text differs from what the URL lock recorded.

    The automatic entry is dated by the document's newest change (the team noted the
    revision), else by the build date; it lasts until ``policy-column lock`` records
    the new text, so a lasting note belongs in the document's ``changes:``.
    """
    entries = [(change.day, change.note) for change in item.source.changes]
    if item.text_changed:
        day = last_change(item.source) or today
        entries.append((day, "本条原文已修改，与此前发布的文字不同。"))
    return sorted(entries, key=lambda entry: entry[0], reverse=True)


def items_status(items: tuple[Item, ...] | list[Item], today: date) -> str:
    """A document's state by its items: that of its most current one (已失效 once every item
    is); ``source_status`` gives the state the document itself states or its expiry."""
    states = [item_status(item, today) for item in items]
    return min(states, key=STATUS_RANK.__getitem__) if states else IN_FORCE


def item_tags(item: Item, kind: str) -> tuple[str, ...]:
    """The term ids of vocabulary ``kind`` an item is tagged with (levels and issuers
    come from its source document)."""
    if kind == "levels":
        return (item.source.level,)
    if kind == "issuers":
        return item.source.issuers
    if kind == "categories":
        return (item.details.category,) if item.details.category else ()
    return getattr(item, kind)


def filed_under(item: Item, kind: str, taxonomy: Taxonomy) -> tuple[str, ...]:
    """The terms of ``kind`` an item is listed under: its own tags and their broader terms."""
    return taxonomy.vocabulary(kind).with_ancestors(item_tags(item, kind))


def release_date(source: Source) -> date | None:
    """When a document came out: its 发布日期, else its 成文日期 (date signed)."""
    return source.published or source.signed


def sort_items(items: list[Item] | tuple[Item, ...], today: date) -> list[Item]:
    """In-force items first, expired ones last; newer documents first; clause order."""

    def key(item: Item) -> tuple:
        published = release_date(item.source) or date.min
        return (
            STATUS_RANK[item_status(item, today)],
            -published.toordinal(),
            item.source.slug,
            item.order,
        )

    return sorted(items, key=key)


def sort_sources(sources: list[Source] | tuple[Source, ...]) -> list[Source]:
    """Newest document first, then by slug."""
    return sorted(sources, key=lambda s: (-(release_date(s) or date.min).toordinal(), s.slug))


class TermIndex:
    """The items filed under each term of a vocabulary *or any narrower term*.

    Browse pages, search facets, the API, the 政策包 and the feeds all count an item
    under a term this way, so their counts agree.
    """

    def __init__(self, column: Column):
        self.column = column
        self._under: dict[str, dict[str, list[Item]]] = {}  # kind → term id → items

    def items_under(self, kind: str, term_id: str) -> list[Item]:
        """The items filed under ``term_id`` or a narrower term, in column order."""
        if kind not in self._under:
            under: dict[str, list[Item]] = {}
            for item in self.column.items:
                for tag in filed_under(item, kind, self.column.taxonomy):
                    under.setdefault(tag, []).append(item)
            self._under[kind] = under
        return list(self._under[kind].get(term_id, ()))

    def count(self, kind: str, term_id: str) -> int:
        return len(self.items_under(kind, term_id))
