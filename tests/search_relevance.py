"""Relevance table for the search box: query → pages that must be among the first three results.

Queries are what citizens, enterprises and the policy team type into the search page: mostly
Chinese without spaces, some as questions (怎么申请, 多少钱, 什么时候截止), some in their own
words rather than the policy's (买车 for 购车, 商家 for 销售企业, 冰箱 for 家电), a 文号 or a part
of one, a hotline number. Pages are item ids ("<source>/<clause path>"), "sources/<slug>" for a
whole document, or a part of the column ("packages"); "a|b" means either (the same clause
as two documents carry it), and EVERY_WORD any page whose text has every word typed (spaced).
``tests/test_search.py`` types each into
the built sample's search page in Chromium; ``benchmarks/relevance_bench.py`` does the same on
a 10 000-item column (the synthetic documents plus these four).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

from generator.search.copies import marked_span, without_ignored

TOP = 3
# A page saying every word typed: the sample has none saying 贷款 or 贴息, so 设备更新 贷款 贴息
# wants its 设备更新 clause there; a larger column may hold a 设备更新贷款财政贴息 document, whose
# clauses answer it better.
EVERY_WORD = "every-word"

CAR = "jn-2025h1-car-subsidy"
RULES = "jn-2025-appliance-rules"
PLAN = "sd-2025-appliance-plan"
MILUO = "mzbh-2024-33"

RELEVANCE: tuple[tuple[str, tuple[str, ...]], ...] = (
    # citizens: the appliance trade-in subsidy
    ("以旧换新", (f"{RULES}/1|{PLAN}/2-2",)),
    ("家电补贴", (f"{RULES}/1", f"{PLAN}/2-2")),
    ("家电补贴标准", (f"{RULES}/1",)),
    ("家电补贴资格", (f"{RULES}/2-4",)),
    ("家电补贴怎么申请", (f"{RULES}/2-4",)),
    ("家电以旧换新补贴多少", (f"{RULES}/1",)),
    ("以旧换新补贴怎么申请", (f"{RULES}/2-4",)),
    ("家电 补贴", (f"{RULES}/1", f"{PLAN}/2-2")),
    ("一级能效", (f"{RULES}/1", f"{PLAN}/2-2")),
    ("一级能效加多少", (f"{RULES}/1",)),
    ("二级能效", (f"{RULES}/1|{PLAN}/2-2",)),  # the rules print 2级
    ("最多补多少", (f"{RULES}/1|{PLAN}/2-2", f"{CAR}/3")),  # they say 最高, 不超过
    ("买空调有补贴吗", (f"{RULES}/1",)),
    ("买冰箱补贴", (f"{RULES}/1",)),
    ("冰箱", (f"{RULES}/1|{PLAN}/2-2",)),  # the policies say 电冰箱
    ("已旧换新", (f"{RULES}/1|{PLAN}/2-2",)),  # typed with the wrong 以
    ("家电补帖", (f"{RULES}/1", f"{PLAN}/2-2")),
    ("我想换个冰箱", (f"{RULES}/1|{PLAN}/2-2",)),
    ("空调补贴多少钱一台", (f"{RULES}/1",)),
    ("2000元", (f"{RULES}/1|{PLAN}/2-2",)),  # the rules print 每件补贴不超过2000元
    ("家电补贴什么时候结束", (f"{RULES}/1|{PLAN}/2-2",)),  # no 申报截止: 资金用完即止
    ("补贴资格", (f"{RULES}/2-4",)),
    ("补贴资格怎么领", (f"{RULES}/2-4",)),
    ("泉城购", (f"{RULES}/2-3",)),
    ("泉城购平台", (f"{RULES}/2-3",)),
    ("核销资格", (f"{RULES}/2-5",)),
    ("付款立减", (f"{RULES}/2-5",)),
    ("旧家电回收", (f"{RULES}/2-6",)),
    ("废旧家电回收", (f"{RULES}/2-10", f"{PLAN}/2-7")),
    ("废旧家电 回收", (f"{RULES}/2-10", f"{PLAN}/2-7")),
    ("预约回收", (f"{RULES}/2-6",)),
    ("送装", (f"{PLAN}/2-6", f"{RULES}/2-7-5")),
    ("延期送装", (f"{PLAN}/2-6",)),
    ("投诉渠道", (f"{RULES}/2-8", f"{PLAN}/2-5")),
    ("售后服务", (f"{RULES}/2-9",)),
    ("参加以旧换新要提供哪些信息", (f"{PLAN}/3-2",)),
    # citizens: the car subsidy
    # the car notice's standard, and when or how to take part (its clauses of the theme
    # 消费品以旧换新 name it as their titles do not)
    ("以旧换新 汽车", (f"{CAR}/3", f"{CAR}/1|{CAR}/4-1")),
    ("购车补贴", (f"{CAR}/3", f"{CAR}/4-1")),
    ("买车补贴", (f"{CAR}/3",)),
    ("买车补贴多少钱", (f"{CAR}/3",)),
    ("新能源车补贴", (f"{CAR}/3",)),
    ("新能源汽车补贴标准", (f"{CAR}/3",)),
    ("燃油车补贴", (f"{CAR}/3",)),
    ("济南汽车", (f"{CAR}/3",)),
    ("汽车补贴怎么申报", (f"{CAR}/4-1",)),
    ("购车补贴申报材料", (f"{CAR}/4-2",)),
    ("申报材料", (f"{CAR}/4-2",)),
    ("购车补贴需要什么材料", (f"{CAR}/4-2",)),
    ("汽车消费补贴活动时间", (f"{CAR}/1",)),
    ("购车补贴什么时候截止", (f"{CAR}/1",)),
    # the policy team gave the notice's 活动时间 and its 购车补贴怎么申报 the one 申报截止 (4月15日)
    ("申报截止", (f"{CAR}/1|{CAR}/4-1",)),
    ("补贴申请入口", (f"{RULES}/2-3", f"{CAR}/4-1")),  # the notices name a 平台, an 活动页面
    ("客服电话", (f"{CAR}/6",)),
    ("汽车补贴电话", (f"{CAR}/6",)),
    ("4006096588", (f"{CAR}/6",)),
    ("每人限领一次", (f"{CAR}/5",)),
    ("补贴审核公示", (f"{CAR}/4-3",)),
    # the policies say 发放 (to a buyer) and 兑付 (to a shop that advanced the subsidy)
    ("补贴什么时候到账", (f"{CAR}/4-3|{RULES}/2-7-3",)),
    ("哪些人可以参加购车补贴", (f"{CAR}/2",)),
    # enterprises and sellers
    ("销售企业报名", (f"{RULES}/2-7-1",)),
    ("商家怎么参加以旧换新", (f"{RULES}/2-7-1",)),
    ("先行垫付", (f"{RULES}/2-7-2",)),
    ("企业垫付资金兑付", (f"{RULES}/2-7-3",)),
    ("闭环管理", (f"{RULES}/2-7-5",)),
    ("参与企业名单", (f"{RULES}/2-7-4",)),
    ("价格承诺", (f"{PLAN}/2-5",)),
    ("先涨价后打折", (f"{PLAN}/2-5",)),
    ("设备更新", (f"{MILUO}/3-5",)),
    ("设备更新 贷款 贴息", (f"{MILUO}/3-5|{EVERY_WORD}",)),
    ("超长期特别国债", (f"{MILUO}/3-4",)),
    ("专项债", (f"{MILUO}/3-4",)),
    ("重大能源项目", (f"{MILUO}/3-2",)),
    ("助企服务", (f"{MILUO}/3-3",)),
    # the policy team: 文号, the plans' own terms, parts of the column
    ("鲁商字", (f"sources/{PLAN}",)),
    ("汨政办函", (f"sources/{MILUO}",)),
    ("济商务字〔2025〕5号", (f"sources/{RULES}",)),
    ("宣传专班", (f"{MILUO}/2-2-4",)),
    ("政策专栏", (f"{MILUO}/3-1",)),
    ("专班机制", (f"{MILUO}/2-2",)),
    ("问题交办", (f"{MILUO}/6-2",)),
    ("服务销号", (f"{MILUO}/6-3",)),
    ("省级资格核验系统", (f"{PLAN}/2-4",)),
    ("补贴资金管理", (f"{PLAN}/3-4",)),
    ("重点核查", (f"{PLAN}/3-5",)),
    ("服务平台职责", (f"{RULES}/3-15",)),
    ("政策包", ("packages",)),
)


def open_search_page(page, url: str) -> None:
    """The search page at ``url`` loaded afresh, ready for a query: each query typed is a
    reader's first. (Pagefind keeps the index chunks a page has loaded and matches a word as
    the start of longer words in all of them, so in one page a query's results would depend on
    the queries typed before it.)"""
    page.goto(url)
    page.wait_for_function(
        "document.querySelector('.pc-results__status').textContent.includes('可搜索')"
    )


def among(expected: str, shown: list[str], says: Callable[[str], bool] | None = None) -> bool:
    """Whether the page ``expected`` names (or one of its "a|b" alternatives) is in ``shown``;
    ``says`` tells whether a page has every word typed, for EVERY_WORD."""
    wanted = expected.split("|")
    if any(page in shown for page in wanted):
        return True
    return EVERY_WORD in wanted and says is not None and any(says(page) for page in shown)


def says_every_word(site: Path, page: str, query: str) -> bool:
    """Whether the built page of table id ``page`` has every word of the spaced ``query`` in
    the text the index has of it (what the build's search copy keeps of it)."""
    path = site / ("" if page.startswith(("sources/", "packages")) else "items/") / page
    try:
        markup = (path / "index.html").read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    span = marked_span(markup)
    if span is None:
        return False
    text = html.unescape(re.sub(r"<[^>]+>", "", without_ignored(markup[span[0] : span[1]])))
    return all(word in text for word in query.split())


# Each result of the search page as the pages it links: its own, then the items of the same
# title listed under it (另有 N 条同名条款), which count at its place.
ENTRIES_JS = """items => items.map(item => Array.from(
    item.querySelectorAll('.pc-result__title a, .pc-result__same-list a'),
    a => a.getAttribute('href')))"""


def entry_ids(page) -> list[list[str]]:
    """The results shown on the Playwright ``page``, each as the table ids of its pages."""
    links = page.locator(".pc-results__list > li").evaluate_all(ENTRIES_JS)
    return [[page_id(link) for link in pages] for pages in links]


def pages_of(entries: list[list[str]]) -> list[str]:
    """Every page the ``entries`` link, in order: each result's own and those under it."""
    return [page for pages in entries for page in pages]


def page_id(url: str) -> str:
    """A result link ("/items/a/1/", "../items/a/1/", "/sources/a/") as a table id."""
    path = url.split("?", 1)[0].split("#", 1)[0].strip("/")
    parts = path.split("/")
    if "items" in parts:
        return "/".join(parts[parts.index("items") + 1 :])
    if "sources" in parts:
        return "sources/" + "/".join(parts[parts.index("sources") + 1 :])
    return parts[-1] if parts else path
