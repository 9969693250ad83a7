"""The splitter as it was before issue 13, kept only as the baseline of ``split_bench.py``.

Cut a policy body into its preamble, clause-sized pieces and closing. Pure: no I/O.
Clauses are found by their numbering at the start of a line (第X章, 第X节, 第X条, 一、,
(一), 1., (1), ①) and checked against the sequence, so dates, amounts and references
that only look like numbering stay text. Depth comes from the order the kinds of
numbering appear in; a clause longer than ``max_chars`` is cut at its next level.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from string import ascii_lowercase

from generator.core.model import Piece, SplitBody, SplitNote

HEADING_MAX = 30  # a label line's rest this short, without inner punctuation, is a heading
RUN_IN_MAX = 25  # "(一)市级机制。建立…": a run-in heading ends within this many characters
TITLE_MAX = 30  # a first sentence used as title is cut to this many characters
SUBHEAD_MAX = 12  # "新能源汽车：" on its own line, heading the list below it
ATTACHMENT_LINE_MAX = 40  # "2.问题清单.doc": a line of the 附件 (attachment) list
ATTACHMENT_SEARCH = 20  # lines above the end searched for the 附件 line

# Spaces, and the invisible characters pasted text hides before a label ("\u200b二、").
SPACE = "[ \t\u3000\u00a0\u200b-\u200d\u2060\ufeff]"
NUMERAL = "[一二三四五六七八九十百零〇]+"
CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4}
CHINESE_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_UNITS = {"十": 10, "百": 100}

LABEL = re.compile(
    rf"{SPACE}*(?P<label>"
    rf"第(?P<chapter>{NUMERAL}|\d+)章"
    rf"|第(?P<section>{NUMERAL}|\d+)节"
    rf"|第(?P<article>{NUMERAL}|\d+)条"
    rf"|(?P<cn>{NUMERAL})、"
    rf"|[（(](?P<paren_cn>{NUMERAL})[）)]"
    r"|(?P<digit>\d{1,2})[.．、]"
    r"|[（(](?P<paren_digit>\d{1,2})[）)]"
    r"|(?P<circled>[①-⑳])"
    rf"){SPACE}*"
)
KINDS = ("chapter", "section", "article", "cn", "paren_cn", "digit", "paren_digit", "circled")
LEADING_NUMBER = {"cn": re.compile(NUMERAL), "digit": re.compile(r"\d+")}
CHAPTER_LIKE = "章节条"  # labels followed by a space in headings: "第二章 补贴规则及流程"

HEADING = re.compile(rf"[^。；;！？!?，,：:]{{1,{HEADING_MAX}}}[。：:]?")
RUN_IN = re.compile(rf"([^。：:]{{1,{RUN_IN_MAX}}})[。：:]")
SENTENCE = re.compile(r"[^。；;！？!?]*")
SUBHEAD = re.compile(rf"{SPACE}*([^\s。；;！？!?，,：:、]{{1,{SUBHEAD_MAX}}})[：:]{SPACE}*")

DATE = r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
ISSUER = r"[^\s，。；：、,;:]{2,30}?(?:办公室|人民政府|委员会|政府|局|厅|部|办|委|中心)"
ISSUED_LINE = re.compile(rf"\s*(?:{ISSUER}\s*)?{DATE}\s*(?:印发|发布)\s*")
DATE_LINE = re.compile(rf"\s*{DATE}\s*")
ISSUER_LINE = re.compile(rf"\s*{ISSUER}\s*")
MARK_LINE = re.compile(r"\s*[（(]此件[^）)]*[）)]\s*")  # （此件公开发布）
COPY_LINE = re.compile(r"\s*抄送[:：].*")  # 抄送: the offices a copy goes to
ATTACHMENT_KINDS = ("digit", "paren_digit", "circled")  # how 附件 lists number their files
ATTACHMENT_HEAD = re.compile(rf"{SPACE}*附件{SPACE}*\d*{SPACE}*(?:[:：]|$)")


@dataclass(frozen=True)
class _Line:
    """A line of the body without its newline, and where it starts."""

    offset: int
    text: str


@dataclass(frozen=True)
class _Label:
    """Numbering at the start of a line: its kind, value and characters as written."""

    kind: str
    number: int
    text: str
    rest: str  # the line after the label and the spaces that follow it


@dataclass
class _Node:
    """A numbered clause of the body, with the clauses nested in it."""

    label: _Label
    start: int  # offset of the label line
    head: int  # where the clause's span begins: its label line or a sub-head just above
    segment: str  # its part of the path: "5", or "1b" in a second run of 1. 2.
    run: int  # 0 for the first run of numbers under a parent, 1 for the second …
    group: str = ""  # the sub-head ("新能源汽车") over the run this clause is in
    parent: _Node | None = None
    end: int = -1
    children: list[_Node] = field(default_factory=list)


def split_body(body: str, max_chars: int = 600) -> SplitBody:
    """Cut ``body`` into preamble, pieces and closing; note numbering that looks wrong.

    Every character of ``body`` lands once: in the preamble, in one piece's span, or
    in the closing. A clause longer than ``max_chars`` is split into its children.
    """
    lines = _index_lines(body)
    closing_line = _find_closing(lines)
    closing_start = lines[closing_line].offset if closing_line < len(lines) else len(body)
    roots, notes = _read_clauses(lines[:closing_line], closing_start)
    if not roots:
        if body.strip():
            notes.append(
                SplitNote(
                    0,
                    "no clause numbering found",
                    "the body stays whole on the document page; "
                    "number its clauses (一、 (一) 1.) or write its items by hand",
                )
            )
        return SplitBody(body[:closing_start], (), body[closing_start:], tuple(notes))
    starts = [line.offset for line in lines]
    pieces = [
        piece for root in roots for piece in _cut_clause(body, starts, root, max_chars, carry=None)
    ]
    return SplitBody(body[: roots[0].head], tuple(pieces), body[closing_start:], tuple(notes))


def _index_lines(body: str) -> list[_Line]:
    """The lines of ``body`` with their offsets (no empty line after a final newline)."""
    lines = []
    offset = 0
    for text in body.split("\n"):
        lines.append(_Line(offset, text))
        offset += len(text) + 1
    if lines[-1].text == "":
        lines.pop()
    return lines


def _find_closing(lines: list[_Line]) -> int:
    """Index of the first line of the closing (附件 list, signature, date), or len(lines)."""
    start = len(lines)
    while True:
        earlier = _peel_attachments(lines, _peel_signature(lines, start))
        if earlier == start:
            return start
        start = earlier


def _peel_signature(lines: list[_Line], end: int) -> int:
    """Where a signature block (issuer, date, 此件公开发布, 抄送) ending at ``end`` starts."""
    start = end
    while start > 0 and _is_signature_line(lines[start - 1].text):
        start -= 1
    block = [line.text for line in lines[start:end]]
    issued = any(ISSUED_LINE.fullmatch(text) or MARK_LINE.fullmatch(text) for text in block)
    dated = any(DATE_LINE.fullmatch(text) for text in block)
    signed = any(ISSUER_LINE.fullmatch(text) for text in block)
    # A bare date or office name could end a clause ("截止时间" + a date); only the
    # pair, or an 印发 line, is surely a signature.
    return start if issued or (dated and signed) else end


def _is_signature_line(text: str) -> bool:
    if not text.strip():
        return True
    if _read_label(text) is not None:
        return False
    patterns = (ISSUED_LINE, DATE_LINE, ISSUER_LINE, MARK_LINE, COPY_LINE)
    return any(pattern.fullmatch(text) for pattern in patterns)


def _peel_attachments(lines: list[_Line], end: int) -> int:
    """Where a 附件 list ending at ``end`` starts, or ``end`` when there is none."""
    for index in range(end - 1, max(end - ATTACHMENT_SEARCH, 0) - 1, -1):
        text = lines[index].text
        if ATTACHMENT_HEAD.match(text) and "。" not in text:
            return index
        if not _is_attachment_line(text):
            return end
    return end


def _is_attachment_line(text: str) -> bool:
    """Whether ``text`` can be a line of a 附件 list ("2.问题清单.doc"), not a clause."""
    if len(text.strip()) > ATTACHMENT_LINE_MAX or "。" in text:
        return False
    label = _read_label(text)
    return label is None or label.kind in ATTACHMENT_KINDS


def _read_label(text: str) -> _Label | None:
    """The numbering that starts ``text``, unless it is a decimal or a list in a sentence."""
    found = LABEL.match(text)
    if found is None:
        return None
    kind = next(kind for kind in KINDS if found.group(kind) is not None)
    number = _parse_number(found.group(kind))
    after = text[found.end("label") :]
    if kind == "digit" and found.group("label")[-1] in ".．" and after[:1].isdigit():
        return None  # 1.5万元, 3.0版
    if _leading_number(kind, after) == number + 1:
        return None  # 一、二级能效, 1、2类产品
    return _Label(kind, number, found.group("label"), text[found.end() :].rstrip())


def _parse_number(numeral: str) -> int:
    """The value of 7, 十一, 二十三, 一百零一 or ⑤."""
    if numeral.isdecimal():  # also full-width １２, which \d matches
        return int(numeral)
    if "①" <= numeral <= "⑳":
        return ord(numeral) - ord("①") + 1
    total = digit = 0
    for char in numeral:
        if char in CHINESE_UNITS:
            total += (digit or 1) * CHINESE_UNITS[char]
            digit = 0
        else:
            digit = CHINESE_DIGITS[char]
    return total + digit


def _leading_number(kind: str, text: str) -> int | None:
    pattern = LEADING_NUMBER.get(kind)
    found = pattern.match(text) if pattern else None
    return _parse_number(found.group()) if found else None


def _read_clauses(lines: list[_Line], end: int) -> tuple[list[_Node], list[SplitNote]]:
    """Find the numbered clauses in ``lines`` and nest them; the last ones end at ``end``."""
    roots: list[_Node] = []
    stack: list[_Node] = []  # the open clauses, outermost first
    notes: list[SplitNote] = []
    last_article = 0
    for index, line in enumerate(lines):
        label = _read_label(line.text)
        if label is None:
            continue
        placed = _place_label(stack, label, last_article)
        if placed is None:
            if stack:
                notes.append(_note_rejected(stack, label, index))
            continue
        depth, how = placed
        if how == "repeat" or (depth == 0 and how in ("skip", "restart")):
            notes.append(_note_placed(stack[depth], label, index, how))
        closed = stack[depth:]
        del stack[depth:]
        node = _open_node(lines, index, label, stack, roots, how)
        for done in closed:
            done.end = node.head
        stack.append(node)
        if label.kind == "article":
            last_article = label.number
    for node in stack:
        node.end = end
    return roots, notes


def _place_label(stack: list[_Node], label: _Label, last_article: int) -> tuple[int, str] | None:
    """The depth a label fits at and how (continue, restart, repeat, skip, nest), or None."""
    kinds = [node.label.kind for node in stack]
    if label.kind in kinds:
        depth = kinds.index(label.kind)
        previous = stack[depth].label.number
        if label.number == previous + 1:
            return depth, "continue"
        if label.number == 1:
            return depth, "restart"
        if label.number == previous:
            return depth, "repeat"
        if depth == 0 and label.number > previous:
            return depth, "skip"
        return None
    # 第X条 are numbered through the whole document, across its chapters.
    if label.number == 1 or (label.kind == "article" and label.number == last_article + 1):
        return len(stack), "nest"
    return None


def _open_node(
    lines: list[_Line], index: int, label: _Label, stack: list[_Node], roots: list[_Node], how: str
) -> _Node:
    """A node for the label on line ``index``, added to its parent (the top of ``stack``)."""
    parent = stack[-1] if stack else None
    siblings = parent.children if parent else roots
    previous = siblings[-1] if siblings else None
    run = 0
    if how == "restart":
        run = previous.run + 1
    elif previous is not None and how != "nest":
        run = previous.run
    start = lines[index].offset
    head, group = start, previous.group if previous and how in ("continue", "repeat") else ""
    subhead = SUBHEAD.fullmatch(lines[index - 1].text) if parent and index > 0 else None
    if subhead and how in ("nest", "restart") and _read_label(lines[index - 1].text) is None:
        head, group = lines[index - 1].offset, subhead.group(1)
    node = _Node(label, start, head, _name_segment(label, run, siblings), run, group, parent)
    siblings.append(node)
    return node


def _name_segment(label: _Label, run: int, siblings: list[_Node]) -> str:
    """'3', or '3b', '3c' … in later runs, unique among ``siblings``."""
    taken = {sibling.segment for sibling in siblings}
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


def _note_placed(previous: _Node, label: _Label, line: int, how: str) -> SplitNote:
    if how == "skip":
        return SplitNote(
            line,
            f"numbering skips from {previous.label.text} to {label.text}",
            "check for a missing clause or renumber",
        )
    if how == "repeat" or previous.label.number == label.number:  # 一、 … 一、 reads as a restart
        return SplitNote(
            line,
            f"numbering repeats {label.text}",
            "check for a duplicated clause or renumber",
        )
    return SplitNote(
        line,
        f"numbering restarts at {label.text} after {previous.label.text}",
        "if an annex starts here, begin the closing with a 附件： line",
    )


def _note_rejected(stack: list[_Node], label: _Label, line: int) -> SplitNote:
    kinds = [node.label.kind for node in stack]
    if label.kind in kinds:
        previous = stack[kinds.index(label.kind)].label.text
        message = f"{label.text} does not continue {previous}; read as text"
    else:
        message = f"{label.text} cannot start a list; read as text"
    return SplitNote(line, message, "check for a missing clause or renumber")


def _cut_clause(
    body: str, starts: list[int], node: _Node, max_chars: int, carry: int | None
) -> list[Piece]:
    """The pieces of one clause: itself if it fits or cannot be cut, else its parts.

    ``carry`` is where a parent's heading line begins when it was carried into this
    clause's span.
    """
    start = node.head if carry is None else carry
    text = body[node.start : node.end].rstrip("\n")
    if len(text) <= max_chars or not node.children:
        return [_make_piece(body, starts, node, start, node.end, text)]
    first = node.children[0]
    intro = body[node.start : first.head]
    pieces = []
    carry_next = None
    if _is_heading_only(node, intro):
        carry_next = start
    else:
        pieces.append(_make_piece(body, starts, node, start, first.head, intro.rstrip("\n")))
    for child in node.children:
        pieces += _cut_clause(body, starts, child, max_chars, carry_next)
        carry_next = None
    return pieces


def _is_heading_only(node: _Node, intro: str) -> bool:
    """Whether a clause's text before its first child is just a heading line ("三、主要任务")."""
    return "\n" not in intro.rstrip() and (
        not node.label.rest or bool(HEADING.fullmatch(node.label.rest))
    )


def _make_piece(
    body: str, starts: list[int], node: _Node, start: int, end: int, text: str
) -> Piece:
    return Piece(
        path="-".join(node.segment for node in _lineage(node)),
        clause=tuple(node.label.text for node in _lineage(node)),
        title=_read_title(body, node),
        breadcrumb=_trail(body, node),
        text=text,
        start=start,
        end=end,
        line=bisect_right(starts, start) - 1,
    )


def _lineage(node: _Node) -> list[_Node]:
    """The node and its ancestors, outermost first."""
    nodes = []
    current: _Node | None = node
    while current is not None:
        nodes.append(current)
        current = current.parent
    return nodes[::-1]


def _trail(body: str, node: _Node) -> tuple[str, ...]:
    """The breadcrumb: headings of the parents and sub-heads over runs, outermost first."""
    crumbs: list[str] = []
    for ancestor in _lineage(node):
        if ancestor is not node:
            crumbs.append(_read_heading(body, ancestor))
        if ancestor.group:
            crumbs.append(ancestor.group)
    return tuple(crumbs)


def _read_heading(body: str, node: _Node) -> str:
    """Label and title, as a breadcrumb shows them: '三、主要任务', '第二章 补贴规则及流程'."""
    title = _read_title(body, node)
    space = " " if node.label.text[-1] in CHAPTER_LIKE else ""
    return f"{node.label.text}{space}{title}" if title else node.label.text


def _read_title(body: str, node: _Node) -> str:
    """The clause's own heading, its run-in heading, or its first sentence, shortened."""
    text = node.label.rest or _first_line_after_label(body, node)
    if HEADING.fullmatch(text):
        return text.rstrip("。：:").strip()
    run_in = RUN_IN.match(text)
    if run_in:
        return run_in.group(1).strip()
    return _shorten(SENTENCE.match(text).group().strip())


def _shorten(sentence: str) -> str:
    """The sentence, or about its first TITLE_MAX characters, cut at a comma if one is near."""
    if len(sentence) <= TITLE_MAX:
        return sentence
    comma = max(sentence.rfind(mark, 0, TITLE_MAX) for mark in "，,、")
    end = comma if comma >= TITLE_MAX // 2 else TITLE_MAX
    return sentence[:end] + "…"


def _first_line_after_label(body: str, node: _Node) -> str:
    """For a label alone on its line: the next non-empty line, without its own label."""
    for text in body[node.start : node.end].split("\n")[1:]:
        label = _read_label(text)
        text = label.rest if label else text.strip()
        if text:
            return text
    return ""
