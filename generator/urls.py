"""Stable item URLs: the lock of published URLs, clause fingerprints, moves and redirects.

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
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from .errors import PolicyError, warning
from .loader import display_path, parse_file, quote
from .model import Column, Item
from .split import LABEL

LOCK_FILE = "urls.lock.yml"  # in policies/, next to taxonomy.yml
SKETCH_SIZE = 16  # hashes kept per fingerprint: more estimate similarity better
EXACT_BYTES = 6  # of the hash of the whole text
SIMILAR = 0.5  # clauses at least this alike are one clause, edited
SUGGEST = 0.3  # a vanished URL's best match at least this alike is offered as its new place
ITEM_URL = re.compile(r"items/(?P<id>[a-z0-9][a-z0-9-]*/[0-9a-z]+(?:-[0-9a-z]+)*)/")
FINGERPRINT = re.compile(r"[A-Za-z0-9_-]{8,120}")  # base64url of the hash and the sketch
PLAIN_URL = re.compile(r"[a-z0-9][a-z0-9/-]*")  # written without quotes in the lock
FIXED_PAGES = ("", "list/", "sources/")  # pages besides items a URL may move to
LOCK_HEADER = """\
# 已发布的条目网址 (published item URLs), kept in git; written by `policy-column lock`.
# A build fails when a URL listed here would disappear, unless it is listed under moved:.
#   items: URL: fingerprint of the clause text, so a renumbered clause keeps its URL
#   moved: old URL: where it went; a redirect page is built at the old URL
# How to use it: policies/README.md, "网址不变".
"""


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


def read_lock(path: Path) -> tuple[UrlLock | None, list[PolicyError]]:
    """The lock file, or ``None`` when there is none (nothing is published yet)."""
    if not path.exists():
        return None, []
    file = display_path(path)
    root, _, problems = parse_file(path, file, "")
    if root is None:  # unreadable, or only comments: an empty lock
        return UrlLock(file), [p for p in problems if p.message != "the file is empty"]
    reader = _LockReader(file)
    lock = reader.read(root)
    return lock, problems + reader.problems


class _LockReader:
    """Reads the lock's two mappings, reporting what a hand edit may have broken."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[PolicyError] = []

    def error(self, node: Node, message: str, hint: str = "") -> None:
        mark = node.start_mark
        self.problems.append(PolicyError(self.file, mark.line + 1, mark.column + 1, message, hint))

    def pairs(self, node: Node, what: str) -> list[tuple[str, str, Node, int]]:
        """The ``key: value`` lines of a mapping of texts: key, value, key node, line."""
        if is_blank(node):
            return []
        if not isinstance(node, MappingNode):
            self.error(node, f"{what} must be lines of URL: value", "run `policy-column lock`")
            return []
        found: list[tuple[str, str, Node, int]] = []
        lines: dict[str, int] = {}
        for key, value in node.value:
            if not isinstance(key, ScalarNode) or not isinstance(value, ScalarNode):
                self.error(key, f"{what} must be lines of URL: value", "one URL a line")
            elif key.value in lines:
                first = lines[key.value]
                self.error(key, f"{key.value} is listed twice (first on line {first})")
            else:
                lines[key.value] = key.start_mark.line + 1
                found.append((key.value, value.value, key, lines[key.value]))
        return found

    def read(self, root: Node) -> UrlLock:
        lock = UrlLock(self.file)
        if not isinstance(root, MappingNode):
            self.error(root, "the lock must have items: and moved:", "run `policy-column lock`")
            return lock
        sections: dict[str, Node] = {}
        for key, value in root.value:
            name = key.value if isinstance(key, ScalarNode) else ""
            if name not in ("items", "moved"):
                self.error(key, f"unknown key {quote(name)}", "the keys are items and moved")
            elif name in sections:
                self.error(key, f"{name} is given twice", "merge the two lists into one")
            else:
                sections[name] = value
        for url, value, node, line in self.pairs(sections.get("items", _BLANK), "items"):
            found = ITEM_URL.fullmatch(url)
            if not found:
                self.error(node, f"{quote(url)} is not an item URL", "e.g. items/gf-2024-7/3-5/")
            elif (
                not FINGERPRINT.fullmatch(value) or (fingerprint := read_fingerprint(value)) is None
            ):
                self.error(node, f"the fingerprint of {url} is damaged", "run `policy-column lock`")
            else:
                lock.items[found["id"]] = (fingerprint, line)
        for url, target, node, line in self.pairs(sections.get("moved", _BLANK), "moved"):
            if not ITEM_URL.fullmatch(url):
                self.error(node, f"{quote(url)} is not an item URL", "e.g. items/gf-2024-7/3-5/")
            elif ITEM_URL.fullmatch(url)["id"] in lock.items:
                self.error(
                    node,
                    f"{url} is listed under both items and moved",
                    "keep it under moved if its clause went elsewhere, else under items",
                )
            else:
                lock.moved[url] = (target, line)
        return lock


_BLANK = ScalarNode("tag:yaml.org,2002:null", "")


def read_fingerprint(text: str) -> Fingerprint | None:
    """A fingerprint as the lock writes it, or ``None`` when it was damaged."""
    try:
        fingerprint = Fingerprint.parse(text)
    except ValueError:
        return None
    whole = len(fingerprint.exact) == 2 * EXACT_BYTES and str(fingerprint) == text
    return fingerprint if whole else None


def is_blank(node: Node) -> bool:
    return isinstance(node, ScalarNode) and not node.value.strip()


def lock_text(items: Sequence[Item], moved: dict[str, str]) -> str:
    """The lock for these items (with their final ids) and moves, sorted, one URL a line."""
    lines = [LOCK_HEADER, "items:"]
    for item in sorted(items, key=lambda item: natural(item.id)):
        label = "".join(item.clause[-1:])
        note = " ".join(f"{label}{item.title}".split())[:40]
        lines.append(f"  {item.url}: {Fingerprint.of(item.text)}  # {note}")
    if moved:
        lines.append("moved:")
        for old in sorted(moved, key=natural):
            target = moved[old]
            shown = target if PLAIN_URL.fullmatch(target) else json.dumps(target)
            lines.append(f"  {old}: {shown}")
    return "\n".join(lines) + "\n"


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


# --- the lock applied to a column -----------------------------------------------------------


def apply_url_lock(column: Column, policies_dir: Path) -> tuple[Column, list[PolicyError]]:
    """The column with its locked ids and redirects, and what breaks a published URL.

    Without a lock file nothing is published yet: the column is returned as it is.
    """
    lock, problems = read_lock(policies_dir / LOCK_FILE)
    if lock is None or any(problem.is_error for problem in problems):
        return column, problems
    assignment = assign_ids(column.items, lock)
    column = with_ids(column, assignment.ids)
    problems += vanished_errors(column, lock, assignment.vanished)
    redirects, move_problems = resolve_moves(column, lock.moved, lock.file)
    problems += move_problems + out_of_date_warnings(column, lock, assignment)
    return replace(column, redirects=redirects), problems


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


@dataclass
class LockUpdate:
    """What ``policy-column lock`` would write, and what it found."""

    text: str | None  # the new lock file, or None when it must not be written
    problems: list[PolicyError]
    new: list[str] = field(default_factory=list)  # URLs added
    moves: dict[str, str] = field(default_factory=dict)  # moves recorded now


def update_lock(column: Column, policies_dir: Path, accept: bool = False) -> LockUpdate:
    """The lock with every current item; vanished URLs become moves only with ``accept``."""
    path = policies_dir / LOCK_FILE
    lock, problems = read_lock(path)
    lock = lock or UrlLock(display_path(path))
    if any(problem.is_error for problem in problems):
        return LockUpdate(None, problems)
    assignment = assign_ids(column.items, lock)
    column = with_ids(column, assignment.ids)
    moves = {}
    if assignment.vanished:
        if not accept:
            return LockUpdate(None, vanished_errors(column, lock, assignment.vanished))
        moves = accepted_moves(column, lock, assignment.vanished)
    moved = {old: (target, line) for old, (target, line) in lock.moved.items()}
    moved |= {old: (target, 0) for old, target in moves.items()}
    redirects, problems = resolve_moves(column, moved, lock.file)
    if problems:
        return LockUpdate(None, problems)
    new = [column.items[index].url for index in assignment.new]
    return LockUpdate(lock_text(column.items, redirects), [], new, moves)


def redirect_page(old_url: str, target: str) -> bytes:
    """A page at ``old_url`` sending readers to ``target``: no script, relative links."""
    from .pages import relative_url

    href = relative_url(target, old_url)
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>本条政策的网址已更新</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{href}">
<meta http-equiv="refresh" content="0; url={href}">
</head>
<body>
<p>本条政策的网址已更新，正在跳转。如未跳转，请<a href="{href}">打开新网址</a>。</p>
</body>
</html>
""".encode()


def redirect_files(redirects: dict[str, str]) -> dict[str, bytes]:
    """Site path → redirect page, for every moved item URL."""
    return {f"{old}index.html": redirect_page(old, target) for old, target in redirects.items()}
