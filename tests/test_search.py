"""Search and the policy finder in a real Chromium, on the built sample column.

Queries are typed into the real search boxes; results, facet counts and the finder's list are
read from the page as a reader sees them.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import build_site, open_watched, screenshot_dir, serve
from search_relevance import RELEVANCE, TOP, page_id

pytestmark = pytest.mark.browser

STATUS = ".pc-results__status"


def host_of(server) -> str:
    return urlsplit(server.url()).netloc


def wait_for_results(page, query: str) -> None:
    page.wait_for_function(
        "q => document.querySelector('.pc-results__status').textContent.includes(q)", arg=query
    )


def result_ids(page) -> list[str]:
    links = page.locator(".pc-result__title a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    return [page_id(link) for link in links]


def open_filters(page) -> None:
    """Open 筛选条件 (as a reader would) and wait for the counts from the search index."""
    if not page.locator("details.pc-filters").evaluate("d => d.open"):
        page.locator("summary.pc-filters__summary").click()
    page.wait_for_selector(".pc-search[data-counts=index]", state="attached")


def search(page, query: str) -> list[str]:
    box = page.get_by_role("searchbox", name="关键词")
    box.fill(query)
    box.press("Enter")
    wait_for_results(page, query)
    return result_ids(page)


@pytest.fixture(scope="module")
def search_tab(browser, sample_server):
    watched = open_watched(browser, host_of(sample_server))
    watched.page.goto(sample_server.url("search/"))
    watched.page.wait_for_function(
        "document.querySelector('.pc-results__status').textContent.includes('可搜索')"
    )
    yield watched
    assert watched.console_errors == []
    assert watched.foreign_requests == []
    watched.page.context.close()


@pytest.mark.parametrize(("query", "expected"), RELEVANCE, ids=[q for q, _ in RELEVANCE])
def test_relevance_table(search_tab, query, expected):
    top = search(search_tab.page, query)[:TOP]
    missing = [page for page in expected if page not in top]
    assert not missing, f"{query!r}: {missing} not in the first {TOP}: {top}"


def test_results_highlight_the_query(search_tab):
    search(search_tab.page, "闭环管理")
    first = search_tab.page.locator(".pc-result").first
    assert "闭环管理" in first.locator(".pc-result__title mark").all_inner_texts()
    assert "闭环管理" in first.locator(".pc-result__excerpt mark").all_inner_texts()


def test_no_result_says_so(search_tab):
    assert search(search_tab.page, "龘靐齉") == []
    assert "没有找到" in search_tab.page.locator(STATUS).inner_text()


def test_header_box_searches_from_any_page(browser, sample_server):
    watched = open_watched(browser, host_of(sample_server))
    page = watched.page
    page.goto(sample_server.url("items/mzbh-2024-33/3-5/"))
    box = page.get_by_role("search", name="站内搜索").get_by_role("searchbox", name="搜索政策")
    box.fill("泉城购")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    wait_for_results(page, "泉城购")
    assert result_ids(page)[0] == "jn-2025-appliance-rules/2-3"
    assert watched.console_errors == [] and watched.foreign_requests == []
    watched.page.context.close()


# --- facets ---------------------------------------------------------------------------------

BROWSE_COUNT = re.compile(r"^(.+?)\s+(\d+)\s*条$")


def browse_counts(page, server, kind: str) -> dict[str, int]:
    """Term name → count, as the browse page 按…浏览 shows them."""
    page.goto(server.url(f"{kind}/"))
    counts = {}
    for text in page.locator("ul.pc-terms--browse > li").all_inner_texts():
        name, count = BROWSE_COUNT.match(text.strip()).groups()
        if int(count):
            counts[name] = int(count)
    return counts


def facet_counts(page, facet: str) -> dict[str, int]:
    """Value → count, as the search page's facet shows them (visible options only)."""
    options = page.locator(f".pc-facet[data-facet={facet}] .pc-facet__option:not([hidden])")
    counts = {}
    for i in range(options.count()):
        option = options.nth(i)
        name = option.locator(".pc-facet__name").inner_text()
        counts[name] = int(option.locator(".pc-facet__count").inner_text())
    return counts


FACET_KINDS = [
    ("theme", "themes"),
    ("sector", "sectors"),
    ("audience", "audiences"),
    ("level", "levels"),
    ("issuer", "issuers"),
]


@pytest.mark.parametrize(("facet", "kind"), FACET_KINDS)
def test_facet_counts_equal_browse_page_counts(browser, sample_server, facet, kind):
    watched = open_watched(browser, host_of(sample_server))
    page = watched.page
    expected = browse_counts(page, sample_server, kind)
    page.goto(sample_server.url("search/"))
    page.wait_for_function(
        "document.querySelector('.pc-results__status').textContent.includes('可搜索')"
    )
    # The counts shown come from Pagefind's filter index, not from the page as built.
    open_filters(page)
    assert facet_counts(page, facet) == expected
    # Applying one value lists exactly as many items as its browse page has.
    name, count = max(expected.items(), key=lambda pair: (pair[1], pair[0]))
    page.get_by_role("checkbox", name=re.compile(f"^{re.escape(name)} ")).first.check()
    wait_for_results(page, f"共 {count} 条")
    assert watched.console_errors == [] and watched.foreign_requests == []
    watched.page.context.close()


def finder_data(sample_site) -> dict:
    return json.loads((sample_site / "api/finder.json").read_text(encoding="utf-8"))


def test_facets_combine_and_the_url_keeps_query_and_filters(browser, sample_server, sample_site):
    watched = open_watched(browser, host_of(sample_server))
    page = watched.page
    page.goto(sample_server.url("search/"))
    search(page, "补贴")
    open_filters(page)
    page.get_by_role("checkbox", name=re.compile("^家电 ")).check()
    wait_for_results(page, "已筛选")
    page.get_by_role("checkbox", name=re.compile("^销售企业 ")).check()
    page.wait_for_function("location.search.includes('audience')")
    wait_for_results(page, "已筛选")
    params = parse_qs(urlsplit(page.url).query)
    assert params == {"q": ["补贴"], "sector": ["家电"], "audience": ["销售企业"]}

    # Counts of a facet ignore its own choice (values are alternatives), and honour the others:
    # 汽车 under 销售企业 is what the data says, whether or not 家电 is ticked.
    data = finder_data(sample_site)
    sellers_cars = [
        r for r in data["items"] if "sellers" in r["audiences"] and "automobiles" in r["sectors"]
    ]
    shown = facet_counts(page, "sector").get("汽车", 0)
    assert 0 < shown <= len(sellers_cars)
    ids = result_ids(page)

    # The same URL in a new tab gives the same list with the same boxes ticked.
    shared = open_watched(browser, host_of(sample_server), 390, 844)
    shared.page.goto(page.url)
    wait_for_results(shared.page, "已筛选")
    # On a phone the filters are folded away; the chosen ones show above the results.
    assert shared.page.get_by_role("button", name="取消筛选 行业 家电").is_visible()
    assert shared.page.get_by_role("searchbox", name="关键词").input_value() == "补贴"
    assert result_ids(shared.page) == ids
    shared.page.screenshot(path=str(screenshot_dir() / "search-facet-phone.png"))
    shared.page.context.close()

    # Removing a filter from the chips above the results.
    page.get_by_role("button", name="取消筛选 对象 销售企业").click()
    page.wait_for_function("!location.search.includes('audience')")
    assert watched.console_errors == [] and watched.foreign_requests == []
    watched.page.context.close()


@pytest.mark.parametrize(("name", "width"), [("desktop", 1280), ("phone", 360)])
def test_search_page_fits_and_is_keyboard_usable(browser, sample_server, name, width):
    watched = open_watched(browser, host_of(sample_server), width, 800)
    page = watched.page
    page.goto(sample_server.url("search/?q=补贴&sector=家电"))
    wait_for_results(page, "已筛选")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # From the query box, Tab reaches the search button, then the filters.
    page.get_by_role("searchbox", name="关键词").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "搜索"
    # "显示更多结果" moves focus to the first new result.
    more = page.get_by_role("button", name="显示更多结果")
    if more.is_visible():
        before = page.locator(".pc-result").count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.pc-result').length > {before}")
        assert page.evaluate("document.activeElement.closest('.pc-result') !== null")
    page.screenshot(path=str(screenshot_dir() / f"search-facet-{name}.png"))
    assert watched.console_errors == [] and watched.foreign_requests == []
    watched.page.context.close()


# --- policy finder --------------------------------------------------------------------------


def finder_titles(page) -> list[str]:
    return page.locator(".pc-finder__results .pc-card__title").all_inner_texts()


def wait_for_finder(page) -> None:
    page.wait_for_function(
        "document.querySelector('.pc-finder__status').textContent.includes('条')"
    )


def test_finder_lists_a_citizens_car_policies_soonest_deadline_first(
    browser, sample_server, sample_site
):
    watched = open_watched(browser, host_of(sample_server))
    page = watched.page
    page.goto(sample_server.url("finder/"))
    page.get_by_role("radio", name="个人消费者").check()
    page.get_by_label("所在行业或关心的领域").select_option(label="汽车")
    wait_for_finder(page)
    assert parse_qs(urlsplit(page.url).query) == {
        "who": ["consumers"],
        "sector": ["automobiles"],
    }
    data = {r["title"]: r for r in finder_data(sample_site)["items"]}
    titles = finder_titles(page)
    assert "汽车消费补贴活动时间" in titles
    assert all("家电" not in data[t]["title"] or "汽车" in t for t in titles)
    ends = [data[t]["ends"] or "9999" for t in titles]
    assert ends == sorted(ends)
    assert ends[0] == "2025-04-15"
    assert "申报截止 2025年4月15日" in page.locator(".pc-finder__results li").first.inner_text()
    assert watched.console_errors == [] and watched.foreign_requests == []
    watched.page.context.close()


def test_finder_enterprise_type_includes_items_for_all_enterprises(
    browser, sample_server, sample_site
):
    watched = open_watched(browser, host_of(sample_server))
    page = watched.page
    page.goto(sample_server.url("finder/?who=enterprises&type=sellers&sector=home-appliances"))
    wait_for_finder(page)
    data = finder_data(sample_site)
    by_title = {r["title"]: r for r in data["items"]}
    titles = finder_titles(page)
    assert "销售企业自愿报名参加家电以旧换新" in titles  # tagged 销售企业
    assert "促进消费增长：设备更新对接和消费品以旧换新" in titles  # tagged 企业, sector 家电
    for title in titles:
        audiences = set(by_title[title]["audiences"])
        assert audiences & {"sellers", "enterprises"}, title
    assert "家电以旧换新补贴：12类家电补15%，一级能效再加5%" not in titles  # consumers only
    page.screenshot(path=str(screenshot_dir() / "finder-desktop.png"))

    # A printable list: the form goes, a heading says for whom, links show their address.
    page.emulate_media(media="print")
    assert not page.locator(".pc-finder__form").is_visible()
    heading = page.locator(".pc-finder__print-who")
    assert heading.is_visible()
    assert "销售企业" in heading.inner_text() and "家电" in heading.inner_text()
    assert watched.console_errors == [] and watched.foreign_requests == []
    watched.page.context.close()


def test_finder_works_on_a_phone(browser, sample_server):
    watched = open_watched(browser, host_of(sample_server), 360, 780)
    page = watched.page
    page.goto(sample_server.url("finder/"))
    page.get_by_role("radio", name="企业").check()
    page.get_by_label("企业类型").select_option(label="规上企业")
    wait_for_finder(page)
    assert finder_titles(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(screenshot_dir() / "finder-phone.png"))
    assert watched.console_errors == [] and watched.foreign_requests == []
    watched.page.context.close()


# --- expired items last -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def later_server(tmp_path_factory):
    """The sample built on 2025-05-01, when the car subsidy (deadline 2025-04-15) has expired."""
    site = tmp_path_factory.mktemp("later") / "site"
    result = build_site(site, "--as-of", "2025-05-01")
    assert result.returncode == 0, result.stderr
    server = serve(site)
    yield server
    server.httpd.shutdown()


def test_expired_items_come_last_and_can_be_filtered(browser, later_server):
    watched = open_watched(browser, host_of(later_server))
    page = watched.page
    page.goto(later_server.url("search/"))
    search(page, "补贴")
    more = page.get_by_role("button", name="显示更多结果")
    while more.is_visible():
        shown = page.locator(".pc-result").count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.pc-result').length > {shown}")
    badges = page.locator(".pc-result .pc-status").all_inner_texts()
    assert "已失效" in badges
    first_expired = badges.index("已失效")
    assert set(badges[first_expired:]) == {"已失效"}, badges
    # Titles that match the query rank first among the valid ones.
    assert "补贴" in page.locator(".pc-result__title").first.inner_text()

    open_filters(page)
    page.get_by_role("checkbox", name=re.compile("^有效 ")).check()
    wait_for_results(page, "已筛选")
    assert "已失效" not in page.locator(".pc-result .pc-status").all_inner_texts()
    assert watched.console_errors == [] and watched.foreign_requests == []
    watched.page.context.close()
