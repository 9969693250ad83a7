"""Search and the policy finder in a real Chromium, on the built sample column.

Queries are typed into the real search boxes; results, facet counts and the finder's list are
read from the page as a reader sees them.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import AS_OF, ROOT, copy_project, open_watched, screenshot_dir, serve, serve_build
from search_relevance import (
    RELEVANCE,
    TOP,
    among,
    entry_ids,
    open_search_page,
    page_id,
    pages_of,
    says_every_word,
)

from generator.core.index_chunks import CHUNK_BYTES, chunk_holding
from generator.core.search_vocabulary import word_buckets
from generator.search.pagefind_files import read_pagefind

sys.path.insert(0, str(ROOT))  # benchmarks/ is not installed with the package
from benchmarks.synthetic import write_synthetic_policies

pytestmark = pytest.mark.browser

STATUS = ".pc-results__status"
IMPORTED_NOTICE = ROOT / "tests/data/imports/jn-2025h2-car-subsidy-r1.yml"
# The same office's notice for another programme, as import made it: the same headings.
IMPORTED_VOUCHER = ROOT / "tests/data/imports/jn-2025-first-insurance-voucher.yml"
CITY_CAR_RULES = ROOT / "tests/data/search/yy-2024-car-rules.yml"
CITY_ISSUERS = (
    "  - {id: yueyang-commerce, name: 岳阳市商务局}\n"
    "  - {id: yueyang-finance, name: 岳阳市财政局}\n"
)


def host_of(server) -> str:
    return urlsplit(server.url()).netloc


def wait_for_results(page, query: str) -> None:
    page.wait_for_function(
        "q => document.querySelector('.pc-results__status').textContent.includes(q)", arg=query
    )


def wait_until_listed(page) -> None:
    """Wait until the batch 显示更多结果 asked for is listed (the list is no longer aria-busy)."""
    page.wait_for_function("!document.querySelector('.pc-results__list').hasAttribute('aria-busy')")


def show_all_results(page) -> None:
    """Press 显示更多结果 until it is gone, each time waiting for the batch to be listed."""
    more = page.get_by_role("button", name="显示更多结果")
    while more.is_visible():
        more.click()
        wait_until_listed(page)


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


@pytest.fixture
def open_tab(browser):
    """``open_tab(server, path)`` opens a page of ``server`` in a new tab and returns it; when
    the test ends, every tab it opened had no console error and asked no other host."""
    opened = []

    def open_page(server, path="search/"):
        watched = open_watched(browser, host_of(server))
        watched.page.goto(server.url(path))
        opened.append(watched)
        return watched.page

    yield open_page
    for watched in opened:
        assert watched.console_errors == [] and watched.foreign_requests == []
        watched.page.context.close()


@pytest.fixture(scope="module")
def search_tab(browser, sample_server):
    watched = open_watched(browser, host_of(sample_server))
    open_search_page(watched.page, sample_server.url("search/"))
    yield watched
    assert watched.console_errors == []
    assert watched.foreign_requests == []
    watched.page.context.close()


@pytest.mark.parametrize(("query", "expected"), RELEVANCE, ids=[q for q, _ in RELEVANCE])
def test_relevance_table(search_tab, sample_server, sample_site, query, expected):
    # Each row a reader's first query: Pagefind matches a word as the start of longer words in
    # every index chunk the page has loaded, so in one page a row could pass on the rows before.
    open_search_page(search_tab.page, sample_server.url("search/"))
    search(search_tab.page, query)
    top = pages_of(entry_ids(search_tab.page)[:TOP])

    def says(page: str) -> bool:
        return says_every_word(sample_site, page, query)

    missing = [page for page in expected if not among(page, top, says)]
    assert not missing, f"{query!r}: {missing} not in the first {TOP}: {top}"


def understood(page) -> str:
    line = page.locator(".pc-understood")
    return line.inner_text() if line.is_visible() else ""


def statuses(page) -> list[str]:
    return page.locator(".pc-result .pc-status").all_inner_texts()


def result_facts(page) -> list[str]:
    return page.locator(".pc-result__meta").all_inner_texts()


MAIN_APPLIANCE_SUBSIDY = {"jn-2025-appliance-rules/1", "sd-2025-appliance-plan/2-2"}


# --- the rows of issue 14's table: what came back, and what a reader wants instead ---------


def test_appliance_subsidy_queries_differ_and_lead_with_the_subsidy(search_tab):
    page = search_tab.page
    lists = {}
    for query in ("家电补贴", "家电补贴标准", "家电补贴资格"):
        lists[query] = search(page, query)
    # The 12类家电补15% item leads the first two; the third has the 资格 item by it; not one
    # list for all three.
    assert MAIN_APPLIANCE_SUBSIDY & set(lists["家电补贴"][:2])
    assert MAIN_APPLIANCE_SUBSIDY & set(lists["家电补贴标准"][:2])
    assert "jn-2025-appliance-rules/2-4" in lists["家电补贴资格"][:2]
    assert len({tuple(ids[:3]) for ids in lists.values()}) == 3
    search(page, "家电补贴标准")
    assert understood(page).startswith("按 家电 补贴 标准 搜索")


@pytest.mark.parametrize(
    ("query", "first"),
    [
        # 怎样领取家电补贴资格 names all three words; 家电以旧换新补贴：12类家电补15% names 家电
        # twice, which Pagefind's score alone counts as more.
        ("家电补贴资格", "jn-2025-appliance-rules/2-4"),
        # 哪些企业和个人可以参加 says the question's 哪些 and 可以 too; 购车补贴… only 购车补贴.
        ("哪些人可以参加购车补贴", "jn-2025h1-car-subsidy/2"),
    ],
)
def test_a_title_saying_more_of_the_query_comes_first(search_tab, query, first):
    assert search(search_tab.page, query)[0] == first


def test_a_clause_two_documents_carry_under_one_title_is_one_result(search_tab):
    page = search_tab.page
    search(page, "废旧家电回收")
    entries = entry_ids(page)
    twins = {"jn-2025-appliance-rules/2-10", "sd-2025-appliance-plan/2-7"}
    assert [set(pages) for pages in entries if twins & set(pages)] == [twins]
    shown = pages_of(entries)
    assert len(shown) == len(set(shown))  # every page once, on its own or under its twin
    box = page.locator("li.pc-result:has(.pc-result__same)").first
    summary = box.locator(".pc-result__same-summary")
    assert re.fullmatch(r"另有 1 条同名条款（(济南市商务局|山东省商务厅)）", summary.inner_text())
    link = box.locator(".pc-result__same-list a")
    assert not link.is_visible()  # folded until the reader opens it
    summary.click()
    assert link.is_visible() and "〔2025〕" in box.locator(".pc-result__same-list li").inner_text()
    # Clauses of different titles stay apart: the plan's 送装 clause and the rules' 闭环管理.
    search(page, "送装")
    entries = entry_ids(page)
    assert ["sd-2025-appliance-plan/2-6"] in entries and [
        "jn-2025-appliance-rules/2-7-5"
    ] in entries


@pytest.fixture(scope="module")
def retitled_server(tmp_path_factory):
    """The sample with two of the policy team's titles changed: the Jinan rules state the
    subsidy in their own words and figures, and the Shandong plan gives two clauses one title."""
    project = copy_project(tmp_path_factory.mktemp("retitled"))
    for name, old, new in (
        (
            "jn-2025-appliance-rules",
            "title: 家电以旧换新补贴：12类家电补15%，一级能效再加5%",
            "title: 家电补贴标准：10类家电补20%，一级能效再加5%",
        ),
        ("sd-2025-appliance-plan", "title: 省级资格核验系统", "title: 各市家电以旧换新平台建设"),
    ):
        path = project / f"policies/sources/{name}.yml"
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1
        path.write_text(text.replace(old, new), encoding="utf-8")
    yield from serve_build(project / "site", "--as-of", AS_OF, cwd=project)


@pytest.fixture(scope="module")
def two_programmes_server(tmp_path_factory):
    """The sample with the Shandong plan made one for all 消费品以旧换新 (another programme than
    the Jinan rules' 家电以旧换新), and the rules' subsidy in its own figures."""
    project = copy_project(tmp_path_factory.mktemp("two-programmes"))
    for name, old, new in (
        (
            "sd-2025-appliance-plan",
            "title: 山东省2025年家电以旧换新实施方案",
            "title: 山东省2025年消费品以旧换新实施方案",
        ),
        (
            "jn-2025-appliance-rules",
            "title: 家电以旧换新补贴：12类家电补15%，一级能效再加5%",
            "title: 家电以旧换新补贴：10类家电补20%，一级能效再加5%",
        ),
    ):
        path = project / f"policies/sources/{name}.yml"
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1
        path.write_text(text.replace(old, new), encoding="utf-8")
    yield from serve_build(project / "site", "--as-of", AS_OF, cwd=project)


def test_a_title_naming_its_subject_is_one_clause_in_any_programme_figures_and_all(
    open_tab, two_programmes_server
):
    page = open_tab(two_programmes_server)
    # 废旧家电回收：按交售数量支持销售企业, word for word in both documents: one result.
    search(page, "废旧家电回收")
    twins = {"jn-2025-appliance-rules/2-10", "sd-2025-appliance-plan/2-7"}
    assert [set(p) for p in entry_ids(page) if twins & set(p)] == [twins]
    # Two programmes' subsidies that differ in their figures are two clauses.
    search(page, "一级能效")
    entries = entry_ids(page)
    assert ["jn-2025-appliance-rules/1"] in entries and ["sd-2025-appliance-plan/2-2"] in entries


def test_a_clause_stated_alike_is_one_result_unless_one_document_has_both(
    open_tab, retitled_server
):
    page = open_tab(retitled_server)
    # 家电补贴标准：10类家电补20%… states what 家电以旧换新补贴：12类家电补15%… states.
    search(page, "一级能效")
    assert [set(p) for p in entry_ids(page) if MAIN_APPLIANCE_SUBSIDY & set(p)] == [
        MAIN_APPLIANCE_SUBSIDY
    ]
    # One document's two clauses of one title are two clauses.
    search(page, "平台建设")
    entries = entry_ids(page)
    assert ["sd-2025-appliance-plan/2-3"] in entries and ["sd-2025-appliance-plan/2-4"] in entries


def test_a_city_and_a_sector_find_that_citys_policies_of_that_sector(search_tab):
    ids = search(search_tab.page, "济南汽车")
    assert ids[:5] and all(i.startswith("jn-2025h1-car-subsidy/") for i in ids[:5]), ids


def test_a_question_is_understood_and_the_box_keeps_it(search_tab):
    page = search_tab.page
    plain = search(page, "以旧换新")
    asked = search(page, "以旧换新补贴怎么申请")
    assert asked[:3] != plain[:3]
    line = understood(page)
    assert "按 以旧换新 补贴 申请 搜索" in line and "没有用“怎么”" in line
    assert page.get_by_role("searchbox", name="关键词").input_value() == "以旧换新补贴怎么申请"
    titles = page.locator(".pc-result__title").all_inner_texts()[:3]
    assert any(re.search("申报|领取|申领", title) for title in titles), titles


def test_the_same_question_with_spaces_finds_the_same(search_tab):
    page = search_tab.page
    asked = search(page, "以旧换新补贴怎么申请")
    spaced = search(page, "以旧换新 补贴 怎么 申请")
    assert spaced[:3] == asked[:3]
    assert "筛选" not in page.locator(STATUS).inner_text()


def test_trade_in_leads_with_the_consumer_subsidy_not_a_work_plan_clause(search_tab):
    ids = search(search_tab.page, "以旧换新")
    assert MAIN_APPLIANCE_SUBSIDY & set(ids[:2]), ids
    first_document = min((n for n, i in enumerate(ids) if i.startswith("sources/")), default=99)
    assert first_document > 5  # whole documents after the items
    facts = result_facts(search_tab.page)[:2]
    assert all("政策条目" in f for f in facts)


def test_a_hotline_number_is_looked_up_whole_not_as_its_prefix(search_tab):
    page = search_tab.page
    assert search(page, "12345") == []  # no policy names 12345; 12类 is not it
    assert "没有找到" in page.locator(STATUS).inner_text()
    assert "“12345”在政策中没有出现" in understood(page)
    help_box = page.locator(".pc-results__help")
    assert help_box.is_visible()
    assert help_box.get_by_role("link", name="12345").get_attribute("href") == "tel:12345"
    assert search(page, "4006096588")[0] == "jn-2025h1-car-subsidy/6"
    # As phone numbers are printed on posters, with dashes, full-width from a phone keyboard.
    for typed in ("400-609-6588", "４００－６０９－６５８８"):
        assert search(page, typed)[0] == "jn-2025h1-car-subsidy/6", typed
        assert "没有出现" not in understood(page)


@pytest.fixture(scope="module")
def imported_server(tmp_path_factory):
    """The sample plus two notices as ``policy-column import`` made them from the department's
    PDFs: the car subsidy's hotlines are printed against the text (中国工商银行客服95588；
    中石油客服956100), and the 首保 voucher has the car subsidy's headings."""
    project = copy_project(tmp_path_factory.mktemp("imported"))
    shutil.copy(IMPORTED_NOTICE, project / "policies/sources")
    shutil.copy(IMPORTED_VOUCHER, project / "policies/sources")
    yield from serve_build(project / "site", "--as-of", "2025-07-15", cwd=project)


def test_a_hotline_printed_against_the_text_is_found_by_its_number(open_tab, imported_server):
    page = open_tab(imported_server)
    for typed in ("95588", "956100", "95105888", "中石油客服956100"):
        assert search(page, typed)[0] == "jn-2025h2-car-subsidy-r1/5", typed
        assert "没有出现" not in understood(page), typed
    # The index keeps 中 apart from 石油; the mark does not: 中石油, never a bare 石油.
    marks = page.locator(".pc-result").first.locator("mark").all_inner_texts()
    assert any("中石油" in mark for mark in marks), marks
    assert not any(mark.startswith("石油") for mark in marks), marks


@pytest.fixture(scope="module")
def city_rules_server(tmp_path_factory):
    """The sample plus a city's car trade-in rules that state 2万元 and 1.5万元, their two
    offices added to the taxonomy as the import asks."""
    project = copy_project(tmp_path_factory.mktemp("city-rules"))
    shutil.copy(CITY_CAR_RULES, project / "policies/sources")
    taxonomy = project / "policies/taxonomy.yml"
    text = taxonomy.read_text(encoding="utf-8")
    taxonomy.write_text(text.replace("issuers:\n", "issuers:\n" + CITY_ISSUERS, 1), "utf-8")
    yield from serve_build(project / "site", "--as-of", AS_OF, cwd=project)


def test_an_amount_typed_finds_the_clause_that_states_it(open_tab, city_rules_server):
    page = open_tab(city_rules_server)
    # The index has 1.5 as 1 and 5, 2万元 as 2 and 万元; pages with them apart (12类 … 5%, the
    # car notice's 2025年 … 10万元) come after the one stating the amount. 万 is how people
    # write 万元.
    for typed in ("1.5万元", "补贴1.5万", "燃油车补贴1.5万", "2万元", "每辆补贴2万"):
        assert search(page, typed)[0] == "yy-2024-car-rules/2", typed
        assert "没有出现" not in understood(page), typed
    assert "按 每辆 补贴 2 万元 搜索" in understood(page)
    assert "“万”在政策中写作“万元”" in understood(page)
    search(page, "1.5万元")
    assert "按 1.5 万元 搜索" in understood(page)  # as typed, not as the 1 5 sent
    # The clause is short: its excerpt ends with it, not with the issuer indexed after it.
    excerpt = page.locator(".pc-result__excerpt").first.inner_text()
    assert "1.5万元" in excerpt and "岳阳市商务局" not in excerpt, excerpt
    # The rules' 每件补贴不超过2000元 stays first for 2000元.
    assert search(page, "2000元")[0] in MAIN_APPLIANCE_SUBSIDY


@pytest.fixture(scope="module")
def large_server(tmp_path_factory):
    """2 000 synthetic items and the sample's four documents: enough pages that a word on most
    of them weighs more than a chunk and the index is regrouped into many."""
    project = copy_project(tmp_path_factory.mktemp("large"))
    shutil.rmtree(project / "policies")
    write_synthetic_policies(project / "policies", 2000, seed=2024)
    for path in (ROOT / "policies/sources").glob("*.yml"):
        shutil.copy(path, project / "policies/sources")
    yield from serve_build(project / "site", "--as-of", AS_OF, cwd=project)


def test_a_large_column_is_searched_through_chunks_regrouped_by_weight(open_tab, large_server):
    site = large_server.root
    meta = read_pagefind(next((site / "pagefind").glob("*.pf_meta")).read_bytes())
    sizes = json.loads((site / "search/words/chunks.json").read_text("utf-8"))
    bounds = meta[2]
    assert len(bounds) == len(sizes) > 20
    # Rarer words share chunks of at most CHUNK_BYTES; a word on most pages has one to itself.
    assert any(size > CHUNK_BYTES / 1024 for size in sizes)
    for (first, last, _name), size in zip(bounds, sizes, strict=True):
        assert size <= CHUNK_BYTES / 1024 or first == last
    # Each word is in the chunk Pagefind looks it up in.
    for path in (site / "pagefind/index").glob("*.pf_index"):
        words = [word for word, _pages in read_pagefind(path.read_bytes())[0]]
        assert {chunk_holding(bounds, word) for word in words} == {path.stem}
    page = open_tab(large_server)
    for typed in ("以旧换新", "家电补贴", "汽车", "泉城购"):
        assert search(page, typed), typed
        assert "没有出现" not in understood(page), typed
    assert MAIN_APPLIANCE_SUBSIDY & set(search(page, "家电补贴标准")[:TOP])


def test_one_offices_headings_for_two_programmes_are_two_clauses(open_tab, imported_server):
    page = open_tab(imported_server)
    for typed in ("活动时间", "补贴申报资料"):
        search(page, typed)
        entries = entry_ids(page)
        car = [p for p in entries if any(i.startswith("jn-2025h2-car-subsidy-r1/") for i in p)]
        voucher = [
            p for p in entries if any(i.startswith("jn-2025-first-insurance-voucher/") for i in p)
        ]
        assert car and voucher and car != voucher, (typed, entries)
        assert all(len(p) == 1 for p in car + voucher), (typed, entries)


def test_among_clauses_naming_all_words_typed_the_one_saying_what_you_get_comes_first(
    open_tab, imported_server
):
    # Every clause of two Jinan car notices names 济南 (its issuer) and 汽车 (its 行业); how
    # often its text says 济南 tells nothing of what a reader wants. (At 10 000 items, where 汽车
    # is too common to search, it was the only thing left to rank them by.)
    page = open_tab(imported_server)
    standards = {"jn-2025h2-car-subsidy-r1/3", "jn-2025h1-car-subsidy/3"}  # 补贴金额与标准
    assert search(page, "济南汽车")[0] in standards
    # A word counts by all its pieces: a title naming 补贴 does not name 领补贴.
    assert search(page, "领补贴")[0] == "jn-2025-appliance-rules/2-4"  # 怎样领取家电补贴资格


def test_among_clauses_naming_all_words_typed_how_to_claim_comes_before_the_rest(search_tab):
    # 购车补贴 names the notice's 标准, 怎么申报 and 申报材料 alike; the materials list says 购车
    # most often. A reader wants what they get, then how to claim it, then what to bring.
    assert search(search_tab.page, "购车补贴")[:3] == [
        "jn-2025h1-car-subsidy/3",
        "jn-2025h1-car-subsidy/4-1",
        "jn-2025h1-car-subsidy/4-2",
    ]


def test_a_deadline_question_lists_the_open_round_when_only_the_last_one_has_dates(
    open_tab, imported_server
):
    # On 2025-07-15 the H1 car notice's dated items are past; the H2 round, as import made it,
    # has no 申报截止 yet. Listing only dated items would list only the round that is over.
    page = open_tab(imported_server)
    found = search(page, "汽车补贴什么时候截止")
    assert found[0].startswith("jn-2025h2-car-subsidy-r1/"), found
    assert "只列有申报截止日期的" not in understood(page)


def test_a_word_the_policies_use_is_a_part_of_the_column_only_when_typed_alone(
    open_tab, imported_server
):
    # The Jinan notice hands out a 汽车消费礼包; 礼包 alone still means the column's 政策包.
    page = open_tab(imported_server)
    found = search(page, "汽车消费礼包怎么领")
    assert "packages" not in found
    assert found[0].startswith("jn-2025h2-car-subsidy-r1/"), found
    assert search(page, "礼包")[0] == "packages"


@pytest.mark.parametrize(
    ("typed", "document"),
    [
        ("济商务字(2025)5号", "jn-2025-appliance-rules"),
        ("济商务字2025年5号", "jn-2025-appliance-rules"),
        ("济商务字〔2025〕第5号", "jn-2025-appliance-rules"),
        ("鲁商字2025 1号", "sd-2025-appliance-plan"),
        ("汨政办函2024-33", "mzbh-2024-33"),
    ],
)
def test_a_doc_number_typed_as_people_type_it_finds_its_document_first(search_tab, typed, document):
    assert search(search_tab.page, typed)[0] == f"sources/{document}"


def test_a_doc_number_no_document_has_pins_nothing(search_tab):
    assert not search(search_tab.page, "济商务字2025年9号")[0].startswith("sources/")


def test_a_sector_the_column_lacks_is_said_so(search_tab):
    page = search_tab.page
    search(page, "手机补贴")
    status = page.locator(STATUS).inner_text()
    assert "没有找到与“手机补贴”直接相关的政策" in status
    assert "数码产品" in understood(page)
    assert page.locator(".pc-results__help").is_visible()


def test_a_deadline_query_lists_items_with_a_deadline_nearest_first(search_tab):
    page = search_tab.page
    ids = search(page, "申报截止")
    assert ids
    assert all("申报截止" in fact for fact in result_facts(page))
    assert "只列有申报截止日期的" in understood(page)


def test_when_it_ends_or_starts_is_a_question_about_its_dates(search_tab):
    # The car notice's dated items answer 什么时候结束 as 什么时候截止; the appliance rules set
    # no 申报截止 ("资金使用完毕即活动结束"): their subsidy comes first, not a clause saying 结束.
    page = search_tab.page
    assert search(page, "购车补贴什么时候结束")[0] == "jn-2025h1-car-subsidy/1"  # 活动时间
    assert "只列有申报截止日期的" in understood(page)
    assert search(page, "家电补贴什么时候结束")[0] in MAIN_APPLIANCE_SUBSIDY
    # From when, too: the dated items, each with its 申报开始 (before, 服务平台的职责 came first:
    # its text says 开始).
    assert search(page, "以旧换新活动什么时候开始")[0] in {
        "jn-2025h1-car-subsidy/1",
        "jn-2025h1-car-subsidy/4-1",
    }
    assert "申报开始 2025年2月12日" in result_facts(page)[0]


def test_a_when_question_about_the_payout_is_not_taken_for_a_deadline(search_tab):
    page = search_tab.page
    ids = search(page, "补贴什么时候发")
    assert "只列有申报截止日期的" not in understood(page)
    assert "jn-2025h1-car-subsidy/4-3" in ids[:3]  # 补贴审核、公示和发放


def test_a_one_character_verb_finds_the_clause_that_says_it(search_tab):
    # 领 is kept with its synonyms: 怎样领取家电补贴资格 says 领取 补贴 in its title.
    for typed in ("领补贴", "在哪里领补贴"):
        assert search(search_tab.page, typed)[0] == "jn-2025-appliance-rules/2-4", typed


def test_a_title_asking_the_question_in_other_words_answers_it(search_tab):
    # 怎样领取家电补贴资格 asks what 以旧换新补贴怎么申请 asks; the car notice's 购车补贴怎么申报
    # shares the question word but not 以旧换新, and came first.
    assert search(search_tab.page, "以旧换新补贴怎么申请")[0] == "jn-2025-appliance-rules/2-4"
    assert search(search_tab.page, "汽车补贴如何申报")[0] == "jn-2025h1-car-subsidy/4-1"


def test_what_people_call_the_national_subsidy_finds_it(search_tab):
    # 国补: the 以旧换新 subsidy in everyday words; before, 补贴专区 and 资金管理 came first.
    assert search(search_tab.page, "家电国补")[0] in MAIN_APPLIANCE_SUBSIDY


def test_a_percentage_from_a_poster_finds_its_clause(search_tab):
    for typed in ("15%", "补贴15%", "１５％"):
        assert search(search_tab.page, typed)[0] in MAIN_APPLIANCE_SUBSIDY, typed


def test_an_amount_from_a_poster_finds_its_clause_before_those_lacking_it(search_tab):
    # The rules print 每件补贴不超过2000元; the car standard's title has 元 but no 2000. Pages
    # with every word come before those a looser reading adds, and the line says how many.
    page = search_tab.page
    for typed in ("2000元", "补贴2000元", "2000"):
        assert search(page, typed)[0] in MAIN_APPLIANCE_SUBSIDY, typed
    search(page, "2000元")
    assert "同时含全部词语的只有 2 条，也列出了含其中大部分的" in understood(page)
    assert search(page, "5000元")[0] == "jn-2025h1-car-subsidy/3"  # 新能源车每辆最高5000元


def test_words_the_column_never_uses_are_reported_not_dropped(search_tab, sample_site):
    page = search_tab.page
    ids = search(page, "设备更新 贷款 贴息")
    assert ids[0] == "mzbh-2024-33/3-5"
    # No sample page says them: the table's EVERY_WORD is no way round the row here.
    assert not any(says_every_word(sample_site, one, "设备更新 贷款 贴息") for one in ids)
    assert says_every_word(sample_site, "mzbh-2024-33/3-5", "设备更新 以旧换新")
    assert "“贷款”“贴息”在政策中没有出现" in understood(page)


def test_a_word_the_policies_say_otherwise_is_searched_as_they_say_it(search_tab):
    page = search_tab.page
    assert search(page, "冰箱")[0] in MAIN_APPLIANCE_SUBSIDY
    assert "“冰箱”在政策中写作“电冰箱”" in understood(page)
    assert "没有出现" not in understood(page)
    search(page, "补贴什么时候到账")
    assert "“到账”在政策中写作“发放”" in understood(page)
    # 入口 is no word of theirs (it was reported as a missing 口): they name the 平台. It is
    # what is asked for (a compound ends with its head): the platform before 怎样领取补贴资格.
    assert search(page, "补贴申请入口")[0] == "jn-2025-appliance-rules/2-3"
    assert "“入口”在政策中写作“平台”" in understood(page) and "没有出现" not in understood(page)
    # A slip of the keyboard the index has in pieces (已 旧 换新) says what it was taken for.
    assert search(page, "已旧换新")[:3]
    assert "也找了 以旧换新" in understood(page)


def test_a_lone_character_is_also_searched_as_the_longer_word_it_stands_for(
    search_tab, sample_server
):
    page = search_tab.page
    # 换 for 换新, 补 for 补贴: Pagefind would meet the longer word only in an index chunk the
    # page happened to have loaded, so each is searched as a reader's first query.
    for query, longer, first in (
        ("我想换个冰箱", "换新", MAIN_APPLIANCE_SUBSIDY),
        ("最多补多少", "补贴", {"jn-2025h1-car-subsidy/3"}),
    ):
        open_search_page(page, sample_server.url("search/"))
        ids = search(page, query)
        assert longer in understood(page).split("也找了 ", 1)[1], understood(page)
        assert ids[0] in first, (query, ids[:3])
    # Not a digit: 1 is no 12.
    search(page, "1级能效")
    assert "也找了" not in understood(page)


def understanding(
    browser, site: Path, folder: Path, query: str, words: dict[str, tuple[int, int]], kib: list[int]
):
    """How search-query.js reads ``query`` over a made-up index: ``words`` maps each word to
    (pages that have it, its chunk number), ``kib`` lists each chunk's size; the lexicon is the
    sample's."""
    (folder / "words").mkdir(parents=True)
    shutil.copy(site / "search/lexicon.json", folder / "lexicon.json")
    shutil.copy(ROOT / "overrides/assets/javascripts/search-query.js", folder)
    buckets = word_buckets(words)
    for number, found in buckets.items():
        file = {
            "words": found,
            "pages": [words[w][0] for w in found],
            "chunks": [words[w][1] for w in found],
            "named": [[] for _w in found],
        }
        (folder / f"words/{number:02x}.json").write_text(json.dumps(file), "utf-8")
    (folder / "words/chunks.json").write_text(json.dumps(kib), "utf-8")
    (folder / "index.html").write_text('<script src="search-query.js"></script>', "utf-8")
    server = serve(folder)
    page = browser.new_page()
    try:
        page.goto(server.url("index.html"))
        return page.evaluate(
            """query => new window.PolicySearchQuery.QueryCutter({
                root: location.href, words: "words/", lexicon: "lexicon.json", exact: "x.json",
            }).understand(query).then(u => ({
                common: u.common,
                now: u.alternatives.filter(a => !a.lazy && !a.loose).map(a => a.query),
                later: u.alternatives.filter(a => a.lazy).map(a => a.query),
            }))""",
            query,
        )
    finally:
        page.close()
        server.httpd.shutdown()


def test_a_lone_character_for_a_word_too_heavy_to_fetch_is_left_out_with_it(
    browser, sample_site, tmp_path
):
    # As at 10 000 items: 补贴 on nine pages in ten, its chunk most of the budget. Searched as
    # 补, 最多补多少 would keep only the pages that print 补 apart (补15%), not 每辆补贴4000元.
    words = {"最": (3000, 0), "多": (4000, 1), "补": (100, 2), "补贴": (9000, 3)}
    words |= {"最高": (500, 4), "不": (5000, 5), "超过": (800, 6)}
    heavy = understanding(
        browser, sample_site, tmp_path / "heavy", "最多补多少", words, [5, 5, 5, 84, 5, 5, 5]
    )
    assert heavy["common"] == ["补贴"]  # 为了搜得快，没有用很常见的“补贴”
    assert "最高" in heavy["now"]
    assert not any(
        word in ("补", "补贴") for query in heavy["now"] + heavy["later"] for word in query.split()
    )
    # Light enough (a small column), 补 stays, and 补贴 is searched beside it at once.
    light = understanding(
        browser, sample_site, tmp_path / "light", "最多补多少", words, [5, 5, 5, 9, 5, 5, 5]
    )
    assert light["common"] == []
    assert "最高 补" in light["now"] and "最 多 补贴" in light["now"]
    # Nothing but such words typed (补贴 heavier than the whole budget): searched as typed,
    # the budget leaving out 补贴, not as nothing.
    alone = understanding(
        browser, sample_site, tmp_path / "alone", "补贴补", words, [5, 5, 5, 95, 5, 5, 5]
    )
    assert alone["now"] == ["补"] and alone["common"] == ["补贴"], alone


def test_a_clause_names_the_theme_it_is_filed_under(search_tab):
    # Neither 购车补贴标准 nor 购车补贴怎么申报 says 以旧换新; both are filed under 消费品以旧换新
    # (and 汽车), so they name the whole query: what one gets first, then how to claim it.
    ids = search(search_tab.page, "以旧换新 汽车")
    assert ids[:2] == ["jn-2025h1-car-subsidy/3", "jn-2025h1-car-subsidy/4-1"]


def test_a_part_of_the_column_is_offered_first(search_tab):
    page = search_tab.page
    ids = search(page, "政策包")
    assert ids[0] == "packages"
    assert len(ids) < 10  # not nearly every page, as when 政策 alone was matched


def test_zero_results_help_and_blame_no_unset_filter(search_tab):
    page = search_tab.page
    assert search(page, "龘靐齉") == []
    status = page.locator(STATUS).inner_text()
    assert "没有找到与“龘靐齉”相关的政策" in status and "筛选" not in status
    help_box = page.locator(".pc-results__help")
    assert help_box.get_by_role("link", name="我能享受哪些政策").is_visible()
    assert help_box.get_by_role("link", name="政策清单").is_visible()
    assert not page.locator(".pc-results__filters-note").is_visible()


def test_zero_results_with_a_filter_set_offer_to_clear_it(open_tab, sample_server):
    page = open_tab(sample_server, "search/?q=购车补贴&sector=家电")
    wait_for_results(page, "购车补贴")
    note = page.locator(".pc-results__filters-note")
    if result_ids(page):  # the car subsidy is no 家电 policy: nothing may come back
        pytest.fail(f"found {result_ids(page)}")
    assert note.is_visible()
    note.get_by_role("button", name="清除筛选后再搜").click()
    page.wait_for_function("!location.search.includes('sector')")
    # (the status said 没有找到 before: wait for the results themselves)
    page.wait_for_function("document.querySelectorAll('.pc-result__title a').length > 0")
    assert "jn-2025h1-car-subsidy/3" in result_ids(page)[:3]


def test_the_reader_can_undo_the_understanding(search_tab):
    page = search_tab.page
    search(page, "家电补贴怎么申请")
    page.get_by_role("button", name="按原样搜索").click()
    page.wait_for_function("location.search.includes('literal=1')")
    page.wait_for_function(
        "document.querySelector('.pc-understood')?.textContent.includes('已按原样搜索')"
    )
    page.get_by_role("button", name="改回按词搜索").click()
    page.wait_for_function("!location.search.includes('literal')")
    page.wait_for_function(
        "document.querySelector('.pc-understood')?.textContent.includes('按 家电 补贴 申请 搜索')"
    )


def test_sort_by_newest_or_nearest_deadline_is_kept_in_the_url(browser, sample_server):
    watched = open_watched(browser, host_of(sample_server))
    page = watched.page
    page.goto(sample_server.url("search/?q=补贴"))
    wait_for_results(page, "补贴")
    page.get_by_label("排序").select_option(label="申报截止最近")
    page.wait_for_function("location.search.includes('sort=deadline')")
    wait_for_results(page, "补贴")
    page.wait_for_function(
        "document.querySelector('.pc-result__meta')?.textContent.includes('截止')"
    )
    assert "申报截止 2025年4月15日" in result_facts(page)[0]
    page.get_by_label("排序").select_option(label="最新发布")
    page.wait_for_function("location.search.includes('sort=newest')")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["补贴"], "sort": ["newest"]}
    # A shared link keeps the order (以旧换新 is in all four documents).
    shared = open_watched(browser, host_of(sample_server))
    shared.page.goto(sample_server.url("search/?q=以旧换新&sort=newest"))
    wait_for_results(shared.page, "以旧换新")
    assert shared.page.get_by_label("排序").input_value() == "newest"
    # Items of the two documents signed 2025-01-20 first, then the 2024 plan's; the car subsidy
    # (no date given) and whole documents after them.
    show_all_results(shared.page)
    ids = result_ids(shared.page)
    sources = [i.split("/")[0] for i in ids if not i.startswith("sources/")]
    newest = {"jn-2025-appliance-rules", "sd-2025-appliance-plan"}
    assert set(sources[: sources.index("mzbh-2024-33")]) <= newest, sources
    assert "jn-2025h1-car-subsidy" not in sources[: sources.index("mzbh-2024-33")]
    documents = [n for n, i in enumerate(ids) if i.startswith("sources/")]
    assert documents == list(range(len(ids) - len(documents), len(ids)))
    shared.page.context.close()
    assert watched.console_errors == [] and watched.foreign_requests == []
    watched.page.context.close()


def test_a_double_click_of_show_more_lists_no_result_twice(search_tab):
    page = search_tab.page
    search(page, "补贴")
    # Two clicks before the first batch has loaded; a real dblclick could
    # land its second click on a result link once the button is gone.
    page.get_by_role("button", name="显示更多结果").evaluate("b => { b.click(); b.click(); }")
    wait_until_listed(page)
    ids = result_ids(page)
    assert len(ids) > 10 and len(ids) == len(set(ids)), ids


def test_excerpts_are_clean_and_highlight_whole_words(search_tab):
    page = search_tab.page
    for query in ("以旧换新", "家电补贴", "专班机制"):
        search(page, query)
        excerpts = page.locator(".pc-result__excerpt").all_inner_texts()
        assert excerpts
        for text in excerpts:
            assert not re.search(
                r"(政策要点|文件信息|申报指南|政策原文)[.。]|文号\s*—|\u200b", text
            )
        marks = set(page.locator(".pc-result mark").all_inner_texts())
        assert marks and all(len(mark) > 1 for mark in marks), marks
    search(page, "以旧换新")
    assert "以旧换新" in page.locator(".pc-result").first.locator("mark").all_inner_texts()
    # The index has the numbers spaced (不超过 2000 元); the excerpt prints them as the page does,
    # and begins with words, not with the % of a figure cut before it.
    search(page, "2000元")
    excerpt = page.locator(".pc-result__excerpt").first.inner_text()
    assert "不超过2000元" in excerpt and not re.match(r"[%，。；]", excerpt), excerpt
    # A short clause's excerpt runs into the 文件信息 indexed after it (济南市商务局, the notice's
    # title): it ends with the clause.
    assert search(page, "客服电话")[0] == "jn-2025h1-car-subsidy/6"
    excerpt = page.locator(".pc-result__excerpt").first.inner_text()
    assert excerpt.endswith("4006096588.") and "济南市商务局" not in excerpt, excerpt
    # A document found by its title: no 文件信息 heading, no issuer-and-title line for excerpt.
    assert "sources/jn-2025h1-car-subsidy" in search(page, "汽车消费补贴活动公告")
    document = page.locator(".pc-result").filter(
        has=page.locator('a[href*="sources/jn-2025h1-car-subsidy"]')
    )
    assert document.locator(".pc-result__excerpt").count() == 0


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
        if text.strip().endswith("暂无政策"):  # a term without policies is not linked, nor counted
            continue
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
    open_search_page(page, sample_server.url("search/"))
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
        more.click()
        wait_until_listed(page)
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
    open_tab, sample_server, sample_site
):
    page = open_tab(sample_server, "finder/")
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


def test_finder_enterprise_type_includes_items_for_all_enterprises(
    open_tab, sample_server, sample_site
):
    page = open_tab(sample_server, "finder/?who=enterprises&type=sellers&sector=home-appliances")
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
    yield from serve_build(tmp_path_factory.mktemp("later") / "site", "--as-of", "2025-05-01")


def test_expired_items_come_last_and_can_be_filtered(open_tab, later_server):
    page = open_tab(later_server)
    search(page, "补贴")
    show_all_results(page)
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


@pytest.mark.parametrize(
    ("name", "width", "classes"),
    [("desktop", 1280, ""), ("phone-large-contrast", 390, "pc-large pc-contrast")],
)
def test_understood_line_sort_and_help_fit_the_screen(browser, sample_server, name, width, classes):
    watched = open_watched(browser, host_of(sample_server), width, 844)
    page = watched.page
    page.goto(sample_server.url("search/?q=以旧换新补贴怎么申请"))
    if classes:
        page.evaluate(f"document.documentElement.classList.add(...{classes.split()!r})")
    wait_for_results(page, "以旧换新补贴怎么申请")
    assert page.locator(".pc-understood").is_visible()
    assert page.get_by_label("排序").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(screenshot_dir() / f"search-understood-{name}.png"))
    search(page, "手机补贴")
    assert page.locator(".pc-results__help").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(screenshot_dir() / f"search-help-{name}.png"), full_page=True)
    assert watched.console_errors == [] and watched.foreign_requests == []
    watched.page.context.close()
