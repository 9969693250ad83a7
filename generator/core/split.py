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
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from string import ascii_lowercase
from typing import Protocol

from generator.core.model import Piece, SplitBody, SplitFix, SplitNote

HEADING_MAX = 30  # a label line's rest this short, without inner punctuation, is a heading
RUN_IN_MAX = 25  # "(一)市级机制。建立…": a run-in heading ends within this many characters
TITLE_MAX = 30  # a first sentence used as title is cut to this many characters
SUBHEAD_MAX = 12  # "新能源汽车：" on its own line, heading the list below it
ATTACHMENT_LINE_MAX = 40  # "2.问题清单.doc": a line of the 附件 (attachment) list
SIGNATURE_LINE_MAX = 80  # "岳阳市商务局　　岳阳市财政局": issuers and dates are short lines
MAX_GAP = 2  # below the top level a list may skip this many numbers: （二） → （四）
LOOKAHEAD = 400  # lines a weak label's list is read ahead for its next number
ENTRY_MIN = 8  # characters of a line quoted as a split: entry, more when needed to be unique
TAIL = "k"  # path segment of the text after a clause's last child (its next 款)

# Spaces, and the invisible characters pasted text hides before a label ("\u200b二、").
SPACE_CHARACTERS = " \t\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff"
SPACE = f"[{SPACE_CHARACTERS}]"
NUMERAL = "[一二三四五六七八九十百零〇]+"
CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4}
CHINESE_DIGITS |= {"五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CHINESE_UNITS = {"十": 10, "百": 100}

# Each alternative is one group, named for its regex group below: lastgroup tells the kind.
LABEL = re.compile(
    rf"{SPACE}*(?:"
    rf"(?P<part>第(?:{NUMERAL}|\d+)(?:部分|编))"
    rf"|(?P<chapter>第(?:{NUMERAL}|\d+)章)"
    rf"|(?P<section>第(?:{NUMERAL}|\d+)节)"
    rf"|(?P<article>第(?:{NUMERAL}|\d+)条)"
    rf"|(?P<cn>{NUMERAL}、)"
    rf"|(?P<paren_cn>[（(]{NUMERAL}[）)])"
    r"|(?P<digit>\d{1,2}[.．、])"
    r"|(?P<digit_glyph>[⒈-⒛])"
    r"|(?P<paren_digit>[（(]\d{1,2}[）)])"
    r"|(?P<paren_glyph>[⑴-⒇])"
    r"|(?P<digit_paren>\d{1,2}[）)])"
    r"|(?P<circled>[①-⑳㉑-㉟㊱-㊿])"
    rf"){SPACE}*"
)
NUMBER = re.compile(rf"{NUMERAL}|\d+|[⒈-⒛⑴-⒇①-⑳㉑-㉟㊱-㊿]")  # the value inside a label
# Regex group → kind of numbering: ⒈ is written 1., ⑴ is written (1).
KINDS = {
    "part": "part",
    "chapter": "chapter",
    "section": "section",
    "article": "article",
    "cn": "cn",
    "paren_cn": "paren_cn",
    "digit": "digit",
    "digit_glyph": "digit",
    "paren_digit": "paren_digit",
    "paren_glyph": "paren_digit",
    "digit_paren": "digit_paren",
    "circled": "circled",
}
GLYPH_STARTS = {"⒈": 1, "⑴": 1, "①": 1, "㉑": 21, "㊱": 36}
GLYPH_RANGES = (("⒈", "⒛"), ("⑴", "⒇"), ("①", "⑳"), ("㉑", "㉟"), ("㊱", "㊿"))
LEADING_NUMBER = {"cn": re.compile(NUMERAL), "digit": re.compile(r"\d+")}
CHAPTER_LIKE = "章节条分编"  # labels followed by a space in headings: "第二章 补贴规则及流程"

# After a label, what only continues a sentence: "（一）至（三）项", "第四条、第五条".
CONTINUATION = re.compile(r"[，,。；;）)]|至[（(第\d]|项(?!目)|款|之[一二三四五六七八九]")
# After a label, what a reference usually goes on with: "第四条规定", "（二）所列".
CITATION = re.compile(r"(?:的)?(?:规定|所列|所述|所称|第[一二三四五六七八九十\d]+[款项])")
YEAR = re.compile(r"\d{4}\s*年")  # "1.2025年1月1日起": a label, not the decimal 1.2025
TERMINAL = "。；;！？!?：:…"  # a line ending in one of these ends its sentence
CLOSERS = "”’」』）)》"  # quotes and brackets that may follow the terminal mark
INNER = "，,、；;"  # marks that show a line is part of a sentence, not a heading
FURNITURE = re.compile(
    r"\s*(?:[-—–－~]+\s*\d{1,3}\s*[-—–－~]+"  # — 2 —
    r"|\d{1,3}"  # a page number alone
    r"|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"  # 第 2 页 共 5 页
    r"|\d{1,3}\s*/\s*\d{1,3})\s*"
)
FURNITURE_MAX = 20  # page furniture is a short line
LABEL_STARTS = set("第一二三四五六七八九十百零〇（(")  # and digits
LABEL_STARTS |= {chr(code) for code in range(ord("⑴"), ord("⒛") + 1)}  # ⑴ … ⒇, ⒈ … ⒛
LABEL_STARTS |= {chr(code) for code in range(ord("①"), ord("⑳") + 1)}
LABEL_STARTS |= {chr(code) for code in range(ord("㉑"), ord("㉟") + 1)}
LABEL_STARTS |= {chr(code) for code in range(ord("㊱"), ord("㊿") + 1)}
ROW_NUMBER = re.compile(r"\s*\d{1,3}\s*")  # "1" alone: a table cell, or a page number

HEADING = re.compile(rf"[^。；;！？!?，,：:]{{1,{HEADING_MAX}}}[。：:]?")
RUN_IN = re.compile(rf"([^。：:]{{1,{RUN_IN_MAX}}})[。：:]")
SENTENCE = re.compile(r"[^。；;！？!?]*")
SUBHEAD = re.compile(rf"{SPACE}*([^\s。；;！？!?，,：:、]{{1,{SUBHEAD_MAX}}})[：:]{SPACE}*")
LEAD_IN_WORDS = ("以下", "如下", "下列")  # "…应当具备以下条件："

DATE = (
    r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|[〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日)"
)
ISSUER = (
    r"[^\s，。；：、,;:]{2,30}?"
    r"(?:办公室|办公厅|人民政府|委员会|政府|总局|局|厅|部|办|委|院|行|会|社|中心|小组|指挥部)"
)
ISSUERS = rf"{ISSUER}(?:{SPACE}+{ISSUER})*"  # joint issuers on one line
ISSUED_LINE = re.compile(rf"\s*(?:{ISSUERS}\s*)?{DATE}\s*(?:印发|发布)\s*")
DATE_LINE = re.compile(rf"\s*{DATE}\s*")
ISSUER_LINE = re.compile(rf"\s*{ISSUERS}\s*")
MARK_LINE = re.compile(r"\s*[（(]此件[^）)]*[）)]\s*")  # （此件公开发布）
COPY_LINE = re.compile(r"\s*抄送[:：].*")  # 抄送: the offices a copy goes to
ATTACHMENT_KINDS = ("digit", "paren_digit", "circled")  # how 附件 lists number their files
ATTACHMENT_HEAD = re.compile(rf"{SPACE}*附件{SPACE}*\d*{SPACE}*(?:[:：]|$)")
ANNEX_MARK = re.compile(rf"{SPACE}*附\s*件{SPACE}*(?:\d{{1,2}}|{NUMERAL})?{SPACE}*[:：]?{SPACE}*")
# Unnumbered last sentences that speak for the whole document: its closing, not a clause.
ENDING = re.compile(
    r"\s*(?:本(?:实施)?(?:办法|细则|方案|措施|通知|规定|意见|公告|政策|若干措施)"
    r"[^。]{0,40}(?:施行|实施|执行|有效期|解释)|特此(?:通知|公告|通告|函告)|此复"
    r"|各地区、各(?:有关)?部门要)"
)
# A paragraph after a list that speaks of the whole list: its parent's, not the last item's.
BACK_REFERENCE = re.compile(r"\s*(?:对|除)?(?:以上|上述|前款|前述|前列|前两款|前项)")


@dataclass(frozen=True, slots=True)
class _Line:
    """A line of the body without its newline, and where it starts."""

    offset: int
    text: str


@dataclass(frozen=True, slots=True)
class _Label:
    """Numbering at the start of a line: its kind, value and characters as written.

    ``weak`` says why the label may be text after all ("numeral" for 一、二级, "decimal"
    for 3.5G, "citation" for 第四条规定, "wrap" after a line cut mid-sentence, "table" for a
    row of a pasted table); a weak label is a clause only where it fits exactly.
    """

    kind: str
    number: int
    text: str
    rest: str  # the line after the label and the spaces that follow it
    weak: str = ""


@dataclass(slots=True)
class _Node:
    """A numbered clause of the body, with the clauses nested in it."""

    label: _Label
    line: int  # index of its label line
    start: int  # offset of the label line
    head: int  # where the clause's span begins: its label line or a sub-head just above
    segment: str  # its part of the path: "5", or "1b" in a second run of 1. 2.
    run: int  # 0 for the first run of numbers under a parent, 1 for the second …
    group: str = ""  # the sub-head ("新能源汽车") over the run this clause is in
    parent: _Node | None = None
    end: int = -1
    tail: int = -1  # where its own text after its last child begins (a 款 after the 项)
    children: list[_Node] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)  # the segments of its children


class Splitter(Protocol):
    """What cuts a body with its corrections: ``split_body``, or a cache in front of it."""

    def __call__(self, body: str, *, fix: SplitFix | None = None) -> SplitBody: ...


def split_body(body: str, max_chars: int = 600, fix: SplitFix | None = None) -> SplitBody:
    """Cut ``body`` into preamble, pieces and closing; note numbering read with a guess.

    Every character of ``body`` lands once: in the preamble, in one piece's span, or
    in the closing. A clause longer than ``max_chars`` is split into its children.
    """
    fix = fix or SplitFix()
    lines = _index_lines(body)
    labels = _read_labels(lines, fix)
    closing_line = fix.closing if fix.closing is not None else _find_closing(lines, labels)
    closing_start = lines[closing_line].offset if closing_line < len(lines) else len(body)
    reader = _OutlineReader(lines, labels[:closing_line], fix, closing_start)
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
    _find_tails(roots, lines)
    starts = [line.offset for line in lines]
    cutter = _Cutter(body, lines, starts, max_chars)
    pieces = [piece for root in roots for piece in cutter.cut(root, carry=None)]
    return SplitBody(body[: roots[0].head], tuple(pieces), body[closing_start:], tuple(notes))


def numbering_kind(text: str) -> str | None:
    """The kind of numbering ``text`` starts with ("paren_cn" for （一）), or None."""
    found = LABEL.match(text)
    return KINDS[found.lastgroup] if found and found.lastgroup else None


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


# --- labels -------------------------------------------------------------------------


def _read_labels(lines: list[_Line], fix: SplitFix) -> list[_Label | None]:
    """The label each line starts with, weak where its neighbours make it doubtful."""
    labels: list[_Label | None] = []
    previous = ""  # the last line with text, page furniture left out
    for index, line in enumerate(lines):
        text = line.text
        if index in fix.not_clause:
            label = None
        elif index in fix.clause:
            label = _forced_label(text)
        elif not _may_start_label(text.lstrip(SPACE_CHARACTERS)[:1]):
            label = None  # most lines: no regex needed
        else:
            label = _read_label(text)
            if label is not None and not label.weak:
                label = _weaken_in_context(label, previous, lines, index)
        labels.append(label)
        if text.strip() and not (len(text) < FURNITURE_MAX and FURNITURE.fullmatch(text)):
            previous = text
    return labels


def _may_start_label(first: str) -> bool:
    return first in LABEL_STARTS or first.isdecimal()


def _read_label(text: str) -> _Label | None:
    """The numbering that starts ``text``, unless it only continues a sentence."""
    found = LABEL.match(text)
    if found is None:
        return None
    group = found.lastgroup or ""
    kind = KINDS[group]
    written = found.group(group)
    number = _label_number(written)
    rest = text[found.end() :].rstrip()
    after = text[found.end(group) :]
    if "\t" in rest or CONTINUATION.match(rest):
        return None  # a row of a table with tabs; "（一）至（三）项"
    if kind == "part" and not (not rest or (HEADING.fullmatch(rest) and rest[0] not in "（(")):
        return None  # "第二部分（一）所列产品": a reference, not a part heading
    weak = ""
    if kind == "digit" and written[-1] in ".．" and after[:1].isdecimal():
        weak = "" if YEAR.match(after) else "decimal"  # 3.5G, 1.5万元; but 1.2025年
    elif _leading_number(kind, after) == number + 1:
        weak = "numeral"  # 一、二级能效, 1、2类产品; but also 一、二手车
    elif CITATION.match(rest):
        weak = "citation"
    return _Label(kind, number, written, rest, weak)


def _forced_label(text: str) -> _Label | None:
    """The label of a line the policy team says starts a clause, however it reads."""
    found = LABEL.match(text)
    if found is None:
        return None
    group = found.lastgroup or ""
    written = found.group(group)
    return _Label(KINDS[group], _label_number(written), written, text[found.end() :].rstrip())


def _label_number(written: str) -> int:
    """The value of a label as written: 11 for 第十一条, 3 for （三）, 1 for ⒈."""
    found = NUMBER.search(written)
    assert found is not None  # every alternative of LABEL holds a number
    return _parse_number(found.group())


def _weaken_in_context(label: _Label, previous: str, lines: list[_Line], index: int) -> _Label:
    """The label marked weak when the line above is cut mid-sentence or a table is around."""
    if _is_open(previous):
        return _Label(label.kind, label.number, label.text, label.rest, "wrap")
    below = _nearest_text(lines, index, 1)
    if "\t" in below.strip() or ROW_NUMBER.fullmatch(below):  # a category row of a table
        return _Label(label.kind, label.number, label.text, label.rest, "table")
    return label


def _nearest_text(lines: list[_Line], index: int, step: int) -> str:
    index += step
    while 0 <= index < len(lines):
        if lines[index].text.strip():
            return lines[index].text
        index += step
    return ""


def _is_open(text: str) -> bool:
    """Whether ``text`` stops mid-sentence, as a line hard-wrapped from a PDF does."""
    stripped = text.strip().rstrip(CLOSERS)
    if not stripped or stripped[-1] in TERMINAL:
        return False
    if LABEL.match(stripped) and not _content(stripped):
        return False  # "一、行动目标": a heading line
    return len(stripped) > HEADING_MAX or any(mark in stripped for mark in INNER)


def _parse_number(numeral: str) -> int:
    """The value of 7, 十一, 二十三, 一百零一, ⑤ or ⑴."""
    if numeral.isdecimal():  # also full-width １２, which \d matches
        return int(numeral)
    for first, last in GLYPH_RANGES:
        if first <= numeral <= last:
            return GLYPH_STARTS[first] + ord(numeral) - ord(first)
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


# --- the closing ----------------------------------------------------------------------


def _find_closing(lines: list[_Line], labels: list[_Label | None]) -> int:
    """Index of the first line of the closing (附件 list, signature, annexes), or len(lines).

    The closing is searched where GB/T 9704 puts it, after the first clause: an 附件
    list, a signature or an annex heading, with nothing of the body after them. An
    unnumbered last sentence for the whole document (本方案自印发之日起施行) joins it.
    """
    first = next((index for index, label in enumerate(labels) if label), 0)
    closing = next(
        (index for index in range(first + 1, len(lines)) if _closing_begins(lines, labels, index)),
        len(lines),
    )
    return _take_endings(lines, labels, first, closing)


def _closing_begins(lines: list[_Line], labels: list[_Label | None], index: int) -> bool:
    text = lines[index].text
    if labels[index] is not None or len(text) > SIGNATURE_LINE_MAX or not text.strip():
        return False
    if ANNEX_MARK.fullmatch(text):
        return True
    if ATTACHMENT_HEAD.match(text) and "。" not in text:
        after = _skip(lines, index + 1, _is_attachment_line)
        return after == len(lines) or _ends_body(lines, after)
    after = _signature_end(lines, index)
    if after is None:
        return False
    label = labels[after] if after < len(labels) else None
    return label is None or label.number == 1  # not a clause numbered on after it


def _take_endings(lines: list[_Line], labels: list[_Label | None], first: int, closing: int) -> int:
    """The closing moved up over unnumbered 施行/特此通知 sentences just above it."""
    start = closing
    index = closing - 1
    while index > first:
        text = lines[index].text
        if text.strip():
            if labels[index] is not None or not ENDING.match(text):
                break
            above = _skip_back(lines, index - 1)
            if labels[above] is not None and not _content(lines[above].text):
                break  # "八、附则" would be left without its text
            start = index
        index -= 1
    return start


def _skip(lines: list[_Line], index: int, keep: object) -> int:
    """The first line from ``index`` that is neither blank nor accepted by ``keep``."""
    while index < len(lines) and (not lines[index].text.strip() or keep(lines[index].text)):
        index += 1
    return index


def _skip_back(lines: list[_Line], index: int) -> int:
    while index > 0 and not lines[index].text.strip():
        index -= 1
    return index


def _ends_body(lines: list[_Line], index: int) -> bool:
    """Whether what starts at line ``index`` can only follow the body's last clause."""
    text = lines[index].text
    return bool(
        ANNEX_MARK.fullmatch(text)
        or COPY_LINE.fullmatch(text)
        or MARK_LINE.fullmatch(text)
        or _signature_end(lines, index) is not None
    )


def _signature_end(lines: list[_Line], index: int) -> int | None:
    """The line after a signature block (issuer, date, 此件公开发布, 抄送) at ``index``."""
    end = index
    while end < len(lines) and _is_signature_line(lines[end].text):
        end += 1
    block = [line.text for line in lines[index:end] if line.text.strip()]
    issued = any(ISSUED_LINE.fullmatch(text) or MARK_LINE.fullmatch(text) for text in block)
    dated = any(DATE_LINE.fullmatch(text) for text in block)
    signed = any(ISSUER_LINE.fullmatch(text) for text in block)
    # A bare date or office name could end a clause ("截止时间" + a date); only the
    # pair, or an 印发 line, is surely a signature.
    return end if issued or (dated and signed) else None


def _is_signature_line(text: str) -> bool:
    if not text.strip():
        return True
    if len(text) > SIGNATURE_LINE_MAX or LABEL.match(text):
        return False
    if "。" in text or "，" in text:
        return bool(COPY_LINE.fullmatch(text))  # only 抄送 lines are sentences
    patterns = (ISSUED_LINE, DATE_LINE, ISSUER_LINE, MARK_LINE)
    return any(pattern.fullmatch(text) for pattern in patterns)


def _is_attachment_line(text: str) -> bool:
    """Whether ``text`` can be a line of a 附件 list ("2.问题清单.doc"), not a clause."""
    if len(text.strip()) > ATTACHMENT_LINE_MAX or "。" in text or ANNEX_MARK.fullmatch(text):
        return False
    if _is_signature_line(text):
        return False  # where the list ends: "岳阳市商务局"
    found = LABEL.match(text)
    return found is None or KINDS[found.lastgroup or ""] in ATTACHMENT_KINDS


# --- the outline ----------------------------------------------------------------------


class _OutlineReader:
    """Nests the labels of the body's lines into clauses, noting where it had to guess."""

    def __init__(
        self, lines: list[_Line], labels: list[_Label | None], fix: SplitFix, end: int
    ) -> None:
        self.lines = lines
        self.labels = labels
        self.fix = fix
        self.end = end
        self.roots: list[_Node] = []
        self.stack: list[_Node] = []  # the open clauses, outermost first
        self.notes: list[SplitNote] = []
        self.latest: dict[str, _Node] = {}  # the last clause of each kind
        self.taken: set[str] = set()  # the segments of the roots

    def read(self) -> tuple[list[_Node], list[SplitNote]]:
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

    def _place(self, index: int, label: _Label, forced: bool) -> tuple[int, str] | None:
        """The depth a label fits at and how (continue, restart, repeat, skip, nest, carry)."""
        placed = self._fit(label, forced)
        if placed is None or forced or not label.weak:
            return placed
        depth, how = placed
        if how in ("continue", "nest", "carry") and self._fits_ahead(index, label, depth, how):
            return placed
        return None

    def _fit(self, label: _Label, forced: bool) -> tuple[int, str] | None:
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

    def _carries_on(self, label: _Label) -> bool:
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

    def _fits_ahead(self, index: int, label: _Label, depth: int, how: str) -> bool:
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

    def _open(self, index: int, label: _Label, how: str) -> _Node:
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
        node = _Node(label, index, start, head, segment, run, group, parent)
        siblings.append(node)
        return node

    def _note_placed(self, node: _Node, previous: _Node, how: str) -> SplitNote:
        label = node.label.text
        path = _path(node)
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

    def _annex_entry(self, node: _Node, previous: _Node) -> str:
        """Where an annex restarting the numbering begins: its title line just above, if any."""
        above = node.line - 1
        while above > 0 and not self.lines[above].text.strip():
            above -= 1
        text = self.lines[above].text.strip() if above >= 0 else ""
        titled = self.labels[above] is None and 0 < len(text) <= HEADING_MAX and "。" not in text
        return self._entry(above if titled and above > previous.line else node.line)

    def _before(self, node: _Node) -> str:
        siblings = node.parent.children if node.parent else self.roots
        return siblings[-2].label.text if len(siblings) > 1 else node.label.text

    def _note_rejected(self, label: _Label, index: int) -> SplitNote:
        kinds = [node.label.kind for node in self.stack]
        inside = _path(self.stack[-1])
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


def _name_segment(label: _Label, run: int, taken: set[str]) -> str:
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


def _find_tails(roots: list[_Node], lines: list[_Line]) -> None:
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
        article = node.label.kind == "article" and _ends_sentence(lines[last_line].text)
        previous = lines[last_line].text
        for index in range(last_line + 1, end_line):
            text = lines[index].text
            if not text.strip() or FURNITURE.fullmatch(text):
                continue
            if not _is_open(previous) and (article or BACK_REFERENCE.match(text)):
                node.tail = lines[index].offset
                _end_last_child(node, node.tail)
                break
            previous = text


def _ends_sentence(text: str) -> bool:
    stripped = text.strip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in "。；;！？!?"


def _content(text: str) -> str:
    """The text of a label line after its label, when it is more than a heading."""
    label = LABEL.match(text)
    rest = text[label.end() :].strip() if label else text.strip()
    return "" if not rest or HEADING.fullmatch(rest) else rest


def _walk(nodes: list[_Node]) -> list[_Node]:
    """The nodes and their descendants, parents before children."""
    found = []
    for node in nodes:
        found.append(node)
        found += _walk(node.children)
    return found


def _last_label_line(node: _Node) -> int:
    while node.children:
        node = node.children[-1]
    return node.line


def _end_last_child(node: _Node, end: int) -> None:
    while node.children:
        node = node.children[-1]
        node.end = end


def _path(node: _Node) -> str:
    return "-".join(ancestor.segment for ancestor in _lineage(node))


def _lineage(node: _Node) -> list[_Node]:
    """The node and its ancestors, outermost first."""
    nodes = []
    current: _Node | None = node
    while current is not None:
        nodes.append(current)
        current = current.parent
    return nodes[::-1]


# --- pieces ---------------------------------------------------------------------------


class _Cutter:
    """Turns clauses into pieces: whole when they fit, else at their children."""

    def __init__(self, body: str, lines: list[_Line], starts: list[int], max_chars: int):
        self.body = body
        self.lines = lines
        self.starts = starts
        self.max_chars = max_chars
        self.titles: dict[int, str] = {}  # by id of the node: breadcrumbs ask again and again

    def cut(self, node: _Node, carry: int | None) -> list[Piece]:
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

    def _piece(self, node: _Node, start: int, end: int, text: str) -> Piece:
        lineage = _lineage(node)
        return Piece(
            path="-".join(ancestor.segment for ancestor in lineage),
            clause=tuple(ancestor.label.text for ancestor in lineage),
            title=self._title(node),
            breadcrumb=self._trail(node),
            text=text,
            start=start,
            end=end,
            line=bisect_right(self.starts, start) - 1,
        )

    def _tail_piece(self, node: _Node) -> Piece:
        text = self._text(node.tail, node.end)
        return Piece(
            path=f"{_path(node)}-{TAIL}",
            clause=tuple(ancestor.label.text for ancestor in _lineage(node)),
            title=_shorten(SENTENCE.match(text.strip()).group().strip()),
            breadcrumb=(*self._trail(node), self._heading(node)),
            text=text,
            start=node.tail,
            end=node.end,
            line=bisect_right(self.starts, node.tail) - 1,
        )

    def _trail(self, node: _Node) -> tuple[str, ...]:
        """The breadcrumb: headings of the parents and sub-heads over runs, outermost first."""
        crumbs: list[str] = []
        for ancestor in _lineage(node):
            if ancestor is not node:
                crumbs.append(self._heading(ancestor))
            if ancestor.group:
                crumbs.append(ancestor.group)
        return tuple(crumbs)

    def _heading(self, node: _Node) -> str:
        """Label and title, as a breadcrumb shows them: '三、主要任务', '第二章 补贴规则及流程'."""
        title = self._title(node)
        space = " " if node.label.text[-1] in CHAPTER_LIKE else ""
        return f"{node.label.text}{space}{title}" if title else node.label.text

    def _title(self, node: _Node) -> str:
        """The clause's own heading, its run-in heading, or its first sentence, shortened."""
        title = self.titles.get(id(node))
        if title is None:
            title = self.titles[id(node)] = self._read_title(node)
        return title

    def _read_title(self, node: _Node) -> str:
        text = node.label.rest or self._first_line_after_label(node)
        index = node.line + 1
        while _is_open(text) and len(text) < 2 * TITLE_MAX and index < len(self.lines):
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

    def _first_line_after_label(self, node: _Node) -> str:
        """For a label alone on its line: the next non-empty line, without its own label."""
        for text in self.body[node.start : node.end].split("\n")[1:]:
            label = _read_label(text)
            text = label.rest if label and not label.weak else text.strip()
            if text:
                return text
        return ""


def _is_heading_only(node: _Node, intro: str) -> bool:
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
