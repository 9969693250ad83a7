"""Hostile text: a column whose every field holds script, markup, Jinja and formulas.

``tests/data/hostile/policies`` puts ``<script>``, event attributes, Markdown, Jinja
and MkDocs macro syntax, spreadsheet formulas and calendar lines into every text
field. Built once, its pages are loaded in Chromium: no dialog opens, no script or
attribute comes from content, headings and titles show the text as written, and
the data files (JSON, CSV, XLSX, feeds, iCalendar) carry it inertly.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import AS_OF, ROOT, build_site, copy_project, open_watched, serve

from generator.output.data.tables import FORMULA_STARTS, list_csv, list_xlsx

HOSTILE = ROOT / "tests" / "data" / "hostile" / "policies"
PREFIX = "/zt/lzlx/"  # served under a portal sub-path, as a webmaster would
SITE_NAME = "“两重”“两新”政策专栏"
SITE_URL = "https://portal.example.gov.cn/zt/lzlx/"  # absolute links here are the column's own

# What content must never turn into, read from the live DOM after the page ran.
DOM_PROBE = """() => {
  const found = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith('on')) found.push(`${element.tagName} ${attribute.name}`);
    }
  }
  for (const script of document.scripts) {
    const foreign = script.src && new URL(script.src).origin !== location.origin;
    if (foreign) found.push(`script ${script.src}`);
    if (!script.src && /alert/.test(script.textContent)) found.push('inline script from content');
  }
  const selectors = ['base', 'iframe[srcdoc]', 'meta[http-equiv]', 'body style', 'input[autofocus]',
    'a[href^="javascript" i]', '[src*="evil.example"]', 'link[href*="evil.example"]',
    // The 纠错 link carries the page's title to the portal's form as a query value only.
    'a[href*="evil.example"]:not(.pc-portal-footer__report a)', 'img[src="x"]'];
  for (const selector of selectors) {
    for (const element of document.querySelectorAll(selector)) {
      found.push(`${selector}: ${element.outerHTML.slice(0, 80)}`);
    }
  }
  return found;
}"""


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("hostile"), HOSTILE)
    result = build_site(project / "site", "--as-of", AS_OF, "--site-url", SITE_URL, cwd=project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def hostile_server(hostile_site):
    server = serve(hostile_site, PREFIX)
    yield server
    server.httpd.shutdown()


def records(site: Path) -> list[dict]:
    return json.loads((site / "api/items.json").read_text(encoding="utf-8"))["items"]


def page_urls(site: Path) -> list[str]:
    """Every HTML page of the built column (not the search engine's or theme's files)."""
    skipped = ("assets/", "pagefind/", "fragments/")
    urls = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        if relative.startswith(skipped) or relative == "404.html":
            continue
        urls.append(relative.removesuffix("index.html"))
    return urls


def html_file(site: Path, url: str) -> Path:
    return site / url / "index.html" if url.endswith("/") or not url else site / url


def test_the_fixture_reaches_every_kind_of_page(hostile_site: Path):
    urls = page_urls(hostile_site)
    for prefix in ("items/", "sources/", "themes/", "sectors/", "audiences/", "packages/"):
        assert any(url.startswith(prefix) for url in urls), prefix
    assert {"", "list/", "finder/", "search/"} <= set(urls)


@pytest.mark.browser
def test_no_page_runs_or_breaks_on_hostile_text(browser, hostile_site, hostile_server):
    host = urlsplit(hostile_server.url()).netloc
    watched = open_watched(browser, host)
    page = watched.page
    # Chromium asks the server root for /favicon.ico by itself; that is not the column's doing.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    missing: list[str] = []
    page.on(
        "response", lambda r: missing.append(f"{page.url} → {r.url}") if r.status >= 400 else None
    )
    problems = {}
    for url in page_urls(hostile_site):
        response = page.goto(hostile_server.url(url), wait_until="load")
        assert response is not None and response.ok, url
        found = page.evaluate(DOM_PROBE)
        # Injected CSS or markup would hide or empty the page; widgets have no h1.
        shown = page.locator("h1, .pc-widget").first
        if not shown.is_visible():
            found.append("nothing visible")
        if found:
            problems[url] = found
    watched.page.context.close()
    assert dialogs == []
    assert problems == {}
    assert missing == []
    assert watched.console_errors == []
    assert watched.foreign_requests == []


@pytest.mark.browser
def test_titles_and_headings_show_the_text_as_written(browser, hostile_site, hostile_server):
    host = urlsplit(hostile_server.url()).netloc
    watched = open_watched(browser, host)
    page = watched.page
    for record in records(hostile_site):
        page.goto(hostile_server.url(record["url"]))
        assert page.locator("h1").first.inner_text() == record["title"]
        assert page.title() == f"{record['title']} - {SITE_NAME}"
        topic = page.locator("[data-md-component=header-topic]").inner_text().strip()
        assert topic == record["title"]
        source = page.locator(".pc-breadcrumb a").first.inner_text()
        assert source == record["source_title"]
    page.goto(hostile_server.url("items/hostile-body/1/"))
    guide = page.locator(".pc-guide").inner_text()
    for text in ("<b onclick=alert('who')>个人</b>", "{{ 100*100 }}元", "@SUM(1+1)"):
        assert text in guide
    clause = page.locator(".pc-clause__text").inner_text()
    assert '<svg/onload=alert("clause")>' in clause
    assert '{% include "base.html" %}' in clause
    watched.page.context.close()


def test_external_links_are_http_and_marked(hostile_site: Path):
    """Every link out of the column goes to http(s) and says it leaves it."""
    from html.parser import HTMLParser

    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found: list[dict] = []

        def handle_starttag(self, tag, attrs):
            if tag == "a":
                self.found.append(dict(attrs))

    offenders = []
    for url in page_urls(hostile_site):
        parser = Links()
        parser.feed(html_file(hostile_site, url).read_text(encoding="utf-8"))
        for attrs in parser.found:
            href = (attrs.get("href") or "").strip()
            scheme = urlsplit(href).scheme.lower()
            if scheme in ("", "tel", "mailto") or href.startswith(SITE_URL):
                continue
            rel = set((attrs.get("rel") or "").split())
            if scheme not in ("http", "https") or not {"noopener", "noreferrer", "external"} <= rel:
                offenders.append((url, href[:60], attrs.get("rel")))
    assert offenders == []


def test_json_files_parse_and_keep_the_text(hostile_site: Path):
    titles = {record["title"] for record in records(hostile_site)}
    assert "=cmd|' /C calc'!A0<script>alert(\"override-title\")</script>" in titles
    for path in hostile_site.rglob("*.json"):
        if "pagefind" not in path.parts:
            json.loads(path.read_text(encoding="utf-8"))


def spreadsheet_cells(site: Path) -> list[tuple[str, object, object]]:
    from openpyxl import load_workbook

    cells = []
    for path in site.rglob("*.csv"):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
            cells += [(path.name, value, None) for value in row]
    for path in site.rglob("*.xlsx"):
        for sheet in load_workbook(path).worksheets:
            for row in sheet.iter_rows():
                cells += [(path.name, cell.value, cell) for cell in row]
    return cells


def test_spreadsheets_never_hold_a_formula(hostile_site: Path):
    cells = spreadsheet_cells(hostile_site)
    assert {name for name, _, _ in cells} >= {"policy-list.csv", "policy-list.xlsx"}
    texts = [value for _, value, _ in cells if isinstance(value, str)]
    assert any("alert(" in text for text in texts)  # the hostile text is there, inert
    for name, value, cell in cells:
        if cell is None:
            assert not (isinstance(value, str) and value.startswith(FORMULA_STARTS)), value
        else:
            assert cell.data_type != "f", (name, value)
            if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                assert cell.quotePrefix, (name, value)


def test_formula_cells_are_neutralised_both_ways():
    rows = [
        ["标题"],
        ['=HYPERLINK("https://evil.example/")'],
        ["+1"],
        ["-2+3"],
        ["@SUM(1)"],
        ["＝1"],
    ]
    text = list_csv(rows).decode("utf-8-sig")
    assert text.splitlines()[1:] == [
        '"\'=HYPERLINK(""https://evil.example/"")"',
        "'+1",
        "'-2+3",
        "'@SUM(1)",
        "'＝1",
    ]
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(list_xlsx(rows))).active
    assert [cell.value for (cell,) in sheet.iter_rows(min_row=2)] == [row[0] for row in rows[1:]]
    assert all(cell.data_type == "s" for (cell,) in sheet.iter_rows(min_row=2))


def test_feeds_and_calendars_carry_the_text_inertly(hostile_site: Path):
    """Feeds parse, HTML in them is escaped once more; calendar text cannot add lines."""
    from icalendar import Calendar

    feeds = list(hostile_site.glob("feeds/**/*.xml"))
    calendars = list(hostile_site.rglob("*.ics"))
    assert feeds and calendars
    for path in feeds:
        root = ET.parse(path).getroot()
        # Atom type="html" and RSS item descriptions are HTML once unescaped by XML; a
        # channel's description is plain text (RSS 2.0).
        html = [e for e in root.iter() if e.get("type") == "html"]
        html += root.findall("./channel/item/description")
        for element in html:
            assert "<script" not in (element.text or ""), path
    for path in calendars:
        raw = path.read_bytes()
        events = Calendar.from_ical(raw).walk("VEVENT")
        lines = raw.decode("utf-8").replace("\r\n ", "").split("\r\n")
        assert len(events) == lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") > 0
        assert "SUMMARY:injected" not in lines
        assert all(str(event.get("SUMMARY")) != "injected" for event in events)
    descriptions = [
        str(event.get("DESCRIPTION"))
        for path in calendars
        for event in Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    ]
    assert any("END:VEVENT\nBEGIN:VEVENT\nSUMMARY:injected" in text for text in descriptions)


def test_pages_link_only_to_web_addresses_even_past_the_loader():
    """The loader refuses javascript: and data: links; the templates refuse them too."""
    from dataclasses import replace
    from datetime import date

    from generator.output.html.pages import column_pages
    from generator.output.request import SiteFiles, SiteRequest
    from generator.pipeline.stages import check_policies

    column, _ = check_policies(HOSTILE)
    source = replace(column.sources[0], source_url="javascript:alert(1)")
    details = {"apply_url": "JavaScript:alert(2)", "video_url": "data:text/html,<b>x</b>"}
    items = tuple(
        replace(item, source=source, details=replace(item.details, **details))
        for item in column.items
        if item.source.slug == source.slug
    )
    column = replace(column, sources=(source,), items=items, schedule=None)
    request = SiteRequest.of(column, date.fromisoformat(AS_OF), ROOT / "overrides" / "fragments")
    pages = column_pages(request, SiteFiles()).pages
    for page in pages:
        html = page.html.lower()
        assert 'href="javascript' not in html and 'href="data:' not in html, page.uri
