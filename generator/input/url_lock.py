"""``policies/urls.lock.yml``: read, applied to a column, and written again."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from generator.core.model import Column, Item
from generator.core.url_ids import (
    EXACT_BYTES,
    ITEM_URL,
    Fingerprint,
    UrlLock,
    accepted_moves,
    assign_ids,
    natural,
    out_of_date_warnings,
    resolve_moves,
    vanished_errors,
    with_ids,
)
from generator.errors import PolicyError, quote
from generator.input.yaml_nodes import NodeReader, display_path, parse_file

LOCK_FILE = "urls.lock.yml"  # in policies/, next to taxonomy.yml


FINGERPRINT = re.compile(r"[A-Za-z0-9_-]{8,120}")  # base64url of the hash and the sketch


PLAIN_URL = re.compile(r"[a-z0-9][a-z0-9/-]*")  # written without quotes in the lock


LOCK_HEADER = """\
# 已发布的条目网址 (published item URLs), kept in git; written by `policy-column lock`.
# A build fails when a URL listed here would disappear, unless it is listed under moved:.
#   items: URL: fingerprint of the clause text, so a renumbered clause keeps its URL
#   moved: old URL: where it went; a redirect page is built at the old URL
# How to use it: policies/README.md, "网址不变".
"""


def read_lock(path: Path) -> tuple[UrlLock | None, list[PolicyError]]:
    """The lock file, or ``None`` when there is none (nothing is published yet)."""
    if not path.exists():
        return None, []
    file = display_path(path)
    root, lines, problems = parse_file(path, file, "")
    if root is None:  # unreadable, or only comments: an empty lock
        return UrlLock(file), [p for p in problems if p.message != "the file is empty"]
    reader = LockReader(file, lines)
    lock = reader.read(root)
    return lock, problems + reader.problems


class LockReader(NodeReader):
    """Reads the lock's two mappings, reporting what a hand edit may have broken."""

    def __init__(self, file: str, lines: list[str]):
        super().__init__(file, lines, {})

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
    if assignment.changed:  # their pages say so in 更新记录 (rules.change_history)
        items = list(column.items)
        for index in assignment.changed:
            items[index] = replace(items[index], text_changed=True)
        column = replace(column, items=tuple(items))
    problems += vanished_errors(column, lock, assignment.vanished)
    redirects, move_problems = resolve_moves(column, lock.moved, lock.file)
    problems += move_problems + out_of_date_warnings(column, lock, assignment)
    return replace(column, redirects=redirects), problems


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
