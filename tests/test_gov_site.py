"""A column that passes for a government site: 解读 linked both ways, gov.cn metadata in
the 文件信息 table, 网页标签 in every head, the 纠错 link and footer band, change history.

Input cases run on a copy of the bad-input base tree (one document of 3 items) with the
files each case adds; page cases render the column in this process (``site_files``),
the sample site's cases read the session's build.
"""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import feedparser
import pytest
from conftest import ROOT, open_watched

from generator.errors import PolicyInputError
from generator.output.html.interpretations import render_markdown
from generator.output.site import site_files
from generator.pipeline.stages import check_policies

BASE = ROOT / "tests" / "bad_inputs" / "base"
FRAGMENTS = ROOT / "overrides" / "fragments"
SAMPLE_READING = "zcjd/mzbh-2024-33-jiedu/"

PORTAL = """\
site_name: 汨罗市人民政府
site_domain: www.miluo.gov.cn
site_id: "4306810000"
column_name: “两重”“两新”政策专栏
column_type: 专题专栏
level: 汨罗市
host: 汨罗市人民政府办公室
icp: 湘ICP备00000000号
correction_url: https://zfwzzc.www.gov.cn/check_web/errorSubmit?site_code=4306810000
"""

READING = """\
---
title: 家电以旧换新补贴办法解读
date: 2025-01-23
issuer: 汨罗市商务局
form: 文字解读
documents: [base-doc]
items: [base-doc/2]
---
## 补多少

按售价的20%补贴，[查看本条](/items/base-doc/2/)。
"""

# A document with every gov.cn field, and the one it replaced.
FULL = """\
title: 汨罗市家电以旧换新补贴办法（修订）
doc_number: 汨商发〔2025〕2号
issuer: 汨罗市商务局
level: 汨罗市
signed: 2025-03-01
published: 2025-03-03
index_number: 430681-2025-00012
subject: 国内贸易（含供销）
doc_type: 通知
changes:
  - {date: 2025-03-10, note: 补充申领小程序的名称。}
body: |
  一、补贴标准
  按售价的15%补贴。
"""

SUBJECTS = """\
subjects:
  - id: trade
    name: 商贸、海关、旅游
    children:
      - {id: domestic-trade, name: 国内贸易（含供销）}
"""


def policies_with(tmp_path: Path, files: dict[str, str]) -> Path:
    policies = tmp_path / "policies"
    shutil.copytree(BASE, policies)
    for name, text in files.items():
        path = policies / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return policies


def replaced_tree(tmp_path: Path) -> Path:
    """The base document repealed and replaced by FULL, with a 解读 and the portal."""
    policies = policies_with(
        tmp_path,
        {
            "portal.yml": PORTAL,
            "interpretations/base-doc-jiedu.md": READING,
            "sources/base-doc-2.yml": FULL,
        },
    )
    taxonomy = policies / "taxonomy.yml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8") + SUBJECTS, encoding="utf-8")
    doc = policies / "sources" / "base-doc.yml"
    text = doc.read_text(encoding="utf-8").replace(
        "published: 2025-01-22\n",
        "published: 2025-01-22\nstatus: 废止\nreplaced_by: base-doc-2\n"
        "status_reason: 补贴比例调整，由修订后的办法替代\n",
    )
    doc.write_text(text, encoding="utf-8")
    return policies


def problems_of(policies: Path, strict: bool = False) -> list[str]:
    try:
        _, warnings = check_policies(policies, strict=strict)
    except PolicyInputError as error:
        return [str(p).split("policies/", 1)[1] for p in error.report()]
    return [str(p).split("policies/", 1)[1] for p in warnings]


def pages_of(policies: Path, today: date = date(2025, 3, 20)) -> dict[str, str]:
    column, _ = check_policies(policies)
    made = site_files(column, today, FRAGMENTS, "https://www.miluo.gov.cn/zt/lzlx/")
    return {page.url: page for page in made.pages} | {"__files__": made.files}


# --- input ------------------------------------------------------------------------------


def test_interpretation_problems_name_file_line_and_column(tmp_path: Path):
    bad = """\
---
title: 解读
date: 2025-13-01
issuer: 汨罗市商务局
form: 漫画
author: 某人
documents: [base-doc, no-such-doc]
items: [base-doc/9, base-doc]
---
正文
"""
    policies = policies_with(tmp_path, {"interpretations/bad.md": bad})
    assert problems_of(policies) == [
        "interpretations/bad.md:3:7: error: date: 2025-13-01 is not a real date — "
        "there is no month 13",
        'interpretations/bad.md:5:7: error: form "漫画" is not known — '
        "use one of 文字解读、图解、视频",
        'interpretations/bad.md:6:1: error: unknown key "author" — the keys here are title, date, '
        "issuer, form, media, summary, documents, items",
    ]
    fixed = (
        bad.replace("2025-13-01", "2025-01-23")
        .replace("漫画", "图解")
        .replace("author: 某人\n", "")
    )
    (policies / "interpretations" / "bad.md").write_text(fixed, encoding="utf-8")
    assert problems_of(policies) == [
        "interpretations/bad.md:5:7: error: a 图解 needs its picture or video — add media: with a "
        "file beside the .md (e.g. tujie.png) or an http(s) address",
    ]
    fixed = fixed.replace("form: 图解", "form: 文字解读")
    (policies / "interpretations" / "bad.md").write_text(fixed, encoding="utf-8")
    assert problems_of(policies) == [
        'interpretations/bad.md:6:23: error: unknown document "no-such-doc" — check the spelling '
        "against policies/sources/*.yml",
        'interpretations/bad.md:7:9: error: unknown item "base-doc/9" — its items are base-doc/1, '
        "base-doc/2, base-doc/3",
        'interpretations/bad.md:7:21: error: unknown item "base-doc" — "base-doc" is a document: '
        "list it under documents:",
    ]


def test_a_document_of_the_portals_own_government_needs_a_reading(tmp_path: Path):
    policies = policies_with(tmp_path, {"portal.yml": PORTAL})
    assert problems_of(policies) == [
        'sources/base-doc.yml:1:1: warning: the document "汨罗市家电以旧换新补贴办法" '
        "has no 解读 — "
        "add policies/interpretations/<name>.md naming it under documents: (the inspection "
        "rules ask for a 解读 linked both ways), or give interpretation_url:",
    ]
    (policies / "interpretations").mkdir()
    (policies / "interpretations" / "r.md").write_text(READING, encoding="utf-8")
    assert problems_of(policies, strict=True) == []


def test_strict_asks_for_a_release_date_or_that_the_text_states_none(tmp_path: Path):
    policies = policies_with(tmp_path, {})
    doc = policies / "sources" / "base-doc.yml"
    doc.write_text(doc.read_text(encoding="utf-8").replace("published: 2025-01-22\n", ""), "utf-8")
    assert problems_of(policies) == []
    assert problems_of(policies, strict=True) == [
        "sources/base-doc.yml:1:1: warning: no 发布日期 (published:) — add published: YYYY-MM-DD "
        "as the document or its portal states it, or published: 未注明 when it states none",
    ]
    doc.write_text(doc.read_text(encoding="utf-8") + "published: 未注明\n", "utf-8")
    assert problems_of(policies, strict=True) == []


def test_gov_metadata_is_checked(tmp_path: Path):
    policies = replaced_tree(tmp_path)
    doc = policies / "sources" / "base-doc-2.yml"
    text = doc.read_text(encoding="utf-8")
    text = text.replace("doc_type: 通知", "doc_type: 通告书").replace(
        "国内贸易（含供销）", "国内贸易"
    )
    text = text.replace("changes:\n", "status: 修订\nchanges:\n  - {date: 2025-03-12, note: 后}\n")
    doc.write_text(text, encoding="utf-8")
    old = policies / "sources" / "base-doc.yml"
    old.write_text(old.read_text(encoding="utf-8").replace("base-doc-2", "base-doc-3"), "utf-8")
    assert problems_of(policies) == [
        'sources/base-doc-2.yml:8:10: error: unknown subject "国内贸易" — did you mean '
        '"国内贸易（含供销）"? If it is new, add it to policies/taxonomy.yml under subjects',
        'sources/base-doc-2.yml:9:11: error: doc_type "通告书" is not known — did you mean "通告"? '
        "It is one of 决议、决定、命令、公报、公告、通告、意见、通知、通报、报告、"
        "请示、批复、议案、函、"
        "纪要、方案、细则、办法、规定、规划、其他",
        "sources/base-doc-2.yml:10:9: error: status 修订 needs the revised document — add "
        "replaced_by: with the slug of the document that replaces this one",
        "sources/base-doc-2.yml:13:12: error: change 2025-03-10 comes after a later one "
        "(2025-03-12) — list changes oldest first",
        'sources/base-doc.yml:9:1: error: replaced_by names no document: "base-doc-3" — give '
        "the slug (file name without .yml) of a file in policies/sources/",
    ]


# --- pages --------------------------------------------------------------------------------


class Heads(HTMLParser):
    """The ``<meta name>`` tags and the links of a page."""

    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and attributes.get("name"):
            self.meta[attributes["name"]] = attributes.get("content") or ""
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])


def parsed(html: str) -> Heads:
    heads = Heads()
    heads.feed(html)
    return heads


def cells(html: str) -> dict[str, str]:
    """The 文件信息 table as label → text."""
    table = html[html.index('class="pc-meta__table pc-fileinfo"') :]
    table = table[: table.index("</table>")]
    pairs = re.findall(r'<th scope="row"[^>]*>([^<]+)</th><td[^>]*>(.*?)</td>', table, re.S)
    return {label: " ".join(re.sub(r"<[^>]+>", " ", value).split()) for label, value in pairs}


def test_file_info_shows_the_gov_cn_fields_in_order_and_the_successor(tmp_path: Path):
    pages = pages_of(replaced_tree(tmp_path))
    new = pages["sources/base-doc-2/"].html
    info = cells(new)
    assert list(info)[:7] == [
        "索引号",
        "主题分类",
        "发文机关",
        "成文日期",
        "标题",
        "文号",
        "发布日期",
    ]
    assert info == {
        "索引号": "430681-2025-00012",
        "主题分类": "商贸、海关、旅游\\国内贸易（含供销）",
        "发文机关": "汨罗市商务局",
        "成文日期": "2025年3月1日",
        "标题": "汨罗市家电以旧换新补贴办法（修订）",
        "文号": "汨商发〔2025〕2号",
        "发布日期": "2025年3月3日",
        "公文种类": "通知",
        "效力状态": "有效",
        "有效期": "长期有效",
        "层级": "汨罗市",
    }
    assert "编号" not in cells(pages["items/base-doc-2/1/"].html)
    for url in ("sources/base-doc/", "items/base-doc/1/", "items/base-doc/3/"):
        html = pages[url].html
        notice = html[html.index('class="pc-withdrawn"') :].split("</div>")[0]
        assert "本文件已废止" in notice and "补贴比例调整，由修订后的办法替代" in notice, url
        assert "汨罗市家电以旧换新补贴办法（修订）" in notice and 'base-doc-2/">' in notice
    assert cells(pages["sources/base-doc/"].html)["效力状态"].startswith("已废止 现行文件：")


def test_repealed_items_drop_below_the_ones_in_force(tmp_path: Path):
    pages = pages_of(replaced_tree(tmp_path))
    order = re.findall(r'<td><a href="\.\./items/([^"]+)/">', pages["list/"].html)
    assert order.index("base-doc-2/1") < min(order.index(f"base-doc/{n}") for n in (1, 2, 3))


def test_a_reading_and_its_document_and_items_link_both_ways(tmp_path: Path):
    pages = pages_of(replaced_tree(tmp_path))
    reading = parsed(pages["zcjd/base-doc-jiedu/"].html).links
    assert "../../sources/base-doc/" in reading and "../../items/base-doc/2/" in reading
    assert "../../items/base-doc/2/" in reading  # the Markdown's column link, made relative
    for url in ("sources/base-doc/", "items/base-doc/1/", "items/base-doc/2/"):
        assert "zcjd/base-doc-jiedu/" in " ".join(parsed(pages[url].html).links), url
    assert "base-doc-jiedu/" in parsed(pages["zcjd/"].html).links
    assert "zcjd/" not in " ".join(parsed(pages["items/base-doc-2/1/"].html).links)


def test_every_page_carries_the_tags_and_a_correction_link_with_its_address(tmp_path: Path):
    pages = pages_of(replaced_tree(tmp_path))
    del pages["__files__"]
    for url, page in pages.items():
        head = parsed(page.meta["pc_head"]).meta
        assert head["SiteName"] == "汨罗市人民政府", url
        assert head["SiteDomain"] == "www.miluo.gov.cn"
        assert head["SiteIDCode"] == "4306810000"
        assert head["ColumnName"] == "“两重”“两新”政策专栏"
        assert head["ColumnType"] == "专题专栏"
        assert head["Url"] == f"https://www.miluo.gov.cn/zt/lzlx/{url}"
        (report,) = [a for a in parsed(page.meta["pc_foot"]).links if "zfwzzc" in a]
        query = parse_qs(urlsplit(report).query)
        assert query == {
            "site_code": ["4306810000"],
            "url": [head["Url"]],
            "title": [page.title],
        }, url
        assert (
            "网站标识码：4306810000" in page.meta["pc_foot"]
            and "湘ICP备00000000号" in page.meta["pc_foot"]
        )
    item = parsed(pages["items/base-doc-2/1/"].meta["pc_head"]).meta
    assert item["ArticleTitle"] == "补贴标准"
    assert item["PubDate"] == "2025-03-03"
    assert item["ContentSource"] == "汨罗市商务局"
    reading = parsed(pages["zcjd/base-doc-jiedu/"].meta["pc_head"]).meta
    assert (reading["ArticleTitle"], reading["PubDate"]) == (
        "家电以旧换新补贴办法解读",
        "2025-01-23",
    )


def test_change_history_is_shown_with_the_last_date_near_the_title(tmp_path: Path):
    pages = pages_of(replaced_tree(tmp_path))
    for url in ("sources/base-doc-2/", "items/base-doc-2/1/"):
        html = pages[url].html
        near_title = html[html.index("</h1>") :][:600]
        assert "最近更新" in near_title and "2025年3月10日" in near_title, url
        history = html[html.index('class="pc-changes"') :]
        assert "更新记录" in history and "补充申领小程序的名称。" in history


def test_a_clause_changed_since_the_lock_gets_an_automatic_entry_and_feeds_say_updated(
    tmp_path: Path,
):
    from generator.cli.main import main

    policies = policies_with(
        tmp_path,
        {
            "schedule.yml": "name: 宣传\nstart: 2025-01-20\nend: 2025-06-30\nportal: portal\n"
            "channels:\n  - {channel: portal, per_day: 3}\n"
        },
    )
    assert main(["lock", str(policies)]) == 0
    doc = policies / "sources" / "base-doc.yml"
    doc.write_text(
        doc.read_text(encoding="utf-8").replace("每件不超过2000元", "每件不超过1500元"), "utf-8"
    )
    pages = pages_of(policies, date(2025, 3, 20))
    html = pages["items/base-doc/2/"].html
    assert "本条原文已修改，与此前发布的文字不同。" in html
    assert "2025年3月20日" in html[html.index('class="pc-changes"') :]
    atom = feedparser.parse(pages["__files__"]["feeds/atom.xml"])
    changed = next(e for e in atom.entries if e.link.endswith("items/base-doc/2/"))
    assert changed.updated_parsed[:3] == (2025, 3, 20)
    assert changed.published_parsed < changed.updated_parsed
    assert "更新（2025-03-20）" in changed.content[0].value
    unchanged = next(e for e in atom.entries if e.link.endswith("items/base-doc/1/"))
    assert unchanged.updated_parsed == unchanged.published_parsed


def test_hostile_markdown_keeps_no_markup_script_or_script_address():
    html = render_markdown(
        '<script>alert(1)</script>\n\n<b onclick="x()">b</b> [a](javascript:alert(1)) '
        "[b](JAVASCRIPT:x) [c](data:text/html,x) [d](//evil.example/) "
        "![e](https://evil.example/e.png) "
        "[f](/items/x/) [g](https://www.gov.cn/)",
        "zcjd/r/",
    )
    assert "<script" not in html and "<b" not in html and "onclick=" in html  # as text only
    assert re.findall(r'(?:href|src)="([^"]*)"', html) == ["../../items/x/", "https://www.gov.cn/"]


# --- the sample site -------------------------------------------------------------------------


def test_the_sample_reading_links_both_ways_and_is_searched_fed_and_scheduled(sample_site: Path):
    reading = (sample_site / SAMPLE_READING / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in reading
    assert "../../sources/mzbh-2024-33/" in reading
    for url in ("sources/mzbh-2024-33/", "items/mzbh-2024-33/3-5/"):
        page = (sample_site / url / "index.html").read_text(encoding="utf-8")
        assert "zcjd/mzbh-2024-33-jiedu/" in page, url
    schedule = json.loads((sample_site / "api" / "schedule.json").read_text(encoding="utf-8"))
    (push,) = schedule["interpretations"]
    assert push["interpretation"] == "mzbh-2024-33-jiedu" and push["channel"] == "portal"
    firsts = [
        s["date"]
        for s in schedule["slots"]
        if s["channel"] == "portal" and s["item"].startswith("mzbh-2024-33/")
    ]
    assert push["date"] == max(min(firsts), "2025-01-02")
    assert "mzbh-2024-33-jiedu" in (sample_site / "schedule" / "index.html").read_text("utf-8")
    atom = feedparser.parse((sample_site / "feeds" / "atom.xml").read_bytes())
    if push["date"] <= "2025-03-01":
        assert any(e.link.endswith(SAMPLE_READING) for e in atom.entries)


def test_every_page_of_the_sample_has_the_portal_tags(sample_site: Path):
    skipped = ("assets/", "pagefind/", "widgets/")
    found = 0
    for path in sorted(sample_site.rglob("*.html")):
        relative = path.relative_to(sample_site).as_posix()
        if relative.startswith(skipped):
            continue
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:  # a redirect page of a moved URL
            continue
        head = parsed(html[: html.index("</head>")]).meta
        for name in ("SiteName", "SiteDomain", "ColumnName", "ColumnType", "Url"):
            assert head.get(name), (relative, name)
        assert "我为政府网站找错" in html, relative
        found += 1
    assert found > 150


@pytest.mark.browser
def test_the_reading_is_found_by_search(browser, sample_server):
    host = urlsplit(sample_server.url()).netloc
    watched = open_watched(browser, host)
    page = watched.page
    page.goto(sample_server.url("search/?q=送解优 政策解读"))
    page.wait_for_selector(".pc-result__title a")
    links = page.locator(".pc-result__title a").evaluate_all("a => a.map(x => x.href)")
    assert any(link.endswith(SAMPLE_READING) for link in links[:5]), links
    assert watched.console_errors == [] and watched.foreign_requests == []
    page.context.close()


def test_the_policy_package_pdf_carries_the_footer_band(tmp_path: Path):
    from generator.output.html.packages import PackageRenderer, find_packages
    from generator.output.request import SiteRequest

    today = date(2025, 3, 20)
    column, _ = check_policies(policies_with(tmp_path, {"portal.yml": PORTAL}))
    request = SiteRequest.of(column, today, FRAGMENTS, "https://www.miluo.gov.cn/zt/lzlx/")
    package = find_packages(column, today)[0]
    document = PackageRenderer(request.renderer, "https://www.miluo.gov.cn/zt/lzlx/").document(
        package
    )
    colophon = document[document.index('class="pc-package__colophon"') :]
    assert "主办单位：汨罗市人民政府办公室" in colophon and "网站标识码：4306810000" in colophon
    assert "湘ICP备00000000号" in colophon and "https://www.miluo.gov.cn/zt/lzlx/" in colophon


@pytest.mark.browser
@pytest.mark.parametrize("url", ["items/mzbh-2024-33/3-5/", "packages/", SAMPLE_READING])
def test_the_footer_band_prints(browser, sample_server, url):
    watched = open_watched(browser, urlsplit(sample_server.url()).netloc)
    page = watched.page
    page.goto(sample_server.url(url))
    page.emulate_media(media="print")
    band = page.locator(".pc-portal-footer")
    assert band.is_visible()
    assert "主办单位：汨罗市人民政府办公室" in band.inner_text()
    assert page.locator(".md-footer").is_hidden()  # the theme's own footer does not print
    page.context.close()
