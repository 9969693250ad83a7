"""The 宣传排期 pages in a real headless Chromium, on a desktop and on a phone."""

from __future__ import annotations

import pytest
from conftest import open_watched, screenshot_dir

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": (1280, 900), "phone": (390, 844)}


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("path", ["schedule/", "schedule/wechat/", "feeds/"])
def test_schedule_pages_load_cleanly_and_fit_the_screen(browser, sample_server, path, viewport):
    width, height = VIEWPORTS[viewport]
    host = sample_server.url().split("/")[2]
    watched = open_watched(browser, host, width, height)
    response = watched.page.goto(sample_server.url(path), wait_until="networkidle")
    assert response is not None and response.ok
    assert watched.page.locator("article h1").first.is_visible()
    assert watched.page.evaluate("document.documentElement.scrollWidth") <= width
    name = path.strip("/").replace("/", "-")
    watched.page.screenshot(path=str(screenshot_dir() / f"{name}-{viewport}.png"))
    assert watched.console_errors == []
    assert watched.foreign_requests == []
    watched.page.context.close()


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_jump_to_today_shows_today_highlighted(browser, sample_server, viewport):
    width, height = VIEWPORTS[viewport]
    host = sample_server.url().split("/")[2]
    watched = open_watched(browser, host, width, height)
    page = watched.page
    page.goto(sample_server.url("schedule/"), wait_until="networkidle")
    page.get_by_role("link", name="跳到今天").click()
    today = page.locator('tr[aria-current="date"]')
    assert today.count() == 1
    today.scroll_into_view_if_needed()
    assert today.is_visible()
    assert "今天" in today.inner_text()
    # The highlight is more than colour: an outline and the word 今天.
    assert (
        page.evaluate("getComputedStyle(document.querySelector('tr.pc-today')).outlineStyle")
        == "solid"
    )
    page.screenshot(path=str(screenshot_dir() / f"schedule-this-week-{viewport}.png"))
    # Every week table has a header per channel, so a screen reader names each cell.
    channels = page.locator("table.pc-channel-table tbody tr").count()
    week_headers = page.locator("table.pc-week-table").first.locator("thead th").count()
    assert week_headers == channels + 1
    page.context.close()


def test_home_page_shows_the_rolling_push(watched_page, sample_server):
    page = watched_page.page
    page.goto(sample_server.url(""), wait_until="networkidle")
    push = page.locator("section.pc-push")
    assert push.is_visible()
    assert push.locator("#push-recent + ul li").count() > 0
    push.get_by_role("link", name="宣传排期").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/schedule/")
