"""Dates as documents write them, read into ``date``.

A clause writes 2025年4月15日; text pasted from a PDF keeps the spaces around the digits
(2025 年 4 月 15 日); a signature writes the date in Chinese numerals, its zero typed as 〇,
零, the circle ○ or the letter O (二〇二四年九月五日, 二○二四年九月五日). The splitter
recognises a signature by such a line, the import reads the 成文日期 and the windows a notice
sets from them.
"""

from __future__ import annotations

import re
from datetime import date

_ZEROS = "〇零○OＯ"
_DIGITS = "一二三四五六七八九"
_VALUES = {digit: value for value, digit in enumerate(_DIGITS, 1)}
_YEAR = rf"\d{{4}}|[{_ZEROS}{_DIGITS}]{{4}}"
_CHINESE_COUNT = "[一二三四五六七八九十]{1,3}"  # 五, 十二, 三十一
_COUNT = rf"\d{{1,2}}|{_CHINESE_COUNT}"
# A written date: its year, month and day, Arabic or Chinese, spaces allowed between them.
_PARTS = re.compile(rf"(?P<year>{_YEAR})\s*年\s*(?P<month>{_COUNT})\s*月\s*(?P<day>{_COUNT})\s*日")
WRITTEN_DATE = rf"(?:{_YEAR})\s*年\s*(?:{_COUNT})\s*月\s*(?:{_COUNT})\s*日"
DATE_LINE = re.compile(rf"\s*{WRITTEN_DATE}\s*")  # a line that is a date alone: a signature's
# 十二月三十一日 after 至 in a range of one year: a month and a day in Chinese numerals.
_CHINESE_MONTH_DAY = re.compile(
    rf"(?P<month>{_CHINESE_COUNT})\s*月\s*(?P<day>{_CHINESE_COUNT})\s*日"
)


def read_written_date(text: str) -> date | None:
    """The day ``text`` writes (2024年9月5日, 二〇二四年九月五日); None if it writes none."""
    found = _PARTS.fullmatch(text.strip())
    if not found:
        return None
    try:
        return date(_year(found["year"]), _count(found["month"]), _count(found["day"]))
    except ValueError:  # 2月30日, 13月: no day anyone can use
        return None


def in_arabic_numerals(text: str) -> str:
    """``text`` with each date in Chinese numerals written in digits (二〇二五年十二月三十一日 →
    2025年12月31日), so one pattern of digits reads every window; other text is unchanged."""

    def full(found: re.Match) -> str:
        year, month, day = found["year"], found["month"], found["day"]
        return f"{_year(year)}年{_count(month)}月{_count(day)}日"

    def month_day(found: re.Match) -> str:
        return f"{_count(found['month'])}月{_count(found['day'])}日"

    return _CHINESE_MONTH_DAY.sub(month_day, _PARTS.sub(full, text))


def _year(text: str) -> int:
    if text.isdigit():
        return int(text)
    return int("".join("0" if c in _ZEROS else str(_VALUES[c]) for c in text))


def _count(text: str) -> int:
    """五 → 5, 十二 → 12, 二十 → 20, 三十一 → 31; digits as they are; 0 when it is no count."""
    if text.isdigit():
        return int(text)
    tens, ten, ones = text.partition("十")
    if not ten:
        tens, ones = "", text
    if len(tens) > 1 or len(ones) > 1 or any(c not in _VALUES for c in tens + ones):
        return 0  # 十十, 二二
    return (_VALUES.get(tens, 1) * 10 if ten else 0) + _VALUES.get(ones, 0)
