"""Related items: the clauses sharing the most sectors and themes with an item."""

from __future__ import annotations

from bisect import bisect_left

from generator.core.model import Item


class RelatedIndex:
    """Finds related items in time linear in the column, not quadratic.

    Items with the same set of sectors and themes share a group; how many tags two
    items share depends only on their groups. Within a group (sorted by id) an item's
    own document is one contiguous run, so the best candidates of a group are its first
    few items before and after that run, and the first few inside it.
    """

    def __init__(self, items: tuple[Item, ...] | list[Item]):
        groups: dict[frozenset[str], list[Item]] = {}
        for item in items:
            groups.setdefault(self.tags(item), []).append(item)
        self.groups = {tags: sorted(group, key=lambda i: i.id) for tags, group in groups.items()}
        self.ids = {tags: [i.id for i in group] for tags, group in self.groups.items()}
        self._levels: dict[frozenset[str], list[list[frozenset[str]]]] = {}

    @staticmethod
    def tags(item: Item) -> frozenset[str]:
        return frozenset(item.sectors) | frozenset(item.themes)

    def levels(self, mine: frozenset[str]) -> list[list[frozenset[str]]]:
        """The groups sharing tags with ``mine``, most shared first."""
        if mine not in self._levels:
            by_shared: dict[int, list[frozenset[str]]] = {}
            for tags in self.groups:
                shared = len(mine & tags)
                if shared:
                    by_shared.setdefault(shared, []).append(tags)
            self._levels[mine] = [by_shared[n] for n in sorted(by_shared, reverse=True)]
        return self._levels[mine]

    def related(self, item: Item, limit: int) -> list[Item]:
        prefix = f"{item.source.slug}/"
        after_prefix = prefix[:-1] + chr(ord("/") + 1)
        found: list[tuple[bool, str, Item]] = []
        for level in self.levels(self.tags(item)):
            candidates = []
            for tags in level:
                group, ids = self.groups[tags], self.ids[tags]
                start, end = bisect_left(ids, prefix), bisect_left(ids, after_prefix)
                others = group[: min(start, limit)] + group[end : end + limit]
                own = [i for i in group[start : min(end, start + limit + 1)] if i.id != item.id]
                candidates += [(False, i.id, i) for i in others[:limit]]
                candidates += [(True, i.id, i) for i in own[:limit]]
            found += sorted(candidates, key=lambda c: c[:2])[: limit - len(found)]
            if len(found) >= limit:
                break
        return [other for *_, other in found]
