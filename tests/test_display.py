"""What readers see in Chromium, on a phone (390 px) and a desktop (1366 px), in the default,
大字 and 高对比度 modes: tables that fit, words that do not break, targets big enough to tap,
titles dark enough, the 404 page, the item page's QR code and print button, and the finder
agreeing with the audience pages. Uses the session's sample column and browser.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import open_watched, serve, serve_build

pytestmark = pytest.mark.browser

PHONE, DESKTOP = (390, 844), (1366, 900)
MODES = {"default": None, "large": "large", "contrast": "contrast"}


def open_in(browser, server, size, mode: str | None = None):
    """A tab at ``size`` with a display mode chosen as a reader would (remembered setting)."""
    watched = open_watched(browser, urlsplit(server.url()).netloc, *size)
    if mode:
        watched.page.context.add_init_script(
            f"localStorage.setItem('pc-display', JSON.stringify({{{mode}: true}}))"
        )
    return watched


def an_item_with_a_guide(site: Path) -> str:
    data = json.loads((site / "api/items.json").read_text(encoding="utf-8"))
    return next(record["url"] for record in data["items"] if record["deadline"])


def contrast(page, selector: str) -> float:
    """WCAG contrast of an element's text against the nearest opaque background."""
    return page.evaluate(
        """(selector) => {
          const element = document.querySelector(selector);
          const rgb = (text) => text.match(/[\\d.]+/g).map(Number);
          const luminance = ([r, g, b]) => {
            const c = [r, g, b].map(v => {
              v /= 255;
              return v <= .03928 ? v / 12.92 : ((v + .055) / 1.055) ** 2.4;
            });
            return .2126 * c[0] + .7152 * c[1] + .0722 * c[2];
          };
          let ground = element, back = null;
          while (ground) {
            const value = rgb(getComputedStyle(ground).backgroundColor);
            if (value.length < 4 || value[3] === 1) { back = value; break; }
            ground = ground.parentElement;
          }
          back = (back || [255, 255, 255]).slice(0, 3);
          // A translucent text colour (Material's greys are black at an alpha) over its ground.
          const text = rgb(getComputedStyle(element).color);
          const alpha = text.length > 3 ? text[3] : 1;
          const fore = text.slice(0, 3).map((v, n) => v * alpha + back[n] * (1 - alpha));
          const [a, b] = [luminance(fore), luminance(back)].sort((x, y) => y - x);
          return (a + .05) / (b + .05);
        }""",
        selector,
    )


# --- tables on a phone -------------------------------------------------------------------

OVERFLOW = """(selector) => Array.from(document.querySelectorAll(selector)).filter(cell => {
  const box = cell.getBoundingClientRect();
  return box.width > 0 && (box.right > document.documentElement.clientWidth + 1 || box.left < -1);
}).length"""
BROKEN = """(selector) => Array.from(document.querySelectorAll(selector)).filter(element => {
  const range = document.createRange();
  range.selectNodeContents(element);
  const tops = new Set(Array.from(range.getClientRects()).map(r => Math.round(r.top)));
  return tops.size > 1;
}).map(e => e.textContent.trim())"""


@pytest.mark.parametrize("mode", ["default", "large"])
def test_policy_list_and_channel_table_fit_a_phone(browser, sample_server, mode):
    watched = open_in(browser, sample_server, PHONE, MODES[mode])
    page = watched.page
    page.goto(sample_server.url("list/"), wait_until="load")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
    # Every cell of every policy is on screen: 对象, 申报截止 and 状态 included.
    assert page.evaluate(OVERFLOW, "table.pc-list td") == 0
    assert page.locator("table.pc-list td[data-label='状态']").first.is_visible()
    # A 文号 is never broken inside ("济商务字〔2025〕5 / 号").
    assert page.evaluate(BROKEN, ".pc-docnum") == []
    page.goto(sample_server.url("schedule/"), wait_until="load")
    assert page.evaluate(OVERFLOW, "table.pc-channel-table th, table.pc-channel-table td") == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0]
    page.context.close()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_application_guide_is_body_size_with_room_in_its_cells(
    browser, sample_server, sample_site, size
):
    watched = open_in(browser, sample_server, size)
    page = watched.page
    page.goto(sample_server.url(an_item_with_a_guide(sample_site)), wait_until="load")
    cells = page.evaluate(
        """() => Array.from(document.querySelectorAll('.pc-guide__table th, .pc-guide__table td'))
          .map(c => { const s = getComputedStyle(c); return {
            text: c.textContent.trim(), size: parseFloat(s.fontSize),
            padding: parseFloat(s.paddingLeft), overflow: c.scrollWidth > c.clientWidth + 1}; })"""
    )
    assert cells
    assert min(cell["size"] for cell in cells) >= 16
    assert min(cell["padding"] for cell in cells) >= 6
    assert [cell["text"] for cell in cells if cell["overflow"]] == []
    page.context.close()


# --- the toolbar, tap targets, titles, the search box -------------------------------------


def test_large_font_toolbar_on_a_phone_breaks_no_word(browser, sample_server):
    watched = open_in(browser, sample_server, PHONE, "large")
    page = watched.page
    for url in ("", "list/", "sectors/home-appliances/"):
        page.goto(sample_server.url(url), wait_until="load")
        assert page.evaluate(BROKEN, ".pc-toolbar__button, .pc-toolbar__label") == []
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE[0], url
    page.context.close()


@pytest.mark.parametrize("mode", ["default", "large"])
def test_tags_and_toolbar_buttons_are_at_least_24_px(browser, sample_server, sample_site, mode):
    watched = open_in(browser, sample_server, PHONE, MODES[mode])
    page = watched.page
    page.goto(sample_server.url(an_item_with_a_guide(sample_site)), wait_until="load")
    heights = page.evaluate(
        """() => Array.from(document.querySelectorAll('.pc-tag, .pc-toolbar__button'))
          .filter(e => e.offsetParent).map(e => e.getBoundingClientRect().height)"""
    )
    assert heights and min(heights) >= 24
    page.context.close()


def test_home_search_placeholder_fits_its_box_on_a_phone(browser, sample_server):
    watched = open_in(browser, sample_server, PHONE)
    page = watched.page
    page.goto(sample_server.url(""), wait_until="load")
    room, needed = page.evaluate(
        """() => {
          const input = document.getElementById('pc-home-q');
          const style = getComputedStyle(input);
          const context = document.createElement('canvas').getContext('2d');
          context.font = style.font;
          const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
          const room = input.clientWidth - padding;
          return [room, context.measureText(input.placeholder).width];
        }"""
    )
    assert needed <= room
    # The longer examples are still there, under the box.
    assert "客服电话" in page.locator("#pc-home-hint").inner_text()
    page.context.close()


@pytest.mark.parametrize("mode", ["default", "contrast"])
def test_page_titles_are_in_full_ink(browser, sample_server, mode):
    watched = open_in(browser, sample_server, DESKTOP, MODES[mode])
    page = watched.page
    for url in ("", "list/", "sources/"):
        page.goto(sample_server.url(url), wait_until="load")
        assert contrast(page, ".md-content h1") >= 7, url  # AAA: Material's grey was 4.6
    page.context.close()


def test_search_highlights_stay_visible_in_high_contrast(browser, sample_server):
    watched = open_in(browser, sample_server, DESKTOP, "contrast")
    page = watched.page
    page.goto(sample_server.url("search/?q=以旧换新"), wait_until="load")
    page.wait_for_selector(".pc-result mark", state="attached", timeout=60000)
    assert contrast(page, ".pc-result__excerpt mark") >= 7
    assert contrast(page, ".pc-result mark") >= 7
    page.context.close()


@pytest.fixture(scope="module")
def later_server(tmp_path_factory):
    """The sample on 2025-05-01: the car subsidy's items have expired and say so."""
    yield from serve_build(tmp_path_factory.mktemp("later") / "site", "--as-of", "2025-05-01")


def test_warnings_in_the_amber_of_deadlines_stay_visible_in_high_contrast(browser, later_server):
    watched = open_in(browser, later_server, PHONE, "contrast")
    page = watched.page
    page.goto(later_server.url("items/jn-2025h1-car-subsidy/3/"), wait_until="load")
    assert "已失效" in page.locator(".pc-warning").inner_text()
    assert contrast(page, ".pc-warning") >= 7
    page.goto(later_server.url("schedule/"), wait_until="load")
    assert contrast(page, ".pc-pinned-mark") >= 7
    page.context.close()


# --- the 404 page ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "prefix, missing",
    [
        ("/", "items/no-such-doc/9-9/"),  # built for /zt/lzlx/, published at the root
        ("/", "no/such/page"),  # nothing in the address names a folder of the column
        ("/zt/lzlx/", "sources/gone/deeper/"),
        ("/zt/lzlx/", "nothing-here.html"),
    ],
)
def test_not_found_page_is_chinese_with_search_and_working_links(
    browser, sample_site, prefix, missing
):
    server = serve(sample_site, prefix, not_found=True)
    try:
        watched = open_in(browser, server, PHONE)
        page = watched.page
        response = page.goto(server.url(missing), wait_until="networkidle")
        assert response.status == 404
        assert page.locator("html").get_attribute("lang") == "zh"
        assert page.locator(".md-content h1").inner_text() == "页面不存在"
        assert "404" in page.title() or "页面不存在" in page.title()
        # Styled: Material's stylesheet applies (an unstyled page is thousands of px tall).
        assert page.evaluate("document.documentElement.scrollHeight") < 2500
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).position")
        assert header == "sticky"
        search = page.locator(".pc-not-found input[type=search]")
        search.fill("家电")
        search.press("Enter")
        page.wait_for_url("**/search/?q=*")
        assert urlsplit(page.url).path == f"{prefix}search/"
        page.go_back(wait_until="networkidle")
        page.get_by_role("link", name="返回专栏首页").click()
        page.wait_for_load_state("load")
        assert urlsplit(page.url).path == prefix
        assert page.locator(".pc-home h1").is_visible()
        page.context.close()
    finally:
        server.httpd.shutdown()


# --- the item page: QR code and print ---------------------------------------------------------


def test_item_page_has_a_qr_code_of_itself_and_a_print_button(browser, sample_server, sample_site):
    pyzbar = pytest.importorskip("pyzbar.pyzbar")
    image_module = pytest.importorskip("PIL.Image")
    watched = open_in(browser, sample_server, PHONE)
    page = watched.page
    url = sample_server.url(an_item_with_a_guide(sample_site))
    page.goto(url, wait_until="load")
    code = page.locator(".pc-item__qr .pc-qr")
    code.scroll_into_view_if_needed()
    page.wait_for_selector(".pc-item__qr svg")
    image = image_module.open(io.BytesIO(code.screenshot()))
    decoded = [symbol.data.decode() for symbol in pyzbar.decode(image)]
    assert decoded == [url]
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="打印本条政策").click()
    assert page.evaluate("window.printed") is True
    page.context.close()


# --- the finder and the audience pages agree ----------------------------------------------


def test_finder_and_audience_page_list_the_same_items(browser, sample_server):
    watched = open_in(browser, sample_server, DESKTOP)
    page = watched.page
    page.goto(sample_server.url("finder/?who=enterprises&type=manufacturers&expired=1"))
    page.wait_for_function(
        "!document.querySelector('.pc-finder__status').textContent.includes('正在')"
    )
    found = set(
        page.eval_on_selector_all(
            ".pc-finder__results .pc-card__title", "as => as.map(a => a.pathname)"
        )
    )
    page.goto(sample_server.url("audiences/manufacturers/"), wait_until="load")
    listed = set(page.eval_on_selector_all(".pc-card__title", "as => as.map(a => a.pathname)"))
    assert found and found == listed
    page.context.close()
