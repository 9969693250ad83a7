"""Nest a body's labels into its outline: the clauses, their paths and where each ends.

A strong label is placed where its number fits: it goes on, starts again, repeats or skips
(below the top level by a number or two), nests, or carries on a list numbered through the
parts (二、…（三） after （二）). A weak label is a clause only where the list ahead agrees.
Where a guess was made a note says so, naming the ``split:`` entry that would read the
line otherwise. Pure.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from string import ascii_lowercase

from generator.core.model import SplitFix, SplitNote
from generator.core.numbering import (
    FURNITURE,
    HEADING_MAX,
    SPACE,
    Label,
    Line,
    ends_sentence,
    is_open,
)

SUBHEAD_MAX = 12  # "新能源汽车：" on its own line, heading the list below it
MAX_GAP = 2  # below the top level a list may skip this many numbers: （二） → （四）
LOOKAHEAD = 400  # lines a weak label's list is read ahead for its next number
ENTRY_MIN = 8  # characters of a line quoted as a split: entry, more when needed to be unique
SUBHEAD = re.compile(rf"{SPACE}*([^\s。；;！？!?，,：:、]{{1,{SUBHEAD_MAX}}})[：:]{SPACE}*")
# A paragraph after a list that speaks of the whole list: its parent's, not the last item's.
BACK_REFERENCE = re.compile(r"\s*(?:对|除)?(?:以上|上述|前款|前述|前列|前两款|前项)")


@dataclass(slots=True)
class Node:
    """A numbered clause of the body, with the clauses nested in it."""

    label: Label
    line: int  # index of its label line
    start: int  # offset of the label line
    head: int  # where the clause's span begins: its label line or a sub-head just above
    segment: str  # its part of the path: "5", or "1b" in a second run of 1. 2.
    run: int  # 0 for the first run of numbers under a parent, 1 for the second …
    group: str = ""  # the sub-head ("新能源汽车") over the run this clause is in
    parent: Node | None = None
    end: int = -1
    tail: int = -1  # where its own text after its last child begins (a 款 after the 项)
    children: list[Node] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)  # the segments of its children


class OutlineReader:
    """Nests the labels of the body's lines into clauses, noting where it had to guess."""

    def __init__(
        self, lines: list[Line], labels: list[Label | None], fix: SplitFix, end: int
    ) -> None:
        self.lines = lines
        self.labels = labels
        self.fix = fix
        self.end = end
        self.roots: list[Node] = []
        self.stack: list[Node] = []  # the open clauses, outermost first
        self.notes: list[SplitNote] = []
        self.latest: dict[str, Node] = {}  # the last clause of each kind
        self.taken: set[str] = set()  # the segments of the roots

    def read(self) -> tuple[list[Node], list[SplitNote]]:
        for index, label in enumerate(self.labels):
            if label is None:
                continue
            forced = index in self.fix.clause
            placed = self._place(index, label, forced)
            if placed is None:
                if self.stack and not label.weak:
                    self.notes.append(self._note_rejected(label, index))
                continue
            depth, how = placed
            closed = self.stack[depth:]
            del self.stack[depth:]
            node = self._open(index, label, how)
            for done in closed:
                done.end = node.head
            self.stack.append(node)
            self.latest[label.kind] = node
            if not forced and (how in ("repeat", "skip") or (depth == 0 and how == "restart")):
                self.notes.append(self._note_placed(node, closed[0] if closed else node, how))
        for node in self.stack:
            node.end = self.end
        return self.roots, self.notes

    def _place(self, index: int, label: Label, forced: bool) -> tuple[int, str] | None:
        """The depth a label fits at and how (continue, restart, repeat, skip, nest, carry)."""
        placed = self._fit(label, forced)
        if placed is None or forced or not label.weak:
            return placed
        depth, how = placed
        if how in ("continue", "nest", "carry") and self._fits_ahead(index, label, depth, how):
            return placed
        return None

    def _fit(self, label: Label, forced: bool) -> tuple[int, str] | None:
        kinds = [node.label.kind for node in self.stack]
        number = label.number
        if label.kind in kinds:
            depth = kinds.index(label.kind)
            previous = self.stack[depth].label.number
            if number == previous + 1:
                return depth, "continue"
            if number == previous:
                return depth, "repeat"
            if number == 1:
                return depth, "restart"
            if number > previous and (depth == 0 or number - previous <= MAX_GAP + 1 or forced):
                return depth, "skip"
            return (depth, "restart") if forced else None
        if number == 1:
            return len(self.stack), "nest"
        if self._carries_on(label):
            return len(self.stack), "carry"
        return (len(self.stack), "nest") if forced else None

    def _carries_on(self, label: Label) -> bool:
        """Whether a list numbered through the parts goes on here: 二、…（三） after （二）."""
        earlier = self.latest.get(label.kind)
        if earlier is None:
            return False
        continuous = label.kind in self.fix.continuous
        last = earlier.label.number
        if label.number != last + 1 and not (continuous and label.number > last):
            return False
        above = earlier.parent.label.kind if earlier.parent else None
        here = self.stack[-1].label.kind if self.stack else None
        return continuous or label.kind == "article" or above == here

    def _fits_ahead(self, index: int, label: Label, depth: int, how: str) -> bool:
        """Whether the list ahead agrees that a weak label is a clause.

        No later clause of the same list may take its number (第四条规定处理 before
        第四条), and a weak label that would open a list needs the next number after it
        (一、二手车… is a heading when 二、 follows).
        """
        ancestors = {node.label.kind for node in self.stack[:depth]}
        needs_next = how != "continue"
        for later in range(index + 1, min(index + LOOKAHEAD, len(self.labels))):
            other = self.labels[later]
            if other is None or (other.weak and other.kind != label.kind):
                continue
            if other.kind in ancestors and not other.weak:
                break
            if other.kind != label.kind or (other.number == label.number and other.weak):
                continue
            if other.number <= label.number:
                return False
            return other.number == label.number + 1 or not needs_next
        return not needs_next

    def _open(self, index: int, label: Label, how: str) -> Node:
        """A node for the label on line ``index``, added to its parent (the top of the stack)."""
        parent = self.stack[-1] if self.stack else None
        siblings = parent.children if parent else self.roots
        previous = siblings[-1] if siblings else None
        run = 0
        if how == "restart":
            run = previous.run + 1 if previous else 0
        elif previous is not None and how not in ("nest", "carry"):
            run = previous.run
        start = self.lines[index].offset
        head = start
        group = previous.group if previous and how in ("continue", "repeat", "skip") else ""
        above = self.lines[index - 1].text if index > 0 else ""
        new_run = parent and how in ("nest", "restart", "carry") and self.labels[index - 1] is None
        subhead = SUBHEAD.fullmatch(above) if new_run else None
        if subhead:
            head, group = self.lines[index - 1].offset, subhead.group(1)
        taken = parent.taken if parent else self.taken
        segment = _name_segment(label, run, taken)
        taken.add(segment)
        node = Node(label, index, start, head, segment, run, group, parent)
        siblings.append(node)
        return node

    def _note_placed(self, node: Node, previous: Node, how: str) -> SplitNote:
        label = node.label.text
        path = path_of(node)
        entry = self._entry(node.line)
        if how == "skip":
            before = self._before(node)
            return SplitNote(
                node.line,
                f"numbering skips from {before} to {label}; read as clause {path}",
                f'if it is not a clause: split: not_clause: ["{entry}"]',
            )
        if how == "repeat":
            return SplitNote(
                node.line,
                f"numbering repeats {label}; read as a second clause {path}",
                f'if it goes on with the clause above: split: not_clause: ["{entry}"]',
            )
        return SplitNote(
            node.line,
            f"numbering starts again at {label} after {previous.label.text}; "
            f"read as a new run of clauses, {path}",
            "if an annex or the closing starts here: split: closing: "
            f'"{self._annex_entry(node, previous)}"; '
            f'if it is text: split: not_clause: ["{entry}"]',
        )

    def _annex_entry(self, node: Node, previous: Node) -> str:
        """Where an annex restarting the numbering begins: its title line just above, if any."""
        above = node.line - 1
        while above > 0 and not self.lines[above].text.strip():
            above -= 1
        text = self.lines[above].text.strip() if above >= 0 else ""
        titled = self.labels[above] is None and 0 < len(text) <= HEADING_MAX and "。" not in text
        return self._entry(above if titled and above > previous.line else node.line)

    def _before(self, node: Node) -> str:
        siblings = node.parent.children if node.parent else self.roots
        return siblings[-2].label.text if len(siblings) > 1 else node.label.text

    def _note_rejected(self, label: Label, index: int) -> SplitNote:
        kinds = [node.label.kind for node in self.stack]
        inside = path_of(self.stack[-1])
        if label.kind in kinds:
            previous = self.stack[kinds.index(label.kind)].label.text
            seen = f"{label.text} does not continue {previous}"
        else:
            seen = f"{label.text} cannot start a list here"
        return SplitNote(
            index,
            f"{seen}; read as text of clause {inside}",
            f'if a clause starts here: split: clause: ["{self._entry(index)}"]',
        )

    def _entry(self, index: int) -> str:
        """The start of line ``index``, long enough to name no other line of the body."""
        text = self.lines[index].text.strip()
        others = [line.text.strip() for i, line in enumerate(self.lines) if i != index]
        size = ENTRY_MIN
        while size < len(text) and any(other.startswith(text[:size]) for other in others):
            size += 4
        return text[:size].replace('"', '\\"')


def _name_segment(label: Label, run: int, taken: set[str]) -> str:
    """'3', or '3b', '3c' … in later runs, unique among the ``taken`` segments of its siblings."""
    while (segment := f"{label.number}{_run_suffix(run)}") in taken:
        run += 1
    return segment


def _run_suffix(run: int) -> str:
    """'' for the first run, then 'b' … 'z', 'ba', 'bb' …: ASCII, so paths stay URL-safe."""
    letters = ""
    while run:
        run, digit = divmod(run, 26)
        letters = ascii_lowercase[digit] + letters
    return letters


def find_tails(roots: list[Node], lines: list[Line]) -> None:
    """Give back to each clause the text after its last child that is its own.

    An article's paragraph after its items is its next 款; a paragraph that speaks of
    the list above (以上、上述、前款) belongs to the list's parent. Parents first, so
    the outer clause takes a paragraph before an inner one could.
    """
    starts = [line.offset for line in lines]
    for node in _walk(roots):
        if not node.children:
            continue
        last_line = _last_label_line(node.children[-1])
        end_line = bisect_left(starts, node.end)
        article = node.label.kind == "article" and ends_sentence(lines[last_line].text)
        previous = lines[last_line].text
        for index in range(last_line + 1, end_line):
            text = lines[index].text
            if not text.strip() or FURNITURE.fullmatch(text):
                continue
            if not is_open(previous) and (article or BACK_REFERENCE.match(text)):
                node.tail = lines[index].offset
                _end_last_child(node, node.tail)
                break
            previous = text


def _walk(nodes: list[Node]) -> list[Node]:
    """The nodes and their descendants, parents before children."""
    found = []
    for node in nodes:
        found.append(node)
        found += _walk(node.children)
    return found


def _last_label_line(node: Node) -> int:
    while node.children:
        node = node.children[-1]
    return node.line


def _end_last_child(node: Node, end: int) -> None:
    while node.children:
        node = node.children[-1]
        node.end = end


def path_of(node: Node) -> str:
    return "-".join(ancestor.segment for ancestor in lineage(node))


def lineage(node: Node) -> list[Node]:
    """The node and its ancestors, outermost first."""
    nodes = []
    current: Node | None = node
    while current is not None:
        nodes.append(current)
        current = current.parent
    return nodes[::-1]
