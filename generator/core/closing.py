"""Where a body's closing begins: the 附件 list, the signature, the annexes, the 版记.

GB/T 9704 puts them after the last clause, in that order; the annex texts have numbering
of their own, so the closing is found where it begins, searched from the first clause on,
not peeled from the end. Unnumbered last sentences for the whole document (本方案自印发之日
起施行, 特此通知) join it. Pure.
"""

from __future__ import annotations

import re

from generator.core.numbering import (
    KINDS,
    LABEL,
    NUMERAL,
    SPACE,
    Label,
    Line,
    content,
)
from generator.core.written_dates import DATE_LINE, WRITTEN_DATE

ATTACHMENT_LINE_MAX = 40  # "2.问题清单.doc": a line of the 附件 (attachment) list
SIGNATURE_LINE_MAX = 80  # "岳阳市商务局　　岳阳市财政局": issuers and dates are short lines
DATE = rf"(?:{WRITTEN_DATE})"
ISSUER = (
    r"[^\s，。；：、,;:]{2,30}?"
    r"(?:办公室|办公厅|人民政府|委员会|政府|总局|局|厅|部|办|委|院|行|会|社|中心|小组|指挥部)"
)
ISSUERS = rf"{ISSUER}(?:{SPACE}+{ISSUER})*"  # joint issuers on one line
ISSUED_LINE = re.compile(rf"\s*(?:{ISSUERS}\s*)?{DATE}\s*(?:印发|发布)\s*")
ISSUER_LINE = re.compile(rf"\s*{ISSUERS}\s*")
MARK_LINE = re.compile(r"\s*[（(]此件[^）)]*[）)]\s*")  # （此件公开发布）
COPY_LINE = re.compile(r"\s*抄送[:：].*")  # 抄送: the offices a copy goes to
ATTACHMENT_KINDS = ("digit", "paren_digit", "circled")  # how 附件 lists number their files
ATTACHMENT_HEAD = re.compile(rf"{SPACE}*附件{SPACE}*\d*{SPACE}*(?:[:：]|$)")
ANNEX_MARK = re.compile(rf"{SPACE}*附\s*件{SPACE}*(?:\d{{1,2}}|{NUMERAL})?{SPACE}*[:：]?{SPACE}*")
# Unnumbered last sentences that speak for the whole document: its closing, not a clause
# (本方案自印发之日起施行, 本行动方案由…负责解释, 特此通知, 活动解释权归市商务局所有).
ENDING = re.compile(
    r"\s*(?:本(?:实施|行动|工作|专项行动|管理|暂行)?(?:办法|细则|方案|措施|通知|规定|意见|公告|政策|若干措施)"
    r"[^。]{0,40}(?:施行|实施|执行|有效期|解释)|特此(?:通知|公告|通告|函告)|此复"
    r"|各地区、各(?:有关)?部门要|(?:本|活动|最终)[^。]{0,10}解释权)"
)
# The title of an annex whose table a PDF's text layer does not carry: the last line of the
# text, alone on its page ("济南市2025年下半年汽车消费补贴活动企业名单").
ANNEX_TITLE = re.compile(
    rf"{SPACE}*[^。，；：:;,]{{4,60}}"
    rf"(?:名单|名录|清单|目录|一览表|汇总表|明细表|统计表|申请表|申报表|登记表|承诺书){SPACE}*"
)


def find_closing(lines: list[Line], labels: list[Label | None]) -> int:
    """Index of the first line of the closing (附件 list, signature, annexes), or len(lines).

    The closing is searched where GB/T 9704 puts it, after the first clause: an 附件
    list, a signature or an annex heading (or an annex's bare title as the text's last
    line), with nothing of the body after them. An unnumbered last sentence for the whole
    document (本方案自印发之日起施行) joins it.
    """
    first = next((index for index, label in enumerate(labels) if label), 0)
    closing = next(
        (index for index in range(first + 1, len(lines)) if _closing_begins(lines, labels, index)),
        len(lines),
    )
    return _take_endings(lines, labels, first, closing)


def _closing_begins(lines: list[Line], labels: list[Label | None], index: int) -> bool:
    text = lines[index].text
    if labels[index] is not None or len(text) > SIGNATURE_LINE_MAX or not text.strip():
        return False
    if ANNEX_MARK.fullmatch(text):
        return True
    if ANNEX_TITLE.fullmatch(text) and _skip(lines, index + 1, _nothing) == len(lines):
        return True  # nothing but blank lines after it
    if ATTACHMENT_HEAD.match(text) and "。" not in text:
        after = _skip(lines, index + 1, _is_attachment_line)
        return after == len(lines) or _ends_body(lines, after)
    after = _signature_end(lines, index)
    if after is None:
        return False
    label = labels[after] if after < len(labels) else None
    return label is None or label.number == 1  # not a clause numbered on after it


def _take_endings(lines: list[Line], labels: list[Label | None], first: int, closing: int) -> int:
    """The closing moved up over unnumbered 施行/特此通知 sentences just above it."""
    start = closing
    index = closing - 1
    while index > first:
        text = lines[index].text
        if text.strip():
            if labels[index] is not None or not ENDING.match(text):
                break
            above = _skip_back(lines, index - 1)
            if labels[above] is not None and not content(lines[above].text):
                break  # "八、附则" would be left without its text
            start = index
        index -= 1
    return start


def _skip(lines: list[Line], index: int, keep: object) -> int:
    """The first line from ``index`` that is neither blank nor accepted by ``keep``."""
    while index < len(lines) and (not lines[index].text.strip() or keep(lines[index].text)):
        index += 1
    return index


def _nothing(_text: str) -> bool:
    return False


def _skip_back(lines: list[Line], index: int) -> int:
    while index > 0 and not lines[index].text.strip():
        index -= 1
    return index


def _ends_body(lines: list[Line], index: int) -> bool:
    """Whether what starts at line ``index`` can only follow the body's last clause."""
    text = lines[index].text
    return bool(
        ANNEX_MARK.fullmatch(text)
        or COPY_LINE.fullmatch(text)
        or MARK_LINE.fullmatch(text)
        or _signature_end(lines, index) is not None
    )


def _signature_end(lines: list[Line], index: int) -> int | None:
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
