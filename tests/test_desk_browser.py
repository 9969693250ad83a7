"""The editors' desk (schedule/today/) and the report page in a real headless Chromium."""

from __future__ import annotations

import pytest
from conftest import screenshot_dir

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": (1366, 900), "phone": (390, 844)}
DISPLAY = {"default": "", "large": "pc-large", "contrast": "pc-contrast"}


def open_page(browser, url: str, width: int, height: int, **context):
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="zh-CN", **context
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url, wait_until="networkidle")
    return page, errors


@pytest.mark.parametrize("display", sorted(DISPLAY))
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_each_channels_copy_is_on_one_screen(browser, sample_server, viewport, display):
    width, height = VIEWPORTS[viewport]
    page, errors = open_page(browser, sample_server.url("schedule/today/"), width, height)
    if DISPLAY[display]:
        page.evaluate(f"document.documentElement.classList.add('{DISPLAY[display]}')")
    sections = page.locator("section.pc-desk-channel")
    assert sections.count() == 6
    # Saturday 1 March: the desk says so and shows Monday's copy.
    assert "没有安排推送" in page.locator(".pc-lead").inner_text()
    assert "2025年3月3日 周一" in page.locator("article h1").inner_text()
    boxes = 0
    for index in range(sections.count()):
        section = sections.nth(index)
        section.scroll_into_view_if_needed()
        box = section.bounding_box()
        assert box["height"] <= height, (section.get_attribute("id"), box["height"])
        for text in section.locator("textarea").all():
            assert text.is_visible() and text.input_value()
            boxes += 1
    assert boxes == page.locator(".pc-desk-piece").count() >= 3
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(screenshot_dir() / f"desk-{viewport}-{display}.png"), full_page=True)
    assert errors == []
    page.context.close()


def test_the_copy_button_copies_the_text(browser, sample_server):
    page, errors = open_page(
        browser,
        sample_server.url("schedule/today/"),
        1366,
        900,
        permissions=["clipboard-read", "clipboard-write"],
    )
    buttons = page.locator("button[data-pc-copy]")
    assert buttons.count() == page.locator(".pc-desk-piece").count() >= 3
    for index in range(buttons.count()):
        button = buttons.nth(index)
        box_id = button.get_attribute("data-pc-copy")
        assert button.is_visible()
        button.click()
        expected = page.locator(f"#{box_id}").input_value()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == expected
        status = button.locator("xpath=..").locator(".pc-copy-status")
        assert status.inner_text() == "已复制"
    assert errors == []
    page.context.close()


def test_without_script_the_copy_stays_selectable(browser, sample_server):
    page, _ = open_page(
        browser, sample_server.url("schedule/today/"), 390, 844, java_script_enabled=False
    )
    assert page.locator("button[data-pc-copy]").first.is_hidden()
    text = page.locator("textarea.pc-desk-text").first
    assert text.is_visible() and text.get_attribute("readonly") is not None
    assert text.input_value()
    page.context.close()


def test_the_home_page_links_the_desk(browser, sample_server):
    page, _ = open_page(browser, sample_server.url(""), 1366, 900)
    page.get_by_role("link", name="编辑工作台（宣传专班）").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/schedule/today/")
    page.context.close()


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_a_channel_page_opens_at_this_month_and_jumps_to_today(browser, sample_server, viewport):
    width, height = VIEWPORTS[viewport]
    page, errors = open_page(browser, sample_server.url("schedule/wechat/"), width, height)
    months = page.locator("details.pc-month")
    assert months.count() == 12
    assert page.locator("details.pc-month[open]").count() == 1
    assert page.locator("details.pc-month[open]").get_attribute("id") == "m2025-03"
    # A month at a time: the page is a few screens, not 24 000 px.
    assert page.evaluate("document.documentElement.scrollHeight") < 12 * height
    page.get_by_role("link", name="跳到今天").first.click()
    target = page.locator("li.pc-slot:target")
    assert target.count() == 1 and target.is_visible()
    # A link to a slot of another month opens that month (the desk links slots so).
    july = page.locator("#m2025-07 li.pc-slot").first.get_attribute("id")
    page.goto(sample_server.url(f"schedule/wechat/#{july}"))
    assert page.locator("#m2025-07[open]").count() == 1
    assert page.locator(f"#{july}").is_visible()
    assert errors == []
    page.context.close()


@pytest.mark.parametrize("display", sorted(DISPLAY))
@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_the_report_page_reads_on_a_phone_and_a_desktop(browser, sample_server, viewport, display):
    width, height = VIEWPORTS[viewport]
    page, errors = open_page(
        browser, sample_server.url("schedule/reports/dekad-2025-03-1/"), width, height
    )
    if DISPLAY[display]:
        page.evaluate(f"document.documentElement.classList.add('{DISPLAY[display]}')")
    headings = page.locator("article.pc-report h2").all_inner_texts()
    assert [h[:2] for h in headings] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、"]
    assert page.locator(".pc-light").count() == 6
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(screenshot_dir() / f"report-{viewport}-{display}.png"), full_page=True)
    assert errors == []
    page.context.close()
