"""Cut a policy body into its preamble, clause-sized pieces and closing. Pure: no I/O.

The numbering at the start of lines (第一部分, 第X章/节/条, 一、, （一）, 1., (1), 1）, ①)
is read as the document's outline. A label becomes a clause when it fits the numbering
around it, so dates, amounts, references, table rows and PDF hard wraps that only look
like numbering stay text; and the outline allows for what real documents do: （一）…
numbered on across parts, a skipped or repeated number, a heading that starts with the
next numeral (一、二手车…). The closing (附件 list, signature, annex texts, 版记) is
found where it begins. Depth comes from the order the kinds of numbering appear in; a
clause longer than ``max_chars`` is cut at its next level. A ``SplitFix`` (the source's
``split:`` block) says where the policy team reads the numbering otherwise.

Four steps, one module each: ``numbering`` reads each line's label, ``closing`` finds
where the closing begins, ``outline`` nests the labels into clauses, and this module
cuts the clauses into pieces with their titles and breadcrumbs.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Protocol

from generator.core.closing import find_closing
from generator.core.model import Piece, SplitBody, SplitFix, SplitNote
from generator.core.numbering import (
    FURNITURE,
    FURNITURE_MAX,
    HEADING,
    LABEL,
    Line,
    index_lines,
    is_open,
    read_label,
    read_labels,
)
from generator.core.outline import SUBHEAD_MAX, Node, OutlineReader, find_tails, lineage, path_of

RUN_IN_MAX = 25  # "(一)市级机制。建立…": a run-in heading ends within this many characters
TITLE_MAX = 30  # a first sentence used as title is cut to this many characters
TAIL = "k"  # path segment of the text after a clause's last child (its next 款)
CHAPTER_LIKE = "章节条分编"  # labels followed by a space in headings: "第二章 补贴规则及流程"
RUN_IN = re.compile(rf"([^。：:]{{1,{RUN_IN_MAX}}})[。：:]")
SENTENCE = re.compile(r"[^。；;！？!?]*")
LEAD_IN_WORDS = ("以下", "如下", "下列")  # "…应当具备以下条件："


class Splitter(Protocol):
    """What cuts a body with its corrections: ``split_body``, or a cache in front of it."""

    def __call__(self, body: str, *, fix: SplitFix | None = None) -> SplitBody: ...


def split_body(body: str, max_chars: int = 600, fix: SplitFix | None = None) -> SplitBody:
    """Cut ``body`` into preamble, pieces and closing; note numbering read with a guess.

    Every character of ``body`` lands once: in the preamble, in one piece's span, or
    in the closing. A clause longer than ``max_chars`` is split into its children.
    """
    fix = fix or SplitFix()
    lines = index_lines(body)
    labels = read_labels(lines, fix)
    closing_line = fix.closing if fix.closing is not None else find_closing(lines, labels)
    closing_start = lines[closing_line].offset if closing_line < len(lines) else len(body)
    reader = OutlineReader(lines, labels[:closing_line], fix, closing_start)
    roots, notes = reader.read()
    if not roots:
        if body.strip():
            notes.append(
                SplitNote(
                    0,
                    "no clause numbering found; the body stays whole on the document page",
                    "write its items by hand (items:), or name the lines where clauses "
                    'start: split: clause: ["…"]',
                )
            )
        return SplitBody(body[:closing_start], (), body[closing_start:], tuple(notes))
    find_tails(roots, lines)
    starts = [line.offset for line in lines]
    cutter = _Cutter(body, lines, starts, max_chars)
    pieces = [piece for root in roots for piece in cutter.cut(root, carry=None)]
    return SplitBody(body[: roots[0].head], tuple(pieces), body[closing_start:], tuple(notes))


class _Cutter:
    """Turns clauses into pieces: whole when they fit, else at their children."""

    def __init__(self, body: str, lines: list[Line], starts: list[int], max_chars: int):
        self.body = body
        self.lines = lines
        self.starts = starts
        self.max_chars = max_chars
        self.titles: dict[int, str] = {}  # by id of the node: breadcrumbs ask again and again

    def cut(self, node: Node, carry: int | None) -> list[Piece]:
        """The pieces of one clause; ``carry``: where a heading carried into it begins."""
        start = node.head if carry is None else carry
        text = self._text(node.start, node.end)
        if len(text) <= self.max_chars or not node.children:
            return [self._piece(node, start, node.end, text)]
        first = node.children[0]
        intro = self.body[node.start : first.head]
        pieces = []
        carry_next = None
        if _is_heading_only(node, intro):
            carry_next = start
        else:
            pieces.append(self._piece(node, start, first.head, self._text(node.start, first.head)))
        for child in node.children:
            pieces += self.cut(child, carry_next)
            carry_next = None
        if node.tail >= 0:
            pieces.append(self._tail_piece(node))
        return pieces

    def _text(self, start: int, end: int) -> str:
        """What a piece shows of ``body[start:end]``: no trailing blank lines or page numbers."""
        text = self.body[start:end].rstrip("\n")
        while (cut := text.rfind("\n")) >= 0:
            last = text[cut + 1 :]
            if last.strip() and not (len(last) < FURNITURE_MAX and FURNITURE.fullmatch(last)):
                break
            text = text[:cut].rstrip("\n")
        return text

    def _piece(self, node: Node, start: int, end: int, text: str) -> Piece:
        nodes = lineage(node)
        return Piece(
            path="-".join(ancestor.segment for ancestor in nodes),
            clause=tuple(ancestor.label.text for ancestor in nodes),
            title=self._title(node),
            breadcrumb=self._trail(node),
            text=text,
            start=start,
            end=end,
            line=bisect_right(self.starts, start) - 1,
        )

    def _tail_piece(self, node: Node) -> Piece:
        text = self._text(node.tail, node.end)
        return Piece(
            path=f"{path_of(node)}-{TAIL}",
            clause=tuple(ancestor.label.text for ancestor in lineage(node)),
            title=_shorten(SENTENCE.match(text.strip()).group().strip()),
            breadcrumb=(*self._trail(node), self._heading(node)),
            text=text,
            start=node.tail,
            end=node.end,
            line=bisect_right(self.starts, node.tail) - 1,
        )

    def _trail(self, node: Node) -> tuple[str, ...]:
        """The breadcrumb: headings of the parents and sub-heads over runs, outermost first."""
        crumbs: list[str] = []
        for ancestor in lineage(node):
            if ancestor is not node:
                crumbs.append(self._heading(ancestor))
            if ancestor.group:
                crumbs.append(ancestor.group)
        return tuple(crumbs)

    def _heading(self, node: Node) -> str:
        """Label and title, as a breadcrumb shows them: '三、主要任务', '第二章 补贴规则及流程'."""
        title = self._title(node)
        space = " " if node.label.text[-1] in CHAPTER_LIKE else ""
        return f"{node.label.text}{space}{title}" if title else node.label.text

    def _title(self, node: Node) -> str:
        """The clause's own heading, its run-in heading, or its first sentence, shortened."""
        title = self.titles.get(id(node))
        if title is None:
            title = self.titles[id(node)] = self._read_title(node)
        return title

    def _read_title(self, node: Node) -> str:
        text = node.label.rest or self._first_line_after_label(node)
        index = node.line + 1
        while is_open(text) and len(text) < 2 * TITLE_MAX and index < len(self.lines):
            following = self.lines[index].text  # a label line hard-wrapped from a PDF
            if self.lines[index].offset >= node.end or LABEL.match(following):
                break
            if not FURNITURE.fullmatch(following):
                text += following.strip()
            index += 1
        if HEADING.fullmatch(text):
            return text.rstrip("。：:").strip()
        run_in = RUN_IN.match(text)
        if run_in:
            return run_in.group(1).strip()
        return _shorten(SENTENCE.match(text).group().strip())

    def _first_line_after_label(self, node: Node) -> str:
        """For a label alone on its line: the next non-empty line, without its own label."""
        for text in self.body[node.start : node.end].split("\n")[1:]:
            label = read_label(text)
            text = label.rest if label and not label.weak else text.strip()
            if text:
                return text
        return ""


def _is_heading_only(node: Node, intro: str) -> bool:
    """Whether a clause's text before its first child is just a heading line ("三、主要任务").

    A lead-in ("第九条　申请补贴的企业应当具备以下条件：") is text, not a heading: it
    stays in a piece of its own.
    """
    rest = node.label.rest
    if "\n" in intro.rstrip() or _is_lead_in(rest):
        return False
    return not rest or bool(HEADING.fullmatch(rest))


def _is_lead_in(rest: str) -> bool:
    """Whether a label line's rest leads into its list rather than heading it (补贴标准：)."""
    if not rest.endswith(("：", ":")):
        return False
    return len(rest) > SUBHEAD_MAX or any(word in rest for word in LEAD_IN_WORDS)


def _shorten(sentence: str) -> str:
    """The sentence, or about its first TITLE_MAX characters, cut at a comma if one is near."""
    if len(sentence) <= TITLE_MAX:
        return sentence
    comma = max(sentence.rfind(mark, 0, TITLE_MAX) for mark in "，,、")
    end = comma if comma >= TITLE_MAX // 2 else TITLE_MAX
    return sentence[:end] + "…"
