"""Accessibility in a real Chromium: axe-core on each kind of page, and the keyboard alone.

axe-core comes bundled in the axe-playwright-python wheel (installed with the test
extras), so nothing is downloaded while the tests run.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import open_watched

pytestmark = pytest.mark.browser

WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = {"serious", "critical"}


def axe_script() -> Path:
    from axe_playwright_python.base import AXE_FILE_PATH

    return Path(AXE_FILE_PATH)


def an_item_url(site: Path) -> str:
    """An item with an application guide: the fullest item page."""
    data = json.loads((site / "api/items.json").read_text(encoding="utf-8"))
    return next(record["url"] for record in data["items"] if record["deadline"])


def pages(site: Path) -> dict[str, str]:
    """One page of each kind the column has (the schedule page when there is a schedule)."""
    found = {
        "home": "",
        "item": an_item_url(site),
        "source": "sources/mzbh-2024-33/",
        "sources": "sources/",
        "browse": "sectors/",
        "term": "sectors/home-appliances/",
        "audience": "audiences/consumers/",
        "list": "list/",
        "finder": "finder/",
        "search": "search/?q=以旧换新",
        "packages": "packages/",
        "package": "packages/enterprises/home-appliances/",
        # two sectors: no ready-made package to forward to
        "custom package": "packages/custom/?audience=consumers&sector=automobiles&sector=energy",
        "schedule": "schedule/",
        "desk": "schedule/today/",
        "report": "schedule/reports/dekad-2025-03-1/",
        "interpretation": "zcjd/mzbh-2024-33-jiedu/",  # a 解读, with its table and links
        "interpretations": "zcjd/",
        "channel": "schedule/wechat/",
        "feeds": "feeds/",
        "about": "about/",
        "404": "404.html",
        "widget": "widgets/latest/",
    }
    return {name: url for name, url in found.items() if (site / url.split("?")[0]).exists()}


SETTLED = """() => document.fonts.ready.then(() => new Promise(done =>
  requestAnimationFrame(() => requestAnimationFrame(done))))"""

EXPIRE_CARDS = """() => document.querySelectorAll('li.pc-card').forEach((card, n) => {
  if (n % 2) return;
  card.classList.add('pc-card--expired');
  const badge = card.querySelector('.pc-status');
  badge.className = 'pc-status pc-status--expired';
  badge.textContent = '已失效';
})"""


def test_every_required_kind_of_page_is_checked(sample_site: Path):
    assert {"home", "item", "source", "browse", "list", "finder", "schedule"} <= set(
        pages(sample_site)
    )


# Every kind of page on a desktop; on a phone, where the layout differs most. Each in the
# three display modes: 大字模式 changes sizes and wrapping, 高对比度 every colour.
VIEWPORTS = {
    "desktop": ((1280, 900), None),
    "phone": ((390, 844), {"home", "item", "finder", "desk", "report", "source", "interpretation"}),
}
MODES = {"default": None, "large": "large", "contrast": "contrast"}


@pytest.mark.parametrize("mode", sorted(MODES))
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_axe_finds_no_serious_violation(browser, sample_server, sample_site, viewport, mode):
    size, only = VIEWPORTS[viewport]
    host = sample_server.url().split("/")[2]
    watched = open_watched(browser, host, *size)
    page = watched.page
    if MODES[mode]:
        page.context.add_init_script(
            f"localStorage.setItem('pc-display', JSON.stringify({{{MODES[mode]}: true}}))"
        )
    found = {}
    for name, url in pages(sample_site).items():
        if only and name not in only:
            continue
        page.goto(sample_server.url(url), wait_until="load")
        # The theme sizes its sidebars to what is left of the window above the footer, once the
        # fonts have laid the page out; axe checks the page as a reader then sees it.
        page.evaluate(SETTLED)
        if name == "search":  # the results, with their highlights, are what is checked
            page.wait_for_selector(".pc-result mark", state="attached", timeout=60000)
        if name == "audience":
            # Nothing has expired on the sample's date: show cards as _macros.html marks
            # expired items, which later builds have many of.
            page.evaluate(EXPIRE_CARDS)
        page.add_script_tag(path=str(axe_script()))
        results = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})",
            WCAG,
        )
        blocking = [
            f"{v['impact']} {v['id']}: {[n['target'] for n in v['nodes'][:3]]}"
            for v in results["violations"]
            if v["impact"] in BLOCKING
        ]
        if blocking:
            found[name] = blocking
    page.context.close()
    assert found == {}


def focused(page) -> dict:
    return page.evaluate(
        """() => {
          const e = document.activeElement;
          const style = getComputedStyle(e);
          return {tag: e.tagName, text: (e.innerText || '').trim(), href: e.getAttribute('href'),
                  outline: style.outlineStyle !== 'none' || style.boxShadow !== 'none'};
        }"""
    )


def tab_to(page, matches, limit: int = 80) -> dict:
    """Press Tab until the focused element matches; fail after ``limit`` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        element = focused(page)
        if matches(element):
            return element
    raise AssertionError("never reached by Tab")


def test_keyboard_alone_reaches_and_follows_a_link(watched_page, sample_server):
    page = watched_page.page
    page.goto(sample_server.url(""), wait_until="networkidle")
    skip = tab_to(page, lambda e: True, limit=1)
    assert (skip["href"], skip["text"]) == ("#pc-main", "跳转至正文")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "pc-main"

    element = tab_to(
        page, lambda e: e["tag"] == "A" and e["text"] == "政策清单" and "list" in (e["href"] or "")
    )
    assert element["outline"], "the focused link must show where the focus is"
    page.keyboard.press("Enter")
    page.wait_for_url("**/list/")
    assert page.locator("h1").first.inner_text() == "政策清单"

    header = tab_to(page, lambda e: e["tag"] == "BUTTON" and e["text"] == "申报截止")
    assert header["outline"]
    page.keyboard.press("Enter")
    assert page.locator("th", has_text="申报截止").get_attribute("aria-sort") == "ascending"
