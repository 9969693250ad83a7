"""Undo what the medium did to a text, and only that: join the lines a layout wrapped, drop
page numbers and running headers, remove the spaces PDF extraction puts between Chinese
and digits. Every other character stays as it was; every change is logged. Pure.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from generator.core.written_dates import DATE_LINE

from .document import Line

# "1", "- 1 -", "—2—", "第3页", "第 3 页 共 6 页", "3/6": a page number alone on its line.
PAGE_NUMBER = re.compile(
    r"[-—–－·\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*(?:共|/|／)\s*\d{1,4}\s*页?)?[-—–－·\s]*"
)
# Punctuation a layout (or pdftotext) can push onto the start of a line, or a line of its
# own: it closes the line before.
CLOSING = set("。，、；：？！）》」』”’】〕…,.;:?!)]")
SENTENCE_END = tuple("。！？；：!?;:")
UNFINISHED_END = tuple("、，,（(《“‘—")
PAIRS = ("（）", "《》", "“”", "‘’", "【】", "〔〕")
CJK = "\u2e80-\u2fff\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60‘’“”"
STRAY_SPACE = re.compile(rf"(?<=[{CJK}]) +(?=[A-Za-z0-9])|(?<=[A-Za-z0-9]) +(?=[{CJK}])")
# The start of a numbered clause, which never continues the line before.
LABEL = re.compile(
    r"\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?!\d)"
    r"|第[一二三四五六七八九十百零〇\d]+[章节条]|[①-⑳])"
)
# Lines of a red head or signature that a title wrap must not swallow.
OFFICE_END = re.compile(r".*(?:文件|局|厅|委员会|委|政府|办公室|办公厅|部|院|署|办|中心|小组)")
TITLE_END = re.compile(
    r".*(?:公告|通告|通知|方案|细则|办法|意见|规定|决定|措施|规划|计划|名单|清单|指南|条例|函)"
)
TITLE_WRAP_MIN = 8  # a title's first line is at least this many characters
DOC_NUMBER_OR_DATE = re.compile(r"\d{4}.*号$|年.*月.*日$")  # a line of its own, never a title's
ROOM_SLACK = 2.0  # points: a piece this much wider than the room left did not fit
WRAP_SHARE = 0.85  # plain text: a line this close to the longest width was wrapped there
ASIDE_SHARE = 0.6  # plain text: a line this wide goes on into the bracket that follows it
ASIDE_MARK = re.compile(r"[（(](?:此件|联系人|注[:：）)])")  # （此件公开发布）, （联系人：…）
EXCERPT = 24  # characters of a paragraph shown in the log


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the repaired text and the lines it came from."""

    text: str
    first: Line
    last: Line


@dataclass(frozen=True)
class Repair:
    """One change, as the officer reads it: where, what, and the text it touched."""

    where: str
    action: str
    text: str
    order: tuple[int, int] = (0, 0)  # page and line, to list changes in reading order

    def __str__(self) -> str:
        return f"{self.where}: {self.action}: {self.text}"


def repair_lines(lines: tuple[Line, ...], spaces: bool) -> tuple[list[Paragraph], list[Repair]]:
    """Paragraphs from ``lines``; ``spaces`` removes the stray spaces (PDF-extracted text)."""
    furniture = find_furniture(lines)
    log = [
        Repair(lines[index].where(), "dropped", reason, _order(lines[index]))
        for index, reason in furniture.items()
    ]
    kept = [line for index, line in enumerate(lines) if index not in furniture]
    wrap_width = _wrap_width(kept)
    groups: list[list[Line]] = []
    opening = True  # the red head, 文号 and title: until a sentence ends or a clause starts
    for line in kept:
        if groups and (
            _continues(groups[-1][-1], line, wrap_width)
            or (len(groups[-1]) == 1 and _is_text_title_wrap(groups[-1][0], line, opening))
        ):
            groups[-1].append(line)
        else:
            groups.append([line])
        text = line.text.strip()
        opening = opening and not text.endswith(SENTENCE_END) and not LABEL.match(text)
    paragraphs = []
    for group in groups:
        paragraph, repair = _join(group, spaces)
        paragraphs.append(paragraph)
        if repair is not None:
            log.append(repair)
    return paragraphs, sorted(log, key=lambda repair: repair.order)


def _order(line: Line) -> tuple[int, int]:
    return line.page, line.number


def find_furniture(lines: tuple[Line, ...]) -> dict[int, str]:
    """Page numbers and running headers or footers: line index → what it was."""
    found = {}
    pages = {line.page for line in lines if line.page}
    repeats: dict[str, set[int]] = defaultdict(set)
    for line in lines:
        if line.edge:
            repeats[_masked(line.text)].add(line.page)
    for index, line in enumerate(lines):
        if not (line.page and line.edge):
            continue
        if PAGE_NUMBER.fullmatch(line.text):
            found[index] = f"page number “{line.text}”"
        elif len(pages) > 1 and len(repeats[_masked(line.text)]) >= max(2, len(pages) / 2):
            found[index] = f"running header or footer “{line.text}”"
    return found


def _masked(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _continues(previous: Line, line: Line, wrap_width: float) -> bool:
    """Whether ``line`` goes on from ``previous`` rather than starting a paragraph."""
    text = line.text.strip()
    if line.paragraph is not True and text and text[0] in CLOSING:
        return True  # no paragraph starts with 、，。）: the line before went on
    if line.paragraph is True and line.room is None:
        return False  # a Word or HTML paragraph is whole
    if DATE_LINE.fullmatch(text):
        return False  # a signature's date (二○二五年八月二十日) under its office, never a wrap
    if line.centered and (previous.centered or _fills_its_line(previous)):
        return _is_title_wrap(previous, line)  # a title on two lines, the first one full
    if line.paragraph is not None and (previous.room is None or line.lead is None):
        # Plain text indented at each paragraph: a line at the margin goes on, unless it is
        # a clause or follows a sentence finished before the margin (one that ends at the
        # margin was wrapped there, and its paragraph goes on).
        before = previous.text.rstrip()
        full = wrap_width > 0 and display_width(before) >= WRAP_SHARE * wrap_width
        return (
            line.paragraph is False
            and not LABEL.match(text)
            and (full or not before.endswith(SENTENCE_END))
        )
    if line.paragraph is not None:
        # The layout decides: the first piece of the line did not fit on the line before.
        return (
            line.paragraph is False
            and previous.room is not None
            and line.lead is not None
            and not previous.centered
            and line.lead > previous.room - ROOM_SLACK
        )
    before = previous.text.rstrip()
    if LABEL.match(text):
        return False
    width = display_width(before)
    wrapped = wrap_width > 0 and width >= WRAP_SHARE * wrap_width
    aside = wrap_width > 0 and width >= ASIDE_SHARE * wrap_width and _opens_aside(text)
    return ((wrapped or aside) and not before.endswith(SENTENCE_END)) or _unfinished(before)


def _opens_aside(text: str) -> bool:
    """A line that starts with a bracket and is no clause label nor a 公文 mark: the rest of
    a sentence whose aside a PDF's text broke onto a line of its own (…和企业（单位） /
    （行政、事业单位除外…). （此件公开发布） stands alone."""
    return text.startswith(("（", "(")) and not ASIDE_MARK.match(text)


def _unfinished(text: str) -> bool:
    """A line no paragraph ends with: on a comma or an opening mark (…和企业（单位）（行政、),
    or inside brackets or quotes it has not closed (——“济南)."""
    return text.endswith(UNFINISHED_END) or any(
        text.count(opening) > text.count(closing) for opening, closing in PAIRS
    )


def _fills_its_line(line: Line) -> bool:
    """A PDF line that reaches the right margin: less than one of its characters left."""
    return line.room is not None and line.size > 0 and line.room < line.size


def _is_title_wrap(previous: Line, line: Line) -> bool:
    """A title set on two centered lines, not a red head of several offices."""
    before = re.sub(r"\s+", "", previous.text)
    after = re.sub(r"\s+", "", line.text)
    return (
        previous.size == line.size
        and len(before) >= TITLE_WRAP_MIN
        and not before.endswith(SENTENCE_END)
        and not OFFICE_END.fullmatch(before)
        and not TITLE_END.fullmatch(before)
        and not PAGE_NUMBER.fullmatch(after)
        and not any(DOC_NUMBER_OR_DATE.search(text) for text in (before, after))
    )


def _is_text_title_wrap(previous: Line, line: Line, opening: bool) -> bool:
    """Plain text, which cannot say what is centered: a title at the top of the text or of a
    page (an annex's), wrapped onto a second line that ends it (济南市2025年下半年第一轮汽车消费
    / 补贴活动公告)."""
    plain = previous.room is None and previous.paragraph is None and line.paragraph is None
    at_top = opening or (previous.edge and previous.page == line.page)
    return (
        plain
        and at_top
        and bool(TITLE_END.fullmatch(line.text.strip()))
        and _is_title_wrap(previous, line)
    )


def _wrap_width(lines: list[Line]) -> float:
    """Plain text: the width lines were wrapped at, or 0 when the text is not hard-wrapped.

    A text is hard-wrapped when most of its longest lines stop in the middle of a sentence.
    """
    plain = [line for line in lines if line.room is None and line.text.strip()]
    if len(plain) < 3:
        return 0.0
    widths = sorted(display_width(line.text.rstrip()) for line in plain)
    width = widths[int(len(widths) * 0.9)]
    long = [line for line in plain if display_width(line.text.rstrip()) >= WRAP_SHARE * width]
    cut = [line for line in long if not line.text.rstrip().endswith(SENTENCE_END)]
    return float(width) if len(cut) >= 3 and len(cut) * 2 >= len(long) else 0.0


def display_width(text: str) -> int:
    """Columns the text takes in a monospaced layout: CJK characters count two, and so do
    the marks of ambiguous width (“ ” ‘ ’ — …), which Chinese fonts set full width."""
    return sum(2 if unicodedata.east_asian_width(char) in "WFA" else 1 for char in text)


def _join(group: list[Line], spaces: bool) -> tuple[Paragraph, Repair | None]:
    text = ""
    for line in group:
        piece = line.text.strip()
        if text and _needs_space(text, piece):
            text += " "
        text += piece
    removed = 0
    if spaces:
        text, removed = STRAY_SPACE.subn("", text)
    first, last = group[0], group[-1]
    paragraph = Paragraph(text, first, last)
    actions = []
    if len(group) > 1:
        actions.append(f"joined {len(group)} lines")
    if removed:
        actions.append(f"removed {removed} space(s) between Chinese and digits or letters")
    if not actions:
        return paragraph, None
    excerpt = text if len(text) <= EXCERPT else text[:EXCERPT] + "…"
    return paragraph, Repair(_span(first, last), ", ".join(actions), excerpt, _order(first))


def _needs_space(before: str, after: str) -> bool:
    """Two Latin words broken across lines keep a space; Chinese and a cut URL do not."""
    if not (before[-1:].isascii() and before[-1:].isalpha() and after[:1].isascii()):
        return False
    return after[:1].isalpha() and "://" not in before.rsplit(" ", 1)[-1]


def _span(first: Line, last: Line) -> str:
    if first == last:
        return first.where()
    if first.page == last.page:
        unit = f"page {first.page} lines" if first.page else "lines"
        return f"{unit} {first.number}–{last.number}"
    return f"{first.where()} – {last.where()}"
