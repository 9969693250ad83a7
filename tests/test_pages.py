"""Page helpers: relative links, ordering, dates."""

from __future__ import annotations

from datetime import date

import pytest

from generator.core.page import Page
from generator.core.rules import status
from generator.core.site_paths import relative_url
from generator.output.html.renderer import cn_date, paragraphs


@pytest.mark.parametrize(
    ("target", "from_url", "expected"),
    [
        ("items/a/3-5/", "", "items/a/3-5/"),
        ("", "items/a/3-5/", "../../../"),
        ("sources/a/#c-3-5", "items/a/3-5/", "../../../sources/a/#c-3-5"),
        ("sectors/", "sectors/appliances/", "../"),
        ("sectors/appliances/", "sectors/", "appliances/"),
        ("downloads/policy-list.csv", "list/", "../downloads/policy-list.csv"),
        ("list/", "list/", "./"),
    ],
)
def test_relative_url(target, from_url, expected):
    assert relative_url(target, from_url) == expected


@pytest.mark.parametrize(
    ("uri", "url"),
    [
        ("index.md", ""),
        ("list.md", "list/"),
        ("sectors/index.md", "sectors/"),
        ("items/mzbh-2024-33/3-5.md", "items/mzbh-2024-33/3-5/"),
    ],
)
def test_page_url_is_directory_style(uri, url):
    assert Page(uri, "t", "").url == url


@pytest.mark.parametrize(
    ("expires", "deadline", "expected"),
    [
        (None, None, "有效"),
        (date(2025, 12, 31), None, "有效"),
        (date(2025, 3, 31), None, "即将到期"),
        (None, date(2025, 3, 2), "即将到期"),
        (None, date(2025, 2, 28), "已失效"),
        (date(2025, 12, 31), date(2025, 2, 1), "已失效"),
        (date(2025, 3, 1), None, "即将到期"),
    ],
)
def test_status_against_the_build_date(expires, deadline, expected):
    assert status(expires, deadline, date(2025, 3, 1)) == expected


def test_cn_date_and_paragraphs():
    assert cn_date(date(2024, 9, 5)) == "2024年9月5日"
    assert cn_date(None) == ""
    assert paragraphs("一、目标\n\n  正文。 \n") == ["一、目标", "正文。"]
