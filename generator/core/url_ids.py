"""Stable item ids: clause fingerprints, the lock's ids given to clauses, and moves.

An item's URL comes from its source and clause path (``items/<slug>/<path>/``), so
inserting a clause would renumber every clause after it. Once published, a URL is
recorded in ``policies/urls.lock.yml`` with a fingerprint of its clause text; a build
then gives each clause the locked id whose text it still has, wherever the clause
moved to, and fails when a locked URL would disappear. The policy team records a
deliberate move under ``moved:`` (``policy-column lock --accept`` writes it); the old
URL then gets a redirect page.

Matching is deterministic, source by source, in four passes with fixed orders:

1. unchanged: a clause keeps its positional id when that is locked with its text;
2. renumbered: a clause whose text is locked under another id takes that id;
3. edited: the clauses and locked ids left pair by text similarity (at least
   ``SIMILAR``, estimated from the fingerprints), most alike first;
4. rewritten in place: a clause still unmatched keeps its positional id if locked.

Clauses left over are new: they get their positional id, or ``<path>-v2`` … when a
locked or moved id holds it already, so an old URL never shows another clause.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from generator.core.model import Column, Item
from generator.core.numbering import LABEL
from generator.errors import PolicyError, quote, warning

SKETCH_SIZE = 16  # hashes kept per fingerprint: more estimate similarity better


EXACT_BYTES = 6  # of the hash of the whole text


SIMILAR = 0.5  # clauses at least this alike are one clause, edited


SUGGEST = 0.3  # a vanished URL's best match at least this alike is offered as its new place


ITEM_URL = re.compile(r"items/(?P<id>[a-z0-9][a-z0-9-]*/[0-9a-z]+(?:-[0-9a-z]+)*)/")


FIXED_PAGES = ("", "list/", "sources/")  # pages besides items a URL may move to


def exact_hash(text: str) -> str:
    """A hash of the clause text without its numbering: equal for a renumbered clause."""
    return hashlib.blake2b(normalise(text).encode(), digest_size=EXACT_BYTES).hexdigest()


def normalise(text: str) -> str:
    """The clause text without its own numbering, spaces and width differences."""
    text = unicodedata.normalize("NFKC", text)
    label = LABEL.match(text)
    if label:
        text = text[label.end() :]
    return "".join(text.split())


@dataclass(frozen=True)
class Fingerprint:
    """What a clause's text looks like: an exact hash and a bottom-k sketch of its 3-grams."""

    exact: str
    sketch: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Fingerprint:
        norm = normalise(text)
        grams = {norm[i : i + 3] for i in range(max(len(norm) - 2, 1))}
        hashes = {
            int.from_bytes(hashlib.blake2b(g.encode(), digest_size=4).digest()) for g in grams
        }
        return cls(exact_hash(text), tuple(sorted(hashes)[:SKETCH_SIZE]))

    @classmethod
    def parse(cls, text: str) -> Fingerprint:
        data = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        sketch = data[EXACT_BYTES:]
        return cls(
            data[:EXACT_BYTES].hex(),
            tuple(int.from_bytes(sketch[i : i + 4]) for i in range(0, len(sketch), 4)),
        )

    def __str__(self) -> str:
        data = bytes.fromhex(self.exact) + b"".join(h.to_bytes(4) for h in self.sketch)
        return base64.urlsafe_b64encode(data).decode().rstrip("=")

    def similarity(self, other: Fingerprint) -> float:
        """Estimated Jaccard similarity of the two texts' 3-grams (1.0 when equal)."""
        if self.exact == other.exact:
            return 1.0
        mine, theirs = set(self.sketch), set(other.sketch)
        smallest = sorted(mine | theirs)[:SKETCH_SIZE]
        if not smallest:
            return 0.0
        return sum(h in mine and h in theirs for h in smallest) / len(smallest)


def natural(text: str) -> tuple:
    """Sort key that puts items/x/2/ before items/x/10/."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


def item_url(item_id: str) -> str:
    return f"items/{item_id}/"


# --- the lock file -------------------------------------------------------------------------


@dataclass(frozen=True)
class UrlLock:
    """``urls.lock.yml``: published item ids with fingerprints, and recorded moves."""

    file: str
    items: dict[str, tuple[Fingerprint, int]] = field(default_factory=dict)  # id → (fp, line)
    moved: dict[str, tuple[str, int]] = field(default_factory=dict)  # old URL → (URL, line)


# --- matching clauses to locked ids --------------------------------------------------------


@dataclass
class Assignment:
    """Which id each item gets, and what differs from the lock."""

    ids: list[str]  # final id per item, in column order
    new: list[int] = field(default_factory=list)  # items whose id is not in the lock
    changed: list[int] = field(default_factory=list)  # locked ids whose clause text changed
    vanished: list[str] = field(default_factory=list)  # locked ids no clause has any more


def assign_ids(items: Sequence[Item], lock: UrlLock) -> Assignment:
    """Give every item its locked id when its clause is still there, else a fresh one."""
    assignment = Assignment(ids=[item.id for item in items])
    moved_ids = {ITEM_URL.fullmatch(url)["id"] for url in lock.moved}
    by_source: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        by_source.setdefault(item.source.slug, []).append(index)
    for slug, indexes in by_source.items():
        locked = {
            item_id: fingerprint
            for item_id, (fingerprint, _) in lock.items.items()
            if item_id.split("/", 1)[0] == slug
        }
        _SourceMatch(items, indexes, locked, moved_ids, assignment).run()
    taken = set(assignment.ids)
    assignment.vanished = sorted((i for i in lock.items if i not in taken), key=natural)
    return assignment


class _SourceMatch:
    """The four passes for one source's items against its locked ids."""

    def __init__(
        self,
        items: Sequence[Item],
        indexes: list[int],
        locked: dict[str, Fingerprint],
        moved_ids: set[str],
        assignment: Assignment,
    ):
        self.items = items
        self.locked = locked
        self.moved_ids = moved_ids
        self.assignment = assignment
        self.open = list(indexes)  # items without an id yet, in document order
        self.free = dict(sorted(locked.items(), key=lambda pair: natural(pair[0])))
        self.exact = {index: exact_hash(items[index].text) for index in indexes}
        self.fingerprints: dict[int, Fingerprint] = {}

    def give(self, index: int, item_id: str, changed: bool = False) -> None:
        self.assignment.ids[index] = item_id
        self.open.remove(index)
        del self.free[item_id]
        if changed:
            self.assignment.changed.append(index)

    def fingerprint(self, index: int) -> Fingerprint:
        if index not in self.fingerprints:
            self.fingerprints[index] = Fingerprint.of(self.items[index].text)
        return self.fingerprints[index]

    def run(self) -> None:
        for index in list(self.open):  # 1. unchanged
            positional = self.items[index].id
            if positional in self.free and self.free[positional].exact == self.exact[index]:
                self.give(index, positional)
        for index in list(self.open):  # 2. renumbered
            same = [i for i, fp in self.free.items() if fp.exact == self.exact[index]]
            if same:
                self.give(index, same[0])
        pairs = [  # 3. edited
            (-similarity, locked_id != self.items[index].id, natural(locked_id), index, locked_id)
            for index in self.open
            for locked_id, fingerprint in self.free.items()
            if (similarity := self.fingerprint(index).similarity(fingerprint)) >= SIMILAR
        ]
        for *_, index, locked_id in sorted(pairs):
            if index in self.open and locked_id in self.free:
                self.give(index, locked_id, changed=True)
        for index in list(self.open):  # 4. rewritten in place
            if self.items[index].id in self.free:
                self.give(index, self.items[index].id, changed=True)
        taken = set(self.locked) | self.moved_ids  # an old URL never shows another clause
        for index in list(self.open):  # new clauses
            positional = item_id = self.items[index].id
            version = 2
            while item_id in taken:
                item_id, version = f"{positional}-v{version}", version + 1
            taken.add(item_id)
            self.assignment.ids[index] = item_id
            self.assignment.new.append(index)
            self.open.remove(index)


def with_ids(column: Column, ids: list[str]) -> Column:
    items = tuple(
        item if item.id == item_id else replace(item, id=item_id)
        for item, item_id in zip(column.items, ids, strict=True)
    )
    return replace(column, items=items)


def known_urls(column: Column) -> set[str]:
    """Site URLs a moved item may point to: items, document pages and a few fixed pages."""
    urls = {item.url for item in column.items} | set(FIXED_PAGES)
    return urls | {f"sources/{source.slug}/" for source in column.sources}


def resolve_moves(
    column: Column, moved: dict[str, tuple[str, int]], file: str
) -> tuple[dict[str, str], list[PolicyError]]:
    """Old URL → the page it ends up at (following moves of moves), or errors."""
    known = known_urls(column)
    redirects, problems = {}, []
    for old, (target, line) in sorted(moved.items()):
        seen = {old}
        while target in moved and target not in seen:
            seen.add(target)
            target = moved[target][0]
        if target in seen:
            problems.append(PolicyError(file, line, 3, f"the moves of {old} go round in a circle"))
        elif target not in known:
            problems.append(
                PolicyError(
                    file,
                    line,
                    3,
                    f"{old} is moved to {target or quote('')}, which this build does not have",
                    "point it at an item URL such as items/<document>/<clause>/, "
                    "or at the document page sources/<document>/",
                )
            )
        else:
            redirects[old] = target
    return redirects, problems


class _Fingerprints:
    """Fingerprints of a column's items, computed when first asked for."""

    def __init__(self, items: Sequence[Item]):
        self.items = sorted(items, key=lambda item: natural(item.id))
        self.cache: dict[str, Fingerprint] = {}

    def best_match(self, wanted: Fingerprint) -> tuple[Item | None, float]:
        best, best_similarity = None, 0.0
        for item in self.items:
            if item.id not in self.cache:
                self.cache[item.id] = Fingerprint.of(item.text)
            similarity = self.cache[item.id].similarity(wanted)
            if similarity > best_similarity:
                best, best_similarity = item, similarity
        return best, best_similarity


def vanished_errors(column: Column, lock: UrlLock, vanished: list[str]) -> list[PolicyError]:
    """One error per published URL that no clause has any more, with where it went."""
    problems = []
    fingerprints = _Fingerprints(column.items)
    slugs = {source.slug: source for source in column.sources}
    for item_id in vanished:
        fingerprint, line = lock.items[item_id]
        slug = item_id.split("/", 1)[0]
        best, similarity = fingerprints.best_match(fingerprint)
        accept = "run `policy-column lock --accept` to record the move and redirect the old URL"
        if best is not None and similarity >= SUGGEST:
            hint = f"its clause looks like {best.url} now ({similarity:.0%} alike): if so, {accept}"
        elif slug in slugs:
            hint = (
                f"the clause is gone from {slugs[slug].file}: restore it, or {accept} "
                f"to its document page sources/{slug}/"
            )
        else:
            hint = f"the document {slug} is gone: restore it, or {accept} to sources/"
        problems.append(
            PolicyError(
                lock.file,
                line,
                3,
                f"published URL {item_url(item_id)} would disappear: no clause has its text",
                hint,
            )
        )
    return problems


def accepted_moves(column: Column, lock: UrlLock, vanished: list[str]) -> dict[str, str]:
    """Where each vanished URL goes: its best match, else its document page, else sources/."""
    fingerprints = _Fingerprints(column.items)
    slugs = {source.slug for source in column.sources}
    moves = {}
    for item_id in vanished:
        best, similarity = fingerprints.best_match(lock.items[item_id][0])
        slug = item_id.split("/", 1)[0]
        if best is not None and similarity >= SUGGEST:
            moves[item_url(item_id)] = best.url
        else:
            moves[item_url(item_id)] = f"sources/{slug}/" if slug in slugs else "sources/"
    return moves


def out_of_date_warnings(
    column: Column, lock: UrlLock, assignment: Assignment
) -> list[PolicyError]:
    """Per document: URLs not locked yet and locked clauses whose text changed."""
    by_source: dict[str, tuple[list[Item], list[Item]]] = {}
    for indexes, slot in ((assignment.new, 0), (assignment.changed, 1)):
        for index in indexes:
            item = column.items[index]
            by_source.setdefault(item.source.slug, ([], []))[slot].append(item)
    problems = []
    for slug in sorted(by_source):
        new, changed = by_source[slug]
        source = (new or changed)[0].source
        parts = []
        if new:
            parts.append(f"{len(new)} new URL(s) {shortlist(new)}")
        if changed:
            parts.append(f"{len(changed)} clause(s) with changed text {shortlist(changed)}")
        problems.append(
            warning(
                source.file,
                item_line(column, (new or changed)[0]),
                1,
                f"not yet in {lock.file}: " + "; ".join(parts),
                "run `policy-column lock` to publish them, and commit the lock file",
            )
        )
    return problems


def shortlist(items: list[Item], limit: int = 3) -> str:
    urls = ", ".join(item.url for item in items[:limit])
    return urls + (" …" if len(items) > limit else "")


def item_line(column: Column, item: Item) -> int:
    """The line of the item's clause in its source file (0 when it has none)."""
    split = column.splits.get(item.source.slug)
    for piece in split.pieces if split else ():
        if piece.path == item.path:
            return item.source.body_line + piece.line
    return 0
