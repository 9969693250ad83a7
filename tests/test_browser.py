"""The built column in a real headless Chromium: no console error, no request elsewhere."""

from __future__ import annotations

import json

import pytest
from conftest import open_watched, screenshot_dir

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


def first_item_url(sample_site) -> str:
    data = json.loads((sample_site / "api/items.json").read_text(encoding="utf-8"))
    return next(r["url"] for r in data["items"] if r["id"].startswith("jn-2025h1-car-subsidy/"))


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("page_name", ["home", "item"])
def test_page_loads_cleanly(browser, sample_server, sample_site, page_name, viewport):
    width, height = VIEWPORTS[viewport]
    host = sample_server.url().split("/")[2]
    watched = open_watched(browser, host, width, height)
    path = "" if page_name == "home" else first_item_url(sample_site)
    response = watched.page.goto(sample_server.url(path), wait_until="networkidle")
    assert response is not None and response.ok

    heading = watched.page.locator("article h1, .md-content h1").first
    assert heading.is_visible()
    assert heading.inner_text().strip()
    # Nothing overflows sideways on a phone: the page is as wide as the screen.
    page_width = watched.page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= width
    watched.page.screenshot(
        path=str(screenshot_dir() / f"{page_name}-{viewport}.png"), full_page=True
    )
    assert watched.console_errors == []
    assert watched.foreign_requests == []
    watched.page.context.close()


def test_item_page_links_to_its_clause_in_the_source(watched_page, sample_server, sample_site):
    page = watched_page.page
    page.goto(sample_server.url(first_item_url(sample_site)))
    page.get_by_role("link", name="全文中查看本条").click()
    page.wait_for_load_state()
    target = page.evaluate("location.hash")
    assert target.startswith("#c-")
    assert page.locator(f"[id='{target[1:]}']").is_visible()


def test_policy_list_sorts_by_deadline(watched_page, sample_server):
    page = watched_page.page
    page.goto(sample_server.url("list/"))
    header = page.locator("th", has_text="申报截止")
    header.get_by_role("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    keys = page.locator("table.pc-list tbody tr td:nth-child(5)").evaluate_all(
        "cells => cells.map(c => c.dataset.sort)"
    )
    assert keys == sorted(keys)
