"""Dates as documents write them: in a clause, pasted from a PDF, in a signature."""

from __future__ import annotations

from datetime import date

import pytest

from generator.core.written_dates import in_arabic_numerals, read_written_date


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2024年9月5日", date(2024, 9, 5)),
        ("2024 年 9 月 5 日", date(2024, 9, 5)),  # pasted from a PDF
        ("二〇二四年九月五日", date(2024, 9, 5)),  # a signature
        ("二○二四年九月五日", date(2024, 9, 5)),  # its zero typed as the circle ○
        ("二零二四年十月一日", date(2024, 10, 1)),
        ("二〇二五年十二月三十一日", date(2025, 12, 31)),
        ("二〇二五年二月三十日", None),  # no calendar has it
        ("2024年13月1日", None),
        ("二〇二四年十十月一日", None),
        ("十二月", None),
    ],
)
def test_a_written_date_is_read_as_its_day(text, day):
    assert read_written_date(text) == day


def test_dates_in_chinese_numerals_are_written_in_digits_and_nothing_else_changes():
    text = "自二〇二五年七月一日起至十二月三十一日止，三个月内、十日内办结；2025年7月30日前提交。"
    assert in_arabic_numerals(text) == (
        "自2025年7月1日起至12月31日止，三个月内、十日内办结；2025年7月30日前提交。"
    )


def test_numerals_that_make_no_count_are_no_date_and_raise_nothing():
    # Month 0: no window takes it for a day.
    assert in_arabic_numerals("二〇二四年十十月一日") == "2024年0月1日"
    assert read_written_date("二〇二四年二二月一日") is None
