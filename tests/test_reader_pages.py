"""What a reader sees on pages rendered for a date after the sample's campaign (2026-12-01,
as a build without --as-of did): years where a date is not this year's, a campaign that says
it ended, indexes that link only terms with policies, and documents laid out as documents.
Rendered with the page renderer alone, no MkDocs build: fast.
"""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest
from conftest import AS_OF, ROOT

from generator.output.html.packages import find_packages, package_files
from generator.output.html.pages import column_pages
from generator.output.html.schedule_pages import schedule_files
from generator.output.html.widgets import find_widgets
from generator.output.request import SiteFiles, SiteRequest
from generator.pipeline.stages import check_policies

FRAGMENTS = ROOT / "overrides" / "fragments"
LATER = date(2026, 12, 1)


@pytest.fixture(scope="module")
def column():
    return check_policies(ROOT / "policies")[0]


RENDERED: dict[date, dict[str, str]] = {}  # each date rendered once for the module


def produced(producer, column, today: date) -> dict[str, str]:
    """The pages one producer makes for ``today``, by source path."""
    made = producer(SiteRequest.of(column, today, FRAGMENTS), SiteFiles())
    return {page.uri: page.html for page in made.pages}


def page_html(column, today: date, uri: str) -> str:
    if today not in RENDERED:
        RENDERED[today] = produced(column_pages, column, today)
    return RENDERED[today][uri]


def text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_home_page_dates_carry_the_year_when_it_is_not_the_build_year(column):
    later = page_html(column, LATER, "index.md")
    recent = re.findall(r"<time datetime=\"(\d{4})-\d\d-\d\d\">([^<]+)</time>", later)
    assert recent and all(shown.startswith(f"{year}年") for year, shown in recent)
    during = page_html(column, date.fromisoformat(AS_OF), "index.md")
    shown = re.findall(r"<time datetime=\"2025-\d\d-\d\d\">([^<]+)</time>", during)
    assert shown and not any("年" in day for day in shown)  # this year's: 2月28日


def test_a_finished_campaign_says_it_ended(column):
    home = text(page_html(column, LATER, "index.md"))
    assert "今日推送" not in home
    assert "已于2025年12月31日结束" in home and "最后推送" in home
    schedule = text(produced(schedule_files, column, LATER)["schedule/index.md"])
    assert "本次宣传已于2025年12月31日结束" in schedule
    assert "宣传周期已于2025年12月31日结束" in schedule
    latest = next(w for w in find_widgets(column, LATER) if w.name == "latest")
    assert "最新" not in latest.title
    during = next(w for w in find_widgets(column, date.fromisoformat(AS_OF)) if w.name == "latest")
    assert during.title == "最新推送政策"


def test_browse_indexes_link_only_terms_with_policies(column):
    html = page_html(column, date.fromisoformat(AS_OF), "sectors/index.md")
    rows = re.findall(r"<li[^>]*>(.*?)</li>", html)
    empty = [row for row in rows if "暂无政策" in row]
    assert empty, "the sample has sectors without policies (电动自行车)"
    assert all("<a " not in row for row in empty)
    assert not re.search(r"</a> <span class=\"pc-count\">0 条", html)


def test_package_index_links_no_package_without_a_policy(column):
    index = produced(package_files, column, LATER)["packages/index.md"]
    packages = find_packages(column, LATER)
    assert any(not package.items for package in packages)
    for package in packages:
        linked = f'href="{package.url.removeprefix("packages/")}"' in index
        assert linked == bool(package.items), package.url


def test_documents_index_marks_expired_documents_and_shows_only_what_it_has(column):
    html = page_html(column, LATER, "sources/index.md")
    cards = re.findall(r"<li class=\"pc-card[^\"]*\">.*?</li>", html, re.S)
    assert len(cards) == len(column.sources)
    # The three 2025 documents have ended by then; the city's action plan has no end date.
    expired = [card for card in cards if "pc-status--expired" in card]
    assert len(expired) == 3 and all("pc-card--expired" in card for card in expired)
    assert "汨政办函〔2024〕33号" not in "".join(expired)
    assert "无文号" not in html
    assert "<span></span>" not in html and " · · " not in text(html)


def test_source_page_has_real_headings_and_contents_for_a_long_document(column):
    html = page_html(column, date.fromisoformat(AS_OF), "sources/mzbh-2024-33.md")
    assert re.search(r'<h2 class="pc-document__heading" id="h-[^"]+">二、组织架构</h2>', html)
    assert '<p class="pc-document__heading' not in html
    contents = html.split('<nav class="pc-contents"', 1)[1].split("</nav>", 1)[0]
    targets = re.findall(r'href="#([^"]+)"', contents)
    ids = set(re.findall(r'id="([^"]+)"', html))
    assert len(targets) >= 19 and set(targets) <= ids
    short = page_html(column, date.fromisoformat(AS_OF), "sources/jn-2025h1-car-subsidy.md")
    assert "pc-contents" not in short  # 8 clauses fit a screen or two: no contents


def test_a_narrower_audiences_package_holds_the_items_for_its_broader_audience(column):
    packages = {p.slug: p for p in find_packages(column, date.fromisoformat(AS_OF))}
    for slug, package in packages.items():
        audience, sector = slug.split("/")
        if audience == "manufacturers":
            general = packages.get(f"enterprises/{sector}")
            assert general is not None
            for_every_enterprise = [i for i in general.items if "enterprises" in i.audiences]
            assert set(for_every_enterprise) <= set(package.items), slug
            # …and not the items for another kind of enterprise only.
            assert all(
                {"manufacturers", "enterprises"} & set(i.audiences) for i in package.items
            ), slug
    assert any(
        "enterprises" in i.audiences
        for slug, p in packages.items()
        if slug.startswith("manufacturers/")
        for i in p.items
    ), "the sample has a 生产企业 package with an item for every 企业"
