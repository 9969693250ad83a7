"""Which days are working days in China: the State Council's holidays and 调休 make-up days.

The data comes from the ``chinesecalendar`` package (import name ``chinese_calendar``),
which ships the official arrangement of each year once the State Council publishes it
(usually in November for the next year). For a year it does not know yet, Monday to
Friday count as working days, with no 法定节假日 (public holiday) and no 调休
(make-up working weekend day); ``unknown_years`` lets the caller warn about it.
"""

from __future__ import annotations

from datetime import date
from functools import cache

import chinese_calendar

# The package names holidays in English; readers see the official Chinese names.
WEEKDAY_NAMES = "一二三四五六日"  # Monday first, as date.weekday() counts


HOLIDAY_NAMES = {holiday.value: holiday.chinese for holiday in chinese_calendar.Holiday}


class WorkCalendar:
    """The official working-day calendar; pure lookups, no clock."""

    def is_working_day(self, day: date) -> bool:
        """A day people work: Monday–Friday outside holidays, plus 调休 weekend days."""
        if not self.knows(day.year):
            return day.isoweekday() <= 5
        return chinese_calendar.is_workday(day)

    def holiday(self, day: date) -> str:
        """The 法定节假日 that ``day`` belongs to (e.g. 国庆节), or "" for any other day."""
        if not self.knows(day.year) or self.is_working_day(day):
            return ""
        on_holiday, name = chinese_calendar.get_holiday_detail(day)
        return HOLIDAY_NAMES.get(name, "") if on_holiday and name else ""

    def makeup_for(self, day: date) -> str:
        """For a 调休 working weekend day, the holiday it makes up for; else ""."""
        if not self.knows(day.year) or day.isoweekday() <= 5 or not self.is_working_day(day):
            return ""
        _, name = chinese_calendar.get_holiday_detail(day)
        return HOLIDAY_NAMES.get(name, "") if name else "调休"

    def knows(self, year: int) -> bool:
        return year in known_years()

    def unknown_years(self, start: date, end: date) -> list[int]:
        """Years between ``start`` and ``end`` whose holidays the data does not have."""
        return [year for year in range(start.year, end.year + 1) if not self.knows(year)]


@cache
def known_years() -> frozenset[int]:
    """The years the installed ``chinesecalendar`` has the official arrangement for."""
    days = set(chinese_calendar.holidays) | set(chinese_calendar.workdays)
    return frozenset(day.year for day in days)


def calendar_version() -> str:
    return getattr(chinese_calendar, "__version__", "")


def weekday_name(day: date) -> str:
    """一 for a Monday … 日 for a Sunday."""
    return WEEKDAY_NAMES[day.weekday()]


def weekday_names(days: tuple[int, ...]) -> str:
    """(2, 4) → 周二、周四 (ISO weekday numbers); every day → 每个工作日."""
    if tuple(days) == (1, 2, 3, 4, 5, 6, 7):
        return "每个工作日"
    return "、".join(f"周{WEEKDAY_NAMES[d - 1]}" for d in days)


def cn_date(value: date | None) -> str:
    """2024-09-05 → 2024年9月5日; nothing for a missing date."""
    return f"{value.year}年{value.month}月{value.day}日" if value else ""


def cn_day(value: date | None, today: date) -> str:
    """A day as a reader of ``today``'s page needs it: 12月24日 this year, 2025年12月24日 else."""
    if value is None:
        return ""
    return f"{value.month}月{value.day}日" if value.year == today.year else cn_date(value)
