"""The time windows a notice sets (活动时间, 补贴申报时间, a date corrections must come before),
read so the officer can give the source file its ``expires`` without searching the text.

A notice of a subsidy round states several: when to buy, when to apply, until when to correct
what was sent. The column shows a document 有效 until ``expires``, so a round that ended months
ago looks open if nobody sets it. Which day is the last one the document matters is the
officer's call; the source file lists the windows and suggests the latest end, commented out,
and gives each clause that states a window for applying that window as its 申报截止, commented
out too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from generator.core.numbering import LABEL
from generator.core.split import split_body
from generator.core.written_dates import in_arabic_numerals

WINDOWS_SHOWN = 6  # the first ones; a long plan has dozens of dated tasks
HEADING_MAX = 15  # a paragraph this short without a sentence mark heads what follows
LABEL_MAX = 20
# Text pasted from a PDF keeps the spaces around digits: 自 2025 年 7 月 1 日 0 时至 …; a date
# in Chinese numerals (至二〇二五年十二月三十一日) is read in digits.
_DAY = r"(?P<{0}year>\d{{4}})\s*年\s*(?P<{0}month>\d{{1,2}})\s*月\s*(?P<{0}day>\d{{1,2}})\s*日"
_HOUR = r"(?:\s*\d{1,2}\s*[时点](?:\s*\d{1,2}\s*分)?)?"
_SAME_YEAR_DAY = r"(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"
# 自2025年5月1日至2025年6月30日, 2025年7月10日10时至8月5日24时: a start and an end.
_RANGE = re.compile(
    r"(?:自|从)?\s*" + _DAY.format("from_") + _HOUR + r"\s*起?\s*(?:至|到|—|－|-|～|~)\s*"
    r"(?:" + _DAY.format("") + "|" + _SAME_YEAR_DAY.replace("?P<", "?P<short_") + r")" + _HOUR
)
# 需在2025年7月30日24时前完成提交, 可修改至2025年4月30日, 申报截止时间为2025年4月15日: an
# end alone.
_END = re.compile(
    r"(?:至|截至|截止到?(?:时间|日期)?\s*[为是:：]?|于|在)\s*"
    + _DAY.format("")
    + _HOUR
    + r"\s*(?:前|以前|之前)?"
)
# What ends a window's label and is none of it: 需在, 务必在, 有效期至, 活动时间为, 自…起.
_LABEL_TAIL = re.compile(r"(?:[\s\u3000：:，,]|务必|必须|应当|可以|[需须应可在于至自从为是起])+$")
# A window for applying (补贴申报时间, 申领时间, 报名时间); one for correcting what was sent.
_APPLYING = re.compile(r"申报|申请|申领|报名|提交")
_CORRECTING = re.compile(r"修改|补正|更正")


@dataclass(frozen=True)
class Window:
    """One dated window of the text: what it is (the words before it), its last day and, for a
    range, its first."""

    label: str
    ends: date
    starts: date | None = None


def read_windows(paragraphs: list[str]) -> list[Window]:
    """The dated windows of ``paragraphs``, in the order of the text."""
    windows = []
    heading = ""
    for paragraph in map(in_arabic_numerals, paragraphs):
        if len(paragraph) <= HEADING_MAX and not re.search(r"[。；，]", paragraph):
            heading = _unnumbered(paragraph)
            continue
        found_here: list[tuple[int, date, date | None]] = []
        ranges = list(_RANGE.finditer(paragraph))
        for found in ranges:
            first = int(found["from_year"])
            starts = _date(first, found["from_month"], found["from_day"])
            year = int(found["year"] or first)
            month, day = (found["month"], found["day"]) if found["year"] else _short(found)
            found_here.append((found.start(), _date(year, month, day), starts))
        for found in _END.finditer(paragraph):
            if not any(r.start() <= found.start() < r.end() for r in ranges):
                ends = _date(int(found["year"]), found["month"], found["day"])
                found_here.append((found.start(), ends, None))
        for at, ends, starts in sorted(found_here, key=lambda one: one[0]):
            label = _label(paragraph, at) or heading or paragraph[:LABEL_MAX]
            windows.append(Window(label, ends, starts if starts != date.min else None))
    return [window for window in windows if window.ends != date.min]


def clause_deadlines(body: str) -> dict[str, Window]:
    """Each clause's window for applying, by clause path ("1", "4-2"): its 申报截止 (and 开始
    申报), as the policy team writes them into a clause's overrides."""
    deadlines = {}
    for piece in split_body(body).pieces:
        window = application_window(read_windows(piece.text.splitlines()))
        if window:
            deadlines[piece.path] = window
    return deadlines


def application_window(windows: list[Window]) -> Window | None:
    """The window for applying among ``windows``: the latest end of those for applying alone
    (补贴申报时间, not 申领资料可修改), else of those for applying and correcting
    (补贴资料申报及修改时间); None when none is for applying."""
    applying = [window for window in windows if _APPLYING.search(window.label)]
    alone = [window for window in applying if not _CORRECTING.search(window.label)]
    return max(alone or applying, key=lambda window: window.ends, default=None)


def suggested_expires(windows: list[Window]) -> date:
    """The latest end of ``windows`` (not empty): the day the text still lets something be done."""
    return max(window.ends for window in windows)


def _short(found: re.Match) -> tuple[str, str]:
    return found["short_month"], found["short_day"]


def _date(year: int, month: str, day: str) -> date:
    try:
        return date(year, int(month), int(day))
    except ValueError:  # 2月30日 in a draft: not a window anyone can use
        return date.min


def _label(paragraph: str, at: int) -> str:
    """What the window is: the last words of its sentence before the date that say something
    (活动时间：, 补贴申报时间：, 有效期至); "" when the sentence starts with it (under a heading
    一、活动时间)."""
    sentence = re.split(r"[。；;！!]", paragraph[:at])[-1]
    for words in reversed(re.split(r"[，,]", sentence)):  # 申报资料如有修改，需在…前
        label = _LABEL_TAIL.sub("", _unnumbered(words.lstrip(" \u3000")))
        if label:
            return label[:LABEL_MAX]
    return ""


def _unnumbered(text: str) -> str:
    """``text`` without the label it starts with (一、 （三） 第五条)."""
    label = LABEL.match(text)
    return text[label.end() :] if label else text
