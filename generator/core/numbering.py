"""The numbering at the start of a body's lines: which labels there are, what they are worth.

A label is read with its kind (一、 is "cn", （一） "paren_cn", 1. "digit", ⑴ "paren_digit"
…), its value and the rest of its line. Where the label may be text after all it is marked
weak, with why: the next numeral (一、二级), a decimal (3.5G), a citation (第四条规定), the
line above cut mid-sentence by a PDF, a table row below. The outline decides those. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.core.model import SplitFix

HEADING_MAX = 30  # a label line's rest this short, without inner punctuation, is a heading
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


@dataclass(frozen=True, slots=True)
class Line:
    """A line of the body without its newline, and where it starts."""

    offset: int
    text: str


@dataclass(frozen=True, slots=True)
class Label:
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


def numbering_kind(text: str) -> str | None:
    """The kind of numbering ``text`` starts with ("paren_cn" for （一）), or None."""
    found = LABEL.match(text)
    return KINDS[found.lastgroup] if found and found.lastgroup else None


def index_lines(body: str) -> list[Line]:
    """The lines of ``body`` with their offsets (no empty line after a final newline)."""
    lines = []
    offset = 0
    for text in body.split("\n"):
        lines.append(Line(offset, text))
        offset += len(text) + 1
    if lines[-1].text == "":
        lines.pop()
    return lines


def read_labels(lines: list[Line], fix: SplitFix) -> list[Label | None]:
    """The label each line starts with, weak where its neighbours make it doubtful."""
    labels: list[Label | None] = []
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
            label = read_label(text)
            if label is not None and not label.weak:
                label = _weaken_in_context(label, previous, lines, index)
        labels.append(label)
        if text.strip() and not (len(text) < FURNITURE_MAX and FURNITURE.fullmatch(text)):
            previous = text
    return labels


def _may_start_label(first: str) -> bool:
    return first in LABEL_STARTS or first.isdecimal()


def read_label(text: str) -> Label | None:
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
    return Label(kind, number, written, rest, weak)


def _forced_label(text: str) -> Label | None:
    """The label of a line the policy team says starts a clause, however it reads."""
    found = LABEL.match(text)
    if found is None:
        return None
    group = found.lastgroup or ""
    written = found.group(group)
    return Label(KINDS[group], _label_number(written), written, text[found.end() :].rstrip())


def _label_number(written: str) -> int:
    """The value of a label as written: 11 for 第十一条, 3 for （三）, 1 for ⒈."""
    found = NUMBER.search(written)
    assert found is not None  # every alternative of LABEL holds a number
    return _parse_number(found.group())


def _weaken_in_context(label: Label, previous: str, lines: list[Line], index: int) -> Label:
    """The label marked weak when the line above is cut mid-sentence or a table is around."""
    if is_open(previous):
        return Label(label.kind, label.number, label.text, label.rest, "wrap")
    below = _nearest_text(lines, index, 1)
    if "\t" in below.strip() or ROW_NUMBER.fullmatch(below):  # a category row of a table
        return Label(label.kind, label.number, label.text, label.rest, "table")
    return label


def _nearest_text(lines: list[Line], index: int, step: int) -> str:
    index += step
    while 0 <= index < len(lines):
        if lines[index].text.strip():
            return lines[index].text
        index += step
    return ""


def is_open(text: str) -> bool:
    """Whether ``text`` stops mid-sentence, as a line hard-wrapped from a PDF does."""
    stripped = text.strip().rstrip(CLOSERS)
    if not stripped or stripped[-1] in TERMINAL:
        return False
    if LABEL.match(stripped) and not content(stripped):
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


def ends_sentence(text: str) -> bool:
    stripped = text.strip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in "。；;！？!?"


def content(text: str) -> str:
    """The text of a label line after its label, when it is more than a heading."""
    label = LABEL.match(text)
    rest = text[label.end() :].strip() if label else text.strip()
    return "" if not rest or HEADING.fullmatch(rest) else rest
